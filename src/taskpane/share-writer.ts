/* global Excel, Office */
import { convert, shareRecord, type ShareMode, type ShareRecord } from "../workbook/share";
import { a1, type LayoutPlan } from "../workbook/plan";

/**
 * Make shareable / Make live again on the active sheet, in two round trips: read the sheet's id,
 * formulas and values; write only the cells that still hold what the add-in wrote. The record of
 * each inserted sheet lives in the document's settings, so it travels with the workbook.
 */
const KEY = (sheetId: string) => `tokenomics.share.${sheetId}`;

/** The settings store: Office's document settings inside Excel. */
export interface RecordStore {
  get(sheetId: string): ShareRecord | undefined;
  set(sheetId: string, record: ShareRecord): Promise<void>;
}

export const officeSettings: RecordStore = {
  get: (sheetId) =>
    (Office.context.document.settings.get(KEY(sheetId)) as ShareRecord | null) ?? undefined,
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
  return store.set(sheetId, shareRecord(plan));
}

export interface ShareResult {
  sheetName: string;
  changed: number;
  kept: number;
}

/** The widest block the pane inserts (a 20-system comparison), with room to spare. */
const ROWS = 400;
const COLS = 30;

export async function convertActiveSheet(
  store: RecordStore,
  mode: ShareMode
): Promise<ShareResult> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    const block = sheet.getRangeByIndexes(0, 0, ROWS, COLS);
    block.load("formulas,values");
    await context.sync(); // 1: read

    const record = store.get(sheet.id);
    if (!record) {
      throw new Error(
        `"${sheet.name}" was not inserted by Tokenomics: select a sheet the pane inserted.`
      );
    }
    const { writes, kept, record: next } = convert(record, block.formulas, block.values, mode);
    for (const w of writes) sheet.getRange(a1(w.row, w.col)).formulas = [[w.content]];
    await context.sync(); // 2: write
    await store.set(sheet.id, next);
    return { sheetName: sheet.name, changed: writes.length, kept };
  });
}
