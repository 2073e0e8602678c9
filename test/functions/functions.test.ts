import { describe, expect, it } from "vitest";
import {
  chips,
  costPerMTok,
  kvCache,
  memory,
  model,
  modelKv,
  models,
  racks,
  system,
  systems,
  tco,
  weights,
} from "../../src/functions/functions";

/**
 * The custom functions called the way Excel calls them: every argument a 2-D array (a single cell
 * is [[v]]), `null` for an omitted optional argument. Failures must be CustomFunctions.Error with
 * #VALUE! (or #N/A) and a message naming the argument: never NaN, Infinity or a generic Error.
 */
const cell = (v: unknown) => [[v]];

function excelError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    return error as { code: string; message: string };
  }
  throw new Error("expected the function to throw");
}

describe("the article's example, typed as formulas", () => {
  it('=TOKENOMICS.WEIGHTS(70, "FP16") → 130.39', () => {
    expect(weights(cell(70), cell("FP16"))[0][0]).toBeCloseTo(130.39, 2);
    expect(weights(cell(70), null as never, null as never)[0][0]).toBeCloseTo(130.39, 2);
  });

  it('=TOKENOMICS.KVCACHE(8, 80, 8192, 64, "FP16", 10000, 16) → 48.83', () => {
    const out = kvCache(
      cell(8),
      cell(80),
      cell(8192),
      cell(64),
      cell("FP16"),
      cell(10000),
      cell(16)
    );
    expect(out).toEqual([[48.828125]]);
  });

  it("=TOKENOMICS.CHIPS(179, 144) → 1.24 and =TOKENOMICS.RACKS(179, 0.25, 128) → 5.6", () => {
    expect(chips(cell(179), cell(144))[0][0]).toBeCloseTo(1.24, 2);
    expect(racks(cell(179), cell(0.25), cell(128))[0][0]).toBeCloseTo(5.6, 1);
  });

  it("COSTPERMTOK and TCO agree: cost per Mtok = TCO total / Mtok per year", () => {
    const table = tco(
      cell(2),
      cell(3e6),
      cell(120),
      null as never,
      null as never,
      null as never,
      null as never,
      null as never
    );
    const total = table[4][1] as number;
    const perMTok = costPerMTok(cell(10000), cell(2), cell(3e6), cell(120))[0][0] as number;
    expect(perMTok).toBeCloseTo(total / ((10000 * 8760 * 3600 * 0.8) / 1e6), 9);
  });
});

describe("ranges spill", () => {
  it("a column of context lengths against a row of users gives a grid", () => {
    const out = kvCache(
      cell(8),
      cell(80),
      cell(8192),
      cell(64),
      cell("FP16"),
      [[10000], [20000]],
      [[16, 32]]
    );
    expect(out).toEqual([
      [48.828125, 97.65625],
      [97.65625, 195.3125],
    ]);
  });

  it("one bad cell in a range is an error in that result cell, not the whole spill", () => {
    const out = weights([[70], [-70], [8]], cell("FP16"));
    expect(out[0][0]).toBeCloseTo(130.39, 2);
    expect(out[1][0]).toBeInstanceOf(CustomFunctions.Error);
    expect((out[1][0] as { code: string }).code).toBe("#VALUE!");
    expect((out[1][0] as { message: string }).message).toMatch(/params_billion must be .*got -70/);
    expect(out[2][0]).toBeCloseTo(14.9, 1);
  });
});

describe("bad input: #VALUE! with a message that says what to fix", () => {
  const kv = (overrides: Partial<Record<number, unknown>>) => {
    const args: unknown[] = [8, 80, 8192, 64, "FP16", 10000, 16].map((v, k) =>
      k in overrides ? overrides[k] : v
    );
    return () =>
      kvCache(
        ...(args.map((v) => (v === undefined ? null : cell(v))) as Parameters<typeof kvCache>)
      );
  };

  it.each([
    ["a blank required argument", kv({ 0: undefined }), /kv_heads is required/],
    ["an empty cell in a required argument", kv({ 6: "" }), /users is required/],
    ["text where a number belongs", kv({ 1: "eighty" }), /layers must be a number/],
    ["a negative count", kv({ 6: -16 }), /users must be a number > 0; got -16/],
    ["a zero count", kv({ 0: 0 }), /kv_heads must be a whole number ≥ 1; got 0/],
    ["a fractional count", kv({ 1: 80.5 }), /layers must be a whole number/],
    ["an unknown precision", kv({ 4: "FP12" }), /precision "FP12" is not a known format/],
    ["a boolean", kv({ 5: true }), /context_tokens must be a number.*TRUE/],
    ["a non-finite result", kv({ 5: 1e300, 6: 1e300 }), /too large/],
    [
      "utilization above 1",
      () =>
        costPerMTok(
          cell(1e4),
          cell(1),
          cell(3e6),
          cell(120),
          null as never,
          null as never,
          null as never,
          null as never,
          null as never,
          cell(1.5)
        ),
      /utilization must be a number > 0 and ≤ 1; got 1.5/,
    ],
    [
      "utilization of 0",
      () =>
        costPerMTok(
          cell(1e4),
          cell(1),
          cell(3e6),
          cell(120),
          null as never,
          null as never,
          null as never,
          null as never,
          null as never,
          cell(0)
        ),
      /utilization/,
    ],
    [
      "zero memory per chip",
      () => chips(cell(179), cell(0)),
      /chip_memory_gb must be a number > 0; got 0/,
    ],
    [
      "a range where TCO takes one cell",
      () => tco([[1], [2]], cell(3e6), cell(120)),
      /racks must be a single cell/,
    ],
  ])("%s", (_label, run, message) => {
    const error = excelError(run);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(message);
  });

  it("never returns NaN or Infinity: extreme inputs give numbers or CustomFunctions.Error", () => {
    const calls = [
      () => weights(cell(1e-308), cell(1e-308)),
      () => chips(cell(0), cell(1e-308)),
      () => racks(cell(1e308), cell(1e-308), cell(1)),
      () => weights([[1e-308], [1e5], [0]], cell(8)),
    ];
    for (const call of calls) {
      let result: unknown[][];
      try {
        result = call();
      } catch (error) {
        expect(error).toBeInstanceOf(CustomFunctions.Error);
        continue;
      }
      for (const value of result.flat()) {
        if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
        else expect(value).toBeInstanceOf(CustomFunctions.Error);
      }
    }
  });
});

describe("presets by name, as Excel calls them", () => {
  it('=TOKENOMICS.MODELKV("Llama 3.1 70B", 10000, 16) → 48.83', () => {
    expect(modelKv(cell("Llama 3.1 70B"), cell(10000), cell(16), null as never)).toEqual([
      [48.828125],
    ]);
  });

  it("a column of model names gives a column", () => {
    const out = modelKv([["Llama 3.1 70B"], ["DeepSeek-V3"]], cell(10000), cell(16));
    expect(out[0][0]).toBe(48.828125);
    expect(out[1][0]).toBeCloseTo((576 * 61 * 2 * 10000 * 16) / 2 ** 30, 9);
  });

  it("an unknown model is #N/A with suggestions; in a range, only in its cell", () => {
    const error = excelError(() => modelKv(cell("Lama 3.1 70B"), cell(10000), cell(16)));
    expect(error.code).toBe("#N/A");
    expect(error.message).toMatch(/Closest presets: Llama 3\.1 70B/);
    const out = modelKv([["Llama 3.1 70B"], ["nope"]], cell(10000), cell(16));
    expect(out[0][0]).toBe(48.828125);
    expect((out[1][0] as { code: string }).code).toBe("#N/A");
  });

  it("MODEL spills a (field, value) table that MEMORY accepts back", () => {
    const table = model(cell("Llama 3.1 70B"), null as never);
    expect(table.length).toBeGreaterThan(20);
    const total = memory(table, cell(10000), cell(16))[0][0] as number;
    expect(total).toBeCloseTo(179.21, 2);
  });

  it("MODELS, SYSTEMS and SYSTEM", () => {
    expect(models(cell("gpt-oss"))).toEqual([["gpt-oss-20b"], ["gpt-oss-120b"]]);
    expect(systems(null as never).length).toBeGreaterThanOrEqual(20);
    expect(system(cell("MI300X"), cell("memory_gb"))).toEqual([[192]]);
    expect(excelError(() => models(cell("zzz"))).code).toBe("#N/A");
  });

  it("CHIPS and RACKS with a system name", () => {
    expect(chips(cell(179), cell("GH200"))[0][0]).toBeCloseTo(1.24, 2);
    expect(racks(cell(179), cell("GB200 NVL72"), null as never)[0][0]).toBeCloseTo(
      179 / 186 / 72,
      12
    );
    expect(excelError(() => racks(cell(179), cell(0.25), null as never)).message).toMatch(
      /chips_per_rack is required/
    );
  });
});
