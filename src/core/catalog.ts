import { coerce, isBlank, type CellValue } from "./arguments";
import { broadcast, type Argument, type ResultCell } from "./broadcast";
import { computeOf, tableOf } from "./compile";
import { invalidValue } from "./errors";
import { isModelTable, isSystemTable, modelFromTable, systemFromTable } from "./field-table";
import type { FormulaFunction } from "./formula";
import { COSTPERMTOK, TCO } from "./formulas/cost";
import { CHIPS, RACKS_FN } from "./formulas/hardware";
import { KVCACHE, MEMORY, MODELKV, WEIGHTS } from "./formulas/memory";
import { MODEL_FN, MODELS, SYSTEM_FN, SYSTEMS } from "./formulas/presets";
import { MAXUSERS, THROUGHPUT, TOKENSPERSEC, TPOT, TTFT } from "./formulas/throughput";
import { CHIPHOUR, TOKENCOST } from "./formulas/token-cost";
import { ENERGYPERTOKEN, TOKENSPERMW } from "./formulas/energy";
import { CURVE } from "./formulas/curve";
import { PRICE } from "./formulas/price";

/**
 * The public formula API, declared once (src/core/formulas/*). Every face — Excel's custom
 * functions, tests, the task pane, any other engine — evaluates these entries, so an argument is
 * validated the same way everywhere. An id, once shipped, never changes.
 */
export {
  CHIPHOUR,
  CHIPS,
  COSTPERMTOK,
  CURVE,
  ENERGYPERTOKEN,
  KVCACHE,
  MAXUSERS,
  MEMORY,
  MODEL_FN,
  MODELKV,
  MODELS,
  PRICE,
  RACKS_FN,
  SYSTEM_FN,
  SYSTEMS,
  TCO,
  THROUGHPUT,
  TOKENCOST,
  TOKENSPERMW,
  TOKENSPERSEC,
  TPOT,
  TTFT,
  WEIGHTS,
};
export type { CellFunction, Example, FormulaFunction, TableFunction } from "./formula";

/** Every public function, in the order the documentation lists them. */
export const FUNCTIONS: readonly FormulaFunction[] = [
  WEIGHTS,
  KVCACHE,
  MODELKV,
  MEMORY,
  CHIPS,
  RACKS_FN,
  COSTPERMTOK,
  TCO,
  TOKENSPERSEC,
  TPOT,
  TTFT,
  MAXUSERS,
  THROUGHPUT,
  CHIPHOUR,
  TOKENCOST,
  ENERGYPERTOKEN,
  TOKENSPERMW,
  CURVE,
  PRICE,
  MODELS,
  MODEL_FN,
  SYSTEMS,
  SYSTEM_FN,
];

/**
 * Evaluates a function on arguments as a host passes them (a value or rows of cells each; `null`
 * when omitted). Per-cell failures are TokenomicsError cells; whole-call failures throw.
 */
export function evaluate(fn: FormulaFunction, args: readonly Argument[]): ResultCell[][] {
  if (fn.kind === "table") return singleCellTable(fn, args, tableOf(fn));
  if (fn.wholeTable && isOmitted(args[fn.params.length - 1])) {
    return singleCellTable(fn, args, fn.wholeTable);
  }
  return broadcast(fn.params, args, computeOf(fn));
}

/** Left out, or a blank cell (Excel passes a referenced blank cell as a one-cell range). */
function isOmitted(arg: Argument | undefined): boolean {
  if (Array.isArray(arg))
    return arg.length === 1 && arg[0]?.length === 1 && isBlank(arg[0][0] as CellValue);
  return isBlank((arg ?? null) as CellValue);
}

/**
 * A table from single values (a one-cell range is fine): the result is already a table, so a range
 * argument would need a third dimension.
 */
function singleCellTable(
  fn: FormulaFunction,
  args: readonly Argument[],
  table: (values: ReturnType<typeof coerce>[]) => (string | number)[][]
): ResultCell[][] {
  const values = fn.params.map((param, k) => {
    let arg = args[k] ?? null;
    if (Array.isArray(arg)) {
      // A model's or system's (field, value) range is one argument, as for the cell functions.
      const rows = arg as CellValue[][];
      if (param.rule.kind === "model" && isModelTable(rows)) return modelFromTable(rows);
      if (param.rule.kind === "system" && isSystemTable(rows)) return systemFromTable(rows);
      if (arg.length !== 1 || !Array.isArray(arg[0]) || arg[0].length !== 1) {
        throw invalidValue(
          `${param.name} must be a single cell: ${fn.id} returns a table here.` +
            (fn.id === "TCO" ? " For a sensitivity grid use COSTPERMTOK with ranges." : "")
        );
      }
      arg = arg[0][0];
    }
    return coerce(param, arg as CellValue);
  });
  const rows = table(values);
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell === "number" && !Number.isFinite(cell)) {
        throw invalidValue(
          `the result is too large to represent (${cell}); check the inputs' units and size.`
        );
      }
    }
  }
  return rows;
}

/** The function a TOKENOMICS id names, if any. */
export function functionById(id: string): FormulaFunction | undefined {
  return FUNCTIONS.find((fn) => fn.id === id.toUpperCase());
}
