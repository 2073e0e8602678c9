/* global Excel, Office */
import { NUMBER_FORMATS, a1, areaAddress, type LayoutPlan } from "../workbook/plan";
import {
  keptAt,
  planUpdate,
  readWritten,
  writtenSheet,
  type UpdatePlan,
  type WrittenSheet,
} from "../workbook/update";
import { addCharts, setColumnWidths, styleCells } from "./office-writer";
import { readRecord, remember, type RecordStore } from "./share-writer";

/**
 * "Update this sheet": rewrites a sheet the pane made with the pane's current choices, touching only
 * cells that still hold what the add-in wrote there (src/workbook/update.ts). Preview reads the
 * sheet in one round trip and says how many cells would change; Update reads it again and writes in
 * a second, so what it writes is decided on the sheet as it is then. The record of what the pane
 * wrote on each sheet lives in the document's settings beside the share record.
 */
const KEY = (sheetId: string) => `tokenomics.sheet.${sheetId}`;

/** Where the record of what the pane wrote on a sheet is kept. */
export interface WrittenStore {
  get(sheetId: string): WrittenSheet | undefined;
  set(sheetId: string, written: WrittenSheet): Promise<void>;
}

export const officeWritten: WrittenStore = {
  get: (sheetId) => readWritten(Office.context.document.settings.get(KEY(sheetId)), sheetId),
  set: (sheetId, written) =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.set(KEY(sheetId), written);
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message))
      );
    }),
};

/** The active sheet's id and name, and what the pane wrote there (undefined: not a pane sheet). */
export async function activeSheet(
  store: WrittenStore
): Promise<{ id: string; name: string; written?: WrittenSheet }> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    await context.sync();
    return { id: sheet.id, name: sheet.name, written: store.get(sheet.id) };
  });
}

export interface UpdateResult {
  sheetName: string;
  /** Cells written (new content, or cleared). */
  rewrite: number;
  kept: number;
  /** Where the kept cells are ("B7, C9 and 2 more"). */
  keptAt: string;
}

/**
 * Reads the active sheet (one sync) and what an update would do there. Refuses a sheet the pane did
 * not make, one of the other kind, and one made shareable (its cells hold native formulas now).
 */
async function readForUpdate(
  context: Excel.RequestContext,
  written: WrittenStore,
  shares: RecordStore,
  kind: LayoutPlan["kind"],
  build: (sheetName: string) => LayoutPlan
) {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("id,name");
  const used = sheet.getUsedRange();
  used.load("formulas,rowIndex,columnIndex");
  const names = sheet.names.load("items/name");
  const charts = sheet.charts.load("items/name");
  await context.sync();

  const old = written.get(sheet.id);
  const what = kind === "model" ? "a model sheet" : "a comparison";
  if (!old) {
    throw new Error(
      `"${sheet.name}" is not a sheet the pane made, so there is nothing to update: insert ${what} as a new sheet.`
    );
  }
  if (old.kind !== kind) {
    throw new Error(
      `"${sheet.name}" is ${old.kind === "model" ? "a model sheet" : "a comparison"}: update it with its own button, or insert ${what} as a new sheet.`
    );
  }
  if (readRecord(shares, sheet.id).cells.some((c) => c.mode !== "live")) {
    throw new Error(
      `"${sheet.name}" has been made shareable: its cells hold Excel's own formulas or values now. Make it live again (Share), then update it.`
    );
  }
  const plan = build(sheet.name);
  const formulas = used.formulas as (string | number | boolean)[][];
  const now = (row: number, col: number) =>
    formulas[row - used.rowIndex]?.[col - used.columnIndex] ?? "";
  return { sheet, names, charts, old, plan, update: planUpdate(old, now, plan) };
}

const summary = (sheetName: string, u: UpdatePlan): UpdateResult => ({
  sheetName,
  rewrite: u.writes.length,
  kept: u.kept.length,
  keptAt: keptAt(u.kept),
});

/** What updating the active sheet would do, without writing (one round trip). */
export async function previewUpdate(
  written: WrittenStore,
  shares: RecordStore,
  kind: LayoutPlan["kind"],
  build: (sheetName: string) => LayoutPlan
): Promise<UpdateResult> {
  return Excel.run(async (context) => {
    const r = await readForUpdate(context, written, shares, kind, build);
    return summary(r.sheet.name, r.update);
  });
}

/** Updates the active sheet (two round trips: read, write) and the records of what it holds. */
export async function updateSheet(
  written: WrittenStore,
  shares: RecordStore,
  kind: LayoutPlan["kind"],
  build: (sheetName: string) => LayoutPlan
): Promise<UpdateResult> {
  const result = await Excel.run(async (context) => {
    const r = await readForUpdate(context, written, shares, kind, build);
    const { sheet, plan, update } = r;
    const byAt = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
    for (const w of update.writes) {
      const range = sheet.getRange(a1(w.row, w.col));
      const cell = byAt.get(`${w.row},${w.col}`);
      // A cell the new plan no longer uses: its content and the look the pane gave it go.
      if (!cell) range.clear(Excel.ClearApplyTo.formats);
      range.numberFormat = [[cell?.format ? NUMBER_FORMATS[cell.format] : "General"]];
      range.formulas = [[w.content]];
    }
    const rewritten = new Set(update.writes.map((w) => `${w.row},${w.col}`));
    styleCells(
      sheet,
      plan.cells.filter((c) => rewritten.has(`${c.row},${c.col}`))
    );
    // Names and charts are the plan's own: the old ones go, the new ones come (a table that grew
    // moves the cells a name points at).
    for (const item of r.names.items) if (r.old.names.includes(item.name)) item.delete();
    for (const name of plan.names) sheet.names.add(name.name, sheet.getRange(areaAddress(name)));
    for (const item of r.charts.items) if (r.old.charts.includes(item.name)) item.delete();
    addCharts(sheet, plan);
    setColumnWidths(sheet, plan);
    await context.sync();
    return { id: sheet.id, plan, summary: summary(sheet.name, update) };
  });
  await written.set(result.id, writtenSheet(result.plan, result.id));
  await remember(shares, result.id, result.plan);
  return result.summary;
}
