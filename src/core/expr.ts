import { NUMERIC_TEXT, WHOLE_TOLERANCE, type Rule } from "./arguments";
import { tableFields, tableRefused } from "./field-table";
import { bytesPerValue, computeBits, MAX_BYTES_PER_VALUE, PRECISIONS } from "./precision";
import type { ModelSpec } from "./model-spec";
import type { SystemSpec } from "./system-spec";
import type { TwinArg } from "./formula";

/** A preset an expression reads fields of: a model or a system. */
export type Preset = ModelSpec | SystemSpec;
/** A field of a model or of a system. */
export type FieldName = keyof ModelSpec | keyof SystemSpec;

/**
 * Formulas written once, rendered twice: a small expression language whose trees the custom
 * functions evaluate (compiled, src/core/compile.ts) and which print as spreadsheet formulas built
 * only from functions Excel, LibreOffice Calc and Google Sheets all have (arithmetic, IF, PMT,
 * VLOOKUP, INDEX, MATCH, ISNUMBER, LEN, N, UPPER, TRIM, NA — no LET or LAMBDA). A function's
 * "native twin" is its tree printed over the cells its arguments come from, so a shared workbook
 * computes without the add-in.
 */
export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "in"; name: string }
  | { k: "op"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { k: "minmax"; fn: "MIN" | "MAX"; args: Expr[]; scalar?: boolean }
  | { k: "ifpos"; test: Expr; then: Expr; otherwise: Expr }
  | { k: "pmt"; rate: Expr; periods: Expr; principal: Expr }
  | { k: "iflte"; a: Expr; b: Expr; then: Expr; otherwise: Expr }
  | { k: "int"; of: Expr }
  | { k: "fail"; message: string }
  | { k: "omitted"; name: string; then: Expr; otherwise: Expr }
  | { k: "bytes"; of: Expr }
  | { k: "cbits"; of: Expr }
  | { k: "field"; model: string; field: FieldName; required?: true };

/**
 * A text result chosen by conditions (the first whose test is > 0), for a table cell that names
 * something, such as what limits throughput. Printed as nested IFs; only tables hold one.
 */
export interface Label {
  k: "label";
  cases: { when: Expr; text: string }[];
  otherwise: string;
}

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
/** `then` where a ≤ b, else `otherwise`. */
export const ifLessEq = (
  a: Expr | number,
  b: Expr | number,
  then: Expr | number,
  otherwise: Expr | number
): Expr => ({ k: "iflte", a: lift(a), b: lift(b), then: lift(then), otherwise: lift(otherwise) });
export const max = (...xs: (Expr | number)[]): Expr => ({
  k: "minmax",
  fn: "MAX",
  args: xs.map(lift),
});
/**
 * MIN and MAX printed as the spreadsheet functions even for two values: shorter than IF (which
 * repeats its arguments), for formulas over single cells (the throughput estimate).
 */
export const minOf = (...xs: (Expr | number)[]): Expr => ({
  k: "minmax",
  fn: "MIN",
  args: xs.map(lift),
  scalar: true,
});
export const maxOf = (...xs: (Expr | number)[]): Expr => ({
  k: "minmax",
  fn: "MAX",
  args: xs.map(lift),
  scalar: true,
});
/**
 * An error where the inputs admit no answer (a model that fits no group of chips): #N/A in a
 * spreadsheet, `#VALUE!` with this message from the function (whose own checks usually say more first).
 */
export const fail = (message: string): Expr => ({ k: "fail", message });
/** The whole part of a non-negative number (INT in every spreadsheet). */
export const int = (of: Expr): Expr => ({ k: "int", of });
/**
 * `then` where the argument `name` is left out or its cell is blank, else `otherwise`: a twin that
 * resolves a blank itself (users blank = as many as fit) tests the cell in place for a blank,
 * instead of the whole formula being written twice.
 */
export const ifOmitted = (name: string, then: Expr | number, otherwise: Expr | number): Expr => ({
  k: "omitted",
  name,
  then: lift(then),
  otherwise: lift(otherwise),
});
/** What a step of a calculation is called, where the step-by-step rendering shows it. */
const STEP_NAMES = new WeakMap<Expr, string>();

/** Names `e` (a shared step such as "KV bytes per request") for the step-by-step rendering. */
export function named<T extends Expr>(name: string, e: T): T {
  STEP_NAMES.set(e, name);
  return e;
}

/** The name given to a step, if any. */
export const stepName = (e: Expr): string | undefined => STEP_NAMES.get(e);

/** A label chosen by conditions; see Label. */
export const label = (cases: { when: Expr; text: string }[], otherwise: string): Label => ({
  k: "label",
  cases,
  otherwise,
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
/**
 * The width of the arithmetic a precision runs at, in bits (precisions.json's compute_bits): 4 for
 * FP4 formats, 8 for FP8 and INT8, 16 for 16-bit and for INT4 weights (dequantized to 16-bit); a
 * number of bytes per value maps to 4 (≤ 4.5 bits), 8 (≤ 8 bits) or 16.
 */
export const cbits = (of: Expr): Expr => ({ k: "cbits", of });
/**
 * A model or system field (blank counts as 0), read from that input's (field, value) table. A
 * `required` field must be a number > 0 where it is read (a unit's price, power, chips): a twin shows
 * #N/A where it is blank or 0, as the live function refuses it (the live check is the function's own).
 */
export const field = (model: string, name: FieldName, required = false): Expr => ({
  k: "field",
  model,
  field: name,
  ...(required ? { required: true as const } : {}),
});

/** Excel's limit on the length of a formula, in characters. */
export const MAX_FORMULA_LENGTH = 8192;

/** The sub-expressions of an expression, in order (what a walk of the tree visits). */
export function childrenOf(e: Expr): Expr[] {
  switch (e.k) {
    case "op":
      return [e.a, e.b];
    case "minmax":
      return e.args;
    case "ifpos":
      return [e.test, e.then, e.otherwise];
    case "iflte":
      return [e.a, e.b, e.then, e.otherwise];
    case "omitted":
      return [e.then, e.otherwise];
    case "pmt":
      return [e.rate, e.periods, e.principal];
    case "int":
    case "bytes":
    case "cbits":
      return [e.of];
    default:
      return [];
  }
}

/**
 * A number as formula text without an exponent: 1e-9 → 0.000000001, 1e21 → 1000000000000000000000.
 * Spreadsheets read those alike, where "1E-9" is not read by every engine (HyperFormula is not).
 */
export function plainNumber(v: number): string {
  const text = String(v);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponent] = v.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  const point = 1 + Number(exponent); // where the decimal point goes among the digits
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 3 } as const;

/**
 * Excel formula text for a tree; `refs` says where each input is (a cell, a name, an expression).
 * Model inputs that are presets are folded to numbers first (`fold`).
 */
export function renderExpr(
  e: Expr,
  refs: Record<string, string>,
  cells?: (x: Expr) => string | undefined
): string {
  const cell = cells?.(e);
  if (cell !== undefined) return cell;
  const render = (x: Expr) => renderExpr(x, refs, cells);
  switch (e.k) {
    case "num":
      return plainNumber(e.v);
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
        const text = render(x);
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
    case "minmax": {
      // Two values compare with IF, which works cell by cell when an input is a range (a live call
      // over a range spills one result per cell; MIN would collapse the range to one number).
      const [a, b] = e.args.map(render);
      if (e.args.length === 2 && !e.scalar) {
        return `IF(${a}${e.fn === "MIN" ? "<=" : ">="}${b},${a},${b})`;
      }
      return `${e.fn}(${e.args.map(render).join(",")})`;
    }
    case "ifpos":
      return `IF(${render(e.test)}>0,${render(e.then)},${render(e.otherwise)})`;
    case "iflte":
      return `IF(${render(e.a)}<=${render(e.b)},${render(e.then)},${render(e.otherwise)})`;
    case "int":
      return `INT(${render(e.of)})`;
    case "fail":
      return "NA()";
    case "omitted": {
      const ref = refs[e.name];
      if (ref === undefined) return render(e.then);
      if (!REFERENCE.test(ref)) return render(e.otherwise);
      return `IF(${blankTest(ref)},${render(e.then)},${render(e.otherwise)})`;
    }
    case "cbits": {
      if (e.of.k === "str") return String(computeBits(e.of.v));
      const x = e.of.k === "field" ? lookup(e.of, refs) : render(e.of);
      const names = PRECISIONS.map((p) => `"${p.name}"`).join(",");
      const values = PRECISIONS.map((p) => p.computeBits).join(",");
      return (
        `IF(ISNUMBER(${x}),IF(${x}<=${FP4_BYTES},4,IF(${x}<=1,8,16)),` +
        `INDEX({${values}},1,MATCH(UPPER(TRIM(${x})),{${names}},0)))`
      );
    }
    case "pmt":
      return `PMT(${render(e.rate)},${render(e.periods)},-(${render(e.principal)}))`;
    case "bytes": {
      if (e.of.k === "str") return String(bytesPerValue(e.of.v)); // a constant name is a constant number
      const x = e.of.k === "field" ? lookup(e.of, refs) : render(e.of);
      const names = PRECISIONS.map((p) => `"${p.name}"`).join(",");
      const values = PRECISIONS.map((p) => p.bytes).join(",");
      return `IF(ISNUMBER(${x}),${x},INDEX({${values}},1,MATCH(UPPER(TRIM(${x})),{${names}},0)))`;
    }
    case "field": {
      // N(): a blank field, empty or "", counts as 0 (text would compare above every number).
      const value = `N(${lookup(e, refs)})`;
      return e.required ? `IF(${value}>0,${value},NA())` : value;
    }
  }
}

/**
 * At least how many characters `renderExpr` would print for `e`: each shared part counted every time
 * it is printed (a formula repeats it) but measured once, so a formula of billions of characters is
 * known too long without printing it.
 */
export function renderedLength(e: Expr, refs: Record<string, string>): number {
  const memo = new Map<Expr, number>();
  const size = (x: Expr): number => {
    const known = memo.get(x);
    if (known !== undefined) return known;
    let n: number;
    switch (x.k) {
      case "num":
        n = plainNumber(x.v).length;
        break;
      case "str":
        n = x.v.length + 2;
        break;
      case "in":
        n = (refs[x.name] ?? "").length;
        break;
      case "field":
        n = refs[x.model] === undefined ? 1 : refs[x.model].length + x.field.length + 20;
        break;
      case "fail":
        n = 4;
        break;
      case "minmax":
        // Two values compare with IF(a<=b,a,b): each printed twice.
        n = x.args.length === 2 && !x.scalar ? 2 * (size(x.args[0]) + size(x.args[1])) + 6 : 0;
        if (n === 0) n = x.args.reduce((t, a) => t + size(a) + 1, 4);
        break;
      case "omitted": {
        const ref = refs[x.name];
        n =
          ref === undefined
            ? size(x.then)
            : REFERENCE.test(ref)
              ? size(x.then) + size(x.otherwise) + ref.length + 18
              : size(x.otherwise);
        break;
      }
      default:
        n = childrenOf(x).reduce((t, c) => t + size(c), 1);
    }
    memo.set(x, n);
    return n;
  };
  return size(e);
}

/** Bytes per value at or below which a number given as a precision counts as a 4-bit format (4.5 bits). */
export const FP4_BYTES = 4.5 / 8;

/** Text for a label: nested IFs over its cases. */
export function renderLabel(
  l: Label,
  refs: Record<string, string>,
  cells?: (x: Expr) => string | undefined
): string {
  const text = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return l.cases.reduceRight(
    (rest, c) => `IF(${renderExpr(c.when, refs, cells)}>0,${text(c.text)},${rest})`,
    text(l.otherwise)
  );
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
  /** A model or system preset named by the argument: its fields print as constants (`ref` is unused). */
  preset?: Preset;
  /**
   * For a table: a cell that shows an error when the table is one the function refuses (the pane
   * writes one beside each table). Without it, the test is written into the twin itself.
   */
  check?: string;
}

/** What a function's twin needs to render: its params (with their defaults) and its twin. */
interface Twinnable {
  id: string;
  params: readonly {
    name: string;
    rule?: Rule;
    default?: { value: number | string | null };
    blankInTwin?: boolean;
    shapesTable?: true;
  }[];
  refusedWhen?(
    at: (name: string) => string | undefined,
    preset: (name: string) => Preset | undefined
  ): string[];
}

/**
 * The conditions under which the live function rejects a number (#VALUE! with a message), as
 * spreadsheet tests on `x`, so the twin shows an error where the live cell would, not a number
 * computed from a value the function refuses (a negative user count, 10 for a 10% cost of capital).
 * With `blankOk`, a blank `x` passes: it takes a default the function accepts.
 */
function rejected(rule: Rule | undefined, x: string, blankOk: boolean): string[] {
  if (rule?.kind === "precision") {
    // Bytes per value given as a number: > 0 and at most 8 (a larger number is bits). Not blank.
    return [`AND(ISNUMBER(${x}),OR(${x}<=0,${x}>${MAX_BYTES_PER_VALUE}))`];
  }
  const numeric =
    rule?.kind === "number"
      ? rule
      : rule?.kind === "model" || rule?.kind === "system"
        ? rule.orNumber
        : undefined;
  if (!numeric) return [];
  const tests: string[] = [];
  // A cell (or a calculation) must give a number: text, a number stored as text too, and TRUE or
  // FALSE are refused live. ISLOGICAL as well: LibreOffice's ISNUMBER accepts TRUE.
  tests.push(`NOT(ISNUMBER(${x}))`, `ISLOGICAL(${x})`);
  if (numeric.min !== undefined)
    tests.push(`${x}${numeric.minExclusive ? "<=" : "<"}${numeric.min}`);
  if (numeric.max !== undefined)
    tests.push(`${x}${numeric.maxExclusive ? ">=" : ">"}${numeric.max}`);
  if (numeric.integer) {
    tests.push(`ABS(${x}-ROUND(${x},0))>${plainNumber(WHOLE_TOLERANCE)}*MAX(1,ABS(${x}))`);
  }
  if (!blankOk || tests.length === 0) return tests;
  // IF, not AND: AND evaluates every test, and text such as "  " (blank, live) errs in arithmetic.
  return [`IF(${blankTest(x)},0,${tests.length > 1 ? `OR(${tests.join(",")})` : tests[0]})`];
}

/**
 * The test for a blank cell, as the live functions read one: empty, "" (from a formula) or spaces.
 * ISBLANK alone would take "" for a value, where the add-in takes the default.
 */
export const blankTest = (x: string) => `LEN(TRIM(${x}))=0`;

/** A plain cell or name, on this sheet or another — something a blank test can look at. */
const REFERENCE =
  /^((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z_][\w.]*|\$?[A-Z]{1,3}\$?\d+)$/;

const isNum = (e: Expr, v: number) => e.k === "num" && e.v === v;
const arithmetic = (op: "+" | "-" | "*" | "/", x: number, y: number) =>
  op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : x / y;

/**
 * The tree with what is already known computed: a preset's fields become numbers, arithmetic on
 * numbers is done (powers stay, 2^30 reads better than 1073741824), a branch on a known test is
 * taken, and terms that are 0 or factors that are 1 drop out — so a twin over a preset reads
 * `21*B1+…`, not `(42-21-0-0)*B1+0*…`.
 */
export function fold(
  e: Expr,
  presets: Record<string, Preset>,
  constants: Record<string, number> = {},
  names: Record<string, string> = {},
  memo: Map<Expr, Expr> = new Map(),
  given: ReadonlySet<string> = new Set()
): Expr {
  const seen = memo.get(e);
  if (seen) return seen;
  const folded = foldOnce(e, presets, constants, names, memo, given);
  const name = STEP_NAMES.get(e);
  if (name && folded.k !== "num" && !STEP_NAMES.has(folded)) STEP_NAMES.set(folded, name);
  memo.set(e, folded);
  return folded;
}

function foldOnce(
  e: Expr,
  presets: Record<string, Preset>,
  constants: Record<string, number>,
  names: Record<string, string>,
  memo: Map<Expr, Expr>,
  given: ReadonlySet<string>
): Expr {
  const f = (x: Expr) => fold(x, presets, constants, names, memo, given);
  const named = (x: Expr) => (x.k === "in" && x.name in names ? names[x.name] : undefined);
  switch (e.k) {
    case "in":
      return e.name in constants ? num(constants[e.name]) : e;
    case "field": {
      const preset = presets[e.model];
      if (!preset) return e;
      const v = (preset as unknown as Record<string, unknown>)[e.field];
      if (e.required && !(typeof v === "number" && v > 0)) {
        return fail(`${(preset as { name: string }).name} has no ${e.field}`);
      }
      return num(typeof v === "number" ? v : 0);
    }
    case "bytes": {
      if (e.of.k === "str") return num(bytesPerValue(e.of.v));
      const literal = named(e.of);
      if (literal !== undefined) return num(bytesPerValue(literal));
      if (e.of.k === "field") {
        const preset = presets[e.of.model]; // a precision field is text: its name, not a count
        const name = (preset as unknown as Record<string, unknown> | undefined)?.[e.of.field];
        return preset ? num(bytesPerValue(String(name))) : e;
      }
      const of = f(e.of);
      return of.k === "num" ? of : { ...e, of }; // bytes per value given as a number
    }
    case "cbits": {
      if (e.of.k === "str") return num(computeBits(e.of.v));
      const literal = named(e.of);
      if (literal !== undefined) return num(computeBits(literal));
      if (e.of.k === "field") {
        const preset = presets[e.of.model];
        const name = (preset as unknown as Record<string, unknown> | undefined)?.[e.of.field];
        return preset ? num(computeBits(String(name))) : e;
      }
      const of = f(e.of);
      return of.k === "num" ? num(computeBits(of.v)) : { ...e, of };
    }
    case "iflte": {
      const [a, b] = [f(e.a), f(e.b)];
      if (a.k === "num" && b.k === "num") return f(a.v <= b.v ? e.then : e.otherwise);
      return { ...e, a, b, then: f(e.then), otherwise: f(e.otherwise) };
    }
    case "int": {
      const of = f(e.of);
      return of.k === "num" ? num(Math.floor(of.v)) : { ...e, of };
    }
    case "omitted": {
      // Given as a number, a literal or a calculation (not a cell that may be blank): given.
      if (e.name in constants || e.name in names || given.has(e.name)) return f(e.otherwise);
      const [then, otherwise] = [f(e.then), f(e.otherwise)];
      // The same either way (a number that does not depend on the argument): no test needed.
      if (then.k === "num" && otherwise.k === "num" && then.v === otherwise.v) return then;
      return { ...e, then, otherwise };
    }
    case "op": {
      const a = f(e.a);
      const b = f(e.b);
      if (a.k === "num" && b.k === "num" && e.op !== "^") return num(arithmetic(e.op, a.v, b.v));
      if (e.op === "*" && (isNum(a, 0) || isNum(b, 0))) return num(0);
      if (e.op === "+" && isNum(a, 0)) return b;
      if ((e.op === "+" || e.op === "-") && isNum(b, 0)) return a;
      if (e.op === "*" && isNum(a, 1)) return b;
      if ((e.op === "*" || e.op === "/") && isNum(b, 1)) return a;
      return { ...e, a, b };
    }
    case "minmax": {
      const args = e.args.map(f);
      return args.every((x) => x.k === "num")
        ? num((e.fn === "MIN" ? Math.min : Math.max)(...args.map((x) => (x as { v: number }).v)))
        : { ...e, args };
    }
    case "ifpos": {
      const test = f(e.test);
      if (test.k === "num") return f(test.v > 0 ? e.then : e.otherwise);
      return { ...e, test, then: f(e.then), otherwise: f(e.otherwise) };
    }
    case "pmt":
      return { ...e, rate: f(e.rate), periods: f(e.periods), principal: f(e.principal) };
    default:
      return e;
  }
}

/** A function whose native twin can be written: its params and its twin's expressions. */
type TwinFunction = Twinnable & {
  twin?: (args: readonly TwinArg[]) => Expr | (Expr | Label | string)[][];
};

/**
 * Everything a twin needs before it is printed: the expressions (folded with what is known: preset
 * fields, plain numbers, literal format names), where each input is, and the conditions under
 * which the live function shows an error.
 */
export interface PreparedTwin {
  kinds: TwinArg[];
  refs: Record<string, string>;
  /** Folds an expression with the presets and constants of this call. */
  fold: (e: Expr) => Expr;
  /** The formula text `=body`, or `=IF(<error conditions>,NA(),body)`. */
  guard: (body: string) => string;
  /** Arguments a blank cell leaves to the function, each tested for a blank around the whole twin. */
  resolved: number[];
}

export function prepareTwin(fn: TwinFunction, args: readonly TwinRef[]): PreparedTwin {
  const kinds = fn.params.map((p, k): TwinArg => {
    const ref = args[k]?.ref;
    if (p.shapesTable && ref) {
      // The table's rows are built for this number: it must be one here (formula-twin turns a cell
      // holding a number into that number, guarded).
      if (!NUMERIC_TEXT.test(ref)) {
        throw new Error(`${p.name} fixes the table's rows: a native formula needs it as a number`);
      }
      return Number(ref);
    }
    return args[k]?.preset ? "model" : !ref ? "omitted" : args[k].model ? "model" : "value";
  });
  const refs: Record<string, string> = {};
  const presets: Record<string, Preset> = {};
  const required: string[] = [];
  const resolved: number[] = []; // blank means "the function decides", e.g. native precision
  const checks: string[] = [];
  fn.params.forEach((p, k) => {
    const preset = args[k]?.preset;
    if (preset) presets[p.name] = preset;
    const ref = args[k]?.ref;
    if (!ref) return;
    refs[p.name] = ref;
    if (args[k].model) {
      // A (field, value) table: refused, as live, when a field is unknown or repeated or a number
      // field holds text — tested in a check cell beside the table where there is one.
      const check = args[k].check;
      if (check) checks.push(`ISERROR(${check})`);
      else {
        const kind = p.rule?.kind === "system" ? "system" : "model";
        checks.push(tableRefused(kind, ref, tableFields(ref)));
      }
      return;
    }
    const fallback = p.default?.value;
    if (!NUMERIC_TEXT.test(ref) && !/^"[^"]*"$/.test(ref)) {
      // A plain number or text was checked when the formula was written; a cell or a calculation is
      // tested in the formula itself, since it may change.
      const cell = REFERENCE.test(ref);
      checks.push(...rejected(p.rule, cell ? ref : `(${ref})`, cell && fallback !== undefined));
    }
    if (!REFERENCE.test(ref)) return;
    // A required number: NOT(ISNUMBER()) above already refuses a blank cell.
    const numberRule = p.rule?.kind === "number" || (p.rule as { orNumber?: unknown })?.orNumber;
    if (fallback === undefined) {
      if (!numberRule) required.push(ref);
    } else if (fallback === null) {
      if (!p.blankInTwin) resolved.push(k); // else the twin tests the blank itself (ifOmitted)
    } else
      refs[p.name] =
        `IF(${blankTest(ref)},${typeof fallback === "string" ? `"${fallback}"` : fallback},${ref})`;
  });
  // Arguments given as plain numbers are folded in with the presets' numbers, and a format given
  // as a literal name ("FP8") becomes its bytes per value (or compute width) where it is read.
  const constants: Record<string, number> = {};
  const names: Record<string, string> = {};
  for (const [name, ref] of Object.entries(refs)) {
    if (NUMERIC_TEXT.test(ref)) constants[name] = Number(ref);
    const literal = /^"([^"]*)"$/.exec(ref);
    if (literal) names[name] = literal[1];
  }
  // Cross-argument checks, where some argument is not a number checked when it was written.
  const written = (name: string) => refs[name] !== undefined && name in constants;
  if (fn.refusedWhen && !fn.params.every((p) => !refs[p.name] || written(p.name))) {
    checks.push(
      ...fn.refusedWhen(
        (name) => refs[name],
        (name) => presets[name]
      )
    );
  }
  const memo = new Map<Expr, Expr>();
  const given = new Set(
    Object.entries(refs)
      .filter(
        ([name, ref]) =>
          !REFERENCE.test(args[fn.params.findIndex((p) => p.name === name)]?.ref ?? ref)
      )
      .map(([name]) => name)
  );
  // An error (#N/A) wherever the live cell would show one: a required cell blank, a number refused.
  const guard = (body: string) => {
    const errors = [...required.map(blankTest), ...checks];
    if (errors.length === 0) return `=${body}`;
    return `=IF(${errors.length > 1 ? `OR(${errors.join(",")})` : errors[0]},NA(),${body})`;
  };
  return {
    kinds,
    refs,
    fold: (e) => fold(e, presets, constants, names, memo, given),
    guard,
    resolved,
  };
}

/**
 * The native twin of `fn` over `args`, as a formula (with "="), or a table of them. Blank cells act
 * as they do for the live function: a blank optional argument takes its documented default (one
 * the function resolves itself, such as a model's native precision, by the twin without that
 * argument), a blank required one makes the result an error (#N/A) instead of a number computed
 * from 0.
 */
export function nativeFormula(
  fn: TwinFunction,
  args: readonly TwinRef[]
): string | (string | number)[][] {
  const twinOf = fn.twin;
  if (!twinOf) throw new Error(`${fn.id} has no native twin`);
  const { kinds, refs, fold: folded, guard, resolved } = prepareTwin(fn, args);
  const render = (e: Expr) => {
    const f = folded(e);
    // A twin too long for Excel is refused before it is printed: printing one can take minutes.
    if (renderedLength(f, refs) > MAX_FORMULA_LENGTH) {
      throw new Error(
        `its native formula would be over Excel's limit of ${MAX_FORMULA_LENGTH.toLocaleString("en-US")} characters: ` +
          "give chips (and users) as numbers or cells, or insert the model sheet from the pane, whose estimate is written step by step"
      );
    }
    return renderExpr(f, refs);
  };
  const twin = twinOf(kinds);
  if (Array.isArray(twin)) {
    if (resolved.length > 0) throw new Error(`${fn.id}'s table needs every argument given`);
    return twin.map((row) =>
      row.map((cell) =>
        typeof cell === "string"
          ? cell
          : cell.k === "label"
            ? guard(
                renderLabel(
                  { ...cell, cases: cell.cases.map((c) => ({ ...c, when: folded(c.when) })) },
                  refs
                )
              )
            : guard(render(cell))
      )
    );
  }
  // Each blank-resolved argument: IF(<cell blank>, twin without it, twin with it).
  const body = (i: number, omitted: ReadonlySet<number>): string => {
    if (i === resolved.length) {
      return render(twinOf(kinds.map((kind, k) => (omitted.has(k) ? "omitted" : kind))) as Expr);
    }
    const k = resolved[i];
    let absent: string;
    try {
      absent = body(i + 1, new Set([...omitted, k]));
    } catch {
      absent = "NA()"; // the function needs this argument here (as the live one says)
    }
    return `IF(${blankTest(args[k].ref!)},${absent},${body(i + 1, omitted)})`;
  };
  return guard(body(0, new Set()));
}
