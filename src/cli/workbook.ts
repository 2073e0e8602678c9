import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { TokenomicsError } from "../core";
import { comparePlan, modelPlan, type LayoutPlan, type Workload } from "../workbook/plan";
import { planWorkbook } from "../workbook/xlsx";

/**
 * `npm run workbook -- --model "Llama 3.1 70B" --system GH200 [--context 10000] [--users 16]
 *  [--compare H100,H200,B200] [--out tokenomics.xlsx]`
 * Writes the task pane's model sheet (and a comparison) as an .xlsx of native formulas: a workbook a
 * finance team opens in Excel, LibreOffice or Google Sheets, no add-in needed. Bad arguments end
 * with one line on stderr and exit code 1, and never leave a half-written file.
 */
const HELP = `Usage: npm run workbook -- --model NAME --system NAME [options]

  --model NAME        a model preset or Hugging Face id ("Llama 3.1 70B", "deepseek-ai/DeepSeek-V3")
  --system NAME       a system preset ("GH200", "H100", "GB200 NVL72")
  --context TOKENS    tokens of context per user, input + output (default 10000, the source
                      article's example: 9000 in, 1000 out)
  --input TOKENS      input (prompt) tokens per user (instead of --context)
  --output TOKENS     output (generated) tokens per user (default 1000)
  --users N           concurrent users for the memory and racks (default 16, the article's
                      example); the throughput estimate runs each replica as full as fits
  --precision NAME    weight format (default: the model's native precision)
  --kv-precision NAME KV-cache format (default FP16)
  --compare A,B,...   also write a comparison of 2 to 20 systems
  --out FILE          where to write (default tokenomics.xlsx)
`;

class UsageError extends Error {}

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a number ≥ 0; got "${text}".`);
  }
  return value;
}

export async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: "string" },
      system: { type: "string" },
      context: { type: "string" },
      input: { type: "string" },
      output: { type: "string" },
      users: { type: "string" },
      precision: { type: "string" },
      "kv-precision": { type: "string" },
      compare: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return HELP;
  if (!values.model)
    throw new UsageError(
      '--model is required, e.g. --model "Llama 3.1 70B". --help lists the options.'
    );
  if (!values.system)
    throw new UsageError("--system is required, e.g. --system GH200. --help lists the options.");
  if (values.context !== undefined && values.input !== undefined) {
    throw new UsageError("give --context or --input/--output, not both.");
  }
  const outputTokens = number("output", values.output, 1000);
  const inputTokens =
    values.input !== undefined
      ? number("input", values.input, 0)
      : number("context", values.context, 10000) - outputTokens;
  if (inputTokens <= 0) {
    throw new UsageError(
      `--context must be more than --output (${outputTokens}): the context holds the input and the output.`
    );
  }
  const workload: Workload = {
    inputTokens,
    outputTokens,
    users: number("users", values.users, 16),
    ...(values.precision ? { precision: values.precision } : {}),
    ...(values["kv-precision"] ? { kvPrecision: values["kv-precision"] } : {}),
  };
  const plans: LayoutPlan[] = [
    modelPlan({ model: values.model, system: values.system, workload }, "Model"),
  ];
  if (values.compare) {
    const systems = values.compare
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    plans.push(comparePlan({ model: values.model, systems, workload }, "Compare"));
  }

  const out = path.resolve(values.out ?? "tokenomics.xlsx");
  if (!out.toLowerCase().endsWith(".xlsx"))
    throw new UsageError(`--out must name an .xlsx file; got "${values.out}".`);
  const directory = path.dirname(out);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new UsageError(
      `cannot write to ${directory}: the folder does not exist or is not writable.`
    );
  }
  // Write beside the target, then rename: a failure leaves no half-written workbook.
  const temporary = path.join(directory, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await planWorkbook(plans).xlsx.writeFile(temporary);
    fs.renameSync(temporary, out);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UsageError(
      `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const title = String(plans[0].cells[0].value).replace(/^Tokenomics: /, "");
  const compared = values.compare
    ? ` and a comparison of ${plans[1].charts[0].values.cols} systems (sheet Compare)`
    : "";
  return `Wrote ${out}: ${title} (sheet Model)${compared}. It opens in Excel, LibreOffice or Google Sheets with live formulas and no add-in; shaded cells are inputs.`;
}

const invokedDirectly =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (message) => console.log(message),
    (error) => {
      const known =
        error instanceof UsageError ||
        error instanceof TokenomicsError ||
        (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      const message = known ? (error as Error).message : `unexpected error: ${String(error)}`;
      console.error(`workbook: ${message.replace(/\s*\n\s*/g, " ")}`); // one line
      process.exit(1);
    }
  );
}
