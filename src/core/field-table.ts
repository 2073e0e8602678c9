import { isNumericText, type CellValue } from "./arguments";
import { invalidValue } from "./errors";
import { checkModel, MODEL_FIELDS, type ModelSpec } from "./model-spec";
import { normalizeName } from "./names";

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
