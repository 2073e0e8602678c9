import fc from "fast-check";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { afterEach, describe, expect, it } from "vitest";
import { evaluate, MODEL_FN, MODEL_PRESETS } from "../../src/core";
import { registerTokenomics } from "../../src/engines/hyperformula-plugin";
import { formulaTwin, referencesOf, type Grid } from "../../src/workbook/formula-twin";

/**
 * Formulas someone typed, made shareable: each twin is evaluated by HyperFormula (an engine nobody
 * here wrote) in the cell the live formula was in, and must show what the live formula showed there
 * — the live one computed by the same engine through the TOKENOMICS plugin.
 */
type Row = (string | number | null)[];
let hf: HyperFormula | undefined;
afterEach(() => hf?.destroy());

function open(rows: Row[]) {
  registerTokenomics();
  hf = HyperFormula.buildFromArray(rows, {
    licenseKey: "gpl-v3",
    smartRounding: false,
    useArrayArithmetic: true, // a range argument spills, as in Excel 365
  });
  const engine = hf;
  const lookup = (ref: string): Grid | undefined => {
    const v = engine.calculateFormula(`=${ref}`, 0);
    if (v instanceof DetailedCellError && v.type === "NAME") return undefined; // no such name
    return (Array.isArray(v) ? v : [[v]]) as Grid;
  };
  const value = (row: number, col: number) => engine.getCellValue({ sheet: 0, row, col });
  /** Replaces the formula at (row, col) by its twin; returns the twin. */
  const share = (row: number, col: number) => {
    const formula = engine.getCellFormula({ sheet: 0, row, col })!;
    const twin = formulaTwin(formula, lookup);
    if (twin.native !== undefined) {
      const cells = Array.isArray(twin.native) ? twin.native : [[twin.native]];
      engine.setCellContents({ sheet: 0, row, col }, cells);
    }
    return twin;
  };
  return { engine, value, share, lookup };
}

const close = (got: unknown, want: number) => {
  expect(typeof got).toBe("number");
  expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
};
const noTokenomics = (native: unknown) => expect(JSON.stringify(native)).not.toMatch(/TOKENOMICS/i);

describe("a typed formula's native twin", () => {
  it("turns the article's KV-cache example, typed with numbers, into arithmetic: ~49 GB", () => {
    const s = open([['=TOKENOMICS.KVCACHE(8,80,8192,64,"FP16",10000,16)']]);
    const twin = s.share(0, 0);
    noTokenomics(twin.native);
    expect(Number((s.value(0, 0) as number).toFixed(2))).toBe(48.83);
  });

  it("writes a model named in the formula as its preset's numbers: the article's ~179 GB", () => {
    const s = open([['=TOKENOMICS.MEMORY("Llama 3.1 70B",10000,16)']]);
    const twin = s.share(0, 0);
    noTokenomics(twin.native);
    expect(twin.native).not.toMatch(/VLOOKUP|Llama/);
    expect(Number((s.value(0, 0) as number).toFixed(2))).toBe(179.21);
  });

  it("reads a model named in a cell the same way, and shows #N/A, not a stale number, if the name changes", () => {
    const s = open([["Llama 3.1 70B", 10000, 16, "=TOKENOMICS.MEMORY(A1,B1,C1)"]]);
    const live = s.value(0, 3) as number;
    const twin = s.share(0, 3);
    expect(twin.native).toMatch(/^=IF\(A1="Llama 3\.1 70B",/);
    close(s.value(0, 3), live);
    s.engine.setCellContents({ sheet: 0, row: 1, col: 0 }, [[10000]]); // unrelated cells: no effect
    close(s.value(0, 3), live);
    s.engine.setCellContents({ sheet: 0, row: 0, col: 1 }, [[20000]]); // the context still counts
    expect(s.value(0, 3)).toBeGreaterThan(live);
    s.engine.setCellContents({ sheet: 0, row: 0, col: 0 }, [["Llama 3.1 8B"]]);
    expect((s.value(0, 3) as DetailedCellError).type).toBe("NA");
  });

  it("gives blank optional cells their documented defaults, as the live function does", () => {
    const s = open([
      ["Gemma 2 9B", 8000, 8, null, null, null, "=TOKENOMICS.MEMORY(A1,B1,C1,D1,E1,F1)"],
    ]);
    const live = s.value(0, 6) as number;
    s.share(0, 6);
    close(s.value(0, 6), live);
    s.engine.setCellContents({ sheet: 0, row: 0, col: 4 }, [["FP8"]]); // kv_precision
    s.engine.setCellContents({ sheet: 0, row: 0, col: 5 }, [[2]]); // instances
    const edited = open([
      ["Gemma 2 9B", 8000, 8, null, "FP8", 2, "=TOKENOMICS.MEMORY(A1,B1,C1,D1,E1,F1)"],
    ]);
    close(s.value(0, 6), edited.value(0, 6) as number);
  });

  it("converts calls nested in Excel's own functions: 179 GB needs 2 whole GH200s (the article)", () => {
    const s = open([
      [
        "Llama 3.1 70B",
        10000,
        16,
        '=ROUNDUP(TOKENOMICS.CHIPS(TOKENOMICS.MEMORY(A1,B1,C1),"GH200"),0)',
      ],
    ]);
    const twin = s.share(0, 3);
    noTokenomics(twin.native);
    expect(twin.native).toMatch(/^=ROUNDUP\(/);
    expect(s.value(0, 3)).toBe(2);
  });

  it("reads a system's memory and chips per rack from its preset, also for a blank cell", () => {
    const s = open([
      [5000, '=TOKENOMICS.RACKS(A1,"GB200 NVL72")', '=TOKENOMICS.CHIPS(A1,"H100")', null],
      ['=TOKENOMICS.RACKS(A1,"GB200 NVL72",D1)'],
    ]);
    const cells: [number, number][] = [
      [0, 1],
      [0, 2],
      [1, 0],
    ];
    const live = cells.map(([r, c]) => s.value(r, c) as number);
    cells.forEach(([r, c]) => s.share(r, c));
    cells.forEach(([r, c], k) => close(s.value(r, c), live[k]));
    s.engine.setCellContents({ sheet: 0, row: 0, col: 3 }, [[36]]); // chips_per_rack typed in
    close(s.value(1, 0), live[2] * 2); // GB200 NVL72 holds 72 a rack: half the rack, twice the racks
  });

  it("reads a (field, value) range with VLOOKUP, so edits to the range still count", () => {
    const rows = (evaluate(MODEL_FN, ["DeepSeek-V3"]) as Row[]).length;
    const table = `A1:B${rows}`;
    const s = open([
      [
        '=TOKENOMICS.MODEL("DeepSeek-V3")',
        null,
        null,
        8000,
        4,
        `=TOKENOMICS.MODELKV(${table},D1,E1)`,
      ],
    ]);
    const live = s.value(0, 5) as number;
    const twin = s.share(0, 5);
    expect(twin.native).toContain(`VLOOKUP("kv_lora_rank",${table},2,0)`);
    close(s.value(0, 5), live);
  });

  it("spills one result per cell for a range of contexts, windowed layers counted per cell", () => {
    const model = MODEL_PRESETS.resolve("Gemma 3 27B"); // 52 of 62 layers see a 1,024-token window
    expect(model.sliding_window).toBe(1024);
    const rows: Row[] = [[1000, '=TOKENOMICS.MODELKV("Gemma 3 27B",A1:A3,16)'], [1024], [40000]];
    const s = open(rows);
    const live = [0, 1, 2].map((r) => s.value(r, 1) as number);
    s.share(0, 1);
    [0, 1, 2].forEach((r) => close(s.value(r, 1), live[r]));
  });

  it("writes preset lookups as the presets' values", () => {
    const s = open([
      [
        '=TOKENOMICS.MODEL("meta-llama/Llama-3.1-70B-Instruct","kv_heads")',
        '=TOKENOMICS.SYSTEM("GH200","memory_gb")*2',
      ],
    ]);
    expect(s.share(0, 0).native).toBe(8); // Llama 3 paper, Table 3
    expect(s.share(0, 1).native).toBe("=144*2"); // the article's 144 GB GH200
    expect(s.value(0, 1)).toBe(288);
  });

  it("writes a whole preset table and the TCO table cell by cell, the same as the live spill", () => {
    const s = open([
      ['=TOKENOMICS.MODEL("Llama 3.1 70B")', null, null, "=TOKENOMICS.TCO(1,419840,10.2)"],
    ]);
    const before = s.engine.getSheetValues(0);
    const model = s.share(0, 0);
    const tco = s.share(0, 3);
    expect(Array.isArray(model.native) && Array.isArray(tco.native)).toBe(true);
    noTokenomics([model.native, tco.native]);
    const after = s.engine.getSheetValues(0);
    after.forEach((row, r) =>
      row.forEach((v, c) =>
        typeof v === "number" ? close(v, before[r][c] as number) : expect(v).toEqual(before[r][c])
      )
    );
  });

  it("spells a formula Excel stored as _xldudf_ back as TOKENOMICS, and still finds its twin", () => {
    const twin = formulaTwin('=_xldudf_TOKENOMICS_WEIGHTS(70,"FP16")', () => undefined);
    expect(twin.live).toBe('=TOKENOMICS.WEIGHTS(70, "FP16")');
    const s = open([[twin.native as string]]);
    expect(Number((s.value(0, 0) as number).toFixed(2))).toBe(130.39); // the article's ~130 GB
  });

  it("has no twin where the live formula shows an error now, and says what to fix", () => {
    const s = open([[null, "Llama 9000B"]]);
    const reason = (f: string) => formulaTwin(f, s.lookup).reason;
    expect(reason('=TOKENOMICS.KVCACHE(8,80,8192,64,"FP16",-5,16)')).toMatch(/context_tokens/);
    expect(reason("=TOKENOMICS.MODELKV(B1,1000,1)")).toMatch(/Llama 9000B/);
    expect(reason("=TOKENOMICS.MODELKV(A1,1000,1)")).toMatch(/model is required/);
    expect(reason('=TOKENOMICS.MODELKV(IF(1,"Llama 3.1 8B"),1000,1)')).toMatch(/calculation/);
    expect(reason("=TOKENOMICS.NOSUCH(1)")).toMatch(/not a Tokenomics function/);
    expect(reason("=1+TOKENOMICS.TCO(1,2,3)")).toMatch(/returns a table/);
    expect(reason("=TOKENOMICS.CHIPS(179,Rates)")).toMatch(/could not read Rates/);
  });

  it("looks up every reference its calls take, and nothing else", () => {
    expect(referencesOf("=TOKENOMICS.MEMORY(Model, B1*2, 'My sheet'!C1:C3, \"FP8\")+D9")).toEqual([
      "Model",
      "'My sheet'!C1:C3",
    ]);
  });
});

describe("every model preset, typed by name in a cell", () => {
  it("gives the live MEMORY on random workloads", () => {
    const names = MODEL_PRESETS.items.map((m) => m.name);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...names)
          .chain((name) =>
            fc
              .integer({ min: 1, max: MODEL_PRESETS.resolve(name).max_context ?? 1_000_000 })
              .map((context) => [name, context] as const)
          ),
        fc.integer({ min: 1, max: 512 }),
        fc.constantFrom("FP16", "FP8", "FP4", null),
        ([name, context], users, kv) => {
          const s = open([[name, context, users, null, kv, "=TOKENOMICS.MEMORY(A1,B1,C1,D1,E1)"]]);
          const live = s.value(0, 5) as number;
          s.share(0, 5);
          close(s.value(0, 5), live);
          s.engine.destroy();
          hf = undefined;
        }
      ),
      { numRuns: 300 }
    );
  });
});
