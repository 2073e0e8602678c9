import { describe, expect, it } from "vitest";
import {
  editDistance,
  evaluate,
  MODEL_PRESETS,
  MODELKV,
  normalizeName,
  SYSTEM_PRESETS,
  TokenomicsError,
  type ModelSpec,
  type SystemSpec,
} from "../../src/core";

/** The preset data: complete, sourced, sane, and found by the names people use. */

describe("model presets", () => {
  const models = MODEL_PRESETS.items;

  it("number at least 30", () => {
    expect(models.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    "Llama 3.1 8B",
    "Llama 3.1 70B",
    "Llama 3.1 405B",
    "Llama 3.3 70B",
    "Llama 4 Scout",
    "Llama 4 Maverick",
    "Llama 2 70B",
    "Mistral 7B",
    "Mixtral 8x7B",
    "Mixtral 8x22B",
    "DeepSeek-V3",
    "DeepSeek-R1",
    "Qwen2.5 7B",
    "Qwen2.5 72B",
    "Qwen3 8B",
    "Qwen3 32B",
    "Qwen3-235B-A22B",
    "Qwen3-Next-80B-A3B",
    "Gemma 2 9B",
    "Gemma 2 27B",
    "Gemma 3 27B",
    "gpt-oss-20b",
    "gpt-oss-120b",
    "Kimi K2",
    "GLM-4.5",
    "Phi-4",
  ])("%s resolves by name", (name) => {
    expect(MODEL_PRESETS.find(name)).toBeDefined();
  });

  it.each([
    ["meta-llama/Llama-3.1-70B-Instruct", "Llama 3.1 70B"],
    ["meta-llama/Meta-Llama-3.1-8B-Instruct", "Llama 3.1 8B"],
    ["llama_3_1_405b", "Llama 3.1 405B"],
    ["deepseek-ai/DeepSeek-V3", "DeepSeek-V3"],
    ["Qwen/Qwen2.5-72B-Instruct", "Qwen2.5 72B"],
    ["google/gemma-2-9b-it", "Gemma 2 9B"],
    ["openai/gpt-oss-120b", "gpt-oss-120b"],
    ["mistralai/Mixtral-8x7B-Instruct-v0.1", "Mixtral 8x7B"],
    ["moonshotai/Kimi-K2-Instruct", "Kimi K2"],
  ])("Hugging Face id %s resolves to %s", (id, name) => {
    expect(MODEL_PRESETS.find(id)?.name).toBe(name);
  });

  it("never resolves a quantized checkpoint's name to the full-precision preset", () => {
    expect(MODEL_PRESETS.find("meta-llama/Llama-3.1-405B-FP8")).toBeUndefined();
    expect(MODEL_PRESETS.find("Llama-3.1-70B-AWQ")).toBeUndefined();
  });

  it.each([
    ["Llama 3 170B", "the digits of 3 and 170 never merge into 3.1 and 70"],
    ["Llama-3.1-7B", "7B is not 70B"],
    ["Qwen2 57B", "Qwen2 57B is not Qwen2.5 7B"],
    ["Llama 31 70B", "31 is not 3.1"],
    ["someorg/Llama-3.1-70B-Instruct-abliterated", "someone's fine-tune is not the base model"],
    [
      "someorg/Llama-3.1-70B-Instruct",
      "an unknown organisation's tail must be exactly a preset name",
    ],
    ["unsloth/Llama-3.1-70B-Instruct-bnb-4bit", "a quantised re-upload is not the base model"],
    ["nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", "a fine-tune named after its base is not it"],
  ])("%s is unknown: %s", (query) => {
    expect(MODEL_PRESETS.find(query)).toBeUndefined();
    const cell = evaluate(MODELKV, [query, 1000, 1])[0][0] as TokenomicsError;
    expect(cell.kind).toBe("notAvailable");
    expect(cell.message).toContain(`Unknown model "${query}"`);
  });

  it.each([
    ["Llama 3.1 70B", "Llama 3.1 70B"],
    ["LLAMA_3_1_70B", "Llama 3.1 70B"],
    ["llama-3.1-70b-instruct", "Llama 3.1 70B"],
    ["someorg/Llama-3.1-70B", "Llama 3.1 70B"],
    ["meta-llama/Llama-3.1-70B-Instruct", "Llama 3.1 70B"],
    ["Qwen2 5 72B", "Qwen2.5 72B"],
  ])("%s resolves to %s: only case and separators are folded", (query, name) => {
    expect(MODEL_PRESETS.find(query)?.name).toBe(name);
  });

  it("suggests the near misses a typo points at", () => {
    const message = (query: string) =>
      (evaluate(MODELKV, [query, 1000, 1])[0][0] as TokenomicsError).message;
    expect(message("Llama 3 170B")).toMatch(/Closest presets: .*Llama 3\.1 70B/);
    expect(message("Qwen2 57B")).toMatch(/Closest presets: Qwen2\.5 7B/);
    expect(message("Mixtrl 8x7B")).toMatch(/Closest presets: Mixtral 8x7B/);
  });

  it("refuses an over-long name at once, without echoing it", () => {
    const name = "x".repeat(32767);
    const cell = evaluate(MODELKV, [name, 1000, 1])[0][0] as TokenomicsError;
    expect(cell.kind).toBe("notAvailable");
    expect(cell.message).toMatch(/32,767 characters long, longer than any preset name/);
    expect(cell.message.length).toBeLessThan(200);
  });

  it("names no two presets alike once folded", () => {
    // PresetIndex throws while loading if two presets answer to one name; reaching here means none do.
    expect(MODEL_PRESETS.items.length + SYSTEM_PRESETS.items.length).toBeGreaterThan(50);
  });

  it("an unknown name is #N/A suggesting the closest presets", () => {
    const cell = evaluate(MODELKV, ["Lama 3.1 70B", 1000, 1])[0][0] as TokenomicsError;
    expect(cell.kind).toBe("notAvailable");
    expect(cell.message).toMatch(/Unknown model "Lama 3.1 70B"\. Closest presets: Llama 3\.1 70B/);
    expect(cell.message).toMatch(/=TOKENOMICS\.MODELS\(\) lists them all/);
  });

  it.each(models.map((m) => [m.name, m] as const))(
    "%s has a source, a confidence and sane values",
    (_name, m) => {
      const model = m as ModelSpec;
      expect(model.source.length).toBeGreaterThan(10);
      expect(model.confidence).toMatch(/high|medium|low/);
      expect(model.total_params_b).toBeGreaterThan(0.1);
      expect(model.total_params_b).toBeLessThan(5000);
      expect(model.active_params_b ?? model.total_params_b).toBeLessThanOrEqual(
        model.total_params_b
      );
      expect(model.layers).toBeGreaterThanOrEqual(12);
      expect(model.layers).toBeLessThanOrEqual(200);
      expect(model.head_dim).toBeGreaterThanOrEqual(32);
      expect(model.head_dim).toBeLessThanOrEqual(512);
      expect(model.kv_heads).toBeLessThanOrEqual(model.attention_heads ?? Infinity);
      expect(model.max_context ?? 0).toBeGreaterThanOrEqual(2048);
      expect(["BF16", "FP16", "FP8", "MXFP4", "NVFP4", "INT4"]).toContain(model.native_precision);
    }
  );
});

describe("system presets", () => {
  const systems = SYSTEM_PRESETS.items;

  it("number at least 20", () => {
    expect(systems.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ["A100", "NVIDIA A100 80GB SXM"],
    ["H100", "NVIDIA H100 SXM 80GB"],
    ["H200", "NVIDIA H200 SXM 141GB"],
    ["GH200", "NVIDIA GH200 144GB"],
    ["GH200 96GB", "NVIDIA GH200 96GB"],
    ["GH200 144GB", "NVIDIA GH200 144GB"],
    ["B200", "NVIDIA B200"],
    ["B300", "NVIDIA B300"],
    ["GB200 NVL72", "NVIDIA GB200 NVL72"],
    ["GB300 NVL72", "NVIDIA GB300 NVL72"],
    ["L40S", "NVIDIA L40S"],
    ["MI300X", "AMD Instinct MI300X"],
    ["MI325X", "AMD Instinct MI325X"],
    ["MI355X", "AMD Instinct MI355X"],
    ["Gaudi 3", "Intel Gaudi 3"],
    ["TPU v5e", "Google TPU v5e"],
    ["TPU v5p", "Google TPU v5p"],
    ["TPU v6e", "Google TPU v6e (Trillium)"],
    ["Ironwood", "Google TPU7x (Ironwood)"],
    ["Trainium2", "AWS Trainium2"],
    ["Groq LPU", "Groq LPU"],
    ["Cerebras WSE-3", "Cerebras WSE-3 (CS-3)"],
    ["SambaNova SN40L", "SambaNova SN40L"],
  ])("%s resolves to %s", (query, name) => {
    expect(SYSTEM_PRESETS.find(query)?.name).toBe(name);
  });

  it.each(systems.map((s) => [s.name, s] as const))(
    "%s has a source, a confidence and sane values",
    (_n, s) => {
      const system = s as SystemSpec;
      expect(system.source.length).toBeGreaterThan(10);
      expect(system.confidence).toMatch(/high|medium|low/);
      expect(system.memory_gb).toBeGreaterThan(0.1);
      expect(system.memory_gb).toBeLessThanOrEqual(300); // no "10 TB chip"
      if (system.fp8_tflops && system.bf16_tflops)
        expect(system.fp8_tflops).toBeGreaterThanOrEqual(system.bf16_tflops);
      if (system.tdp_w !== null) expect(system.tdp_w).toBeLessThanOrEqual(2000);
      if (system.rack_power_kw !== null) {
        expect(system.rack_power_kw).toBeLessThanOrEqual(200);
        expect(system.rack_power_note).toMatch(/^ESTIMATE/);
      }
      if (system.price_per_chip_usd !== null || system.price_per_rack_usd !== null) {
        expect(system.price_note).toMatch(/^ESTIMATE.*\(.*\d{4}|undated/);
      }
    }
  );

  it("SRAM-only chips count their SRAM, MB as MiB (the article: 256 MB = 0.25 GB)", () => {
    const groq = SYSTEM_PRESETS.resolve("Groq LPU");
    expect(groq.memory_gb).toBe(230 / 1024);
    expect(SYSTEM_PRESETS.resolve("Cerebras").memory_gb * 1024).toBe(
      SYSTEM_PRESETS.resolve("Cerebras").sram_mb
    );
  });
});

describe("names", () => {
  it("measure near misses by edit distance (textbook cases)", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("flaw", "lawn")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("h100", "h100")).toBe(0);
    expect(editDistance("kitten", "sitting", 1)).toBeGreaterThan(1); // stops early past the limit
  });

  it("ignore case, spaces, dashes, dots and underscores", () => {
    expect(normalizeName(" Llama-3.1_70B ")).toBe(normalizeName("llama 3 1 70b"));
  });

  it("never let two presets answer to the same name (the index refuses to build)", () => {
    const keys = new Map<string, string>();
    for (const m of MODEL_PRESETS.items) {
      for (const label of [m.name, ...(m.aliases ?? [])]) {
        const key = normalizeName(label);
        expect(keys.get(key) ?? m.name).toBe(m.name);
        keys.set(key, m.name);
      }
    }
  });
});
