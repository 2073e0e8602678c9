import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import calibration from "../../src/presets/throughput-calibration.json";
import {
  DEFAULT_DIR,
  HELD_OUT_FILE,
  loadHeldOut,
  loadMeasured,
  type Measured,
} from "../../src/calibration/data";
import {
  architectureOf,
  asUserGives,
  crossValidate,
  currentValues,
  errorsOf,
  fit,
  isNewestRelease,
  prepare,
  type Prepared,
} from "../../src/calibration/fit";
import { STATED_ERROR } from "../../src/core/serving";

/**
 * The throughput estimate against measured results (data/throughput): thresholds that fail when
 * its error grows — on TensorRT-LLM's newest tables, which the fit never sees; on a time split; on
 * models left out — and the check that the error the product states is the one measured.
 */
let rows: Measured[];
let prepared: Prepared[];
let heldOut: Prepared[];

beforeAll(() => {
  rows = loadMeasured().rows;
  prepared = prepare(rows);
  heldOut = asUserGives(prepare(loadHeldOut().rows));
});

describe("the calibration data", () => {
  it("lives in the project: data/throughput, read whole, every row resolving to presets", () => {
    expect(relative(process.cwd(), DEFAULT_DIR)).toBe(join("data", "throughput"));
    expect(existsSync(join(DEFAULT_DIR, "README.md"))).toBe(true);
    expect(rows.length).toBe(calibration.rows.used);
    expect(rows.length).toBeGreaterThan(3900);
    expect(new Set(rows.map((r) => r.modelPreset)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.map((r) => r.systemPreset)).size).toBeGreaterThanOrEqual(10);
  });

  it("no code of the project reads outside the repository (../shared)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.(ts|tsx|mts|mjs|js)$/.test(e.name)) {
          const text = readFileSync(path, "utf8");
          // A path to ../shared in a string, or joined from "..", "shared" (comments may cite it).
          if (/["'`]\.\.\/shared|["']\.\.["'],\s*["']shared["']/.test(text)) offenders.push(path);
        }
      }
    };
    for (const dir of ["src", "scripts", "bench", "test"]) walk(dir);
    // This file names the pattern it looks for.
    expect(offenders.filter((p) => !p.endsWith("calibration.test.ts"))).toEqual([]);
  });

  it("the held-out tables are the newest and are never fitted: no row of them is in the fit", () => {
    const held = loadHeldOut();
    expect(held.skipped).toEqual([]);
    expect(held.rows.length).toBe(calibration.errors.held_out.rows);
    const key = (r: Measured) =>
      `${r.modelPreset}|${r.systemPreset}|${r.input}|${r.output}|${r.perChip}`;
    const fitted = new Set(rows.map(key));
    expect(held.rows.filter((r) => fitted.has(key(r)))).toEqual([]);
    expect(new Set(held.rows.map((r) => r.modelPreset))).toContain("gpt-oss-120b");
    expect(
      rows.some((r) => r.modelPreset === "gpt-oss-120b" || r.modelPreset === "Llama 4 Maverick")
    ).toBe(false);
    expect(HELD_OUT_FILE).toMatch(/held_out/);
  });
});

describe("the estimate's error on measured tokens/s per chip", () => {
  it("on TensorRT-LLM's newest tables, never fitted: median ≤ 25%, 90th percentile ≤ 75%", () => {
    const { perChip } = errorsOf(heldOut, currentValues());
    expect(perChip.missing).toBe(0);
    expect(perChip.median).toBeLessThanOrEqual(25);
    expect(perChip.p90).toBeLessThanOrEqual(75);
    expect(perChip.median).toBeCloseTo(calibration.errors.held_out.median, 0);
    expect(perChip.p90).toBeCloseTo(calibration.errors.held_out.p90, 0);
  });

  it("time split: refit without each source's newest release, that release within 25% median", () => {
    const older = prepared.filter((p) => !isNewestRelease(p.row, rows));
    const newest = asUserGives(prepared.filter((p) => isNewestRelease(p.row, rows)));
    expect(newest.length).toBeGreaterThan(100);
    const { values } = fit(older, currentValues(), 4);
    const { perChip } = errorsOf(newest, values);
    expect(perChip.median).toBeLessThanOrEqual(25);
    expect(perChip.p90).toBeLessThanOrEqual(60);
  }, 300_000);

  it("the error the product states is the worse of the held-out tables and the time split", () => {
    const { held_out, time_split } = calibration.errors;
    expect(STATED_ERROR.median).toBe(Math.max(held_out.median, time_split.median));
    expect(STATED_ERROR.p90).toBe(Math.max(held_out.p90, time_split.p90));
    // Never better than the error on models left out of the fit.
    expect(STATED_ERROR.median).toBeGreaterThanOrEqual(
      calibration.errors.leave_one_model_out.median
    );
  });

  it("in-sample: median ≤ 20%, 90th percentile ≤ 55%, as the calibration file reports", () => {
    const { perChip } = errorsOf(prepared, currentValues());
    expect(perChip.median).toBeLessThanOrEqual(20);
    expect(perChip.p90).toBeLessThanOrEqual(55);
    // The file is not stale: its numbers are these.
    expect(perChip.median).toBeCloseTo(calibration.errors.in_sample.median, 0);
    expect(perChip.p90).toBeCloseTo(calibration.errors.in_sample.p90, 0);
  });

  it("TPOT where measured: median ≤ 20%", () => {
    expect(errorsOf(prepared, currentValues()).tpot.median).toBeLessThanOrEqual(20);
  });

  it("reported leaving one model out and one system out: median ≤ 21%, p90 ≤ 55%", () => {
    for (const fold of [
      calibration.errors.leave_one_model_out,
      calibration.errors.leave_one_system_out,
    ]) {
      expect(fold.median).toBeLessThanOrEqual(21);
      expect(fold.p90).toBeLessThanOrEqual(55);
    }
  });

  it("refit without each model in turn, the rows left out stay within 21% median", () => {
    // A few iterations from the shipped constants: enough to see the fold move, quick in CI.
    const byModel = crossValidate(
      prepared,
      (p) => architectureOf(p.row.modelPreset),
      currentValues(),
      3
    );
    expect(byModel.pooled.median).toBeLessThanOrEqual(21);
    expect(byModel.pooled.p90).toBeLessThanOrEqual(55);
  }, 600_000);
});
