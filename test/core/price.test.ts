import { describe, expect, it } from "vitest";
import {
  evaluate,
  MARKET_PRICES,
  MODEL_PRESETS,
  PRICE,
  TokenomicsError,
  type FormulaFunction,
} from "../../src/core";

/**
 * The price table and TOKENOMICS.PRICE. Every row must carry its own proof: a pinned tracker file
 * version and the tracker's line, whose numbers are the row's numbers.
 */
const run = (args: unknown[]) => evaluate(PRICE as FormulaFunction, args as never);
const one = (args: unknown[]) => {
  const v = run(args)[0][0];
  if (v instanceof Error) throw v;
  return v;
};

describe("the price table", () => {
  it("has at least 20 dated rows across providers and models, input and output separate", () => {
    expect(MARKET_PRICES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(MARKET_PRICES.map((p) => p.provider)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(MARKET_PRICES.map((p) => p.model)).size).toBeGreaterThanOrEqual(10);
    const keys = MARKET_PRICES.map((p) => `${p.model}|${p.provider}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(MARKET_PRICES.map((p) => [`${p.model} / ${p.provider}`, p] as const))(
    "%s: a preset's model, positive prices, a past date, a pricing page and a pinned tracker line that shows the same numbers",
    (_name, p) => {
      expect(MODEL_PRESETS.resolve(p.model).name).toBe(p.model);
      expect(p.input_usd_per_m).toBeGreaterThan(0);
      expect(p.output_usd_per_m).toBeGreaterThan(0);
      expect(p.date).toMatch(/^20\d\d-[01]\d-[0-3]\d$/);
      expect(Date.parse(p.date)).toBeLessThanOrEqual(Date.now());
      expect(p.source).toMatch(/^https:\/\//);
      expect(p.tracker).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
      // The tracker's own numbers: per million tokens (genai-prices) or per token (litellm).
      const stated = [...p.evidence.matchAll(/(input|output)_(mtok|cost_per_token):? ([\d.e-]+)/g)];
      const per = (side: string) => {
        const m = stated.find((s) => s[1] === side);
        expect(m, `${side} price in the evidence`).toBeDefined();
        const v = Number(m![3]);
        return m![2] === "mtok" ? v : v * 1e6;
      };
      expect(per("input")).toBeCloseTo(p.input_usd_per_m, 9);
      expect(per("output")).toBeCloseTo(p.output_usd_per_m, 9);
    }
  );
});

describe("TOKENOMICS.PRICE", () => {
  it("reads a provider's listing: Groq's Llama 3.3 70B at $0.59 in, $0.79 out (groq.com/pricing)", () => {
    expect(one(["Llama 3.3 70B", "Groq", "input_usd_per_m"])).toBe(0.59);
    expect(one(["Llama 3.3 70B", "groq", "output_usd_per_m"])).toBe(0.79);
    expect(one(["deepseek-ai/DeepSeek-R1", "Amazon Bedrock", "output_usd_per_m"])).toBe(5.4);
    expect(one(["Llama 3.3 70B", "together", "provider"])).toBe("Together AI");
  });

  it("without a provider, takes the lowest listing at 3 input : 1 output, and says which", () => {
    // Llama 3.3 70B: Groq 0.64, Bedrock 0.72, SambaNova 0.75, Together 0.88, Cerebras 0.94 blended.
    expect(one(["Llama 3.3 70B", null, "provider"])).toBe("Groq");
    expect(one(["Llama 3.3 70B", null, "date"])).toBe("2026-07-30");
  });

  it("spills the whole row as (field, value) without a field", () => {
    const row = run(["Kimi K2", "Moonshot"]);
    expect(row.map((r) => r[0])).toEqual([
      "model",
      "provider",
      "input_usd_per_m",
      "output_usd_per_m",
      "date",
      "source",
      "tracker",
      "note",
    ]);
    expect(row[2][1]).toBe(0.6);
    expect(row[3][1]).toBe(2.5);
  });

  it("is #N/A, with the choices, where the table has no price; #VALUE! for an unknown field", () => {
    expect(() => run(["Falcon 180B"])).toThrow(
      /No market price for Falcon 180B.*Models with one: /
    );
    let error: unknown;
    try {
      run(["Llama 3.3 70B", "Fireworks"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenomicsError);
    expect((error as TokenomicsError).kind).toBe("notAvailable");
    expect((error as Error).message).toMatch(
      /No listing of Llama 3.3 70B by "Fireworks".*Providers that list it: .*Groq/
    );
    const bad = run(["Llama 3.3 70B", "", "cost"])[0][0] as TokenomicsError;
    expect(bad.message).toMatch(/PRICE has no field "cost"\. Fields: model, provider/);
  });
});
