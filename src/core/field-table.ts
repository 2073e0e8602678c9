import { isNumericText, type CellValue } from "./arguments";
import { invalidValue } from "./errors";
import { checkModel, MODEL_FIELDS, type ModelSpec } from "./model-spec";
import { normalizeName } from "./names";
import { SYSTEM_FIELDS, SYSTEM_TEXT_FIELDS, type SystemSpec } from "./system-spec";

/**
 * Presets as two-column (field, value) tables: what MODEL() and SYSTEM() spill, and — for models — a
 * range a user can edit in cells and pass wherever a model is expected.
 */

export type FieldRow = [string, string | number];

/** A preset's fields in the given order; blanks as "" and lists joined with "; ". */
export function toFieldRows<T extends object>(preset: T, fields: readonly (keyof T)[]): FieldRow[] {
  return fields.map((field) => [String(field), cellOf(preset[field])]);
}

function cellOf(value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  return value as string | number;
}

const MODEL_FIELD_KEYS = Object.keys(MODEL_FIELDS) as (keyof ModelSpec)[];
const MODEL_FIELD_BY_NORMAL = new Map(MODEL_FIELD_KEYS.map((k) => [normalizeName(k), k]));

/**
 * True for a range that reads as a model's (field, value) table: two columns, text field names in
 * the first, at least three of which are model fields. Any other range is a range of values.
 */
export function isModelTable(rows: readonly (readonly CellValue[])[]): boolean {
  if (rows.length < 3 || rows.some((row) => row.length !== 2)) return false;
  let known = 0;
  for (const [field] of rows) {
    if (typeof field !== "string" || field.trim() === "") return false;
    if (MODEL_FIELD_BY_NORMAL.has(normalizeName(field))) known++;
  }
  return known >= 3;
}

/** Reads a (field, value) range as a model; `#VALUE!` names the row to fix. */
export function modelFromTable(rows: readonly (readonly CellValue[])[]): ModelSpec {
  const model: Record<string, unknown> = {};
  rows.forEach(([rawField, value], index) => {
    const text = String(rawField).trim();
    if (index === 0 && /^field$/i.test(text)) return; // a header row
    const field = MODEL_FIELD_BY_NORMAL.get(normalizeName(text));
    if (!field) {
      throw invalidValue(
        `The model range has an unknown field "${text}" (row ${index + 1}). Fields: ${MODEL_FIELD_KEYS.join(", ")}.`
      );
    }
    model[field] = readField(field, value, index);
  });
  return checkModel(model as unknown as ModelSpec);
}

function readField(field: keyof ModelSpec, value: CellValue, index: number): unknown {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === ""))
    return undefined;
  const rule = MODEL_FIELDS[field];
  if (field === "aliases")
    return String(value)
      .split(";")
      .map((a) => a.trim())
      .filter(Boolean);
  if (rule.kind === "text") return String(value);
  if (typeof value === "number") return value;
  if (isNumericText(value)) return Number(value);
  throw invalidValue(
    `The model range's ${field} (row ${index + 1}) must be a number; got ${JSON.stringify(value)}.`
  );
}

const SYSTEM_FIELD_KEYS = Object.keys(SYSTEM_FIELDS) as (keyof SystemSpec)[];
const SYSTEM_FIELD_BY_NORMAL = new Map(SYSTEM_FIELD_KEYS.map((k) => [normalizeName(k), k]));

/**
 * True for a range that reads as a system's (field, value) table (what SYSTEM() spills): two
 * columns, text field names in the first, at least three of which are system fields.
 */
export function isSystemTable(rows: readonly (readonly CellValue[])[]): boolean {
  if (rows.length < 3 || rows.some((row) => row.length !== 2)) return false;
  let known = 0;
  for (const [field] of rows) {
    if (typeof field !== "string" || field.trim() === "") return false;
    if (SYSTEM_FIELD_BY_NORMAL.has(normalizeName(field))) known++;
  }
  return known >= 3;
}

/**
 * Reads a (field, value) range as a system; `#VALUE!` names the row to fix. Fields left out are
 * blank (a blank price makes the cost functions say it is missing); name and memory_gb are required.
 */
export function systemFromTable(rows: readonly (readonly CellValue[])[]): SystemSpec {
  const system: Record<string, unknown> = Object.fromEntries(
    SYSTEM_FIELD_KEYS.map((k) => [k, null])
  );
  const seen = new Set<string>();
  rows.forEach(([rawField, value], index) => {
    const text = String(rawField).trim();
    if (index === 0 && /^field$/i.test(text)) return; // a header row
    const field = SYSTEM_FIELD_BY_NORMAL.get(normalizeName(text));
    if (!field) {
      throw invalidValue(
        `The system range has an unknown field "${text}" (row ${index + 1}). Fields: ${SYSTEM_FIELD_KEYS.join(", ")}.`
      );
    }
    if (seen.has(field)) {
      throw invalidValue(`The system range has ${field} twice (row ${index + 1}): keep one.`);
    }
    seen.add(field);
    const blank =
      value === null || value === undefined || (typeof value === "string" && value.trim() === "");
    if (blank) return;
    if (field === "aliases") {
      system[field] = String(value)
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean);
    } else if (SYSTEM_TEXT_FIELDS.has(field)) {
      system[field] = String(value);
    } else if (typeof value === "number" || isNumericText(value)) {
      const number = Number(value);
      if (!Number.isFinite(number) || number < 0) {
        throw invalidValue(
          `The system range's ${field} (row ${index + 1}) must be a number ≥ 0; got ${number}.`
        );
      }
      system[field] = number;
    } else {
      throw invalidValue(
        `The system range's ${field} (row ${index + 1}) must be a number; got ${JSON.stringify(value)}.`
      );
    }
  });
  if (typeof system.name !== "string") system.name = "system from a range";
  if (typeof system.memory_gb !== "number" || system.memory_gb <= 0) {
    throw invalidValue("The system range needs memory_gb (GB of 2^30 bytes per chip) > 0.");
  }
  return system as unknown as SystemSpec;
}
