import {
  evaluateCells,
  evaluateTable,
  TokenomicsError,
  type Argument,
  type CellFunction,
  type TableFunction,
} from "../core";

/**
 * The only place that knows Excel's error objects. It runs a core function and turns every failure
 * into a `CustomFunctions.Error` Excel can show: `#VALUE!` for bad input, `#N/A` for an unknown name —
 * never NaN, Infinity or a generic thrown Error. A one-cell result that failed is thrown (Excel shows
 * its message on the cell); inside a larger spill each failed cell carries its own error.
 */

/** Matrix arguments as Excel passes them: rows of cell values, or `null` when omitted. */
type ExcelArgument = Argument;

export function spillCells(fn: CellFunction, args: readonly ExcelArgument[]): unknown[][] {
  let grid;
  try {
    grid = evaluateCells(fn, args);
  } catch (error) {
    throw toExcelError(error);
  }
  if (grid.length === 1 && grid[0].length === 1) {
    const only = grid[0][0];
    if (only instanceof TokenomicsError) throw toExcelError(only);
    return grid;
  }
  return grid.map((row) =>
    row.map((cell) => (cell instanceof TokenomicsError ? toExcelError(cell) : cell))
  );
}

export function spillTable(fn: TableFunction, args: readonly ExcelArgument[]): unknown[][] {
  try {
    return evaluateTable(fn, args);
  } catch (error) {
    throw toExcelError(error);
  }
}

export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof TokenomicsError) {
    const code =
      error.kind === "notAvailable"
        ? CustomFunctions.ErrorCode.notAvailable
        : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, error.message);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `Unexpected error in TOKENOMICS (${detail}). Please report it with the formula's inputs.`
  );
}
