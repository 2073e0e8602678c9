import { CHIPS, COSTPERMTOK, KVCACHE, RACKS_FN, TCO, WEIGHTS } from "../core";
import { spillCells, spillTable } from "./excel-adapter";

/*
 * The TOKENOMICS custom functions: JSDoc wrappers only. custom-functions-metadata-plugin reads these
 * comments to write functions.json and appends the CustomFunctions.associate calls, so every wrapper
 * must be a top-level `function`. Each argument is `any[][]`: one cell or a range, validated by the core
 * (src/core/catalog.ts), where each function, its rules and its defaults are declared once.
 * Omitted optional arguments arrive as null. Ids are a public contract: never rename one.
 */

/**
 * Memory for the model weights, in GB of 2^30 bytes: params × bytes per value × instances. =TOKENOMICS.WEIGHTS(70, "FP16") → 130.39.
 * @customfunction WEIGHTS
 * @param params_billion Model parameters in billions (70 for a 70B model).
 * @param [precision] Weight format: FP32, FP16, BF16, FP8, INT8, FP6, FP4, INT4, or bytes per value. Default FP16.
 * @param [instances] Copies of the model held in memory, a whole number. Default 1.
 * @returns GB (2^30 bytes) of weights.
 */
export function weights(
  params_billion: any[][],
  precision?: any[][],
  instances?: any[][]
): any[][] {
  return spillCells(WEIGHTS, [params_billion, precision, instances]);
}

/**
 * KV-cache memory in GB of 2^30 bytes: 2 × kv_heads × layers × model_dim / att_heads × bytes × context_tokens × users. =TOKENOMICS.KVCACHE(8, 80, 8192, 64, "FP16", 10000, 16) → 48.83.
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
  return spillCells(KVCACHE, [
    kv_heads,
    layers,
    model_dim,
    att_heads,
    precision,
    context_tokens,
    users,
  ]);
}

/**
 * Chips needed to hold the memory: memory_gb / chip_memory_gb, fractional as in the article; for whole chips use =ROUNDUP(TOKENOMICS.CHIPS(…), 0). =TOKENOMICS.CHIPS(179, 144) → 1.24.
 * @customfunction CHIPS
 * @param memory_gb Memory to hold, in GB of 2^30 bytes (weights + KV cache).
 * @param chip_memory_gb Memory per chip, in GB of 2^30 bytes: HBM, or on-chip SRAM for chips without HBM (0.25 for 256 MB).
 * @returns Chips (fractional).
 */
export function chips(memory_gb: any[][], chip_memory_gb: any[][]): any[][] {
  return spillCells(CHIPS, [memory_gb, chip_memory_gb]);
}

/**
 * Racks needed to hold the memory: memory_gb / chip_memory_gb / chips_per_rack, fractional; round up for whole racks. =TOKENOMICS.RACKS(179, 0.25, 128) → 5.6.
 * @customfunction RACKS
 * @param memory_gb Memory to hold, in GB of 2^30 bytes (weights + KV cache).
 * @param chip_memory_gb Memory per chip, in GB of 2^30 bytes: HBM, or on-chip SRAM for chips without HBM.
 * @param chips_per_rack Chips in one rack, a whole number (128 in the article's SRAM example).
 * @returns Racks (fractional).
 */
export function racks(
  memory_gb: any[][],
  chip_memory_gb: any[][],
  chips_per_rack: any[][]
): any[][] {
  return spillCells(RACKS_FN, [memory_gb, chip_memory_gb, chips_per_rack]);
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
  return spillCells(COSTPERMTOK, [
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
  return spillTable(TCO, [
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
