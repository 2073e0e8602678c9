import { invalidValue } from "./errors";
import { bytesPerValue } from "./precision";

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
}

export type Rule = NumberRule | PrecisionRule;

/** Where an optional parameter's default comes from, shown to the user with the value. */
export interface DefaultValue {
  value: number | string;
  unit: string;
  source: string;
  date: string;
  confidence: string;
  note?: string;
}

export interface Param {
  /** snake_case, as Excel shows it in the formula tooltip. */
  name: string;
  /** What it is and its unit, for documentation. */
  description: string;
  rule: Rule;
  /** Present exactly when the parameter is optional. */
  default?: DefaultValue;
}

/** What one spreadsheet cell can hold when it reaches a function. */
export type CellValue = number | string | boolean | null | undefined;

/** A blank cell or an omitted argument: Excel passes `null`, some hosts `""` or `undefined`. */
export function isBlank(value: CellValue): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Numbers that differ from a whole number only by float noise (e.g. =0.1*3*10) count as whole. */
const WHOLE_TOLERANCE = 1e-9;

/**
 * Turns one cell's value into the number the core computes with, or throws `#VALUE!` saying what the
 * parameter expects. A blank optional cell takes the documented default. Text that is a plain number
 * ("10000") is accepted as Excel's own arithmetic accepts it; booleans are not numbers here.
 */
export function coerce(param: Param, value: CellValue): number {
  if (isBlank(value)) {
    if (param.default === undefined) {
      throw invalidValue(`${param.name} is required: ${expectation(param.rule)}.`);
    }
    value = param.default.value;
  }
  if (param.rule.kind === "precision") {
    if (typeof value === "boolean") {
      throw invalidValue(
        `${param.name} must be a format name such as "FP16" or bytes per value; got ${excelText(value)}.`
      );
    }
    return bytesPerValue(value as string | number, param.name);
  }
  const number = toNumber(param, value as string | number | boolean);
  return checkNumber(param.name, param.rule, number);
}

function toNumber(param: Param, value: string | number | boolean): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const text = value.trim();
    // Plain decimal notation only: "1,000" or "10%" are rejected rather than guessed at.
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  }
  throw invalidValue(
    `${param.name} must be a number (${expectation(param.rule as NumberRule)}); got ${excelText(value)}.`
  );
}

function checkNumber(name: string, rule: NumberRule, value: number): number {
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
