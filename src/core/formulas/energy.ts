import type { Param } from "../arguments";
import { invalidValue } from "../errors";
import { div, mul, type Expr } from "../expr";
import type { CellFunction } from "../formula";
import { serving } from "../serving";
import type { SystemSpec } from "../system-spec";
import { PUE, twinArg } from "./params";
import { checkServing, contextCheck, SERVING_PARAMS, servingKinds } from "./throughput";
import { unitOf } from "./token-cost";

/**
 * Energy per token and tokens per megawatt: the throughput estimate against the power a chip draws
 * at the facility meter — its share of the deployment unit's IT power (the rack, or the server where
 * the system has no rack preset) × PUE. The data-centre planner's units: joules per output token,
 * and output tokens per second per provisioned megawatt (so ENERGYPERTOKEN × TOKENSPERMW = 10^6).
 */

const ENERGY_PARAMS: readonly Param[] = [...SERVING_PARAMS, PUE];

/** The unit's power and chips a system preset must give, or `#VALUE!` naming the field to fill. */
function checkPower(system: SystemSpec, what: string): void {
  const rack = system.chips_per_rack !== null;
  const missing = (fieldName: string) =>
    invalidValue(
      `${system.name} has no ${fieldName} in its preset, so ${what} cannot be estimated: ` +
        `pass a SYSTEM() range with ${fieldName} filled in.`
    );
  if (!rack && !system.chips_per_server) throw missing("chips_per_rack or chips_per_server");
  if (rack && !system.rack_power_kw) throw missing("rack_power_kw");
  if (!rack && !system.server_power_kw) throw missing("server_power_kw");
}

/**
 * Watts one chip draws at the facility meter: the unit's kW over its chips, × 1,000, × PUE (blank:
 * the default). Expressions over the system's fields, so a shared workbook computes the same.
 */
function facilityWattsPerChip(kinds: Parameters<NonNullable<CellFunction["twin"]>>[0]): Expr {
  const unit = unitOf("system");
  return mul(div(unit.powerKW, unit.chips), 1000, twinArg(ENERGY_PARAMS, kinds, 8));
}

function energyFunction(
  id: string,
  summary: string,
  unit: string,
  of: (watts: Expr, perChip: Expr) => Expr,
  example: CellFunction["example"]
): CellFunction {
  return {
    kind: "cell",
    id,
    summary,
    unit,
    params: ENERGY_PARAMS,
    prepare: (values) => {
      checkServing(values);
      checkPower(
        values[1] as SystemSpec,
        id === "ENERGYPERTOKEN" ? "energy per token" : "tokens per MW"
      );
      return values;
    },
    refusedWhen: contextCheck,
    twin(kinds) {
      const { pick } = serving(servingKinds(kinds));
      return of(
        facilityWattsPerChip(kinds),
        pick((g) => g.perChip)
      );
    },
    example,
  };
}

const EXAMPLE_ARGS = ["Llama 3.1 70B", "GB200 NVL72", 1000, 1000, 64, "FP8", "FP8", 2];
const EXAMPLE_ABOUT =
  "Llama 3.1 70B in FP8 on two chips of a GB200 NVL72 rack (120 kW for 72 chips), 64 requests of 1,000 tokens in and 1,000 out, FP8 KV cache, PUE 1.25 (default).";

export const ENERGYPERTOKEN = energyFunction(
  "ENERGYPERTOKEN",
  "Joules per output token at the facility meter: the power one chip draws (the rack's or server's kW / its chips × PUE) / output tokens per second per chip. Uses the throughput estimate.",
  "joules per output token",
  (watts, perChip) => div(watts, perChip),
  { args: EXAMPLE_ARGS, shows: 0.92, decimals: 2, about: EXAMPLE_ABOUT }
);

export const TOKENSPERMW = energyFunction(
  "TOKENSPERMW",
  "Output tokens per second per megawatt provisioned at the facility meter (10^6 / ENERGYPERTOKEN): what a megawatt of data-centre power yields. Uses the throughput estimate.",
  "output tokens/s per MW",
  (watts, perChip) => div(mul(perChip, 1e6), watts),
  { args: EXAMPLE_ARGS, shows: 1082794, decimals: 0, about: EXAMPLE_ABOUT }
);
