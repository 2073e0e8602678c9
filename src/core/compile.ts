import type { Value } from "./arguments";
import type { Expr } from "./expr";
import { levelPayment } from "./finance";
import type { CellFunction, TableFunction, TwinArg } from "./formula";
import type { ModelSpec } from "./model-spec";
import { bytesPerValue } from "./precision";

/**
 * One definition, two renderings: a function's twin expression is what Excel's custom function
 * computes (compiled here into closures over the validated arguments) and what a shared workbook's
 * native formula says (printed by expr.ts). The two cannot drift apart because there is only one.
 */
type Compiled = (values: readonly Value[]) => number;

/** A blank field counts as 0, as in the twin's N(). */
const n = (x: number | null | undefined) => x ?? 0;

/**
 * One reader per numeric model field, each its own function: a property read with a fixed name is
 * fast, where `model[name]` with a varying name is not (measured: MODELKV twice as slow).
 */
const NUMERIC_FIELDS = {
  total_params_b: (m: ModelSpec) => n(m.total_params_b),
  active_params_b: (m: ModelSpec) => n(m.active_params_b),
  layers: (m: ModelSpec) => n(m.layers),
  hidden_size: (m: ModelSpec) => n(m.hidden_size),
  attention_heads: (m: ModelSpec) => n(m.attention_heads),
  kv_heads: (m: ModelSpec) => n(m.kv_heads),
  head_dim: (m: ModelSpec) => n(m.head_dim),
  sliding_window: (m: ModelSpec) => n(m.sliding_window),
  sliding_window_layers: (m: ModelSpec) => n(m.sliding_window_layers),
  chunk_size: (m: ModelSpec) => n(m.chunk_size),
  chunked_layers: (m: ModelSpec) => n(m.chunked_layers),
  kv_lora_rank: (m: ModelSpec) => n(m.kv_lora_rank),
  qk_rope_head_dim: (m: ModelSpec) => n(m.qk_rope_head_dim),
  linear_attention_layers: (m: ModelSpec) => n(m.linear_attention_layers),
  linear_state_elements: (m: ModelSpec) => n(m.linear_state_elements),
  max_context: (m: ModelSpec) => n(m.max_context),
};
type NumericField = keyof typeof NUMERIC_FIELDS;

/** A compiled node: a constant, an argument read directly, or a closure. */
type Node = { k: "const"; v: number } | { k: "in"; i: number } | { k: "fn"; f: Compiled };

const constant = (v: number): Node => ({ k: "const", v });
const closure = (f: Compiled): Node => ({ k: "fn", f });

function fnOf(node: Node): Compiled {
  if (node.k === "fn") return node.f;
  if (node.k === "const") {
    const c = node.v;
    return () => c;
  }
  const i = node.i;
  return (v) => v[i] as number;
}

const APPLY = {
  "+": (x: number, y: number) => x + y,
  "-": (x: number, y: number) => x - y,
  "*": (x: number, y: number) => x * y,
  "/": (x: number, y: number) => x / y,
  "^": (x: number, y: number) => x ** y,
};

/**
 * Arithmetic on two nodes. Constants are folded, and for × and ÷ (most of every twin) a constant or
 * an argument on either side is read in place instead of through one more closure: each closure
 * call saved is measurable when a sheet recalculates thousands of cells.
 */
function binary(op: keyof typeof APPLY, a: Node, b: Node): Node {
  if (a.k === "const" && b.k === "const") return constant(APPLY[op](a.v, b.v));
  if (op === "*") {
    if (a.k === "in" && b.k === "in") {
      const [i, j] = [a.i, b.i];
      return closure((v) => (v[i] as number) * (v[j] as number));
    }
    if (b.k === "in" || a.k === "in") {
      const [other, j] = b.k === "in" ? [a, b.i] : [b, (a as { i: number }).i];
      if (other.k === "const") {
        const c = other.v;
        return closure((v) => c * (v[j] as number));
      }
      const f = fnOf(other);
      return closure((v) => f(v) * (v[j] as number));
    }
    if (a.k === "const" || b.k === "const") {
      const [other, c] = a.k === "const" ? [b, a.v] : [a, (b as { v: number }).v];
      const f = fnOf(other);
      return closure((v) => f(v) * c);
    }
  }
  if (op === "/") {
    if (b.k === "const") {
      const [f, c] = [fnOf(a), b.v];
      return closure((v) => f(v) / c);
    }
    if (b.k === "in") {
      const [f, j] = [fnOf(a), b.i];
      return closure((v) => f(v) / (v[j] as number));
    }
  }
  const [x, y] = [fnOf(a), fnOf(b)];
  switch (op) {
    case "+":
      return closure((v) => x(v) + y(v));
    case "-":
      return closure((v) => x(v) - y(v));
    case "*":
      return closure((v) => x(v) * y(v));
    case "/":
      return closure((v) => x(v) / y(v));
    case "^":
      return closure((v) => x(v) ** y(v));
  }
}

function compileNode(e: Expr, slot: (name: string) => number): Node {
  const c = (x: Expr) => compileNode(x, slot);
  switch (e.k) {
    case "num":
      return constant(e.v);
    case "str":
      return constant(bytesPerValue(e.v)); // text appears only as a precision name
    case "in":
      return { k: "in", i: slot(e.name) };
    case "op":
      return binary(e.op, c(e.a), c(e.b));
    case "minmax": {
      const args = e.args.map(c);
      const pick = e.fn === "MIN" ? Math.min : Math.max;
      if (args.every((x) => x.k === "const")) {
        return constant(pick(...args.map((x) => (x as { v: number }).v)));
      }
      const fs = args.map(fnOf);
      if (fs.length === 2) {
        const [a, b] = fs;
        return closure((v) => pick(a(v), b(v)));
      }
      return closure((v) => pick(...fs.map((f) => f(v))));
    }
    case "ifpos": {
      const test = c(e.test);
      if (test.k === "const") return c(test.v > 0 ? e.then : e.otherwise);
      const [t, then, otherwise] = [fnOf(test), fnOf(c(e.then)), fnOf(c(e.otherwise))];
      return closure((v) => (t(v) > 0 ? then(v) : otherwise(v)));
    }
    case "pmt": {
      const [rate, periods, principal] = [e.rate, e.periods, e.principal].map((x) => fnOf(c(x)));
      return closure((v) => levelPayment(principal(v), rate(v), periods(v)));
    }
    case "bytes": {
      const of = e.of;
      if (of.k !== "field") return c(of); // an argument's precision arrives as bytes per value
      const i = slot(of.model);
      return closure((v) => {
        const model = v[i] as ModelSpec;
        return bytesPerValue(String(model[of.field]), `${model.name}'s ${of.field}`);
      });
    }
    case "field": {
      const i = slot(e.model);
      const read = NUMERIC_FIELDS[e.field as NumericField];
      if (!read) throw new Error(`${e.field} is not a numeric model field`);
      return closure((v) => read(v[i] as ModelSpec));
    }
  }
}

/**
 * The expression as a function of the validated arguments, in parameter order: precisions arrive
 * as bytes per value, presets as their specs. Compiled once per shape of arguments, so a call costs
 * the arithmetic and a few closure calls, not a walk of the tree.
 */
export function compileExpr(e: Expr, slot: (name: string) => number): Compiled {
  return fnOf(compileNode(e, slot));
}

/**
 * What the twin needs to know of each argument — left to the function, a model, or a value — as
 * one number (base 3), so finding the compiled twin for a call allocates nothing.
 */
function shapeKey(values: readonly Value[]): number {
  let key = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    key = key * 3 + (x === null ? 0 : typeof x === "object" ? 1 : 2);
  }
  return key;
}
const kindsOf = (values: readonly Value[]): TwinArg[] =>
  values.map((x) => (x === null ? "omitted" : typeof x === "object" ? "model" : "value"));

function compiler<T>(
  params: readonly { name: string }[],
  build: (kinds: TwinArg[], slot: (name: string) => number) => T
) {
  const slots = new Map(params.map((p, k) => [p.name, k]));
  const slot = (name: string) => {
    const k = slots.get(name);
    if (k === undefined) throw new Error(`no parameter ${name}`);
    return k;
  };
  const cache = new Map<number, T>();
  return (values: readonly Value[]): T => {
    const key = shapeKey(values);
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = build(kindsOf(values), slot);
      cache.set(key, compiled);
    }
    return compiled;
  };
}

/** The value built for `key` the first time it is asked for, kept for the next calls. */
function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, build: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

const computes = new WeakMap<CellFunction, (values: Value[]) => number | string>();

/** How a cell function computes: its twin, compiled (after `prepare`), or its own `compute`. */
export function computeOf(fn: CellFunction): (values: Value[]) => number | string {
  return memo(computes, fn, () => {
    if (fn.compute) return fn.compute;
    const twin = fn.twin;
    if (!twin) throw new Error(`${fn.id} has neither a twin nor a computation`);
    const compiledFor = compiler(fn.params, (kinds, slot) => compileExpr(twin(kinds), slot));
    const prepare = fn.prepare;
    return prepare
      ? (values: Value[]) => {
          const ready = prepare(values);
          return compiledFor(ready)(ready);
        }
      : (values: Value[]) => compiledFor(values)(values);
  });
}

const tables = new WeakMap<TableFunction, (values: Value[]) => (string | number)[][]>();

/** How a table function computes its table: its twin's cells, compiled, or its own `table`. */
export function tableOf(fn: TableFunction): (values: Value[]) => (string | number)[][] {
  return memo(tables, fn, () => {
    if (fn.table) return fn.table;
    const twin = fn.twin;
    if (!twin) throw new Error(`${fn.id} has neither a twin nor a table`);
    const compiledFor = compiler(fn.params, (kinds, slot) =>
      twin(kinds).map((row) =>
        row.map((cell) => (typeof cell === "string" ? cell : compileExpr(cell, slot)))
      )
    );
    return (values: Value[]) =>
      compiledFor(values).map((row) =>
        row.map((cell) => (typeof cell === "string" ? cell : cell(values)))
      );
  });
}
