import {
  coerce,
  isNumericText,
  NUMERIC_TEXT,
  type CellValue,
  type Param,
  type SystemRule,
} from "../core/arguments";
import type { Argument } from "../core/broadcast";
import { evaluate, functionById } from "../core/catalog";
import { TokenomicsError } from "../core/errors";
import {
  blankTest,
  MAX_FORMULA_LENGTH,
  nativeFormula,
  plainNumber,
  type TwinRef,
} from "../core/expr";
import type { FormulaFunction } from "../core/formula";
import type { ModelSpec } from "../core/model-spec";
import type { SystemSpec } from "../core/system-spec";
import { healed, isUnresolved, rewriteCalls } from "./formula-calls";

/**
 * The native twin of a formula someone typed: every TOKENOMICS call in it becomes the core's own
 * twin over the call's arguments, so the cell computes with Excel's built-ins only. Arguments are
 * read the way the live function reads them:
 * - a number or precision literal stays a constant; a model or system preset named in the formula
 *   becomes that preset's numbers;
 * - a cell holding a preset name also becomes the preset's numbers, guarded so the cell shows #N/A
 *   (not a stale number) if that name is changed later — Make live again picks the new preset up;
 * - a (field, value) range is read with VLOOKUP, as the pane's sheets are;
 * - a range of values stays a range (the twin spills like the live call, in Excel 365).
 * MODEL, SYSTEM, MODELS and SYSTEMS become their results as constants: the presets' numbers in cells.
 * A formula whose live result is an error now is not converted: its twin would hide the error.
 */
export type Grid = readonly (readonly CellValue[])[];

/** A reference's current values (rows of cells), or undefined when it cannot be read. */
export type Lookup = (ref: string) => Grid | undefined;

export interface FormulaTwin {
  /** The live formula, spelled as the add-in resolves it (an `_xldudf_` form healed). */
  live: string;
  /**
   * The native twin: a formula, or — for a result that is a table — the table's cells from this
   * cell right and down (formulas, text or numbers). Absent when `reason` says why there is none.
   */
  native?: string | number | (string | number)[][];
  reason?: string;
}

/** Why a call cannot have a native twin; the cell is then left as it is. */
class NoTwin extends Error {}

const STRING = /^"((?:[^"]|"")*)"$/;
const BOOLEAN = /^(TRUE|FALSE)$/i;
const SHEET = String.raw`(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const REFERENCE = new RegExp(
  String.raw`^${SHEET}(?:${CELL}(?::${CELL})?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+|[A-Za-z_\\][\w.]*)$`
);

/** True for argument text that is a cell, range or name (what a lookup can read). */
export const isReference = (text: string) => REFERENCE.test(text) && !BOOLEAN.test(text);

/** Every reference a formula's TOKENOMICS calls take as an argument: what `formulaTwin` will look up. */
export function referencesOf(formula: string): string[] {
  const found = new Set<string>();
  rewriteCalls(formula, (_id, args) => {
    for (const a of args) if (isReference(a)) found.add(a);
    return "0";
  });
  return [...found];
}

/**
 * Text as a formula's string constant, for every spreadsheet: a quote as CHAR(34) (HyperFormula has
 * no "" escape) and pieces of at most 255 characters (Excel's limit on one text constant) joined
 * with &. "" for empty text.
 */
export function excelString(text: string): string {
  const pieces: string[] = [];
  text.split('"').forEach((part, k) => {
    if (k > 0) pieces.push("CHAR(34)");
    for (let i = 0; i < part.length; i += 255) pieces.push(`"${part.slice(i, i + 255)}"`);
  });
  return pieces.length === 0 ? '""' : pieces.join("&");
}

/** A constant as a cell holds it: text that Excel would read as a formula is written as ="…". */
export const constantCell = (v: string | number) =>
  typeof v === "string" && /^[=+\-@]/.test(v) ? `=${excelString(v)}` : v;

interface ReadArgument {
  /** For the twin: where the value is (or a preset). */
  ref: TwinRef;
  /** For checking the live result now: the value as Excel passes it; undefined when unknown. */
  now: Argument | undefined;
  /** A condition the value must still meet for the twin to hold (a preset name in a cell). */
  guard?: string;
  /** The system preset an argument names, if it names one. */
  system?: SystemSpec;
}

function literal(text: string): CellValue | undefined {
  if (NUMERIC_TEXT.test(text)) return Number(text);
  const s = STRING.exec(text);
  if (s) return s[1].replace(/""/g, '"');
  if (BOOLEAN.test(text)) return text.toUpperCase() === "TRUE";
  return undefined;
}

/** What an argument's current value is, as a preset or a number, without throwing. */
function asPreset(param: Param, value: CellValue): ModelSpec | SystemSpec | number | undefined {
  try {
    const v = coerce(param, value);
    return typeof v === "number" || (typeof v === "object" && v !== null) ? v : undefined;
  } catch {
    return undefined; // the live check below says what is wrong
  }
}

function readArgument(param: Param, text: string, lookup: Lookup): ReadArgument {
  if (text === "") return { ref: { ref: null }, now: null };
  const kind = param.rule.kind;
  const preset = kind === "model" || kind === "system";
  const named = (value: CellValue, guard?: string): ReadArgument => {
    const p = asPreset(param, value);
    if (p === undefined || typeof p === "number") return { ref: { ref: text }, now: value, guard };
    if (kind === "model") return { ref: { ref: null, preset: p as ModelSpec }, now: value, guard };
    // A system stands for one of its numbers here (memory per chip): the twin holds that number.
    const system = p as SystemSpec;
    const field = (param.rule as SystemRule).uses;
    // The whole system (SYSTEM(), the throughput estimate): its fields print as constants.
    if (!field) return { ref: { ref: null, preset: system }, now: value, guard, system };
    const number = system[field];
    if (typeof number !== "number") {
      throw new NoTwin(`${system.name} has no ${field}; a native formula needs a number there`);
    }
    return { ref: { ref: plainNumber(number) }, now: value, guard, system };
  };

  const constant = literal(text);
  if (constant !== undefined) {
    if (preset) return named(constant);
    if (kind === "precision" && typeof constant === "string") {
      // A format name is a constant number of bytes in the twin (a bad name: the live check says
      // so); where the function needs the name itself (its arithmetic width), the literal stays.
      if ((param.rule as { keepName?: boolean }).keepName)
        return { ref: { ref: text }, now: constant };
      try {
        return { ref: { ref: plainNumber(coerce(param, constant) as number) }, now: constant };
      } catch {
        return { ref: { ref: text }, now: constant };
      }
    }
    return { ref: { ref: text }, now: constant };
  }

  if (!isReference(text)) {
    if (preset) {
      throw new NoTwin(
        `${param.name} is a calculation; a native formula needs a preset name, a cell holding one, or a (field, value) range`
      );
    }
    return { ref: { ref: text }, now: undefined }; // an expression (or a nested twin): used as it is
  }

  const grid = lookup(text);
  if (!grid) throw new NoTwin(`could not read ${text}`);
  if (grid.length === 1 && grid[0].length === 1) {
    const value = grid[0][0];
    if (param.shapesTable) {
      // The twin's rows are built for this number (CURVE's points): it holds only while the cell does.
      if (value === null || value === undefined || (typeof value === "string" && !value.trim())) {
        return { ref: { ref: null }, now: null, guard: blankTest(text) };
      }
      if (typeof value !== "number") return { ref: { ref: text }, now: grid };
      const n = plainNumber(value);
      return { ref: { ref: n }, now: grid, guard: `AND(ISNUMBER(${text}),${text}=${n})` };
    }
    if (preset && typeof value === "string" && value.trim() !== "" && !isNumericText(value)) {
      return named(value, `${text}=${excelString(value)}`);
    }
    return preset ? named(value) : { ref: { ref: text }, now: grid };
  }
  if (kind === "model") return { ref: { ref: text, model: true }, now: grid };
  if (kind === "system" && !grid.every((row) => row.every((v) => typeof v === "number"))) {
    throw new NoTwin(
      `${param.name} is a range of system names; a native formula needs numbers there`
    );
  }
  return { ref: { ref: text }, now: grid };
}

/** The live result now, when every argument is known: a twin must not replace an error. */
function checkLive(fn: FormulaFunction, read: ReadArgument[]) {
  const problem = (e: unknown) =>
    new NoTwin(
      `TOKENOMICS.${fn.id} shows an error now (${e instanceof Error ? e.message : String(e)}); fix it first`
    );
  if (read.some((r) => r.now === undefined)) {
    // Some argument is a calculation: check each of the others on its own, as the function would.
    read.forEach((r, k) => {
      const param = fn.params[k];
      if (r.now === undefined || (Array.isArray(r.now) && param.rule.kind === "model")) return;
      const cells = Array.isArray(r.now) ? r.now.flat() : [r.now as CellValue];
      for (const cell of cells) {
        try {
          coerce(param, cell);
        } catch (e) {
          if (e instanceof TokenomicsError) throw problem(e);
          throw e;
        }
      }
    });
    return;
  }
  let result;
  try {
    result = evaluate(
      fn,
      read.map((r) => r.now as Argument)
    );
  } catch (e) {
    if (e instanceof TokenomicsError) throw problem(e);
    throw e;
  }
  for (const row of result)
    for (const cell of row) if (cell instanceof TokenomicsError) throw problem(cell);
  return result;
}

function guarded(body: string, guards: string[]) {
  if (guards.length === 0) return body;
  const test = guards.length > 1 ? `AND(${guards.join(",")})` : guards[0];
  return `IF(${test},${body},NA())`;
}

/** The twin of one call, with its arguments already rewritten. */
function callTwin(
  id: string,
  args: string[],
  lookup: Lookup
): string | number | (string | number)[][] {
  const fn = functionById(id);
  if (!fn) throw new NoTwin(`TOKENOMICS.${id} is not a Tokenomics function`);
  if (args.length > fn.params.length) {
    throw new NoTwin(`TOKENOMICS.${id} takes at most ${fn.params.length} arguments`);
  }
  const read = fn.params.map((p, k) => readArgument(p, args[k] ?? "", lookup));
  const live = checkLive(fn, read);
  const guards = read.flatMap((r) => (r.guard ? [r.guard] : []));

  if (fn.twin === undefined) {
    // A preset function: its native twin is its result, the presets' own values, as constants —
    // guarded by what each cell argument holds now, so a changed filter or field shows #N/A.
    if (!live) throw new NoTwin(`TOKENOMICS.${id} needs its arguments as text or cells to convert`);
    read.forEach((r, k) => {
      const ref = args[k] ?? "";
      const grid = r.now;
      if (r.guard || !isReference(ref) || !Array.isArray(grid) || grid.length !== 1) return;
      if (grid[0].length !== 1) return;
      const v = grid[0][0] as CellValue;
      if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
        guards.push(blankTest(ref));
      else if (typeof v === "number") guards.push(`AND(ISNUMBER(${ref}),${ref}=${plainNumber(v)})`);
      else if (typeof v === "string") guards.push(`${ref}=${excelString(v)}`);
      else guards.push(`${ref}=${v ? "TRUE" : "FALSE"}`);
    });
    const cells = live as (string | number)[][];
    const constant = (v: string | number) =>
      guards.length === 0
        ? constantCell(v)
        : `=${guarded(typeof v === "number" ? plainNumber(v) : excelString(v), guards)}`;
    return cells.length === 1 && cells[0].length === 1
      ? constant(cells[0][0])
      : cells.map((row) => row.map(constant));
  }

  // A parameter that, left out or blank, takes a field of the system named in another argument
  // (chips_per_rack): the twin holds that number too.
  const system = read.find((r) => r.system)?.system;
  fn.params.forEach((p, k) => {
    const field = p.default?.fromSystem;
    const number = field && system ? system[field] : undefined;
    if (typeof number !== "number") return;
    const given = read[k].ref.ref;
    const preset = plainNumber(number);
    const ref =
      given === null
        ? preset
        : isReference(given)
          ? // blank: the preset's number; else a number, as live (text or TRUE: #N/A)
            `IF(${blankTest(given)},${preset},IF(AND(ISNUMBER(${given}),NOT(ISLOGICAL(${given}))),${given},NA()))`
          : given;
    read[k] = { ...read[k], ref: { ref } };
  });
  let twin;
  try {
    twin = nativeFormula(
      fn,
      read.map((r) => r.ref)
    );
  } catch (e) {
    throw new NoTwin(e instanceof Error ? e.message : String(e));
  }
  const body = (cell: string | number) =>
    typeof cell === "string" && cell.startsWith("=") ? `=${guarded(cell.slice(1), guards)}` : cell;
  return typeof twin === "string" ? body(twin) : twin.map((row) => row.map(body));
}

/** The native twin of a typed formula (see the module comment), or why it has none. */
export function formulaTwin(formula: string, lookup: Lookup): FormulaTwin {
  const live = isUnresolved(formula) ? healed(formula) : formula;
  let table: FormulaTwin["native"];
  try {
    const text = rewriteCalls(live, (id, args, whole) => {
      const twin = callTwin(id, args, lookup);
      if (whole) {
        table = twin;
        return "";
      }
      if (Array.isArray(twin)) {
        throw new NoTwin(
          `TOKENOMICS.${id} returns a table; inside a formula it converts only live`
        );
      }
      // Inside a larger formula: the twin's body, in parentheses, in the call's place.
      if (typeof twin === "number") return plainNumber(twin);
      return twin.startsWith("=") ? `(${twin.slice(1)})` : excelString(twin);
    });
    const native = table ?? text;
    const longest = Math.max(
      ...(Array.isArray(native) ? native.flat() : [native]).map((c) => String(c).length)
    );
    if (longest > MAX_FORMULA_LENGTH) {
      return {
        live,
        reason:
          `its native formula would be ${longest.toLocaleString("en-US")} characters, over Excel's limit of ` +
          `${MAX_FORMULA_LENGTH.toLocaleString("en-US")}: give chips (and users) as numbers or cells, or insert the model sheet from the pane, whose estimate is written step by step`,
      };
    }
    return { live, native };
  } catch (e) {
    if (e instanceof NoTwin) return { live, reason: e.message };
    throw e;
  }
}
