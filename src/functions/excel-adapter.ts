import { evaluate, TokenomicsError, type Argument, type FormulaFunction } from "../core";

/**
 * The only place that knows Excel's error objects. It runs a core function and turns every failure
 * into a `CustomFunctions.Error` Excel can show: `#VALUE!` for bad input, `#N/A` for an unknown name —
 * never NaN, Infinity or a generic thrown Error. A one-cell result that failed is thrown (Excel shows
 * its message on the cell); inside a larger spill each failed cell carries its own error.
 */
export function spill(fn: FormulaFunction, args: readonly Argument[]): unknown[][] {
  let grid;
  try {
    grid = evaluate(fn, args);
  } catch (error) {
    throw toExcelError(error);
  }
  if (grid.length === 1 && grid[0].length === 1 && grid[0][0] instanceof TokenomicsError) {
    throw toExcelError(grid[0][0]);
  }
  return grid.map((row) =>
    row.map((cell) => (cell instanceof TokenomicsError ? toExcelError(cell) : cell))
  );
}

/** Each core error's Excel error, made once (the core reuses its errors for repeated inputs). */
const converted = new WeakMap<TokenomicsError, CustomFunctions.Error>();

export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof TokenomicsError) {
    const known = converted.get(error);
    if (known) return known;
    const code =
      error.kind === "notAvailable"
        ? CustomFunctions.ErrorCode.notAvailable
        : CustomFunctions.ErrorCode.invalidValue;
    const excel = new CustomFunctions.Error(code, error.message);
    converted.set(error, excel);
    return excel;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `Unexpected error in TOKENOMICS (${detail}). Please report it with the formula's inputs.`
  );
}
