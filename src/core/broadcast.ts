import { coerce, type CellValue, type Input, type Param, type Value } from "./arguments";
import { invalidValue, TokenomicsError } from "./errors";
import { isModelTable, isSystemTable, modelFromTable, systemFromTable } from "./field-table";

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
  if (param.rule.kind === "system" && isSystemTable(rows)) return [[systemFromTable(rows)]];
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
  const single = singleCells(args, params.length);
  if (single) return [[singleResult(params, single, compute)]];
  const grids = params.map((param, k) => coerceGrid(param, asGrid(param, args[k] ?? null)));
  const { rows, cols } = resultSize(params, grids);
  // Single-cell arguments are the same for every result cell: set them once, walk only the others.
  const values = new Array<Value>(params.length);
  const varying: number[] = [];
  let constantError: TokenomicsError | null = null;
  let constantErrorAt = params.length;
  grids.forEach((grid, k) => {
    if (grid.length > 1 || grid[0].length > 1) return void varying.push(k);
    const cell = grid[0][0];
    if (cell instanceof TokenomicsError) {
      if (k < constantErrorAt) [constantError, constantErrorAt] = [cell, k];
    } else values[k] = cell;
  });
  const result: ResultCell[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row: ResultCell[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      row[j] = cellResult(grids, varying, constantError, constantErrorAt, i, j, values, compute);
    }
    result[i] = row;
  }
  return result;
}

/**
 * The common case — every argument one value or a one-cell range — without building grids: the
 * same rules, the same first-error-in-argument-order result, several times faster.
 */
function singleCells(args: readonly Argument[], count: number): Input[] | null {
  const cells = new Array<Input>(count);
  for (let k = 0; k < count; k++) {
    const arg = args[k] ?? null;
    if (!Array.isArray(arg)) cells[k] = arg as CellValue;
    else if (arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1) cells[k] = arg[0][0];
    else return null;
  }
  return cells;
}

function singleResult(
  params: readonly Param[],
  cells: readonly Input[],
  compute: (values: Value[]) => number | string
): ResultCell {
  const values = new Array<Value>(params.length);
  for (let k = 0; k < params.length; k++) {
    try {
      values[k] = coerce(params[k], cells[k]);
    } catch (error) {
      if (error instanceof TokenomicsError) return error;
      throw error;
    }
  }
  return finish(values, compute);
}

function cellResult(
  grids: readonly Coerced[],
  varying: readonly number[],
  constantError: TokenomicsError | null,
  constantErrorAt: number,
  i: number,
  j: number,
  values: Value[],
  compute: (values: Value[]) => number | string
): ResultCell {
  for (const k of varying) {
    const grid = grids[k];
    const cell = grid[grid.length === 1 ? 0 : i][grid[0].length === 1 ? 0 : j];
    if (cell instanceof TokenomicsError) {
      // The first error in argument order: a single-cell argument before this one wins.
      return constantError && constantErrorAt < k ? constantError : cell;
    }
    values[k] = cell;
  }
  if (constantError) return constantError;
  return finish(values, compute);
}

function finish(values: Value[], compute: (values: Value[]) => number | string): ResultCell {
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
