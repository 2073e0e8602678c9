import type { Param, Value } from "./arguments";
import type { Expr, Label, Preset } from "./expr";

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
 * value) table, or a cell or expression holding a number or a precision name — or, for a parameter
 * that fixes a table's rows (Param.shapesTable), the number itself.
 */
export type TwinArg = "omitted" | "model" | "value" | number;

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
  /**
   * The computation, as an expression over inputs named after the params (src/core/expr.ts): the
   * custom function evaluates it (compiled, src/core/compile.ts) and a shared workbook prints it as
   * a formula of spreadsheet built-ins only — one definition, so the two cannot differ.
   */
  twin?(args: readonly TwinArg[]): Expr;
  /**
   * Checks across arguments and conversions the expression does not do (a system preset to its
   * memory per chip), before the twin is evaluated; throws `#VALUE!` with what to fix.
   */
  prepare?(values: Value[]): Value[];
  /**
   * The same cross-argument checks as spreadsheet conditions, true where `prepare` refuses: the
   * native twin shows an error there too. `at` gives an argument's formula text (undefined if left out).
   */
  refusedWhen?(
    at: (name: string) => string | undefined,
    preset: (name: string) => Preset | undefined
  ): string[];
  /**
   * For a function with no twin (preset lookups): values arrive validated, in `params` order
   * (precisions as bytes per value, presets resolved).
   */
  compute?(values: Value[]): number | string;
  wholeTable?(values: Value[]): (string | number)[][];
}

/** One labelled table from single-cell arguments. */
export interface TableFunction extends FormulaBase {
  kind: "table";
  /**
   * The table as expressions, one per cell (text stays text; a Label is text chosen by conditions):
   * computed and printed alike.
   */
  twin?(args: readonly TwinArg[]): (Expr | Label | string)[][];
  /**
   * A cell whose expression fails (`fail`: a column the inputs cannot give, such as a cost without
   * a price) shows its error alone; the call fails only when no cell computes. Default: any failing
   * cell fails the call.
   */
  cellErrors?: true;
  /** Checks across arguments before the twin is evaluated, as for a cell function. */
  prepare?(values: Value[]): Value[];
  /** The same checks as spreadsheet conditions (see CellFunction). */
  refusedWhen?(
    at: (name: string) => string | undefined,
    preset: (name: string) => Preset | undefined
  ): string[];
  /** For a table with no twin (preset lists). */
  table?(values: Value[]): (string | number)[][];
}

export type FormulaFunction = CellFunction | TableFunction;
