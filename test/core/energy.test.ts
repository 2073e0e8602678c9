import { describe, expect, it } from "vitest";
import { ENERGYPERTOKEN, evaluate, TOKENSPERMW, TOKENSPERSEC } from "../../src/core";

/**
 * Energy per token and tokens per megawatt: the throughput estimate against the power a chip draws
 * at the facility meter. The power side is the presets' published numbers, computed here by hand.
 */
const one = (fn: typeof TOKENSPERSEC, args: unknown[]) => {
  const v = evaluate(fn, args as never)[0][0];
  if (v instanceof Error) throw v;
  return v as number;
};

describe("ENERGYPERTOKEN and TOKENSPERMW", () => {
  const args = ["Llama 3.1 70B", "GB200 NVL72", 1000, 1000, 64, "FP8", "FP8", 2];
  const perChip = one(TOKENSPERSEC, args);

  it("is a chip's share of its rack's power × PUE over its tokens/s (GB200 NVL72: 120 kW for 72 chips)", () => {
    // 120 kW / 72 chips = 1,666.7 W a chip; × PUE 1.25 (the default) at the facility meter.
    expect(one(ENERGYPERTOKEN, args)).toBeCloseTo(((120_000 / 72) * 1.25) / perChip, 12);
    expect(one(ENERGYPERTOKEN, [...args, 1.1])).toBeCloseTo(((120_000 / 72) * 1.1) / perChip, 12);
  });

  it("uses the server where the system has no rack preset (H200: 10.2 kW for 8 chips)", () => {
    const h200 = ["Llama 3.1 70B", "H200", 1000, 1000, 64, "FP8", "FP8", 2];
    expect(one(ENERGYPERTOKEN, h200)).toBeCloseTo(
      ((10_200 / 8) * 1.25) / one(TOKENSPERSEC, h200),
      12
    );
  });

  it.each([
    ["Llama 3.1 70B", "GB200 NVL72", 1000, 1000],
    ["Llama 3.1 70B", "H200", 8000, 1000, 16],
    ["DeepSeek-R1", "B200", 1024, 8192, null, null, "FP8", 8, 1.4],
    ["Qwen3 30B-A3B", "H100", 2000, 500, 4, "FP8", null, 1],
  ])("ENERGYPERTOKEN × TOKENSPERMW = 10^6 for %s on %s", (...a) => {
    expect(one(ENERGYPERTOKEN, a) * one(TOKENSPERMW, a)).toBeCloseTo(1e6, 6);
  });

  it("says what a preset lacks instead of computing with 0 power, and refuses a PUE below 1", () => {
    expect(() => one(ENERGYPERTOKEN, ["Llama 3.1 70B", "MI300X", 1000, 1000])).toThrow(
      "AMD Instinct MI300X has no server_power_kw in its preset, so energy per token cannot be estimated"
    );
    expect(() => one(TOKENSPERMW, [...args, 0.9])).toThrow(/pue must be a number ≥ 1/);
  });
});
