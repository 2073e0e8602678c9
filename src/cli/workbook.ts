import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pkg from "../../package.json";
import {
  bytesPerValue,
  checkNumber,
  MODEL_PRESETS,
  parseQuantity,
  SYSTEM_PRESETS,
  TokenomicsError,
  type NumberRule,
} from "../core";
import { FINANCE_PARAMS, POWER_PER_RACK_KW, PRICE_PER_RACK } from "../core/formulas/params";
import {
  comparePlan,
  modelPlan,
  type FinanceKey,
  type LayoutPlan,
  type UnitOverrides,
  type Workload,
} from "../workbook/plan";
import { planWorkbook } from "../workbook/xlsx";
import { InputError, parseOptions, UsageError, type OptionSpec } from "./options";

/**
 * `npm run workbook -- --model NAME --system NAME [options]`: writes the task pane's model sheet (and
 * a comparison) as an .xlsx of native formulas — a workbook a finance team opens in Excel,
 * LibreOffice or Google Sheets with no add-in. Exit codes: 0 written (or help, version, a list),
 * 1 a value that cannot be (an unknown model, -5 users, an existing file), 2 the command used wrongly
 * (an unknown option, a missing value). Errors are one line on stderr; no half-written file is left.
 */
export const HELP = `Usage: npm run workbook -- --model NAME --system NAME [options]
       npm run workbook -- --list models|systems
       npm run workbook -- --help | --version

Writes an .xlsx whose formulas are Excel's own: the model on the system (sheet Model) and,
with --compare, the same workload on several systems (sheet Compare). Shaded cells are inputs.

  --model NAME          a model preset or Hugging Face id ("Llama 3.1 70B", deepseek-ai/DeepSeek-V3)
  --system NAME         a system preset (GH200, H100, "GB200 NVL72")

Workload, per user (numbers as 10000, 10,000, 10k or 1e4):
  --context TOKENS      input + output tokens (default 10000: 9000 in, 1000 out, the source
                        article's example)
  --input TOKENS        input (prompt) tokens, instead of --context
  --output TOKENS       output (generated) tokens (default 1000)
  --users N             concurrent users for memory and racks (default 16, the article's example)
  --precision NAME      weight format, e.g. FP8 (default: the model's native precision)
  --kv-precision NAME   KV-cache format (default FP16)

The unit bought for --system (its rack, or its server where it has no rack preset):
  --price USD           purchase price of one unit (default: the preset's, with its source)
  --power KW            IT power of one unit, kW
  --tokens-per-sec N    measured output tokens/s of one unit, instead of MLPerf's or the estimate

Finance (defaults and their sources: docs/functions.md):
  --years N             depreciation life (default 5)
  --wacc RATE           cost of capital, 10% or 0.1 (default 10%)
  --hosting USD         colocation rent, USD per kW per month (default 184.06)
  --energy USD          electricity, USD per kWh (default 0.0806)
  --pue RATIO           facility power / IT power (default 1.25)
  --utilization RATE    share of the year serving, 80% or 0.8 (default 80%)

Output:
  --compare A,B,...     also compare 2 to 20 systems ("H100,B200,GB200 NVL72")
  --out FILE            the workbook to write (default tokenomics.xlsx), relative to the
                        directory you ran the command in
  --force               replace FILE if it exists

  --list models|systems print the presets, one per line: name, a tab, the other names it answers to
  --help, -h            this text
  --version             the version

Exit codes: 0 done, 1 a value that cannot be used (the message says which), 2 a usage mistake.
`;

const OPTIONS: Record<string, OptionSpec> = {
  model: { value: true },
  system: { value: true },
  context: { value: true },
  input: { value: true },
  output: { value: true },
  users: { value: true },
  precision: { value: true },
  "kv-precision": { value: true },
  price: { value: true },
  power: { value: true },
  "tokens-per-sec": { value: true },
  years: { value: true },
  wacc: { value: true },
  hosting: { value: true },
  energy: { value: true },
  pue: { value: true },
  utilization: { value: true },
  compare: { value: true },
  out: { value: true },
  force: { value: false },
  list: { value: true },
  help: { value: false, short: "h" },
  version: { value: false },
};

/**
 * Whole tokens and users, with ceilings far above any real workload (the longest published context
 * is 10 million tokens) so that a typo such as 1e308 is refused instead of filling a sheet with #NUM!.
 */
const TOKENS: NumberRule = { kind: "number", min: 1, integer: true };
const USERS: NumberRule = { kind: "number", min: 1, integer: true };
const CEILINGS: Record<string, number> = { context: 1e8, input: 1e8, output: 1e8, users: 1e9 };
const TOKENS_PER_SEC: NumberRule = { kind: "number", min: 0, minExclusive: true };

/** Each finance option and the plan's key it sets (bounds and percentages: FINANCE_PARAMS). */
const FINANCE: [option: string, key: FinanceKey][] = [
  ["years", "years"],
  ["wacc", "wacc"],
  ["hosting", "hosting_per_kw_month"],
  ["energy", "energy_per_kwh"],
  ["pue", "pue"],
  ["utilization", "utilization"],
];

export interface RunOptions {
  /** The directory relative paths are read from: where the user ran the command. */
  cwd?: string;
}

export async function main(argv: string[], run: RunOptions = {}): Promise<string> {
  const values = parseOptions(argv, OPTIONS);
  const text = (name: string) => values[name] as string | undefined;
  if (values.help) return HELP;
  if (values.version) return `${pkg.name} ${pkg.version}`;
  if (values.list !== undefined) return list(text("list")!);

  const required = (name: string, example: string) => {
    const value = text(name);
    if (value === undefined)
      throw new UsageError(
        `--${name} is required, e.g. --${name} ${example}. --help lists the options.`
      );
    return value;
  };
  const modelName = required("model", '"Llama 3.1 70B"');
  const systemName = required("system", "GH200");
  if (text("context") !== undefined && text("input") !== undefined) {
    throw new UsageError(
      "give --context (input + output) or --input, not both: --input 9000 --output 1000 is --context 10000."
    );
  }
  const number = (name: string, rule: NumberRule, percent = false): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const read = parseQuantity(raw, { percent });
    if ("problem" in read) {
      const hint = name === "output" ? " (--output is tokens; the file is --out)" : "";
      throw new InputError(`--${name} "${raw}" ${read.problem}${hint}.`);
    }
    const value = checkNumber(`--${name}`, rule, read.value);
    if (value > (CEILINGS[name] ?? Infinity)) {
      throw new InputError(
        `--${name} must be at most ${fmt(CEILINGS[name])}; got ${raw}. Is it a typo?`
      );
    }
    return value;
  };

  const outputTokens = number("output", TOKENS) ?? 1000;
  const context = number("context", TOKENS);
  const inputTokens = number("input", TOKENS) ?? (context ?? 10000) - outputTokens;
  if (inputTokens < 1) {
    throw new InputError(
      `--context (${context ?? 10000}) must be more than --output (${outputTokens}): the context holds the input and the output.`
    );
  }
  const model = MODEL_PRESETS.resolve(modelName);
  if (model.max_context && inputTokens + outputTokens > model.max_context) {
    throw new InputError(
      `${fmt(inputTokens + outputTokens)} tokens of context (input + output) is longer than ${model.name}'s max_context of ${fmt(model.max_context)}: shorten --context or --input.`
    );
  }
  SYSTEM_PRESETS.resolve(systemName); // an unknown system is named before anything else is read
  const precision = text("precision");
  const kvPrecision = text("kv-precision");
  if (precision !== undefined) bytesPerValue(precision, "--precision");
  if (kvPrecision !== undefined) bytesPerValue(kvPrecision, "--kv-precision");
  const workload: Workload = {
    inputTokens,
    outputTokens,
    users: number("users", USERS) ?? 16,
    ...(precision !== undefined ? { precision } : {}),
    ...(kvPrecision !== undefined ? { kvPrecision } : {}),
  };
  const unit: UnitOverrides = {};
  const price = number("price", PRICE_PER_RACK.rule as NumberRule);
  const power = number("power", POWER_PER_RACK_KW.rule as NumberRule);
  const tokensPerSec = number("tokens-per-sec", TOKENS_PER_SEC);
  if (price !== undefined) unit.pricePerUnit = price;
  if (power !== undefined) unit.powerPerUnitKW = power;
  if (tokensPerSec !== undefined) unit.tokensPerSecPerUnit = tokensPerSec;
  const finance: Partial<Record<FinanceKey, number>> = {};
  for (const [option, key] of FINANCE) {
    const { param, fraction } = FINANCE_PARAMS[key];
    const value = number(option, param.rule as NumberRule, fraction);
    if (value !== undefined) finance[key] = value;
  }

  const out = target(text("out") ?? "tokenomics.xlsx", run.cwd ?? process.cwd());
  const force = values.force === true;
  if (fs.existsSync(out) || isLink(out)) refuseExisting(out, force);

  const plans: LayoutPlan[] = [
    modelPlan({ model: modelName, system: systemName, workload, finance, unit }, "Model"),
  ];
  const compare = text("compare");
  if (compare !== undefined) {
    const systems = compare
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    plans.push(comparePlan({ model: modelName, systems, workload, finance }, "Compare"));
  }
  write(out, Buffer.from(await planWorkbook(plans).xlsx.writeBuffer()), force);

  const title = String(plans[0].cells[0].value).replace(/^Tokenomics: /, "");
  const compared = compare
    ? ` and a comparison of ${plans[1].charts[0].values.cols} systems (sheet Compare)`
    : "";
  return (
    `Wrote ${out}: ${title} (sheet Model)${compared}, for ${fmt(inputTokens)} input + ` +
    `${fmt(outputTokens)} output tokens per user and ${fmt(workload.users)} users. It opens in ` +
    `Excel, LibreOffice or Google Sheets with live formulas and no add-in; shaded cells are inputs.`
  );
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** `--list models` / `--list systems`: name, a tab, its other names; one preset a line. */
function list(kind: string): string {
  const presets =
    kind === "models" ? MODEL_PRESETS : kind === "systems" ? SYSTEM_PRESETS : undefined;
  if (!presets) throw new UsageError(`--list takes models or systems; got "${kind}".`);
  return presets.items.map((p) => [p.name, (p.aliases ?? []).join(", ")].join("\t")).join("\n");
}

/** The absolute .xlsx path `out` names, read from `cwd`; its folder must exist and be writable. */
function target(out: string, cwd: string): string {
  const file = path.resolve(cwd, out);
  if (!file.toLowerCase().endsWith(".xlsx"))
    throw new InputError(`--out must name an .xlsx file; got "${out}".`);
  const directory = path.dirname(file);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new InputError(
      `cannot write to ${directory}: the folder does not exist or is not writable.`
    );
  }
  return file;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function refuseExisting(file: string, force: boolean): void {
  if (!force)
    throw new InputError(`${file} exists: add --force to replace it, or choose another --out.`);
  const stat = fs.lstatSync(file);
  if (stat.isDirectory()) throw new InputError(`${file} is a folder, not a workbook.`);
  if (!stat.isSymbolicLink()) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch {
      throw new InputError(
        `${file} is read-only: make it writable first if you mean to replace it.`
      );
    }
  }
}

/**
 * Writes `bytes` to `file` through a temporary file created exclusively beside it (O_EXCL: an
 * existing file or a planted link there makes the create fail rather than be followed), then moves
 * it into place: a link at `file` is replaced, not written through, and without `force` the move
 * fails if `file` appeared meanwhile. A failure leaves no temporary file and no half-written workbook.
 */
function write(file: string, bytes: Buffer, force: boolean): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`
  );
  let created = false;
  try {
    const fd = fs.openSync(temporary, "wx", 0o644);
    created = true;
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (force) fs.renameSync(temporary, file);
    else placeNew(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && created)
      throw new InputError(`${file} exists: add --force to replace it, or choose another --out.`);
    throw new InputError(
      `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`
    );
  } finally {
    if (created) fs.rmSync(temporary, { force: true });
  }
}

/** Moves `temporary` to `file` only if `file` does not exist (a hard link fails with EEXIST). */
function placeNew(temporary: string, file: string): void {
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT, some network shares) have no hard links: check, then move.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    if (fs.existsSync(file) || isLink(file))
      throw Object.assign(new Error("exists"), { code: "EEXIST" });
    fs.renameSync(temporary, file);
  }
}

/** The exit code for an error: 2 usage, 1 everything else. */
export function exitCode(error: unknown): 1 | 2 {
  return error instanceof UsageError ? 2 : 1;
}

/** One line for stderr. */
export function errorLine(error: unknown): string {
  const known =
    error instanceof UsageError || error instanceof InputError || error instanceof TokenomicsError;
  let message = known ? (error as Error).message : `unexpected error: ${String(error)}`;
  // npm takes `--model X` for its own config when `--` is missing: say so.
  if (error instanceof UsageError && process.env.npm_config_model !== undefined)
    message +=
      ' npm took the options for itself: put -- before them (npm run workbook -- --model "…").';
  message = message.replace(
    /=TOKENOMICS\.(MODEL|SYSTEM)S\(\) lists them all/,
    (_m, kind: string) => `npm run workbook -- --list ${kind.toLowerCase()}s lists them all`
  );
  return `workbook: ${message.replace(/\s*\n\s*/g, " ")}`;
}

const invokedDirectly =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename);
if (invokedDirectly) {
  // npm runs scripts in the package's folder; INIT_CWD is where the user typed the command.
  main(process.argv.slice(2), { cwd: process.env.INIT_CWD ?? process.cwd() }).then(
    (message) => console.log(message),
    (error) => {
      console.error(errorLine(error));
      process.exit(exitCode(error));
    }
  );
}
