import { DetailedCellError, HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  MEMORY,
  MODEL_FN,
  modelFromTable,
  nativeFormula,
  TokenomicsError,
  type CellValue,
} from "../../src/core";

/**
 * A model given as a (field, value) range, read live and by its native twin: a field named exactly
 * (case aside) and once, numbers as numbers — anything else is an error naming what to fix, live, and
 * an error (never a number) in a shared workbook.
 */
const table = () => evaluate(MODEL_FN, ["Llama 3.1 70B"]) as CellValue[][];
const with_ = (edit: (rows: CellValue[][]) => void) => {
  const rows = table().map((r) => [...r]);
  edit(rows);
  return rows;
};
const row = (rows: CellValue[][], field: string) => rows.findIndex((r) => r[0] === field);
const refusal = (rows: CellValue[][]) => {
  try {
    modelFromTable(rows);
  } catch (e) {
    return (e as TokenomicsError).message;
  }
  return undefined;
};

describe("a model range read live", () => {
  it("reads MODEL()'s own table, and fields in any case", () => {
    expect(refusal(table())).toBeUndefined();
    expect(refusal(with_((r) => (r[row(r, "layers")][0] = "LAYERS")))).toBeUndefined();
  });

  it.each([
    [
      "a field given twice",
      (r: CellValue[][]) => r.push(["layers", 1]),
      /The model range has layers twice \(row 32\): keep one/,
    ],
    [
      "a misspelt field",
      (r: CellValue[][]) => (r[row(r, "moe_layers")][0] = "moe_layer"),
      /unknown field "moe_layer" \(row 21\)/,
    ],
    [
      "a field with a trailing space",
      (r: CellValue[][]) => (r[row(r, "layers")][0] = "layers "),
      /unknown field "layers " \(row 7\)/,
    ],
    [
      "a number stored as text",
      (r: CellValue[][]) => (r[row(r, "layers")][1] = "-80"),
      /layers is the text "-80", a number stored as text/,
    ],
    [
      "TRUE as a number",
      (r: CellValue[][]) => (r[row(r, "layers")][1] = true),
      /layers \(row 7\) must be a number; got true/,
    ],
  ])("refuses %s, naming it", (_what, edit, message) => {
    expect(refusal(with_(edit))).toMatch(message);
  });
});

describe("a model range read by the native twin", () => {
  /** MEMORY over the range in A1 (context 10,000 in D1, users 1 in D2), in HyperFormula. */
  function shared(rows: CellValue[][]) {
    const twin = nativeFormula(MEMORY as never, [
      { ref: `$A$1:$B$${rows.length}`, model: true },
      { ref: "D1" },
      { ref: "D2" },
    ]) as string;
    const sheet = rows.map((r, k) => [
      ...r.map((v) => (typeof v === "string" && /^-?\d/.test(v) ? `'${v}` : v)), // text stays text
      null,
      k === 0 ? 10000 : k === 1 ? 1 : null,
    ]);
    sheet.push([twin]);
    const hf = HyperFormula.buildFromArray(sheet as never, {
      licenseKey: "gpl-v3",
      smartRounding: false,
    });
    const value = hf.getCellValue({ sheet: 0, row: rows.length, col: 0 });
    hf.destroy();
    return value;
  }

  it("computes what the live function does from the table", () => {
    const live = evaluate(MEMORY, [table(), 10000, 1])[0][0] as number;
    expect(shared(table())).toBeCloseTo(live, 9);
  });

  it.each([
    ["a field given twice", (r: CellValue[][]) => r.push(["layers", 1])],
    ["a misspelt optional field", (r: CellValue[][]) => (r[row(r, "moe_layers")][0] = "moe_layer")],
    ["a number stored as text", (r: CellValue[][]) => (r[row(r, "layers")][1] = "-80")],
  ])("shows an error, as the live function does, for %s", (_what, edit) => {
    const rows = with_(edit);
    let live: unknown;
    try {
      live = evaluate(MEMORY, [rows, 10000, 1])[0][0];
    } catch (e) {
      live = e; // a range is read whole, before any cell is computed
    }
    expect(live).toBeInstanceOf(TokenomicsError);
    expect(shared(rows)).toBeInstanceOf(DetailedCellError);
  });
});
