import fc from "fast-check";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import {
  FUNCTIONS,
  MODEL_PRESETS,
  SYSTEM_PRESETS,
  type FormulaFunction,
  type Param,
} from "../../src/core";
import { registerTokenomics } from "../../src/engines/hyperformula-plugin";
import { formulaTwin, type Grid } from "../../src/workbook/formula-twin";

/**
 * Formulas anyone might type, made shareable: random TOKENOMICS calls (any function, any number
 * of arguments, literals, cells holding numbers, presets, text, blanks, calls nested in calls) over
 * random cells. For every one, the converter returns a twin or a reason and never throws; a twin
 * holds no TOKENOMICS call; and where it gives a twin, HyperFormula shows the same number from the
 * twin as from the live formula. Where the live formula shows an error, there is no twin.
 */
const RUNS = Number(process.env.SHARED_RUNS ?? 600);

const number = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, 2, 8, 16, 80, 128, 8192, 10000, 1e6),
  fc.double({ min: 1e-3, max: 1e6, noNaN: true })
);
const preset = fc.constantFrom(
  ...MODEL_PRESETS.items.map((m) => m.name),
  ...SYSTEM_PRESETS.items.map((s) => s.name)
);
const text = fc.oneof(
  preset,
  fc.constantFrom("FP16", "fp8", "INT4", "MXFP4", "layers", "memory_gb", "x")
);
const cellValue = fc.oneof(
  { weight: 4, arbitrary: number },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.constant(null) }
);
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
const modelName = fc.constantFrom(...MODEL_PRESETS.items.map((m) => m.name));
const systemName = fc.constantFrom(...SYSTEM_PRESETS.items.map((s) => s.name));
const precision = fc.constantFrom("FP16", "fp8", "INT4", "MXFP4", "BF16");
const positive = fc.oneof(
  fc.constantFrom(1, 2, 8, 16, 64, 80, 128, 1000, 8192, 10000),
  fc.double({ min: 0.01, max: 1e5, noNaN: true })
);

/**
 * The sheet: A1 a model, B1 and C1 positive numbers, D1 anything (or blank), E1 a precision,
 * F1 a system — so calls often make sense, and often do not.
 */
const sheetCells = fc.tuple(modelName, positive, positive, cellValue, precision, systemName);

/** An argument for a parameter: mostly one of its kind (literal or cell), sometimes anything. */
function argumentFor(param: Param, depth: number): fc.Arbitrary<string> {
  const typed =
    param.rule.kind === "model"
      ? fc.oneof(modelName.map(quoted), fc.constant("A1"))
      : param.rule.kind === "system"
        ? fc.oneof(systemName.map(quoted), fc.constant("F1"), positive.map(String))
        : param.rule.kind === "precision"
          ? fc.oneof(precision.map(quoted), fc.constant("E1"), fc.constant(""))
          : param.rule.kind === "text"
            ? fc.constantFrom('"layers"', '"kv_heads"', '"memory_gb"', "")
            : fc.oneof(positive.map(String), fc.constantFrom("B1", "C1", "D1"));
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anyArgument(depth) });
}
const anyArgument = (depth: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: number.map((n) => String(n)) },
    { weight: 2, arbitrary: text.map(quoted) },
    { weight: 4, arbitrary: fc.constantFrom("A1", "B1", "C1", "D1", "E1", "F1") },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: depth > 0 ? 2 : 0, arbitrary: call(depth - 1) }
  );
const required = (fn: FormulaFunction) => fn.params.filter((p) => p.default === undefined).length;
function call(depth: number): fc.Arbitrary<string> {
  return fc.constantFrom(...FUNCTIONS).chain((fn) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.integer({ min: required(fn), max: fn.params.length }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: fn.params.length }) }
      )
      .chain((count) => fc.tuple(...fn.params.slice(0, count).map((p) => argumentFor(p, depth))))
      .map((args) => `TOKENOMICS.${fn.id}(${args.join(",")})`)
  );
}

describe("any typed formula, made shareable", () => {
  it("gives a twin that shows what the live formula shows, or a reason, never a throw", () => {
    registerTokenomics();
    let twins = 0;
    fc.assert(
      fc.property(sheetCells, call(1), fc.boolean(), (cells, body, wrapped) => {
        const formula = wrapped ? `=ROUND(${body},6)+0` : `=${body}`;
        const hf = HyperFormula.buildFromArray([[...cells], [], [formula]], {
          licenseKey: "gpl-v3",
          smartRounding: false,
        });
        try {
          const lookup = (ref: string): Grid | undefined => {
            const v = hf.calculateFormula(`=${ref}`, 0);
            return (Array.isArray(v) ? v : [[v]]) as Grid;
          };
          const twin = formulaTwin(formula, lookup);
          expect(twin.native !== undefined || typeof twin.reason === "string").toBe(true);
          if (twin.native === undefined) return;
          twins++;
          expect(JSON.stringify(twin.native)).not.toMatch(/TOKENOMICS/i);
          const table = Array.isArray(twin.native) ? twin.native : [[twin.native]];
          const at = (r: number, c: number) => hf.getCellValue({ sheet: 0, row: 2 + r, col: c });
          const live = table.map((row, r) => row.map((_v, c) => at(r, c)));
          // HyperFormula itself cannot spill some tables here ("Cell range not allowed"): nothing
          // to compare with.
          if ((live[0][0] as DetailedCellError)?.message === "Cell range not allowed.") return;
          const failed = live[0][0] instanceof DetailedCellError;
          hf.setCellContents({ sheet: 0, row: 2, col: 0 }, table);
          table.forEach((row, r) =>
            row.forEach((content, c) => {
              const [was, now] = [live[r][c], at(r, c)];
              if (failed) {
                // Live, an argument that was a calculation is refused: no number may show.
                if (typeof content === "string" && content.startsWith("=")) {
                  expect(now instanceof DetailedCellError, formula).toBe(true);
                }
              } else if (typeof was === "number") {
                expect(typeof now, formula).toBe("number");
                const tolerance = 1e-9 * Math.max(Math.abs(was), wrapped ? 1e3 : 0);
                expect(Math.abs((now as number) - was), formula).toBeLessThanOrEqual(tolerance);
              } else {
                expect(now, formula).toEqual(was);
              }
            })
          );
        } finally {
          hf.destroy();
        }
      }),
      { numRuns: RUNS }
    );
    // The generator reaches real twins, not only reasons: 101 to 130 of 600 in ten runs measured
    // (a sixth, 100, was too close to be a stable bar).
    expect(twins).toBeGreaterThan(RUNS / 10);
  }, 180_000);
});

/**
 * What someone may put in a cell afterwards: numbers, numbers stored as text (HyperFormula keeps a
 * leading apostrophe's content as text), other text, TRUE or FALSE, or nothing.
 */
const laterContent = fc.oneof(
  { weight: 3, arbitrary: number },
  {
    weight: 2,
    arbitrary: fc.constantFrom("'-5", "'5", "'10000", "'0.5", "'1e3", "'-80", "' 16 "),
  },
  { weight: 1, arbitrary: fc.constantFrom("FP8", "x", "", "  ", "10%") },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) }
);

describe("a shared formula whose cells are changed afterwards", () => {
  it("shows an error exactly where the live formula does, whatever the cells then hold", () => {
    registerTokenomics();
    let compared = 0;
    fc.assert(
      fc.property(
        sheetCells,
        call(1),
        fc.tuple(laterContent, laterContent, laterContent, laterContent),
        (cells, body, [b, c, d, e]) => {
          const formula = `=${body}`;
          const build = (row: unknown[]) =>
            HyperFormula.buildFromArray([row as never, [], [formula]], {
              licenseKey: "gpl-v3",
              smartRounding: false,
            });
          const hf = build([...cells]);
          let native: string;
          try {
            const lookup = (ref: string): Grid | undefined => {
              const v = hf.calculateFormula(`=${ref}`, 0);
              return (Array.isArray(v) ? v : [[v]]) as Grid;
            };
            const twin = formulaTwin(formula, lookup);
            if (typeof twin.native !== "string") return; // tables and reasons: covered above
            native = twin.native;
          } finally {
            hf.destroy();
          }
          // The numeric and precision cells (B1:E1) changed; the preset names stay.
          const changed = [cells[0], b, c, d, e, cells[5]];
          const live = build(changed);
          const shared = HyperFormula.buildFromArray([changed as never, [], [native]], {
            licenseKey: "gpl-v3",
            smartRounding: false,
          });
          try {
            const was = live.getCellValue({ sheet: 0, row: 2, col: 0 });
            const now = shared.getCellValue({ sheet: 0, row: 2, col: 0 });
            const context = `${formula} over ${JSON.stringify(changed)}: live ${String(was)}, twin ${String(now)}`;
            // MODEL, SYSTEM, MODELS and SYSTEMS convert to their results, guarded by the cells they
            // read: changed cells make them #N/A (Make live again recomputes), never a stale value.
            const frozen = /TOKENOMICS\.(MODEL|SYSTEM|MODELS|SYSTEMS)\(/.test(formula);
            if (was instanceof DetailedCellError || !frozen) {
              expect(now instanceof DetailedCellError, context).toBe(
                was instanceof DetailedCellError
              );
            } else if (!(now instanceof DetailedCellError)) {
              expect(now, context).toEqual(was);
            }
            if (typeof was === "number") {
              compared++;
              expect(Math.abs((now as number) - was), context).toBeLessThanOrEqual(
                1e-9 * Math.abs(was)
              );
            }
          } finally {
            live.destroy();
            shared.destroy();
          }
        }
      ),
      { numRuns: RUNS }
    );
    expect(compared).toBeGreaterThan(RUNS / 20); // some changed sheets still compute
  }, 180_000);
});
