import { describe, expect, it, vi } from "vitest";
import { grids } from "../../src/taskpane/office-writer";
import { convertCells, remember, type RecordStore } from "../../src/taskpane/share-writer";
import { modelPlan } from "../../src/workbook/plan";
import type { ShareRecord } from "../../src/workbook/share";
import { strictExcel } from "../support/strict-excel";

/**
 * The share adapter on a strict stand-in for Excel (a property read before it was loaded and synced
 * fails): at most three round trips, and writes only where the record or a typed formula says.
 */
const plan = modelPlan({
  model: "Llama 2 70B",
  system: "H200",
  workload: { inputTokens: 1024, outputTokens: 1024, users: 64 },
});

function memoryStore(): RecordStore & { saved: Map<string, ShareRecord> } {
  const saved = new Map<string, ShareRecord>();
  return { saved, get: (id) => saved.get(id), set: async (id, r) => void saved.set(id, r) };
}

interface Options {
  formulas: unknown[][];
  values?: unknown[][];
  /** Top-left of what is read (the used range or the selection). */
  at?: [number, number];
  /** Cells outside that range, by address, that references read. */
  elsewhere?: Record<string, unknown[][]>;
}

function mockExcel({ formulas, values = formulas, at = [0, 0], elsewhere = {} }: Options) {
  const written: Record<string, unknown> = {};
  const range = { formulas, values, rowIndex: at[0], columnIndex: at[1] };
  const active = {
    id: "{sheet-1}",
    name: "Tokenomics (2)",
    names: { items: [] },
    getUsedRange: () => range,
    getRangeByIndexes: () => ({
      getSpillingToRangeOrNullObject: () => ({ isNullObject: true, values: [] }),
    }),
    getRange: (address: string) => ({
      values: elsewhere[address],
      set formulas(v: unknown[][]) {
        written[address] = v[0][0];
      },
    }),
  };
  const workbook = {
    worksheets: {
      items: [{ name: "Tokenomics (2)" }, { name: "Inputs" }],
      getActiveWorksheet: () => active,
      getItem: (name: string) => ({
        getRange: (a: string) => ({ values: elsewhere[`${name}!${a}`] }),
      }),
    },
    names: { items: [] },
    getSelectedRange: () => range,
  };
  const excel = strictExcel(workbook);
  return { mock: excel.Excel, syncs: () => excel.counts.syncs, written };
}

describe("converting a sheet the pane inserted", () => {
  it("makes it shareable in two round trips, and records it", async () => {
    const store = memoryStore();
    await remember(store, "{sheet-1}", plan);
    const excel = mockExcel({ formulas: grids(plan).formulas });
    vi.stubGlobal("Excel", excel.mock);
    const result = await convertCells(store, "native");
    expect(excel.syncs()).toBe(2); // read; write (nothing typed to look up)
    expect(result).toMatchObject({ sheetName: "Tokenomics (2)", kept: 0, skipped: [] });
    expect(result.changed).toBe(store.saved.get("{sheet-1}")!.cells.length);
    const kv = plan.cells.find((c) => c.formula?.includes("MODELKV"))!;
    expect(excel.written[`B${kv.row + 1}`]).toBe(kv.native);
    expect(store.saved.get("{sheet-1}")!.cells.every((c) => c.mode === "native")).toBe(true);
  });

  it("writes nothing, in one round trip, where there is nothing to convert", async () => {
    const store = memoryStore();
    const excel = mockExcel({
      formulas: [
        ["Budget", 12],
        ["=A1&B1", ""],
      ],
    });
    vi.stubGlobal("Excel", excel.mock);
    const result = await convertCells(store, "native");
    expect(result).toMatchObject({ changed: 0, kept: 0, skipped: [], reentered: 0 });
    expect(excel.written).toEqual({});
    expect(excel.syncs()).toBe(1);
    expect(store.saved.size).toBe(0);
  });
});

describe("converting formulas someone typed", () => {
  it("reads what they refer to, inside and outside the selection, and reverses exactly", async () => {
    const store = memoryStore();
    const typed = "=TOKENOMICS.MEMORY(A1,B1,Inputs!C1)";
    const excel = mockExcel({
      formulas: [["Llama 3.1 70B", 10000, "", typed]],
      values: [["Llama 3.1 70B", 10000, "", 179.2]],
      elsewhere: { "Inputs!C1": [[16]] },
    });
    vi.stubGlobal("Excel", excel.mock);
    const shared = await convertCells(store, "native", "selection");
    expect(shared).toMatchObject({ changed: 1, kept: 0, skipped: [] });
    expect(excel.syncs()).toBe(3); // read; what the typed formula refers to and its spill; write
    expect(excel.written.D1).toMatch(
      /^=IF\(A1="Llama 3\.1 70B",IF\(OR\(NOT\(ISNUMBER\(B1\)\),ISLOGICAL\(B1\),B1<=0,NOT\(ISNUMBER\(Inputs!C1\)\),ISLOGICAL\(Inputs!C1\),Inputs!C1<=0,B1>131072\)/
    );
    expect(excel.written.D1).not.toMatch(/TOKENOMICS/);

    const back = mockExcel({ formulas: [["Llama 3.1 70B", 10000, "", excel.written.D1]] });
    vi.stubGlobal("Excel", back.mock);
    const live = await convertCells(store, "live", "selection");
    expect(live).toMatchObject({ changed: 1, kept: 0 });
    expect(back.written.D1).toBe(typed);
  });

  it("re-enters a formula Excel stored while the add-in was missing", async () => {
    const store = memoryStore();
    const excel = mockExcel({
      formulas: [['=_xldudf_TOKENOMICS_WEIGHTS(70,"FP16")']],
      values: [["#NAME?"]],
    });
    vi.stubGlobal("Excel", excel.mock);
    const result = await convertCells(store, "live");
    expect(result).toMatchObject({ changed: 0, reentered: 1 });
    expect(excel.written.A1).toBe('=TOKENOMICS.WEIGHTS(70, "FP16")');
  });
});

describe("a record that cannot be trusted or saved", () => {
  it("is refused with what is wrong, and nothing is written", async () => {
    const store = memoryStore();
    await remember(store, "{sheet-1}", plan);
    const saved = store.saved.get("{sheet-1}")!;
    saved.cells[0] = { ...saved.cells[0], row: "1" as unknown as number };
    const excel = mockExcel({ formulas: grids(plan).formulas });
    vi.stubGlobal("Excel", excel.mock);
    await expect(convertCells(store, "native")).rejects.toThrow(
      /^Nothing was changed: the add-in's record of this sheet .* entry 1 is not a cell of the sheet \(row 1, column 1\)/
    );
    expect(excel.written).toEqual({});
  });

  it("is saved before any cell changes; a save that fails changes nothing", async () => {
    const store = memoryStore();
    await remember(store, "{sheet-1}", plan);
    const excel = mockExcel({ formulas: grids(plan).formulas });
    vi.stubGlobal("Excel", excel.mock);
    const failing = {
      ...store,
      set: async () => {
        throw new Error("The document is read-only.");
      },
    };
    await expect(convertCells(failing, "native")).rejects.toThrow(
      /^Nothing was changed: the add-in could not save its record .*The document is read-only/
    );
    expect(excel.written).toEqual({});
  });

  it("knows both forms while the cells are written", async () => {
    const store = memoryStore();
    await remember(store, "{sheet-1}", plan);
    const excel = mockExcel({ formulas: grids(plan).formulas });
    vi.stubGlobal("Excel", excel.mock);
    const seen: { pending: boolean; written: number }[] = [];
    const watching = {
      ...store,
      set: async (id: string, r: ShareRecord) => {
        seen.push({
          pending: r.cells.some((c) => c.before),
          written: Object.keys(excel.written).length,
        });
        await store.set(id, r);
      },
    };
    await convertCells(watching, "native");
    expect(seen).toEqual([
      { pending: true, written: 0 },
      { pending: false, written: expect.any(Number) },
    ]);
    expect(seen[1].written).toBeGreaterThan(0);
  });
});
