import {
  CHIPHOUR,
  CHIPS,
  COSTPERMTOK,
  KVCACHE,
  MAXUSERS,
  MEMORY,
  MODEL_FN,
  MODELKV,
  MODELS,
  RACKS_FN,
  SYSTEM_FN,
  SYSTEMS,
  TCO,
  THROUGHPUT,
  TOKENCOST,
  TOKENSPERSEC,
  CURVE,
  PRICE,
  ENERGYPERTOKEN,
  TOKENSPERMW,
  TPOT,
  TTFT,
  WEIGHTS,
} from "../core";
import { spill } from "./excel-adapter";

/*
 * The TOKENOMICS custom functions: JSDoc wrappers only. custom-functions-metadata-plugin reads these
 * comments to write functions.json and appends the CustomFunctions.associate calls, so every wrapper
 * must be a top-level `function`. Each argument is `any[][]`: one cell or a range, validated by the core
 * (src/core/formulas), where each function, its rules and its defaults are declared once.
 * Omitted optional arguments arrive as null. Ids are a public contract: never rename one.
 */

/**
 * Memory for the model weights, in GB of 2^30 bytes: params × bytes per value × instances. =TOKENOMICS.WEIGHTS(70, "FP16") → 130.39; =TOKENOMICS.WEIGHTS("Llama 3.1 70B") uses the preset.
 * @customfunction WEIGHTS
 * @param params_billion Model parameters in billions (70 for a 70B model), or a model name or (field, value) range.
 * @param [precision] Weight format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, MXFP4, NVFP4, or bytes per value. Default FP16 (for a model: its native precision).
 * @param [instances] Copies of the model held in memory, a whole number. Default 1.
 * @returns GB (2^30 bytes) of weights.
 */
export function weights(
  params_billion: any[][],
  precision?: any[][],
  instances?: any[][]
): any[][] {
  return spill(WEIGHTS, [params_billion, precision, instances]);
}

/**
 * KV-cache memory in GB of 2^30 bytes: 2 × kv_heads × layers × model_dim / att_heads × bytes × context_tokens × users, the article's formula for full attention. =TOKENOMICS.KVCACHE(8, 80, 8192, 64, "FP16", 10000, 16) → 48.83.
 * @customfunction KVCACHE
 * @param kv_heads Key/value heads per layer, a whole number (8 for Llama 3.1 70B).
 * @param layers Transformer layers, a whole number (80 for Llama 3.1 70B).
 * @param model_dim Model (hidden) dimension (8192 for Llama 3.1 70B).
 * @param att_heads Attention (query) heads (64 for Llama 3.1 70B); model_dim / att_heads is the head dimension.
 * @param precision KV-cache format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, or bytes per value.
 * @param context_tokens Tokens of context per user, input plus output.
 * @param users Concurrent users (sequences in the batch).
 * @returns GB (2^30 bytes) of KV cache.
 */
export function kvCache(
  kv_heads: any[][],
  layers: any[][],
  model_dim: any[][],
  att_heads: any[][],
  precision: any[][],
  context_tokens: any[][],
  users: any[][]
): any[][] {
  return spill(KVCACHE, [kv_heads, layers, model_dim, att_heads, precision, context_tokens, users]);
}

/**
 * KV cache a model must hold, in GB of 2^30 bytes, for any attention structure (full, sliding window, chunked local, MLA, linear attention). =TOKENOMICS.MODELKV("Llama 3.1 70B", 10000, 16) → 48.83.
 * @customfunction MODELKV
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills. A column of names gives a column.
 * @param context_tokens Tokens of context per user, input plus output.
 * @param users Concurrent users (sequences in the batch).
 * @param [kv_precision] KV-cache format: FP16, BF16, FP8, … or bytes per value. Default FP16 (serving engines' 16-bit default).
 * @returns GB (2^30 bytes) of KV cache.
 */
export function modelKv(
  model: any[][],
  context_tokens: any[][],
  users: any[][],
  kv_precision?: any[][]
): any[][] {
  return spill(MODELKV, [model, context_tokens, users, kv_precision]);
}

/**
 * Total memory for a model in GB of 2^30 bytes: weights × instances + KV cache for all users. =TOKENOMICS.MEMORY("Llama 3.1 70B", 10000, 16) → 179.21.
 * @customfunction MEMORY
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param context_tokens Tokens of context per user, input plus output.
 * @param users Concurrent users in total (sequences in the batch).
 * @param [precision] Weight format: FP16, BF16, FP8, INT4, MXFP4, … or bytes per value. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [instances] Copies of the weights held in memory, a whole number. Default 1.
 * @returns GB (2^30 bytes) of weights and KV cache.
 */
export function memory(
  model: any[][],
  context_tokens: any[][],
  users: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  instances?: any[][]
): any[][] {
  return spill(MEMORY, [model, context_tokens, users, precision, kv_precision, instances]);
}

/**
 * Chips needed to hold the memory: memory_gb / chip_memory_gb, fractional as in the article; for whole chips use =ROUNDUP(TOKENOMICS.CHIPS(…), 0). =TOKENOMICS.CHIPS(179, 144) → 1.24.
 * @customfunction CHIPS
 * @param memory_gb Memory to hold, in GB of 2^30 bytes (weights + KV cache).
 * @param chip_memory_gb Memory per chip in GB of 2^30 bytes (HBM, or SRAM for chips without HBM: 0.25 for 256 MB), or a system name such as "GH200".
 * @returns Chips (fractional).
 */
export function chips(memory_gb: any[][], chip_memory_gb: any[][]): any[][] {
  return spill(CHIPS, [memory_gb, chip_memory_gb]);
}

/**
 * Racks needed to hold the memory: memory_gb / chip_memory_gb / chips_per_rack, fractional; round up for whole racks. =TOKENOMICS.RACKS(179, 0.25, 128) → 5.6.
 * @customfunction RACKS
 * @param memory_gb Memory to hold, in GB of 2^30 bytes (weights + KV cache).
 * @param chip_memory_gb Memory per chip in GB of 2^30 bytes (HBM, or SRAM for chips without HBM), or a system name such as "GB200 NVL72".
 * @param [chips_per_rack] Chips in one rack, a whole number (128 in the article's SRAM example). Default the system's chips_per_rack (required when chip_memory_gb is a number).
 * @returns Racks (fractional).
 */
export function racks(
  memory_gb: any[][],
  chip_memory_gb: any[][],
  chips_per_rack?: any[][]
): any[][] {
  return spill(RACKS_FN, [memory_gb, chip_memory_gb, chips_per_rack]);
}

/**
 * Cost per million tokens in USD: (annual capital by PMT + energy + hosting) / tokens per year × 1e6. Defaults are sourced estimates: replace them with your own.
 * @customfunction COSTPERMTOK
 * @param tokens_per_sec Total tokens per second of the whole deployment (e.g. an MLPerf result).
 * @param racks Racks in the deployment (may be fractional).
 * @param price_per_rack Purchase price of one rack, USD.
 * @param power_per_rack_kw IT power of one rack, kW.
 * @param [years] Depreciation life, years. Default 5 (Epoch AI server life, 2026).
 * @param [wacc] Cost of capital per year, a fraction. Default 0.1 (CoreWeave 2030 notes 10%, 10-Q 2025; a debt proxy, low confidence).
 * @param [hosting_per_kw_month] Colocation, USD per kW of IT power per month. Default 184.06 (CBRE North America H2 2024).
 * @param [energy_per_kwh] Electricity, USD per kWh. Default 0.0806 (US industrial average 2023, EIA).
 * @param [pue] Facility power / IT power. Default 1.25 (Epoch AI, non-hyperscale).
 * @param [utilization] Share of the year serving at tokens_per_sec, in (0, 1]. Default 0.8 (Uptime Institute 2025).
 * @returns USD per million tokens.
 */
export function costPerMTok(
  tokens_per_sec: any[][],
  racks: any[][],
  price_per_rack: any[][],
  power_per_rack_kw: any[][],
  years?: any[][],
  wacc?: any[][],
  hosting_per_kw_month?: any[][],
  energy_per_kwh?: any[][],
  pue?: any[][],
  utilization?: any[][]
): any[][] {
  return spill(COSTPERMTOK, [
    tokens_per_sec,
    racks,
    price_per_rack,
    power_per_rack_kw,
    years,
    wacc,
    hosting_per_kw_month,
    energy_per_kwh,
    pue,
    utilization,
  ]);
}

/**
 * Annual cost of ownership in USD as a spilled 5 × 3 table: capital (PMT), energy, hosting and total, each with its share. Arguments are single cells.
 * @customfunction TCO
 * @param racks Racks in the deployment (may be fractional).
 * @param price_per_rack Purchase price of one rack, USD.
 * @param power_per_rack_kw IT power of one rack, kW.
 * @param [years] Depreciation life, years. Default 5 (Epoch AI server life, 2026).
 * @param [wacc] Cost of capital per year, a fraction. Default 0.1 (CoreWeave 2030 notes 10%, 10-Q 2025; a debt proxy, low confidence).
 * @param [hosting_per_kw_month] Colocation, USD per kW of IT power per month. Default 184.06 (CBRE North America H2 2024).
 * @param [energy_per_kwh] Electricity, USD per kWh. Default 0.0806 (US industrial average 2023, EIA).
 * @param [pue] Facility power / IT power. Default 1.25 (Epoch AI, non-hyperscale).
 * @returns Table of component, USD per year, share of total.
 */
export function tco(
  racks: any[][],
  price_per_rack: any[][],
  power_per_rack_kw: any[][],
  years?: any[][],
  wacc?: any[][],
  hosting_per_kw_month?: any[][],
  energy_per_kwh?: any[][],
  pue?: any[][]
): any[][] {
  return spill(TCO, [
    racks,
    price_per_rack,
    power_per_rack_kw,
    years,
    wacc,
    hosting_per_kw_month,
    energy_per_kwh,
    pue,
  ]);
}

/**
 * ESTIMATE of output tokens per second per chip, steady-state serving with continuous batching (prefill included); fitted to measured results, error shown by THROUGHPUT. =TOKENOMICS.TOKENSPERSEC("Llama 3.1 70B", "H200", 1000, 1000).
 * @customfunction TOKENSPERSEC
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @returns Output tokens/s per chip (estimate).
 */
export function tokensPerSec(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][]
): any[][] {
  return spill(TOKENSPERSEC, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
  ]);
}

/**
 * ESTIMATE of the seconds per output token one user sees at that load (time per output token). =TOKENOMICS.TPOT("Llama 3.1 70B", "H200", 1000, 1000, 64).
 * @customfunction TPOT
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @returns Seconds per output token (estimate).
 */
export function tpot(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][]
): any[][] {
  return spill(TPOT, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
  ]);
}

/**
 * ESTIMATE of the seconds to the first token for a request at that load (time to first token). =TOKENOMICS.TTFT("Llama 3.1 70B", "H200", 1000, 1000, 64).
 * @customfunction TTFT
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @returns Seconds to the first token (estimate).
 */
export function ttft(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][]
): any[][] {
  return spill(TTFT, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
  ]);
}

/**
 * Concurrent requests one replica can hold: KV cache for input + output tokens beside the weights and the engine's reserve; 0 when the weights do not fit. =TOKENOMICS.MAXUSERS("Llama 3.1 70B", "H200", 1000, 1000, "FP8", "FP8", 1).
 * @customfunction MAXUSERS
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request.
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [precision] Weight format or bytes per value. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16.
 * @param [chips] Chips in one replica. Default the group TOKENSPERSEC picks.
 * @returns Requests (a whole number).
 */
export function maxUsers(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][]
): any[][] {
  return spill(MAXUSERS, [
    model,
    system,
    input_tokens,
    output_tokens,
    precision,
    kv_precision,
    chips,
  ]);
}

/**
 * ESTIMATE in full as a spilled labelled table: chips per replica, users, what limits them, TPOT, tokens/s per user, TTFT, output and input tokens/s per chip and per replica, prefill share, and the estimate's measured error. Arguments are single cells.
 * @customfunction THROUGHPUT
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @returns A two-column (label, value) table; each label says its unit.
 */
export function throughput(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][]
): any[][] {
  return spill(THROUGHPUT, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
  ]);
}

/**
 * USD per chip-hour of use: the rack's (or server's) annual cost of ownership / chips / (8,760 h × utilization). =TOKENOMICS.CHIPHOUR(3000000, 132, 72, 5, 0.1, 150, 0.08, 1.3, 0.6) → 3.0369; =TOKENOMICS.CHIPHOUR("GB200 NVL72") uses the preset.
 * @customfunction CHIPHOUR
 * @param system_or_price_per_rack A system name or (field, value) range (its rack, or its server where it has no rack preset), or the price of one rack in USD.
 * @param [power_per_rack_kw] IT power of the rack or server, kW. Default the system's (required with a price).
 * @param [chips_per_rack] Chips in the rack or server. Default the system's (required with a price).
 * @param [years] Depreciation life, years. Default 5 (Epoch AI server life, 2026).
 * @param [wacc] Cost of capital per year, a fraction. Default 0.1 (CoreWeave 2030 notes 10%, 10-Q 2025; a debt proxy, low confidence).
 * @param [hosting_per_kw_month] Colocation, USD per kW of IT power per month. Default 184.06 (CBRE North America H2 2024).
 * @param [energy_per_kwh] Electricity, USD per kWh. Default 0.0806 (US industrial average 2023, EIA).
 * @param [pue] Facility power / IT power. Default 1.25 (Epoch AI, non-hyperscale).
 * @param [utilization] Share of the year the chips serve, in (0, 1]. Default 0.8 (Uptime Institute 2025).
 * @returns USD per chip-hour.
 */
export function chipHour(
  system_or_price_per_rack: any[][],
  power_per_rack_kw?: any[][],
  chips_per_rack?: any[][],
  years?: any[][],
  wacc?: any[][],
  hosting_per_kw_month?: any[][],
  energy_per_kwh?: any[][],
  pue?: any[][],
  utilization?: any[][]
): any[][] {
  return spill(CHIPHOUR, [
    system_or_price_per_rack,
    power_per_rack_kw,
    chips_per_rack,
    years,
    wacc,
    hosting_per_kw_month,
    energy_per_kwh,
    pue,
    utilization,
  ]);
}

/**
 * ESTIMATE of what a token costs, as a spilled labelled table: USD per million input tokens, per million output tokens, per million tokens (input + output) and per request. Prefill time is charged to input tokens, decode to output. Arguments are single cells.
 * @customfunction TOKENCOST
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @param [chip_hour_usd] USD per chip-hour of use. Default TOKENOMICS.CHIPHOUR(system) with the default finance assumptions.
 * @returns A two-column (label, USD) table.
 */
export function tokenCost(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][],
  chip_hour_usd?: any[][]
): any[][] {
  return spill(TOKENCOST, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
    chip_hour_usd,
  ]);
}

/**
 * ESTIMATE of the joules per output token at the facility meter: one chip's share of the rack's (or server's) power × PUE, over its output tokens per second. =TOKENOMICS.ENERGYPERTOKEN("Llama 3.1 70B", "GB200 NVL72", 1000, 1000).
 * @customfunction ENERGYPERTOKEN
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @param [pue] Power usage effectiveness, facility power / IT power (≥ 1). Default 1.25 (Epoch AI, non-hyperscale facilities).
 * @returns Joules per output token (estimate).
 */
export function energyPerToken(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][],
  pue?: any[][]
): any[][] {
  return spill(ENERGYPERTOKEN, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
    pue,
  ]);
}

/**
 * ESTIMATE of the output tokens per second one provisioned megawatt yields at the facility meter (10^6 / ENERGYPERTOKEN). =TOKENOMICS.TOKENSPERMW("Llama 3.1 70B", "GB200 NVL72", 1000, 1000).
 * @customfunction TOKENSPERMW
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [users] Concurrent requests in one replica, a whole number. Default as many as fit, up to the engine's batch limit (maximum throughput).
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica (its tensor/expert-parallel group). Default the group with the most tokens/s per chip within the system's scale-up domain.
 * @param [pue] Power usage effectiveness, facility power / IT power (≥ 1). Default 1.25 (Epoch AI, non-hyperscale facilities).
 * @returns Output tokens/s per MW (estimate).
 */
export function tokensPerMW(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  users?: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][],
  pue?: any[][]
): any[][] {
  return spill(TOKENSPERMW, [
    model,
    system,
    input_tokens,
    output_tokens,
    users,
    precision,
    kv_precision,
    chips,
    pue,
  ]);
}

/**
 * ESTIMATE of the throughput–interactivity curve, spilled with a header row: one row per load from 1 user to the most that fit one replica (geometric), with users, tokens/s per user, TPOT (s), TTFT (s), output tokens/s per chip and USD per million output tokens. The replica's chips stay those of the maximum-throughput point. Arguments are single cells.
 * @customfunction CURVE
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param system A system name ("H100", "GB200 NVL72", "h200_sxm") or a (field, value) range such as SYSTEM() spills.
 * @param input_tokens Prompt tokens per request (may be an average).
 * @param output_tokens Generated tokens per request, at least 1.
 * @param [precision] Weight format: FP16, BF16, FP8, NVFP4, MXFP4, INT4_WO… or bytes per value; it also picks the peak TFLOPS. Default the model's native precision.
 * @param [kv_precision] KV-cache format. Default FP16 (serving engines' 16-bit default).
 * @param [chips] Chips in one replica. Default the group with the most tokens/s per chip at maximum load, within the system's scale-up domain.
 * @param [points] Loads on the curve (rows below the header), 2 to 50. Default 12; where fewer users fit, the last rows repeat the most that fit.
 * @param [chip_hour_usd] USD per chip-hour of use. Default TOKENOMICS.CHIPHOUR(system) with the default finance assumptions.
 * @returns A table with a header row: users, tokens/s per user, TPOT s, TTFT s, output tokens/s per chip, USD per million output tokens.
 */
export function curve(
  model: any[][],
  system: any[][],
  input_tokens: any[][],
  output_tokens: any[][],
  precision?: any[][],
  kv_precision?: any[][],
  chips?: any[][],
  points?: any[][],
  chip_hour_usd?: any[][]
): any[][] {
  return spill(CURVE, [
    model,
    system,
    input_tokens,
    output_tokens,
    precision,
    kv_precision,
    chips,
    points,
    chip_hour_usd,
  ]);
}

/**
 * A dated market price of the model's API from the sourced price table: USD per million input and output tokens, provider, date and source. Prices move: the date says when its source showed it. =TOKENOMICS.PRICE("Llama 3.3 70B", "Groq", "output_usd_per_m") → 0.79.
 * @customfunction PRICE
 * @param model A model name or Hugging Face id, or a (field, value) range such as MODEL() spills.
 * @param [provider] A provider in the price table ("Together AI", "groq"; the start of a name is enough). Default the lowest listing for the model (3 input : 1 output blend).
 * @param [field] One field: model, provider, input_usd_per_m, output_usd_per_m, date, source, tracker, note. Default the whole row as a (field, value) table.
 * @returns USD per million tokens for the price fields; text for the others.
 */
export function price(model: any[][], provider?: any[][], field?: any[][]): any[][] {
  return spill(PRICE, [model, provider, field]);
}

/**
 * The model presets' names, one per row (for data-validation lists, or MODELKV over many models). =TOKENOMICS.MODELS("llama").
 * @customfunction MODELS
 * @param [filter] Text to look for in names, aliases, family or developer. Default none (every preset).
 * @returns A column of model names.
 */
export function models(filter?: any[][]): any[][] {
  return spill(MODELS, [filter]);
}

/**
 * A model preset as a two-column (field, value) table with its source, editable in cells and usable wherever a model is expected; or one field. Parameters in billions, sizes in tokens or values.
 * @customfunction MODEL
 * @param model A model name or Hugging Face id ("Llama 3.1 70B", "deepseek-ai/DeepSeek-V3").
 * @param [field] One field ("layers", "kv_heads", "head_dim", "source"…). Default every field of the model.
 * @returns The (field, value) table, or the field's value.
 */
export function model(model: any[][], field?: any[][]): any[][] {
  return spill(MODEL_FN, [model, field]);
}

/**
 * The system presets' names, one per row. =TOKENOMICS.SYSTEMS("NVIDIA").
 * @customfunction SYSTEMS
 * @param [filter] Text to look for in names, aliases, vendor or memory type. Default none (every preset).
 * @returns A column of system names.
 */
export function systems(filter?: any[][]): any[][] {
  return spill(SYSTEMS, [filter]);
}

/**
 * A system preset as a two-column (field, value) table with sources and estimate notes, or one field. memory_gb in GB of 2^30 bytes, power in W or kW, prices in USD.
 * @customfunction SYSTEM
 * @param system A system name ("H100", "GB200 NVL72", "Groq LPU").
 * @param [field] One field ("memory_gb", "chips_per_rack", "price_note"…). Default every field of the system.
 * @returns The (field, value) table, or the field's value.
 */
export function system(system: any[][], field?: any[][]): any[][] {
  return spill(SYSTEM_FN, [system, field]);
}
