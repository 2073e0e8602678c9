import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import {
  CONSTANT_VALUES,
  CURVE,
  evaluate,
  MAXUSERS,
  MODEL_PRESETS,
  THROUGHPUT,
  TOKENCOST,
  TokenomicsError,
  TOKENSPERSEC,
  TPOT,
  TTFT,
} from "../../src/core";
import { formulaTwin } from "../../src/workbook/formula-twin";

/**
 * TOKENOMICS.CURVE: the throughput–interactivity curve. Each row is the estimate at that many users
 * on the same replica, so it must agree with the single-point functions at the same users and
 * chips; its shape (more users: less speed each, more tokens per chip) is checked as properties.
 */
type Cell = string | number | TokenomicsError;
const curve = (args: unknown[]) => evaluate(CURVE, args as never) as Cell[][];
const one = (fn: typeof TOKENSPERSEC, args: unknown[]) => {
  const v = evaluate(fn, args as never)[0][0];
  if (v instanceof Error) throw v;
  return v as number;
};
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), Math.abs(b)));

describe("TOKENOMICS.CURVE", () => {
  it("has a header and one row per load: users, tokens/s per user, TPOT, TTFT, tokens/s per chip, USD per million output tokens", () => {
    const t = curve(["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 2]);
    expect(t[0]).toEqual([
      "users",
      "tokens/s per user",
      "TPOT, s",
      "TTFT, s",
      "output tokens/s per chip",
      "USD per million output tokens",
    ]);
    expect(t).toHaveLength(13); // 12 points by default
    expect(curve(["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 2, 5])).toHaveLength(6);
  });

  it.each([
    ["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 2],
    ["DeepSeek-R1", "B200", 1024, 8192, null, "FP8", 8],
    ["Qwen3 30B-A3B", "H100", 2000, 500, "FP8", null, 1],
    ["Llama 4 Maverick", "GB200 NVL72", 8192, 1024, "FP8", "FP8", 8],
  ])(
    "agrees row by row with TOKENSPERSEC, TPOT, TTFT and TOKENCOST at the same users and chips: %s on %s",
    (model, system, input, output, precision, kv, chips) => {
      const t = curve([model, system, input, output, precision, kv, chips, 8]);
      for (const row of t.slice(1)) {
        const users = row[0] as number;
        const at = [model, system, input, output, users, precision, kv, chips];
        close(row[4] as number, one(TOKENSPERSEC, at));
        close(row[2] as number, one(TPOT, at));
        close(row[1] as number, 1 / one(TPOT, at));
        close(row[3] as number, one(TTFT, at));
        const cost = evaluate(TOKENCOST, at as never)[2][1] as number;
        close(row[5] as number, cost);
      }
    }
  );

  it("runs from 1 user to the most that fit: MAXUSERS, up to the engine's batch cap", () => {
    for (const [model, system, chips] of [
      ["Llama 3.1 70B", "H200", 2],
      ["Llama 3.1 8B", "H100", 1],
      ["DeepSeek-R1", "B200", 8],
    ] as const) {
      const t = curve([model, system, 1000, 1000, "FP8", "FP8", chips]);
      const fit = Math.min(
        one(MAXUSERS, [model, system, 1000, 1000, "FP8", "FP8", chips]),
        CONSTANT_VALUES.batch_cap
      );
      expect(t[1][0]).toBe(1);
      expect(t[t.length - 1][0]).toBe(fit);
    }
  });

  it("keeps the chips of the maximum-throughput point when chips is left out", () => {
    const t = curve(["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8"]);
    const best = evaluate(THROUGHPUT, [
      "Llama 3.1 70B",
      "H200",
      1000,
      1000,
      null,
      "FP8",
      "FP8",
      null,
    ] as never);
    const chips = best[1][1] as number;
    const users = t[6][0] as number;
    close(
      t[6][4] as number,
      one(TOKENSPERSEC, ["Llama 3.1 70B", "H200", 1000, 1000, users, "FP8", "FP8", chips])
    );
    expect(t[t.length - 1][4]).toBeCloseTo(best[8][1] as number, 9);
  });

  it("repeats the most that fit in its last rows when fewer users fit than points", () => {
    // Llama 3.1 70B in FP16 on two H100s: 141 GB of weights leave KV room for a few long requests.
    const t = curve(["Llama 3.1 70B", "H100", 30000, 2000, "FP16", "FP16", 2, 20]);
    const users = t.slice(1).map((r) => r[0] as number);
    const fit = users[users.length - 1];
    expect(fit).toBeLessThan(20);
    expect(users.slice(0, fit)).toEqual(Array.from({ length: fit }, (_, i) => i + 1));
    expect(new Set(users.slice(fit - 1))).toEqual(new Set([fit]));
  });

  it("shows the cost column's error alone where the preset has no price, with what to give", () => {
    // GB300 NVL72: its rack price is not public (the preset says so); its throughput still computes.
    const t = curve(["Llama 3.1 70B", "GB300 NVL72", 1000, 1000, "FP8", "FP8", 2, 4]);
    for (const row of t.slice(1)) {
      expect(typeof row[4]).toBe("number");
      expect(row[5]).toBeInstanceOf(TokenomicsError);
      expect((row[5] as TokenomicsError).message).toMatch(/give chip_hour_usd/);
    }
    const priced = curve(["Llama 3.1 70B", "GB300 NVL72", 1000, 1000, "FP8", "FP8", 2, 4, 3.5]);
    expect(priced.slice(1).every((row) => typeof row[5] === "number")).toBe(true);
  });

  it("refuses what the estimate refuses, and points outside 2 to 50", () => {
    expect(() => curve(["Llama 3.1 405B", "L40S", 1000, 1000, null, null, 1])).toThrow(
      /do not fit on 1 chip \(/
    );
    expect(() => curve(["Llama 3.1 8B", "H100", 1000, 1000, null, null, null, 1])).toThrow(
      /points must be a whole number ≥ 2 and ≤ 50; got 1/
    );
    expect(() => curve(["Llama 3.1 8B", "H100", 1000, 1000, null, null, null, 51])).toThrow(
      /points/
    );
  });

  const fitting = fc
    .record({
      model: fc.constantFrom(...MODEL_PRESETS.items.map((m) => m.name)),
      system: fc.constantFrom("H100", "H200", "B200", "GB200 NVL72", "MI300X", "A100"),
      input: fc.integer({ min: 100, max: 16000 }),
      output: fc.integer({ min: 50, max: 4000 }),
      precision: fc.constantFrom("FP8", "FP16", null),
      points: fc.integer({ min: 2, max: 30 }),
    })
    .map((r) => {
      try {
        return {
          ...r,
          table: curve([r.model, r.system, r.input, r.output, r.precision, "FP8", null, r.points]),
        };
      } catch {
        return undefined; // the model does not fit, or the context is too long: refused, tested above
      }
    })
    .filter((r) => r !== undefined);

  it("has the curve's shape: users rise; tokens/s per user fall; tokens/s per chip rise; cost falls", () => {
    fc.assert(
      fc.property(fitting, (r) => {
        const rows = r!.table.slice(1).map((row) => row.map((c) => c as number));
        const fit = rows[rows.length - 1][0];
        for (let i = 1; i < rows.length; i++) {
          const [prev, now] = [rows[i - 1], rows[i]];
          if (fit >= r!.points) expect(now[0]).toBeGreaterThan(prev[0]);
          else expect(now[0]).toBeGreaterThanOrEqual(prev[0]);
          expect(now[1]).toBeLessThanOrEqual(prev[1] * (1 + 1e-12));
          expect(now[4]).toBeGreaterThanOrEqual(prev[4] * (1 - 1e-12));
          if (typeof now[5] === "number") expect(now[5]).toBeLessThanOrEqual(prev[5] * (1 + 1e-12));
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe("CURVE's native twin", () => {
  it("computes the same table in HyperFormula, for the points a cell holds, and shows #N/A once that cell changes", () => {
    const live = '=TOKENOMICS.CURVE("Llama 3.1 70B","H200",1000,1000,"FP8","FP8",2,A1)';
    const twin = formulaTwin(live, (ref) => (ref === "A1" ? [[6]] : undefined));
    expect(twin.reason).toBeUndefined();
    const grid = twin.native as (string | number)[][];
    expect(grid).toHaveLength(7);
    const hf = HyperFormula.buildFromArray([[6], [], ...grid], { licenseKey: "gpl-v3" });
    const expected = curve(["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 2, 6]);
    expected.forEach((row, r) =>
      row.forEach((cell, c) => {
        const got = hf.getCellValue({ sheet: 0, row: r + 2, col: c });
        if (typeof cell === "number") close(got as number, cell);
        else expect(got).toBe(cell);
      })
    );
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, 7);
    expect(String((hf.getCellValue({ sheet: 0, row: 3, col: 4 }) as { value: string }).value)).toBe(
      "#N/A"
    );
  });
});
