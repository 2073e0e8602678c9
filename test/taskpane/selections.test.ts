import { describe, expect, it } from "vitest";
import { groups } from "../../src/taskpane/selections";

describe("the pane's pickers", () => {
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

});
