import { isNumericText, storedAsText, type CellValue } from "./arguments";
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
const MODEL_FIELD_BY_NAME = new Map(MODEL_FIELD_KEYS.map((k) => [k.toLowerCase(), k]));

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

/**
 * Reads a (field, value) range as a model; `#VALUE!` names the row to fix. A field is named exactly
 * (case aside), once: a shared workbook's formulas look fields up by name (VLOOKUP) and test the
 * table the same way (`tableRefused`), so a misspelt, padded or repeated field is an error in both.
 */
export function modelFromTable(rows: readonly (readonly CellValue[])[]): ModelSpec {
  const model: Record<string, unknown> = {};
  const seen = new Set<string>();
  rows.forEach(([rawField, value], index) => {
    const text = String(rawField ?? "");
    if (index === 0 && /^field$/i.test(text)) return; // a header row
    const field = MODEL_FIELD_BY_NAME.get(text.toLowerCase());
    if (!field) {
      throw invalidValue(
        `The model range has an unknown field ${JSON.stringify(text)} (row ${index + 1}). Fields: ${MODEL_FIELD_KEYS.join(", ")}.`
      );
    }
    if (seen.has(field)) {
      throw invalidValue(`The model range has ${field} twice (row ${index + 1}): keep one.`);
    }
    seen.add(field);
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
  if (isNumericText(value)) throw invalidValue(`The model range's ${storedAsText(field, value)}`);
  throw invalidValue(
    `The model range's ${field} (row ${index + 1}) must be a number; got ${JSON.stringify(value)}.`
  );
}

const SYSTEM_FIELD_KEYS = Object.keys(SYSTEM_FIELDS) as (keyof SystemSpec)[];
const SYSTEM_FIELD_BY_NORMAL = new Map(SYSTEM_FIELD_KEYS.map((k) => [normalizeName(k), k]));
const SYSTEM_FIELD_BY_NAME = new Map(SYSTEM_FIELD_KEYS.map((k) => [k.toLowerCase(), k]));

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
    const text = String(rawField ?? "");
    if (index === 0 && /^field$/i.test(text)) return; // a header row
    const field = SYSTEM_FIELD_BY_NAME.get(text.toLowerCase());
    if (!field) {
      throw invalidValue(
        `The system range has an unknown field ${JSON.stringify(text)} (row ${index + 1}). Fields: ${SYSTEM_FIELD_KEYS.join(", ")}.`
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
    } else if (isNumericText(value)) {
      throw invalidValue(`The system range's ${storedAsText(field, value)}`);
    } else if (typeof value === "number") {
      const number = value;
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

/**
 * A spreadsheet condition, TRUE when the (field, value) table `table` (first column `fields`) is one
 * the add-in refuses: a row whose field is unknown or repeated (every row names a distinct known
 * field; a header row "field" counts as one), or a number field holding text. Built from COUNTIF,
 * VLOOKUP and T on one field at a time, which Excel, LibreOffice and HyperFormula evaluate alike
 * (no array arithmetic; LibreOffice's COUNTIF "*" counts numbers too, so it is not used). Not caught:
 * TRUE or FALSE in a number field (read as 1 or 0).
 */
export function tableRefused(kind: "model" | "system", table: string, fields: string): string {
  const keys: readonly string[] = kind === "model" ? MODEL_FIELD_KEYS : SYSTEM_FIELD_KEYS;
  const numeric = keys.filter((k) =>
    kind === "model"
      ? MODEL_FIELDS[k as keyof ModelSpec].kind !== "text"
      : !SYSTEM_TEXT_FIELDS.has(k as keyof SystemSpec)
  );
  const distinct = [...keys, "field"].map((k) => `MIN(1,COUNTIF(${fields},"${k}"))`).join("+");
  // Non-blank text (a blank, "" or spaces, is an empty field live too); an absent field: 0.
  const text = numeric
    .map((k) => `IFERROR(LEN(TRIM(T(VLOOKUP("${k}",${table},2,0)))),0)`)
    .join("+");
  return `OR(${distinct}<>ROWS(${fields}),${text}>0)`;
}

/**
 * The field column of a (field, value) range: for an A1 range (optionally sheet-qualified) its first
 * column; for a name, INDEX(name,0,1) (Excel and LibreOffice; HyperFormula reads A1 ranges only).
 */
export function tableFields(ref: string): string {
  const m =
    /^((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(
      ref
    );
  if (!m) return `INDEX(${ref},0,1)`;
  const [, sheet = "", first, top, , bottom] = m;
  return `${sheet}$${first.toUpperCase()}$${top}:$${first.toUpperCase()}$${bottom}`;
}
