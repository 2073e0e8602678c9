import { describe, expect, it } from "vitest";
import { bytesPerValue, PRECISIONS, TokenomicsError } from "../../src/core";

describe("precision names", () => {
  it.each([
    ["FP32", 4],
    ["FP16", 2],
    ["BF16", 2],
    ["FP8", 1],
    ["INT8", 1],
    ["FP6", 0.75],
    ["FP4", 0.5],
    ["INT4", 0.5],
  ])("%s takes %d bytes per value", (name, bytes) => {
    expect(bytesPerValue(name)).toBe(bytes);
  });

  it("match case-insensitively and ignore surrounding spaces", () => {
    expect(bytesPerValue("fp16")).toBe(2);
    expect(bytesPerValue(" Bf16 ")).toBe(2);
  });

  it("each carries the specification that defines its width", () => {
    for (const p of PRECISIONS) expect(p.source.length).toBeGreaterThan(5);
  });
});

describe("precision as bytes per value", () => {
  it("accepts any number in (0, 8]", () => {
    expect(bytesPerValue(2)).toBe(2);
    expect(bytesPerValue(0.5625)).toBe(0.5625);
    expect(bytesPerValue(8)).toBe(8);
  });

  it("rejects zero, negatives and unknown names with #VALUE!", () => {
    for (const bad of [0, -2, "FP12", "half"]) {
      expect(() => bytesPerValue(bad as string | number)).toThrow(TokenomicsError);
    }
    expect(() => bytesPerValue("FP12")).toThrow(/FP12.*not a known format.*FP16/);
  });

  it("rejects a bit count typed where bytes belong, and says so", () => {
    expect(() => bytesPerValue(16)).toThrow(/looks like bits.*"FP16" or 2/);
  });
});
