import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, FUNCTIONS } from "../../src/core";
import {
  estimateMarkdown,
  exampleValue,
  formula,
  withEstimate,
  withReference,
} from "../../src/docs/reference-markdown";
import calibration from "../../src/presets/throughput-calibration.json";
import { loadMeasured, type Measured } from "../../src/calibration/data";
import { currentValues, estimator, prepare } from "../../src/calibration/fit";
import { comparePlan, modelPlan } from "../../src/workbook/plan";
import { loadPlan, rowOf } from "../support/plan-engine";

/** A few measured rows of each source, picked by description (the first row that matches). */
function estimateSample() {
  const prepared = prepare(loadMeasured().rows);
  const estimate = estimator();
  const values = currentValues();
  const pick: [string, (r: Measured) => boolean][] = [
    ["mlperf", (r) => r.modelPreset === "Llama 2 70B" && r.systemPreset.includes("H200")],
    ["mlperf", (r) => r.modelPreset === "Llama 2 70B" && r.systemPreset.includes("B200")],
    ["mlperf", (r) => r.modelPreset === "Mixtral 8x7B" && r.systemPreset.includes("H100")],
    ["mlperf", (r) => r.modelPreset === "Llama 3.1 405B" && r.systemPreset.includes("GB200")],
    ["mlperf", (r) => r.modelPreset === "DeepSeek-R1"],
    ["mlperf", (r) => r.systemPreset.includes("MI300X")],
    ["trtllm", (r) => r.modelPreset === "Llama 3.3 70B" && r.system === "B200" && r.input === 1000],
    ["trtllm", (r) => r.modelPreset === "Llama 3.3 70B" && r.system === "H100" && r.input === 1000],
    ["trtllm", (r) => r.modelPreset === "Qwen3 30B-A3B" && r.system.startsWith("RTX")],
    ["trtllm", (r) => r.modelPreset === "Mixtral 8x7B" && r.system.startsWith("L40S")],
    [
      "aiconfigurator",
      (r) =>
        r.modelPreset === "DeepSeek-R1" &&
        r.system === "b200_sxm" &&
        r.users === 64 &&
        r.chips === 8 &&
        r.input === 1024 &&
        r.output === 1024,
    ],
    [
      "aiconfigurator",
      (r) =>
        r.modelPreset === "Llama 3.1 70B" &&
        r.system === "h200_sxm" &&
        r.users === 16 &&
        r.chips === 1 &&
        r.input === 1024 &&
        r.output === 1024,
    ],
    [
      "aiconfigurator",
      (r) =>
        r.modelPreset === "MiniMax-M2.5" && r.users === 64 && r.input === 1024 && r.output === 1024,
    ],
    [
      "aiconfigurator",
      (r) =>
        r.modelPreset === "Qwen3.5 397B-A17B" &&
        r.users === 64 &&
        r.input === 1024 &&
        r.output === 1024,
    ],
    ["sweeps", (r) => r.systemPreset.includes("MI300X") && r.users === null && r.input === 2048],
    ["sweeps", (r) => r.systemPreset.includes("H100") && r.modelPreset === "Llama 3.1 70B"],
  ];
  return pick.flatMap(([source, wanted]) => {
    const p = prepared.find((x) => x.row.source === source && wanted(x.row));
    if (!p) return [];
    const r = p.row;
    const label =
      `${source}: ${r.modelPreset} on ${r.systemPreset}, ${r.precision ?? "native"}, ` +
      `${r.input.toLocaleString("en-US")} in / ${r.output.toLocaleString("en-US")} out, ` +
      `${r.users ?? "max"} users, ${r.chips ?? "best"} chips (${r.engine})`;
    return [{ label, measured: r.perChip, estimate: estimate(p, values)?.perChip ?? null }];
  });
}

/**
 * docs/functions.md's reference and estimate tables are generated from the catalog and the
 * calibration (`npm run docs`). Run with UPDATE_DOCS=1 to rewrite them; otherwise a stale file fails here.
 */
const README = "README.md";
const FUNCTIONS_DOC = "docs/functions.md";

describe("docs/functions.md", () => {
  it("is up to date with the catalog and the calibration (run npm run docs)", () => {
    const current = fs.readFileSync(FUNCTIONS_DOC, "utf8");
    const expected = withEstimate(
      withReference(current),
      estimateMarkdown(calibration as never, estimateSample())
    );
    if (process.env.UPDATE_DOCS === "1" && current !== expected)
      fs.writeFileSync(FUNCTIONS_DOC, expected);
    else expect(current).toBe(expected);
  });

  it("mentions every function and every default value", () => {
    const doc = fs.readFileSync(FUNCTIONS_DOC, "utf8");
    for (const fn of FUNCTIONS) {
      expect(doc).toContain(`TOKENOMICS.${fn.id}`);
      for (const p of fn.params)
        if (p.default?.value) expect(doc).toContain(String(p.default.value));
    }
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

describe("the README", () => {
  const readme = fs.readFileSync(README, "utf8");

  it("stays short: under 300 lines, the details in docs/", () => {
    expect(readme.split("\n").length).toBeLessThan(300);
  });

  it("links only to files and headings that exist", () => {
    for (const [file, text] of [
      [README, readme],
      [FUNCTIONS_DOC, fs.readFileSync(FUNCTIONS_DOC, "utf8")],
    ]) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target)) continue;
        const [where, anchor] = target.split("#");
        const linked = where ? path.join(path.dirname(file), where) : file;
        expect(fs.existsSync(linked), `${file} links to ${target}`).toBe(true);
        if (anchor) {
          const headings = [...fs.readFileSync(linked, "utf8").matchAll(/^#+ (.*)$/gm)].map((m) =>
            slug(m[1].replace(/`/g, ""))
          );
          expect(headings, `${file} links to ${target}`).toContain(anchor);
        }
      }
    }
  });

  it("gives two commands, and they are the ones CI runs", () => {
    const block = /## Two commands\n\n```bash\n([\s\S]*?)```/.exec(readme)![1];
    const commands = block.trim().split("\n");
    expect(commands).toHaveLength(2);
    const ci = fs.readFileSync(".ci/run", "utf8").split("\n");
    const run = ci.filter((line) => line.startsWith("npm "));
    expect(run).toEqual(commands);
  });
});

describe("each function's documented example", () => {
  it.each(FUNCTIONS.map((fn) => [formula(fn, fn.example.args), fn] as const))(
    "%s shows what the core computes",
    (_formula, fn) => {
      const { shows, decimals } = fn.example;
      const value = exampleValue(fn);
      expect(typeof value === "number" ? Number(value.toFixed(decimals)) : value).toBe(shows);
    }
  );
});

describe("the README's opening examples", () => {
  /**
   * `=TOKENOMICS.NAME(arg, …)  →  value` lines of the first code block, with plain arguments, and
   * `=INDEX(TOKENOMICS.NAME(arg, …), row, col)  →  value` for one cell of a table.
   */
  function examples(): {
    formula: string;
    id: string;
    args: (string | number)[];
    at: [number, number];
    shows: string;
  }[] {
    const readme = fs.readFileSync(README, "utf8");
    const block = readme.slice(
      readme.indexOf("```"),
      readme.indexOf("```", readme.indexOf("```") + 3)
    );
    return [
      ...block.matchAll(
        /^(=(?:INDEX\()?TOKENOMICS\.(\w+)\(([^)]*)\)(?:, (\d+), (\d+)\))?)\s+→\s+([\d.,]+)/gm
      ),
    ].map((m) => ({
      formula: m[1],
      id: m[2],
      args: m[3].split(",").map((a) => {
        const text = a.trim();
        return text.startsWith('"') ? text.slice(1, -1) : Number(text);
      }),
      at: m[4] ? [Number(m[4]) - 1, Number(m[5]) - 1] : [0, 0],
      shows: m[6],
    }));
  }

  it("has examples to check", () => {
    expect(examples().length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples().map((e) => [e.formula, e] as const))(
    "%s shows what the core computes",
    (_f, e) => {
      const fn = FUNCTIONS.find((f) => f.id === e.id);
      expect(fn).toBeDefined();
      const value = evaluate(fn!, e.args)[e.at[0]][e.at[1]] as number;
      const decimals = e.shows.split(".")[1]?.length ?? 0;
      expect(value.toFixed(decimals)).toBe(e.shows.replace(/,/g, ""));
    }
  );
});

describe("the README's first command", () => {
  it("writes a workbook with a cost per million tokens, and its input/output split, in every column", () => {
    const readme = fs.readFileSync(README, "utf8");
    const command = /npm install && npm run workbook -- (.*)/.exec(readme)![1];
    const option = (name: string) =>
      new RegExp(`--${name} ("[^"]+"|\\S+)`).exec(command)?.[1].replace(/"/g, "");
    const model = option("model")!;
    const systems = (command.split("--compare ")[1] ?? "")
      .match(/"[^"]+"|[^,\s]+/g)!
      .map((s) => s.replace(/"/g, ""));
    // The command line's defaults: 9,000 tokens in, 1,000 out, 16 users.
    const workload = { inputTokens: 9000, outputTokens: 1000, users: 16 };
    const sheet = modelPlan({ model, system: option("system")!, workload });
    expect(loadPlan(sheet).value(rowOf(sheet, "cost_per_million_tokens"), 1)).toBeGreaterThan(0);
    const compare = comparePlan({ model, systems, workload });
    const { value } = loadPlan(compare);
    for (const field of [
      "cost_per_million_tokens",
      "usd_per_m_input_tokens",
      "usd_per_m_output_tokens",
    ]) {
      const row = rowOf(compare, field);
      systems.forEach((s, k) => expect(value(row, k + 1), `${field}, ${s}`).toBeGreaterThan(0));
    }
  });
});
