/**
 * Reading a formula's references from cells already loaded: A1 addresses on the same sheet
 * ("B2", "$B$2:C9"), split from a sheet prefix ('Q1 2025'!B2) when there is one.
 */
export interface Bounds {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function cell(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return row >= 1 && col <= 16384 && row <= 1048576 ? { row: row - 1, col: col - 1 } : null;
}

/** The 0-based bounds of "B2" or "B2:C9" (either corner first); null for names and anything else. */
export function parseAddress(text: string): Bounds | null {
  const [from, to = from, extra] = text.split(":");
  if (extra !== undefined) return null;
  const a = cell(from);
  const b = cell(to);
  if (!a || !b) return null;
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
}

/** A reference's sheet (unquoted) and the rest: "'Q1 2025'!B2" → ["Q1 2025", "B2"]. */
export function splitSheet(ref: string): { sheet: string | null; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref);
  if (!m) return { sheet: null, local: ref };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], local: m[3] };
}

/** The cells of `bounds` from a loaded rectangle at (row, col), or undefined when not all inside. */
export function cellsWithin<T>(
  loaded: { row: number; col: number; values: T[][] },
  bounds: Bounds
): T[][] | undefined {
  const r0 = bounds.row - loaded.row;
  const c0 = bounds.col - loaded.col;
  const rows = loaded.values.length;
  const cols = loaded.values[0]?.length ?? 0;
  if (r0 < 0 || c0 < 0 || r0 + bounds.rows > rows || c0 + bounds.cols > cols) return undefined;
  return loaded.values.slice(r0, r0 + bounds.rows).map((row) => row.slice(c0, c0 + bounds.cols));
}
