import { describe, expect, it } from "vitest";
import {
  CHIPHOUR,
  CURVE,
  ENERGYPERTOKEN,
  evaluate,
  THROUGHPUT,
  TOKENCOST,
  TOKENSPERMW,
} from "../../src/core";
import { compareRows, sortRows } from "../../src/taskpane/compare-rows";
import { readState, DEFAULT_STATE } from "../../src/taskpane/pane-state";
import { summarize, type Summary, type SummaryInputs } from "../../src/taskpane/summary";
import { annualCost } from "../support/cost";

/** The pane's answer equals what the functions compute for the same inputs. */
const finance = readState(DEFAULT_STATE).inputs!.financeValues;
const base: SummaryInputs = {
  model: "Llama 3.1 70B",
  system: "H200",
  inputTokens: 1000,
  outputTokens: 1000,
  users: null,
  targetPerUser: null,
  kvPrecision: "FP16",
  finance,
  unit: {},
};
const summary = (change: Partial<SummaryInputs> = {}): Summary => {
  const r = summarize({ ...base, ...change });
  if ("error" in r) throw new Error(r.error);
  return r.summary;
};
const table = (fn: typeof THROUGHPUT, args: unknown[]) =>
  new Map((evaluate(fn, args as never) as unknown[][]).slice(1).map((r) => [r[0], r[1]]));

describe("the summary", () => {
  const s = summary();

  it("is THROUGHPUT's estimate at maximum load: the best group, as many users as fit", () => {
    const t = table(THROUGHPUT, ["Llama 3.1 70B", "H200", 1000, 1000, null, null, "FP16", null]);
    expect(s.chipsPerReplica).toBe(t.get("chips per replica"));
    expect(s.usersPerReplica).toBe(t.get("users running at once"));
    expect(s.outputTokensPerSecPerChip).toBe(t.get("output tokens/s per chip"));
    expect(s.tokensPerSecPerUser).toBe(t.get("tokens/s per user"));
    expect(s.ttftSeconds).toBe(t.get("TTFT, seconds"));
    expect(s.limitInWords).toMatch(
      /^Memory-bound: the KV cache fills the chips\. Add chips or shorten the context/
    );
  });

  it("prices tokens as TOKENCOST does at CHIPHOUR's chip-hour, and that is the server's cost over its chip-hours", () => {
    // An H200 server: 8 chips at 32,000 USD (MSRP) × 1.64 (Epoch AI's server/accelerator ratio), 10.2 kW.
    const server = {
      racks: 1,
      pricePerRack: Math.round(8 * 32000 * 1.64),
      powerPerRackKW: 10.2,
      years: 5,
      wacc: 0.1,
      hostingPerKWMonth: 184.06,
      energyPerKWh: 0.0806,
      pue: 1.25,
    };
    expect(s.cost!.chipHourUSD).toBeCloseTo(annualCost(server).total / 8 / (8760 * 0.8), 10);
    expect(s.cost!.chipHourUSD).toBe((evaluate(CHIPHOUR, ["H200"]) as number[][])[0][0]);
    const cost = table(TOKENCOST, [
      "Llama 3.1 70B",
      "H200",
      1000,
      1000,
      s.usersPerReplica,
      null,
      "FP16",
      s.chipsPerReplica,
      s.cost!.chipHourUSD,
    ]);
    expect(s.cost!.perMillionInput).toBe(cost.get("USD per million input tokens"));
    expect(s.cost!.perMillionOutput).toBe(cost.get("USD per million output tokens"));
    expect(s.cost!.perMillionBlended).toBe(cost.get("USD per million tokens (input + output)"));
    expect(s.unitsToBuy).toBe(1);
    expect(s.cost!.annualUSD).toBeCloseTo(annualCost(server).total, 6);
  });

  it("gives the energy per output token and tokens per MW as ENERGYPERTOKEN and TOKENSPERMW do", () => {
    const args = [
      "Llama 3.1 70B",
      "H200",
      1000,
      1000,
      s.usersPerReplica,
      null,
      "FP16",
      s.chipsPerReplica,
      1.25,
    ];
    expect(s.energyJPerToken).toBeCloseTo(
      (evaluate(ENERGYPERTOKEN, args as never) as number[][])[0][0],
      12
    );
    expect(s.tokensPerSecPerMW).toBeCloseTo(
      (evaluate(TOKENSPERMW, args as never) as number[][])[0][0],
      6
    );
    expect(summary({ system: "MI300X" }).energyJPerToken).toBeNull(); // no power in the preset
  });

  it("sets the lowest market listing against the cost: margins and the break-even utilization", () => {
    // Llama 3.1 70B's lowest listing: DeepInfra, $0.23 in and $0.40 out per million (2025-09-01).
    const m = s.market!;
    expect([m.provider, m.inputUSD, m.outputUSD, m.date]).toEqual([
      "DeepInfra",
      0.23,
      0.4,
      "2025-09-01",
    ]);
    expect(m.marginOutput).toBeCloseTo(0.4 - s.cost!.perMillionOutput, 12);
    const revenue = (1000 * 0.23 + 1000 * 0.4) / 2000;
    expect(m.marginBlended).toBeCloseTo(revenue - s.cost!.perMillionBlended, 12);
    expect(m.breakEvenUtilization).toBeCloseTo(
      (finance.utilization * s.cost!.perMillionBlended) / revenue,
      12
    );
    expect(summary({ model: "Falcon 180B", system: "B200" }).market).toBeNull();
  });

  it("shows the memory of one chip: the weights split over the replica, the KV cache of its users", () => {
    // 70e9 parameters × 2 bytes / 2^30 = 130.39 GB (the article's "~130 GB") over 2 chips.
    expect(s.chipsPerReplica).toBe(2);
    expect(s.memory.weightsGB).toBeCloseTo((70e9 * 2) / 2 ** 30 / 2, 9);
    // KV: 2 × 8 heads × 128 × 80 layers × 2 bytes a token, 2,000 tokens a user, over 2 chips.
    expect(s.memory.kvGB).toBeCloseTo(
      (2 * 8 * 128 * 80 * 2 * 2000 * s.usersPerReplica) / 2 ** 30 / 2,
      9
    );
    expect(s.memory.freeGB).toBeCloseTo(141 - s.memory.weightsGB - s.memory.kvGB, 9);
  });

  it("serves the users given with whole replicas and whole units to buy", () => {
    const big = summary({ users: 1000 });
    expect(big.replicas).toBe(Math.ceil(1000 / s.usersPerReplica));
    expect(big.usersPerReplica).toBe(Math.ceil(1000 / big.replicas));
    expect(big.chips).toBe(big.replicas * 2);
    expect(big.unitsToBuy).toBe(Math.ceil(big.chips / 8));
  });

  it("with a target tokens/s per user, picks the most users per replica that still reach it", () => {
    const target = 20;
    const t = summary({ targetPerUser: target });
    expect(t.tokensPerSecPerUser).toBeGreaterThanOrEqual(target);
    const oneMore = table(THROUGHPUT, [
      "Llama 3.1 70B",
      "H200",
      1000,
      1000,
      t.usersPerReplica + 1,
      null,
      "FP16",
      t.chipsPerReplica,
    ]);
    expect(oneMore.get("tokens/s per user")).toBeLessThan(target);
    expect(t.targetNote).toBe(
      `${t.usersPerReplica} users per replica keep 20 tokens/s per user or more.`
    );
    expect(summary({ targetPerUser: 500 }).targetNote).toMatch(
      /^No load reaches 500 tokens\/s per user here/
    );
  });

  it("uses the price and power the user typed instead of the preset's", () => {
    const mine = summary({ unit: { pricePerUnit: 500_000, powerPerUnitKW: 12 } });
    expect(mine.cost!.chipHourUSD).toBe(
      (evaluate(CHIPHOUR, [500_000, 12, 8, 5, 0.1, 184.06, 0.0806, 1.25, 0.8]) as number[][])[0][0]
    );
  });

  it("says what is missing instead of inventing a cost, and why nothing can be estimated", () => {
    const mi300x = summary({ system: "MI300X" });
    expect(mi300x.cost).toBeNull();
    expect(mi300x.costMissing).toMatch(
      /has no power: enter the server \(8 chips\)'s power under Finance/
    );
    expect(
      summarize({ ...base, model: "Llama 2 70B", inputTokens: 8000, outputTokens: 2000 })
    ).toEqual({
      error: expect.stringMatching(/longer than Llama 2 70B's max_context of 4096/),
    });
  });
});

describe("the comparison in the pane", () => {
  const s0 = summary();
  it("draws each system's curve from CURVE at the replica's chips, with this workload's load on it", () => {
    const [row] = compareRows(["H200", "B200"], base);
    const chips = summary().chipsPerReplica;
    const curve = evaluate(CURVE, [
      "Llama 3.1 70B",
      "H200",
      1000,
      1000,
      null,
      "FP16",
      chips,
      12,
      null,
    ] as never) as number[][];
    expect(row.curve).toEqual(curve.slice(1).map((r) => ({ x: r[1], y: r[4] })));
    expect(row.at).toEqual({ x: s0.tokensPerSecPerUser, y: s0.outputTokensPerSecPerChip });
    expect(row.marginOutput).toBeCloseTo(0.4 - s0.cost!.perMillionOutput, 12);
    expect(row.energyJPerToken).toBe(s0.energyJPerToken);
  });
  const { system: _s, unit: _u, ...shared } = base;
  const rows = compareRows(["H100", "H200", "MI300X"], shared);

  it("has a row per system with the summary's numbers, and says in the row what is missing", () => {
    expect(rows.map((r) => r.system)).toEqual([
      "NVIDIA H100 SXM 80GB",
      "NVIDIA H200 SXM 141GB",
      "AMD Instinct MI300X",
    ]);
    expect(rows[1].costPerMillion).toBe(summary().cost!.perMillionBlended);
    expect(rows[2]).toMatchObject({
      costPerMillion: null,
      note: expect.stringMatching(/no power/),
    });
    expect(rows[2].perChip).toBeGreaterThan(0);
  });

  it("sorts by any column, rows without the number last", () => {
    const byCost = sortRows(rows, "costPerMillion", true).map((r) => r.costPerMillion);
    expect(byCost[2]).toBeNull();
    expect(byCost[0]!).toBeLessThanOrEqual(byCost[1]!);
    const bySpeed = sortRows(rows, "perChip", false).map((r) => r.perChip!);
    expect(bySpeed).toEqual([...bySpeed].sort((a, b) => b - a));
  });
});
