import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, MODEL_PRESETS, SYSTEM_PRESETS, type FormulaFunction } from "../../src/core";
import { spill } from "../../src/functions/excel-adapter";

/**
 * Anything a spreadsheet can pass, through the same adapter Excel calls: numbers at the edges
 * (0, negatives, 1e-308, 1e308, fractions where counts belong), text, preset names, booleans,
 * blanks, single cells, ragged and empty ranges. Every call must return finite numbers, text or
 * #VALUE!/#N/A errors that carry a message — never NaN, Infinity, a generic throw, or a hang.
 * At least 100,000 calls a run (CALLS_PER_FUNCTION × the 12 functions).
 */
const CALLS_PER_FUNCTION = Number(process.env.HARDENING_RUNS ?? 8500);

const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-308, -1e-308, 1e308, -1e308, 2 ** 53, 1.5, 16, 80, 10000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: 0, max: 1, noNaN: true })
);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "FP16",
    "bf16",
    "INT4",
    "MXFP4",
    "FP12",
    "16",
    " 8 ",
    "1e3",
    "70B",
    "10%",
    "1,000",
    "#N/A",
    "=1+1"
  ),
  fc.constantFrom(
    ...MODEL_PRESETS.items.map((m) => m.name),
    ...SYSTEM_PRESETS.items.map((s) => s.name),
    "H100",
    "gpt-oss-20b"
  )
);
const cell = fc.oneof(
  { weight: 5, arbitrary: edgeNumber },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, "", undefined) }
);
const rectangle = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, cols]) =>
    fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    })
  );
const oddRange = fc.oneof(
  fc.constant([]),
  fc.constant([[]]),
  fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }) // often ragged
);
const argument = fc.oneof(
  { weight: 6, arbitrary: cell.map((v) => [[v]]) }, // Excel passes a single cell as [[v]]
  { weight: 2, arbitrary: rectangle },
  { weight: 1, arbitrary: oddRange },
  { weight: 1, arbitrary: fc.constant(null) } // an omitted argument
);

/** A result Excel can show: a finite number, text, or an error it displays with its message. */
function checkCell(value: unknown): void {
  if (typeof value === "number") {
    expect(Number.isFinite(value)).toBe(true);
    return;
  }
  if (typeof value === "string") return;
  checkError(value);
}

function checkError(error: unknown): void {
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  const e = error as { code: string; message: string };
  expect(["#VALUE!", "#N/A"]).toContain(e.code);
  expect(e.message.length).toBeGreaterThan(10);
  expect(e.message).not.toMatch(/Unexpected error/);
}

function call(fn: FormulaFunction, args: unknown[]): void {
  let result: unknown[][];
  try {
    result = spill(fn, args as never);
  } catch (error) {
    checkError(error);
    return;
  }
  expect(Array.isArray(result) && result.length > 0).toBe(true);
  for (const row of result) for (const value of row) checkCell(value);
}

describe(`every function survives anything a spreadsheet passes (${CALLS_PER_FUNCTION} calls each)`, () => {
  it.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))("%s", (_id, fn) => {
    const args = fc.array(argument, { minLength: 0, maxLength: fn.params.length });
    fc.assert(
      fc.property(args, (a) => call(fn, a)),
      { numRuns: CALLS_PER_FUNCTION }
    );
  });
});
