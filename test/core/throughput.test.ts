import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { compileExpr } from "../../src/core/compile";
import {
  CHIPHOUR,
  CONSTANT_VALUES,
  evaluate,
  MAXUSERS,
  MODEL_PRESETS,
  serving,
  SYSTEM_PRESETS,
  THROUGHPUT,
  TOKENCOST,
  TOKENSPERSEC,
  TokenomicsError,
  TPOT,
  TTFT,
  type FormulaFunction,
} from "../../src/core";
import { input } from "../../src/core/expr";
import { SERVING_PARAMS } from "../../src/core/formulas/throughput";

/**
 * The throughput estimate and the price of a token: laws it must obey whatever its fitted constants
 * (physics and bookkeeping), and numbers computed outside this code.
 */
const one = (fn: FormulaFunction, args: unknown[]) => {
  const cell = evaluate(fn, args as never)[0][0];
  if (cell instanceof TokenomicsError) throw cell;
  return cell as number;
};
const table = (fn: FormulaFunction, args: unknown[]) =>
  Object.fromEntries(evaluate(fn, args as never).map(([k, v]) => [k, v]));
const close = (a: number, b: number, rel = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b)));

/** Pairs that fit on one HGX server or NVL72 rack, with the precisions they ship in. */
const PAIRS: [string, string][] = [
  ["Llama 3.1 8B", "H100"],
  ["Llama 3.1 70B", "H200"],
  ["Llama 3.1 70B", "B200"],
  ["Mixtral 8x7B", "H100"],
  ["Qwen3 235B-A22B", "H200"],
  ["DeepSeek-R1", "B200"],
  ["gpt-oss-120b", "MI300X"],
  ["Qwen3.5 397B-A17B", "GB200 NVL72"],
];
const pair = fc.constantFrom(...PAIRS);
const tokens = fc.integer({ min: 64, max: 16000 });

describe("what an independent calculation gives", () => {
  it("MAXUSERS: Llama 3.1 70B in FP8 on one H200 holds 202 requests of 2,000 tokens", () => {
    // 141 GB × 0.9 (vLLM's gpu_memory_utilization) − 70 B params × 1 byte, over the KV of one
    // request: 2 (K, V) × 8 KV heads × 128 × 80 layers (Llama 3 paper, Table 3) × 2,000 × 1 byte.
    const free = 141 * 2 ** 30 * 0.9 - 70e9;
    const perRequest = 2 * 8 * 128 * 80 * 2000;
    expect(Math.floor(free / perRequest)).toBe(202);
    expect(one(MAXUSERS, ["Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 1])).toBe(202);
  });

  it("CHIPHOUR equals the rack's TCO in a spreadsheet engine's own PMT, over chips and hours", () => {
    const hf = HyperFormula.buildFromArray(
      [["=(PMT(0.1,5,-3000000)+132*1.3*8760*0.08+132*150*12)/72/(8760*0.6)"]],
      { licenseKey: "gpl-v3" }
    );
    const theirs = hf.getCellValue({ sheet: 0, row: 0, col: 0 }) as number;
    hf.destroy();
    expect(theirs).toBeCloseTo(3.0369, 4); // the worked number
    close(one(CHIPHOUR, [3e6, 132, 72, 5, 0.1, 150, 0.08, 1.3, 0.6]), theirs, 1e-10);
  });

  it("a system name fills the rack: GB200 NVL72 is its $3M, 120 kW, 72-chip preset", () => {
    close(one(CHIPHOUR, ["GB200 NVL72"]), one(CHIPHOUR, [3e6, 120, 72]));
    // An HGX server: 8 chips at the chip price × 1.64 (Epoch AI), its server power.
    close(one(CHIPHOUR, ["H200"]), one(CHIPHOUR, [8 * 32000 * 1.64, 10.2, 8]));
  });
});

describe("physics", () => {
  it("an output token takes at least the time to read this chip's share of the weights", () => {
    fc.assert(
      fc.property(pair, tokens, tokens, fc.integer({ min: 1, max: 256 }), ([m, s], i, o, u) => {
        const model = MODEL_PRESETS.resolve(m);
        const system = SYSTEM_PRESETS.resolve(s);
        const t = table(THROUGHPUT, [m, s, i, o, u]);
        const chips = t["chips per replica"] as number;
        const bytes = model.total_params_b * 1e9; // at least 4 bits a parameter: ≥ half this
        const floor = (bytes * 0.5) / chips / (system.bandwidth_tbps! * 1e12);
        const dense = (model.moe_layers ?? 0) === 0;
        // Dense: every weight each step. MoE: at least the active parameters.
        const read = dense
          ? floor
          : (model.active_params_b! * 1e9 * 0.5) / chips / (system.bandwidth_tbps! * 1e12);
        expect(t["TPOT, seconds per output token"] as number).toBeGreaterThanOrEqual(read);
      }),
      { numRuns: 60 }
    );
  });

  it("tokens/s per chip grow with users until the replica is full, then stay", () => {
    fc.assert(
      fc.property(pair, tokens, tokens, ([m, s], i, o) => {
        const chips = table(THROUGHPUT, [m, s, i, o])["chips per replica"] as number;
        const at = (u: number) => one(TOKENSPERSEC, [m, s, i, o, u, null, null, chips]);
        const full = table(THROUGHPUT, [m, s, i, o, null, null, null, chips])[
          "users running at once"
        ] as number;
        let last = 0;
        for (const u of [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096]) {
          const x = at(u);
          if (u <= full) expect(x).toBeGreaterThanOrEqual(last * (1 - 1e-12));
          else close(x, at(full));
          last = x;
        }
      }),
      { numRuns: 40 }
    );
  });

  it("TTFT grows with the prompt; MAXUSERS falls as the context grows", () => {
    fc.assert(
      fc.property(pair, tokens, tokens, fc.integer({ min: 1, max: 64 }), ([m, s], a, b, u) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const chips = table(THROUGHPUT, [m, s, hi, 500])["chips per replica"] as number;
        expect(one(TTFT, [m, s, lo, 500, u, null, null, chips])).toBeLessThanOrEqual(
          one(TTFT, [m, s, hi, 500, u, null, null, chips])
        );
        expect(one(MAXUSERS, [m, s, lo, 500, null, null, chips])).toBeGreaterThanOrEqual(
          one(MAXUSERS, [m, s, hi, 500, null, null, chips])
        );
      }),
      { numRuns: 60 }
    );
  });

  it("a MoE step reads between the experts its tokens need (top-k) and all of them", () => {
    const names = SERVING_PARAMS.map((p) => p.name);
    const kinds = { users: "value", precision: "omitted", chips: "value" } as const;
    const read = compileExpr(serving(kinds).at(input("chips")).weightsRead, (n) =>
      names.indexOf(n)
    );
    const system = SYSTEM_PRESETS.resolve("GB200 NVL72");
    for (const name of ["Mixtral 8x7B", "DeepSeek-V3", "Qwen3 235B-A22B", "gpt-oss-120b"]) {
      const m = MODEL_PRESETS.resolve(name);
      const perValue = { FP8: 1, MXFP4: 4.25 / 8, BF16: 2 }[m.native_precision]!;
      const bf16 = (m.bf16_params_b ?? 0) * 1e9;
      const all = (m.total_params_b * 1e9 - bf16) * perValue + bf16 * 2;
      const expert = m.expert_params_m! * 1e6 * perValue;
      const dense = all - m.moe_layers! * m.experts! * expert;
      const topK = dense + m.moe_layers! * m.experts_per_token! * expert;
      let last = 0;
      for (const users of [1, 8, 64, 512, 4096]) {
        const got = read([m, system, 1000, 1000, users, null, "FP16", 8] as never);
        expect(got).toBeGreaterThanOrEqual(topK * (1 - 1e-12));
        expect(got).toBeLessThanOrEqual(all * (1 + 1e-12));
        expect(got).toBeGreaterThanOrEqual(last); // more tokens touch more experts
        last = got;
      }
      expect(last).toBeGreaterThan(0.99 * all); // thousands of tokens touch nearly every expert
    }
  });
});

describe("bookkeeping", () => {
  it("throughput is Little's law over the latencies it reports", () => {
    fc.assert(
      fc.property(pair, tokens, tokens, fc.integer({ min: 1, max: 2048 }), ([m, s], i, o, u) => {
        const t = table(THROUGHPUT, [m, s, i, o, u]);
        const chips = t["chips per replica"] as number;
        const running = t["users running at once"] as number;
        const cycle =
          (t["TTFT, seconds"] as number) +
          (o - 1) * (t["TPOT, seconds per output token"] as number);
        // Requests beyond those running wait (their TTFT grows); the rate is the running ones'.
        if (u <= running)
          close(t["output tokens/s per chip"] as number, (u * o) / cycle / chips, 1e-9);
        close(
          t["input tokens/s per chip"] as number,
          ((t["output tokens/s per chip"] as number) * i) / o
        );
        close(one(TOKENSPERSEC, [m, s, i, o, u]), t["output tokens/s per chip"] as number);
        close(one(TPOT, [m, s, i, o, u]), t["TPOT, seconds per output token"] as number);
      }),
      { numRuns: 80 }
    );
  });

  it("input and output costs add up to the request's cost = chip-hour / 3600 × output / tokens/s", () => {
    fc.assert(
      fc.property(
        pair,
        tokens,
        tokens,
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        ([m, s], i, o, rate) => {
          const c = table(TOKENCOST, [m, s, i, o, null, null, null, null, rate]);
          const tps = one(TOKENSPERSEC, [m, s, i, o]);
          const request = ((rate / 3600) * o) / tps;
          close(c["USD per request"] as number, request);
          const input = ((c["USD per million input tokens"] as number) * i) / 1e6;
          const output = ((c["USD per million output tokens"] as number) * o) / 1e6;
          close(input + output, request);
          close(
            ((c["USD per million tokens (input + output)"] as number) * (i + o)) / 1e6,
            request
          );
        }
      ),
      { numRuns: 80 }
    );
  });

  it("chip_hour_usd left out is CHIPHOUR(system) with the default assumptions", () => {
    const c = table(TOKENCOST, ["Llama 3.1 70B", "GB200 NVL72", 2000, 500]);
    const priced = table(TOKENCOST, [
      "Llama 3.1 70B",
      "GB200 NVL72",
      2000,
      500,
      null,
      null,
      null,
      null,
      one(CHIPHOUR, ["GB200 NVL72"]),
    ]);
    close(c["USD per request"] as number, priced["USD per request"] as number);
  });
});

describe("every model on every system", () => {
  it("gets a finite estimate or a message that names what is missing", () => {
    let estimates = 0;
    for (const model of MODEL_PRESETS.items) {
      for (const system of SYSTEM_PRESETS.items) {
        const context = Math.min(2000, model.max_context ?? 2000);
        const cell = evaluate(TOKENSPERSEC, [
          model.name,
          system.name,
          context / 2,
          context / 2,
        ])[0][0];
        if (typeof cell === "number") {
          expect(Number.isFinite(cell) && cell > 0).toBe(true);
          estimates++;
        } else {
          expect(cell).toBeInstanceOf(TokenomicsError);
          expect((cell as TokenomicsError).message).toMatch(
            /has no .+ in its preset|do not fit|give chips/
          );
        }
      }
    }
    expect(estimates).toBeGreaterThan(MODEL_PRESETS.items.length * 10);
  });

  it("refuses a context longer than the model's maximum, naming it", () => {
    const cell = evaluate(TOKENSPERSEC, ["Llama 2 70B", "H200", 4000, 1000])[0][0];
    expect((cell as TokenomicsError).message).toMatch(/max_context of 4096/);
  });

  it("uses 90% of memory, as serving engines do by default", () => {
    expect(CONSTANT_VALUES.usable_memory_fraction).toBe(0.9);
  });
});
