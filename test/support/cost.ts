import { COSTPERMTOK, evaluate, TCO } from "../../src/core";

/** What a system costs to own and run, as TCO and COSTPERMTOK take it; money in USD. */
export interface Deployment {
  racks: number;
  pricePerRack: number;
  powerPerRackKW: number;
  years: number;
  wacc: number;
  hostingPerKWMonth: number;
  energyPerKWh: number;
  pue: number;
}
const costArgs = (d: Deployment) => [
  d.racks,
  d.pricePerRack,
  d.powerPerRackKW,
  d.years,
  d.wacc,
  d.hostingPerKWMonth,
  d.energyPerKWh,
  d.pue,
];
/** TCO's table read back: capital, energy, hosting, total (USD a year). */
export function annualCost(d: Deployment) {
  const t = evaluate(TCO, costArgs(d)) as (string | number)[][];
  const [capital, energy, hosting, total] = [1, 2, 3, 4].map((r) => t[r][1] as number);
  return { capital, energy, hosting, total };
}
export const costPerMillionTokens = (d: Deployment, tokensPerSec: number, utilization: number) =>
  evaluate(COSTPERMTOK, [tokensPerSec, ...costArgs(d), utilization])[0][0] as number;
