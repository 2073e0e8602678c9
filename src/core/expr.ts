import { bytesPerValue, PRECISIONS } from "./precision";
import { levelPayment } from "./finance";
import type { ModelSpec } from "./model-spec";

/**
 * Formulas written once, rendered twice: a small expression language whose trees evaluate in
 * JavaScript and print as spreadsheet formulas built only from functions Excel, LibreOffice Calc
 * and Google Sheets all have (arithmetic, MIN, MAX, IF, PMT, VLOOKUP, INDEX, MATCH, ISNUMBER, UPPER,
 * TRIM — no LET or LAMBDA). A function's "native twin" is its tree printed over the cells its
 * arguments come from, so a shared workbook computes without the add-in.
 */
export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "in"; name: string }
  | { k: "op"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { k: "minmax"; fn: "MIN" | "MAX"; args: Expr[] }
  | { k: "ifpos"; test: Expr; then: Expr; otherwise: Expr }
  | { k: "pmt"; rate: Expr; periods: Expr; principal: Expr }
  | { k: "bytes"; of: Expr }
  | { k: "field"; model: string; field: keyof ModelSpec };

const lift = (x: Expr | number): Expr => (typeof x === "number" ? { k: "num", v: x } : x);
const chain = (op: "+" | "*", xs: (Expr | number)[]): Expr =>
  xs.map(lift).reduce((a, b) => ({ k: "op", op, a, b }));

export const num = (v: number): Expr => ({ k: "num", v });
export const str = (v: string): Expr => ({ k: "str", v });
export const input = (name: string): Expr => ({ k: "in", name });
export const add = (...xs: (Expr | number)[]) => chain("+", xs);
export const mul = (...xs: (Expr | number)[]) => chain("*", xs);
export const sub = (a: Expr | number, b: Expr | number): Expr => ({
  k: "op",
  op: "-",
  a: lift(a),
  b: lift(b),
});
export const div = (a: Expr | number, b: Expr | number): Expr => ({
  k: "op",
  op: "/",
  a: lift(a),
  b: lift(b),
});
export const pow = (a: Expr | number, b: Expr | number): Expr => ({
  k: "op",
  op: "^",
  a: lift(a),
  b: lift(b),
});
export const min = (...xs: (Expr | number)[]): Expr => ({
  k: "minmax",
  fn: "MIN",
  args: xs.map(lift),
});
/** `then` where `test` > 0, else `otherwise`. */
export const ifPositive = (test: Expr, then: Expr | number, otherwise: Expr | number): Expr => ({
  k: "ifpos",
  test,
  then: lift(then),
  otherwise: lift(otherwise),
});
/** The level annual payment: Excel's PMT(rate, periods, -principal). */
export const pmt = (rate: Expr, periods: Expr, principal: Expr): Expr => ({
  k: "pmt",
  rate,
  periods,
  principal,
});
/** Bytes per value of a precision given as a name or a number. */
export const bytes = (of: Expr): Expr => ({ k: "bytes", of });
/** A model field (blank counts as 0), read from the model input's (field, value) table. */
export const field = (model: string, name: keyof ModelSpec): Expr => ({
  k: "field",
  model,
  field: name,
});

/** What an input holds when a tree is evaluated. */
export type Env = Record<string, number | string | ModelSpec>;

export function evaluateExpr(e: Expr, env: Env): number {
  switch (e.k) {
    case "num":
      return e.v;
    case "str":
      return NaN; // text is only meaningful as a precision name, read by bytes()
    case "in": {
      const v = env[e.name];
      if (typeof v !== "number") throw new Error(`input ${e.name} is not a number`);
      return v;
    }
    case "op": {
      const a = evaluateExpr(e.a, env);
      const b = evaluateExpr(e.b, env);
      return e.op === "+"
        ? a + b
        : e.op === "-"
          ? a - b
          : e.op === "*"
            ? a * b
            : e.op === "/"
              ? a / b
              : a ** b;
    }
    case "minmax":
      return (e.fn === "MIN" ? Math.min : Math.max)(...e.args.map((x) => evaluateExpr(x, env)));
    case "ifpos":
      return evaluateExpr(e.test, env) > 0
        ? evaluateExpr(e.then, env)
        : evaluateExpr(e.otherwise, env);
    case "pmt":
      return levelPayment(
        evaluateExpr(e.principal, env),
        evaluateExpr(e.rate, env),
        evaluateExpr(e.periods, env)
      );
    case "bytes": {
      if (e.of.k === "str") return bytesPerValue(e.of.v);
      if (e.of.k === "field")
        return bytesPerValue(String((env[e.of.model] as ModelSpec)[e.of.field]));
      const v = e.of.k === "in" ? env[e.of.name] : evaluateExpr(e.of, env);
      return bytesPerValue(v as string | number);
    }
    case "field": {
      const v = (env[e.model] as ModelSpec)[e.field];
      return typeof v === "number" ? v : 0;
    }
  }
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 3 } as const;

/** Excel formula text for a tree; `refs` says where each input is (a cell, a name, an expression). */
export function renderExpr(e: Expr, refs: Record<string, string>): string {
  switch (e.k) {
    case "num":
      return String(e.v);
    case "str":
      return `"${e.v.replace(/"/g, '""')}"`;
    case "in": {
      const ref = refs[e.name];
      if (ref === undefined) throw new Error(`no reference for input ${e.name}`);
      return /^[A-Za-z_$][\w.$!:']*$/.test(ref) || /^-?\d/.test(ref) ? ref : `(${ref})`;
    }
    case "op": {
      const p = PRECEDENCE[e.op];
      const side = (x: Expr, right: boolean) => {
        const text = renderExpr(x, refs);
        if (x.k !== "op") return text;
        const q = PRECEDENCE[x.op];
        return q < p ||
          (right && q === p && (e.op === "-" || e.op === "/" || e.op === "^")) ||
          (e.op === "^" && q === p)
          ? `(${text})`
          : text;
      };
      return `${side(e.a, false)}${e.op}${side(e.b, true)}`;
    }
    case "minmax":
      return `${e.fn}(${e.args.map((x) => renderExpr(x, refs)).join(",")})`;
    case "ifpos":
      return `IF(${renderExpr(e.test, refs)}>0,${renderExpr(e.then, refs)},${renderExpr(e.otherwise, refs)})`;
    case "pmt":
      return `PMT(${renderExpr(e.rate, refs)},${renderExpr(e.periods, refs)},-(${renderExpr(e.principal, refs)}))`;
    case "bytes": {
      if (e.of.k === "str") return String(bytesPerValue(e.of.v)); // a constant name is a constant number
      const x = e.of.k === "field" ? lookup(e.of, refs) : renderExpr(e.of, refs);
      const names = PRECISIONS.map((p) => `"${p.name}"`).join(",");
      const values = PRECISIONS.map((p) => p.bytes).join(",");
      return `IF(ISNUMBER(${x}),${x},INDEX({${values}},1,MATCH(UPPER(TRIM(${x})),{${names}},0)))`;
    }
    case "field":
      // N(): a blank field, empty or "", counts as 0 (text would compare above every number).
      return `N(${lookup(e, refs)})`;
  }
}

function lookup(e: Extract<Expr, { k: "field" }>, refs: Record<string, string>): string {
  const table = refs[e.model];
  if (table === undefined) throw new Error(`no reference for model ${e.model}`);
  return `VLOOKUP("${e.field}",${table},2,0)`; // 0: exact match, in every spreadsheet
}

/** Where a twin's arguments are: a cell, a name or an expression each, or null when omitted. */
export interface TwinRef {
  ref: string | null;
  /** True when the argument is a model's (field, value) table. */
  model?: boolean;
}

/** What a function's twin needs to render: its params (with their defaults) and its twin. */
interface Twinnable {
  id: string;
  params: readonly { name: string; default?: { value: number | string | null } }[];
}

/** A plain cell, range or name — something ISBLANK can look at. */
const REFERENCE = /^(\$?[A-Za-z_][\w.]*|\$?[A-Z]{1,3}\$?\d+)$/;

/**
 * The native twin of `fn` over `args`, as a formula (with "="), or a table of them. Blank cells act
 * as they do for the live function: a blank optional argument takes its documented default, a
 * blank required one makes the result an error (#N/A) instead of a number computed from 0.
 */
export function nativeFormula(
  fn: Twinnable & {
    twin?: (args: readonly ("omitted" | "model" | "value")[]) => Expr | (Expr | string)[][];
  },
  args: readonly TwinRef[]
): string | (string | number)[][] {
  if (!fn.twin) throw new Error(`${fn.id} has no native twin`);
  const kinds = fn.params.map((_p, k) =>
    !args[k]?.ref ? "omitted" : args[k].model ? "model" : "value"
  );
  const refs: Record<string, string> = {};
  const required: string[] = [];
  fn.params.forEach((p, k) => {
    const ref = args[k]?.ref;
    if (!ref) return;
    refs[p.name] = ref;
    if (args[k].model || !REFERENCE.test(ref)) return;
    const fallback = p.default?.value;
    if (fallback === undefined || fallback === null) required.push(ref);
    else
      refs[p.name] =
        `IF(ISBLANK(${ref}),${typeof fallback === "string" ? `"${fallback}"` : fallback},${ref})`;
  });
  const guard = (body: string) => {
    if (required.length === 0) return `=${body}`;
    const blank = required.map((r) => `ISBLANK(${r})`);
    return `=IF(${blank.length > 1 ? `OR(${blank.join(",")})` : blank[0]},NA(),${body})`;
  };
  const twin = fn.twin(kinds);
  if (Array.isArray(twin)) {
    return twin.map((row) =>
      row.map((cell) => (typeof cell === "string" ? cell : guard(renderExpr(cell, refs))))
    );
  }
  return guard(renderExpr(twin, refs));
}
