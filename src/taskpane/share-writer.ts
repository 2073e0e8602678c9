/* global Excel, Office */
import { callsTokenomics } from "../workbook/formula-calls";
import { formulaTwin, referencesOf, type Grid } from "../workbook/formula-twin";
import { a1, type LayoutPlan } from "../workbook/plan";
import { cellsWithin, parseAddress, splitSheet } from "../workbook/references";
import { checkRecord, RecordError } from "../workbook/share-record";
import {
  convert,
  holds,
  shareRecord,
  upgradeRecord,
  type Content,
  type Found,
  type ShareMode,
  type ShareRecord,
} from "../workbook/share";

/**
 * Make shareable / Make live again / Values only, on the whole active sheet or the selected cells,
 * in two round trips — read the cells (and what names and sheets exist); write only cells that still
 * hold what the add-in last wrote — and a third in between when there are formulas someone typed:
 * what they refer to and where their results spill. Each sheet's record lives in the document's
 * settings, so it travels with the workbook.
 */
const KEY = (sheetId: string) => `tokenomics.share.${sheetId}`;

/** The settings store: Office's document settings inside Excel. */
export interface RecordStore {
  /** What is stored for the sheet, as stored: checked before it is used (checkRecord). */
  get(sheetId: string): unknown;
  set(sheetId: string, record: ShareRecord): Promise<void>;
}

export const officeSettings: RecordStore = {
  get: (sheetId) => Office.context.document.settings.get(KEY(sheetId)) ?? undefined,
  set: (sheetId, record) =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.set(KEY(sheetId), record);
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message))
      );
    }),
};

/** Remembers an inserted sheet, so it can be made shareable later. */
export function remember(store: RecordStore, sheetId: string, plan: LayoutPlan): Promise<void> {
  return store.set(sheetId, shareRecord(plan, sheetId));
}

/** What to convert: every cell of the active sheet, or the selected cells. */
export type ShareScope = "sheet" | "selection";

export interface ShareResult {
  sheetName: string;
  changed: number;
  kept: number;
  /** Where the kept cells are ("B7"). */
  keptAt: string[];
  /** Something the user should know that is not about a cell. */
  note?: string;
  skipped: string[];
  reentered: number;
}

/**
 * Where Excel has dynamic arrays it can say where a result spills (ExcelApi 1.12); before them a
 * formula fills only its own cell. Outside Office (tests) the stand-in answers.
 */
function dynamicArrays(): boolean {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return !requirements || requirements.isSetSupported("ExcelApi", "1.12");
}

/**
 * The sheet's record, checked (src/workbook/share-record.ts); an empty one when there is none. A
 * damaged record is refused with what is wrong, before anything is read or written.
 */
export function readRecord(store: RecordStore, sheetId: string): ShareRecord {
  const stored = store.get(sheetId);
  if (stored === undefined || stored === null) return { cells: [] };
  let upgraded: unknown = stored;
  try {
    upgraded = upgradeRecord(stored) ?? stored;
  } catch {
    // not the first version's record either: checked as it is, and refused below
  }
  try {
    return checkRecord(upgraded, sheetId);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    throw new Error(
      `Nothing was changed: the add-in's record of this sheet in the workbook is not one it wrote — ${error.message}. ` +
        "Insert the sheet again from the pane to start a new record."
    );
  }
}

export async function convertCells(
  store: RecordStore,
  mode: ShareMode,
  scope: ShareScope = "sheet"
): Promise<ShareResult> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    const range = scope === "sheet" ? sheet.getUsedRange() : context.workbook.getSelectedRange();
    range.load("formulas,values,rowIndex,columnIndex");
    const sheets = context.workbook.worksheets.load("items/name");
    const names = context.workbook.names.load("items/name,type");
    const local = sheet.names.load("items/name,type");
    await context.sync(); // 1: the cells, and which sheets and range names exist

    const area = {
      row: range.rowIndex,
      col: range.columnIndex,
      formulas: range.formulas as Content[][],
      values: range.values as Content[][],
    };
    const record = readRecord(store, sheet.id);
    const sheetNames = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const rangeName = (items: { name: string; type: string }[], n: string) =>
      items.some((i) => i.name.toLowerCase() === n.toLowerCase() && i.type === "Range");

    // 2: what typed TOKENOMICS formulas refer to outside the area, and where they spill now.
    const typed: {
      row: number;
      col: number;
      formula: string;
      value: Content;
      spill: Excel.Range | null;
    }[] = [];
    const reads = new Map<string, Excel.Range | null>();
    const spillsKnown = dynamicArrays();
    const queue = (ref: string) => {
      if (reads.has(ref)) return;
      const { sheet: other, local: where } = splitSheet(ref);
      const bounds = parseAddress(where);
      if (!other && bounds && cellsWithin(area, bounds)) return; // already read
      let target: Excel.Range | null = null;
      if (other) {
        if (bounds && sheetNames.has(other.toLowerCase()))
          target = context.workbook.worksheets.getItem(other).getRange(where);
      } else if (bounds) target = sheet.getRange(where);
      else if (rangeName(local.items, where)) target = sheet.names.getItem(where).getRange();
      else if (rangeName(names.items, where))
        target = context.workbook.names.getItem(where).getRange();
      target?.load("values");
      reads.set(ref, target);
    };
    area.formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        const at = { row: area.row + r, col: area.col + c };
        if (!callsTokenomics(formula) || holds(record, at.row, at.col, formula)) return;
        let spill: Excel.Range | null = null;
        if (spillsKnown) {
          spill = sheet.getRangeByIndexes(at.row, at.col, 1, 1).getSpillingToRangeOrNullObject();
          spill.load("values");
        }
        typed.push({ ...at, formula, value: area.values[r][c], spill });
        referencesOf(formula).forEach(queue);
      })
    );
    if (typed.length > 0) await context.sync();

    const lookup = (ref: string): Grid | undefined => {
      const { sheet: other, local: where } = splitSheet(ref);
      const bounds = parseAddress(where);
      const inside = !other && bounds ? cellsWithin(area, bounds) : undefined;
      return inside ?? (reads.get(ref)?.values as Grid | undefined);
    };
    const found: Found[] = typed.map((t) => ({
      row: t.row,
      col: t.col,
      formula: t.formula,
      value: t.value,
      twin: formulaTwin(t.formula, lookup),
      spill: !t.spill || t.spill.isNullObject ? null : (t.spill.values as Content[][]),
    }));

    const result = convert({ sheet: sheet.id, ...record }, area, mode, found);
    const stored = store.get(sheet.id) !== undefined;
    if (result.writes.length > 0) {
      // The record first, knowing both forms of every cell about to change: if Excel fails
      // writing, or the final save fails, each cell is still recognised in whichever form it is.
      try {
        await store.set(sheet.id, result.pending);
      } catch (error) {
        throw new Error(
          `Nothing was changed: the add-in could not save its record of "${sheet.name}" in the workbook ` +
            `(${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")}). Check the workbook is not read-only and try again.`
        );
      }
      for (const w of result.writes) sheet.getRange(a1(w.row, w.col)).formulas = [[w.content]];
      await context.sync(); // 3: write
    }
    let note: string | undefined;
    if (result.writes.length > 0 || result.record.cells.length > 0 || stored) {
      try {
        await store.set(sheet.id, result.record);
      } catch {
        note =
          "The add-in could not update its record in the workbook; it still knows each changed cell's " +
          "earlier form, so the next action finds them either way.";
      }
    }
    return {
      sheetName: sheet.name,
      changed: result.writes.length - result.reentered,
      kept: result.kept,
      keptAt: result.keptAt,
      ...(note ? { note } : {}),
      skipped: result.skipped,
      reentered: result.reentered,
    };
  });
}
