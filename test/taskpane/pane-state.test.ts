import { describe, expect, it } from "vitest";
import {
  DEFAULT_STATE,
  FINANCE_LABELS,
  readState,
  restoreState,
  shownDefault,
  type PaneState,
} from "../../src/taskpane/pane-state";

const state = (change: Partial<PaneState>): PaneState => ({
  ...structuredClone(DEFAULT_STATE),
  ...change,
});
const finance = (change: Partial<PaneState["finance"]>) =>
  state({ finance: { ...DEFAULT_STATE.finance, ...change } });

describe("the pane's fields, read as people type them", () => {
  it("labels the finance assumptions in plain words, with fractions shown as percentages", () => {
    expect(Object.values(FINANCE_LABELS).map((l) => l.label)).toEqual([
      "Hardware life, years",
      "Cost of capital (WACC)",
      "Hosting, USD per kW per month",
      "Electricity, USD per kWh",
      "PUE (facility power / IT power)",
      "Utilization",
    ]);
    expect(shownDefault("wacc")).toBe("10%");
    expect(shownDefault("utilization")).toBe("80%");
    expect(shownDefault("hosting_per_kw_month")).toBe("184.06");
    expect(shownDefault("energy_per_kwh")).toBe("0.0806"); // every digit of the default, not 0.081
  });

  it.each([
    ["10%", 0.1],
    ["0.1", 0.1],
    ["7.5 %", 0.075],
  ])("takes a cost of capital of %s as %d", (typed, value) => {
    expect(readState(finance({ wacc: typed })).inputs!.finance.wacc).toBe(value);
  });

  it("takes thousands separators and k/M suffixes", () => {
    const r = readState(
      state({
        inputTokens: "8,000",
        outputTokens: "1k",
        users: "2.5k",
        price: "3.5M",
        power: "1,200",
      })
    );
    expect(r.errors).toEqual({
      power: "Must be a number ≥ 0 and ≤ 1000; got 1200. Power is in kW: 120000 W is 120 kW.",
    });
    const ok = readState(
      state({ inputTokens: "8,000", outputTokens: "1k", users: "2.5k", price: "3.5M" })
    );
    expect(ok.inputs!.workload).toMatchObject({ inputTokens: 8000, outputTokens: 1000 });
    expect(ok.inputs!.users).toBe(2500);
    expect(ok.inputs!.unit).toEqual({ pricePerUnit: 3_500_000 });
  });

  it("says what is wrong with each field that does not read", () => {
    const r = readState(
      state({
        inputTokens: "ten",
        outputTokens: "",
        users: "0",
        targetPerUser: "-5",
        finance: { ...DEFAULT_STATE.finance, wacc: "10", utilization: "120%" },
      })
    );
    expect(r.inputs).toBeUndefined();
    expect(r.errors).toEqual({
      inputTokens: '"ten" is not a number: write it as 10000, 10,000, 10k or 1e4.',
      outputTokens: "Enter a number.",
      users: "Must be a whole number ≥ 1; got 0.",
      targetPerUser: "Must be a number > 0; got -5.",
      "finance.wacc": "Must be a number ≥ 0 and < 1; got 10. wacc is a fraction: 10% is 0.1.",
      "finance.utilization":
        "Must be a number > 0 and ≤ 1; got 1.2. utilization is a fraction: 80% is 0.8.",
    });
  });

  it("a blank optional field takes the default: users blank is maximum throughput", () => {
    const r = readState(DEFAULT_STATE).inputs!;
    expect(r.users).toBeNull();
    expect(r.targetPerUser).toBeNull();
    expect(r.finance).toEqual({});
    expect(r.financeValues).toEqual({
      years: 5,
      wacc: 0.1,
      hosting_per_kw_month: 184.06,
      energy_per_kwh: 0.0806,
      pue: 1.25,
      utilization: 0.8,
    });
  });
});

describe("the choices saved with the workbook", () => {
  it("come back as they were saved", () => {
    const saved = state({
      model: "DeepSeek-R1",
      users: "64",
      compare: ["H100", "B200"],
      scope: "selection",
    });
    expect(restoreState(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it("a damaged or foreign record never breaks the pane: only well-typed fields are taken", () => {
    expect(restoreState(null)).toEqual(DEFAULT_STATE);
    expect(restoreState("junk")).toEqual(DEFAULT_STATE);
    const r = restoreState({
      model: 42,
      system: "x".repeat(500),
      users: "16",
      compare: "H100",
      scope: "everything",
      finance: { wacc: 0.1, pue: "1.3" },
    });
    expect(r.model).toBe(DEFAULT_STATE.model);
    expect(r.system).toBe(DEFAULT_STATE.system);
    expect(r.users).toBe("16");
    expect(r.compare).toEqual(DEFAULT_STATE.compare);
    expect(r.scope).toBe("sheet");
    expect(r.finance).toEqual({ ...DEFAULT_STATE.finance, pue: "1.3" });
  });
});
