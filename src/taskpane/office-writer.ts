/* global Excel */
import {
  a1,
  areaAddress,
  NUMBER_FORMATS,
  type LayoutPlan,
  type PlanCell,
  type Role,
} from "../workbook/plan";
import { chartName } from "../workbook/update";

/**
 * Applies a layout plan to the workbook through Office.js in exactly two round trips — one read (the
 * sheet names in use), one write — whatever the plan's size: Excel on the web pays ~100 ms per
 * context.sync(). The plan always goes on a new sheet with a free name, so nothing already in the
 * workbook is ever overwritten; its names are scoped to that sheet, so repeated inserts never collide.
 */

/** How each role looks: inputs shaded, formulas plain, headers bold. */
const STYLE: Partial<
  Record<Role, { fill?: string; bold?: boolean; italic?: boolean; color?: string; size?: number }>
> = {
  title: { bold: true, size: 14 },
  note: { italic: true, color: "#595959" },
  header: { bold: true, fill: "#D9E1F2" },
  input: { fill: "#FFF2CC" },
  source: { color: "#595959" },
};

export interface WriteResult {
  sheetName: string;
  /** The new sheet's id: stable when the sheet is renamed. */
  sheetId: string;
  plan: LayoutPlan;
  cells: number;
  charts: number;
}

/** The names tried for a new sheet: "Tokenomics", then "Tokenomics (2)" … "Tokenomics (50)". */
export function candidateNames(base: string, count = 50): string[] {
  return [base, ...Array.from({ length: count - 1 }, (_v, k) => `${base} (${k + 2})`)];
}

/** The plan's cells as one rectangle of formulas (values are written as constants) and number formats. */
export function grids(plan: LayoutPlan): { formulas: (string | number)[][]; formats: string[][] } {
  const { rows, cols } = plan.size;
  const formulas: (string | number)[][] = Array.from({ length: rows }, () =>
    new Array(cols).fill("")
  );
  const formats: string[][] = Array.from({ length: rows }, () => new Array(cols).fill("General"));
  for (const cell of plan.cells) {
    formulas[cell.row][cell.col] = cell.formula ?? cell.value ?? "";
    if (cell.format) formats[cell.row][cell.col] = NUMBER_FORMATS[cell.format];
  }
  return { formulas, formats };
}

export async function writePlan(
  build: (sheetName: string) => LayoutPlan,
  baseName: string
): Promise<WriteResult> {
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const candidates = candidateNames(baseName).map((name) => ({
      name,
      sheet: worksheets.getItemOrNullObject(name),
    }));
    candidates.forEach((c) => c.sheet.load("isNullObject"));
    await context.sync(); // 1: read which names are taken

    const free = candidates.find((c) => c.sheet.isNullObject);
    if (!free)
      throw new Error(
        `Every sheet name from "${baseName}" to "${baseName} (50)" is taken: rename or delete some.`
      );
    const plan = build(free.name);
    const sheet = worksheets.add(plan.sheetName);
    const { formulas, formats } = grids(plan);
    const block = sheet.getRange(
      areaAddress({ row: 0, col: 0, rows: plan.size.rows, cols: plan.size.cols })
    );
    block.numberFormat = formats;
    block.formulas = formulas;
    styleCells(sheet, plan.cells);
    setColumnWidths(sheet, plan);
    for (const name of plan.names) sheet.names.add(name.name, sheet.getRange(areaAddress(name)));
    addCharts(sheet, plan);
    sheet.activate();
    sheet.load("id");
    await context.sync(); // 2: write everything
    return {
      sheetName: plan.sheetName,
      sheetId: sheet.id,
      plan,
      cells: plan.cells.length,
      charts: plan.charts.length,
    };
  });
}

/** Column widths in characters, as the plan gives them. */
export function setColumnWidths(sheet: Excel.Worksheet, plan: LayoutPlan): void {
  plan.columnWidths.forEach((chars, col) => {
    const letter = a1(0, col).replace(/\d+$/, "");
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = chars * 7;
  });
}

/** The plan's charts, each named (chartName) so an update can find and replace it. */
export function addCharts(sheet: Excel.Worksheet, plan: LayoutPlan): void {
  plan.charts.forEach((spec, k) => {
    const scatter = spec.scatter;
    const chart = sheet.charts.add(
      scatter ? Excel.ChartType.xyscatterLines : Excel.ChartType.columnClustered,
      sheet.getRange(areaAddress(spec.values)),
      scatter ? Excel.ChartSeriesBy.columns : Excel.ChartSeriesBy.rows
    );
    chart.name = chartName(k);
    chart.title.text = spec.title;
    chart.legend.visible = Boolean(scatter);
    const series = chart.series.getItemAt(0);
    series.name = spec.seriesName;
    series.setXAxisValues(sheet.getRange(areaAddress(spec.categories)));
    if (scatter) {
      // One line per system: its own x (tokens/s per user) and y (tokens/s per chip) cells.
      for (const more of scatter.more) {
        const line = chart.series.add(more.name);
        line.setValues(sheet.getRange(areaAddress(more.y)));
        line.setXAxisValues(sheet.getRange(areaAddress(more.x)));
      }
      chart.axes.categoryAxis.title.text = scatter.xTitle;
      chart.axes.valueAxis.title.text = scatter.yTitle;
    }
    chart.setPosition(a1(spec.anchor.row, spec.anchor.col));
  });
}

export function styleCells(sheet: Excel.Worksheet, cells: readonly PlanCell[]): void {
  for (const cell of cells) {
    const style = STYLE[cell.role];
    if (!style) continue;
    const format = sheet.getRange(a1(cell.row, cell.col)).format;
    if (style.fill) format.fill.color = style.fill;
    if (style.bold) format.font.bold = true;
    if (style.italic) format.font.italic = true;
    if (style.color) format.font.color = style.color;
    if (style.size) format.font.size = style.size;
  }
}
