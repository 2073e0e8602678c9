import { HOURS_PER_YEAR, MONTHS_PER_YEAR, SECONDS_PER_HOUR, TOKENS_PER_MILLION } from "./units";

/**
 * Annual cost of owning inference racks, in USD, with the article's parameters made exact.
 * Capital is annualised like a loan repaid in equal yearly instalments (Excel's PMT), so a cost of
 * capital raises it; energy and hosting are paid every year.
 */

/** What a system costs to own and run; all money in USD. */
export interface Deployment {
  racks: number;
  /** Purchase price of one rack, USD. */
  pricePerRack: number;
  /** IT power of one rack, kW. */
  powerPerRackKW: number;
  /** Depreciation life, years. */
  years: number;
  /** Cost of capital per year, as a fraction (0.1 = 10%). */
  wacc: number;
  /** Colocation rent, USD per kW of IT power per month. */
  hostingPerKWMonth: number;
  /** Electricity, USD per kWh. */
  energyPerKWh: number;
  /** Facility power / IT power, ≥ 1. */
  pue: number;
}

/** One year of owning a deployment, USD. */
export interface AnnualCost {
  capital: number;
  energy: number;
  hosting: number;
  total: number;
}

/**
 * The level payment that repays `principal` over `periods` at `rate` per period: Excel's
 * PMT(rate, periods, -principal), positive. At rate 0 it is straight-line principal / periods.
 * Computed stably: 1 − (1 + r)^−n as −expm1(−n·log1p(r)), and for r·n below 1e-6 the series
 * P/n · (1 + r(n+1)/2), whose error is below 1e-12 — the naive form divides by zero when
 * 1 + r rounds to 1 (a wacc of 1e-17 gave Infinity).
 */
export function levelPayment(principal: number, rate: number, periods: number): number {
  if (rate === 0) return principal / periods;
  if (Math.abs(rate * periods) < 1e-6)
    return (principal / periods) * (1 + (rate * (periods + 1)) / 2);
  return (principal * rate) / -Math.expm1(-periods * Math.log1p(rate));
}

/** USD per year: capital (PMT of racks × price), energy (× PUE, 8760 h), hosting (per kW-month × 12). */
export function annualCost(d: Deployment): AnnualCost {
  const capital = levelPayment(d.racks * d.pricePerRack, d.wacc, d.years);
  const itPowerKW = d.racks * d.powerPerRackKW;
  const energy = itPowerKW * d.pue * HOURS_PER_YEAR * d.energyPerKWh;
  const hosting = itPowerKW * d.hostingPerKWMonth * MONTHS_PER_YEAR;
  return { capital, energy, hosting, total: capital + energy + hosting };
}

/** Tokens produced in a year at `tokensPerSec` for the whole deployment, busy `utilization` of the time. */
export function tokensPerYear(tokensPerSec: number, utilization: number): number {
  return tokensPerSec * HOURS_PER_YEAR * SECONDS_PER_HOUR * utilization;
}

/** USD per million tokens: a year's total cost over a year's tokens. */
export function costPerMillionTokens(
  d: Deployment,
  tokensPerSec: number,
  utilization: number
): number {
  return (annualCost(d).total / tokensPerYear(tokensPerSec, utilization)) * TOKENS_PER_MILLION;
}
