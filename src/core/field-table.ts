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
const SYSTEM_FIELD_KEYS = Object.keys(SYSTEM_FIELDS) as (keyof SystemSpec)[];

/** What a (field, value) table of each kind may hold, as its readers need it. */
const TABLES = {
  model: {
    keys: MODEL_FIELD_KEYS as readonly string[],
    isText: (k: string) => MODEL_FIELDS[k as keyof ModelSpec].kind === "text",
  },
  system: {
    keys: SYSTEM_FIELD_KEYS as readonly string[],
    isText: (k: string) => SYSTEM_TEXT_FIELDS.has(k as keyof SystemSpec),
  },
};
type TableKind = keyof typeof TABLES;
/** Field names loosely (to recognise a table) and exactly, case aside (to read one). */
const BY_NORMAL = {
  model: new Set(MODEL_FIELD_KEYS.map((k) => normalizeName(k))),
  system: new Set(SYSTEM_FIELD_KEYS.map((k) => normalizeName(k))),
};
const BY_NAME = {
  model: new Map(MODEL_FIELD_KEYS.map((k) => [k.toLowerCase(), k as string])),
  system: new Map(SYSTEM_FIELD_KEYS.map((k) => [k.toLowerCase(), k as string])),
};

/**
 * True for a range that reads as a `kind` (field, value) table: two columns, text field names in
 * the first, at least three of which are fields of that kind. Any other range is a range of values.
 */
function isTable(kind: TableKind, rows: readonly (readonly CellValue[])[]): boolean {
  if (rows.length < 3 || rows.some((row) => row.length !== 2)) return false;
  let known = 0;
  for (const [field] of rows) {
    if (typeof field !== "string" || field.trim() === "") return false;
    if (BY_NORMAL[kind].has(normalizeName(field))) known++;
  }
  return known >= 3;
}

/** A model's (field, value) table (what MODEL() spills, or one typed in cells)? */
export const isModelTable = (rows: readonly (readonly CellValue[])[]) => isTable("model", rows);
/** A system's (field, value) table (what SYSTEM() spills)? */
export const isSystemTable = (rows: readonly (readonly CellValue[])[]) => isTable("system", rows);

/**
 * The rows of a `kind` table as (field, value, row index), a header row skipped. A field is named
 * exactly (case aside), once: a shared workbook's formulas look fields up by name (VLOOKUP) and
 * test the table the same way (`tableRefused`), so a misspelt, padded or repeated field is an error
 * in both, naming the row to fix.
 */
function* fieldRows(kind: TableKind, rows: readonly (readonly CellValue[])[]) {
  const seen = new Set<string>();
  for (const [index, [rawField, value]] of rows.entries()) {
    const text = String(rawField ?? "");
    if (index === 0 && /^field$/i.test(text)) continue; // a header row
    const field = BY_NAME[kind].get(text.toLowerCase());
    if (!field) {
      throw invalidValue(
        `The ${kind} range has an unknown field ${JSON.stringify(text)} (row ${index + 1}). Fields: ${TABLES[kind].keys.join(", ")}.`
      );
    }
    if (seen.has(field)) {
      throw invalidValue(`The ${kind} range has ${field} twice (row ${index + 1}): keep one.`);
    }
    seen.add(field);
    yield { field, value, index };
  }
}

const isBlankCell = (value: CellValue) =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");
const listOf = (value: CellValue) =>
  String(value)
    .split(";")
    .map((a) => a.trim())
    .filter(Boolean);

/** Reads a (field, value) range as a model; `#VALUE!` names the row to fix. */
export function modelFromTable(rows: readonly (readonly CellValue[])[]): ModelSpec {
  const model: Record<string, unknown> = {};
  for (const { field, value, index } of fieldRows("model", rows)) {
    model[field] = readField(field as keyof ModelSpec, value, index);
  }
  return checkModel(model as unknown as ModelSpec);
}

function readField(field: keyof ModelSpec, value: CellValue, index: number): unknown {
  if (isBlankCell(value)) return undefined;
  if (field === "aliases") return listOf(value);
  if (MODEL_FIELDS[field].kind === "text") return String(value);
  if (typeof value === "number") return value;
  if (isNumericText(value)) throw invalidValue(`The model range's ${storedAsText(field, value)}`);
  throw invalidValue(
    `The model range's ${field} (row ${index + 1}) must be a number; got ${JSON.stringify(value)}.`
  );
}

/**
 * Reads a (field, value) range as a system; `#VALUE!` names the row to fix. Fields left out are
 * blank (a blank price makes the cost functions say it is missing); name and memory_gb are required.
 */
export function systemFromTable(rows: readonly (readonly CellValue[])[]): SystemSpec {
  const system: Record<string, unknown> = Object.fromEntries(
    SYSTEM_FIELD_KEYS.map((k) => [k, null])
  );
  for (const { field: name, value, index } of fieldRows("system", rows)) {
    const field = name as keyof SystemSpec;
    if (isBlankCell(value)) continue;
    if (field === "aliases") {
      system[field] = listOf(value);
    } else if (SYSTEM_TEXT_FIELDS.has(field)) {
      system[field] = String(value);
    } else if (isNumericText(value)) {
      throw invalidValue(`The system range's ${storedAsText(field, value)}`);
    } else if (typeof value === "number") {
      if (!Number.isFinite(value) || value < 0) {
        throw invalidValue(
          `The system range's ${field} (row ${index + 1}) must be a number ≥ 0; got ${value}.`
        );
      }
      system[field] = value;
    } else {
      throw invalidValue(
        `The system range's ${field} (row ${index + 1}) must be a number; got ${JSON.stringify(value)}.`
      );
    }
  }
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
export function tableRefused(kind: TableKind, table: string, fields: string): string {
  const { keys, isText } = TABLES[kind];
  const numeric = keys.filter((k) => !isText(k));
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
