import { a1, type LayoutPlan } from "./plan";

/**
 * "Update this sheet", as pure data. When the pane writes a sheet it keeps a record of what it
 * wrote there: each cell's content exactly as written (a formula's text or a constant), where its
 * live tables spill, its sheet-scoped names and its charts. An update compares that record, the
 * sheet as it is now and the plan for the pane's current choices, and rewrites only cells that
 * still hold what the add-in wrote (or are empty, or a table filled them); a cell someone changed,
 * and one someone filled where the new plan wants to write, is kept and counted.
 */
export type Written = string | number;

export interface WrittenSheet {
  /** Which plan wrote the sheet: an update rebuilds the same kind. */
  kind: LayoutPlan["kind"];
  /** The worksheet's id. */
  sheet: string;
  /** [row, col, content as written], 0-based; cells written empty are left out. */
  cells: [number, number, Written][];
  /** [row, col] of cells a live table spills into (written empty, filled by the table). */
  spills: [number, number][];
  /** Sheet-scoped names the plan added. */
  names: string[];
  /** Names given to the charts the plan added. */
  charts: string[];
  /** Rows × columns the plan covered, from A1. */
  size: { rows: number; cols: number };
}

/** Names the pane gives its charts, so an update can find and replace them. */
export const chartName = (k: number) => `Tokenomics chart ${k + 1}`;

/** The record of what writing `plan` puts on the sheet (what `grids` writes, cell by cell). */
export function writtenSheet(plan: LayoutPlan, sheet: string): WrittenSheet {
  const cells: WrittenSheet["cells"] = [];
  const spills: WrittenSheet["spills"] = [];
  for (const c of plan.cells) {
    const content = c.formula ?? c.value ?? "";
    if (content !== "") cells.push([c.row, c.col, content]);
    else if (c.role === "spill") spills.push([c.row, c.col]);
  }
  return {
    kind: plan.kind,
    sheet,
    cells,
    spills,
    names: plan.names.map((n) => n.name),
    charts: plan.charts.map((_c, k) => chartName(k)),
    size: plan.size,
  };
}

/** A record as stored in the workbook, checked; undefined when it is not one the add-in wrote. */
export function readWritten(stored: unknown, sheet: string): WrittenSheet | undefined {
  if (!stored || typeof stored !== "object") return undefined;
  const r = stored as Partial<WrittenSheet>;
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  const ok =
    (r.kind === "model" || r.kind === "compare") &&
    r.sheet === sheet &&
    Array.isArray(r.cells) &&
    r.cells.every(
      (c) =>
        Array.isArray(c) &&
        c.length === 3 &&
        whole(c[0]) &&
        whole(c[1]) &&
        (typeof c[2] === "string" || typeof c[2] === "number")
    ) &&
    Array.isArray(r.spills) &&
    r.spills.every((c) => Array.isArray(c) && c.length === 2 && whole(c[0]) && whole(c[1])) &&
    Array.isArray(r.names) &&
    r.names.every((n) => typeof n === "string") &&
    Array.isArray(r.charts) &&
    r.charts.every((n) => typeof n === "string") &&
    whole(r.size?.rows) &&
    whole(r.size?.cols);
  return ok ? (r as WrittenSheet) : undefined;
}

/** The rectangle from A1 that both the old record and the new plan cover: what to read. */
export function updateArea(old: WrittenSheet, plan: LayoutPlan) {
  return {
    rows: Math.max(old.size.rows, plan.size.rows),
    cols: Math.max(old.size.cols, plan.size.cols),
  };
}

export interface UpdatePlan {
  /** Cells to write (the new plan's content, "" to clear one the add-in wrote and no longer needs). */
  writes: { row: number; col: number; content: Written }[];
  /** Cells kept because someone changed them (or filled them where the new plan writes). */
  kept: { row: number; col: number }[];
}

/** Equal as Excel gives a cell back: text as written, numbers to float noise. */
const same = (now: Written | boolean | null | undefined, written: Written) =>
  now === written ||
  (typeof now === "number" &&
    typeof written === "number" &&
    Math.abs(now - written) <= 1e-12 * Math.max(1, Math.abs(written)));

/**
 * What an update writes. `now(row, col)` is the cell's formula as Excel reports it (its formula
 * text, or its constant; "" when empty).
 */
export function planUpdate(
  old: WrittenSheet,
  now: (row: number, col: number) => Written | boolean | null | undefined,
  plan: LayoutPlan
): UpdatePlan {
  const key = (row: number, col: number) => `${row},${col}`;
  const wrote = new Map(old.cells.map(([r, c, w]) => [key(r, c), w]));
  const spilled = new Set(old.spills.map(([r, c]) => key(r, c)));
  const next = new Map<string, Written>();
  const fills = new Set<string>(); // where the new plan's live tables spill
  for (const c of plan.cells) {
    next.set(key(c.row, c.col), c.formula ?? c.value ?? "");
    if (c.role === "spill") fills.add(key(c.row, c.col));
  }

  const formulas = new Set(
    old.cells.map(([, , w]) => w).filter((w): w is string => typeof w === "string")
  );
  const writes: UpdatePlan["writes"] = [];
  const kept: UpdatePlan["kept"] = [];
  const positions = new Set([...wrote.keys(), ...spilled, ...next.keys()]);
  for (const at of positions) {
    const [row, col] = at.split(",").map(Number);
    const current = now(row, col);
    const empty = current === "" || current === null || current === undefined;
    const want = next.get(at) ?? "";
    const before = wrote.get(at);
    // Ours: as written; or never written by us and empty; or filled by a table of ours — its value,
    // or (as Excel may report it) the table's own formula; another formula there is someone's.
    const formula = typeof current === "string" && current.startsWith("=");
    const ours =
      before !== undefined
        ? same(current, before)
        : empty || (spilled.has(at) && (!formula || formulas.has(current as string)));
    if (!ours) {
      // Counted where it matters: the add-in wrote or would write here, or a table needs the cell.
      if (want !== "" || before !== undefined || fills.has(at)) kept.push({ row, col });
      continue;
    }
    if (want === "" && (empty || spilled.has(at))) continue; // nothing to write, nothing to clear
    if (want !== "" && same(current, want)) continue; // already as the new plan has it
    writes.push({ row, col, content: want });
  }
  const order = (a: { row: number; col: number }, b: { row: number; col: number }) =>
    a.row - b.row || a.col - b.col;
  return { writes: writes.sort(order), kept: kept.sort(order) };
}

/** "B7, C9, D12 and 4 more": where the kept cells are, for the message. */
export function keptAt(kept: UpdatePlan["kept"], most = 5): string {
  const shown = kept.slice(0, most).map((k) => a1(k.row, k.col));
  const rest = kept.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}
