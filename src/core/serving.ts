import calibration from "../presets/throughput-calibration.json";
import {
  add,
  bytes,
  cbits,
  div,
  fail,
  field,
  ifLessEq,
  ifOmitted,
  ifPositive,
  input,
  int,
  maxOf as max,
  minOf as min,
  mul,
  named,
  num,
  pow,
  str,
  sub,
  type Expr,
} from "./expr";
import type { TwinArg } from "./formula";
import { KV_PRECISION } from "./formulas/params";
import type { ModelSpec } from "./model-spec";
import { bytesPerValue } from "./precision";
import { BYTES_PER_GB } from "./units";

/**
 * How fast a model serves on a system: a physical estimate of steady-state serving with continuous
 * batching, written once as expressions (src/core/expr.ts) so the custom functions compute it and a
 * shared workbook prints it as native formulas. Units: seconds, bytes, FLOPs; tokens/s at the end.
 *
 * One replica of the model runs on `n` chips (its tensor/expert-parallel group) and serves `B`
 * requests at once, each reading `I` input tokens and writing `O` output tokens:
 * - Layout: tensor parallel (TP), or for a MoE with multi-head latent attention over several chips
 *   attention data-parallel with expert parallel (DEP), as engines serve DeepSeek-style models.
 * - Capacity: TP splits the weights over the chips, DEP keeps all but the routed experts whole on
 *   every chip; what is left of each chip's memory × the engine's usable fraction holds KV cache.
 *   Under TP, KV heads shard up to the number of KV heads and an MLA latent is held on every chip;
 *   under DEP each chip holds only its own requests' KV.
 * - An iteration (one output token for every running request) reads the weights once — for a MoE,
 *   the dense part and the experts the iteration's tokens touch, E·(1 − (1 − k/E)^T) of E per layer —
 *   and every request's KV at its mean context I + O/2. With chunked prefill, each iteration also
 *   carries its share of the prompts, B·I/O tokens. Its time is the larger of bytes / bandwidth and
 *   FLOPs / peak (each with an efficiency; the weights' products at their format's peak, attention at
 *   the 16-bit peak), plus a fixed cost per layer and per MoE layer and per token per MoE layer, plus the
 *   all-reduce of the activations over the scale-up link when n > 1 (the scale-out network past the
 *   scale-up domain).
 * - A request's first token waits an iteration and its own prefill, and, when requests arrive
 *   together, part of the prefills queued ahead of it (the prefill-queue share).
 * - Throughput by Little's law: B requests, each TTFT + (O − 1)·TPOT long, give B·O / that per
 *   replica. More requests than fit wait for a slot: throughput stays, their TTFT grows.
 * The constants are fitted by `npm run calibrate` (scripts/calibrate.ts) to measured results in
 * data/throughput and kept, with the fit's errors, in
 * src/presets/throughput-calibration.json.
 */

/** The fitted constants, by name (see the calibration file for what each means). */
export const FITTED = [
  "weight_read_efficiency",
  "kv_read_efficiency",
  "decode_compute_efficiency",
  "prefill_compute_efficiency",
  "layer_overhead_s",
  "moe_layer_overhead_s",
  "moe_token_overhead_s",
  "prefill_queue_share",
  "batch_cap",
] as const;
export type Fitted = (typeof FITTED)[number];
/** Constants taken from sources, not fitted. */
export const ASSUMED = ["usable_memory_fraction", "scaleout_gbps"] as const;
export type Assumed = (typeof ASSUMED)[number];
export type ConstantName = Fitted | Assumed;

/**
 * The constants as expressions: numbers in the product, inputs while calibrating. `layout` is a
 * measured row's own layout while calibrating (1 attention data-parallel with expert parallel,
 * 0 tensor parallel); left out, the estimate takes the layout engines use (see `dataParallel`).
 */
export type Constants = Record<ConstantName, Expr> & { layout?: Expr };

interface Calibrated {
  value: number;
}
const fileConstants = calibration.constants as Record<Fitted, Calibrated>;
const fileAssumptions = calibration.assumptions as Record<Assumed, Calibrated>;

/** The calibrated values, by name. */
export const CONSTANT_VALUES: Readonly<Record<ConstantName, number>> = Object.fromEntries([
  ...FITTED.map((k) => [k, fileConstants[k].value]),
  ...ASSUMED.map((k) => [k, fileAssumptions[k].value]),
]) as Record<ConstantName, number>;

/** The calibrated constants as numbers in the expressions. */
export const CALIBRATED: Constants = Object.fromEntries(
  Object.entries(CONSTANT_VALUES).map(([k, v]) => [k, num(v)])
) as Constants;

/** The estimate's measured error, as the calibration file reports it (for labels). */
export const ESTIMATE_ERROR = calibration.errors;

/**
 * The error the product states beside every estimate: measured on results the fit never saw —
 * the newest engine release's tables and models left out (the worse of that and a time split).
 */
export const STATED_ERROR: { median: number; p90: number; basis: string } =
  calibration.errors.stated;

/** The stated error in words, for labels: "median error 20.1%, 90th percentile 56.3%, on …". */
export const STATED_ERROR_WORDS = `median error ${STATED_ERROR.median}%, 90th percentile ${STATED_ERROR.p90}%, on results left out of the fit (the newest engine release, and models it was not fitted on)`;

/** The KV-cache format when kv_precision is left out (the parameter's documented default). */
const DEFAULT_KV = KV_PRECISION.default!.value as string;

/** Chips one replica can span, tried from smallest when the group size is left to the estimate. */
export const GROUP_SIZES = [1, 2, 4, 8, 16, 32, 64] as const;

/** Argument names the estimate reads, as the throughput functions name their parameters. */
export interface ServingArgs {
  model: string;
  system: string;
  input: string;
  output: string;
  users: string;
  precision: string;
  kvPrecision: string;
  chips: string;
}

export const ARG_NAMES: ServingArgs = {
  model: "model",
  system: "system",
  input: "input_tokens",
  output: "output_tokens",
  users: "users",
  precision: "precision",
  kvPrecision: "kv_precision",
  chips: "chips",
};

/** What the estimate gives for one group size. */
export interface AtGroup {
  /** Chips in the replica. */
  n: Expr;
  /** Requests one replica can hold (KV for input + output tokens), before the batch cap. */
  capacity: Expr;
  /** Requests running at once when users are left to the estimate: capacity, up to the batch cap. */
  fit: Expr;
  /** Requests running at once. */
  batch: Expr;
  /** Seconds per iteration: the time per output token of every running request. */
  tpot: Expr;
  /** Seconds to the first token. */
  ttft: Expr;
  /** Output tokens per second, per chip and per replica. */
  perChip: Expr;
  perReplica: Expr;
  /** Share of chip time spent on prefill (the input tokens' share of the cost). */
  prefillShare: Expr;
  /** KV bytes one chip holds for one running request at input + output tokens. */
  kvPerRequestPerChip: Expr;
  /** 1 where the replica runs DEP (attention data-parallel, experts split), 0 tensor parallel. */
  dataParallel: Expr;
  /** Bytes of weights one iteration reads (a MoE: the experts its tokens touch). */
  weightsRead: Expr;
  /** Positive when the iteration is compute-bound. */
  computeBound: Expr;
  /** Positive when memory, not the batch cap, limits the users that fit. */
  memoryBound: Expr;
  /** True (1) when the group fits (at least one request beside the weights), else 0. */
  fits: Expr;
}

/**
 * Users as an expression rather than an argument (the curve's loads: a number the twin computes, never
 * blank), for `serving`'s kinds.
 */
export interface UsersAt {
  at: Expr;
}

/**
 * The estimate as expressions. `kinds` says which optional arguments were given (a cell may still be
 * blank: the expressions test it in place), or gives users as an expression; `k` the constants.
 */
export function serving(
  kinds: { users: TwinArg | UsersAt; precision: TwinArg; chips: TwinArg; kv?: TwinArg },
  k: Constants = CALIBRATED,
  a: ServingArgs = ARG_NAMES
) {
  const m = (name: Parameters<typeof field>[1]) => field(a.model, name);
  const s = (name: Parameters<typeof field>[1]) => field(a.system, name);
  const I = input(a.input);
  const O = input(a.output);
  const given = (kind: TwinArg, name: string, omitted: Expr, value: Expr) =>
    kind === "omitted" ? omitted : ifOmitted(name, omitted, value);

  // ---- the model
  const layers = m("layers");
  const total = mul(m("total_params_b"), 1e9);
  const active = mul(
    ifPositive(m("active_params_b"), m("active_params_b"), m("total_params_b")),
    1e9
  );
  const moeLayers = m("moe_layers");
  const experts = m("experts");
  const topK = m("experts_per_token");
  const expertParams = mul(m("expert_params_m"), 1e6);
  const heads = ifPositive(m("attention_heads"), m("attention_heads"), m("kv_heads"));
  const qDim = mul(heads, m("head_dim")); // query width: heads × head_dim
  const mla = m("kv_lora_rank");

  // Weights: bytes per value, and the part a native checkpoint keeps in BF16 (gpt-oss).
  const nativeBytes = bytes(m("native_precision"));
  const perValue = given(kinds.precision, a.precision, nativeBytes, bytes(input(a.precision)));
  const bf16 = given(kinds.precision, a.precision, mul(m("bf16_params_b"), 1e9), num(0));
  const weightBytes = named("weights, bytes", add(mul(sub(total, bf16), perValue), mul(bf16, 2)));
  const expertBytes = named("one routed expert, bytes", mul(expertParams, perValue));
  const denseBytes = named(
    "weights read whatever the batch (all but routed experts), bytes",
    sub(weightBytes, mul(moeLayers, experts, expertBytes))
  );
  const computeBits = given(
    kinds.precision,
    a.precision,
    cbits(m("native_precision")),
    cbits(input(a.precision))
  );

  // Attention: token-layers a query attends (windowed and chunked layers see at most their span).
  const fullLayers = sub(
    sub(sub(layers, m("sliding_window_layers")), m("chunked_layers")),
    m("linear_attention_layers")
  );
  const attended = (context: Expr) =>
    add(
      mul(fullLayers, context),
      mul(m("sliding_window_layers"), min(context, m("sliding_window"))),
      mul(m("chunked_layers"), min(context, m("chunk_size")))
    );
  const kvPerToken = ifPositive(
    mla,
    add(mla, m("qk_rope_head_dim")),
    mul(2, m("kv_heads"), m("head_dim"))
  );
  // Left out: the parameter's default (FP16), as the live function applies it.
  const kvBytes = bytes(kinds.kv === "omitted" ? str(DEFAULT_KV) : input(a.kvPrecision));
  /** KV bytes one request holds at `context` tokens (linear-attention layers: a fixed state). */
  const kvPerRequest = (context: Expr) =>
    mul(
      add(
        mul(kvPerToken, attended(context)),
        mul(m("linear_attention_layers"), m("linear_state_elements"))
      ),
      kvBytes
    );
  // Decode attention FLOPs per query per attended token-layer: QK and PV over the cached keys;
  // MLA in its absorbed form scores the 576-value latent and sums the 512-value latent per head.
  const decodeAttention = ifPositive(
    mla,
    mul(2, heads, add(mul(2, mla), m("qk_rope_head_dim"))),
    mul(4, qDim)
  );

  // ---- the system
  const bandwidth = named("memory bandwidth, bytes/s", mul(s("bandwidth_tbps"), 1e12));
  const fp4 = s("fp4_tflops");
  const fp8 = s("fp8_tflops");
  const bf16Peak = s("bf16_tflops");
  const eightBit = ifPositive(fp8, fp8, bf16Peak);
  const peak = named(
    "peak FLOP/s at this precision",
    mul(
      ifLessEq(
        computeBits,
        4,
        ifPositive(fp4, fp4, eightBit),
        ifLessEq(computeBits, 8, eightBit, bf16Peak)
      ),
      1e12
    )
  );
  const attentionPeak = named(
    "peak FLOP/s of 16-bit arithmetic (attention)",
    mul(ifPositive(bf16Peak, bf16Peak, eightBit), 1e12)
  );
  const domain = ifPositive(s("scaleup_domain"), s("scaleup_domain"), 1);
  const memoryBytes = named(
    "memory the engine uses per chip, bytes",
    mul(s("memory_gb"), BYTES_PER_GB, k.usable_memory_fraction)
  );

  const meanContext = add(I, div(O, 2));
  const kvMean = named("KV bytes per request at the mean context", kvPerRequest(meanContext));
  const kvFull = named("KV bytes per request at input + output tokens", kvPerRequest(add(I, O)));
  /**
   * Chip-seconds of prefill per prompt token, on one chip: the weights' matrix products at the
   * weights' arithmetic width, and attention (QK and PV over the causal half of the prompt) at the
   * activations' width — 16-bit: attention multiplies activations by activations, so a 4- or 8-bit
   * weight format does not speed it up.
   */
  const prefillPerToken = named(
    "prefill chip-seconds per prompt token",
    add(
      div(mul(2, active), mul(peak, k.prefill_compute_efficiency)),
      div(mul(4, qDim, attended(div(I, 2))), mul(attentionPeak, k.prefill_compute_efficiency)),
      mul(moeLayers, k.moe_token_overhead_s)
    )
  );
  const overhead = named(
    "fixed time per iteration, s",
    add(mul(layers, k.layer_overhead_s), mul(moeLayers, k.moe_layer_overhead_s))
  );
  const usersAt = typeof kinds.users === "object" ? kinds.users.at : undefined;
  const users = usersAt ?? input(a.users);
  /** A quantity with users left out, or as given (a blank cell tested in place; an expression is never blank). */
  const byUsers = (omitted: Expr, value: Expr) =>
    usersAt ? value : given(kinds.users as TwinArg, a.users, omitted, value);

  /**
   * 1 where a replica of `n` chips runs DEP, else 0: a MoE with multi-head latent attention over
   * more than one chip, as TensorRT-LLM ("DEP"), SGLang (DP attention) and vLLM (data parallel +
   * expert parallel) serve DeepSeek-style models — an MLA latent cannot be split over tensor
   * parallelism, so TP would hold every request's KV on every chip. Calibration passes each
   * measured row's own layout instead.
   */
  const dataParallel = (n: Expr): Expr => {
    const rule = ifPositive(moeLayers, ifPositive(mla, ifLessEq(n, 1, 0, 1), 0), 0);
    if (!k.layout) return rule;
    return ifPositive(moeLayers, ifLessEq(n, 1, 0, ifLessEq(0, k.layout, k.layout, rule)), 0);
  };

  /** Everything at a group of `n` chips. */
  const at = (n: Expr): AtGroup => {
    // DEP (attention data-parallel, experts split over the chips): each chip runs attention for its
    // own requests and holds their KV, and holds every weight but the routed experts whole.
    const dep = dataParallel(n);
    const shard = ifPositive(dep, n, ifPositive(mla, 1, min(n, m("kv_heads"))));
    const routedBytes = sub(weightBytes, denseBytes);
    const free = sub(
      memoryBytes,
      ifPositive(dep, add(denseBytes, div(routedBytes, n)), div(weightBytes, n))
    );
    const capacity = named(
      "requests that fit (before the batch cap)",
      max(0, int(div(mul(free, shard), kvFull)))
    );
    const fit = min(capacity, k.batch_cap);
    // Users given: at most what fits (more wait for a slot); blank: as many as fit.
    const batch = named(
      "requests running at once",
      kinds.users === "omitted" ? fit : min(byUsers(k.batch_cap, users), capacity, k.batch_cap)
    );
    const prefillTokens = named("prompt tokens per iteration", div(mul(batch, I), O)); // steady state
    const tokens = add(batch, prefillTokens);
    const link = mul(ifLessEq(n, domain, s("scaleup_gbps"), k.scaleout_gbps), 1e9);
    // Ring all-reduce of the activations, twice a layer: 2(n−1)/n of the data each time.
    const comm = (t: Expr) =>
      ifLessEq(n, 1, 0, div(mul(layers, 4, div(sub(n, 1), n), t, m("hidden_size"), 2), link));
    const touched = ifPositive(
      moeLayers,
      mul(experts, sub(1, pow(sub(1, div(topK, ifPositive(experts, experts, 1))), tokens))),
      0
    );
    const weightsRead = named(
      "weights read per iteration, bytes",
      add(denseBytes, mul(moeLayers, touched, expertBytes))
    );
    // Bytes one chip reads: its share of everything (TP); DEP: the weights it holds whole, and its
    // share of the experts the iteration touches.
    const readPerChip = ifPositive(
      dep,
      add(denseBytes, div(mul(moeLayers, touched, expertBytes), n)),
      div(weightsRead, n)
    );
    const readTime = named(
      "reading weights and KV, s",
      add(
        div(readPerChip, mul(bandwidth, k.weight_read_efficiency)),
        div(div(mul(batch, kvMean), shard), mul(bandwidth, k.kv_read_efficiency))
      )
    );
    const computeTime = named(
      "arithmetic, s",
      add(
        div(mul(batch, 2, active), mul(n, peak, k.decode_compute_efficiency)),
        div(
          mul(batch, decodeAttention, attended(meanContext)),
          mul(n, attentionPeak, k.decode_compute_efficiency)
        ),
        div(mul(prefillTokens, prefillPerToken), n),
        div(mul(batch, moeLayers, k.moe_token_overhead_s), n)
      )
    );
    const tpot = named(
      "TPOT: one iteration, s",
      add(max(readTime, computeTime), overhead, comm(tokens))
    );
    const prefill = add(div(mul(I, prefillPerToken), n), comm(I));
    const prefillWait = named(
      "prefills before the first token, s",
      mul(prefill, add(1, mul(k.prefill_queue_share, sub(batch, 1))))
    );
    const ttftRunning = add(tpot, prefillWait);
    const cycle = named(
      "one request, TTFT + (output - 1) × TPOT, s",
      add(ttftRunning, mul(sub(O, 1), tpot))
    );
    const perReplica = named("output tokens/s per replica", div(mul(batch, O), cycle));
    // More users than run at once queue for a slot: Little's law gives their wait.
    const queued = sub(div(mul(users, O), perReplica), mul(sub(O, 1), tpot));
    const ttft = byUsers(ttftRunning, ifLessEq(users, batch, ttftRunning, queued));
    return {
      n,
      capacity,
      fit,
      batch,
      tpot,
      ttft,
      perChip: div(perReplica, n),
      perReplica,
      prefillShare: div(prefillWait, cycle),
      kvPerRequestPerChip: div(kvFull, shard),
      dataParallel: dep,
      weightsRead,
      computeBound: sub(computeTime, readTime),
      memoryBound: ifLessEq(capacity, k.batch_cap, 1, 0),
      fits: ifLessEq(1, capacity, 1, 0),
    };
  };

  const noGroup = fail(
    "the model does not fit any group of chips within the system's scale-up domain: give chips"
  );
  const noFit = fail("the weights and one request's KV cache do not fit on these chips: add chips");
  let chosen: ReturnType<typeof best> | undefined;
  const bestGroup = () => (chosen ??= best(at, domain));
  const explicit = kinds.chips === "omitted" ? undefined : at(input(a.chips));
  /**
   * A quantity at the chips given, or at the best group when chips is blank; an error where the
   * model does not fit (`guard` false: the quantity is defined there, such as a capacity of 0).
   */
  const pick = (get: (g: AtGroup) => Expr, guard = true): Expr => {
    const fromBest = () => ifLessEq(bestGroup().top, 0, noGroup, bestGroup().select(get));
    if (!explicit) return fromBest();
    const value = guard ? ifPositive(explicit.fits, get(explicit), noFit) : get(explicit);
    return ifOmitted(a.chips, fromBest(), value);
  };
  return { pick, at, weightBytes, domain };
}

/**
 * The group size with the most output tokens/s per chip among those that fit, within the scale-up
 * domain (1, 2, 4, … 64, and the domain itself: 72 in an NVL72 rack). Each quantity is taken at
 * that size: the first candidate whose tokens/s per chip equals the best.
 */
function best(at: (n: Expr) => AtGroup, domain: Expr) {
  const sizes: Expr[] = [...GROUP_SIZES.map((n) => num(n)), domain];
  const groups = sizes.map(at);
  const score = (g: AtGroup, n: Expr) => ifLessEq(n, domain, ifPositive(g.fits, g.perChip, -1), -1);
  const scores = groups.map((g, i) => score(g, sizes[i]));
  const top = max(...scores);
  return {
    top,
    select(get: (g: AtGroup) => Expr): Expr {
      return groups.reduceRight<Expr>(
        (rest, g, i) => ifLessEq(top, scores[i], get(g), rest),
        get(groups[groups.length - 1])
      );
    },
  };
}

/**
 * The weights in GB (2^30 bytes) at a precision, for messages: given by name or bytes per value, or
 * left out (null) for the model's native format with its BF16 part (gpt-oss). The estimate itself
 * computes the same in its expressions.
 */
export function weightsGB(model: ModelSpec, precision: string | number | null): number {
  const total = model.total_params_b * 1e9;
  if (precision === null) {
    const bf16 = (model.bf16_params_b ?? 0) * 1e9;
    return ((total - bf16) * bytesPerValue(model.native_precision) + bf16 * 2) / BYTES_PER_GB;
  }
  return (total * bytesPerValue(precision)) / BYTES_PER_GB;
}
