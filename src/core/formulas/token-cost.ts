import deployment from "../../presets/deployment.json";
import type { Param } from "../arguments";
import { invalidValue } from "../errors";
import {
  add,
  div,
  fail,
  field,
  ifOmitted,
  ifPositive,
  input,
  mul,
  pmt,
  sub,
  type Expr,
} from "../expr";
import type { CellFunction, TableFunction, TwinArg } from "../formula";
import { serving } from "../serving";
import type { SystemSpec } from "../system-spec";
import { HOURS_PER_YEAR, MONTHS_PER_YEAR, SECONDS_PER_HOUR, TOKENS_PER_MILLION } from "../units";
import { COST_TAIL, nonNegative, twinArg, UTILIZATION } from "./params";
import { checkServing, SERVING_PARAMS, servingKinds } from "./throughput";

/**
 * The price of a token: what an hour of one chip costs (its share of the deployment unit's annual
 * cost of ownership, over the hours it serves), and that over the tokens it serves in the hour.
 */

/** Where a unit has no rack preset (an HGX server), its price is the chips' price × this (Epoch AI). */
const SERVER_COST = deployment.server_cost_per_accelerator_cost.value;

/**
 * What a system preset's unit is, as expressions over its fields: the rack when the preset has
 * chips_per_rack (GB200 NVL72), else the server (chips_per_server, chip price × chips × 1.64,
 * server_power_kw) — the unit the task pane's sheets buy.
 */
export function unitOf(system: string) {
  const f = (name: keyof SystemSpec) => field(system, name);
  // What the unit must give (checkUnit, live): a twin shows #N/A where it is blank, never 0.
  const must = (name: keyof SystemSpec) => field(system, name, true);
  const perRack = f("chips_per_rack");
  return {
    chips: ifPositive(perRack, perRack, must("chips_per_server")),
    price: ifPositive(
      perRack,
      must("price_per_rack_usd"),
      mul(must("price_per_chip_usd"), must("chips_per_server"), SERVER_COST)
    ),
    powerKW: ifPositive(perRack, must("rack_power_kw"), must("server_power_kw")),
  };
}

/**
 * The unit's numbers a system preset must give for what is left out (price always; power and chips
 * unless given), or `#VALUE!` naming the field to fill.
 */
export function checkUnit(
  system: SystemSpec,
  what: string,
  need: { power: boolean; chips: boolean } = { power: true, chips: true }
): void {
  const rack = system.chips_per_rack !== null;
  const missing = (fieldName: string) =>
    invalidValue(
      `${system.name} has no ${fieldName} in its preset, so ${what} cannot be estimated: ` +
        `give the price, power and chips of a rack or server as numbers (TOKENOMICS.CHIPHOUR(price, kW, chips)), ` +
        `or pass a SYSTEM() range with ${fieldName} filled in.`
    );
  if (!rack && !system.chips_per_server) throw missing("chips_per_rack or chips_per_server");
  if (rack && !system.price_per_rack_usd) throw missing("price_per_rack_usd");
  if (!rack && !system.price_per_chip_usd) throw missing("price_per_chip_usd");
  if (need.power && rack && !system.rack_power_kw) throw missing("rack_power_kw");
  if (need.power && !rack && !system.server_power_kw) throw missing("server_power_kw");
}

/** USD per chip-hour of use: the annual total over chips and the hours they serve. */
function chipHourTwin(
  price: Expr,
  powerKW: Expr,
  chips: Expr,
  cost: { years: Expr; wacc: Expr; hosting: Expr; energy: Expr; pue: Expr; utilization: Expr }
): Expr {
  const annual = add(
    pmt(cost.wacc, cost.years, price),
    mul(powerKW, cost.pue, HOURS_PER_YEAR, cost.energy),
    mul(powerKW, cost.hosting, MONTHS_PER_YEAR)
  );
  return div(annual, mul(chips, HOURS_PER_YEAR, cost.utilization));
}

const SYSTEM_OR_PRICE: Param = {
  name: "system_or_price_per_rack",
  description:
    'A system preset ("GB200 NVL72", "H100": its rack, or for HGX-class systems its server) or (field, value) range, or the price of one rack in USD.',
  rule: { kind: "system", orNumber: { kind: "number", min: 0 } },
};

const fromSystem = (what: string): Param["default"] => ({
  value: null,
  text: `the system's ${what} (required with a price)`,
  unit: what,
  source: "the system preset's rack, or its server where it has no rack preset",
  date: "per preset",
  confidence: "per preset",
});

const CHIPHOUR_PARAMS: readonly Param[] = [
  SYSTEM_OR_PRICE,
  {
    ...nonNegative("power_per_rack_kw", "IT power of one rack (or server), kW.", {
      max: 1000,
      overMaxHint: "Power is in kW: 120000 W is 120 kW.",
    }),
    default: fromSystem("power, kW"),
    blankInTwin: true,
  },
  {
    name: "chips_per_rack",
    description: "Chips in that rack (or server).",
    rule: { kind: "number", min: 1, integer: true },
    default: fromSystem("chips per rack or server"),
    blankInTwin: true,
  },
  ...COST_TAIL,
  UTILIZATION,
];

export const CHIPHOUR: CellFunction = {
  kind: "cell",
  id: "CHIPHOUR",
  summary:
    "USD per chip-hour of use: the rack's (or server's) annual cost of ownership (TCO) / chips / (8,760 h × utilization). A system name fills price, power and chips from its preset.",
  unit: "USD per chip-hour",
  params: CHIPHOUR_PARAMS,
  prepare: (values) => {
    const [unit, power, chips] = values;
    if (typeof unit === "number") {
      if (power === null || chips === null) {
        throw invalidValue(
          "With a price, give power_per_rack_kw and chips_per_rack too (or a system name instead of the price)."
        );
      }
    } else {
      checkUnit(unit as SystemSpec, "a chip-hour", {
        power: power === null,
        chips: chips === null,
      });
    }
    return values;
  },
  twin(args) {
    const at = (k: number) => twinArg(CHIPHOUR_PARAMS, args, k);
    const cost = {
      years: at(3),
      wacc: at(4),
      hosting: at(5),
      energy: at(6),
      pue: at(7),
      utilization: at(8),
    };
    const given = (kind: TwinArg, name: string, preset: Expr): Expr =>
      kind === "omitted" ? preset : ifOmitted(name, preset, input(name));
    if (args[0] === "value") {
      // With a price, power and chips are required (blank: #N/A, as live).
      const needed = (name: string) =>
        ifOmitted(name, fail("With a price, give power and chips too"), input(name));
      return chipHourTwin(
        input("system_or_price_per_rack"),
        needed("power_per_rack_kw"),
        needed("chips_per_rack"),
        cost
      );
    }
    const unit = unitOf("system_or_price_per_rack");
    return chipHourTwin(
      unit.price,
      given(args[1], "power_per_rack_kw", unit.powerKW),
      given(args[2], "chips_per_rack", unit.chips),
      cost
    );
  },
  example: {
    args: [3e6, 132, 72, 5, 0.1, 150, 0.08, 1.3, 0.6],
    shows: 3.0369,
    decimals: 4,
    about:
      "A $3M, 132 kW rack of 72 chips over 5 years at 10%, $150/kW-month, $0.08/kWh, PUE 1.3, 60% utilization.",
  },
};

export const CHIP_HOUR_USD: Param = {
  name: "chip_hour_usd",
  description:
    "USD per chip-hour of use; blank = TOKENOMICS.CHIPHOUR(system) with the default finance assumptions.",
  rule: { kind: "number", min: 0, minExclusive: true },
  default: {
    value: null,
    text: "CHIPHOUR(system) with the default cost assumptions",
    unit: "USD per chip-hour",
    source: "the system preset's price and power, and the finance defaults (each sourced)",
    date: "per preset",
    confidence: "estimate",
  },
  blankInTwin: true,
};

/**
 * USD per chip-hour as the functions that price the estimate read it: the argument named
 * `chip_hour_usd` where given (a blank cell tested in place), else CHIPHOUR of the preset named by
 * `system` with the default finance assumptions.
 */
export function chipHourOrDefault(kind: TwinArg, system = "system"): Expr {
  const unit = unitOf(system);
  const defaults = (k: number) => twinArg(CHIPHOUR_PARAMS, ["omitted"], k);
  const fromPreset = chipHourTwin(unit.price, unit.powerKW, unit.chips, {
    years: defaults(3),
    wacc: defaults(4),
    hosting: defaults(5),
    energy: defaults(6),
    pue: defaults(7),
    utilization: defaults(8),
  });
  return kind === "omitted"
    ? fromPreset
    : ifOmitted("chip_hour_usd", fromPreset, input("chip_hour_usd"));
}

/**
 * USD per million output tokens: the chip-seconds one output token takes (1 / tokens/s per chip) at
 * the chip-hour's price, less the share of chip time the prompts take (charged to input tokens).
 */
export const usdPerMillionOutput = (chipHour: Expr, perChip: Expr, prefillShare: Expr): Expr =>
  div(mul(div(chipHour, SECONDS_PER_HOUR), sub(1, prefillShare), TOKENS_PER_MILLION), perChip);

const TOKENCOST_PARAMS: readonly Param[] = [...SERVING_PARAMS, CHIP_HOUR_USD];

export const TOKENCOST: TableFunction = {
  kind: "table",
  id: "TOKENCOST",
  summary:
    "What a token costs on this system, as a labelled table: USD per million input tokens, per million output tokens, per million tokens (input + output) and per request. Chip time on prefill is charged to input tokens, on decode to output tokens. Uses the throughput estimate.",
  unit: "USD",
  params: TOKENCOST_PARAMS,
  prepare: (values) => {
    checkServing(values);
    if (values[8] === null) checkUnit(values[1] as SystemSpec, "the cost of a chip-hour");
    return values;
  },
  twin(kinds) {
    const { pick } = serving(servingKinds(kinds));
    const chipHour = chipHourOrDefault(kinds[8]);
    const I = input("input_tokens");
    const O = input("output_tokens");
    // A request uses output_tokens / (tokens/s per chip) chip-seconds.
    const request = div(
      mul(div(chipHour, SECONDS_PER_HOUR), O),
      pick((g) => g.perChip)
    );
    const share = pick((g) => g.prefillShare);
    return [
      ["Token cost (estimate)", "USD"],
      ["USD per million input tokens", div(mul(request, share, TOKENS_PER_MILLION), I)],
      ["USD per million output tokens", div(mul(request, sub(1, share), TOKENS_PER_MILLION), O)],
      ["USD per million tokens (input + output)", div(mul(request, TOKENS_PER_MILLION), add(I, O))],
      ["USD per request", request],
    ];
  },
  example: {
    args: ["Llama 3.1 70B", "H200", 1000, 1000, 64, "FP8", "FP8", 2],
    shows: 0.4401,
    decimals: 4,
    at: [2, 1],
    about:
      "Llama 3.1 70B in FP8 on two H200s (an 8-GPU server at $32,000 a GPU × 1.64, 10.2 kW), 64 requests of 1,000 in / 1,000 out, default finance.",
  },
};
