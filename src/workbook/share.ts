import type { LayoutPlan } from "./plan";

/**
 * Make shareable / Make live again, as pure data. When the pane inserts a sheet it keeps a record of
 * every cell whose content differs between the live and the shared form. Converting rewrites only
 * cells that still hold exactly what the add-in last wrote, so nothing a user typed is ever lost:
 * an edited cell is left as it is and counted. The record travels with the workbook.
 */
export type ShareMode = "live" | "native" | "values";

export interface ShareCell {
  row: number;
  col: number;
  /** The live content: a TOKENOMICS formula, or "" for a cell a live table spills into. */
  live: string;
  /** The shared content: the native twin (formula or text). */
  native: string | number;
  /** Cells a live table spills into follow their anchor. */
  spill?: boolean;
}

export interface ShareRecord {
  rows: number;
  cols: number;
  mode: ShareMode;
  cells: ShareCell[];
  /** What the add-in last wrote in each cell (same order as cells), to know a cell is untouched. */
  written: (string | number)[];
}

export function shareRecord(plan: LayoutPlan): ShareRecord {
  const cells: ShareCell[] = [];
  for (const c of plan.cells) {
    if (c.native === undefined) continue;
    cells.push({
      row: c.row,
      col: c.col,
      live: c.formula ?? "",
      native: c.native,
      ...(c.role === "spill" ? { spill: true } : {}),
    });
  }
  return {
    rows: plan.size.rows,
    cols: plan.size.cols,
    mode: "live",
    cells,
    written: cells.map((c) => c.live),
  };
}

/** The workbook's content of a cell: its formula if it has one, else its value ("" when empty). */
export type Content = string | number | boolean;

export interface Conversion {
  writes: { row: number; col: number; content: string | number }[];
  /** Cells left alone because someone changed them since the add-in wrote them. */
  kept: number;
  record: ShareRecord;
}

const same = (a: Content | undefined, b: string | number) =>
  a === b ||
  (typeof a === "number" &&
    typeof b === "number" &&
    Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

/**
 * What to write to move a recorded block to `mode`, given its current formulas and values
 * (rows × cols from the block's top-left). Spilled cells follow their anchor: live, they hold the
 * anchor's output, not content of their own.
 */
export function convert(
  record: ShareRecord,
  formulas: Content[][],
  values: Content[][],
  mode: ShareMode
): Conversion {
  const writes: Conversion["writes"] = [];
  const written = [...record.written];
  let kept = 0;
  if (mode === record.mode) return { writes, kept, record };
  record.cells.forEach((cell, k) => {
    const current = formulas[cell.row]?.[cell.col];
    const untouched =
      cell.spill && record.mode === "live" ? true : same(current, record.written[k]);
    if (!untouched) {
      kept++;
      return;
    }
    const target =
      mode === "live"
        ? cell.live
        : mode === "native"
          ? cell.native
          : ((values[cell.row]?.[cell.col] ?? "") as string | number);
    writes.push({
      row: cell.row,
      col: cell.col,
      content: typeof target === "boolean" ? String(target) : target,
    });
    written[k] = target as string | number;
  });
  return { writes, kept, record: { ...record, mode, written } };
}
