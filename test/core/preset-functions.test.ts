import { describe, expect, it } from "vitest";
import {
  BYTES_PER_GB,
  CHIPS,
  evaluate,
  MEMORY,
  MODEL_FN,
  MODELKV,
  MODELS,
  RACKS_FN,
  SYSTEM_FN,
  SYSTEMS,
  TokenomicsError,
  WEIGHTS,
  type ResultCell,
} from "../../src/core";

const one = (cell: ResultCell) => {
  if (cell instanceof TokenomicsError) throw cell;
  return cell;
};
const errorOf = (cell: ResultCell) => (cell instanceof TokenomicsError ? cell : undefined);

describe("MODEL: a preset as a (field, value) table a user can edit", () => {
  // What MODEL() spills is what the user passes back: text and numbers, no errors.
  const table = evaluate(MODEL_FN, ["Llama 3.1 70B"]) as (string | number)[][];

  it("spills every field, source included", () => {
    const fields = Object.fromEntries(table.map(([field, value]) => [field, value]));
    expect(fields).toMatchObject({
      name: "Llama 3.1 70B",
      layers: 80,
      kv_heads: 8,
      head_dim: 128,
      total_params_b: 70,
    });
    expect(fields.source).toMatch(/maxtext|llama-models/);
    expect(table.every((row) => row.length === 2)).toBe(true);
  });

  it("works wherever a model is expected, and edits flow through", () => {
    expect(evaluate(MODELKV, [table, 10000, 16])).toEqual([[48.828125]]);
    const edited = table.map(([field, value]) => [field, field === "kv_heads" ? 16 : value]);
    expect(evaluate(MODELKV, [edited, 10000, 16])).toEqual([[97.65625]]);
    expect(evaluate(MODELKV, [[["field", "value"], ...table], 10000, 16])).toEqual([[48.828125]]); // header row
  });

  it("a typo in a field name, or a missing required field, is #VALUE! naming it", () => {
    const typo = table.map(([field, value]) => [field === "kv_heads" ? "kv_head" : field, value]);
    expect(() => evaluate(MODELKV, [typo, 10000, 16])).toThrow(/unknown field "kv_head"/);
    const missing = table.filter(([field]) => field !== "layers");
    expect(() => evaluate(MODELKV, [missing, 10000, 16])).toThrow(/layers is required/);
    const tooMany = table.map(([field, value]) => [
      field,
      field === "sliding_window_layers" ? 90 : value,
    ]);
    expect(() => evaluate(MODELKV, [tooMany, 10000, 16])).toThrow(
      /needs sliding_window|exceed layers/
    );
  });

  it("returns one field, or a column of them for a column of names", () => {
    expect(evaluate(MODEL_FN, ["Llama 3.1 70B", "KV heads"])).toEqual([[8]]);
    expect(evaluate(MODEL_FN, [[["Llama 3.1 8B"], ["DeepSeek-V3"]], "layers"])).toEqual([
      [32],
      [61],
    ]);
    expect(evaluate(MODEL_FN, ["DeepSeek-V3", "sliding_window"])).toEqual([[""]]);
    expect(errorOf(evaluate(MODEL_FN, ["DeepSeek-V3", "colour"])[0][0])?.message).toMatch(
      /no field "colour"/
    );
  });
});

describe("MODELS and SYSTEMS: names for dropdowns", () => {
  it("list every preset, or those matching a filter, one per row", () => {
    expect(evaluate(MODELS, [null]).length).toBeGreaterThanOrEqual(30);
    expect(evaluate(MODELS, ["llama 3.1"])).toEqual([
      ["Llama 3.1 8B"],
      ["Llama 3.1 70B"],
      ["Llama 3.1 405B"],
      // published checkpoints of those presets in another weight format
      ["Llama-3.1-8B-Instruct-FP8"],
      ["Llama-3.1-70B-Instruct-FP8-KV"],
    ]);
    expect(evaluate(SYSTEMS, ["SRAM"]).flat()).toEqual(
      expect.arrayContaining(["Groq LPU", "Cerebras WSE-3 (CS-3)"])
    );
  });

  it("say so when nothing matches (#N/A)", () => {
    expect(() => evaluate(MODELS, ["zzz"])).toThrow(/No model preset matches "zzz"/);
  });

  it("feed MODELKV for many models at once", () => {
    const names = evaluate(MODELS, ["llama 3.1"]) as string[][];
    const kv = evaluate(MODELKV, [names, 10000, 16]).map((row) => row[0] as number);
    expect(kv[1]).toBe(48.828125);
    expect(kv[2]).toBe(48.828125 * (126 / 80)); // 405B: same KV heads and head_dim, 126 layers
  });
});

describe("SYSTEM", () => {
  it("spills fields with sources and estimate notes", () => {
    const fields = Object.fromEntries(evaluate(SYSTEM_FN, ["GB200 NVL72"]).map(([f, v]) => [f, v]));
    expect(fields).toMatchObject({ memory_gb: 186, chips_per_rack: 72, rack_power_kw: 120 });
    expect(fields.price_note).toMatch(/^ESTIMATE/);
  });

  it("returns one field", () => {
    expect(evaluate(SYSTEM_FN, ["GH200", "memory_gb"])).toEqual([[144]]);
  });
});

describe("names where the foundation takes numbers", () => {
  it("WEIGHTS(model) uses its parameters and native precision", () => {
    // DeepSeek-V3 ships FP8: 671e9 parameters × 1 byte.
    expect(one(evaluate(WEIGHTS, ["DeepSeek-V3"])[0][0]) as number).toBeCloseTo(
      671e9 / BYTES_PER_GB,
      9
    );
    expect(one(evaluate(WEIGHTS, ["DeepSeek-V3", "BF16"])[0][0]) as number).toBeCloseTo(
      (2 * 671e9) / BYTES_PER_GB,
      9
    );
    expect(evaluate(WEIGHTS, ["Llama 3.1 70B"])).toEqual(evaluate(WEIGHTS, [70, "FP16"]));
  });

  it("gpt-oss in MXFP4 fits where OpenAI says: 20b in 16 GB, 120b on one 80 GB GPU", () => {
    expect(one(evaluate(WEIGHTS, ["gpt-oss-20b"])[0][0]) as number).toBeLessThan(16);
    expect(one(evaluate(WEIGHTS, ["gpt-oss-120b"])[0][0]) as number).toBeLessThan(80);
  });

  it("CHIPS and RACKS take a system name", () => {
    expect(evaluate(CHIPS, [179, "GH200"])).toEqual(evaluate(CHIPS, [179, 144]));
    expect(evaluate(RACKS_FN, [179, "GB200 NVL72"])).toEqual([[179 / 186 / 72]]);
    expect(evaluate(RACKS_FN, [179, "H100", 32])).toEqual([[179 / 80 / 32]]);
  });

  it("RACKS asks for chips_per_rack where the preset cannot know it", () => {
    expect(errorOf(evaluate(RACKS_FN, [179, "H100"])[0][0])?.message).toMatch(
      /NVIDIA H100 SXM 80GB has no chips_per_rack preset: it depends on the site \(its servers hold 8 chips\)/
    );
  });

  it("MEMORY = weights × instances + KV: the article's ~179 GB", () => {
    const total = one(evaluate(MEMORY, ["Llama 3.1 70B", 10000, 16])[0][0]) as number;
    expect(total).toBeCloseTo(140e9 / BYTES_PER_GB + 48.828125, 9);
    const twice = one(
      evaluate(MEMORY, ["Llama 3.1 70B", 10000, 16, null, null, 2])[0][0]
    ) as number;
    expect(twice - total).toBeCloseTo(140e9 / BYTES_PER_GB, 9);
  });

  it("an unknown system is #N/A with suggestions", () => {
    const error = errorOf(evaluate(CHIPS, [179, "H1000"])[0][0]);
    expect(error?.kind).toBe("notAvailable");
    expect(error?.message).toMatch(/Unknown system "H1000"\. Closest presets: .*H100/);
  });
});

describe("a blank field cell (found by the property tests)", () => {
  it("a referenced blank cell as the field spills the whole table, as leaving it out does", () => {
    expect(evaluate(MODEL_FN, ["Llama 3.1 8B", [[null]]])).toEqual(
      evaluate(MODEL_FN, ["Llama 3.1 8B"])
    );
    expect(evaluate(SYSTEM_FN, ["H100", [[""]]])).toEqual(evaluate(SYSTEM_FN, ["H100"]));
  });

  it("blank fields inside a range of fields are #VALUE! saying what to give", () => {
    const out = evaluate(MODEL_FN, ["Llama 3.1 8B", [["layers", null]]]);
    expect(out[0][0]).toBe(32);
    expect((out[0][1] as TokenomicsError).message).toMatch(/field is blank: give a field name/);
  });
});
