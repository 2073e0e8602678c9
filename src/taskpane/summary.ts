import {
  CHIPHOUR,
  evaluate,
  MODEL_PRESETS,
  MODELKV,
  pricesFor,
  SYSTEM_PRESETS,
  TCO,
  THROUGHPUT,
  TOKENCOST,
  TokenomicsError,
  WEIGHTS,
  type ModelSpec,
} from "../core";
import { deploymentUnit } from "../workbook/deployment-unit";
import type { FinanceKey, UnitOverrides } from "../workbook/plan";

/**
 * The pane's answer, computed by the core as the user types (no Excel round trip): what a token
 * costs on this system for this workload, how fast it is served, what to buy, and what limits it.
 * Every number here is what the functions compute for the same inputs; the ones that rest on the
 * throughput estimate say so, with its measured error.
 */
export interface SummaryInputs {
  model: string;
  system: string;
  inputTokens: number;
  outputTokens: number;
  /** Concurrent users of the deployment; null: one replica at its maximum throughput. */
  users: number | null;
  /** Tokens/s each user should see; null: no target. */
  targetPerUser: number | null;
  precision?: string;
  kvPrecision: string;
  finance: Record<FinanceKey, number>;
  unit: UnitOverrides;
}

export interface Summary {
  modelName: string;
  systemName: string;
  /** The estimate at the load each replica runs. */
  chipsPerReplica: number;
  usersPerReplica: number;
  replicas: number;
  tpotSeconds: number;
  tokensPerSecPerUser: number;
  ttftSeconds: number;
  outputTokensPerSecPerChip: number;
  /** "memory: the KV cache fills the chips", … as THROUGHPUT says it. */
  bindingLimit: string;
  stepBoundBy: string;
  /** The limit in plain words, with what to do about it. */
  limitInWords: string;
  /** The estimate's stated error on results left out of the fit (newest release, new models), %. */
  errorMedian: number;
  errorP90: number;
  /** Whole units to buy: racks, or servers where the system has none. */
  unit: string;
  chipsPerUnit: number | null;
  chips: number;
  unitsToBuy: number | null;
  /** Per chip of a replica, GB (2^30 bytes): its memory, the weights' share, the KV cache's share. */
  memory: { chipGB: number; weightsGB: number; kvGB: number; freeGB: number };
  /** USD; null with `costMissing` when the unit has no price or power. */
  cost: {
    chipHourUSD: number;
    perMillionInput: number;
    perMillionOutput: number;
    perMillionBlended: number;
    perRequest: number;
    annualUSD: number;
  } | null;
  costMissing?: string;
  /**
   * Joules per output token at the facility meter (ENERGYPERTOKEN, with the unit's power as given)
   * and output tokens/s per provisioned MW (TOKENSPERMW); null without the unit's power.
   */
  energyJPerToken: number | null;
  tokensPerSecPerMW: number | null;
  /** Said when a target tokens/s per user was asked for. */
  targetNote?: string;
  /**
   * The lowest market listing for the model (the price table, as PRICE reads it) and the margin
   * against this cost: per million output tokens, per million tokens at this workload's mix, and
   * the utilization where cost meets the price; null without a listing. Margins null without a cost.
   */
  market: {
    provider: string;
    date: string;
    source: string;
    inputUSD: number;
    outputUSD: number;
    marginOutput: number | null;
    marginBlended: number | null;
    breakEvenUtilization: number | null;
  } | null;
}

export type SummaryResult = { summary: Summary } | { error: string };

/** A table function's rows as label → value. */
function rows(table: ReturnType<typeof evaluate>): Map<string, unknown> {
  return new Map(table.slice(1).map((r) => [String(r[0]), r[1]]));
}

function cell(grid: ReturnType<typeof evaluate>): number {
  const value = grid[0][0];
  if (value instanceof TokenomicsError) throw value;
  return value as number;
}

interface Load {
  chips: number;
  users: number;
  table: Map<string, unknown>;
}

export function summarize(s: SummaryInputs): SummaryResult {
  try {
    return { summary: compute(s) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function compute(s: SummaryInputs): Summary {
  const model = MODEL_PRESETS.resolve(s.model);
  const system = SYSTEM_PRESETS.resolve(s.system);
  const precision = s.precision ?? null;
  const throughput = (users: number | null, chips: number | null): Load => {
    const table = rows(
      evaluate(THROUGHPUT, [
        model.name,
        system.name,
        s.inputTokens,
        s.outputTokens,
        users,
        precision,
        s.kvPrecision,
        chips,
      ])
    );
    return {
      chips: table.get("chips per replica") as number,
      users: table.get("users running at once") as number,
      table,
    };
  };

  // The best group at maximum load, and the users one replica of it holds.
  const full = throughput(null, null);
  let perReplica = full.users;
  let targetNote: string | undefined;
  if (s.targetPerUser !== null) {
    const found = usersForTarget(full, s.targetPerUser, (u) => throughput(u, full.chips));
    perReplica = found.users;
    targetNote = found.note;
  }
  const replicas = s.users === null ? 1 : Math.ceil(s.users / perReplica);
  // Users spread evenly over the replicas: each runs at most perReplica.
  const running = s.users === null ? perReplica : Math.ceil(s.users / replicas);
  const load = running === full.users ? full : throughput(running, full.chips);
  const n = load.chips;
  const chips = replicas * n;

  const unit = deploymentUnit(system, model);
  const chipsPerUnit = unit.chipsPerUnit.value;
  const price = s.unit.pricePerUnit ?? unit.pricePerUnit.value;
  const power = s.unit.powerPerUnitKW ?? unit.powerPerUnitKW.value;
  const unitsToBuy = chipsPerUnit ? Math.ceil(chips / chipsPerUnit) : null;
  const f = s.finance;
  const financeArgs = [f.years, f.wacc, f.hosting_per_kw_month, f.energy_per_kwh, f.pue];

  let cost: Summary["cost"] = null;
  let costMissing: string | undefined;
  if (price === null || power === null || !chipsPerUnit || unitsToBuy === null) {
    const missing = [price === null && "price", power === null && "power"].filter(Boolean);
    costMissing = `${system.name}'s preset has no ${missing.join(" or ") || "chips per unit"}: enter the ${unit.unit}'s ${missing.join(" and ") || "size"} under Finance to see the cost.`;
  } else {
    const chipHourUSD = cell(
      evaluate(CHIPHOUR, [price, power, chipsPerUnit, ...financeArgs, f.utilization])
    );
    const tokenCost = rows(
      evaluate(TOKENCOST, [
        model.name,
        system.name,
        s.inputTokens,
        s.outputTokens,
        running,
        precision,
        s.kvPrecision,
        n,
        chipHourUSD,
      ])
    );
    const tco = rows(evaluate(TCO, [unitsToBuy, price, power, ...financeArgs]));
    cost = {
      chipHourUSD,
      perMillionInput: tokenCost.get("USD per million input tokens") as number,
      perMillionOutput: tokenCost.get("USD per million output tokens") as number,
      perMillionBlended: tokenCost.get("USD per million tokens (input + output)") as number,
      perRequest: tokenCost.get("USD per request") as number,
      annualUSD: tco.get("Total") as number,
    };
  }

  const perChip = load.table.get("output tokens/s per chip") as number;
  const listing = pricesFor(model.name)[0];
  // Revenue per million tokens at this workload's mix of input and output (the sheets' formula).
  const revenue = listing
    ? (s.inputTokens * listing.input_usd_per_m + s.outputTokens * listing.output_usd_per_m) /
      (s.inputTokens + s.outputTokens)
    : 0;
  const market: Summary["market"] = listing
    ? {
        provider: listing.provider,
        date: listing.date,
        source: listing.source,
        inputUSD: listing.input_usd_per_m,
        outputUSD: listing.output_usd_per_m,
        marginOutput: cost ? listing.output_usd_per_m - cost.perMillionOutput : null,
        marginBlended: cost ? revenue - cost.perMillionBlended : null,
        breakEvenUtilization: cost ? (f.utilization * cost.perMillionBlended) / revenue : null,
      }
    : null;
  // A chip's share of the unit's power, at the facility meter: ENERGYPERTOKEN's formula.
  const watts = power !== null && chipsPerUnit ? ((power * 1000) / chipsPerUnit) * f.pue : null;
  const bindingLimit = String(load.table.get("binding limit on users"));
  const stepBoundBy = String(load.table.get("each step bound by"));
  return {
    modelName: model.name,
    systemName: system.name,
    chipsPerReplica: n,
    usersPerReplica: running,
    replicas,
    tpotSeconds: load.table.get("TPOT, seconds per output token") as number,
    tokensPerSecPerUser: load.table.get("tokens/s per user") as number,
    ttftSeconds: load.table.get("TTFT, seconds") as number,
    outputTokensPerSecPerChip: perChip,
    energyJPerToken: watts === null ? null : watts / perChip,
    tokensPerSecPerMW: watts === null ? null : (perChip * 1e6) / watts,
    bindingLimit,
    stepBoundBy,
    limitInWords: inWords(bindingLimit, stepBoundBy),
    errorMedian: load.table.get("estimate error, median % (results not fitted)") as number,
    errorP90: load.table.get("estimate error, 90th percentile %") as number,
    unit: unit.unit,
    chipsPerUnit,
    chips,
    unitsToBuy,
    memory: memoryPerChip(model, s, precision, running, n, system.memory_gb),
    cost,
    ...(costMissing ? { costMissing } : {}),
    ...(targetNote ? { targetNote } : {}),
    market,
  };
}

/**
 * The most users a replica can run with each still seeing `target` tokens/s (tokens/s per user falls
 * as users are added), found by bisection over 1 … the users that fit.
 */
function usersForTarget(
  full: Load,
  target: number,
  at: (users: number) => Load
): { users: number; note: string } {
  const speed = (l: Load) => l.table.get("tokens/s per user") as number;
  const fastest = at(1);
  if (speed(fastest) < target) {
    return {
      users: 1,
      note: `No load reaches ${target} tokens/s per user here: the fastest is ${speed(fastest).toFixed(1)} with 1 user per replica, shown below.`,
    };
  }
  let [lo, hi] = [1, full.users];
  if (speed(full) >= target) lo = hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (speed(at(mid)) >= target) lo = mid;
    else hi = mid;
  }
  return {
    users: lo,
    note: `${lo} ${lo === 1 ? "user" : "users"} per replica keep ${target} tokens/s per user or more.`,
  };
}

/**
 * Memory of one chip of the replica, GB: the weights split over its chips, and the KV cache of the
 * users it runs as the estimate places it — shared over the chips up to the model's KV heads and
 * copied beyond them; a latent cache (MLA) copied on every chip.
 */
function memoryPerChip(
  model: ModelSpec,
  s: SummaryInputs,
  precision: string | null,
  users: number,
  chips: number,
  chipGB: number
) {
  const weights = cell(evaluate(WEIGHTS, [model.name, precision, null])) / chips;
  const kvTotal = cell(
    evaluate(MODELKV, [model.name, s.inputTokens + s.outputTokens, users, s.kvPrecision])
  );
  const shards = model.kv_lora_rank ? 1 : Math.min(chips, model.kv_heads);
  const kv = kvTotal / shards;
  return { chipGB, weightsGB: weights, kvGB: kv, freeGB: Math.max(0, chipGB - weights - kv) };
}

/** THROUGHPUT's limit and step bound as advice. */
function inWords(limit: string, step: string): string {
  const first = limit.startsWith("memory")
    ? "Memory-bound: the KV cache fills the chips. Add chips or shorten the context to serve more users."
    : limit.startsWith("users")
      ? "Fewer users than fit: each replica could serve more, at a lower cost per token."
      : "Batch-bound: the engine's largest batch limits the users, not memory.";
  const second =
    step === "compute"
      ? "Each step is compute-bound (a faster chip or a lower precision helps)."
      : "Each step is bound by memory bandwidth (fewer bytes per token help: a lower precision).";
  return `${first} ${second}`;
}
