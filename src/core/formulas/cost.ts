import type { Param } from "../arguments";
import { add, div, ifPositive, input, mul, pmt, type Expr } from "../expr";
import { HOURS_PER_YEAR, MONTHS_PER_YEAR, SECONDS_PER_HOUR, TOKENS_PER_MILLION } from "../units";
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
  const energyCost = mul(racks, kw, pue, HOURS_PER_YEAR, energy);
  const hostingCost = mul(racks, kw, hosting, MONTHS_PER_YEAR);
  return {
    capital,
    energy: energyCost,
    hosting: hostingCost,
    total: add(capital, energyCost, hostingCost),
  };
}

const share = (part: Expr, total: Expr) => ifPositive(total, div(part, total), 0);

/** Cost formulas: annual cost of ownership and cost per million tokens. */

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
  twin(args) {
    const cost = annualTwin(COSTPERMTOK.params, args, 1);
    const tokensPerYear = mul(
      input("tokens_per_sec"),
      HOURS_PER_YEAR,
      SECONDS_PER_HOUR,
      twinArg(COSTPERMTOK.params, args, 9)
    );
    return mul(div(cost.total, tokensPerYear), TOKENS_PER_MILLION);
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
