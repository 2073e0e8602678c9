import { describe, expect, it } from "vitest";
import {
  CHIPHOUR,
  CURVE,
  ENERGYPERTOKEN,
  evaluate,
  MEMORY,
  MODELKV,
  SYSTEM_PRESETS,
  TOKENCOST,
  TOKENSPERSEC,
  WEIGHTS,
} from "../../src/core";
import {
  a1,
  areaAddress,
  comparePlan,
  modelPlan,
  NUMBER_FORMATS,
  plural,
  type LayoutPlan,
} from "../../src/workbook/plan";
import { annualCost, costPerMillionTokens } from "../support/cost";
import { loadPlan, rowOf } from "../support/plan-engine";

const workload = { inputTokens: 1024, outputTokens: 1024, users: 64 };
const core = (fn: typeof WEIGHTS, args: unknown[]) => evaluate(fn, args as never)[0][0] as number;
const cellAt = (plan: LayoutPlan, row: number, col: number) =>
  plan.cells.find((c) => c.row === row && c.col === col);

describe("the model plan: Llama 2 70B on H200 (an MLPerf-measured pair)", () => {
  const plan = modelPlan({ model: "Llama 2 70B", system: "H200", workload });

  it("names its sheet and puts a title and a note on inputs, units and sources", () => {
    expect(plan.sheetName).toBe("Tokenomics");
    expect(cellAt(plan, 0, 0)?.value).toBe("Tokenomics: Llama 2 70B on NVIDIA H200 SXM 141GB");
    expect(String(cellAt(plan, 1, 0)?.value)).toMatch(
      /inputs.*GB of 2\^30 bytes.*USD.*Sources in column D/
    );
  });

  it("writes inputs as values, outputs as TOKENOMICS formulas over sheet-scoped names", () => {
    const formula = (field: string) => cellAt(plan, rowOf(plan, field), 1)?.formula;
    expect(formula("weights_gb")).toBe(
      "=TOKENOMICS.WEIGHTS(Tok_Model, Tok_Precision, Tok_Instances)"
    );
    expect(formula("kv_cache_gb")).toBe(
      "=TOKENOMICS.MODELKV(Tok_Model, Tok_Context, Tok_Users, Tok_KV_Precision)"
    );
    expect(formula("chips")).toBe("=TOKENOMICS.CHIPS(Tok_Memory, Tok_Chip_GB)");
    expect(formula("racks")).toBe("=TOKENOMICS.RACKS(Tok_Memory, Tok_Chip_GB, Tok_Chips_Per_Rack)");
    expect(formula("cost_per_million_tokens")).toMatch(
      /^=TOKENOMICS\.COSTPERMTOK\(Tok_TPS, Tok_Racks, /
    );
    expect(cellAt(plan, rowOf(plan, "users"), 1)).toMatchObject({
      role: "input",
      value: 64,
      format: "integer",
    });
    const names = Object.fromEntries(plan.names.map((n) => [n.name, areaAddress(n)]));
    expect(names.Tok_Users).toBe(a1(rowOf(plan, "users"), 1));
    expect(names.Tok_Context).toBe(a1(rowOf(plan, "context_tokens"), 1));
    expect(names.Tok_Model).toBe(`${a1(rowOf(plan, "name"), 0)}:${a1(rowOf(plan, "notes"), 1)}`);
  });

  it("shows the source of every preset value and default, and formats each quantity", () => {
    const source = (field: string) => String(cellAt(plan, rowOf(plan, field), 3)?.value);
    expect(source("tokens_per_sec_per_rack")).toMatch(
      /MLPerf Inference v4.1.*H200-SXM-141GBx8_TRT.*Offline/
    );
    expect(source("price_per_rack")).toMatch(
      /8 × .*ESTIMATE.*\$32k.*× 1.64 server\/accelerator cost/
    );
    expect(source("wacc")).toMatch(/^default: CoreWeave.*confidence low/);
    expect(source("kv_heads")).toBe("Llama 2 70B preset (see the source row)");
    expect(cellAt(plan, rowOf(plan, "total_memory_gb"), 1)?.format).toBe("gb");
    expect(cellAt(plan, rowOf(plan, "wacc"), 1)?.format).toBe("percent");
    expect(NUMBER_FORMATS.usdPerMTok).toBe("$#,##0.0000");
  });

  it("evaluates, in HyperFormula, to what the core computes", () => {
    const { value } = loadPlan(plan);
    const at = (field: string) => value(rowOf(plan, field), 1) as number;
    expect(at("context_tokens")).toBe(2048);
    expect(at("weights_gb")).toBe(core(WEIGHTS, ["Llama 2 70B", "FP16"]));
    expect(at("kv_cache_gb")).toBe(core(MODELKV, ["Llama 2 70B", 2048, 64]));
    expect(at("total_memory_gb")).toBeCloseTo(core(MEMORY, ["Llama 2 70B", 2048, 64]), 9);
    const h200 = SYSTEM_PRESETS.resolve("H200");
    expect(at("chips")).toBeCloseTo(at("total_memory_gb") / h200.memory_gb, 12);
    expect(at("racks_to_buy")).toBe(Math.ceil(at("total_memory_gb") / h200.memory_gb / 8));
    const deployment = {
      racks: at("racks_to_buy"),
      pricePerRack: Math.round(8 * 32000 * 1.64),
      powerPerRackKW: 10.2,
      years: 5,
      wacc: 0.1,
      hostingPerKWMonth: 184.06,
      energyPerKWh: 0.0806,
      pue: 1.25,
    };
    expect(at("cost_per_million_tokens")).toBeCloseTo(
      costPerMillionTokens(deployment, 31302.7 * deployment.racks, 0.8),
      12
    );
    const tco = plan.cells.find((c) => c.formula?.startsWith("=TOKENOMICS.TCO"))!;
    expect(value(tco.row, 0)).toBe("Component");
    expect(value(tco.row + 4, 1)).toBeCloseTo(annualCost(deployment).total, 6);
  });

  it("recalculates the chain when an input or a model field changes", () => {
    const { value, set } = loadPlan(plan);
    const kv = () => value(rowOf(plan, "kv_cache_gb"), 1) as number;
    const before = kv();
    set(rowOf(plan, "users"), 1, 128);
    expect(kv()).toBeCloseTo(2 * before, 9);
    set(rowOf(plan, "kv_heads"), 1, 16);
    expect(kv()).toBeCloseTo(4 * before, 9);
    expect(value(rowOf(plan, "total_memory_gb"), 1)).toBeCloseTo(
      (value(rowOf(plan, "weights_gb"), 1) as number) + 4 * before,
      9
    );
  });

  it("estimates throughput where nothing was measured, says so with the error, and keeps a measured value", () => {
    const other = modelPlan({ model: "Llama 3.1 70B", system: "H100", workload });
    const row = rowOf(other, "tokens_per_sec_per_rack");
    expect(cellAt(other, row, 1)?.formula).toMatch(
      /^=TOKENOMICS\.TOKENSPERSEC\(Tok_Model, Tok_System/
    );
    expect(String(cellAt(other, row, 3)?.value)).toMatch(/^ESTIMATE: .*median error \d+(\.\d)?%/);
    const { value } = loadPlan(other);
    expect(value(row, 1)).toBeGreaterThan(0);
    expect(value(rowOf(other, "cost_per_million_tokens"), 1)).toBeGreaterThan(0);
    // The MLPerf-measured pair keeps its measurement.
    expect(cellAt(plan, rowOf(plan, "tokens_per_sec_per_rack"), 1)?.value).toBe(31302.7);
  });

  it("shows the energy per output token and tokens/s per MW, from the unit's power and the estimate", () => {
    const { value } = loadPlan(plan);
    const chips = value(rowOf(plan, "chips_per_replica"), 1) as number;
    const args = ["Llama 2 70B", "H200", 1024, 1024, null, null, null, chips];
    const perChip = core(TOKENSPERSEC, args);
    // An H200 server: 10.2 kW for 8 chips, PUE 1.25 (the default).
    const joules = ((10_200 / 8) * 1.25) / perChip;
    expect(value(rowOf(plan, "energy_per_token_j"), 1)).toBeCloseTo(joules, 9);
    expect(core(ENERGYPERTOKEN, args)).toBeCloseTo(joules, 12);
    expect(value(rowOf(plan, "tokens_per_sec_per_mw"), 1)).toBeCloseTo(1e6 / joules, 6);
  });

  it("shows the margin at the lowest listed market price, and a break-even utilization that two methods agree on", () => {
    // Llama 3.3 70B's lowest listing: Groq, $0.59 in and $0.79 out per million (groq.com/pricing).
    const p = modelPlan({ model: "Llama 3.3 70B", system: "H200", workload });
    const { value, set } = loadPlan(p);
    expect(value(rowOf(p, "market_price_input"), 1)).toBe(0.59);
    expect(value(rowOf(p, "market_price_output"), 1)).toBe(0.79);
    expect(String(cellAt(p, rowOf(p, "market_price_input"), 3)?.value)).toMatch(
      /^Groq \(https:\/\/groq\.com\/pricing\/\) as listed on 2026-07-30/
    );
    const chips = value(rowOf(p, "chips_per_replica"), 1) as number;
    const chipHour = value(rowOf(p, "chip_hour_usd"), 1) as number;
    const args = ["Llama 3.3 70B", "H200", 1024, 1024, null, null, null, chips];
    const cost = (hour: number) => evaluate(TOKENCOST, [...args, hour] as never).map((r) => r[1]);
    const [, costIn, costOut, costAll] = cost(chipHour) as number[];
    expect(value(rowOf(p, "margin_per_m_input_tokens"), 1)).toBeCloseTo(0.59 - costIn, 9);
    expect(value(rowOf(p, "margin_per_m_output_tokens"), 1)).toBeCloseTo(0.79 - costOut, 9);
    const revenue = (1024 * 0.59 + 1024 * 0.79) / 2048;
    expect(value(rowOf(p, "margin_per_m_tokens"), 1)).toBeCloseTo(revenue - costAll, 9);

    // Break-even by solving cost = price: bisect the utilization in CHIPHOUR (the finance defaults
    // and the H200 server's price and power, as the sheet has them) until the cost meets the price.
    const finance = ["years", "wacc", "hosting_per_kw_month", "energy_per_kwh", "pue"].map(
      (f) => value(rowOf(p, f), 1) as number
    );
    const unit = ["price_per_rack", "power_per_rack_kw", "chips_per_rack"].map(
      (f) => value(rowOf(p, f), 1) as number
    );
    const costAt = (u: number) => cost(core(CHIPHOUR, [...unit, ...finance, u]))[3] as number;
    let [lo, hi] = [1e-4, 1]; // CHIPHOUR takes a utilization in (0, 1]
    expect(costAt(hi)).toBeLessThan(revenue); // this price covers the cost at full use
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (costAt(mid) > revenue) lo = mid;
      else hi = mid;
    }
    expect(value(rowOf(p, "break_even_utilization"), 1)).toBeCloseTo((lo + hi) / 2, 9);

    // A price the user types replaces the listing; a blank or text price leaves the margin blank.
    set(rowOf(p, "market_price_output"), 1, 2);
    expect(value(rowOf(p, "margin_per_m_output_tokens"), 1)).toBeCloseTo(2 - costOut, 9);
    set(rowOf(p, "market_price_input"), 1, "");
    expect(value(rowOf(p, "margin_per_m_tokens"), 1)).toBe("");
  });

  it("leaves the market price for the user to type where the table lists none", () => {
    const p = modelPlan({ model: "Falcon 180B", system: "H200", workload });
    expect(cellAt(p, rowOf(p, "market_price_input"), 1)?.value).toBeUndefined();
    expect(String(cellAt(p, rowOf(p, "market_price_input"), 3)?.value)).toMatch(
      /No listing for Falcon 180B in the price table: type a price/
    );
    expect(loadPlan(p).value(rowOf(p, "break_even_utilization"), 1)).toBe("");
  });

  it("says what is missing where a system has no price: no number is invented", () => {
    const other = modelPlan({ model: "Llama 3.1 8B", system: "GH200", workload });
    const { value } = loadPlan(other);
    const cost = value(rowOf(other, "cost_per_million_tokens"), 1) as { type: string };
    expect(typeof cost).toBe("object"); // price_per_rack blank: an error, not a cost from $0
    expect(value(rowOf(other, "tokens_per_sec_per_rack"), 1)).toBeGreaterThan(0);
    // 70B in BF16 fits no GH200 alone (130 GB of weights, 144 GB of HBM less the engine's share).
    const big = modelPlan({ model: "Llama 3.1 70B", system: "GH200", workload });
    const tps = loadPlan(big).value(rowOf(big, "tokens_per_sec_per_rack"), 1) as {
      message: string;
    };
    expect(tps.message).toMatch(/do not fit in NVIDIA GH200 144GB's scale-up domain/);
  });
});

describe("unit labels", () => {
  it("put the plural on the noun: racks, servers (8 chips)", () => {
    expect(plural("rack")).toBe("racks");
    expect(plural("server (8 chips)")).toBe("servers (8 chips)");
    const h200 = modelPlan({ model: "Llama 3.1 70B", system: "H200", workload });
    const units = h200.cells.filter((c) => c.col === 2 && /server/.test(String(c.value)));
    expect(units.map((c) => c.value)).toEqual(
      expect.arrayContaining(["servers (8 chips) (fractional)", "whole servers (8 chips)"])
    );
    expect(units.some((c) => /\)s\b/.test(String(c.value)))).toBe(false);
  });
});

describe("the compare plan", () => {
  const systems = ["H100", "H200", "MI300X", "GB200 NVL72"];
  const plan = comparePlan({ model: "Llama 2 70B", systems, workload });

  it("has one column per system with the same rows, and two charts over them", () => {
    const header = rowOf(plan, "Per system");
    expect([1, 2, 3, 4].map((c) => cellAt(plan, header, c)?.value)).toEqual(
      systems.map((s) => SYSTEM_PRESETS.resolve(s).name)
    );
    for (const field of [
      "chips",
      "racks",
      "racks_to_buy",
      "annual_cost_usd",
      "cost_per_million_tokens",
    ]) {
      expect([1, 2, 3, 4].every((c) => cellAt(plan, rowOf(plan, field), c)?.formula)).toBe(true);
    }
    expect(plan.charts.map((c) => c.title)).toEqual([
      "Cost per million tokens (USD)",
      "Racks (or servers) to buy",
      "Output tokens/s per chip against tokens/s per user (ESTIMATE)",
    ]);
    expect(plan.charts[0].categories).toEqual({ row: header, col: 1, rows: 1, cols: 4 });
    expect(plan.charts[0].values.row).toBe(rowOf(plan, "cost_per_million_tokens"));
  });

  it("evaluates per system to what the core computes", () => {
    const { value } = loadPlan(plan);
    const memory = value(rowOf(plan, "total_memory_gb"), 1) as number;
    systems.forEach((name, k) => {
      const s = SYSTEM_PRESETS.resolve(name);
      expect(value(rowOf(plan, "chips"), k + 1)).toBeCloseTo(memory / s.memory_gb, 12);
    });
    expect(value(rowOf(plan, "cost_per_million_tokens"), 1)).toBeCloseTo(
      costPerMillionTokens(
        {
          racks: 1,
          pricePerRack: Math.round(8 * 30000 * 1.64),
          powerPerRackKW: 10.2,
          years: 5,
          wacc: 0.1,
          hostingPerKWMonth: 184.06,
          energyPerKWh: 0.0806,
          pue: 1.25,
        },
        24524.9,
        0.8
      ),
      12
    );
    expect(value(rowOf(plan, "annual_cost_usd"), 4)).toBeCloseTo(
      annualCost({
        racks: 1,
        pricePerRack: 3e6,
        powerPerRackKW: 120,
        years: 5,
        wacc: 0.1,
        hostingPerKWMonth: 184.06,
        energyPerKWh: 0.0806,
        pue: 1.25,
      }).total,
      6
    );
    // MI300X has no server power in its preset: the cell says what is missing.
    expect((value(rowOf(plan, "annual_cost_usd"), 3) as { message: string }).message).toMatch(
      /power_per_rack_kw is required/
    );
  });

  it("holds each system's curve as CURVE's cells, equal to the core's, under one scatter chart", () => {
    const { value } = loadPlan(plan);
    const chart = plan.charts[2];
    expect(chart.scatter?.xTitle).toBe("tokens/s per user");
    const lines = [
      { name: chart.seriesName, x: chart.categories, y: chart.values },
      ...chart.scatter!.more,
    ];
    expect(lines.map((l) => l.name)).toEqual(systems.map((s) => SYSTEM_PRESETS.resolve(s).name));
    lines.forEach((line, k) => {
      const chips = value(rowOf(plan, "chips_per_replica"), k + 1);
      const hour = value(rowOf(plan, "chip_hour_usd"), k + 1);
      if (typeof chips !== "number") return; // the model fits no group: the curve says so
      const core = evaluate(CURVE, [
        "Llama 2 70B",
        systems[k],
        1024,
        1024,
        null,
        "FP16",
        chips,
        12,
        typeof hour === "number" ? hour : null,
      ] as never);
      expect(line.x.rows).toBe(12);
      for (let r = 0; r < 12; r++) {
        expect(value(line.x.row + r, 1)).toBeCloseTo(core[r + 1][1] as number, 9);
        expect(value(line.y.row + r, 4)).toBeCloseTo(core[r + 1][4] as number, 9);
      }
    });
    // MI300X: no server power in its preset, so its curve has tokens/s but no cost.
    const mi300x = lines[2];
    expect(value(mi300x.y.row, 4)).toBeGreaterThan(0);
    expect((value(mi300x.y.row, 5) as { message: string }).message).toMatch(/give chip_hour_usd/);
  });

  it("shows each system's energy per output token and tokens/s per MW: the unit's kW × PUE over its tokens/s", () => {
    const { value } = loadPlan(plan);
    // H100 (column 1): an HGX server, 10.2 kW for 8 chips; PUE 1.25 by default.
    const tps = value(rowOf(plan, "tokens_per_sec_per_rack"), 1) as number;
    const joules = (10.2 * 1000 * 1.25) / tps;
    expect(value(rowOf(plan, "energy_per_token_j"), 1)).toBeCloseTo(joules, 9);
    expect(value(rowOf(plan, "tokens_per_sec_per_mw"), 1)).toBeCloseTo(1e6 / joules, 6);
    // Where tokens/s is the estimate, that is ENERGYPERTOKEN's number (GB200 NVL72, column 4).
    const chips = value(rowOf(plan, "chips_per_replica"), 4) as number;
    expect(cellAt(plan, rowOf(plan, "tokens_per_sec_per_rack"), 4)?.formula).toMatch(
      /^=TOKENOMICS\.TOKENSPERSEC/
    );
    const args = ["Llama 2 70B", "GB200 NVL72", 1024, 1024, null, null, "FP16", chips];
    expect(value(rowOf(plan, "energy_per_token_j"), 4)).toBeCloseTo(
      evaluate(ENERGYPERTOKEN, args as never)[0][0] as number,
      9
    );
    // MI300X: no server power in its preset, so no energy.
    expect((value(rowOf(plan, "energy_per_token_j"), 3) as { type: string }).type).toBe("NA");
  });

  it("shows each system's margin at the sheet's market price and its break-even utilization", () => {
    const { value } = loadPlan(plan);
    // Llama 2 70B has no listing in the price table: blank prices, blank margins.
    expect(value(rowOf(plan, "market_price_output"), 1)).toBeNull();
    expect(value(rowOf(plan, "margin_per_m_output_tokens"), 1)).toBe("");
    const priced = comparePlan({ model: "Llama 3.3 70B", systems, workload });
    const p = loadPlan(priced);
    const out = p.value(rowOf(priced, "usd_per_m_output_tokens"), 1) as number;
    const inp = p.value(rowOf(priced, "usd_per_m_input_tokens"), 1) as number;
    expect(p.value(rowOf(priced, "margin_per_m_output_tokens"), 1)).toBeCloseTo(0.79 - out, 12);
    const utilization = p.value(rowOf(priced, "utilization"), 1) as number;
    const cost = (1024 * inp + 1024 * out) / 2048;
    const price = (1024 * 0.59 + 1024 * 0.79) / 2048;
    expect(p.value(rowOf(priced, "break_even_utilization"), 1)).toBeCloseTo(
      (utilization * cost) / price,
      12
    );
  });

  it("prices input and output tokens apart for every system, from the estimate at its chip-hour", () => {
    const { value } = loadPlan(plan);
    const gb200 = {
      racks: 1,
      pricePerRack: 3e6,
      powerPerRackKW: 120,
      years: 5,
      wacc: 0.1,
      hostingPerKWMonth: 184.06,
      energyPerKWh: 0.0806,
      pue: 1.25,
    };
    // A rack's annual cost over its 72 chips' hours in service (8,760 h × 80 % utilization).
    expect(value(rowOf(plan, "chip_hour_usd"), 4)).toBeCloseTo(
      annualCost(gb200).total / 72 / (8760 * 0.8),
      9
    );
    systems.forEach((name, k) => {
      const chips = value(rowOf(plan, "chips_per_replica"), k + 1);
      const chipHour = value(rowOf(plan, "chip_hour_usd"), k + 1);
      const [input, output] = [
        rowOf(plan, "usd_per_m_input_tokens"),
        rowOf(plan, "usd_per_m_output_tokens"),
      ].map((r) => value(r, k + 1));
      if (typeof chipHour !== "number") {
        // MI300X has no power in its preset: no chip-hour, so no token price either.
        expect(name).toBe("MI300X");
        expect((output as { message: string }).message).toMatch(/power/);
        return;
      }
      const table = evaluate(TOKENCOST, [
        "Llama 2 70B",
        name,
        1024,
        1024,
        null,
        null,
        null,
        chips,
        chipHour,
      ] as never) as (string | number)[][];
      expect(input).toBeCloseTo(table[1][1] as number, 9);
      expect(output).toBeCloseTo(table[2][1] as number, 9);
      expect(output as number).toBeGreaterThan(input as number);
    });
  });

  it("takes 2 to 20 systems", () => {
    expect(() => comparePlan({ model: "Llama 2 70B", systems: ["H100"], workload })).toThrow(
      /2 to 20 systems/
    );
  });
});

describe("bad selections", () => {
  it("an unknown model or system is #N/A with suggestions; a bad workload names the field", () => {
    expect(() => modelPlan({ model: "Lama 2", system: "H100", workload })).toThrow(
      /Unknown model "Lama 2"/
    );
    expect(() => modelPlan({ model: "Llama 2 70B", system: "H1000", workload })).toThrow(
      /Unknown system/
    );
    expect(() =>
      modelPlan({ model: "Llama 2 70B", system: "H100", workload: { ...workload, users: 0 } })
    ).toThrow(/users must be more than 0/);
    expect(() =>
      modelPlan({
        model: "Llama 2 70B",
        system: "H100",
        workload: { ...workload, kvPrecision: "FP12" },
      })
    ).toThrow(/FP12/);
  });
});

describe("the shared (native) form of a plan", () => {
  const plans = [
    modelPlan({ model: "Llama 2 70B", system: "H200", workload }),
    modelPlan({
      model: "gpt-oss-120b",
      system: "GB200 NVL72",
      workload: { inputTokens: 100_000, outputTokens: 8000, users: 32 },
    }),
    comparePlan({
      model: "DeepSeek-V3",
      systems: ["H200", "MI300X", "GB200 NVL72", "Groq LPU"],
      workload,
    }),
  ];

  it.each(plans.map((p) => [p.cells[0].value, p] as const))(
    "%s: every cell shows what the live sheet shows",
    (_t, plan) => {
      expect(plan.cells.some((c) => typeof c.native === "string" && c.native.startsWith("="))).toBe(
        true
      );
      for (const c of plan.cells) {
        if (typeof c.native === "string") expect(c.native).not.toMatch(/TOKENOMICS\./);
      }
      const live = loadPlan(plan, "live");
      const native = loadPlan(plan, "native");
      let compared = 0;
      for (const c of plan.cells.filter((x) => x.formula || x.role === "spill")) {
        const a = live.value(c.row, c.col);
        const b = native.value(c.row, c.col);
        if (typeof a === "number") {
          expect(typeof b).toBe("number");
          expect(Math.abs((a as number) - (b as number))).toBeLessThanOrEqual(
            1e-9 * Math.max(Math.abs(a), 1e-300)
          );
          compared++;
        } else if (typeof a === "string") {
          expect(b).toBe(a);
        } else if (typeof c.native === "string" && !c.native.startsWith("=")) {
          // A table whose call errs live (the model fits no group of a system) shows the error over
          // its range; its shared form keeps the table's labels, its numbers are the errors.
          expect(a === null || typeof a === "object").toBe(true);
          expect(c.native).toMatch(/^[a-zA-Z]/);
        } else {
          expect(typeof b).toBe("object"); // an error live (a missing input) is an error shared
        }
      }
      expect(compared).toBeGreaterThan(8);
    }
  );
});
