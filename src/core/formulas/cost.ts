import type { Param, Value } from "../arguments";
import { add, div, ifPositive, input, mul, pmt, type Expr } from "../expr";
import { annualCost, costPerMillionTokens, type Deployment } from "../finance";
import type { CellFunction, TableFunction, TwinArg } from "../formula";
import {
  COST_TAIL,
  POWER_PER_RACK_KW,
  PRICE_PER_RACK,
  positive,
  RACKS,
  twinArg,
  UTILIZATION,
} from "./params";

/** Annual capital, energy and hosting as expressions; `offset` is where racks sit in the params. */
function annualTwin(params: readonly Param[], args: readonly TwinArg[], offset: number) {
  const at = (k: number) => twinArg(params, args, offset + k);
  const [racks, price, kw, years, wacc, hosting, energy, pue] = [0, 1, 2, 3, 4, 5, 6, 7].map(at);
  const capital = pmt(wacc, years, mul(racks, price));
  const energyCost = mul(racks, kw, pue, 8760, energy);
  const hostingCost = mul(racks, kw, hosting, 12);
  return {
    capital,
    energy: energyCost,
    hosting: hostingCost,
    total: add(capital, energyCost, hostingCost),
  };
}

const share = (part: Expr, total: Expr) => ifPositive(total, div(part, total), 0);

/** Cost formulas: annual cost of ownership and cost per million tokens. */

function deployment(values: Value[]): Deployment {
  const [racks, pricePerRack, powerPerRackKW, years, wacc, hostingPerKWMonth, energyPerKWh, pue] =
    values as number[];
  return { racks, pricePerRack, powerPerRackKW, years, wacc, hostingPerKWMonth, energyPerKWh, pue };
}

/**
 * One 8-GPU H200 server taken as the "rack" of the cost examples. Every input is sourced in
 * ../shared/reference: throughput from MLPerf Inference v4.1 (Llama 2 70B, Offline, NVIDIA
 * H200-SXM-141GBx8, 31,302.7 tokens/s); price = 8 GPUs × $32,000 (Hugging Face hardware page MSRP,
 * an undated estimate) × 1.64 (Epoch AI: server cost / accelerator cost); power 10.2 kW per 8-GPU
 * node (NVIDIA DGX guide, as quoted by a secondary source).
 */
const H200_SERVER = { tokensPerSec: 31302.7, price: 8 * 32000 * 1.64, powerKW: 10.2 };
const H200_ABOUT =
  "One 8×H200 server: 31,302.7 tokens/s (MLPerf Inference v4.1, Llama 2 70B Offline), $419,840 " +
  "(8 × $32,000 GPU MSRP estimate × 1.64 server/GPU cost, Epoch AI), 10.2 kW; cost defaults.";

export const COSTPERMTOK: CellFunction = {
  kind: "cell",
  id: "COSTPERMTOK",
  summary:
    "Cost per million tokens: annual capital (PMT) + energy + hosting, over a year's tokens.",
  unit: "USD per million tokens",
  params: [
    positive(
      "tokens_per_sec",
      "Total tokens per second of the whole deployment (e.g. an MLPerf result)."
    ),
    RACKS,
    PRICE_PER_RACK,
    POWER_PER_RACK_KW,
    ...COST_TAIL,
    UTILIZATION,
  ],
  // Indexed, not destructured: this runs once per cell of a sensitivity grid, and destructuring
  // a holey array goes through the iterator protocol (measured 1.8× slower).
  compute: (values) => {
    const v = values as number[];
    const d: Deployment = {
      racks: v[1],
      pricePerRack: v[2],
      powerPerRackKW: v[3],
      years: v[4],
      wacc: v[5],
      hostingPerKWMonth: v[6],
      energyPerKWh: v[7],
      pue: v[8],
    };
    return costPerMillionTokens(d, v[0], v[9]);
  },
  twin(args) {
    const cost = annualTwin(COSTPERMTOK.params, args, 1);
    const tokensPerYear = mul(
      input("tokens_per_sec"),
      8760,
      3600,
      twinArg(COSTPERMTOK.params, args, 9)
    );
    return mul(div(cost.total, tokensPerYear), 1e6);
  },
  example: {
    args: [H200_SERVER.tokensPerSec, 1, H200_SERVER.price, H200_SERVER.powerKW],
    shows: 0.18,
    decimals: 2,
    about: H200_ABOUT,
  },
};

export const TCO: TableFunction = {
  kind: "table",
  id: "TCO",
  summary:
    "Annual cost of ownership as a spilled table: capital, energy, hosting and total, with shares.",
  unit: "USD per year",
  params: [RACKS, PRICE_PER_RACK, POWER_PER_RACK_KW, ...COST_TAIL],
  table: (values) => {
    const cost = annualCost(deployment(values));
    const share = (x: number) => (cost.total > 0 ? x / cost.total : 0);
    return [
      ["Component", "USD per year", "Share"],
      ["Capital", cost.capital, share(cost.capital)],
      ["Energy", cost.energy, share(cost.energy)],
      ["Hosting", cost.hosting, share(cost.hosting)],
      ["Total", cost.total, share(cost.total)],
    ];
  },
  twin(args) {
    const c = annualTwin(TCO.params, args, 0);
    return [
      ["Component", "USD per year", "Share"],
      ["Capital", c.capital, share(c.capital, c.total)],
      ["Energy", c.energy, share(c.energy, c.total)],
      ["Hosting", c.hosting, share(c.hosting, c.total)],
      ["Total", c.total, share(c.total, c.total)],
    ];
  },
  example: {
    args: [1, H200_SERVER.price, H200_SERVER.powerKW],
    shows: 142284,
    decimals: 0,
    at: [4, 1],
    about: H200_ABOUT,
  },
};
