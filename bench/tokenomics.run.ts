import fs from "node:fs";
import { TWENTY_SYSTEMS } from "../test/support/systems";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { HyperFormula } from "hyperformula";
import { it } from "vitest";
import { KVCACHE, nativeFormula } from "../src/core";
import { registerTokenomics } from "../src/engines/hyperformula-plugin";
import {
  chipHour,
  costPerMTok,
  kvCache,
  maxUsers,
  modelKv,
  throughput,
  tokenCost,
  tokensPerSec,
  tpot,
  ttft,
} from "../src/functions/functions";
import { writePlan } from "../src/taskpane/office-writer";
import { comparePlan, modelPlan } from "../src/workbook/plan";

/**
 * `npm run bench`: what the add-in costs where it meets Excel, each pair measured side by side in
 * one run (rounds interleaved), reported as medians. Writes bench/results.json and BENCHMARKS.md.
 */
const ROUNDS = 15;
const require = createRequire(import.meta.url);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** ns per call of a and b, interleaved round by round so machine noise hits both alike. */
function sideBySide(a: (i: number) => unknown, b: (i: number) => unknown, calls: number) {
  let sink = 0;
  const run = (f: (i: number) => unknown) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sink += f(i) ? 1 : 0;
    return Number(process.hrtime.bigint() - t) / calls;
  };
  for (let w = 0; w < 3; w++) {
    run(a);
    run(b);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ta.push(run(a));
    tb.push(run(b));
  }
  if (sink < 0) console.log(sink);
  return { a: median(ta), b: median(tb) };
}

const cell = (v: unknown) => [[v]];
const GB = 2 ** 30;

function coreVsInline() {
  const kv = sideBySide(
    (i) =>
      kvCache(
        cell(8),
        cell(80),
        cell(8192),
        cell(64),
        cell("FP16"),
        cell(10000 + (i & 1023)),
        cell(16)
      ),
    (i) => (2 * 8 * 80 * (8192 / 64) * 2 * (10000 + (i & 1023)) * 16) / GB,
    200_000
  );
  const model = sideBySide(
    (i) => modelKv(cell("Llama 3.1 70B"), cell(10000 + (i & 1023)), cell(16), null as never),
    (i) => (2 * 8 * 128 * 80 * 2 * (10000 + (i & 1023)) * 16) / GB,
    200_000
  );
  const cost = sideBySide(
    (i) =>
      costPerMTok(
        cell(10000 + (i & 1023)),
        cell(2),
        cell(3e6),
        cell(120),
        null as never,
        null as never,
        null as never,
        null as never,
        null as never,
        null as never
      ),
    (i) => {
      const capex = 2 * 3e6;
      const capital = (capex * 0.1) / (1 - Math.pow(1.1, -5));
      const energy = 2 * 120 * 1.25 * 8760 * 0.0806;
      const hosting = 2 * 120 * 184.06 * 12;
      return ((capital + energy + hosting) / ((10000 + (i & 1023)) * 8760 * 3600 * 0.8)) * 1e6;
    },
    200_000
  );
  const row = (name: string, r: { a: number; b: number }) => ({
    function: name,
    registered_ns: r.a,
    inline_ns: r.b,
    ratio: r.a / r.b,
  });
  return [row("KVCACHE", kv), row("MODELKV", model), row("COSTPERMTOK", cost)];
}

function rangeSpeedup() {
  const utilization = Array.from({ length: 100 }, (_v, k) => [0.5 + k * 0.005]);
  const energy = [Array.from({ length: 100 }, (_v, k) => 0.05 + k * 0.001)];
  const n = null as never;
  const times = sideBySide(
    () => costPerMTok(cell(10000), cell(2), cell(3e6), cell(120), n, n, n, energy, n, utilization),
    () => {
      let last: unknown;
      for (let r = 0; r < 100; r++)
        for (let c = 0; c < 100; c++)
          last = costPerMTok(
            cell(10000),
            cell(2),
            cell(3e6),
            cell(120),
            n,
            n,
            n,
            cell(energy[0][c]),
            n,
            cell(utilization[r][0])
          );
      return last;
    },
    3
  );
  return {
    grid: "100 × 100 (utilization × energy price)",
    one_call_ms: times.a / 1e6,
    scalar_calls_ms: times.b / 1e6,
    speedup: times.b / times.a,
  };
}

/**
 * The throughput estimate over a 100 × 100 grid of users × context (input tokens): one broadcast
 * call against 10,000 calls of one cell each, side by side.
 */
function throughputGrid() {
  const users = Array.from({ length: 100 }, (_v, k) => [1 + k * 4]);
  const inputs = [Array.from({ length: 100 }, (_v, k) => 256 + k * 64)];
  const model = cell("Llama 3.1 70B");
  const system = cell("H200");
  const times = sideBySide(
    () => tokensPerSec(model, system, inputs, cell(1000), users, cell("FP8"), cell("FP8"), cell(2)),
    () => {
      let last: unknown;
      for (let r = 0; r < 100; r++)
        for (let c = 0; c < 100; c++)
          last = tokensPerSec(
            model,
            system,
            cell(inputs[0][c]),
            cell(1000),
            cell(users[r][0]),
            cell("FP8"),
            cell("FP8"),
            cell(2)
          );
      return last;
    },
    3
  );
  return {
    grid: "100 × 100 (users × input tokens), Llama 3.1 70B FP8 on 2 × H200",
    one_call_ms: times.a / 1e6,
    scalar_calls_ms: times.b / 1e6,
    speedup: times.b / times.a,
  };
}

/** Per-call cost of each throughput function, one cell, chips given and left to the estimate. */
/**
 * Unknown names: a column of 1,000 distinct Hugging Face-style ids that are no preset, through
 * MODELKV as Excel calls it (one range argument). Each round uses ids never seen before, so the
 * remembered answers do not help; side by side with the same column of one known name, and a
 * recalculation of the same unknown column (answers remembered). Plus one 32,767-character name.
 */
function unknownNames() {
  let round = 0;
  const fresh = () => {
    round++;
    return Array.from({ length: 1000 }, (_v, k) => [
      `org-${round}-${k}/Model-${k % 97}B-v${round}.${k}`,
    ]);
  };
  const known = Array.from({ length: 1000 }, () => ["meta-llama/Llama-3.1-70B-Instruct"]);
  const n = null as never;
  const time = (f: () => unknown) => {
    const t = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const first = time(() => modelKv(fresh(), cell(10000), cell(16), n));
  const unknownMs: number[] = [];
  const knownMs: number[] = [];
  const againMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const column = fresh();
    unknownMs.push(time(() => modelKv(column, cell(10000), cell(16), n)));
    againMs.push(time(() => modelKv(column, cell(10000), cell(16), n)));
    knownMs.push(time(() => modelKv(known, cell(10000), cell(16), n)));
  }
  const long = "x".repeat(32767);
  const refused = (f: () => unknown) => {
    try {
      return f();
    } catch (error) {
      return error; // a single cell's error is thrown to Excel
    }
  };
  const longUs = sideBySide(
    () => refused(() => modelKv(cell(long), cell(10000), cell(16), n)),
    () => modelKv(cell("Llama 3.1 70B"), cell(10000), cell(16), n),
    2000
  );
  return {
    unknown_1000_ms: median(unknownMs),
    unknown_1000_first_ms: first,
    unknown_1000_recalc_ms: median(againMs),
    known_1000_ms: median(knownMs),
    long_name_us: longUs.a / 1e3,
    known_name_us: longUs.b / 1e3,
  };
}

function throughputPerCall() {
  const m = cell("Llama 3.1 70B");
  const s = cell("H200");
  const out = (i: number) => cell(1000 + (i & 255));
  const n = null as never;
  const given = (f: typeof tokensPerSec) => (i: number) =>
    f(m, s, cell(1000), out(i), cell(32), cell("FP8"), cell("FP8"), cell(2));
  const blank = (f: typeof tokensPerSec) => (i: number) => f(m, s, cell(1000), out(i), n, n, n, n);
  const rows: { function: string; chips_given_us: number; chips_blank_us: number }[] = [];
  const pairs: [string, (i: number) => unknown, (i: number) => unknown][] = [
    ["TOKENSPERSEC", given(tokensPerSec), blank(tokensPerSec)],
    ["TPOT", given(tpot), blank(tpot)],
    ["TTFT", given(ttft), blank(ttft)],
    [
      "MAXUSERS",
      (i) => maxUsers(m, s, cell(1000), out(i), cell("FP8"), cell("FP8"), cell(1)),
      (i) => maxUsers(m, s, cell(1000), out(i), n, n, n),
    ],
    ["THROUGHPUT (table)", given(throughput), blank(throughput)],
    [
      "TOKENCOST (table)",
      (i) => tokenCost(m, s, cell(1000), out(i), cell(32), cell("FP8"), cell("FP8"), cell(2), n),
      (i) => tokenCost(m, s, cell(1000), out(i), n, n, n, n, n),
    ],
  ];
  for (const [name, a, b] of pairs) {
    const t = sideBySide(a, b, 2000);
    rows.push({ function: name, chips_given_us: t.a / 1e3, chips_blank_us: t.b / 1e3 });
  }
  const hour = sideBySide(
    (i) => chipHour(cell(3e6 + i), cell(132), cell(72), n, n, n, n, n, n),
    (i) => chipHour(cell("GB200 NVL72"), n, n, n, cell(0.1 + (i & 7) / 1000), n, n, n, n),
    20_000
  );
  rows.push({
    function: "CHIPHOUR (price given | system name)",
    chips_given_us: hour.a / 1e3,
    chips_blank_us: hour.b / 1e3,
  });
  return rows;
}

function engineRatio() {
  registerTokenomics();
  const rows = 10_000;
  const sheet = (formula: (r: number) => string) => [
    ["users", 16],
    ...Array.from({ length: rows }, (_v, k) => [8, 80, 8192, 64, 2, 1000 + k, formula(k + 2)]),
  ];
  const custom = (r: number) => `=TOKENOMICS.KVCACHE(A${r},B${r},C${r},D${r},E${r},F${r},$B$1)`;
  // The native twin, generated from the same definition (blank checks and precision lookup included).
  const native = (r: number) =>
    nativeFormula(
      KVCACHE as never,
      [`A${r}`, `B${r}`, `C${r}`, `D${r}`, `E${r}`, `F${r}`, "$B$1"].map((ref) => ({ ref }))
    ) as string;
  const build = (formula: (r: number) => string) => {
    const t = process.hrtime.bigint();
    const hf = HyperFormula.buildFromArray(sheet(formula), { licenseKey: "gpl-v3" });
    return { hf, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  };
  const recalc = (hf: HyperFormula, users: number) => {
    const t = process.hrtime.bigint();
    hf.setCellContents({ sheet: 0, row: 0, col: 1 }, [[users]]);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const buildCustom: number[] = [];
  const buildNative: number[] = [];
  const recalcCustom: number[] = [];
  const recalcNative: number[] = [];
  for (let r = 0; r < 7; r++) {
    const a = build(custom);
    const b = build(native);
    buildCustom.push(a.ms);
    buildNative.push(b.ms);
    recalcCustom.push(recalc(a.hf, 17 + r));
    recalcNative.push(recalc(b.hf, 17 + r));
    if (
      a.hf.getCellValue({ sheet: 0, row: 5, col: 6 }) !==
      b.hf.getCellValue({ sheet: 0, row: 5, col: 6 })
    ) {
      throw new Error("the two sheets disagree");
    }
    a.hf.destroy();
    b.hf.destroy();
  }
  return {
    sheet: "10,000 × KVCACHE; one shared input edited",
    native:
      "each cell's generated native twin (TOKENOMICS-free formulas, as a shared workbook holds)",
    build_ms: {
      tokenomics: median(buildCustom),
      native: median(buildNative),
      ratio: median(buildCustom) / median(buildNative),
    },
    recalc_ms: {
      tokenomics: median(recalcCustom),
      native: median(recalcNative),
      ratio: median(recalcCustom) / median(recalcNative),
    },
  };
}

async function syncs() {
  let count = 0;
  const sheet = () => ({
    getRange: () => ({ format: { fill: {}, font: {} } }),
    names: { add() {} },
    charts: {
      add: () => ({
        title: {},
        legend: {},
        axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
        series: {
          getItemAt: () => ({ setXAxisValues() {} }),
          add: () => ({ setValues() {}, setXAxisValues() {} }),
        },
        setPosition() {},
      }),
    },
    activate() {},
    id: "{bench}",
    load() {},
  });
  (globalThis as Record<string, unknown>).Excel = {
    ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
    ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    run: async (cb: (c: unknown) => Promise<unknown>) =>
      cb({
        sync: async () => void count++,
        workbook: {
          worksheets: {
            getItemOrNullObject: () => ({ isNullObject: true, load() {} }),
            add: sheet,
          },
        },
      }),
  };
  const workload = { inputTokens: 1024, outputTokens: 1024, users: 64 };
  await writePlan(
    (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
    "Tokenomics"
  );
  const insert = count;
  const twenty = TWENTY_SYSTEMS;
  await writePlan(
    (name) => comparePlan({ model: "Llama 2 70B", systems: twenty, workload }, name),
    "Tokenomics compare"
  );
  return { insert_model: insert, compare_20_systems: count - insert };
}

async function bundles() {
  const webpack = require("webpack");
  const configure = require(path.resolve("webpack.config.js"));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "tokenomics-bench-"));
  process.env.ADDIN_URL = "https://bench.invalid/";
  const addin = configure({}, { mode: "production" });
  addin.output = { ...addin.output, path: out };
  const core = {
    ...configure({}, { mode: "production" }),
    entry: { core: "./src/core/index.ts" },
    plugins: [],
    output: { path: path.join(out, "core"), filename: "[name].js", library: { type: "commonjs2" } },
  };
  const compile = (config: unknown) =>
    new Promise<{ toJson: (o: unknown) => { modules: { name: string; size: number }[] } }>(
      (resolve, reject) =>
        webpack(
          config,
          (
            e: Error | null,
            stats: {
              hasErrors(): boolean;
              toString(o: unknown): string;
              toJson: (o: unknown) => never;
            }
          ) =>
            e
              ? reject(e)
              : stats.hasErrors()
                ? reject(new Error(stats.toString({ all: false, errors: true })))
                : resolve(stats)
        )
    );
  const baseline = {
    ...core,
    entry: { baseline: "./bench/fluent-baseline.tsx" },
    output: { path: path.join(out, "core"), filename: "[name].js" },
  };
  await compile(addin);
  await compile(core);
  await compile(baseline);
  const size = (file: string) => {
    const bytes = fs.readFileSync(file);
    return {
      min_kb: +(bytes.length / 1024).toFixed(1),
      gzip_kb: +(zlib.gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1),
    };
  };
  const result = {
    functions: size(path.join(out, "functions.js")),
    taskpane: size(path.join(out, "taskpane.js")),
    core: size(path.join(out, "core", "core.js")),
    react_fluent_baseline: size(path.join(out, "core", "baseline.js")),
  };
  fs.rmSync(out, { recursive: true, force: true });
  return result;
}

it("measures", async () => {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    core_vs_inline: coreVsInline(),
    range_speedup: rangeSpeedup(),
    throughput_grid: throughputGrid(),
    throughput_per_call: throughputPerCall(),
    unknown_names: unknownNames(),
    engine_ratio: engineRatio(),
    syncs: await syncs(),
    bundle_kb: await bundles(),
  };
  fs.writeFileSync("bench/results.json", JSON.stringify(results, null, 2) + "\n");
  fs.writeFileSync("BENCHMARKS.md", markdown(results));
  console.log(markdown(results));
}, 600_000);

function markdown(r: any): string {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const f = (x: number, d = 1) =>
    x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    "# Benchmarks",
    "",
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cpu} (${r.machine.cores} cores, ${r.machine.memory_gb} GiB), Node ${r.machine.node}.`,
    "Each pair is measured side by side in one run, rounds interleaved; figures are medians of 15 rounds",
    "(7 for the engine). Reproduce with `npm run bench`; it writes `bench/results.json` and this file.",
    "",
    "## core_vs_inline: one call through the registered function vs the same arithmetic inline",
    "",
    "| Function | Registered (ns/call) | Inline (ns/call) | Ratio | Target |",
    "|---|--:|--:|--:|---|",
    ...r.core_vs_inline.map(
      (x: any) =>
        `| ${x.function} | ${f(x.registered_ns, 0)} | ${f(x.inline_ns, 1)} | ${f(x.ratio, 0)}× | ≤ 3× |`
    ), // eslint-disable-line @typescript-eslint/no-explicit-any
    "",
    "## range_speedup: a sensitivity grid from one broadcast call vs one call per cell",
    "",
    `| Grid | One call (ms) | 10,000 calls (ms) | Speedup | Target |`,
    "|---|--:|--:|--:|---|",
    `| ${r.range_speedup.grid} | ${f(r.range_speedup.one_call_ms, 2)} | ${f(r.range_speedup.scalar_calls_ms, 1)} | ${f(r.range_speedup.speedup, 1)}× | ≥ 20× |`,
    "",
    "## throughput_grid: the estimate over a 100 × 100 grid, one broadcast call vs one call per cell",
    "",
    "| Grid | One call (ms) | 10,000 calls (ms) | Speedup |",
    "|---|--:|--:|--:|",
    `| ${r.throughput_grid.grid} | ${f(r.throughput_grid.one_call_ms, 1)} | ${f(r.throughput_grid.scalar_calls_ms, 1)} | ${f(r.throughput_grid.speedup, 1)}× |`,
    "",
    "## throughput_per_call: one cell of each estimate function (µs per call)",
    "",
    "Chips given (2, with users 32) vs left to the estimate, which tries every group size in the scale-up domain.",
    "",
    "| Function | Chips given (µs) | Chips blank (µs) |",
    "|---|--:|--:|",
    ...r.throughput_per_call.map(
      (x: any) => `| ${x.function} | ${f(x.chips_given_us, 1)} | ${f(x.chips_blank_us, 1)} |`
    ), // eslint-disable-line @typescript-eslint/no-explicit-any
    "",
    "## unknown_names: names that are no preset, through MODELKV",
    "",
    "A column of 1,000 distinct ids that are no preset (new ids every round, so no remembered answer helps), the same column recalculated, and a column of one known id; one 32,767-character name vs a preset name.",
    "",
    "| Case | Time | Target |",
    "|---|--:|---|",
    `| 1,000 unknown ids (median; first round ${f(r.unknown_names.unknown_1000_first_ms, 1)} ms) | ${f(r.unknown_names.unknown_1000_ms, 1)} ms | ≤ 50 ms |`,
    `| the same 1,000 recalculated | ${f(r.unknown_names.unknown_1000_recalc_ms, 1)} ms | |`,
    `| 1,000 × a known id | ${f(r.unknown_names.known_1000_ms, 1)} ms | |`,
    `| one 32,767-character name | ${f(r.unknown_names.long_name_us, 1)} µs | |`,
    `| one preset name | ${f(r.unknown_names.known_name_us, 1)} µs | |`,
    "",
    "## engine_ratio: HyperFormula, 10,000 TOKENOMICS formulas vs their native twins",
    "",
    `${r.engine_ratio.sheet}; native: ${r.engine_ratio.native}.`,
    "",
    "| | TOKENOMICS (ms) | Native (ms) | Ratio | Target |",
    "|---|--:|--:|--:|---|",
    `| Build and evaluate | ${f(r.engine_ratio.build_ms.tokenomics)} | ${f(r.engine_ratio.build_ms.native)} | ${f(r.engine_ratio.build_ms.ratio, 2)} | ≤ 1.2 |`,
    `| Recalculate after one edit | ${f(r.engine_ratio.recalc_ms.tokenomics)} | ${f(r.engine_ratio.recalc_ms.native)} | ${f(r.engine_ratio.recalc_ms.ratio, 2)} | ≤ 1.2 |`,
    "",
    "## syncs: context.sync() round trips per task-pane action",
    "",
    "| Action | Round trips | Target |",
    "|---|--:|---|",
    `| Insert model | ${r.syncs.insert_model} | ≤ 2 |`,
    `| Compare 20 systems | ${r.syncs.compare_20_systems} | ≤ 2 |`,
    "",
    "## bundle_kb: production bundles, minified and gzipped",
    "",
    "| Bundle | Minified (KB) | Gzipped (KB) |",
    "|---|--:|--:|",
    `| functions.js (loads with every Excel start) | ${r.bundle_kb.functions.min_kb} | ${r.bundle_kb.functions.gzip_kb} |`,
    `| taskpane.js | ${r.bundle_kb.taskpane.min_kb} | ${r.bundle_kb.taskpane.gzip_kb} |`,
    `| core alone (Office-free) | ${r.bundle_kb.core.min_kb} | ${r.bundle_kb.core.gzip_kb} |`,
    "",
    `| React + the Fluent UI components the pane uses, alone | ${r.bundle_kb.react_fluent_baseline.min_kb} | ${r.bundle_kb.react_fluent_baseline.gzip_kb} |`,
    "",
    "The functions bundle is the core and its preset data; the task pane is dominated by React and Fluent UI.",
    "",
  ].join("\n");
}
