import type { Param, Value } from "./arguments";
import { childrenOf, FP4_BYTES, type Expr, type Label } from "./expr";
import { levelPayment } from "./finance";
import { invalidValue, TokenomicsError } from "./errors";
import type { CellFunction, TableFunction, TwinArg } from "./formula";
import type { ModelSpec } from "./model-spec";
import { bytesPerValue, computeBits } from "./precision";
import type { SystemSpec } from "./system-spec";

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
  moe_layers: (m: ModelSpec) => n(m.moe_layers),
  experts: (m: ModelSpec) => n(m.experts),
  experts_per_token: (m: ModelSpec) => n(m.experts_per_token),
  shared_experts: (m: ModelSpec) => n(m.shared_experts),
  expert_params_m: (m: ModelSpec) => n(m.expert_params_m),
  bf16_params_b: (m: ModelSpec) => n(m.bf16_params_b),
};
/** The same for the numeric fields of a system. */
const SYSTEM_NUMERIC_FIELDS = {
  memory_gb: (s: SystemSpec) => n(s.memory_gb),
  sram_mb: (s: SystemSpec) => n(s.sram_mb),
  bandwidth_tbps: (s: SystemSpec) => n(s.bandwidth_tbps),
  bf16_tflops: (s: SystemSpec) => n(s.bf16_tflops),
  fp8_tflops: (s: SystemSpec) => n(s.fp8_tflops),
  fp4_tflops: (s: SystemSpec) => n(s.fp4_tflops),
  tdp_w: (s: SystemSpec) => n(s.tdp_w),
  chips_per_server: (s: SystemSpec) => n(s.chips_per_server),
  server_power_kw: (s: SystemSpec) => n(s.server_power_kw),
  chips_per_rack: (s: SystemSpec) => n(s.chips_per_rack),
  rack_power_kw: (s: SystemSpec) => n(s.rack_power_kw),
  price_per_chip_usd: (s: SystemSpec) => n(s.price_per_chip_usd),
  price_per_rack_usd: (s: SystemSpec) => n(s.price_per_rack_usd),
  scaleup_domain: (s: SystemSpec) => n(s.scaleup_domain),
  scaleup_gbps: (s: SystemSpec) => n(s.scaleup_gbps),
};
type NumericField = keyof typeof NUMERIC_FIELDS;
type SystemNumericField = keyof typeof SYSTEM_NUMERIC_FIELDS;

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

/**
 * What one compilation shares: nodes already compiled (a tree built in code reuses sub-trees, such as
 * the batch size a throughput estimate reads a dozen times) and, for those reused, the value they
 * computed in the current evaluation, so each is computed once per call.
 */
interface Context {
  slot: (name: string) => number;
  uses: Map<Expr, number>;
  done: Map<Expr, Node>;
  epoch: { n: number };
}

function countUses(e: Expr, uses: Map<Expr, number>): void {
  const seen = uses.get(e) ?? 0;
  uses.set(e, seen + 1);
  if (seen > 0) return; // its children were counted the first time
  for (const child of childrenOf(e)) countUses(child, uses);
}

function compileNode(e: Expr, ctx: Context): Node {
  const done = ctx.done.get(e);
  if (done) return done;
  let node = compileFresh(e, ctx);
  if (node.k === "fn" && (ctx.uses.get(e) ?? 0) > 1) {
    // Reused: computed once per evaluation (the epoch changes with every top-level call).
    const [f, epoch] = [node.f, ctx.epoch];
    let at = -1;
    let value = 0;
    node = closure((v) => {
      if (at !== epoch.n) {
        value = f(v);
        at = epoch.n;
      }
      return value;
    });
  }
  ctx.done.set(e, node);
  return node;
}

function compileFresh(e: Expr, ctx: Context): Node {
  const c = (x: Expr) => compileNode(x, ctx);
  const slot = ctx.slot;
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
    case "iflte": {
      const [a, b] = [c(e.a), c(e.b)];
      if (a.k === "const" && b.k === "const") return c(a.v <= b.v ? e.then : e.otherwise);
      const [x, y, then, otherwise] = [fnOf(a), fnOf(b), fnOf(c(e.then)), fnOf(c(e.otherwise))];
      return closure((v) => (x(v) <= y(v) ? then(v) : otherwise(v)));
    }
    case "fail": {
      const message = e.message;
      return closure(() => {
        throw invalidValue(message);
      });
    }
    case "int": {
      const of = c(e.of);
      if (of.k === "const") return constant(Math.floor(of.v));
      const f = fnOf(of);
      return closure((v) => Math.floor(f(v)));
    }
    case "omitted": {
      const i = slot(e.name);
      const [then, otherwise] = [fnOf(c(e.then)), fnOf(c(e.otherwise))];
      return closure((v) => (v[i] === null ? then(v) : otherwise(v)));
    }
    case "cbits": {
      const of = e.of;
      if (of.k === "str") return constant(computeBits(of.v));
      if (of.k === "field") {
        const i = slot(of.model);
        return closure((v) => {
          const preset = v[i] as unknown as Record<string, unknown>;
          return computeBits(String(preset[of.field]));
        });
      }
      if (of.k === "in") {
        const i = slot(of.name);
        return closure((v) => computeBits(v[i] as string | number));
      }
      // Bytes per value as a number: its compute width follows from it.
      const f = fnOf(c(of));
      return closure((v) => {
        const b = f(v);
        return b <= FP4_BYTES ? 4 : b <= 1 ? 8 : 16;
      });
    }
    case "pmt": {
      const [rate, periods, principal] = [e.rate, e.periods, e.principal].map((x) => fnOf(c(x)));
      return closure((v) => levelPayment(principal(v), rate(v), periods(v)));
    }
    case "bytes": {
      const of = e.of;
      if (of.k === "in") {
        // An argument's precision arrives as bytes per value, or as its name where the function
        // keeps it (the throughput functions need the name for the compute width).
        const i = slot(of.name);
        return closure((v) => {
          const x = v[i];
          return typeof x === "string" ? bytesPerValue(x) : (x as number);
        });
      }
      if (of.k !== "field") return c(of);
      const i = slot(of.model);
      return closure((v) => {
        const model = v[i] as ModelSpec;
        const name = (model as unknown as Record<string, unknown>)[of.field];
        return bytesPerValue(String(name), `${model.name}'s ${of.field}`);
      });
    }
    case "field": {
      const i = slot(e.model);
      const read = NUMERIC_FIELDS[e.field as NumericField];
      if (read) return closure((v) => read(v[i] as ModelSpec));
      const system = SYSTEM_NUMERIC_FIELDS[e.field as SystemNumericField];
      if (!system) throw new Error(`${e.field} is not a numeric model or system field`);
      return closure((v) => system(v[i] as SystemSpec));
    }
  }
}

/**
 * The expression as a function of the validated arguments, in parameter order: precisions arrive
 * as bytes per value, presets as their specs. Compiled once per shape of arguments, so a call costs
 * the arithmetic and a few closure calls, not a walk of the tree.
 */
export function compileExpr(e: Expr, slot: (name: string) => number): Compiled {
  return compileAll([e], slot)[0];
}

/**
 * Several expressions compiled together (a table's cells): sub-trees they share are computed once
 * per evaluation. Each returned function starts a new evaluation when it is the first called.
 */
function compileAll(es: Expr[], slot: (name: string) => number): Compiled[] {
  const uses = new Map<Expr, number>();
  for (const e of es) countUses(e, uses);
  const ctx: Context = { slot, uses, done: new Map(), epoch: { n: 0 } };
  const epoch = ctx.epoch;
  return es.map((e, k) => {
    const f = fnOf(compileNode(e, ctx));
    // The first expression of a set opens a new evaluation; the others reuse its cached values.
    return k === 0
      ? (v: readonly Value[]) => {
          epoch.n++;
          return f(v);
        }
      : f;
  });
}

/** A label compiled from its tests' compiled functions: its text for the current values. */
function compileLabel(l: Label, tests: Compiled[]) {
  return (v: readonly Value[]) => {
    for (let k = 0; k < tests.length; k++) if (tests[k](v) > 0) return l.cases[k].text;
    return l.otherwise;
  };
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
const kindsOf = (values: readonly Value[], shapeAt: number): TwinArg[] =>
  values.map((x, k) =>
    k === shapeAt && typeof x === "number"
      ? x
      : x === null
        ? "omitted"
        : typeof x === "object"
          ? "model"
          : "value"
  );

function compiler<T>(
  params: readonly Pick<Param, "name" | "shapesTable">[],
  build: (kinds: TwinArg[], slot: (name: string) => number) => T
) {
  // A parameter whose value fixes a table's rows: its value is part of the twin's key.
  const shapeAt = params.findIndex((p) => p.shapesTable);
  const slots = new Map(params.map((p, k) => [p.name, k]));
  const slot = (name: string) => {
    const k = slots.get(name);
    if (k === undefined) throw new Error(`no parameter ${name}`);
    return k;
  };
  const cache = new Map<number, T>();
  return (values: readonly Value[]): T => {
    const shape = shapeAt < 0 ? 0 : values[shapeAt];
    const key = shapeKey(values) * 1024 + (typeof shape === "number" ? shape : 0);
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = build(kindsOf(values, shapeAt), slot);
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
    const compiledFor = compiler(fn.params, (kinds, slot) => {
      const cells = twin(kinds);
      // Every expression of the table — numeric cells and labels' tests, in the order they are
      // evaluated — compiled together, so what they share is computed once per table.
      const exprs = cells
        .flat()
        .flatMap((x) =>
          typeof x === "string" ? [] : x.k === "label" ? x.cases.map((c) => c.when) : [x]
        );
      const compiled = new Map(compileAll(exprs, slot).map((f, k) => [exprs[k], f]));
      return cells.map((row) =>
        row.map((cell) =>
          typeof cell === "string"
            ? cell
            : cell.k === "label"
              ? compileLabel(
                  cell,
                  cell.cases.map((c) => compiled.get(c.when)!)
                )
              : compiled.get(cell)!
        )
      );
    });
    const prepare = fn.prepare;
    if (fn.cellErrors) {
      // An error stays in its cell (a column the inputs cannot give), unless no cell computes.
      return (raw: Value[]) => {
        const values = prepare ? prepare(raw) : raw;
        let first: unknown;
        let computed = 0;
        const rows = compiledFor(values).map((row) =>
          row.map((cell) => {
            if (typeof cell === "string") return cell;
            try {
              const v = cell(values);
              computed++;
              return v;
            } catch (e) {
              if (!(e instanceof TokenomicsError)) throw e;
              first ??= e;
              return e as unknown as number;
            }
          })
        );
        if (computed === 0 && first) throw first;
        return rows;
      };
    }
    return (raw: Value[]) => {
      const values = prepare ? prepare(raw) : raw;
      const cells = compiledFor(values);
      // The first numeric cell opens the evaluation: compute it first, then the rest in order.
      return cells.map((row) =>
        row.map((cell) => (typeof cell === "string" ? cell : cell(values)))
      );
    };
  });
}
