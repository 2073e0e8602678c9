import { describe, expect, it } from "vitest";
import { a1, comparePlan, modelPlan, type LayoutPlan } from "../../src/workbook/plan";
import {
  keptAt,
  planUpdate,
  readWritten,
  writtenSheet,
  type Written,
} from "../../src/workbook/update";
import { rowOf } from "../support/plan-engine";

/**
 * Update this sheet, as data: a sheet the pane wrote, edited by someone, then updated with new
 * choices. Only cells that still hold what the add-in wrote change; the rest are kept and counted.
 */
const workload = { inputTokens: 1000, outputTokens: 1000, users: 64 };
const model = (change: Partial<Parameters<typeof modelPlan>[0]> = {}) =>
  modelPlan({ model: "Llama 3.1 70B", system: "H200", workload, ...change }, "Tokenomics");

const compare = (systems: string[]) =>
  comparePlan({ model: "Llama 3.1 70B", systems, workload }, "Tokenomics compare");

/** A sheet as Excel would report it after the plan was written: each cell's formula or constant. */
function sheetOf(plan: LayoutPlan): Map<string, Written> {
  const cells = new Map<string, Written>();
  for (const c of plan.cells) {
    const content = c.formula ?? c.value ?? "";
    if (content !== "") cells.set(`${c.row},${c.col}`, content);
  }
  return cells;
}
const reader = (sheet: Map<string, Written>) => (row: number, col: number) =>
  sheet.get(`${row},${col}`) ?? "";
const apply = (
  sheet: Map<string, Written>,
  writes: { row: number; col: number; content: Written }[]
) => {
  for (const w of writes) {
    if (w.content === "") sheet.delete(`${w.row},${w.col}`);
    else sheet.set(`${w.row},${w.col}`, w.content);
  }
};

describe("Update this sheet", () => {
  it("rewrites nothing when the choices are the same and nobody edited the sheet", () => {
    const plan = model();
    const u = planUpdate(writtenSheet(plan, "{s}"), reader(sheetOf(plan)), model());
    expect(u).toEqual({ writes: [], kept: [] });
  });

  it("rewrites only what the new choices change, and the sheet then holds the new plan", () => {
    const before = model();
    const after = model({ workload: { ...workload, inputTokens: 8000 } });
    const sheet = sheetOf(before);
    const u = planUpdate(writtenSheet(before, "{s}"), reader(sheet), after);
    expect(u.kept).toEqual([]);
    const input = rowOf(before, "input_tokens");
    expect(u.writes).toContainEqual({ row: input, col: 1, content: 8000 });
    expect(u.writes.length).toBeLessThan(10); // the input, and the notes that quote the workload
    apply(sheet, u.writes);
    expect(sheet).toEqual(sheetOf(after));
  });

  it("keeps a cell someone changed, and a cell someone filled where the new plan writes", () => {
    const before = model();
    const after = model({ system: "B200" });
    const sheet = sheetOf(before);
    const price = rowOf(before, "price_per_rack");
    sheet.set(`${price},1`, 500000); // someone's own price
    const cost = rowOf(before, "cost_per_million_tokens");
    sheet.set(`${cost},1`, "=1+1"); // someone's formula over the add-in's
    sheet.set(`${cost},3`, "checked with finance"); // and a note where the source was
    const u = planUpdate(writtenSheet(before, "{s}"), reader(sheet), after);
    expect(u.kept).toEqual(
      expect.arrayContaining([
        { row: price, col: 1 },
        { row: cost, col: 1 },
        { row: cost, col: 3 },
      ])
    );
    expect(u.writes.map((w) => a1(w.row, w.col))).not.toContain(a1(price, 1));
    expect(u.writes.length).toBeGreaterThan(10); // the system's name, its preset table, sources…
    apply(sheet, u.writes);
    expect(sheet.get(`${price},1`)).toBe(500000);
    expect(sheet.get(`${cost},1`)).toBe("=1+1");
    expect(keptAt(u.kept)).toMatch(new RegExp(`${a1(price, 1)}.*${a1(cost, 1)}`));
  });

  it("keeps what someone typed in an empty cell where the new plan now writes", () => {
    const before = compare(["H100", "H200"]);
    const after = compare(["H100", "H200", "B200"]); // a third curve: the sheet grows
    const sheet = sheetOf(before);
    // A cell the new plan writes that the old one left empty: someone has typed there.
    const [at] = [...sheetOf(after).keys()].filter((k) => !sheet.has(k));
    const [row, col] = at.split(",").map(Number);
    const below = { row, col };
    sheet.set(at, "my note");
    const u = planUpdate(writtenSheet(before, "{s}"), reader(sheet), after);
    expect(u.kept).toContainEqual({ row: below.row, col: below.col });
    apply(sheet, u.writes);
    expect(sheet.get(`${below.row},${below.col}`)).toBe("my note");
  });

  it("clears what the add-in wrote and the new plan no longer has, unless someone changed it", () => {
    const before = compare(["H100", "H200", "B200"]);
    const after = compare(["H100", "H200"]); // a shorter sheet
    const sheet = sheetOf(before);
    const next = sheetOf(after);
    const last = [...sheet.keys()].filter((k) => !next.has(k));
    expect(last.length).toBeGreaterThan(0);
    sheet.set(last[0], "edited");
    const u = planUpdate(writtenSheet(before, "{s}"), reader(sheet), after);
    apply(sheet, u.writes);
    expect(sheet.get(last[0])).toBe("edited");
    for (const k of last.slice(1)) expect(sheet.has(k)).toBe(false);
  });

  it("treats the cells a live table fills as its own: their values, or the table's formula", () => {
    const before = comparePlan(
      { model: "Llama 3.1 70B", systems: ["H100", "H200"], workload },
      "Tokenomics compare"
    );
    const written = writtenSheet(before, "{s}");
    const sheet = sheetOf(before);
    const [row, col] = written.spills[0];
    sheet.set(`${row},${col}`, 1234.5); // what a spilled cell reports: its value
    const anchor = written.cells.find(([, , w]) => String(w).startsWith("=TOKENOMICS.CURVE"))!;
    const [r2, c2] = written.spills.find(([r]) => r === anchor[0] + 2)!;
    sheet.set(`${r2},${c2}`, anchor[2]); // or, as Excel may say, the anchor's formula
    const after = comparePlan(
      { model: "Llama 3.1 70B", systems: ["H100", "H200"], workload },
      "Tokenomics compare"
    );
    expect(planUpdate(written, reader(sheet), after)).toEqual({ writes: [], kept: [] });
    sheet.set(`${row},${col}`, "=SUM(A1:A2)"); // someone's formula in the table's way
    expect(planUpdate(written, reader(sheet), after).kept).toEqual([{ row, col }]);
  });

  it("reads back only a record it wrote", () => {
    const written = writtenSheet(model(), "{s}");
    expect(readWritten(JSON.parse(JSON.stringify(written)), "{s}")).toEqual(written);
    expect(readWritten(written, "{other}")).toBeUndefined();
    expect(readWritten({ ...written, cells: [[1, "B", 2]] }, "{s}")).toBeUndefined();
    expect(readWritten({ ...written, kind: "chart" }, "{s}")).toBeUndefined();
    expect(readWritten("nonsense", "{s}")).toBeUndefined();
  });
});
