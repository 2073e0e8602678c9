import { describe, expect, it } from "vitest";
import { compileExpr } from "../../src/core/compile";
import { CALIBRATED, MODEL_PRESETS, serving, SYSTEM_PRESETS, TTFT, evaluate } from "../../src/core";
import { input, num, type Expr } from "../../src/core/expr";
import { SERVING_PARAMS } from "../../src/core/formulas/throughput";
import type { AtGroup } from "../../src/core/serving";

/**
 * How one replica is laid out over its chips — tensor parallel (TP) or attention data-parallel with
 * expert parallel (DEP) — and what a long prompt costs: laws the estimate obeys whatever its fitted
 * constants.
 */
const names = SERVING_PARAMS.map((p) => p.name);
const kinds = { users: "value", precision: "omitted", chips: "value" } as const;

/** A quantity of the estimate at `chips`, with the layout forced (1 DEP, 0 TP) or the estimate's own (undefined). */
function quantity(get: (g: AtGroup) => Expr, layout?: number) {
  const k = layout === undefined ? CALIBRATED : { ...CALIBRATED, layout: num(layout) };
  const f = compileExpr(get(serving(kinds, k).at(input("chips"))), (n) => names.indexOf(n));
  return (model: string, system: string, i: number, o: number, users: number, chips: number) =>
    f([
      MODEL_PRESETS.resolve(model),
      SYSTEM_PRESETS.resolve(system),
      i,
      o,
      users,
      null,
      "FP8",
      chips,
    ] as never) as number;
}
const capacity = (layout?: number) => quantity((g) => g.capacity, layout);
const MLA_MOE = ["DeepSeek-R1", "DeepSeek-V3", "Kimi K2", "GLM-5", "DeepSeek-V2-Lite"];

describe("layouts", () => {
  it("DEP holds more users than TP for an MLA model on the same chips, where the weights leave room", () => {
    const [dep, tp] = [capacity(1), capacity(0)];
    for (const m of MLA_MOE)
      for (const s of ["H200", "B200", "GB200 NVL72", "MI300X"])
        for (const n of [2, 4, 8])
          for (const [i, o] of [
            [1024, 1024],
            [1024, 8192],
            [8192, 1024],
          ]) {
            // Where the weights (FP8: a byte each) leave at least half of each chip's usable memory
            // under TP: DEP keeps every weight but the routed experts whole on every chip, so at the
            // edge of fitting it can hold fewer.
            const usable = SYSTEM_PRESETS.resolve(s).memory_gb * 2 ** 30 * 0.9;
            if ((MODEL_PRESETS.resolve(m).total_params_b * 1e9) / n > usable / 2) continue;
            const [d, t] = [dep(m, s, i, o, 1, n), tp(m, s, i, o, 1, n)];
            expect(d, `${m} on ${n} × ${s}, ${i}/${o}`).toBeGreaterThanOrEqual(t);
            if (t > 0) expect(d).toBeGreaterThan(t); // the latent is no longer held n times
          }
  });

  it("a DEP replica's KV per chip falls as chips grow (each chip holds only its own requests)", () => {
    const kvPerChip = quantity((g) => g.kvPerRequestPerChip, 1);
    for (const m of MLA_MOE) {
      let last = Infinity;
      for (const n of [2, 4, 8, 16, 32, 64]) {
        const kv = kvPerChip(m, "GB200 NVL72", 1024, 1024, 1, n);
        expect(kv, `${m} on ${n} chips`).toBeLessThan(last);
        last = kv;
      }
    }
  });

  it("TP and DEP agree for a dense model (DEP does not apply)", () => {
    for (const get of [
      (g: AtGroup) => g.capacity,
      (g: AtGroup) => g.perChip,
      (g: AtGroup) => g.tpot,
    ]) {
      const [dep, tp] = [quantity(get, 1), quantity(get, 0)];
      for (const m of ["Llama 3.1 70B", "Qwen3 32B", "Llama 3.1 405B"])
        for (const n of [2, 4, 8])
          expect(dep(m, "B200", 1024, 1024, 64, n)).toBe(tp(m, "B200", 1024, 1024, 64, n));
    }
  });

  it("left to the estimate, an MLA MoE over several chips runs DEP, one chip or a GQA model TP", () => {
    const [own, dep, tp] = [capacity(), capacity(1), capacity(0)];
    expect(own("DeepSeek-R1", "B200", 1024, 8192, 1, 8)).toBe(
      dep("DeepSeek-R1", "B200", 1024, 8192, 1, 8)
    );
    expect(own("DeepSeek-R1", "B200", 1024, 8192, 1, 1)).toBe(
      tp("DeepSeek-R1", "B200", 1024, 8192, 1, 1)
    );
    expect(own("Qwen3 235B-A22B", "B200", 1024, 8192, 1, 8)).toBe(
      tp("Qwen3 235B-A22B", "B200", 1024, 8192, 1, 8)
    );
  });
});

describe("prefill", () => {
  it("a 32k prompt on gpt-oss waits at least its attention's FLOPs at the 16-bit peak", () => {
    // Attention over a causal prompt of I tokens: QK and PV, 2 × 2 FLOPs per query-key pair per
    // query width (64 heads × 64 = 4,096 for both gpt-oss models, from their configs), over I²/2
    // pairs in the full-attention layers and I × window in the sliding ones (window 128).
    const I = 32768;
    for (const model of ["gpt-oss-120b", "gpt-oss-20b"]) {
      const m = MODEL_PRESETS.resolve(model);
      const qDim = m.attention_heads! * m.head_dim;
      const full = m.layers - m.sliding_window_layers!;
      const pairs =
        (full * (I * I)) / 2 + m.sliding_window_layers! * I * Math.min(I / 2, m.sliding_window!);
      const flops = 4 * qDim * pairs;
      for (const system of ["H200", "B200", "GB200 NVL72"]) {
        const s = SYSTEM_PRESETS.resolve(system);
        const floor = flops / (s.bf16_tflops! * 1e12);
        const ttft = evaluate(TTFT, [
          model,
          system,
          I,
          1024,
          1,
          null,
          "FP8",
          1,
        ] as never)[0][0] as number;
        expect(ttft, `${model} on ${system}`).toBeGreaterThanOrEqual(floor);
      }
    }
  });
});
