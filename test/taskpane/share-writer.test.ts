import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it, vi } from "vitest";
import { grids } from "../../src/taskpane/office-writer";
import { convertActiveSheet, remember, type RecordStore } from "../../src/taskpane/share-writer";
import { modelPlan } from "../../src/workbook/plan";
import type { ShareRecord } from "../../src/workbook/share";

/** The share adapter on office-addin-mock: two round trips, writes only where the record says. */
const plan = modelPlan({
  model: "Llama 2 70B",
  system: "H200",
  workload: { inputTokens: 1024, outputTokens: 1024, users: 64 },
});

function memoryStore(): RecordStore & { saved: Map<string, ShareRecord> } {
  const saved = new Map<string, ShareRecord>();
  return { saved, get: (id) => saved.get(id), set: async (id, r) => void saved.set(id, r) };
}

function mockSheet(formulas: unknown[][]) {
  const written: Record<string, unknown> = {};
  const padded = Array.from({ length: 400 }, (_v, r) =>
    Array.from({ length: 30 }, (_w, c) => formulas[r]?.[c] ?? "")
  );
  const seed = {
    context: {
      workbook: {
        worksheets: {
          active: {
            id: "{sheet-1}",
            name: "Tokenomics (2)",
            block: { formulas: padded, values: padded },
            getRangeByIndexes(this: { block: unknown }) {
              return this.block;
            },
            getRange: (address: string) => ({
              set formulas(v: unknown[][]) {
                written[address] = v[0][0];
              },
            }),
          },
          getActiveWorksheet(this: { active: unknown }) {
            return this.active;
          },
        },
      },
    },
    run: async function (this: { context: unknown }, cb: (c: unknown) => Promise<unknown>) {
      return cb(this.context);
    },
  };
  const mock = new OfficeMockObject(seed) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { mock, sync: vi.spyOn(mock.context, "sync"), written };
}

describe("converting the active sheet", () => {
  it("makes an inserted sheet shareable in two round trips, and records it", async () => {
    const store = memoryStore();
    await remember(store, "{sheet-1}", plan);
    const excel = mockSheet(grids(plan).formulas);
    vi.stubGlobal("Excel", excel.mock);
    const result = await convertActiveSheet(store, "native");
    expect(excel.sync).toHaveBeenCalledTimes(2);
    expect(result).toMatchObject({ sheetName: "Tokenomics (2)", kept: 0 });
    expect(result.changed).toBe(store.saved.get("{sheet-1}")!.cells.length);
    const kv = plan.cells.find((c) => c.formula?.includes("MODELKV"))!;
    expect(excel.written[`B${kv.row + 1}`]).toBe(kv.native);
    expect(store.saved.get("{sheet-1}")!.mode).toBe("native");
  });

  it("refuses a sheet the pane did not insert, writing nothing", async () => {
    const excel = mockSheet([]);
    vi.stubGlobal("Excel", excel.mock);
    await expect(convertActiveSheet(memoryStore(), "native")).rejects.toThrow(
      /was not inserted by Tokenomics/
    );
    expect(excel.written).toEqual({});
    expect(excel.sync).toHaveBeenCalledTimes(1);
  });
});
