import { a1 } from "./plan";
import type { ShareCell, ShareMode, ShareRecord } from "./share";

/**
 * A share record read back from the workbook's settings is data to check, not to trust: anyone who
 * can edit the file can edit it. Every entry must be a cell of the sheet (whole row and column
 * numbers within Excel's grid, one entry per cell), its live content a TOKENOMICS formula (or the
 * empty cell a live table spills into), its shared content a native twin built from the spreadsheet
 * functions the twins use — no other function, so a planted =HYPERLINK(…) or =WEBSERVICE(…) is never
 * written. One bad entry refuses the whole record, with a message, before anything is written.
 */

/** Excel's grid: 1,048,576 rows by 16,384 columns (0-based indexes below these). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Excel's formula length limit, in characters. */
const MAX_FORMULA = 8192;

/**
 * Functions a recorded formula may call besides TOKENOMICS.*: those the native twins and the pane's
 * sheets are built from, and plain arithmetic a user may wrap a TOKENOMICS call in.
 */
export const RECORD_FUNCTIONS = new Set([
  // what the twins print (src/core/expr.ts, src/workbook/formula-twin.ts)
  "ABS",
  "AND",
  "IF",
  "INDEX",
  "INT",
  "ISBLANK",
  "ISLOGICAL",
  "ISNUMBER",
  "ISTEXT",
  "MATCH",
  "MAX",
  "MIN",
  "N",
  "NA",
  "NOT",
  "OR",
  "PMT",
  "ROUND",
  "TRIM",
  "UPPER",
  "VLOOKUP",
  "CHAR",
  "COUNTIF",
  "IFERROR",
  "LEN",
  "T",
  "ISERROR",
  "ROWS",
  "SUMPRODUCT",
  // arithmetic someone may wrap a call in
  "AVERAGE",
  "CEILING",
  "EXP",
  "FLOOR",
  "IFERROR",
  "LN",
  "POWER",
  "PRODUCT",
  "ROUNDDOWN",
  "ROUNDUP",
  "SQRT",
  "SUM",
]);

const MODES: readonly ShareMode[] = ["live", "native", "values"];

/** Why a record (or a formula for one) is refused. */
export class RecordError extends Error {}

/** Function names a formula calls, outside its string literals, upper case. */
export function functionsIn(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) =>
    m[1]
      .toUpperCase()
      .replace(/^_XLFN\./, "")
      .replace(/^_XLDUDF_TOKENOMICS_/, "TOKENOMICS.")
  );
}

/** Why a formula may not be recorded, or undefined when it may. `own`: TOKENOMICS calls allowed. */
export function formulaProblem(formula: string, own: boolean): string | undefined {
  if (formula.length > MAX_FORMULA) return `is longer than Excel's ${MAX_FORMULA} characters`;
  const foreign = functionsIn(formula).filter((name) =>
    name.startsWith("TOKENOMICS.") ? !own : !RECORD_FUNCTIONS.has(name)
  );
  if (foreign.length > 0) return `calls ${[...new Set(foreign)].join(", ")}`;
  return undefined;
}

/**
 * Checks a stored record for the sheet `sheetId`; returns it typed, or throws RecordError saying
 * which entry is wrong and how.
 */
export function checkRecord(stored: unknown, sheetId: string): ShareRecord {
  const fail = (why: string): never => {
    throw new RecordError(why);
  };
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    fail("it is not a record");
  }
  const record = stored as { cells?: unknown; sheet?: unknown };
  if (record.sheet !== undefined && record.sheet !== sheetId) fail("it belongs to another sheet");
  if (!Array.isArray(record.cells)) fail("it has no list of cells");
  const cells = record.cells as unknown[];
  const seen = new Map<string, ShareCell>();
  const checked = cells.map((entry, k) => {
    const at = `entry ${k + 1}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      return fail(`${at} is not a cell`);
    }
    const c = entry as Record<string, unknown>;
    const index = (v: unknown, limit: number) =>
      typeof v === "number" && Number.isInteger(v) && v >= 0 && v < limit;
    if (!index(c.row, MAX_ROWS) || !index(c.col, MAX_COLS)) {
      fail(`${at} is not a cell of the sheet (row ${String(c.row)}, column ${String(c.col)})`);
    }
    const where = `${at} (${a1(c.row as number, c.col as number)})`;
    const position = `${c.row},${c.col}`;
    if (seen.has(position)) fail(`${where} is recorded twice`);
    if (!MODES.includes(c.mode as ShareMode)) fail(`${where} has no known form`);
    if (c.anchor !== undefined) {
      const a = c.anchor;
      if (
        !Array.isArray(a) ||
        a.length !== 2 ||
        !index(a[0], MAX_ROWS) ||
        !index(a[1], MAX_COLS) ||
        a[0] > (c.row as number) ||
        a[1] > (c.col as number) ||
        (a[0] === c.row && a[1] === c.col)
      ) {
        fail(`${where} belongs to no table cell above or left of it`);
      }
    }
    if (typeof c.live !== "string") fail(`${where} has no live formula`);
    const live = c.live as string;
    // Empty: a cell a live table spills into, or one only the shared sheet fills (its steps).
    if (live !== "") {
      if (c.anchor !== undefined || !live.startsWith("="))
        fail(`${where}'s live content is not a formula`);
      if (!functionsIn(live).some((f) => f.startsWith("TOKENOMICS."))) {
        fail(`${where}'s live formula calls no TOKENOMICS function`);
      }
      const problem = formulaProblem(live, true);
      if (problem) fail(`${where}'s live formula ${problem}`);
    }
    checkContent(c.native, true, `${where}'s shared content`, fail);
    checkContent(c.written, false, `${where}'s last written content`, fail);
    if (c.reason !== undefined && typeof c.reason !== "string") fail(`${where} has a bad reason`);
    if (c.typed !== undefined && c.typed !== true) fail(`${where} has a bad typed flag`);
    if (c.before !== undefined) {
      const b = c.before as Record<string, unknown> | null;
      if (typeof b !== "object" || b === null || !MODES.includes(b.mode as ShareMode)) {
        fail(`${where} has a bad earlier form`);
      }
      checkContent(
        (b as Record<string, unknown>).written,
        false,
        `${where}'s earlier content`,
        fail
      );
    }
    const cell = entry as ShareCell;
    seen.set(position, cell);
    return cell;
  });
  for (const c of checked) {
    if (!c.anchor) continue;
    const head = seen.get(`${c.anchor[0]},${c.anchor[1]}`);
    if (!head || head.anchor) {
      fail(`the table cell ${a1(c.row, c.col)} belongs to no recorded formula cell`);
    }
  }
  return { ...(typeof record.sheet === "string" ? { sheet: record.sheet } : {}), cells: checked };
}

/**
 * Content the add-in may write (or compare): a number, text that Excel will not read as a formula,
 * or a native formula (no TOKENOMICS call, only the twins' functions). `nullable`: no twin at all.
 */
function checkContent(
  value: unknown,
  nullable: boolean,
  what: string,
  fail: (why: string) => never
): void {
  if (value === null && nullable) return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(`${what} is not a finite number`);
    return;
  }
  if (typeof value !== "string") return fail(`${what} is neither a number nor text`);
  if (!/^[=+\-@]/.test(value)) return;
  if (!value.startsWith("=")) fail(`${what} would be read as a formula`);
  const problem = formulaProblem(value, !nullable);
  if (problem) fail(`${what} ${problem}`);
}
