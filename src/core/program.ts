import {
  childrenOf,
  prepareTwin,
  renderExpr,
  renderLabel,
  stepName,
  type Expr,
  type Label,
  type PreparedTwin,
  type TwinRef,
} from "./expr";
import type { FormulaFunction } from "./formula";

/**
 * A calculation written out step by step: several native twins (cells of a THROUGHPUT table, a
 * TOKENCOST table, a TOKENSPERSEC) printed over the same inputs, where every intermediate result
 * they share — the batch size, the time of an iteration, a field of the model's table — is computed
 * once in a cell of its own and referred to by address. Without LET (which not every spreadsheet
 * has), one formula would repeat such a step wherever it is used and grow past Excel's 8,192
 * characters; as steps, each formula stays short and a reader can follow the estimate line by line.
 * The expressions are the functions' own (one definition), so the steps compute what the live
 * functions compute.
 */

export interface Output {
  fn: FormulaFunction;
  args: readonly TwinRef[];
  /** For a table function, the cell of its table this output is. */
  at?: [row: number, column: number];
}

export interface Step {
  /** What the step is ("KV bytes per request", or "step 12" where the code gives no name). */
  name: string;
  /** Native formula, with "=". */
  formula: string;
}

export interface Program {
  steps: Step[];
  /** One native formula (or text) per output, in order. */
  outputs: (string | number)[];
}

type Node = Expr | Label;

/**
 * The program for `outputs`. `address(k)` is where step k goes (the caller lays the steps out);
 * steps come in the order they can be computed.
 */
export function nativeProgram(outputs: readonly Output[], address: (k: number) => string): Program {
  const keys = new Map<Expr, string>();
  const keyOf = (e: Expr, refs: Record<string, string>): string => {
    const known = keys.get(e);
    if (known !== undefined) return known;
    const kids = (xs: Expr[]) => xs.map((x) => keyOf(x, refs)).join(",");
    let key: string;
    switch (e.k) {
      case "num":
        key = `n${e.v}`;
        break;
      case "str":
        key = `s${JSON.stringify(e.v)}`;
        break;
      case "in":
        key = `i${refs[e.name] ?? `?${e.name}`}`;
        break;
      case "field":
        key = `f${refs[e.model] ?? `?${e.model}`}.${e.field}`;
        break;
      case "fail":
        key = `x${e.message}`;
        break;
      case "op":
        key = `(${e.op} ${kids([e.a, e.b])})`;
        break;
      case "minmax":
        key = `(${e.fn}${e.scalar ? "s" : ""} ${kids(e.args)})`;
        break;
      case "ifpos":
        key = `(if ${kids([e.test, e.then, e.otherwise])})`;
        break;
      case "iflte":
        key = `(le ${kids([e.a, e.b, e.then, e.otherwise])})`;
        break;
      case "omitted":
        key = `(om ${refs[e.name] ?? "-"} ${kids([e.then, e.otherwise])})`;
        break;
      case "pmt":
        key = `(pmt ${kids([e.rate, e.periods, e.principal])})`;
        break;
      case "int":
      case "bytes":
      case "cbits":
        key = `(${e.k} ${keyOf(e.of, refs)})`;
        break;
    }
    keys.set(e, key);
    return key;
  };

  // Each output, folded with its call's presets and constants; tables twinned once per call.
  const roots: { node: Node | string; twin: PreparedTwin }[] = [];
  const tables = new Map<Output, (Expr | Label | string)[][]>();
  // Cells of one call (the same function and argument list) share one twin, built and folded once.
  const calls = new Map<
    Output["args"],
    Map<Output["fn"], { twin: PreparedTwin; built: Expr | (Expr | Label | string)[][] }>
  >();
  for (const out of outputs) {
    let byFn = calls.get(out.args);
    if (!byFn) calls.set(out.args, (byFn = new Map()));
    let call = byFn.get(out.fn);
    if (!call) {
      const prepared = prepareTwin(out.fn as never, out.args);
      call = {
        twin: prepared,
        built: out.fn.twin!(prepared.kinds) as Expr | (Expr | Label | string)[][],
      };
      byFn.set(out.fn, call);
    }
    const { twin, built } = call;
    let node: Node | string;
    if (Array.isArray(built)) {
      if (!out.at) throw new Error(`${out.fn.id} is a table: say which cell`);
      tables.set(out, built);
      node = built[out.at[0]][out.at[1]];
    } else node = built;
    if (typeof node !== "string") {
      node =
        node.k === "label"
          ? { ...node, cases: node.cases.map((c) => ({ ...c, when: twin.fold(c.when) })) }
          : twin.fold(node);
    }
    roots.push({ node, twin });
  }

  // How many times each distinct step is used, by its parents (a step's own parts once).
  const uses = new Map<string, number>();
  const representative = new Map<string, { e: Expr; refs: Record<string, string> }>();
  const order: string[] = []; // post-order: a step after its parts
  const visit = (e: Expr, refs: Record<string, string>) => {
    const key = keyOf(e, refs);
    uses.set(key, (uses.get(key) ?? 0) + 1);
    if (representative.has(key)) return;
    representative.set(key, { e, refs });
    for (const child of childrenOf(e)) visit(child, refs);
    order.push(key);
  };
  for (const { node, twin } of roots) {
    if (typeof node === "string") continue;
    const exprs = node.k === "label" ? node.cases.map((c) => c.when) : [node];
    for (const e of exprs) visit(e, twin.refs);
  }

  // A step worth its own cell: used more than once, and more than a number or a reference.
  const trivial = (e: Expr) => e.k === "num" || e.k === "in" || e.k === "str";
  const cells = new Map<string, string>();
  const steps: Step[] = [];
  for (const key of order) {
    const { e, refs } = representative.get(key)!;
    if ((uses.get(key) ?? 0) < 2 || trivial(e)) continue;
    const lookup = (x: Expr) => (x === e ? undefined : cells.get(keyOf(x, refs)));
    const formula = `=${renderExpr(e, refs, lookup)}`;
    const here = address(steps.length);
    steps.push({ name: stepName(e) ?? describe(e) ?? `step ${steps.length + 1}`, formula });
    cells.set(key, here);
  }

  const rendered = roots.map(({ node, twin }) => {
    if (typeof node === "string") return node;
    const lookup = (x: Expr) => cells.get(keyOf(x, twin.refs));
    return node.k === "label"
      ? twin.guard(renderLabel(node, twin.refs, lookup))
      : twin.guard(renderExpr(node, twin.refs, lookup));
  });
  return { steps, outputs: rendered };
}

/** A name for a step the code did not name: a field read, a format's width. */
function describe(e: Expr): string | undefined {
  const plain = (x: Expr) =>
    x.k === "field" ? `${x.model} ${x.field}` : x.k === "in" ? x.name : "a format";
  if (e.k === "field") return `${e.model}: ${e.field}`;
  if (e.k === "bytes") return `bytes per value of ${plain(e.of)}`;
  if (e.k === "cbits") return `arithmetic width of ${plain(e.of)}, bits`;
  if (e.k === "omitted") return `${e.name}, or its default when blank`;
  return undefined;
}
