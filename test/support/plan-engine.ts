import { HyperFormula } from "hyperformula";
import { registerTokenomics } from "../../src/engines/hyperformula-plugin";
import { a1, type LayoutPlan } from "../../src/workbook/plan";

/** Loads a layout plan into HyperFormula (with the TOKENOMICS plugin): values, formulas, sheet-scoped names. */
export function loadPlan(plan: LayoutPlan, mode: "live" | "native" = "live") {
  registerTokenomics();
  const rows: (string | number | null)[][] = Array.from({ length: plan.size.rows }, () =>
    new Array(plan.size.cols).fill(null)
  );
  for (const cell of plan.cells) {
    rows[cell.row][cell.col] =
      (mode === "native" ? (cell.native ?? cell.formula) : cell.formula) ?? cell.value ?? null;
  }
  // Names first, then the content: formulas are parsed against the names that exist.
  const hf = HyperFormula.buildFromSheets(
    { [plan.sheetName]: [] },
    { licenseKey: "gpl-v3", smartRounding: false }
  );
  const sheet = hf.getSheetId(plan.sheetName)!;
  const quoted = `'${plan.sheetName.replace(/'/g, "''")}'`;
  for (const name of plan.names) {
    const start = a1(name.row, name.col).replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
    const end = a1(name.row + name.rows - 1, name.col + name.cols - 1).replace(
      /([A-Z]+)(\d+)/,
      "$$$1$$$2"
    );
    hf.addNamedExpression(
      name.name,
      `=${quoted}!${start}${name.rows * name.cols > 1 ? `:${end}` : ""}`,
      sheet
    );
  }
  hf.setSheetContent(sheet, rows);
  const value = (row: number, col: number) => hf.getCellValue({ sheet, row, col });
  const set = (row: number, col: number, content: string | number) =>
    hf.setCellContents({ sheet, row, col }, [[content]]);
  return { hf, sheet, value, set };
}

/** The plan's cell whose column A holds `field`, or undefined. */
export function rowOf(plan: LayoutPlan, field: string): number {
  const cell = plan.cells.find((c) => c.col === 0 && c.value === field);
  if (!cell) throw new Error(`no row "${field}" in the plan`);
  return cell.row;
}
