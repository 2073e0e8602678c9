import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MODEL_PRESETS, SYSTEM_PRESETS } from "../core";

/**
 * The measured results the throughput estimate is fitted to and scored on, read from
 * data/throughput (its README says what every column means and where each file comes from), each row turned into
 * the arguments TOKENSPERSEC takes and the number it should give. Rows that cannot be read that way
 * are kept with the reason, so the calibration reports what it left out.
 */

export interface Measured {
  /** Where the row comes from: file and a short id. */
  source: "aiconfigurator" | "trtllm" | "mlperf" | "sweeps";
  id: string;
  engine: string;
  /** The engine release or result round the row was measured with, as its source labels it. */
  release?: string;
  /** As the data names them; resolved through the presets like a user's text. */
  model: string;
  system: string;
  /** Preset names the row resolved to (for grouping: leave one model or system out). */
  modelPreset: string;
  systemPreset: string;
  input: number;
  output: number;
  /** Concurrent requests per replica; null = maximum load. */
  users: number | null;
  precision: string | null;
  kvPrecision: string;
  /** Chips per replica; null = left to the estimate. */
  chips: number | null;
  /**
   * The replica's layout as the source states it: 1 attention data-parallel with expert parallel
   * (DEP), 0 tensor parallel; left out, the estimate's own choice.
   */
  layout?: 0 | 1;
  /** Output tokens/s per chip. */
  perChip: number;
  /** Seconds, where measured. */
  tpot?: number;
  ttft?: number;
}

export interface Skipped {
  source: string;
  id: string;
  reason: string;
}

/** data/throughput from the project root (where npm runs scripts and tests). */
export const DEFAULT_DIR = join(process.cwd(), "data", "throughput");

/**
 * TensorRT-LLM's newest published tables, kept out of the fit: the models the fit does not hold
 * (gpt-oss-120b, Llama 4 Maverick) and the release after the newest one it holds (v1.2). The
 * calibration scores the estimate on them; that error is the one the product states.
 */
export const HELD_OUT_FILE = "trtllm_perf_overview_held_out.tsv";

/** Tab- or comma-separated text with a header row; quoted fields may hold the separator. */
export function parseTable(text: string, separator: "\t" | ","): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((c) => c.trim() !== ""));
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h.trim(), (r[k] ?? "").trim()])));
}

const read = (dir: string, file: string, separator: "\t" | ",") =>
  parseTable(readFileSync(join(dir, file), "utf8"), separator);

/** A number in a cell ("6,463" → 6463); NaN when blank or not a number. */
const number = (text: string | undefined) =>
  text === undefined || text.trim() === "" ? NaN : Number(text.replace(/,/g, ""));

interface Collector {
  rows: Measured[];
  skipped: Skipped[];
}

function add(into: Collector, row: Omit<Measured, "modelPreset" | "systemPreset">): void {
  const model = MODEL_PRESETS.find(row.model);
  const system = SYSTEM_PRESETS.find(row.system);
  const skip = (reason: string) => {
    into.skipped.push({ source: row.source, id: row.id, reason });
  };
  if (!model) return skip(`no model preset answers to "${row.model}"`);
  if (!system) return skip(`no system preset answers to "${row.system}"`);
  if (!(row.perChip > 0) || !Number.isFinite(row.perChip)) return skip("no throughput");
  into.rows.push({ ...row, modelPreset: model.name, systemPreset: system.name });
}

/** aiconfigurator's measured TTFT/TPOT rows: aggregated serving only (prefill and decode together). */
function aiconfigurator(dir: string, into: Collector): void {
  const formats: Record<string, string | null> = {
    fp8: "FP8",
    fp8_block: "FP8_BLOCK",
    nvfp4: "NVFP4",
    int4_wo: "INT4_WO",
    "": null,
  };
  for (const r of read(dir, "aiconfigurator_silicon_sample.csv", ",")) {
    const id = r.id;
    if (r.mode !== "agg") {
      into.skipped.push({
        source: "aiconfigurator",
        id,
        reason:
          "disaggregated serving (separate prefill and decode workers): the estimate models one replica doing both",
      });
      continue;
    }
    const model = MODEL_PRESETS.find(r.model_path);
    const moe = (model?.moe_layers ?? 0) > 0;
    const [tp, pp, dp] = [r.tp_size, r.pp_size, r.attention_dp_size].map((x) => number(x) || 1);
    const chips = moe
      ? (number(r.moe_tp_size) || 1) * (number(r.moe_ep_size) || 1) * pp
      : tp * pp * dp;
    const stated = /silicon_concurrency=(\d+)/.exec(r.silicon_data_source);
    const users = stated ? Number(stated[1]) : number(r.batch_size) * pp * dp;
    const ttft = number(r.silicon_ttft_ms) / 1000;
    const tpot = number(r.silicon_tpot_ms) / 1000;
    const [input, output] = [number(r.isl), number(r.osl)];
    const precision = formats[r.gemm_quant_mode] ?? null;
    // TensorRT-LLM stores the KV cache in FP8 with FP8 or FP4 weights; SGLang and vLLM keep the
    // 16-bit default unless told otherwise (the file does not say).
    const kv = r.backend === "trtllm" && precision && precision !== "INT4_WO" ? "FP8" : "FP16";
    add(into, {
      source: "aiconfigurator",
      id,
      engine: r.backend,
      model: r.model_path,
      system: r.system,
      input,
      output,
      users,
      precision,
      kvPrecision: kv,
      chips,
      layout: dp > 1 ? 1 : 0,
      // A closed loop of `users` requests: each lasts TTFT + (O − 1) × TPOT (Little's law).
      perChip: (users * output) / (ttft + (output - 1) * tpot) / chips,
      tpot,
      ttft,
    });
  }
}

/** TensorRT-LLM's published maximum-load throughput tables. */
function trtllm(dir: string, into: Collector, file = "trtllm_perf_overview.tsv"): void {
  const formats: Record<string, string> = { FP16: "FP16", FP8: "FP8", FP4: "NVFP4" };
  read(dir, file, "\t").forEach((r, k) => {
    const precision = formats[r.precision] ?? r.precision;
    const version = r.trtllm_version_label;
    // From v0.17, FP8 quantization puts the KV cache in FP8 too (the README); "auto" keeps 16-bit.
    const recent = /^(0\.17|v1\.|not stated)/.test(version);
    const kv = r.kv_cache_dtype.startsWith("fp8")
      ? "FP8"
      : recent && precision !== "FP16" && !r.kv_cache_dtype.startsWith("auto")
        ? "FP8"
        : "FP16";
    const gpus = number(r.gpus);
    const batch = number(r.batch_size);
    add(into, {
      source: "trtllm",
      id: `${file === HELD_OUT_FILE ? "held out " : ""}row ${k + 2}`,
      engine: "trtllm",
      release: version,
      model: r.model,
      system: r.gpu,
      input: number(r.isl),
      output: number(r.osl),
      users: Number.isFinite(batch) ? batch : null,
      precision,
      kvPrecision: kv,
      chips: gpus,
      layout: r.parallel_label.startsWith("DEP") ? 1 : 0,
      perChip: number(r.output_tokens_per_s) / gpus,
    });
  });
}

/** MLPerf Offline results: unconstrained batch, requests as long as the dataset's means. */
function mlperf(dir: string, into: Collector): void {
  const means = read(dir, "mlperf_dataset_input_lengths.tsv", "\t");
  const dataset = (prefix: string) => means.find((m) => m.benchmark.startsWith(prefix));
  // Output lengths: the official tokens-per-sample targets the file quotes (output_note).
  const outputs: Record<string, number> = {
    "llama2-70b": 294.45,
    "mixtral-8x7b": 144.84,
    "llama3.1-405b": 684.68,
    "deepseek-r1": 3886.2274,
  };
  const models: Record<string, string> = {
    "llama2-70b": "Llama 2 70B",
    "mixtral-8x7b": "Mixtral 8x7B",
    "llama3.1-405b": "Llama 3.1 405B",
    "deepseek-r1": "DeepSeek-R1",
  };
  read(dir, "mlperf.tsv", "\t").forEach((r, k) => {
    const id = `${r.round} ${r.benchmark} ${r.scenario} ${r.system}`;
    const bench = Object.keys(models).find((b) => r.benchmark.startsWith(b));
    if (r.scenario !== "Offline") {
      into.skipped.push({
        source: "mlperf",
        id,
        reason: `${r.scenario}: arrivals under latency limits, not a concurrency the estimate takes`,
      });
      return;
    }
    if (!bench) {
      into.skipped.push({ source: "mlperf", id, reason: "no token count for the outputs" });
      return;
    }
    const tp = /TP(\d+)/.exec(`${r.weights} ${r.notes}`);
    add(into, {
      source: "mlperf",
      id: `${id} (row ${k + 2})`,
      release: r.round,
      engine: r.submitter === "AMD" ? "vllm" : "trtllm",
      model: models[bench],
      system: r.accelerator,
      input: number(dataset(bench)?.mean_input_tokens),
      output: outputs[bench],
      users: null,
      precision: /fp4/i.test(r.weights) ? "NVFP4" : "FP8",
      kvPrecision: "FP8",
      chips: tp ? Number(tp[1]) : null,
      perChip: number(r.tok_s_per_accel),
    });
  });
}

/** TensorRT-LLM online serving at unbounded request rate, and AMD's MI300X vLLM tables. */
function sweeps(dir: string, into: Collector): void {
  read(dir, "concurrency_sweeps.tsv", "\t").forEach((r, k) => {
    const id = `row ${k + 2}`;
    const amd = /MI300X/.test(r.system);
    const chips = number(r.chips);
    const input = number(r.isl);
    const output = number(r.osl);
    if (!amd) {
      if (r.concurrency !== "qps=inf") {
        into.skipped.push({
          source: "sweeps",
          id,
          reason:
            "an offered request rate, not a concurrency: the estimate takes concurrent requests",
        });
        return;
      }
      add(into, {
        source: "sweeps",
        id,
        engine: "trtllm",
        model: r.model,
        // The doc labels the H200 "H200 131GB HBM3" (the README notes it as written).
        system: r.system.replace("H200 131GB", "H200 141GB"),
        input,
        output,
        users: null,
        precision: "BF16",
        kvPrecision: "FP16",
        chips,
        layout: 0,
        perChip: number(r.output_tokens_per_s) / chips,
      });
      return;
    }
    const checkpoint = /\(([^)]+)\)/.exec(r.model)?.[1] ?? r.model;
    const base = {
      source: "sweeps" as const,
      id,
      engine: "vllm",
      model: checkpoint,
      system: "AMD Instinct MI300X",
      input,
      output,
      precision: "FP8",
      kvPrecision: "FP8",
      chips,
      layout: 0 as const,
    };
    const throughput = number(r.output_tokens_per_s);
    if (Number.isFinite(throughput)) {
      add(into, { ...base, users: null, perChip: throughput / chips });
      return;
    }
    // Static batches: the whole batch ends together, `Latency (sec)` after it starts.
    const latency = /Latency \(sec\)"*=([\d.]+)/.exec(r.notes);
    const batch = number(r.concurrency);
    if (!latency || !Number.isFinite(batch)) {
      into.skipped.push({ source: "sweeps", id, reason: "no throughput or latency in the row" });
      return;
    }
    add(into, { ...base, users: batch, perChip: (batch * output) / Number(latency[1]) / chips });
  });
}

/** Every measured row, and every row left out with why. */
export function loadMeasured(dir = DEFAULT_DIR): { rows: Measured[]; skipped: Skipped[] } {
  const into: Collector = { rows: [], skipped: [] };
  aiconfigurator(dir, into);
  trtllm(dir, into);
  mlperf(dir, into);
  sweeps(dir, into);
  return into;
}

/** The held-out newest tables (HELD_OUT_FILE), read like the fitted ones. */
export function loadHeldOut(dir = DEFAULT_DIR): { rows: Measured[]; skipped: Skipped[] } {
  const into: Collector = { rows: [], skipped: [] };
  trtllm(dir, into, HELD_OUT_FILE);
  return into;
}
