import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COSTPERMTOK,
  evaluate,
  MEMORY,
  MODEL_PRESETS,
  MODELKV,
  TCO,
  TokenomicsError,
  WEIGHTS,
  type FormulaFunction,
} from "../../src/core";

/** Laws the model must obey for every preset and any sensible input, as properties. */
const value = (fn: FormulaFunction, args: unknown[]) => {
  const cell = evaluate(fn, args as never)[0][0];
  if (cell instanceof TokenomicsError) throw cell;
  return cell as number;
};
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), Math.abs(b)));

const model = fc.constantFrom(...MODEL_PRESETS.items.map((m) => m.name));
const maxContext = (name: string) => MODEL_PRESETS.find(name)?.max_context ?? 2_000_000;
/** A model and contexts it supports (at most its max_context). */
const modelAnd = <T>(more: (limit: number) => fc.Arbitrary<T>) =>
  model.chain((m) => more(maxContext(m)).map((x) => [m, x] as const));
const context = (limit: number) => fc.integer({ min: 1, max: limit });
const users = fc.integer({ min: 1, max: 4096 });
const bytes = fc.constantFrom(0.5, 0.75, 1, 2, 4);
const factor = fc.integer({ min: 2, max: 64 });

describe("memory laws", () => {
  it("KV is linear in users and in bytes per value", () => {
    fc.assert(
      fc.property(modelAnd(context), users, bytes, factor, ([m, c], u, b, k) => {
        close(value(MODELKV, [m, c, u * k, b]), k * value(MODELKV, [m, c, u, b]));
        close(value(MODELKV, [m, c, u, b * 2]), 2 * value(MODELKV, [m, c, u, b]));
      }),
      { numRuns: 2000 }
    );
  });

  it("KV never shrinks as context grows", () => {
    fc.assert(
      fc.property(
        modelAnd((l) => fc.tuple(context(l), context(l))),
        users,
        ([m, [c1, c2]], u) => {
          const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
          expect(value(MODELKV, [m, lo, u])).toBeLessThanOrEqual(value(MODELKV, [m, hi, u]));
        }
      ),
      { numRuns: 2000 }
    );
  });

  it("a model whose every layer is windowed stops growing at the window", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4096, max: maxContext("Mistral 7B") }), users, (c, u) => {
        expect(value(MODELKV, ["Mistral 7B", c, u])).toBe(value(MODELKV, ["Mistral 7B", 4096, u]));
      }),
      { numRuns: 500 }
    );
  });

  it("weights do not depend on context", () => {
    fc.assert(
      fc.property(
        modelAnd((l) => fc.tuple(context(l), context(l))),
        users,
        ([m, [c1, c2]], u) => {
          const weights = value(WEIGHTS, [m]);
          close(value(MEMORY, [m, c1, u]) - value(MODELKV, [m, c1, u]), weights);
          close(value(MEMORY, [m, c2, u]) - value(MODELKV, [m, c2, u]), weights);
        }
      ),
      { numRuns: 1000 }
    );
  });
});

describe("context limits", () => {
  it("a context longer than the model's max_context is refused, naming the maximum", () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 1, max: 1_000_000 }), users, (m, extra, u) => {
        const limit = MODEL_PRESETS.find(m)!.max_context!;
        for (const fn of [MODELKV, MEMORY]) {
          const cell = evaluate(fn, [m, limit + extra, u])[0][0];
          expect(cell).toBeInstanceOf(TokenomicsError);
          expect((cell as TokenomicsError).message).toContain(String(limit));
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe("cost laws", () => {
  const positive = (min: number, max: number) =>
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const deployment = fc.record({
    tps: positive(1, 1e7),
    racks: positive(0.1, 1000),
    price: positive(1e3, 1e8),
    kw: positive(0.1, 500),
    years: positive(1, 10),
    wacc: positive(0, 0.3),
    hosting: positive(0, 500),
    energy: positive(0.01, 0.5),
    pue: positive(1, 2),
    util: positive(0.05, 1),
  });
  const cost = (d: Record<string, number>) =>
    value(COSTPERMTOK, [
      d.tps,
      d.racks,
      d.price,
      d.kw,
      d.years,
      d.wacc,
      d.hosting,
      d.energy,
      d.pue,
      d.util,
    ]);

  it("falls as utilization or tokens/s rise", () => {
    fc.assert(
      fc.property(deployment, positive(1.01, 10), (d, k) => {
        expect(cost({ ...d, tps: d.tps * k })).toBeLessThan(cost(d));
        if (d.util * k <= 1) expect(cost({ ...d, util: d.util * k })).toBeLessThan(cost(d));
      }),
      { numRuns: 2000 }
    );
  });

  it("grows with price, power, PUE and energy price", () => {
    fc.assert(
      fc.property(deployment, positive(1.01, 10), (d, k) => {
        expect(cost({ ...d, price: d.price * k })).toBeGreaterThan(cost(d));
        if (d.kw * k <= 1000) expect(cost({ ...d, kw: d.kw * k })).toBeGreaterThan(cost(d));
        if (d.pue * k <= 3) expect(cost({ ...d, pue: d.pue * k })).toBeGreaterThan(cost(d));
        if (d.energy * k <= 5)
          expect(cost({ ...d, energy: d.energy * k })).toBeGreaterThan(cost(d));
      }),
      { numRuns: 2000 }
    );
  });

  it("at wacc = 0, capital is straight-line: racks × price / years", () => {
    fc.assert(
      fc.property(deployment, (d) => {
        const table = evaluate(TCO, [
          d.racks,
          d.price,
          d.kw,
          d.years,
          0,
          d.hosting,
          d.energy,
          d.pue,
        ]);
        close(table[1][1] as number, (d.racks * d.price) / d.years);
      }),
      { numRuns: 2000 }
    );
  });
});
