import deployment from "../presets/deployment.json";
import throughput from "../presets/throughput.json";
import type { ModelSpec, SystemSpec } from "../core";

/**
 * What a system preset gives the cost model's inputs, each value with where it came from. The cost
 * model buys "racks"; a system with a rack preset (GB200 NVL72) is bought by the rack, one sold as
 * servers (HGX H100) by the server. A value no source gives stays null: the sheet asks for it.
 */
export interface Sourced {
  value: number | null;
  source: string;
}

export interface DeploymentUnit {
  /** "rack" or "server (8 chips)", for labels. */
  unit: string;
  chipMemoryGB: Sourced;
  chipsPerUnit: Sourced;
  pricePerUnit: Sourced;
  powerPerUnitKW: Sourced;
  tokensPerSecPerUnit: Sourced;
}

const SERVER_COST = deployment.server_cost_per_accelerator_cost;
const MISSING = "not in the preset: enter your own";

export function deploymentUnit(system: SystemSpec, model: ModelSpec): DeploymentUnit {
  const from = (what: string) => `${system.name} preset: ${what}`;
  const chipMemoryGB = { value: system.memory_gb, source: from(`memory_gb (${system.source})`) };
  const measured = throughput.results.find(
    (r) => r.model === model.name && r.system === system.name
  );
  const byRack = system.chips_per_rack !== null;
  const chips = byRack ? system.chips_per_rack : system.chips_per_server;
  const unit = byRack ? "rack" : chips ? `server (${chips} chips)` : "rack";
  const tokens =
    measured && measured.chips === chips
      ? {
          value: measured.tokens_per_sec,
          source: `${measured.source}, ${measured.scenario} (${measured.date})`,
        }
      : {
          value: null,
          source: `no measured result for ${model.name} on ${system.name}: enter tokens/s per ${unit}`,
        };

  if (byRack) {
    return {
      unit,
      chipMemoryGB,
      chipsPerUnit: { value: chips, source: from("chips_per_rack") },
      pricePerUnit: system.price_per_rack_usd
        ? {
            value: system.price_per_rack_usd,
            source: from(system.price_note ?? "price_per_rack_usd"),
          }
        : { value: null, source: MISSING },
      powerPerUnitKW: system.rack_power_kw
        ? { value: system.rack_power_kw, source: from(system.rack_power_note ?? "rack_power_kw") }
        : { value: null, source: MISSING },
      tokensPerSecPerUnit: tokens,
    };
  }
  return {
    unit,
    chipMemoryGB,
    chipsPerUnit: chips
      ? {
          value: chips,
          source: from("chips_per_server (no rack preset: the server is the unit bought)"),
        }
      : { value: null, source: MISSING },
    pricePerUnit:
      chips && system.price_per_chip_usd
        ? {
            value: Math.round(system.price_per_chip_usd * chips * SERVER_COST.value),
            source: `${chips} × ${from(system.price_note ?? "price_per_chip_usd")} × ${SERVER_COST.value} server/accelerator cost (${SERVER_COST.source})`,
          }
        : { value: null, source: MISSING },
    powerPerUnitKW: system.server_power_kw
      ? { value: system.server_power_kw, source: from(`server_power_kw (${system.source})`) }
      : { value: null, source: MISSING },
    tokensPerSecPerUnit: tokens,
  };
}
