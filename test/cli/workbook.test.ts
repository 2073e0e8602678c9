import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MODEL_PRESETS, SYSTEM_PRESETS } from "../../src/core";
import { errorLine, exitCode, HELP, main } from "../../src/cli/workbook";
import { UsageError } from "../../src/cli/options";
import pkg from "../../package.json";

/** `npm run workbook`: the product's main job on a machine without Excel. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenomics-cli-"));
let fileCount = 0;
const fresh = () => path.join(dir, `w${++fileCount}.xlsx`);
const pair = ["--model", "Llama 3.1 70B", "--system", "GH200"];

/** The command as a user runs it: a process, its stdout, stderr and exit code. */
function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("src/cli/workbook.ts"), ...args],
    { encoding: "utf8", cwd: options.cwd, env: { ...process.env, ...options.env } }
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function sheetRows(file: string, sheet = "Model") {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const ws = workbook.getWorksheet(sheet)!;
  const rows = new Map<string, { value: unknown; source: unknown }>();
  ws.eachRow((row) => {
    const field = row.getCell(1).value;
    if (typeof field === "string" && !rows.has(field))
      rows.set(field, { value: row.getCell(2).value, source: row.getCell(4).value });
  });
  return { workbook, rows };
}

afterEach(() => vi.restoreAllMocks());

describe("npm run workbook writes a workbook", () => {
  it("of the model and a comparison as native formulas, and says where and for what workload", async () => {
    const out = fresh();
    const message = await main([
      ...["--model", "Llama-3.1-70B", "--system", "GH200", "--context", "10k", "--users", "16"],
      ...["--compare", "H100,H200,B200", "--out", out],
    ]);
    expect(message).toMatch(
      /^Wrote .*\.xlsx: Llama 3\.1 70B on NVIDIA GH200 144GB \(sheet Model\) and a comparison of 3 systems \(sheet Compare\), for 9,000 input \+ 1,000 output tokens per user and 16 users\./
    );
    const { workbook, rows } = await sheetRows(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Model", "Compare"]);
    expect(rows.get("users")!.value).toBe(16);
    expect(rows.get("input_tokens")!.value).toBe(9000);
    // Every compared system has a price per million input and output tokens: native formulas.
    const compare = workbook.getWorksheet("Compare")!;
    for (const field of [
      "cost_per_million_tokens",
      "usd_per_m_input_tokens",
      "usd_per_m_output_tokens",
    ]) {
      const row = compare.getColumn(1).values.indexOf(field);
      expect(row, field).toBeGreaterThan(0);
      for (const col of [2, 3, 4]) {
        const cell = compare.getCell(row, col).value as { formula?: string };
        expect(cell.formula, `${field} column ${col}`).toBeTruthy();
        expect(cell.formula).not.toMatch(/TOKENOMICS/);
      }
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("with the unit's price, power and tokens/s and the finance assumptions the user gives", async () => {
    const out = fresh();
    await main([
      ...pair,
      ...["--price", "3.5M", "--power", "1.2", "--tokens-per-sec", "2,500"],
      ...["--wacc", "12%", "--utilization", "0.6", "--years", "4", "--pue", "1.1"],
      ...["--hosting", "150", "--energy", "0.1", "--out", out],
    ]);
    const { rows } = await sheetRows(out);
    const given = (field: string) => rows.get(field)!;
    expect(given("price_per_rack")).toEqual({ value: 3_500_000, source: "your input" });
    expect(given("power_per_rack_kw")).toEqual({ value: 1.2, source: "your input" });
    expect(given("tokens_per_sec_per_rack")).toEqual({ value: 2500, source: "your input" });
    expect(given("wacc")).toEqual({ value: 0.12, source: "your choice" });
    expect(given("utilization").value).toBe(0.6);
    expect(given("years").value).toBe(4);
    expect(given("pue").value).toBe(1.1);
    expect(given("hosting_per_kw_month").value).toBe(150);
    expect(given("energy_per_kwh").value).toBe(0.1);
  });

  it("--input and --output, or --context less --output: the message says which split it used", async () => {
    await expect(
      main([...pair, "--input", "2000", "--output", "500", "--out", fresh()])
    ).resolves.toMatch(/for 2,000 input \+ 500 output tokens per user/);
    await expect(
      main([...pair, "--context", "8192", "--output", "192", "--out", fresh()])
    ).resolves.toMatch(/for 8,000 input \+ 192 output tokens per user/);
  });
});

describe("numbers are read strictly, and errors name the option typed", () => {
  it.each([
    [["--users", "-5"], "--users must be a whole number ≥ 1; got -5."],
    [["--users=-5"], "--users must be a whole number ≥ 1; got -5."],
    [["--users", "0"], "--users must be a whole number ≥ 1; got 0."],
    [["--users", "2.5"], "--users must be a whole number ≥ 1; got 2.5."],
    [["--users", "0x10"], '--users "0x10" is not a decimal number'],
    [["--users", "1e308"], "--users must be at most 1,000,000,000; got 1e308"],
    [["--users", "Infinity"], '--users "Infinity" is not a number'],
    [["--users", "1,00"], '--users "1,00" is not a number'],
    [
      ["--context", "ten"],
      '--context "ten" is not a number: write it as 10000, 10,000, 10k or 1e4',
    ],
    [["--context", "10m"], '--context "10m" uses m: write M for million'],
    [["--input", "-1"], "--input must be a whole number ≥ 1; got -1."],
    [["--output", "out.xlsx"], "(--output is tokens; the file is --out)"],
    [
      ["--context", "1000", "--output", "1000"],
      "--context (1000) must be more than --output (1000)",
    ],
    [
      ["--context", "200k"],
      "200,000 tokens of context (input + output) is longer than Llama 3.1 70B's max_context of 131,072",
    ],
    [
      ["--wacc", "10"],
      "--wacc must be a number ≥ 0 and < 1; got 10. wacc is a fraction: 10% is 0.1.",
    ],
    [["--price", "10%"], '--price "10%" is a percentage, which is not accepted here'],
    [["--power", "120000"], "--power must be a number ≥ 0 and ≤ 1000; got 120000. Power is in kW"],
    [["--tokens-per-sec", "0"], "--tokens-per-sec must be a number > 0; got 0."],
    [["--precision", "FP7"], "--precision"],
    [["--kv-precision", "16"], '--kv-precision "16" is not a known format'],
  ])("%j: %s", async (args, message) => {
    const run = main([...pair, ...(args as string[]), "--out", fresh()]);
    await expect(run).rejects.toThrow(message);
    await run.catch((error) => expect(exitCode(error)).toBe(1));
  });

  it("an unknown preset is #N/A's message with suggestions and how to list them all", async () => {
    const error = await main(["--model", "Lama 3", "--system", "GH200"]).catch((e) => e);
    expect(errorLine(error)).toMatch(
      /^workbook: Unknown model "Lama 3"\. Closest presets: Llama.*npm run workbook -- --list models lists them all\.$/
    );
    expect(exitCode(error)).toBe(1);
  });
});

describe("usage mistakes are exit code 2", () => {
  it.each([
    [["--system", "GH200"], '--model is required, e.g. --model "Llama 3.1 70B"'],
    [["--model", "Llama 3.1 70B"], "--system is required"],
    [[...pair, "--userz", "5"], "unknown option --userz (did you mean --users?)"],
    [[...pair, "-u", "5"], "unknown option -u"],
    [[...pair, "--users"], "--users needs a value"],
    [[...pair, "--users", "--force"], "--users needs a value"],
    [[...pair, "--users", "5", "--users", "6"], "--users is given twice"],
    [[...pair, "--force=yes"], "--force takes no value"],
    [[...pair, "extra"], 'unexpected argument "extra"'],
    [
      [...pair, "--context", "10000", "--input", "9000"],
      "give --context (input + output) or --input, not both",
    ],
    [["--list", "chips"], '--list takes models or systems; got "chips"'],
  ])("%j: %s", async (args, message) => {
    const error = await main(args as string[]).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
    expect(exitCode(error)).toBe(2);
  });

  it("says when npm took the options for itself (no -- before them)", () => {
    vi.stubEnv("npm_config_model", "Llama 3.1 70B");
    expect(errorLine(new UsageError("--model is required."))).toMatch(/put -- before them/);
    vi.unstubAllEnvs();
  });
});

describe("help, version and lists", () => {
  it("--help and -h print the usage, every option included", async () => {
    expect(await main(["--help"])).toBe(HELP);
    expect(await main(["-h"])).toBe(HELP);
    for (const option of [
      "--model",
      "--system",
      "--context",
      "--input",
      "--output",
      "--users",
      "--precision",
      "--kv-precision",
      "--price",
      "--power",
      "--tokens-per-sec",
      "--years",
      "--wacc",
      "--hosting",
      "--energy",
      "--pue",
      "--utilization",
      "--compare",
      "--out",
      "--force",
      "--list",
      "--version",
    ])
      expect(HELP).toContain(option);
  });

  it("--version prints the package's version", async () => {
    expect(await main(["--version"])).toBe(`tokenomics-for-excel ${pkg.version}`);
  });

  it.each([
    ["models", MODEL_PRESETS.items],
    ["systems", SYSTEM_PRESETS.items],
  ] as const)(
    "--list %s: one preset a line, its name, a tab, the other names it answers to",
    async (kind, items) => {
      const lines = (await main(["--list", kind])).split("\n");
      expect(lines).toHaveLength(items.length);
      lines.forEach((line, k) => {
        const [name, others] = line.split("\t");
        expect(name).toBe(items[k].name);
        expect(others).toBe((items[k].aliases ?? []).join(", "));
      });
      if (kind === "models")
        expect(lines.some((l) => l.includes("deepseek-ai/DeepSeek-V3"))).toBe(true);
    }
  );
});

describe("files", () => {
  it("an existing file is kept unless --force, and a read-only one even then", async () => {
    const out = fresh();
    fs.writeFileSync(out, "mine");
    await expect(main([...pair, "--out", out])).rejects.toThrow(
      `${out} exists: add --force to replace it`
    );
    expect(fs.readFileSync(out, "utf8")).toBe("mine");
    await main([...pair, "--out", out, "--force"]);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK"); // a zip: the workbook
    if (process.getuid?.() !== 0) {
      // root may write any file: the check is only meaningful for other users
      const locked = fresh();
      fs.writeFileSync(locked, "mine");
      fs.chmodSync(locked, 0o444);
      await expect(main([...pair, "--out", locked, "--force"])).rejects.toThrow(/is read-only/);
    }
  });

  it("a relative --out is read from the directory the command was run in", async () => {
    const here = fs.mkdtempSync(path.join(dir, "cwd-"));
    const message = await main([...pair, "--out", "sub.xlsx"], { cwd: here });
    expect(message).toContain(path.join(here, "sub.xlsx"));
    expect(fs.existsSync(path.join(here, "sub.xlsx"))).toBe(true);
  });

  it("a link at the target is replaced with --force, never written through", async () => {
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "precious");
    const out = fresh();
    fs.symlinkSync(victim, out);
    await expect(main([...pair, "--out", out])).rejects.toThrow(/exists/);
    await main([...pair, "--out", out, "--force"]);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(false);
  });

  it("the temporary file is created exclusively: a link planted at its name is not followed", async () => {
    const victim = path.join(dir, "victim2.txt");
    fs.writeFileSync(victim, "precious");
    const out = fresh();
    const random = Buffer.from("00112233aabb", "hex");
    vi.spyOn(crypto, "randomBytes").mockImplementation(() => random as never);
    const planted = path.join(
      dir,
      `.${path.basename(out)}.${process.pid}.${random.toString("hex")}.tmp`
    );
    fs.symlinkSync(victim, planted);
    await expect(main([...pair, "--out", out])).rejects.toThrow(/cannot write .*EEXIST/);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.lstatSync(planted).isSymbolicLink()).toBe(true); // not ours to remove
  });

  it.each([
    [["--out", "/nonexistent/x.xlsx"], /cannot write to \/nonexistent/],
    [["--out", "x.csv"], /must name an \.xlsx file/],
  ])("%j fails saying what to fix", async (args, message) => {
    await expect(main([...pair, ...args])).rejects.toThrow(message);
  });
});

describe("as a process", () => {
  it("exit 0 with the result on stdout; relative paths from INIT_CWD, where npm was run", () => {
    const here = fs.mkdtempSync(path.join(dir, "init-"));
    const run = cli([...pair, "--out", "from-here.xlsx"], { env: { INIT_CWD: here } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote /);
    expect(fs.existsSync(path.join(here, "from-here.xlsx"))).toBe(true);
  });

  it("exit 1 for a bad value, 2 for a usage mistake: one line on stderr, and no file", () => {
    const out = fresh();
    const bad = cli(["--model", "nope", "--system", "GH200", "--out", out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/^workbook: Unknown model "nope"/);
    const usage = cli([...pair, "--nope", "--out", out]);
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim()).toMatch(
      /^workbook: unknown option --nope; --help lists the options\.$/
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(cli(["-h"]).status).toBe(0);
  });
});
