/**
 * Capital is annualised like a loan repaid in equal yearly instalments (Excel's PMT), so a cost of
 * capital raises it. The cost formulas themselves are expressions (formulas/cost.ts); this is the
 * one piece of arithmetic they need that is not plain arithmetic.
 */

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
