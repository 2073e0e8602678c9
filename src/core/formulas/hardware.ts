import type { SystemRule, Value } from "../arguments";
import { invalidValue } from "../errors";
import type { CellFunction } from "../formula";
import type { SystemSpec } from "../system-spec";
import { div, input } from "../expr";
import type { TwinArg } from "../formula";
import { CHIP_MEMORY_OR_SYSTEM, count, MEMORY_GB } from "./params";

/** A native formula needs the chip memory (and chips per rack) as numbers in cells, not a preset name. */
const numbersOnly = (args: readonly TwinArg[], count: number) => {
  for (let k = 0; k < count; k++) {
    if (args[k] !== "value")
      throw new Error("a native formula needs every argument as a number in a cell");
  }
};

/** Hardware formulas: chips and racks to hold a memory footprint. */

const CHIP_MEMORY_FIELD = (CHIP_MEMORY_OR_SYSTEM.rule as SystemRule).uses!;

/** A number, or the system's memory per chip (the field the parameter declares it uses). */
const chipMemory = (value: Value) =>
  typeof value === "number" ? value : ((value as SystemSpec)[CHIP_MEMORY_FIELD] as number);

export const CHIPS: CellFunction = {
  kind: "cell",
  id: "CHIPS",
  summary:
    "Chips needed to hold the memory: memory_gb / chip_memory_gb, fractional (round up for whole chips).",
  unit: "chips",
  params: [MEMORY_GB, CHIP_MEMORY_OR_SYSTEM],
  prepare: ([memory, chip]) => [memory, chipMemory(chip)],
  twin(args) {
    numbersOnly(args, 2);
    return div(input("memory_gb"), input("chip_memory_gb"));
  },
  example: {
    args: [179, 144],
    shows: 1.24,
    decimals: 2,
    about:
      'The article: 179 GB on GH200s with 144 GB of HBM each (=TOKENOMICS.CHIPS(179, "GH200") too).',
  },
};

export const RACKS_FN: CellFunction = {
  kind: "cell",
  id: "RACKS",
  summary:
    "Racks needed to hold the memory: memory_gb / chip_memory_gb / chips_per_rack, fractional.",
  unit: "racks",
  params: [
    MEMORY_GB,
    CHIP_MEMORY_OR_SYSTEM,
    {
      ...count("chips_per_rack", "Chips in one rack (128 in the article's SRAM example)."),
      default: {
        value: null,
        text: "the system's chips_per_rack (required when chip_memory_gb is a number)",
        fromSystem: "chips_per_rack",
        unit: "chips",
        source: "the system preset's chips_per_rack",
        date: "per preset",
        confidence: "per preset",
      },
    },
  ],
  prepare: ([memory, chip, perRack]) => {
    if (perRack === null) {
      if (typeof chip === "number") {
        throw invalidValue("chips_per_rack is required when chip_memory_gb is a number.");
      }
      const system = chip as SystemSpec;
      if (system.chips_per_rack === null) {
        const server = system.chips_per_server
          ? ` (its servers hold ${system.chips_per_server} chips)`
          : "";
        throw invalidValue(
          `${system.name} has no chips_per_rack preset: it depends on the site${server}. Give chips_per_rack.`
        );
      }
      perRack = system.chips_per_rack;
    }
    return [memory, chipMemory(chip), perRack];
  },
  twin(args) {
    numbersOnly(args, 3);
    return div(div(input("memory_gb"), input("chip_memory_gb")), input("chips_per_rack"));
  },
  example: {
    args: [179, 0.25, 128],
    shows: 5.6,
    decimals: 1,
    about: "The article: 179 GB on chips with 256 MB of SRAM, 128 chips a rack (716 chips).",
  },
};
