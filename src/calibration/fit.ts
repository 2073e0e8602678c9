import { coerce, type Value } from "../core/arguments";
import { compileExpr } from "../core/compile";
import { TokenomicsError } from "../core/errors";
import { input } from "../core/expr";
import type { TwinArg } from "../core/formula";
import { checkServing, SERVING_PARAMS } from "../core/formulas/throughput";
import { MODEL_PRESETS } from "../core/presets";
import {
  ASSUMED,
  CONSTANT_VALUES,
  FITTED,
  serving,
  type ConstantName,
  type Constants,
  type Fitted,
} from "../core/serving";
import type { Measured } from "./data";

/**
 * Fitting the estimate's constants to measured results, and measuring its error. The estimate is
 * the very expression TOKENSPERSEC, TPOT and TTFT compute (src/core/serving.ts), compiled once with
 * the constants as inputs, so what is fitted is what ships.
 */

/** Each fitted constant, its bounds and the transform that keeps it inside them while fitting. */
const SHAPES: Record<Fitted, "fraction" | "positive"> = {
  weight_read_efficiency: "fraction",
  kv_read_efficiency: "fraction",
  decode_compute_efficiency: "fraction",
  prefill_compute_efficiency: "fraction",
  layer_overhead_s: "positive",
  moe_layer_overhead_s: "positive",
  moe_token_overhead_s: "positive",
  prefill_queue_share: "positive",
  batch_cap: "positive",
};
const toFree = (k: Fitted, v: number) =>
  SHAPES[k] === "fraction" ? Math.log(v / (1 - v)) : Math.log(v);
const fromFree = (k: Fitted, x: number) =>
  SHAPES[k] === "fraction" ? 1 / (1 + Math.exp(-x)) : Math.exp(x);

export type Values = Record<Fitted, number>;

/** How much TPOT and TTFT count beside throughput in the fit (TTFT is the noisiest measurement). */
export const WEIGHTS = { perChip: 1, tpot: 0.5, ttft: 0.1 };
/** Residuals (natural log of estimate / measured) beyond this count less (a soft-L1 loss). */
const ROBUST_SCALE = 0.2;

type Evaluator = (values: Value[]) => number;

/** The estimate compiled per shape of arguments, with the constants as trailing inputs. */
function compiled() {
  const names = [
    ...SERVING_PARAMS.map((p) => p.name),
    ...[...FITTED, ...ASSUMED].map((c) => `k_${c}`),
    "k_layout",
  ];
  const slot = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`no input ${name}`);
    return i;
  };
  const k = Object.fromEntries(
    [...FITTED, ...ASSUMED].map((c) => [c, input(`k_${c}`)])
  ) as Constants;
  k.layout = input("k_layout");
  const cache = new Map<string, { perChip: Evaluator; tpot: Evaluator; ttft: Evaluator }>();
  return (kinds: { users: TwinArg; precision: TwinArg; chips: TwinArg }) => {
    const key = `${kinds.users}/${kinds.precision}/${kinds.chips}`;
    let got = cache.get(key);
    if (!got) {
      const s = serving(kinds, k);
      got = {
        perChip: compileExpr(
          s.pick((g) => g.perChip),
          slot
        ),
        tpot: compileExpr(
          s.pick((g) => g.tpot),
          slot
        ),
        ttft: compileExpr(
          s.pick((g) => g.ttft),
          slot
        ),
      };
      cache.set(key, got);
    }
    return got;
  };
}

/** A measured row ready to evaluate: its arguments validated once, or why it has no estimate. */
export interface Prepared {
  row: Measured;
  args?: Value[];
  kinds?: { users: TwinArg; precision: TwinArg; chips: TwinArg };
  refused?: string;
}

export function prepare(rows: readonly Measured[]): Prepared[] {
  return rows.map((row) => {
    const raw = [
      row.model,
      row.system,
      row.input,
      row.output,
      row.users,
      row.precision,
      row.kvPrecision,
      row.chips,
    ];
    try {
      const args = checkServing(SERVING_PARAMS.map((p, i) => coerce(p, raw[i] as never)));
      const kind = (v: Value): TwinArg => (v === null ? "omitted" : "value");
      return {
        row,
        args,
        kinds: { users: kind(args[4]), precision: kind(args[5]), chips: kind(args[7]) },
      };
    } catch (e) {
      if (e instanceof TokenomicsError) return { row, refused: e.message };
      throw e;
    }
  });
}

export interface Estimate {
  perChip: number;
  tpot: number;
  ttft: number;
}

/** Evaluates prepared rows with the given constants (null where the estimate refuses the row). */
export function estimator() {
  const forKinds = compiled();
  return (p: Prepared, values: Values): Estimate | null => {
    if (!p.args || !p.kinds) return null;
    const f = forKinds(p.kinds);
    const v = [
      ...p.args,
      ...FITTED.map((c) => values[c]),
      ...ASSUMED.map((c) => CONSTANT_VALUES[c]),
      p.row.layout ?? -1,
    ];
    try {
      const out = { perChip: f.perChip(v), tpot: f.tpot(v), ttft: f.ttft(v) };
      return Number.isFinite(out.perChip) && out.perChip > 0 ? out : null;
    } catch (e) {
      if (e instanceof TokenomicsError) return null;
      throw e;
    }
  };
}

/** Log residuals of one row: throughput always, TPOT and TTFT where measured. */
function residuals(e: Estimate | null, row: Measured, out: number[]): void {
  const miss = Math.log(10); // an estimate the model refuses counts as off by 10×
  out.push(e ? Math.log(e.perChip / row.perChip) : miss);
  if (row.tpot !== undefined) out.push(WEIGHTS.tpot * (e ? Math.log(e.tpot / row.tpot) : miss));
  if (row.ttft !== undefined) out.push(WEIGHTS.ttft * (e ? Math.log(e.ttft / row.ttft) : miss));
}

/**
 * Fits the constants by Levenberg-Marquardt on log residuals with a soft-L1 loss (iteratively
 * reweighted), in transformed coordinates that keep efficiencies in (0, 1) and the rest positive.
 */
export function fit(
  prepared: readonly Prepared[],
  start: Values = currentValues(),
  maxIterations = 60
): { values: Values; iterations: number } {
  const evaluate = estimator();
  const usable = prepared.filter((p) => p.args);
  const residualsAt = (x: number[]) => {
    const values = valuesOf(x);
    const out: number[] = [];
    for (const p of usable) residuals(evaluate(p, values), p.row, out);
    return out;
  };
  let x = FITTED.map((k) => toFree(k, start[k]));
  let r = residualsAt(x);
  const cost = (rs: number[]) => rs.reduce((sum, v) => sum + softL1(v), 0);
  let current = cost(r);
  let lambda = 1e-2;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const weights = r.map((v) => 1 / Math.sqrt(1 + (v / ROBUST_SCALE) ** 2));
    const h = 1e-4;
    const columns = x.map((_, j) => {
      const step = x.slice();
      step[j] += h;
      const rj = residualsAt(step);
      return rj.map((v, i) => (v - r[i]) / h);
    });
    const n = x.length;
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        columns[i].reduce((sum, v, row) => sum + weights[row] * v * columns[j][row], 0)
      )
    );
    const g = columns.map((col) => col.reduce((sum, v, row) => sum + weights[row] * v * r[row], 0));
    let improved = false;
    for (let tries = 0; tries < 8 && !improved; tries++) {
      const damped = a.map((row, i) => row.map((v, j) => (i === j ? v * (1 + lambda) + 1e-12 : v)));
      const delta = solve(
        damped,
        g.map((v) => -v)
      );
      const next = x.map((v, i) => v + delta[i]);
      const rNext = residualsAt(next);
      const c = cost(rNext);
      if (c < current) {
        const gain = (current - c) / current;
        [x, r, current] = [next, rNext, c];
        lambda = Math.max(lambda / 3, 1e-6);
        improved = true;
        if (gain < 1e-6) return { values: valuesOf(x), iterations: iterations + 1 };
      } else lambda *= 4;
    }
    if (!improved) break;
  }
  return { values: valuesOf(x), iterations };
}

const softL1 = (v: number) => 2 * ROBUST_SCALE ** 2 * (Math.sqrt(1 + (v / ROBUST_SCALE) ** 2) - 1);

function valuesOf(x: number[]): Values {
  return Object.fromEntries(FITTED.map((k, i) => [k, fromFree(k, x[i])])) as Values;
}

export function currentValues(): Values {
  return Object.fromEntries(FITTED.map((k) => [k, CONSTANT_VALUES[k as ConstantName]])) as Values;
}

/** Gaussian elimination with partial pivoting (the systems here are 8 × 8). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let k = r + 1; k < n; k++) sum -= m[r][k] * x[k];
    x[r] = sum / m[r][r];
  }
  return x;
}

/** Median, 90th percentile and maximum of absolute % errors; `missing` rows had no estimate. */
export interface ErrorStats {
  rows: number;
  missing: number;
  median: number;
  p90: number;
  max: number;
}

export function stats(errors: number[], missing = 0): ErrorStats {
  const sorted = [...errors].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    rows: errors.length,
    missing,
    median: round(at(0.5) ?? NaN),
    p90: round(at(0.9) ?? NaN),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

const pct = (estimate: number, measured: number) => Math.abs(estimate / measured - 1) * 100;

/** Errors of throughput (and TPOT, TTFT where measured) with the given constants. */
export function errorsOf(prepared: readonly Prepared[], values: Values) {
  const evaluate = estimator();
  const perChip: number[] = [];
  const tpot: number[] = [];
  const ttft: number[] = [];
  let missing = 0;
  for (const p of prepared) {
    const e = evaluate(p, values);
    if (!e) {
      missing++;
      continue;
    }
    perChip.push(pct(e.perChip, p.row.perChip));
    if (p.row.tpot !== undefined) tpot.push(pct(e.tpot, p.row.tpot));
    if (p.row.ttft !== undefined) ttft.push(pct(e.ttft, p.row.ttft));
  }
  return { perChip: stats(perChip, missing), tpot: stats(tpot), ttft: stats(ttft) };
}

/**
 * Models with the same architecture (a preset, its quantized checkpoints, Llama 3 / 3.1 / 3.3 70B)
 * are one model when leaving one out: otherwise its twin would stay in the training rows.
 */
export function architectureOf(presetName: string): string {
  const m = MODEL_PRESETS.find(presetName)!;
  return [
    m.layers,
    m.hidden_size,
    m.kv_heads,
    m.head_dim,
    m.total_params_b,
    m.moe_layers ?? 0,
  ].join("/");
}

/**
 * Leave-one-group-out: fit without each group's rows (from `start`), estimate them, and pool the
 * errors of every held-out row.
 */
export function crossValidate(
  prepared: readonly Prepared[],
  groupOf: (p: Prepared) => string,
  start: Values,
  maxIterations = 60
) {
  const evaluate = estimator();
  const groups = [...new Set(prepared.map(groupOf))];
  const errors: number[] = [];
  let missing = 0;
  const perGroup: Record<string, ErrorStats> = {};
  for (const group of groups) {
    const train = prepared.filter((p) => groupOf(p) !== group);
    const test = prepared.filter((p) => groupOf(p) === group);
    const { values } = fit(train, start, maxIterations);
    const mine: number[] = [];
    let gone = 0;
    for (const p of test) {
      const e = evaluate(p, values);
      if (e) mine.push(pct(e.perChip, p.row.perChip));
      else gone++;
    }
    errors.push(...mine);
    missing += gone;
    perGroup[group] = stats(mine, gone);
  }
  return { pooled: stats(errors, missing), perGroup };
}

/** The regimes errors are reported by: load, prompt against output, dense against MoE. */
export function regimesOf(row: Measured): string[] {
  const load = row.users === null ? "maximum load" : "given users";
  const mix =
    row.input >= 4 * row.output
      ? "prompt-heavy (input ≥ 4 × output)"
      : row.output >= 4 * row.input
        ? "output-heavy (output ≥ 4 × input)"
        : "balanced";
  const moe = (MODEL_PRESETS.find(row.modelPreset)?.moe_layers ?? 0) > 0 ? "MoE" : "dense";
  return [load, mix, moe];
}

/** Errors of `rows` with `values`, pooled and by regime (regimes with at least 5 rows). */
export function scored(rows: readonly Prepared[], values: Values) {
  const all = errorsOf(rows, values);
  const groups = new Map<string, Prepared[]>();
  for (const p of rows)
    for (const g of regimesOf(p.row)) groups.set(g, [...(groups.get(g) ?? []), p]);
  const byRegime = Object.fromEntries(
    [...groups]
      .filter(([, ps]) => ps.length >= 5)
      .map(([g, ps]) => [g, errorsOf(ps, values).perChip])
  );
  return { ...all.perChip, ...(all.tpot.rows > 0 ? { tpot: all.tpot } : {}), by_regime: byRegime };
}

/**
 * The layout left to the estimate, as the product chooses it: a user gives chips as a number, so
 * rows scored as a user would meet them do not tell the estimate their layout.
 */
export const asUserGives = (rows: readonly Prepared[]): Prepared[] =>
  rows.map((p) => ({ ...p, row: { ...p.row, layout: undefined } }));

/**
 * The newest release of each source that labels its releases (TensorRT-LLM's newest tables,
 * MLPerf's newest round): the time split fits without these rows and scores them.
 */
export function isNewestRelease(row: Measured, rows: readonly Measured[]): boolean {
  if (row.source === "trtllm") return /^not stated/.test(row.release ?? "");
  if (row.source === "mlperf") {
    const rounds = rows.filter((r) => r.source === "mlperf").map((r) => r.release ?? "");
    return row.release === [...rounds].sort().at(-1);
  }
  return false;
}
