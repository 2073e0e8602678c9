import { describe, expect, it } from "vitest";
import { BYTES_PER_GB, evaluate, MODELKV, TokenomicsError } from "../../src/core";

/**
 * What each attention structure must cache, checked against numbers written out here from the
 * models' configs (../shared/reference/models.tsv) and the DeepSeek-V2 paper's per-token counts:
 * MHA 2·n_h·d_h·l, GQA 2·n_g·d_h·l, MLA (d_c + d_h^R)·l. With kv_precision = 1 byte and one user,
 * GB × 2^30 is the number of cached values.
 */
function values(model: string, context: number): number {
  const cell = evaluate(MODELKV, [model, context, 1, 1])[0][0];
  if (cell instanceof TokenomicsError) throw cell;
  return Math.round((cell as number) * BYTES_PER_GB);
}

describe("the article's example by name", () => {
  it("Llama 3.1 70B, FP16, 10,000 tokens, 16 users → 48.83 GB", () => {
    expect(evaluate(MODELKV, ["Llama 3.1 70B", 10000, 16, "FP16"])).toEqual([[48.828125]]);
    expect(evaluate(MODELKV, ["meta-llama/Llama-3.1-70B-Instruct", 10000, 16])).toEqual([
      [48.828125],
    ]);
  });
});

describe("per-token counts of the DeepSeek-V2 paper", () => {
  it("MHA, 2·n_h·d_h·l: Phi-3.5-mini (32 heads × 96, 32 layers) caches 196,608 values a token", () => {
    expect(values("Phi-3.5-mini", 1)).toBe(2 * 32 * 96 * 32);
  });

  it("GQA, 2·n_g·d_h·l: Llama 3.1 8B (8 KV heads × 128, 32 layers) caches 65,536", () => {
    expect(values("Llama 3.1 8B", 1)).toBe(2 * 8 * 128 * 32);
  });

  it("MLA, (d_c + d_h^R)·l: DeepSeek-V3 and Kimi K2 (512 + 64, 61 layers) cache 35,136, not 2·128·192·61", () => {
    expect(values("DeepSeek-V3", 1)).toBe((512 + 64) * 61);
    expect(values("DeepSeek-R1", 1)).toBe((512 + 64) * 61);
    expect(values("Kimi K2", 1)).toBe((512 + 64) * 61);
    // The paper's own instance: d_c = 4·d_h and d_h^R = d_h / 2 with d_h = 128 → 4.5·d_h = 576 per layer.
    expect(values("DeepSeek-V2-Lite", 1)).toBe(4.5 * 128 * 27);
  });

  it("MLA is linear in context: 100,000 tokens hold 100,000 times one token", () => {
    expect(values("DeepSeek-V3", 100_000)).toBe(576 * 61 * 100_000);
  });
});

describe("sliding-window layers hold at most the window", () => {
  const mistralPerToken = 2 * 8 * 128 * 32; // every layer windowed at 4,096

  it("Mistral 7B v0.1 grows until 4,096 tokens, then stops", () => {
    expect(values("Mistral 7B", 2000)).toBe(mistralPerToken * 2000);
    expect(values("Mistral 7B", 4096)).toBe(mistralPerToken * 4096);
    expect(values("Mistral 7B", 32768)).toBe(mistralPerToken * 4096);
  });

  it("Gemma 2 9B: below the window all 42 layers grow; above it only the 21 global ones", () => {
    const perTokenLayer = 2 * 8 * 256;
    expect(values("Gemma 2 9B", 2048)).toBe(perTokenLayer * 42 * 2048);
    expect(values("Gemma 2 9B", 8192)).toBe(perTokenLayer * (21 * 8192 + 21 * 4096));
  });

  it("Gemma 3 27B: 10 global layers full, 52 local layers at most 1,024 tokens", () => {
    expect(values("Gemma 3 27B", 131072)).toBe(2 * 16 * 128 * (10 * 131072 + 52 * 1024));
  });

  it("gpt-oss-120b: 18 full layers, 18 windowed at 128 tokens", () => {
    expect(values("gpt-oss-120b", 100_000)).toBe(2 * 8 * 64 * (18 * 100_000 + 18 * 128));
  });
});

describe("chunked local attention holds at most one chunk", () => {
  it("Llama 4 Scout: 12 global layers full, 36 chunked layers at most 8,192 tokens", () => {
    expect(values("Llama 4 Scout", 100_000)).toBe(2 * 8 * 128 * (12 * 100_000 + 36 * 8192));
    expect(values("Llama 4 Scout", 4000)).toBe(2 * 8 * 128 * 48 * 4000);
  });
});

describe("a hybrid linear-attention model", () => {
  // Qwen3-Next-80B-A3B: 12 full layers (2 KV heads × 256); 36 Gated DeltaNet layers each holding
  // a 32 × 128 × 128 recurrent state and a 3 × (2·16·128 + 32·128) convolution state (vLLM's shapes).
  const perFullToken = 12 * 2 * 2 * 256;
  const fixed = 36 * (32 * 128 * 128 + 3 * (2 * 16 * 128 + 32 * 128));

  it("holds a fixed state whatever the context", () => {
    expect(values("Qwen3-Next 80B-A3B", 1)).toBe(perFullToken + fixed);
  });

  it("grows only with its full-attention layers", () => {
    expect(values("Qwen3-Next 80B-A3B", 20_000) - values("Qwen3-Next 80B-A3B", 10_000)).toBe(
      perFullToken * 10_000
    );
  });
});

describe("KV precision", () => {
  it("defaults to 16-bit and scales with bytes per value", () => {
    const fp16 = evaluate(MODELKV, ["Llama 3.1 70B", 10000, 16])[0][0] as number;
    const fp8 = evaluate(MODELKV, ["Llama 3.1 70B", 10000, 16, "FP8"])[0][0] as number;
    expect(fp16).toBe(48.828125);
    expect(fp8).toBe(fp16 / 2);
  });
});
