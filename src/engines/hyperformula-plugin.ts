import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import {
  evaluate,
  FUNCTIONS,
  TokenomicsError,
  type Argument,
  type CellValue,
  type FormulaFunction,
  type ResultCell,
} from "../core";

/**
 * The TOKENOMICS functions as a HyperFormula plugin: a formula engine nobody here wrote evaluates
 * workbooks that use them (the task pane's layout plans, benchmarks). Every function is registered
 * from the catalog, so the engine computes exactly what Excel's custom functions compute.
 */

type Ast = any;

function toArgument(value: unknown): Argument {
  if (value instanceof SimpleRangeValue) {
    return value.rawData().map((row) => row.map((cell) => toCell(cell)));
  }
  return toCell(value);
}

function toCell(value: unknown): CellValue {
  if (value === undefined || value === EmptyValue) return null;
  if (value instanceof CellError) throw value;
  if (typeof value === "object" && value !== null && "val" in value)
    return (value as { val: number }).val;
  return value as CellValue;
}

function toEngine(cell: ResultCell): number | string | CellError {
  if (cell instanceof TokenomicsError) {
    return new CellError(
      cell.kind === "notAvailable" ? ErrorType.NA : ErrorType.VALUE,
      cell.message
    );
  }
  return cell;
}

function run(fn: FormulaFunction, args: unknown[]) {
  let grid: ResultCell[][];
  try {
    grid = evaluate(fn, args.map(toArgument));
  } catch (error) {
    if (error instanceof CellError) return error;
    if (error instanceof TokenomicsError) return toEngine(error);
    throw error;
  }
  if (grid.length === 1 && grid[0].length === 1) return toEngine(grid[0][0]);
  return SimpleRangeValue.onlyValues(grid.map((row) => row.map(toEngine)));
}

/** Rows × columns an argument's AST spans: a range's size, else one cell. */
function astSize(ast: Ast): { rows: number; cols: number } {
  if (ast?.type === "CELL_RANGE") {
    return { rows: ast.end.row - ast.start.row + 1, cols: ast.end.col - ast.start.col + 1 };
  }
  return { rows: 1, cols: 1 };
}

/** The spill size HyperFormula must reserve before evaluating. */
function resultSize(fn: FormulaFunction, ast: Ast): ArraySize {
  const args: Ast[] = ast.args ?? [];
  const literal = (k: number) => (args[k]?.type === "STRING" ? args[k].value : undefined);
  const lastMissing =
    args.length < fn.params.length || args[fn.params.length - 1]?.type === "EMPTY";
  if (fn.kind === "table" || (fn.kind === "cell" && fn.wholeTable && lastMissing)) {
    // Literal arguments give the exact shape; otherwise the shape of the function's own example
    // (fixed for TCO and the preset tables; a filtered list may differ).
    const literals = fn.params.map(
      (_p, k) => literal(k) ?? (args[k]?.type === "NUMBER" ? args[k].value : null)
    );
    // MODEL(name) without its field: the example's name alone (its example shows one field).
    const example = fn.kind === "table" ? [...fn.example.args] : fn.example.args.slice(0, -1);
    for (const attempt of [literals, example]) {
      try {
        const grid = evaluate(fn, attempt);
        return new ArraySize(grid[0].length, grid.length);
      } catch {
        // try the next
      }
    }
    return ArraySize.scalar();
  }
  let rows = 1;
  let cols = 1;
  args.forEach((arg, k) => {
    const size = astSize(arg);
    // A (field, value) range where a model is expected is one model.
    if (fn.params[k]?.rule.kind === "model" && size.cols === 2 && size.rows >= 3) return;
    rows = Math.max(rows, size.rows);
    cols = Math.max(cols, size.cols);
  });
  return new ArraySize(cols, rows);
}

export class TokenomicsPlugin extends FunctionPlugin {
  static override implementedFunctions: Record<string, any> = {};
}

for (const fn of FUNCTIONS) {
  const method = `tokenomics${fn.id}`;
  TokenomicsPlugin.implementedFunctions[`TOKENOMICS.${fn.id}`] = {
    method,
    sizeOfResultArrayMethod: `${method}Size`,
    vectorizationForbidden: true,
    parameters: fn.params.map((p) => ({
      argumentType: FunctionArgumentType.ANY,
      ...(p.default !== undefined ? { optionalArg: true } : {}),
    })),
  };
  (TokenomicsPlugin.prototype as any)[method] = function (
    this: FunctionPlugin,
    ast: Ast,
    state: unknown
  ) {
    return (this as any).runFunction(
      ast.args,
      state,
      (this as any).metadata(`TOKENOMICS.${fn.id}`),
      (...args: unknown[]) => run(fn, args)
    );
  };
  (TokenomicsPlugin.prototype as any)[`${method}Size`] = (ast: Ast) => resultSize(fn, ast);
}

let registered = false;

/** Registers the plugin once (HyperFormula needs a translation for every function name). */
export function registerTokenomics(): void {
  if (registered) return;
  const names = Object.fromEntries(
    Object.keys(TokenomicsPlugin.implementedFunctions).map((k) => [k, k])
  );
  HyperFormula.registerFunctionPlugin(TokenomicsPlugin, { enGB: names, enUS: names });
  registered = true;
}
