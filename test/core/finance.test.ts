import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { levelPayment } from "../../src/core";
import { annualCost, costPerMillionTokens, type Deployment } from "../support/cost";

/** |actual - expected| within `relative` of |expected|: for money, digits after the decimal point vary. */
function expectClose(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

/** Evaluates one formula in HyperFormula, a spreadsheet engine written outside this repository. */
function spreadsheet(formula: string): number {
  // smartRounding off: compare full double precision, not the engine's display rounding.
  const hf = HyperFormula.buildFromArray([[formula]], {
    licenseKey: "gpl-v3",
    smartRounding: false,
  });
  const value = hf.getCellValue({ sheet: 0, row: 0, col: 0 });
  hf.destroy();
  if (typeof value !== "number") throw new Error(`${formula} gave ${JSON.stringify(value)}`);
  return value;
}

describe("capital is annualised like Excel's PMT", () => {
  it("matches Microsoft's PMT example: 8% a year, 10 months, $10,000 → $1,037.03 a month", () => {
    expect(levelPayment(10_000, 0.08 / 12, 10)).toBeCloseTo(1037.03, 2);
  });

  it("matches numpy-financial's test value: pmt(0.08/12, 60, 15000) = -304.145914", () => {
    expect(levelPayment(15_000, 0.08 / 12, 60)).toBeCloseTo(304.145914, 6);
  });

  it.each([
    [3_000_000, 0.1, 5],
    [12_500_000, 0.07, 6],
    [400_000, 0.15, 3],
    [1, 0.0001, 4],
  ])("matches HyperFormula's =PMT for capex %d, rate %d, %d years", (capex, rate, years) => {
    expectClose(
      levelPayment(capex, rate, years),
      spreadsheet(`=-PMT(${rate}, ${years}, ${capex})`)
    );
  });

  it("is straight-line at a zero cost of capital", () => {
    expect(levelPayment(3_000_000, 0, 5)).toBe(600_000);
  });

  it("stays finite and continuous as the rate tends to zero (1 + r rounding to 1)", () => {
    for (const rate of [5e-324, 1e-300, 1e-17, 1e-12, 1e-9]) {
      expectClose(levelPayment(3_000_000, rate, 5), 600_000, 1e-8);
    }
    // Either side of the series threshold: against PMT's expansion for small r (derived by hand),
    // P/n · (1 + r(n+1)/2 + r²(n²−1)/12), exact to O(r³). (Spreadsheet PMTs lose digits here.)
    for (const rate of [1e-7, 3e-7, 1e-6, 1e-5]) {
      const n = 5;
      const series =
        (3_000_000 / n) * (1 + (rate * (n + 1)) / 2 + (rate * rate * (n * n - 1)) / 12);
      expectClose(levelPayment(3_000_000, rate, n), series, 1e-12);
    }
  });
});

describe("annual cost and cost per million tokens", () => {
  const rack: Deployment = {
    racks: 2,
    pricePerRack: 3_000_000,
    powerPerRackKW: 120,
    years: 5,
    wacc: 0.1,
    hostingPerKWMonth: 184.06,
    energyPerKWh: 0.0806,
    pue: 1.25,
  };

  /** The same model written as spreadsheet formulas, evaluated by HyperFormula. */
  function spreadsheetModel(d: Deployment, tokensPerSec: number, utilization: number) {
    const capital = `-PMT(${d.wacc}, ${d.years}, ${d.racks}*${d.pricePerRack})`;
    const energy = `${d.racks}*${d.powerPerRackKW}*${d.pue}*8760*${d.energyPerKWh}`;
    const hosting = `${d.racks}*${d.powerPerRackKW}*${d.hostingPerKWMonth}*12`;
    const tokens = `${tokensPerSec}*8760*3600*${utilization}`;
    return {
      capital: spreadsheet(`=${capital}`),
      energy: spreadsheet(`=${energy}`),
      hosting: spreadsheet(`=${hosting}`),
      perMTok: spreadsheet(`=(${capital}+${energy}+${hosting})/(${tokens})*1000000`),
    };
  }

  it("energy: 2 racks × 120 kW × PUE 1.25 × 8760 h × $0.0806 = $211,816.80 a year", () => {
    expect(annualCost(rack).energy).toBeCloseTo(211_816.8, 6);
  });

  it("hosting: 2 racks × 120 kW × $184.06 × 12 months = $530,092.80 a year", () => {
    expect(annualCost(rack).hosting).toBeCloseTo(530_092.8, 6);
  });

  it("spreads a year's cost over 10,000 tok/s × 8760 h × 3600 s × 0.8 = 252,288,000,000 tokens", () => {
    expectClose(
      costPerMillionTokens(rack, 10_000, 0.8),
      (annualCost(rack).total / 252_288_000_000) * 1e6
    );
  });

  it.each([
    [rack, 10_000, 0.8],
    [{ ...rack, wacc: 0 }, 10_000, 0.8],
    [
      { ...rack, racks: 5.6, pricePerRack: 1_500_000, powerPerRackKW: 30, years: 4, wacc: 0.12 },
      2_500,
      0.6,
    ],
    [{ ...rack, racks: 0.5, pue: 1.56, energyPerKWh: 0.15, hostingPerKWMonth: 217.3 }, 31_302.7, 1],
  ])("matches the same model built from HyperFormula's own formulas (%#)", (d, tps, u) => {
    const expected = spreadsheetModel(d, tps, u);
    const cost = annualCost(d);
    expectClose(cost.capital, expected.capital);
    expectClose(cost.energy, expected.energy);
    expectClose(cost.hosting, expected.hosting);
    expectClose(costPerMillionTokens(d, tps, u), expected.perMTok);
  });
});
