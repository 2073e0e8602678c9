import { constantCell, type FormulaTwin } from "./formula-twin";
import { a1, type LayoutPlan } from "./plan";
import { formulaProblem } from "./share-record";

/**
 * Make shareable / Make live again, as pure data. The add-in keeps a record of every cell it can
 * convert: its live TOKENOMICS formula, its native twin, the form it is in now and what the add-in
 * last wrote there. Converting rewrites only cells that still hold exactly what the add-in last
 * wrote, so nothing a user typed is ever lost: an edited cell is left as it is and counted. A table
 * (a live call's spill and the cells its twin fills) converts whole or not at all. The record
 * travels with the workbook.
 */
export type ShareMode = "live" | "native" | "values";

export interface ShareCell {
  /** 0-based on the sheet. */
  row: number;
  col: number;
  /** The live content: a TOKENOMICS formula, or "" for a cell a live table spills into. */
  live: string;
  /** The shared content: the native twin (formula, text or number); null when there is none. */
  native: string | number | null;
  /** Why there is no native twin. */
  reason?: string;
  /** For a cell a table fills: the cell whose formula the table belongs to. */
  anchor?: [row: number, col: number];
  /** The form the cell is in now. */
  mode: ShareMode;
  /** What the cell held when the add-in last wrote or read it. */
  written: string | number;
  /** A formula someone typed (not one the pane inserted): forgotten once it is live again. */
  typed?: true;
  /**
   * While a conversion is being written: the form and content before it. The record is saved with
   * both before any cell changes, so whichever the cell holds afterwards, the add-in knows it.
   */
  before?: { mode: ShareMode; written: string | number };
}

export interface ShareRecord {
  /** The worksheet's id the record belongs to (absent in records written before it was kept). */
  sheet?: string;
  cells: ShareCell[];
}

/** The record of a sheet the pane inserted: every TOKENOMICS cell, live. */
export function shareRecord(plan: LayoutPlan, sheet?: string): ShareRecord {
  const cells: ShareCell[] = [];
  let anchor: [number, number] | undefined;
  for (const c of plan.cells) {
    if (c.native === undefined) continue;
    const spill = c.role === "spill";
    if (!spill) anchor = [c.row, c.col]; // a table's cells follow the formula cell they spill from
    cells.push({
      row: c.row,
      col: c.col,
      live: c.formula ?? "",
      native: c.native,
      ...(spill && anchor ? { anchor } : {}),
      mode: "live",
      written: c.formula ?? "",
    });
  }
  return { ...(sheet ? { sheet } : {}), cells };
}

/**
 * A record as stored by an earlier version of the add-in (one mode for a whole inserted sheet), read
 * as today's record.
 */
export function upgradeRecord(stored: unknown): ShareRecord | undefined {
  if (!stored || typeof stored !== "object") return undefined;
  const old = stored as {
    mode?: ShareMode;
    written?: (string | number)[];
    cells: (ShareCell & { spill?: boolean })[];
  };
  if (!Array.isArray(old.cells)) return undefined;
  if (!old.mode || !old.written) return stored as ShareRecord;
  let anchor: [number, number] | undefined;
  return {
    cells: old.cells.map(({ spill, ...c }, k) => {
      if (!spill) anchor = [c.row, c.col];
      return {
        ...c,
        ...(spill && anchor ? { anchor } : {}),
        mode: old.mode!,
        written: old.written![k],
      };
    }),
  };
}

/** The workbook's content of a cell: its formula if it has one, else its value ("" when empty). */
export type Content = string | number | boolean;

/** Cells read from the sheet: a rectangle's formulas and values from (row, col). */
export interface Area {
  row: number;
  col: number;
  formulas: Content[][];
  values: Content[][];
}

/** A TOKENOMICS formula found in the area that the record does not hold (typed by someone). */
export interface Found {
  row: number;
  col: number;
  /** What the cell holds now. */
  formula: string;
  value: Content;
  twin: FormulaTwin;
  /** Where the live result spills now (this cell first) and its values; null for one cell. */
  spill: Content[][] | null;
}

export interface Conversion {
  writes: { row: number; col: number; content: string | number }[];
  /** Cells left alone because someone changed them since the add-in wrote them. */
  kept: number;
  /** Where those cells are ("B7"), in sheet order. */
  keptAt: string[];
  /** Cells without a native twin, each as "B7: why". */
  skipped: string[];
  /** Formulas written again so Excel resolves them (stuck at #NAME? or stored as _xldudf_). */
  reentered: number;
  /** The record once the writes are made. */
  record: ShareRecord;
  /** The record to save before the writes: each changed cell also remembers its form before. */
  pending: ShareRecord;
}

const same = (a: Content | undefined, b: string | number) =>
  a === b ||
  (typeof a === "number" &&
    typeof b === "number" &&
    Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

const key = (row: number, col: number) => `${row},${col}`;

/**
 * True for what a cell of a spilling table reports as its formula: its value, or (as Excel may) the
 * formula of the cell it spills from — never another formula, which someone typed there.
 */
const spilled = (content: Content, anchor: Content) =>
  typeof content !== "string" || !content.startsWith("=") || content === anchor;

/** An error value as Excel reports it (#SPILL!, #N/A…). */
const isError = (v: Content | undefined) => typeof v === "string" && /^#[A-Z0-9/!?]+[!?]?$/.test(v);

/** The record's cells for formulas found in the area: one cell, or a table's anchor and its cells. */
function foundCells(f: Found): ShareCell[] {
  const { twin } = f;
  const table = Array.isArray(twin.native) ? twin.native : null;
  const reason =
    twin.reason ??
    (table && (!f.spill || f.spill.length !== table.length || f.spill[0].length !== table[0].length)
      ? "its table does not spill here now"
      : undefined);
  const native = reason
    ? null
    : table
      ? table[0][0]
      : ((twin.native as string | number | undefined) ?? null);
  const anchor: ShareCell = {
    row: f.row,
    col: f.col,
    live: twin.live,
    native,
    ...(reason ? { reason } : {}),
    mode: "live",
    written: f.formula,
    typed: true,
  };
  const cells = [anchor];
  // The cells the live result spills into: empty while live; the twin's table (or its own spill).
  f.spill?.forEach((row, r) =>
    row.forEach((_v, c) => {
      if (r === 0 && c === 0) return;
      cells.push({
        row: f.row + r,
        col: f.col + c,
        live: "",
        native: reason ? null : table ? table[r][c] : "",
        anchor: [f.row, f.col],
        mode: "live",
        written: "",
        typed: true,
      });
    })
  );
  return cells;
}

/** True when the record holds this formula cell as the add-in last left it: nothing to look up. */
export function holds(record: ShareRecord, row: number, col: number, formula: Content): boolean {
  return record.cells.some(
    (c) => c.row === row && c.col === col && !c.anchor && same(formula, c.written)
  );
}

/**
 * What to write to move the record's cells inside `area` (and the formulas `found` there) to `mode`.
 * Typed formulas join the record, so Make live again can reverse their conversion later.
 */
export function convert(
  record: ShareRecord,
  area: Area,
  mode: ShareMode,
  found: readonly Found[] = []
): Conversion {
  // What each known cell holds now: the area, and the spills of formulas found in it.
  const now = new Map<string, { formula: Content; value: Content }>();
  area.formulas.forEach((row, r) =>
    row.forEach((formula, c) =>
      now.set(key(area.row + r, area.col + c), { formula, value: area.values[r]?.[c] ?? "" })
    )
  );
  for (const f of found) {
    f.spill?.forEach((row, r) =>
      row.forEach((value, c) => {
        const k = key(f.row + r, f.col + c);
        now.set(k, { formula: now.get(k)?.formula ?? "", value });
      })
    );
  }

  // A conversion saved but perhaps not written (Excel failed between the two): each such cell is
  // in whichever form it holds now.
  record = {
    ...record,
    cells: record.cells.map(({ before, ...c }) => {
      const content = now.get(key(c.row, c.col))?.formula;
      if (!before || content === undefined) return before ? { ...c, before } : c;
      return !same(content, c.written) && same(content, before.written) ? { ...c, ...before } : c;
    }),
  };

  // A found formula replaces what the record said of its cell, if someone typed it there since.
  const byCell = new Map(record.cells.map((c) => [key(c.row, c.col), c]));
  const fresh: Found[] = [];
  const replaced = new Set<string>();
  const skipped: string[] = [];
  // A cell another formula spills into is that formula's result, whatever its text reads.
  const spilledInto = new Set<string>();
  for (const f of found) {
    f.spill?.forEach((row, r) =>
      row.forEach((_v, c) => {
        if (r > 0 || c > 0) spilledInto.add(key(f.row + r, f.col + c));
      })
    );
  }
  for (const f of found) {
    if (spilledInto.has(key(f.row, f.col))) continue;
    const old = byCell.get(key(f.row, f.col));
    if (old?.anchor) {
      skipped.push(`${a1(f.row, f.col)}: typed inside a table the add-in wrote`);
      continue;
    }
    if (old && same(f.formula, old.written)) continue; // recorded and untouched
    const problem = formulaProblem(f.twin.live, true);
    if (problem) {
      skipped.push(`${a1(f.row, f.col)}: it ${problem}, which the add-in does not convert`);
      continue;
    }
    fresh.push(f);
    replaced.add(key(f.row, f.col));
  }
  const cells = record.cells
    .filter(
      (c) => !replaced.has(key(c.row, c.col)) && !(c.anchor && replaced.has(key(...c.anchor)))
    )
    .concat(fresh.flatMap(foundCells));

  // Units: a formula cell with the cells its table fills.
  const units = new Map<string, ShareCell[]>();
  for (const c of cells) {
    const k = c.anchor ? key(...c.anchor) : key(c.row, c.col);
    const unit = units.get(k) ?? [];
    if (c.anchor) unit.push(c);
    else unit.unshift(c);
    units.set(k, unit);
  }

  const writes: Conversion["writes"] = [];
  const keptAt: string[] = [];
  let reentered = 0;
  const next = new Map<ShareCell, ShareCell>();
  for (const unit of units.values()) {
    const head = unit[0];
    const contents = unit.map((c) => now.get(key(c.row, c.col)));
    if (contents.some((x) => x === undefined)) {
      if (contents[0] !== undefined && head.mode !== mode) {
        skipped.push(`${a1(head.row, head.col)}: its table reaches outside the selection`);
      }
      continue; // outside the area (or partly): not part of this conversion
    }
    // A live table's cells hold its result while it spills, and nothing otherwise: anything else
    // there (the formula then shows #SPILL!) was typed by someone, and is theirs.
    const spills =
      !isError(contents[0]!.value) ||
      found.some((f) => f.row === head.row && f.col === head.col && f.spill);
    const untouched = unit.map((c, k) =>
      c.anchor && c.mode === "live"
        ? contents[k]!.formula === "" ||
          (spills && spilled(contents[k]!.formula, contents[0]!.formula))
        : same(contents[k]!.formula, c.written)
    );
    if (untouched.some((u) => !u)) {
      unit.forEach((c, k) => {
        if (!untouched[k]) keptAt.push(a1(c.row, c.col));
      });
      continue;
    }
    if (head.mode === mode) {
      // Already in this form. Live again also re-enters formulas Excel has not resolved.
      const stuck =
        mode === "live" && (head.live !== head.written || contents[0]!.value === "#NAME?");
      if (stuck) {
        writes.push({ row: head.row, col: head.col, content: head.live });
        next.set(head, { ...head, written: head.live });
        reentered++;
      }
      continue;
    }
    if (mode === "native" && unit.some((c) => c.native === null)) {
      skipped.push(`${a1(head.row, head.col)}: ${head.reason ?? "no native formula"}`);
      continue;
    }
    // The table's cells first, its formula cell last: a live anchor spills into cleared cells.
    unit
      .map((c, k) => ({ c, k }))
      .reverse()
      .forEach(({ c, k }) => {
        const target =
          mode === "live"
            ? c.live
            : mode === "native"
              ? (c.native as string | number)
              : contents[k]!.value;
        const content =
          typeof target === "boolean"
            ? String(target).toUpperCase()
            : mode === "values"
              ? constantCell(target)
              : target;
        writes.push({ row: c.row, col: c.col, content });
        next.set(c, { ...c, mode, written: content });
      });
  }
  const sheet = record.sheet ? { sheet: record.sheet } : {};
  return {
    writes,
    kept: keptAt.length,
    keptAt,
    skipped,
    reentered,
    // A typed formula that is live has nothing to reverse: the record keeps only what changed.
    record: {
      ...sheet,
      cells: cells.map((c) => next.get(c) ?? c).filter((c) => !(c.typed && c.mode === "live")),
    },
    pending: {
      ...sheet,
      cells: cells.map((c) => {
        const after = next.get(c);
        return after ? { ...after, before: { mode: c.mode, written: c.written } } : c;
      }),
    },
  };
}
