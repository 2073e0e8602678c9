import { describe, expect, it } from "vitest";
import { grids } from "../../src/taskpane/office-writer";
import { modelPlan } from "../../src/workbook/plan";
import {
  convert,
  shareRecord,
  upgradeRecord,
  type Area,
  type Content,
  type Found,
} from "../../src/workbook/share";
import { formulaTwin } from "../../src/workbook/formula-twin";

/** Make shareable / Make live again: reversible, and never touching a cell a user changed. */
const plan = modelPlan({
  model: "Llama 2 70B",
  system: "H200",
  workload: { inputTokens: 1024, outputTokens: 1024, users: 64 },
});
const live = grids(plan).formulas as Content[][];
const values = live.map((row) =>
  row.map((c) => (typeof c === "string" && c.startsWith("=") ? 42 : c))
);
/** The whole sheet as read from its top-left cell. */
const sheet = (formulas: Content[][], vals: Content[][] = values): Area => ({
  row: 0,
  col: 0,
  formulas,
  values: vals,
});
const apply = (
  formulas: Content[][],
  writes: { row: number; col: number; content: string | number }[]
) => {
  const next = formulas.map((r) => [...r]);
  for (const w of writes) next[w.row][w.col] = w.content;
  return next;
};

describe("the share record of an inserted sheet", () => {
  const record = shareRecord(plan);

  it("lists every TOKENOMICS formula with its twin, and the cells a live table spills into", () => {
    expect(record.cells.every((c) => c.mode === "live" && c.written === c.live)).toBe(true);
    const kv = record.cells.find((c) => c.live.includes("MODELKV"))!;
    expect(kv.native).toMatch(/^=.*VLOOKUP\("kv_heads",Tok_Model,2,0\)/);
    // The tables less their anchors: TCO 5 × 3, THROUGHPUT 15 × 2 and TOKENCOST 5 × 2.
    expect(record.cells.filter((c) => c.anchor)).toHaveLength(14 + 29 + 9);
  });

  it("makes a sheet shareable and live again without losing a formula", () => {
    const shared = convert(record, sheet(live), "native");
    expect(shared.kept).toBe(0);
    expect(shared.writes).toHaveLength(record.cells.length);
    const nativeSheet = apply(live, shared.writes);
    expect(
      nativeSheet
        .flat()
        .filter((c) => typeof c === "string" && c.startsWith("=") && c.includes("TOKENOMICS."))
    ).toEqual([]);
    const back = convert(shared.record, sheet(nativeSheet), "live");
    expect(apply(nativeSheet, back.writes)).toEqual(live);
    expect(back.record.cells.every((c) => c.mode === "live")).toBe(true);
  });

  it("leaves a cell someone edited exactly as they left it, and says how many", () => {
    const shared = convert(record, sheet(live), "native");
    const nativeSheet = apply(live, shared.writes);
    const edited = record.cells.find((c) => !c.anchor)!;
    nativeSheet[edited.row][edited.col] = "=1+1";
    const back = convert(shared.record, sheet(nativeSheet), "live");
    expect(back.kept).toBe(1);
    expect(apply(nativeSheet, back.writes)[edited.row][edited.col]).toBe("=1+1");
  });

  it("turns formulas into their values, and back", () => {
    const frozen = convert(record, sheet(live), "values");
    const valueSheet = apply(live, frozen.writes);
    expect(
      valueSheet
        .flat()
        .some((c) => typeof c === "string" && c.startsWith("=") && c.includes("TOKENOMICS."))
    ).toBe(false);
    const back = convert(frozen.record, sheet(valueSheet), "live");
    expect(apply(valueSheet, back.writes)).toEqual(live);
  });

  it("does nothing when the sheet is already in the asked form", () => {
    expect(convert(record, sheet(live), "live").writes).toEqual([]);
  });
});

describe("converting part of a sheet", () => {
  const record = shareRecord(plan);
  const tco = record.cells.find((c) => c.live.includes("TOKENOMICS.TCO"))!;

  it("converts only the selected cells, and the rest later", () => {
    const kv = record.cells.find((c) => c.live.includes("MODELKV"))!;
    const selection: Area = {
      row: kv.row,
      col: kv.col,
      formulas: [[live[kv.row][kv.col]]],
      values: [[42]],
    };
    const one = convert(record, selection, "native");
    expect(one.writes).toEqual([{ row: kv.row, col: kv.col, content: kv.native }]);
    const rest = convert(one.record, sheet(apply(live, one.writes)), "native");
    expect(rest.writes).toHaveLength(record.cells.length - 1);
    expect(rest.kept).toBe(0);
  });

  it("leaves a table alone when the selection holds only part of it, and says so", () => {
    const selection: Area = {
      row: tco.row,
      col: tco.col,
      formulas: [[live[tco.row][tco.col]]],
      values: [[42]],
    };
    const result = convert(record, selection, "native");
    expect(result.writes).toEqual([]);
    expect(result.skipped).toEqual([`A${tco.row + 1}: its table reaches outside the selection`]);
  });

  it("writes a table's cells before its formula cell, so the live table spills into cleared cells", () => {
    const shared = convert(record, sheet(live), "native");
    const back = convert(shared.record, sheet(apply(live, shared.writes)), "live");
    const order = back.writes.filter((w) => w.row >= tco.row && w.row < tco.row + 5 && w.col < 3);
    expect(order.at(-1)).toEqual({ row: tco.row, col: tco.col, content: tco.live });
    expect(order.slice(0, -1).every((w) => w.content === "")).toBe(true);
  });
});

describe("a record stored by the first version of the add-in", () => {
  it("reads as today's record: one mode for every cell, tables following their formula cell", () => {
    const today = shareRecord(plan);
    const stored = {
      rows: 60,
      cols: 4,
      mode: "native",
      cells: today.cells.map(({ row, col, live: l, native, anchor }) => ({
        row,
        col,
        live: l,
        native,
        ...(anchor ? { spill: true } : {}),
      })),
      written: today.cells.map((c) => c.native),
    };
    const upgraded = upgradeRecord(stored)!;
    expect(upgraded.cells).toEqual(
      today.cells.map((c) => ({ ...c, mode: "native", written: c.native }))
    );
    expect(upgradeRecord(null)).toBeUndefined();
    expect(upgradeRecord(today)).toBe(today);
  });
});

describe("formulas someone typed", () => {
  const inputs: Content[] = ["Llama 3.1 70B", 10000, 16];
  const lookup = (ref: string) =>
    ({ A1: [[inputs[0]]], B1: [[inputs[1]]], C1: [[inputs[2]]] })[ref] as Content[][] | undefined;
  const typed = "=TOKENOMICS.MEMORY(A1,B1,C1)";
  const found = (formula: string, value: Content, spill: Content[][] | null = null): Found => ({
    row: 0,
    col: 3,
    formula,
    value,
    twin: formulaTwin(formula, lookup),
    spill,
  });
  const row = (d: Content, e: Content = "", f: Content = ""): Area => ({
    row: 0,
    col: 0,
    formulas: [[...inputs, d, e, f]],
    values: [[...inputs, typeof d === "string" && d.startsWith("=") ? 179.2 : d, e, f]],
  });

  it("join the record when converted, and leave it when made live again", () => {
    const empty = { cells: [] };
    const shared = convert(empty, row(typed), "native", [found(typed, 179.2)]);
    expect(shared.writes).toHaveLength(1);
    const twin = shared.writes[0].content as string;
    expect(twin).toMatch(/^=IF\(A1="Llama 3\.1 70B",/);
    expect(shared.record.cells).toHaveLength(1);
    const back = convert(shared.record, row(twin), "live");
    expect(back.writes).toEqual([{ row: 0, col: 3, content: typed }]);
    expect(back.record.cells).toEqual([]); // nothing left to reverse
  });

  it("are not recorded while they stay live", () => {
    const result = convert({ cells: [] }, row(typed), "live", [found(typed, 179.2)]);
    expect(result).toMatchObject({ writes: [], kept: 0, skipped: [], reentered: 0 });
    expect(result.record.cells).toEqual([]);
  });

  it("fill a table's cells when the live result spills, and only then", () => {
    const tco = "=TOKENOMICS.TCO(1,419840,10.2)";
    const spill = Array.from({ length: 5 }, () => [1, 2, 3] as Content[]);
    const whole = convert({ cells: [] }, row(tco), "native", [found(tco, "Component", spill)]);
    expect(whole.writes).toHaveLength(15);
    expect(whole.writes.at(-1)).toMatchObject({ row: 0, col: 3, content: "Component" }); // the anchor last
    const blocked = convert({ cells: [] }, row(tco), "native", [found(tco, "#SPILL!", null)]);
    expect(blocked.writes).toEqual([]);
    expect(blocked.skipped).toEqual(["D1: its table does not spill here now"]);
  });

  it("say why they have no twin, and still freeze to values", () => {
    const broken = "=TOKENOMICS.MEMORY(A1,B1,-1)";
    const native = convert({ cells: [] }, row(broken), "native", [found(broken, "#VALUE!")]);
    expect(native.writes).toEqual([]);
    expect(native.skipped[0]).toMatch(/^D1: TOKENOMICS\.MEMORY shows an error now \(users/);
    const shown = { ...row(broken), values: [[...inputs, "#VALUE!", "", ""]] };
    const values = convert({ cells: [] }, shown, "values", [found(broken, "#VALUE!")]);
    expect(values.writes).toEqual([{ row: 0, col: 3, content: "#VALUE!" }]);
  });
});

describe("a spilled result", () => {
  it("is converted from its formula cell, even if the cells it fills report the same formula", () => {
    const tco = "=TOKENOMICS.TCO(1,419840,10.2)";
    const spill = Array.from({ length: 5 }, () => [1, 2, 3] as Content[]);
    const twin = formulaTwin(tco, () => undefined);
    const anchor: Found = { row: 0, col: 0, formula: tco, value: "Component", twin, spill };
    const echo: Found = { ...anchor, row: 1, col: 1, value: 2 }; // a spilled cell read as the formula
    const area: Area = {
      row: 0,
      col: 0,
      formulas: spill.map((r) => r.map(() => tco)),
      values: spill,
    };
    const result = convert({ cells: [] }, area, "native", [anchor, echo]);
    expect(result.writes).toHaveLength(15);
    expect(result.skipped).toEqual([]);
  });
});

describe("a live table's cells", () => {
  const record = shareRecord(plan);
  const tco = record.cells.find((c) => c.live.includes("TOKENOMICS.TCO"))!;
  const inside = record.cells.find((c) => c.anchor && c.anchor[0] === tco.row && c.row > tco.row)!;

  it("are the table's while it spills: their values are no edit", () => {
    const spilled = live.map((row) => [...row]);
    spilled[inside.row][inside.col] = 12345; // how a spilled value may read
    expect(convert(record, sheet(spilled), "native").kept).toBe(0);
  });

  it("hold what someone typed once the table cannot spill: left alone, counted and listed", () => {
    const typed = live.map((row) => [...row]);
    typed[inside.row][inside.col] = 12345;
    const shown = values.map((row) => [...row]);
    shown[tco.row][tco.col] = "#SPILL!";
    const result = convert(record, sheet(typed, shown), "native");
    expect(result.kept).toBe(1);
    expect(result.keptAt).toEqual([`${"ABC"[inside.col]}${inside.row + 1}`]);
    const written = new Set(result.writes.map((w) => `${w.row},${w.col}`));
    expect(written.has(`${inside.row},${inside.col}`)).toBe(false);
    expect(written.has(`${tco.row},${tco.col}`)).toBe(false); // the table converts whole or not at all
    expect(result.writes).toHaveLength(record.cells.length - 15);
  });

  it("hold a TOKENOMICS formula someone typed there: listed, and never overwritten", () => {
    const formula = '=TOKENOMICS.WEIGHTS(70,"FP16")';
    const typed = live.map((row) => [...row]);
    typed[inside.row][inside.col] = formula;
    const shown = values.map((row) => [...row]);
    shown[tco.row][tco.col] = "#SPILL!";
    const found: Found = {
      row: inside.row,
      col: inside.col,
      formula,
      value: 130.385,
      twin: formulaTwin(formula, () => undefined),
      spill: null,
    };
    const result = convert(record, sheet(typed, shown), "native", [found]);
    expect(result.skipped).toEqual([
      `${"ABC"[inside.col]}${inside.row + 1}: typed inside a table the add-in wrote`,
    ]);
    expect(result.writes.some((w) => w.row === inside.row && w.col === inside.col)).toBe(false);
    expect(result.kept).toBe(1);
  });
});

describe("a conversion saved but not written", () => {
  const record = shareRecord(plan);

  it("is recognised in either form: Excel failed after the record was saved", () => {
    const first = convert(record, sheet(live), "native");
    expect(first.pending.cells.filter((c) => c.before)).toHaveLength(first.writes.length);
    // The writes never reached the sheet: the cells are still live, and convert again as before.
    const again = convert(first.pending, sheet(live), "native");
    expect(again.writes).toEqual(first.writes);
    expect(again.kept).toBe(0);
    // They did reach it, but the final record was not saved: live again works from the pending one.
    const back = convert(first.pending, sheet(apply(live, first.writes)), "live");
    expect(apply(apply(live, first.writes), back.writes)).toEqual(live);
    expect(back.record.cells.some((c) => c.before)).toBe(false);
  });
});

describe("values written back", () => {
  it("stay text when Excel would read them as a formula", () => {
    const formula = "=TOKENOMICS.MODELS()";
    const found: Found = {
      row: 0,
      col: 0,
      formula,
      value: "=HYPERLINK(1)",
      twin: formulaTwin(formula, () => undefined),
      spill: null,
    };
    const area: Area = { row: 0, col: 0, formulas: [[formula]], values: [["=HYPERLINK(1)"]] };
    const result = convert({ cells: [] }, area, "values", [found]);
    expect(result.writes).toEqual([{ row: 0, col: 0, content: '="=HYPERLINK(1)"' }]);
  });
});
