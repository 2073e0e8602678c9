import type { Param } from "../arguments";
import {
  add,
  div,
  fail,
  ifOmitted,
  ifPositive,
  input,
  int,
  maxOf,
  minOf,
  num,
  pow,
  type Expr,
} from "../expr";
import type { TableFunction, TwinArg } from "../formula";
import { serving, type AtGroup } from "../serving";
import {
  CHIPS_PER_REPLICA,
  checkServing,
  contextCheck,
  INPUT_TOKENS,
  OUTPUT_TOKENS,
  SERVING_PRECISION,
  SYSTEM,
} from "./throughput";
import { KV_PRECISION, MODEL } from "./params";
import { CHIP_HOUR_USD, chipHourOrDefault, unitOf, usdPerMillionOutput } from "./token-cost";

/**
 * The throughput–interactivity curve: what a system gives up in tokens/s per chip to serve each user
 * faster. One row per load, from 1 user to the most that fit one replica, on a geometric scale, each
 * row the throughput estimate at that load — the chart SemiAnalysis InferenceX compares systems by
 * (tokens/s per chip against tokens/s per user), as live cells.
 *
 * The replica's chips stay those of the maximum-throughput point (the chips given, or the group the
 * estimate picks with users left out) on every row, so the rows are one deployment under more or less
 * load; TOKENSPERSEC at the same users and chips gives the same numbers.
 */

/** Rows of the curve when points is left out. */
export const DEFAULT_POINTS = 12;

const POINTS: Param = {
  name: "points",
  description: `Loads on the curve (rows below the header), from 1 user to the most that fit, spaced geometrically; 2 to 50. Where fewer users than that fit, the last rows repeat the most that fit.`,
  rule: { kind: "number", min: 2, max: 50, integer: true },
  default: {
    value: DEFAULT_POINTS,
    text: String(DEFAULT_POINTS),
    unit: "rows",
    source: "enough points for a smooth chart, few enough to read",
    date: "n/a",
    confidence: "convention",
  },
  shapesTable: true,
};

const CURVE_PARAMS: readonly Param[] = [
  MODEL,
  SYSTEM,
  INPUT_TOKENS,
  OUTPUT_TOKENS,
  SERVING_PRECISION,
  KV_PRECISION,
  CHIPS_PER_REPLICA,
  POINTS,
  CHIP_HOUR_USD,
];

/**
 * The users on row `i` (0-based) of `points`: fit^(i / (points − 1)) rounded, at least i + 1 (so the
 * first loads step by one user rather than repeat) and at most `fit`. Row 0 is 1 user, the last row
 * `fit`; strictly increasing whenever fit ≥ points.
 */
export function curveUsers(fit: Expr, i: number, points: number): Expr {
  if (i === 0) return num(1);
  const geometric = int(add(pow(fit, i / (points - 1)), 0.5));
  return minOf(fit, maxOf(i + 1, geometric));
}

/**
 * USD per chip-hour for the cost column: chip_hour_usd where given, else the preset's unit at the
 * default finance assumptions — and where the preset has no price or power, that column alone fails
 * with what to give (the curve's throughput does not need a price).
 */
function priced(kind: TwinArg): Expr {
  const unit = unitOf("system");
  const noPrice = fail(
    "the system's preset has no price or power for its rack or server: give chip_hour_usd (TOKENOMICS.CHIPHOUR with your price, kW and chips)"
  );
  const fromPreset = ifPositive(
    unit.price,
    ifPositive(unit.powerKW, chipHourOrDefault("omitted"), noPrice),
    noPrice
  );
  return kind === "omitted"
    ? fromPreset
    : ifOmitted("chip_hour_usd", fromPreset, input("chip_hour_usd"));
}

export const HEADER = [
  "users",
  "tokens/s per user",
  "TPOT, s",
  "TTFT, s",
  "output tokens/s per chip",
  "USD per million output tokens",
] as const;

export const CURVE: TableFunction = {
  kind: "table",
  id: "CURVE",
  summary:
    "The throughput–interactivity curve, as a table with a header row: one row per load from 1 user to the most that fit one replica (about points rows, geometric), each with users, tokens/s per user, TPOT (s), TTFT (s), output tokens/s per chip and USD per million output tokens. The replica's chips stay those of the maximum-throughput point. Uses the throughput estimate.",
  unit: "mixed (each column says)",
  params: CURVE_PARAMS,
  cellErrors: true,
  prepare: (values) => {
    // The estimate's checks, with users left out (the curve chooses them).
    const [model, system, input, output, precision, kv, chips] = values;
    checkServing([model, system, input, output, null, precision, kv, chips]);
    return values;
  },
  refusedWhen: contextCheck,
  twin(kinds) {
    const points = typeof kinds[7] === "number" ? kinds[7] : DEFAULT_POINTS;
    const base = { precision: kinds[4], kv: kinds[5], chips: kinds[6] };
    // The maximum-throughput point fixes the replica: its chips, and the most users that fit.
    const top = serving({ ...base, users: "omitted" });
    const n = top.pick((g) => g.n);
    const fit = top.pick((g) => g.fit);
    const chipHour = priced(kinds[8]);
    const rows: Expr[][] = [];
    for (let i = 0; i < points; i++) {
      const users = curveUsers(fit, i, points);
      const g: AtGroup = serving({ ...base, users: { at: users } }).at(n);
      rows.push([
        g.batch,
        div(1, g.tpot),
        g.tpot,
        g.ttft,
        g.perChip,
        usdPerMillionOutput(chipHour, g.perChip, g.prefillShare),
      ]);
    }
    return [[...HEADER], ...rows];
  },
  example: {
    args: ["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 2],
    shows: 2133,
    decimals: 0,
    at: [12, 4],
    about:
      "Llama 3.1 70B in FP8 on two H200s, 1,000 tokens in and 1,000 out, FP8 KV cache: the last row is the most users that fit.",
  },
};
