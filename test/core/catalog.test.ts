import { describe, expect, it } from "vitest";
import defaults from "../../src/presets/finance-defaults.json";
import {
  COSTPERMTOK,
  evaluate,
  FUNCTIONS,
  KVCACHE,
  RACKS_FN,
  TCO,
  TokenomicsError,
  WEIGHTS,
  type ResultCell,
} from "../../src/core";

const errorOf = (cell: ResultCell) =>
  cell instanceof TokenomicsError ? cell.message : `no error: ${cell}`;

describe("the catalog", () => {
  it("lists the public functions, ids fixed", () => {
    expect(FUNCTIONS.map((f) => f.id)).toEqual([
      "WEIGHTS",
      "KVCACHE",
      "MODELKV",
      "MEMORY",
      "CHIPS",
      "RACKS",
      "COSTPERMTOK",
      "TCO",
      "TOKENSPERSEC",
      "TPOT",
      "TTFT",
      "MAXUSERS",
      "THROUGHPUT",
      "CHIPHOUR",
      "TOKENCOST",
      "ENERGYPERTOKEN",
      "TOKENSPERMW",
      "CURVE",
      "PRICE",
      "MODELS",
      "MODEL",
      "SYSTEMS",
      "SYSTEM",
    ]);
  });

  it("puts required arguments before optional ones (Excel's order)", () => {
    for (const fn of FUNCTIONS) {
      const firstOptional = fn.params.findIndex((p) => p.default);
      if (firstOptional >= 0)
        expect(fn.params.slice(firstOptional).every((p) => p.default)).toBe(true);
    }
  });

  it("takes every cost default from src/presets/finance-defaults.json, with its source", () => {
    const costParams = COSTPERMTOK.params.filter((p) => p.default);
    expect(costParams.map((p) => p.name)).toEqual(
      Object.keys(defaults).filter((k) => k !== "$comment")
    );
    for (const p of costParams) {
      const entry = defaults[p.name as keyof typeof defaults] as { value: number; source: string };
      expect(p.default?.value).toBe(entry.value);
      expect(p.default?.source).toBe(entry.source);
    }
  });
});

describe("broadcasting: ranges in, arrays out", () => {
  const kvArgs = (context: unknown, users: unknown) =>
    [8, 80, 8192, 64, "FP16", context, users] as never[];

  it("a column of context lengths gives a column", () => {
    const out = evaluate(KVCACHE, kvArgs([[1000], [10000], [100000]], 16));
    expect(out).toHaveLength(3);
    expect(out[1][0]).toBe(48.828125);
    expect(out[2][0]).toBeCloseTo(488.28125, 9);
  });

  it("a column against a row gives a grid", () => {
    const out = evaluate(KVCACHE, kvArgs([[5000], [10000]], [[1, 16, 32]]));
    expect(out.map((r) => r.length)).toEqual([3, 3]);
    expect(out[1][1]).toBe(48.828125);
    expect(out[0][2]).toBeCloseTo(48.828125, 9); // half the context, twice the users
  });

  it("a one-cell range behaves as a value", () => {
    expect(evaluate(WEIGHTS, [[[70]], [["FP16"]], [[1]]])).toEqual(
      evaluate(WEIGHTS, [70, "FP16", 1])
    );
  });

  it("one bad cell gives an error in that cell only", () => {
    const out = evaluate(KVCACHE, kvArgs([[10000], ["ten"], [-5]], 16));
    expect(out[0][0]).toBe(48.828125);
    expect(errorOf(out[1][0])).toMatch(/context_tokens must be a number/);
    expect(errorOf(out[2][0])).toMatch(/context_tokens must be a number > 0; got -5/);
  });

  it("ranges that cannot line up are an error for the whole call", () => {
    expect(() => evaluate(KVCACHE, kvArgs([[1], [2], [3]], [[1], [2]]))).toThrow(
      /users has 2 rows but context_tokens has 3/
    );
  });

  it("empty and ragged ranges are errors that name the argument", () => {
    expect(() => evaluate(WEIGHTS, [[], null, null])).toThrow(/params_billion is an empty range/);
    expect(() => evaluate(WEIGHTS, [[[1, 2], [3]], null, null])).toThrow(
      /params_billion is not a rectangular range/
    );
  });
});

describe("argument rules", () => {
  const one = (fn: typeof WEIGHTS, args: unknown[]) => evaluate(fn, args as never[])[0][0];

  it("omitted optional arguments take their documented defaults", () => {
    expect(one(WEIGHTS, [70, null, null])).toBe(one(WEIGHTS, [70, "FP16", 1]));
    const withDefaults = one(COSTPERMTOK, [10000, 2, 3e6, 120, null, null, null, null, null, null]);
    const explicit = one(COSTPERMTOK, [10000, 2, 3e6, 120, 5, 0.1, 184.06, 0.0806, 1.25, 0.8]);
    expect(withDefaults).toBe(explicit);
  });

  it("a blank required argument says it is required", () => {
    expect(errorOf(one(WEIGHTS, [null, null, null]))).toMatch(/params_billion is required/);
    expect(errorOf(one(RACKS_FN, [179, 0.25, ""]))).toMatch(
      /chips_per_rack is required when chip_memory_gb is a number/
    );
  });

  it("a number stored as text, other text and booleans are not numbers, each said plainly", () => {
    // Refused rather than read: the shared workbook's twin tests ISNUMBER and must agree.
    expect(errorOf(one(WEIGHTS, ["70", null, null]))).toMatch(
      /params_billion is the text "70", a number stored as text: type it without quotes/
    );
    expect(errorOf(one(KVCACHE, [8, 80, 8192, 64, "FP16", "-5", 1]))).toMatch(
      /is the text "-5", a number stored as text/
    );
    expect(errorOf(one(WEIGHTS, ["70B", null, null]))).toMatch(
      /params_billion must be a number .*"70B" is neither \(for 70B parameters type 70\)/
    );
    expect(errorOf(one(WEIGHTS, [true, null, null]))).toMatch(/got TRUE/);
  });

  it("counts must be whole and at least 1", () => {
    expect(errorOf(one(KVCACHE, [8.5, 80, 8192, 64, "FP16", 1, 1]))).toMatch(
      /kv_heads must be a whole number ≥ 1; got 8.5/
    );
    expect(errorOf(one(KVCACHE, [0, 80, 8192, 64, "FP16", 1, 1]))).toMatch(
      /kv_heads must be a whole number ≥ 1; got 0/
    );
    expect(errorOf(one(KVCACHE, [8, -80, 8192, 64, "FP16", 1, 1]))).toMatch(
      /layers must be a whole number ≥ 1/
    );
  });

  it("model_dim must divide by att_heads (the head dimension is whole)", () => {
    expect(errorOf(one(KVCACHE, [8, 80, 8192, 60, "FP16", 1, 1]))).toMatch(
      /model_dim \(8192\) must be a multiple of att_heads \(60\)/
    );
  });

  it("an unknown precision is #VALUE! with the known names", () => {
    const cell = one(WEIGHTS, [70, "FP12", null]);
    expect(cell).toBeInstanceOf(TokenomicsError);
    expect((cell as TokenomicsError).kind).toBe("value");
    expect(errorOf(cell)).toMatch(/precision "FP12" is not a known format/);
  });

  it("utilization must be in (0, 1], and a percentage typed as a number says so", () => {
    const cost = (u: unknown) =>
      one(COSTPERMTOK, [10000, 1, 3e6, 120, null, null, null, null, null, u]);
    expect(errorOf(cost(0))).toMatch(/utilization must be a number > 0 and ≤ 1; got 0/);
    expect(errorOf(cost(80))).toMatch(/utilization is a fraction: 80% is 0.8/);
    expect(cost(1)).toBeGreaterThan(0);
  });

  it("catches likely unit slips: wacc in percent, power in watts, params in units, years in months", () => {
    const cost = (args: unknown[]) => errorOf(one(COSTPERMTOK, args));
    expect(cost([10000, 1, 3e6, 120, null, 10])).toMatch(/wacc is a fraction: 10% is 0.1/);
    expect(cost([10000, 1, 3e6, 120000])).toMatch(/Power is in kW/);
    expect(cost([10000, 1, 3e6, 120, 60])).toMatch(/not months/);
    expect(errorOf(one(WEIGHTS, [70e9, null, null]))).toMatch(/in billions/);
  });

  it("a result too large to represent is #VALUE!, never Infinity", () => {
    const cell = one(KVCACHE, [8, 80, 8192, 64, "FP32", 1e300, 1e300]);
    expect(errorOf(cell)).toMatch(/too large/);
  });
});

describe("TCO: a labelled table of annual USD", () => {
  it("lists capital, energy, hosting and total with shares that add to 1", () => {
    const table = evaluate(TCO, [2, 3e6, 120, 5, 0, 184.06, 0.0806, 1.25]);
    expect(table.map((r) => r[0])).toEqual(["Component", "Capital", "Energy", "Hosting", "Total"]);
    expect(table[1][1]).toBe(1_200_000); // 6 M$ over 5 years at 0%
    expect(table[2][1]).toBeCloseTo(211_816.8, 6);
    expect(table[3][1]).toBeCloseTo(530_092.8, 6);
    expect(table[4][1]).toBeCloseTo(1_941_909.6, 6);
    const shares = table.slice(1, 4).map((r) => r[2] as number);
    expect(shares.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(table[4][2]).toBe(1);
  });

  it("takes single cells only, and says what to use for a grid", () => {
    expect(() => evaluate(TCO, [[[1], [2]], 3e6, 120])).toThrow(
      /racks must be a single cell.*COSTPERMTOK/
    );
  });
});
