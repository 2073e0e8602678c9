import { describe, expect, it } from "vitest";
import { modelPlan } from "../../src/workbook/plan";
import { shareRecord } from "../../src/workbook/share";
import { checkRecord, functionsIn, RecordError } from "../../src/workbook/share-record";

/**
 * A share record read back from a workbook is checked before anything is written: whatever someone
 * (or another program) put in the workbook's settings, the add-in writes only its own formulas, their
 * twins and values, at whole cell positions of the sheet the record belongs to.
 */
const SHEET = "{sheet-1}";
const plan = modelPlan({
  model: "Llama 3.1 70B",
  system: "H200",
  workload: { inputTokens: 1024, outputTokens: 1024, users: 64 },
});
const good = () => JSON.parse(JSON.stringify(shareRecord(plan, SHEET)));
const first = (r: { cells: Record<string, unknown>[] }) =>
  r.cells.find((c) => !c.anchor && c.live)!;

const refused = (stored: unknown, why: RegExp) => {
  expect(() => checkRecord(stored, SHEET)).toThrow(RecordError);
  expect(() => checkRecord(stored, SHEET)).toThrow(why);
};

describe("a share record read from the workbook", () => {
  it("is accepted as the add-in wrote it", () => {
    expect(checkRecord(good(), SHEET)).toEqual(shareRecord(plan, SHEET));
  });

  it("is refused when it is not an object with a list of cells", () => {
    refused(null, /not a record/);
    refused("cells", /not a record/);
    refused({ cells: "A1" }, /no list of cells/);
  });

  it("is refused when it belongs to another sheet", () => {
    refused({ ...good(), sheet: "{other}" }, /another sheet/);
  });

  it.each([
    ["a null entry", null, /entry 1 is not a cell/],
    ["a row given as text", { row: "1" }, /not a cell of the sheet \(row 1/],
    ["a fractional column", { col: 1.5 }, /not a cell of the sheet/],
    ["a row past Excel's last", { row: 1_048_576 }, /not a cell of the sheet/],
    ["a negative row", { row: -1 }, /not a cell of the sheet/],
    ["an unknown form", { mode: "frozen" }, /no known form/],
    [
      "a live formula calling HYPERLINK",
      { live: '=HYPERLINK("http://x","TOKENOMICS.WEIGHTS(1)")&TOKENOMICS.WEIGHTS(70)' },
      /calls HYPERLINK/,
    ],
    ["a live formula without TOKENOMICS", { live: "=1+1" }, /calls no TOKENOMICS function/],
    ["live text that is no formula", { live: "hello" }, /not a formula/],
    [
      "a planted twin",
      { native: '=HYPERLINK("http://evil","click")' },
      /shared content calls HYPERLINK/,
    ],
    [
      "a twin calling TOKENOMICS",
      { native: "=TOKENOMICS.WEIGHTS(70)" },
      /calls TOKENOMICS\.WEIGHTS/,
    ],
    [
      "text Excel would read as a formula",
      { native: "+WEBSERVICE(1)" },
      /would be read as a formula/,
    ],
    ["a non-finite number", { written: null }, /neither a number nor text/],
    [
      "a bad earlier form",
      { before: { mode: "live", written: "=WEBSERVICE(1)" } },
      /earlier content calls WEBSERVICE/,
    ],
  ])("is refused for %s", (_what, change, why) => {
    const record = good();
    const at = record.cells.indexOf(first(record));
    record.cells[at] = change === null ? null : { ...record.cells[at], ...change };
    refused(record, why);
  });

  it("is refused when one cell is recorded twice", () => {
    const record = good();
    record.cells.push({ ...first(record) });
    refused(record, /recorded twice/);
  });

  it("is refused when a table cell belongs to no formula cell", () => {
    const record = good();
    const cell = record.cells.find((c: { anchor?: unknown }) => c.anchor);
    cell.anchor = [0, 0];
    refused(record, /belongs to no recorded formula cell/);
    cell.anchor = [cell.row + 1, cell.col];
    refused(record, /no table cell above or left of it/);
  });
});

describe("the functions a formula calls", () => {
  it("are read outside its text, whatever the case or prefix", () => {
    expect(functionsIn('=IF(A1="HYPERLINK(x)",vlookup(1,B:C,2,0),_xlfn.SUM(1))')).toEqual([
      "IF",
      "VLOOKUP",
      "SUM",
    ]);
    expect(functionsIn("=_xldudf_TOKENOMICS_WEIGHTS(70)")).toEqual(["TOKENOMICS.WEIGHTS"]);
  });
});
