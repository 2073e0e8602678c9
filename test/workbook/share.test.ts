import { describe, expect, it } from "vitest";
import { grids } from "../../src/taskpane/office-writer";
import { modelPlan } from "../../src/workbook/plan";
import { convert, shareRecord, type Content } from "../../src/workbook/share";

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
    expect(record.mode).toBe("live");
    const kv = record.cells.find((c) => c.live.includes("MODELKV"))!;
    expect(kv.native).toMatch(/^=.*VLOOKUP\("kv_heads",Tok_Model,2,0\)/);
    expect(record.cells.filter((c) => c.spill)).toHaveLength(14); // a 5 × 3 table less its anchor
  });

  it("makes a sheet shareable and live again without losing a formula", () => {
    const shared = convert(record, live, values, "native");
    expect(shared.kept).toBe(0);
    expect(shared.writes).toHaveLength(record.cells.length);
    const nativeSheet = apply(live, shared.writes);
    expect(
      nativeSheet
        .flat()
        .filter((c) => typeof c === "string" && c.startsWith("=") && c.includes("TOKENOMICS."))
    ).toEqual([]);
    const back = convert(shared.record, nativeSheet, values, "live");
    expect(apply(nativeSheet, back.writes)).toEqual(live);
    expect(back.record.mode).toBe("live");
  });

  it("leaves a cell someone edited exactly as they left it, and says how many", () => {
    const shared = convert(record, live, values, "native");
    const nativeSheet = apply(live, shared.writes);
    const edited = record.cells.find((c) => !c.spill)!;
    nativeSheet[edited.row][edited.col] = "=1+1";
    const back = convert(shared.record, nativeSheet, values, "live");
    expect(back.kept).toBe(1);
    expect(apply(nativeSheet, back.writes)[edited.row][edited.col]).toBe("=1+1");
  });

  it("turns formulas into their values, and back", () => {
    const frozen = convert(record, live, values, "values");
    const valueSheet = apply(live, frozen.writes);
    expect(
      valueSheet
        .flat()
        .some((c) => typeof c === "string" && c.startsWith("=") && c.includes("TOKENOMICS."))
    ).toBe(false);
    const back = convert(frozen.record, valueSheet, values, "live");
    expect(apply(valueSheet, back.writes)).toEqual(live);
  });

  it("does nothing when the sheet is already in the asked form", () => {
    expect(convert(record, live, values, "live").writes).toEqual([]);
  });
});
