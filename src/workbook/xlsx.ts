import ExcelJS from "exceljs";
import { a1, areaAddress, NUMBER_FORMATS, type LayoutPlan, type PlanCell } from "./plan";

/**
 * Layout plans written to an .xlsx with native formulas only — the second writer of the same plan
 * (the task pane is the first). It opens live in Excel, LibreOffice Calc and Google Sheets without
 * the add-in. Formulas are written without cached results and the file asks for a full recalculation
 * on load, so no stale number can hide a wrong formula.
 */

const FILL: Partial<Record<PlanCell["role"], string>> = { input: "FFFFF2CC", header: "FFD9E1F2" };

/** The workbook's formula for a cell: its native twin where it has one. */
function nativeContent(cell: PlanCell): ExcelJS.CellValue {
  const content = cell.native ?? cell.formula ?? cell.value;
  if (typeof content === "string" && content.startsWith("="))
    return { formula: content.slice(1) } as ExcelJS.CellFormulaValue;
  return content ?? null;
}

/**
 * exceljs writes workbook-wide names only, so the sheets after the first get their own prefix
 * (Tok_ → Cmp_ for a comparison) where the task pane would use sheet-scoped names.
 */
function renamed(plan: LayoutPlan, prefix: string): LayoutPlan {
  if (prefix === "Tok_") return plan;
  const swap = (text: string) => text.replace(/\bTok_/g, prefix);
  return {
    ...plan,
    names: plan.names.map((n) => ({ ...n, name: swap(n.name) })),
    cells: plan.cells.map((c) => ({
      ...c,
      ...(c.formula ? { formula: swap(c.formula) } : {}),
      ...(typeof c.native === "string" ? { native: swap(c.native) } : {}),
    })),
  };
}

export function planWorkbook(plans: readonly LayoutPlan[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tokenomics for Excel";
  workbook.calcProperties.fullCalcOnLoad = true;
  plans.forEach((original, index) => {
    const plan = renamed(
      original,
      index === 0 ? "Tok_" : original.kind === "compare" ? "Cmp_" : `Tok${index + 1}_`
    );
    const sheet = workbook.addWorksheet(plan.sheetName);
    plan.columnWidths.forEach((width, col) => (sheet.getColumn(col + 1).width = width));
    for (const cell of plan.cells) {
      const target = sheet.getCell(a1(cell.row, cell.col));
      target.value = nativeContent(cell);
      if (cell.format) target.numFmt = NUMBER_FORMATS[cell.format];
      const fill = FILL[cell.role];
      if (fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
      if (cell.role === "title") target.font = { bold: true, size: 14 };
      if (cell.role === "header") target.font = { bold: true };
      if (cell.role === "note") target.font = { italic: true, color: { argb: "FF595959" } };
      if (cell.role === "source") target.font = { color: { argb: "FF595959" } };
    }
    for (const name of plan.names) {
      const [start, end] = areaAddress(name).split(":");
      const absolute = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
      // A sheet name with spaces or punctuation ("Tokenomics (2)") is quoted, or the name breaks.
      const sheetRef = /^[A-Za-z_][\w.]*$/.test(plan.sheetName)
        ? plan.sheetName
        : `'${plan.sheetName.replace(/'/g, "''")}'`;
      workbook.definedNames.add(
        `${sheetRef}!${absolute(start)}${end ? `:${absolute(end)}` : ""}`,
        name.name
      );
    }
  });
  return workbook;
}
