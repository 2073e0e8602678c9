import { invalidValue } from "./errors";
import type { ModelSpec } from "./model-spec";
import { bytesPerValue } from "./precision";
import { MODEL_PRESETS, SYSTEM_PRESETS } from "./presets";
import type { SystemSpec } from "./system-spec";

/**
 * Declarative argument rules, in the manner of HyperFormula's function metadata: each parameter says
 * what it accepts, and one routine (`coerce`) enforces it with a message that names the argument.
 */

/** A numeric parameter: bounds, whole-number requirement, and a hint for a likely unit slip. */
export interface NumberRule {
  kind: "number";
  /** Smallest accepted value; `minExclusive` makes it a strict bound. */
  min?: number;
  minExclusive?: boolean;
  /** Largest accepted value; `maxExclusive` makes it a strict bound. */
  max?: number;
  maxExclusive?: boolean;
  /** Counts of structure (heads, layers, chips) must be whole numbers. */
  integer?: boolean;
  /** Said when the value is above `max`: the unit mistake that usually causes it. */
  overMaxHint?: string;
}

/** A number format: a name (FP16…) or bytes per value. */
export interface PrecisionRule {
  kind: "precision";
  /**
   * Keep a format given by name as its name (upper case), not bytes per value: the throughput
   * estimate needs the name for the width of the arithmetic (INT4 weights still multiply in 16-bit).
   */
  keepName?: boolean;
}

/**
 * A model: a preset name (or Hugging Face id), or a (field, value) range. With `orNumber`, a plain
 * number is accepted too (a parameter count in billions, checked by that rule).
 */
export interface ModelRule {
  kind: "model";
  orNumber?: NumberRule;
}

/** A system preset name; with `orNumber`, a plain number instead (memory per chip). */
export interface SystemRule {
  kind: "system";
  orNumber?: NumberRule;
  /** The field of the system this parameter stands for (memory_gb), where a name is given. */
  uses?: keyof SystemSpec;
}

/** Free text, such as a filter or a field name. */
export interface TextRule {
  kind: "text";
}

export type Rule = NumberRule | PrecisionRule | ModelRule | SystemRule | TextRule;

/** What a validated argument cell becomes; `null` is an omitted argument resolved by the function. */
export type Value = number | string | ModelSpec | SystemSpec | null;

/**
 * Where an optional parameter's default comes from, shown to the user with the value. A `null`
 * value is resolved by the function from its other arguments, as `text` says (e.g. "the model's
 * native precision").
 */
export interface DefaultValue {
  value: number | string | null;
  text?: string;
  unit: string;
  /** Where the value comes from; every number a user relies on has one (tests check the cost defaults). */
  source?: string;
  date?: string;
  confidence?: string;
  note?: string;
  /** Left out, the value is this field of the system preset another argument names. */
  fromSystem?: keyof SystemSpec;
}

export interface Param {
  /** snake_case, as Excel shows it in the formula tooltip. */
  name: string;
  /** What it is and its unit, for documentation. */
  description: string;
  rule: Rule;
  /** Present exactly when the parameter is optional. */
  default?: DefaultValue;
  /**
   * For an optional parameter the function resolves itself (default value null): its twin tests a
   * blank cell in place (ifOmitted) rather than the native formula being written once per case.
   */
  blankInTwin?: boolean;
  /**
   * The value fixes how many rows a table function returns (CURVE's points): the twin is built for
   * that number, so a native twin needs it as a number in the formula or a cell holding one.
   */
  shapesTable?: true;
}

/** What one spreadsheet cell can hold when it reaches a function. */
export type CellValue = number | string | boolean | null | undefined;

/** A cell, or a model or system already read from a (field, value) range. */
export type Input = CellValue | ModelSpec | SystemSpec;

/** A blank cell or an omitted argument: Excel passes `null`, some hosts `""` or `undefined`. */
export function isBlank(value: CellValue): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * How far from a whole number (relative) a count may be and still count as that number: float noise
 * such as =0.1*3*10 (3.0000000000000004, 1e-16 off), not 999,999.999 (1e-9 off), which is refused —
 * the twin computes with the cell as it is, so only noise may be rounded away.
 */
export const WHOLE_TOLERANCE = 1e-12;

/**
 * Turns one cell's value into what the core computes with, or throws `#VALUE!` (`#N/A` for an
 * unknown preset name) saying what the parameter expects. A blank optional cell takes the documented
 * default. Numbers must be numbers: a number stored as text ("10000") and booleans are refused with a
 * message, so the native twin in a shared workbook (which tests ISNUMBER) errs exactly where this does.
 */
export function coerce(param: Param, value: Input): Value {
  if (isObject(value)) {
    const table = "memory_gb" in value ? "system" : "model";
    if (param.rule.kind === table) return value;
    throw invalidValue(`${param.name} must be ${expectation(param.rule)}; got a ${table} table.`);
  }
  if (isBlank(value)) {
    if (param.default === undefined) {
      throw invalidValue(`${param.name} is required: ${expectation(param.rule)}.`);
    }
    if (param.default.value === null) return null;
    value = param.default.value;
  }
  const rule = param.rule;
  switch (rule.kind) {
    case "precision":
      if (typeof value === "boolean") {
        throw invalidValue(`${param.name} must be ${expectation(rule)}; got ${excelText(value)}.`);
      }
      {
        const bytes = bytesPerValue(value as string | number, param.name);
        return rule.keepName && typeof value === "string" ? value.trim().toUpperCase() : bytes;
      }
    case "text":
      if (typeof value === "boolean") return excelText(value);
      return String(value).trim();
    case "model":
    case "system": {
      if (rule.orNumber && typeof value === "number") {
        return checkNumber(param.name, rule.orNumber, value);
      }
      if (rule.orNumber && isNumericText(value)) {
        throw invalidValue(storedAsText(param.name, value));
      }
      if (typeof value !== "string") {
        throw invalidValue(
          `${param.name} must be ${expectation(rule)}; got ${excelText(value as number | boolean)}.`
        );
      }
      if (rule.orNumber && /^\s*[+-]?[\d.]/.test(value)) {
        throw invalidValue(
          `${param.name} must be ${expectation(rule)}; "${value}" is neither (for 70B parameters type 70).`
        );
      }
      return rule.kind === "model" ? MODEL_PRESETS.resolve(value) : SYSTEM_PRESETS.resolve(value);
    }
    case "number":
      return checkNumber(
        param.name,
        rule,
        toNumber(param.name, rule, value as string | number | boolean)
      );
  }
}

function isObject(value: Input): value is ModelSpec | SystemSpec {
  return typeof value === "object" && value !== null;
}

/** A number in plain decimal or scientific notation, as text ("10000", "1e3", "-0.5"). */
export const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function isNumericText(value: unknown): value is string {
  return typeof value === "string" && NUMERIC_TEXT.test(value.trim());
}

function toNumber(name: string, rule: NumberRule, value: string | number | boolean): number {
  if (typeof value === "number") return value;
  if (isNumericText(value)) throw invalidValue(storedAsText(name, value));
  throw invalidValue(`${name} must be a number (${expectation(rule)}); got ${excelText(value)}.`);
}

/**
 * The message for a number stored as text ("10000", '-5). Refused rather than read: a shared
 * workbook's native formulas cannot tell such text from a number reliably in every spreadsheet, and
 * the add-in must never show a number where its twin shows an error, or the reverse.
 */
export function storedAsText(name: string, value: string): string {
  return `${name} is the text "${value}", a number stored as text: type it without quotes, or convert the cell to a number (VALUE(), or Excel's "Convert to Number").`;
}

/** `value` within `rule`'s bounds (a whole number where it asks for one), or `#VALUE!` naming `name`. */
export function checkNumber(name: string, rule: NumberRule, value: number): number {
  if (!Number.isFinite(value)) {
    throw invalidValue(`${name} must be a finite number; got ${value}.`);
  }
  if (rule.integer) {
    const whole = Math.round(value);
    if (Math.abs(value - whole) > WHOLE_TOLERANCE * Math.max(1, Math.abs(value))) {
      throw invalidValue(`${name} must be ${expectation(rule)}; got ${value}.`);
    }
    value = whole;
  }
  const belowMin =
    rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min);
  const aboveMax =
    rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max);
  if (belowMin || aboveMax) {
    const hint = aboveMax && rule.overMaxHint ? ` ${rule.overMaxHint}` : "";
    throw invalidValue(`${name} must be ${expectation(rule)}; got ${value}.${hint}`);
  }
  return value;
}

/** "a whole number ≥ 1", "a number > 0 and ≤ 1", … — the phrase every message uses. */
export function expectation(rule: Rule): string {
  if (rule.kind === "precision") return 'a format name such as "FP16" or bytes per value';
  if (rule.kind === "text") return "text";
  if (rule.kind === "model") {
    const models = 'a model name such as "Llama 3.1 70B" or a (field, value) range';
    return rule.orNumber
      ? `${expectation(rule.orNumber)} (billions of parameters), or ${models}`
      : models;
  }
  if (rule.kind === "system") {
    const systems = 'a system name such as "H100"';
    return rule.orNumber ? `${expectation(rule.orNumber)} (GB per chip), or ${systems}` : systems;
  }
  const bounds: string[] = [];
  if (rule.min !== undefined) bounds.push(`${rule.minExclusive ? ">" : "≥"} ${rule.min}`);
  if (rule.max !== undefined) bounds.push(`${rule.maxExclusive ? "<" : "≤"} ${rule.max}`);
  return `${rule.integer ? "a whole number" : "a number"}${bounds.length ? " " + bounds.join(" and ") : ""}`;
}

function excelText(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return `the text "${value}"`;
  return String(value);
}
