import { coerce, type CellValue, type Input, type Param, type Value } from "./arguments";
import { invalidValue, TokenomicsError } from "./errors";
import { isModelTable, modelFromTable } from "./field-table";

/**
 * Ranges in, arrays out. Each argument is one value or a 2-D range (rows of cells, as Excel passes a
 * range). Results broadcast like Excel's own arithmetic: an argument with one row stretches down, one
 * column stretches across, so a column of context lengths against a row of user counts gives a grid.
 * Unlike Excel, which pads mismatched sizes with #N/A, two ranges that cannot line up are an error.
 */

/** An argument as a host passes it: a single value, or rows of cell values. */
export type Argument = CellValue | readonly (readonly CellValue[])[];

/** One result cell: a finite number, a text (a preset's field), or the error for that cell alone. */
export type ResultCell = number | string | TokenomicsError;

/**
 * The rows × columns of an argument after checking it is a non-empty rectangle. Where a model is
 * expected, a (field, value) range is one model: a single cell.
 */
function asGrid(param: Param, arg: Argument): readonly (readonly Input[])[] {
  if (!Array.isArray(arg)) return [[arg as CellValue]];
  const rows = arg as readonly (readonly CellValue[])[];
  if (rows.length === 0 || !Array.isArray(rows[0]) || rows[0].length === 0) {
    throw invalidValue(`${param.name} is an empty range: give a value or a range of values.`);
  }
  const cols = rows[0].length;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== cols) {
      throw invalidValue(
        `${param.name} is not a rectangular range: every row needs ${cols} cells.`
      );
    }
  }
  if (param.rule.kind === "model" && isModelTable(rows)) return [[modelFromTable(rows)]];
  return rows;
}

/** Every input cell validated once: its value, or the error it gives. */
type Coerced = (Value | TokenomicsError)[][];

function coerceGrid(param: Param, grid: readonly (readonly Input[])[]): Coerced {
  return grid.map((row) =>
    row.map((cell) => {
      try {
        return coerce(param, cell);
      } catch (error) {
        if (error instanceof TokenomicsError) return error;
        throw error;
      }
    })
  );
}

/** Size of the result: each argument is 1 or N along each axis, for one N per axis. */
function resultSize(
  params: readonly Param[],
  grids: readonly Coerced[]
): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  let rowsFrom = -1;
  let colsFrom = -1;
  grids.forEach((grid, k) => {
    const r = grid.length;
    const c = grid[0].length;
    if (r > 1) {
      if (rows > 1 && r !== rows) {
        throw invalidValue(
          `${params[k].name} has ${r} rows but ${params[rowsFrom].name} has ${rows}: ` +
            `ranges must be the same size, or a single row, column or cell.`
        );
      }
      rows = r;
      rowsFrom = k;
    }
    if (c > 1) {
      if (cols > 1 && c !== cols) {
        throw invalidValue(
          `${params[k].name} has ${c} columns but ${params[colsFrom].name} has ${cols}: ` +
            `ranges must be the same size, or a single row, column or cell.`
        );
      }
      cols = c;
      colsFrom = k;
    }
  });
  return { rows, cols };
}

/**
 * Applies `compute` cell by cell. A result cell is an error when one of its inputs is (the first, in
 * argument order), when `compute` throws a TokenomicsError, or when the result is not a finite number.
 * Whole-call problems — a missing argument, ranges that do not line up — throw instead.
 */
export function broadcast(
  params: readonly Param[],
  args: readonly Argument[],
  compute: (values: Value[]) => number | string
): ResultCell[][] {
  const grids = params.map((param, k) => coerceGrid(param, asGrid(param, args[k] ?? null)));
  const { rows, cols } = resultSize(params, grids);
  const result: ResultCell[][] = new Array(rows);
  const values = new Array<Value>(params.length);
  for (let i = 0; i < rows; i++) {
    const row: ResultCell[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      row[j] = cellResult(grids, i, j, values, compute);
    }
    result[i] = row;
  }
  return result;
}

function cellResult(
  grids: readonly Coerced[],
  i: number,
  j: number,
  values: Value[],
  compute: (values: Value[]) => number | string
): ResultCell {
  for (let k = 0; k < grids.length; k++) {
    const grid = grids[k];
    const cell = grid[grid.length === 1 ? 0 : i][grid[0].length === 1 ? 0 : j];
    if (cell instanceof TokenomicsError) return cell;
    values[k] = cell;
  }
  let value: number | string;
  try {
    value = compute(values);
  } catch (error) {
    if (error instanceof TokenomicsError) return error;
    throw error;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return invalidValue(
      `the result is too large to represent (${value}); check the inputs' units and size.`
    );
  }
  return value;
}
