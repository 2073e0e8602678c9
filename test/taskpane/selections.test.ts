import { describe, expect, it } from "vitest";
import { financeDefaults, groups, preview } from "../../src/taskpane/selections";

describe("the pane's pickers and preview", () => {
  it("group models by family and systems by vendor, filtered by names and aliases", () => {
    const llama = groups("model", "llama 3.1");
    expect(llama).toEqual([
      {
        label: "Llama 3.1",
        // the presets, then the published checkpoints of them in another format
        names: [
          "Llama 3.1 8B",
          "Llama 3.1 70B",
          "Llama 3.1 405B",
          "Llama-3.1-8B-Instruct-FP8",
          "Llama-3.1-70B-Instruct-FP8-KV",
        ],
      },
    ]);
    expect(groups("model", "").length).toBeGreaterThan(10);
    expect(groups("system", "h200")[0]).toEqual({
      label: "NVIDIA",
      names: ["NVIDIA H200 SXM 141GB", "NVIDIA GH200 96GB", "NVIDIA GH200 144GB"],
    });
    expect(groups("model", "meta-llama/Llama-2-70b-hf")).toEqual([
      { label: "Llama 2", names: ["Llama 2 70B"] },
    ]);
  });

  it("shows every cost default with its source", () => {
    const fields = financeDefaults();
    expect(fields.map((f) => f.key)).toEqual([
      "years",
      "wacc",
      "hosting_per_kw_month",
      "energy_per_kwh",
      "pue",
      "utilization",
    ]);
    expect(fields.every((f) => f.source.length > 20)).toBe(true);
  });

  it("previews the article's example: 179.2 GB, 1.24 GH200 chips", () => {
    const p = preview("Llama 3.1 70B", "GH200", {
      inputTokens: 8000,
      outputTokens: 2000,
      users: 16,
    });
    expect(p.memoryGB).toBeCloseTo(179.21, 2);
    expect(p.chips).toBeCloseTo(1.24, 2);
    expect(p.racks).toBeUndefined(); // GH200 racks depend on the site
    expect(p.warning).toBeUndefined();
  });

  it("warns when the context is longer than the model supports", () => {
    const p = preview("Llama 2 70B", "H200", { inputTokens: 8000, outputTokens: 2000, users: 16 });
    expect(p.warning).toBe("10,000 tokens exceed Llama 2 70B's maximum context (4,096).");
  });

  it("reports a bad choice instead of numbers", () => {
    expect(
      preview("Llama 3.1 70B", "GH200", {
        inputTokens: 1000,
        outputTokens: 0,
        users: 1,
        kvPrecision: "FP12",
      }).error
    ).toMatch(/FP12/);
  });
});
