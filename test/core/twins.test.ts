import fc from "fast-check";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import {
  CHIPS,
  COSTPERMTOK,
  evaluate,
  FUNCTIONS,
  KVCACHE,
  MEMORY,
  MODEL_FN,
  MODEL_PRESETS,
  MODELKV,
  nativeFormula,
  plainNumber,
  RACKS_FN,
  renderExpr,
  TCO,
  TokenomicsError,
  WEIGHTS,
  type FormulaFunction,
} from "../../src/core";

/**
 * Native twins: each function's formula printed with spreadsheet built-ins only. Evaluated by
 * HyperFormula (a formula engine nobody here wrote) from the same cells, a twin must equal the core
 * on thousands of random inputs — for every model preset where a model is read from its table.
 */
const CASES = 300; // per property: about 3,000 cases a run in all
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), Math.abs(b)));

const precision = fc.oneof(
  fc.constantFrom("FP32", "FP16", "bf16", " fp8 ", "INT8", "FP6", "FP4", "INT4", "MXFP4", "NVFP4"),
  fc.constantFrom(0.5, 1, 2, 4)
);
const pos = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const count = (max: number) => fc.integer({ min: 1, max });
const modelName = fc.constantFrom(...MODEL_PRESETS.items.map((m) => m.name));
/** A model and a context it supports (at most its max_context). */
const modelAndContext = modelName.chain((m) =>
  pos(1, MODEL_PRESETS.resolve(m).max_context ?? 2e6).map((c) => [m, c] as const)
);

/**
 * One sheet: the model's (field, value) table from A1 (when used), the inputs in row 60 from
 * column A, the twin in A62. Returns what HyperFormula computes there and what the core computes.
 */
function both(fn: FormulaFunction, model: string | null, inputs: (number | string | null)[]) {
  const table = model ? (evaluate(MODEL_FN, [model]) as (string | number)[][]) : [];
  const refs = inputs.map((v, k) => ({
    ref: v === null ? null : `${String.fromCharCode(65 + k)}60`,
  }));
  const args = model ? [{ ref: `$A$1:$B$${table.length}`, model: true }, ...refs] : refs;
  const twin = nativeFormula(fn as never, args);
  const rows: (string | number | null)[][] = table.map((r) => [...r]);
  while (rows.length < 59) rows.push([]);
  rows.push(inputs);
  rows.push([]);
  const tableTwin = Array.isArray(twin);
  if (tableTwin) rows.push(...(twin as (string | number)[][]));
  else rows.push([twin as string]);
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: "gpl-v3", smartRounding: false });
  const coreArgs = model ? [table, ...inputs] : inputs;
  const expected = evaluate(fn, coreArgs as never);
  const at = tableTwin ? [4, 1] : [0, 0];
  const got = hf.getCellValue({ sheet: 0, row: 61 + at[0], col: at[1] });
  hf.destroy();
  const want = expected[at[0]][at[1]];
  if (want instanceof TokenomicsError) throw want;
  return { got, want: want as number };
}

const check = (fn: FormulaFunction, model: string | null, inputs: (number | string | null)[]) => {
  const { got, want } = both(fn, model, inputs);
  expect(typeof got).toBe("number");
  close(got as number, want);
};

describe("native twins equal the core in a spreadsheet engine", () => {
  it("KVCACHE", () => {
    fc.assert(
      fc.property(
        count(64),
        count(160),
        count(64),
        precision,
        pos(1, 2e6),
        pos(1, 4096),
        (kv, layers, heads, p, c, u) =>
          check(KVCACHE, null, [kv, layers, heads * 128, heads, p, c, u])
      ),
      { numRuns: CASES }
    );
  });

  it("WEIGHTS, from a number and from a model table (native precision when omitted)", () => {
    fc.assert(
      fc.property(pos(0.1, 2000), precision, count(8), (b, p, i) =>
        check(WEIGHTS, null, [b, p, i])
      ),
      { numRuns: CASES }
    );
    fc.assert(
      fc.property(pos(0.1, 2000), (b) => check(WEIGHTS, null, [b, null, null])),
      { numRuns: 100 }
    );
    fc.assert(
      fc.property(modelName, fc.option(precision, { nil: null }), (m, p) =>
        check(WEIGHTS, m, [p, null])
      ),
      { numRuns: CASES }
    );
  });

  it("MODELKV for every attention structure, read from the model's table", () => {
    fc.assert(
      fc.property(
        modelAndContext,
        pos(1, 4096),
        fc.option(precision, { nil: null }),
        ([m, c], u, p) => check(MODELKV, m, [c, u, p])
      ),
      { numRuns: CASES }
    );
  });

  it("MEMORY", () => {
    fc.assert(
      fc.property(
        modelAndContext,
        pos(1, 1024),
        fc.option(precision, { nil: null }),
        fc.option(count(8), { nil: null }),
        ([m, c], u, p, i) => check(MEMORY, m, [c, u, p, "FP8", i])
      ),
      { numRuns: CASES }
    );
  });

  it("CHIPS and RACKS", () => {
    fc.assert(
      fc.property(pos(0, 1e5), pos(0.01, 300), count(512), (m, g, r) => {
        check(CHIPS, null, [m, g]);
        check(RACKS_FN, null, [m, g, r]);
      }),
      { numRuns: CASES }
    );
  });

  // wacc is 0 or at least 0.01%: spreadsheets' PMT divides by zero for denormal rates (the core does not).
  const wacc = fc.oneof(fc.constant(0), pos(1e-4, 0.3));
  const cost = fc.tuple(
    pos(1, 1e7),
    pos(0.1, 1000),
    pos(1e3, 1e8),
    pos(0.1, 500),
    pos(1, 10),
    wacc,
    pos(0, 500),
    pos(0.01, 0.5),
    pos(1, 2),
    pos(0.05, 1)
  );

  it("COSTPERMTOK, with and without its defaults", () => {
    fc.assert(
      fc.property(cost, (c) => check(COSTPERMTOK, null, c)),
      { numRuns: CASES }
    );
    fc.assert(
      fc.property(cost, (c) =>
        check(COSTPERMTOK, null, [...c.slice(0, 4), null, null, null, null, null, null])
      ),
      { numRuns: 100 }
    );
  });

  it("TCO, cell by cell", () => {
    fc.assert(
      fc.property(cost, (c) => check(TCO, null, c.slice(1, 9))),
      { numRuns: CASES }
    );
  });
});

describe("twins read as formulas a finance colleague can audit", () => {
  it("KVCACHE's twin is the article's formula over the cells, an error where the live cell has one", () => {
    const refs = ["B1", "B2", "B3", "B4", "B5", "B6", "B7"].map((ref) => ({ ref }));
    // A number cell must hold a number (not text, TRUE or a blank), and one the function accepts.
    const number = (x: string) => `NOT(ISNUMBER(${x})),ISLOGICAL(${x})`;
    const whole = (x: string) =>
      `${number(x)},${x}<1,ABS(${x}-ROUND(${x},0))>0.000000000001*MAX(1,ABS(${x}))`;
    expect(nativeFormula(KVCACHE as never, refs)).toBe(
      "=IF(OR(LEN(TRIM(B5))=0," +
        `${whole("B1")},${whole("B2")},${whole("B3")},${whole("B4")},` +
        `AND(ISNUMBER(B5),OR(B5<=0,B5>8)),${number("B6")},B6<=0,${number("B7")},B7<=0,MOD(ROUND(B3,0),ROUND(B4,0))<>0),NA(),` +
        '2*B1*B2*B3/B4*IF(ISNUMBER(B5),B5,INDEX({4,2,2,1,1,0.75,0.5,0.5,0.53125,0.5625,1,0.5},1,MATCH(UPPER(TRIM(B5)),{"FP32","FP16","BF16","FP8","INT8","FP6","FP4","INT4","MXFP4","NVFP4","FP8_BLOCK","INT4_WO"},0)))*B6*B7/2^30)'
    );
  });

  it("shows an error, as the live function does, for a number the function refuses", () => {
    const twin = nativeFormula(
      KVCACHE as never,
      ["A1", "A2", "A3", "A4", "A5", "A6", "A7"].map((ref) => ({ ref }))
    ) as string;
    const shown = (inputs: (number | string)[]) => {
      const hf = HyperFormula.buildFromArray([...inputs.map((v) => [v]), [twin]], {
        licenseKey: "gpl-v3",
      });
      const v = hf.getCellValue({ sheet: 0, row: 7, col: 0 });
      hf.destroy();
      return v;
    };
    expect(shown([8, 80, 8192, 64, "FP16", 10000, 16])).toBeCloseTo(48.83, 2); // the article
    for (const bad of [
      [8, 80, 8192, 64, "FP16", -10000, 16], // negative context
      [8, 80.5, 8192, 64, "FP16", 10000, 16], // half a layer
      [8, 80, 8192, 64, 16, 10000, 16], // 16 bits typed where bytes belong
      [8, 80, 8190, 64, "FP16", 10000, 16], // no whole head dimension
    ]) {
      expect(evaluate(KVCACHE, bad)[0][0]).toBeInstanceOf(TokenomicsError);
      expect(shown(bad)).toBeInstanceOf(DetailedCellError);
    }
  });

  it("a blank optional cell takes the function's default, as it does live", () => {
    const twin = nativeFormula(
      COSTPERMTOK as never,
      ["A1", "A2", "A3", "A4", "A5"].map((ref) => ({ ref }))
    ) as string;
    expect(twin).toContain("IF(LEN(TRIM(A5))=0,5,A5)"); // years: blank, "" or spaces
    const hf = HyperFormula.buildFromArray([[10000], [2], [3e6], [120], [null], [twin]], {
      licenseKey: "gpl-v3",
      smartRounding: false,
    });
    close(
      hf.getCellValue({ sheet: 0, row: 5, col: 0 }) as number,
      evaluate(COSTPERMTOK, [10000, 2, 3e6, 120])[0][0] as number
    );
  });

  it("COSTPERMTOK's twin uses PMT, and its defaults as numbers", () => {
    const twin = nativeFormula(COSTPERMTOK as never, [
      { ref: "Tok_TPS" },
      { ref: "B2" },
      { ref: "B3" },
      { ref: "B4" },
    ]) as string;
    expect(twin).toContain("PMT(0.1,5,-(B2*B3))");
    expect(twin).toContain("B2*B4*1.25*8760*0.0806");
    expect(twin).not.toMatch(/TOKENOMICS|LET|LAMBDA/);
  });

  it("renders precedence with the parentheses it needs, no more", () => {
    expect(
      renderExpr(
        {
          k: "op",
          op: "-",
          a: { k: "num", v: 1 },
          b: { k: "op", op: "-", a: { k: "num", v: 2 }, b: { k: "num", v: 3 } },
        },
        {}
      )
    ).toBe("1-(2-3)");
  });
});

describe("one definition, two renderings", () => {
  it("every function but the preset lookups computes through its twin, and has no other computation", () => {
    const lookups = ["MODELS", "MODEL", "SYSTEMS", "SYSTEM", "PRICE"]; // their twin is their result: constants
    for (const fn of FUNCTIONS) {
      expect(Boolean(fn.twin), fn.id).toBe(!lookups.includes(fn.id));
      if (fn.twin) expect(fn.kind === "cell" ? fn.compute : fn.table, fn.id).toBeUndefined();
    }
  });

  it("folds a preset's fields into its twin, so a shared formula reads like the arithmetic", () => {
    const llama = MODEL_PRESETS.resolve("Llama 3.1 70B");
    const twin = nativeFormula(MODELKV as never, [
      { ref: null, preset: llama },
      { ref: "B2" },
      { ref: "B3" },
    ]);
    // K and V: 2 × 8 KV heads × 128 head_dim = 2,048 values per token per layer; 80 full layers;
    // 2 bytes (FP16): 327,680 bytes per token, the 320 KiB often quoted for Llama 3 70B.
    // A context beyond the model's 131,072 tokens shows #N/A, as the live function refuses it.
    expect(twin).toBe(
      "=IF(OR(NOT(ISNUMBER(B2)),ISLOGICAL(B2),B2<=0,NOT(ISNUMBER(B3)),ISLOGICAL(B3),B3<=0,B2>131072),NA(),2048*80*B2*2*B3/2^30)"
    );
  });
});

describe("numbers in formula text", () => {
  it("are written without an exponent, which not every engine reads", () => {
    expect(plainNumber(1e-9)).toBe("0.000000001");
    expect(plainNumber(-1.5e-7)).toBe("-0.00000015");
    expect(plainNumber(1.25e21)).toBe("1250000000000000000000");
    expect(plainNumber(140e9)).toBe("140000000000");
    expect(plainNumber(0.0806)).toBe("0.0806");
    for (const v of [1e-9, -1.5e-7, 1.25e21, 3.14159e-12, 7e22])
      expect(Number(plainNumber(v))).toBe(v);
  });
});
