import type { Param, Value } from "./arguments";
import type { Expr } from "./expr";

/**
 * What a public formula is. Each entry is what `=TOKENOMICS.<id>(…)` means: its parameters in
 * Excel order (required first), their rules and documented defaults, and the core computation.
 */

/**
 * A worked example for the documentation. Tests evaluate it, so the shown result cannot go stale:
 * the result's cell `at` (default the first), rounded to `decimals`, must equal `shows`.
 */
export interface Example {
  args: readonly (number | string)[];
  shows: number | string;
  decimals: number;
  at?: [row: number, column: number];
  /** Where the inputs come from. */
  about: string;
}

/**
 * What the twin renderer knows of an argument: omitted (its default applies), a model's (field,
 * value) table, or a cell or expression holding a number or a precision name.
 */
export type TwinArg = "omitted" | "model" | "value";

interface FormulaBase {
  id: string;
  summary: string;
  /** Unit of the result, said in the function's description. */
  unit: string;
  params: readonly Param[];
  example: Example;
}

/**
 * One result per cell of its (broadcast) arguments. With `wholeTable`, leaving the last argument
 * out returns that table instead (MODEL(name) spills every field; MODEL(name, field) one value).
 */
export interface CellFunction extends FormulaBase {
  kind: "cell";
  /** Values arrive validated, in `params` order (precisions as bytes per value, presets resolved). */
  compute(values: Value[]): number | string;
  wholeTable?(values: Value[]): (string | number)[][];
  /**
   * The native twin: the same computation as an expression over inputs named after the params
   * (src/core/expr.ts), which prints as a formula of spreadsheet built-ins only.
   */
  twin?(args: readonly TwinArg[]): Expr;
}

/** One labelled table from single-cell arguments. */
export interface TableFunction extends FormulaBase {
  kind: "table";
  table(values: Value[]): (string | number)[][];
  /** The native twin of each cell of the table: text stays text. */
  twin?(args: readonly TwinArg[]): (Expr | string)[][];
}

export type FormulaFunction = CellFunction | TableFunction;
