import { describe, expect, it } from "vitest";
import {
  BYTES_PER_GB,
  CHIPS,
  evaluate,
  KVCACHE,
  RACKS_FN,
  WEIGHTS,
  type FormulaFunction,
} from "../../src/core";

/** One call's one result, as Excel would show it in the cell. */
const one = (fn: FormulaFunction, ...args: (number | string)[]) =>
  evaluate(fn, args)[0][0] as number;
const weightsGB = (params: number, bytes: number, instances: number) =>
  one(WEIGHTS, params, bytes, instances);
const kvCacheGB = (...args: number[]) => one(KVCACHE, ...args);
const chipsNeeded = (memory: number, chip: number) => one(CHIPS, memory, chip);
const racksNeeded = (memory: number, chip: number, perRack: number) =>
  one(RACKS_FN, memory, chip, perRack);

/**
 * The source article's worked example (shared/seed/tokenomics-article.txt): one instance of
 * Llama 3.1 70B at FP16, 16 users, 10,000 tokens of context. Its arithmetic, written out:
 *   weights  = 70e9 params × 2 bytes                              = 140,000,000,000 bytes  ("~130 GB")
 *   KV cache = 2 × 8 × 80 × (8192 / 64) × 2 × 10,000 × 16         =  52,428,800,000 bytes  ("~49 GB")
 *   total "~179 GB"; GH200 with 144 GB → "1.24 chips"; 0.25 GB SRAM chips → "716 chips", 128 a rack → "5.6 racks".
 */
describe("the article's worked example: Llama 3.1 70B, FP16, 10,000 tokens, 16 users", () => {
  const weights = weightsGB(70, 2, 1);
  const kv = kvCacheGB(8, 80, 8192, 64, 2, 10_000, 16);
  const total = weights + kv;

  it("weights take 140e9 bytes: ~130 GB of 2^30 bytes", () => {
    expect(weights * BYTES_PER_GB).toBeCloseTo(140e9, 0);
    expect(weights).toBeCloseTo(130.39, 2);
    expect(Math.round(weights)).toBe(130);
  });

  it("the KV cache takes 52,428,800,000 bytes: exactly 48.828125 GB (~49 GB)", () => {
    expect(kv * BYTES_PER_GB).toBe(52_428_800_000);
    expect(kv).toBe(48.828125);
    expect(Math.round(kv)).toBe(49);
  });

  it("together they need ~179 GB", () => {
    expect(Math.round(total)).toBe(179);
  });

  it("a GH200 with 144 GB of HBM needs 1.24 chips (two whole chips)", () => {
    expect(chipsNeeded(179, 144)).toBeCloseTo(1.24, 2);
    expect(chipsNeeded(total, 144)).toBeCloseTo(1.24, 2);
    expect(Math.ceil(chipsNeeded(total, 144))).toBe(2);
  });

  it("chips with 256 MB of SRAM need 716 chips, 5.6 racks of 128 (six whole racks)", () => {
    expect(chipsNeeded(179, 0.25)).toBe(716);
    expect(racksNeeded(179, 0.25, 128)).toBeCloseTo(5.6, 1);
    expect(Math.ceil(racksNeeded(total, 0.25, 128))).toBe(6);
  });
});

describe("weights", () => {
  it("scale with bytes per value and instances", () => {
    // 8B at FP8 (1 byte), two instances = 16e9 bytes.
    expect(weightsGB(8, 1, 2) * BYTES_PER_GB).toBeCloseTo(16e9, 0);
    // 405B at 4-bit = 202.5e9 bytes.
    expect(weightsGB(405, 0.5, 1) * BYTES_PER_GB).toBeCloseTo(202.5e9, 0);
  });
});

describe("KV cache", () => {
  it("Llama 3.1 8B (8 KV heads, 32 layers, 4096 / 32 = 128 head_dim) holds 128 KiB per token at FP16", () => {
    // 2 × 8 × 32 × 128 × 2 bytes = 131,072 bytes per token: a figure quoted widely for Llama 3 8B.
    expect(kvCacheGB(8, 32, 4096, 32, 2, 1, 1) * BYTES_PER_GB).toBe(131_072);
  });

  it("is linear in context and in users", () => {
    const one = kvCacheGB(8, 80, 8192, 64, 2, 1000, 1);
    expect(kvCacheGB(8, 80, 8192, 64, 2, 3000, 1)).toBeCloseTo(3 * one, 12);
    expect(kvCacheGB(8, 80, 8192, 64, 2, 1000, 7)).toBeCloseTo(7 * one, 12);
  });
});
