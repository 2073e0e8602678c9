/**
 * npm run calibrate: fits the throughput estimate's constants to the measured results in
 * data/throughput and writes them, with the date, the rows used and left out, and the errors, to
 * src/presets/throughput-calibration.json. Errors: in-sample; on the held-out newest tables
 * (data/throughput/trtllm_perf_overview_held_out.tsv, never fitted); a time split (fit without the
 * newest release of each source, score it); leaving one architecture, one system and one source
 * out; each by regime. The error the product states is the worse of the held-out tables and the
 * time split. Takes a few minutes (one fit per left-out group).
 *
 * Options: --quick (skip the leave-one-out folds; errors from the last full run are kept).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadHeldOut, loadMeasured } from "../src/calibration/data";
import {
  architectureOf,
  asUserGives,
  isNewestRelease,
  scored,
  crossValidate,
  currentValues,
  errorsOf,
  fit,
  prepare,
  WEIGHTS,
} from "../src/calibration/fit";
import { FITTED } from "../src/core/serving";

const FILE = join(process.cwd(), "src", "presets", "throughput-calibration.json");
const quick = process.argv.includes("--quick");

const MEANINGS: Record<(typeof FITTED)[number], string> = {
  weight_read_efficiency:
    "share of the memory bandwidth reached reading weights in a decode iteration",
  kv_read_efficiency:
    "share of the memory bandwidth reached reading the KV cache (attention kernels)",
  decode_compute_efficiency:
    "share of the dense peak TFLOPS reached by the decode tokens' arithmetic",
  prefill_compute_efficiency: "share of the dense peak TFLOPS reached by prompt (prefill) tokens",
  layer_overhead_s:
    "fixed seconds per layer per iteration (kernel launches, norms, synchronisation)",
  moe_layer_overhead_s: "extra fixed seconds per MoE layer per iteration (routing, token shuffles)",
  moe_token_overhead_s:
    "chip-seconds per token per MoE layer beside its arithmetic (routing, permuting tokens to their experts and back)",
  prefill_queue_share:
    "share of the other running requests' prefills a new request waits behind before its first token",
  batch_cap:
    "largest batch the engine runs in one replica (users blank: as many as fit, up to this)",
};

function main() {
  const started = Date.now();
  const { rows, skipped } = loadMeasured();
  const prepared = prepare(rows);
  const refused = prepared.filter((p) => p.refused);
  console.log(
    `${rows.length} rows (${refused.length} the estimate refuses), ${skipped.length} left out`
  );

  const { values, iterations } = fit(prepared, currentValues());
  console.log(`fitted in ${iterations} iterations:`, values);
  const inSample = errorsOf(prepared, values);
  console.log("in-sample", inSample.perChip);

  // The newest tables, never fitted, scored as a user meets them (chips a number, layout the
  // estimate's own).
  const heldOutRows = loadHeldOut();
  const heldOut = scored(asUserGives(prepare(heldOutRows.rows)), values);
  console.log("held-out newest tables", heldOut);
  // Time split: without the newest release of each source, scored on it.
  const newest = prepared.filter((p) => isNewestRelease(p.row, rows));
  const older = prepared.filter((p) => !isNewestRelease(p.row, rows));
  const timeSplit = scored(asUserGives(newest), fit(older, values).values);
  console.log("time split", timeSplit);
  const worse = (a: { median: number; p90: number }, b: { median: number; p90: number }) => ({
    median: Math.max(a.median, b.median),
    p90: Math.max(a.p90, b.p90),
  });

  const old = JSON.parse(readFileSync(FILE, "utf8"));
  let lomo = old.errors?.leave_one_model_out;
  let loso = old.errors?.leave_one_system_out;
  let lomoGroups = old.errors?.by_model_left_out;
  let losoGroups = old.errors?.by_system_left_out;
  let loSource = old.errors?.leave_one_source_out;
  if (!quick) {
    const byModel = crossValidate(prepared, (p) => architectureOf(p.row.modelPreset), values);
    const names = new Map(
      prepared.map((p) => [architectureOf(p.row.modelPreset), p.row.modelPreset])
    );
    lomo = byModel.pooled;
    lomoGroups = Object.fromEntries(
      Object.entries(byModel.perGroup).map(([k, v]) => [names.get(k) ?? k, v])
    );
    console.log("leave one model out", lomo);
    const bySystem = crossValidate(prepared, (p) => p.row.systemPreset, values);
    loso = bySystem.pooled;
    losoGroups = bySystem.perGroup;
    console.log("leave one system out", loso);
    const bySourceOut = crossValidate(prepared, (p) => p.row.source, values);
    loSource = { ...bySourceOut.pooled, by_source_left_out: bySourceOut.perGroup };
    console.log("leave one source out", loSource);
  }

  /** In-sample errors of the rows in each group. */
  const errorsBy = (group: (r: (typeof rows)[number]) => string) =>
    Object.fromEntries(
      [...new Set(rows.map(group))].map((g) => [
        g,
        errorsOf(
          prepared.filter((p) => group(p.row) === g),
          values
        ).perChip,
      ])
    );
  const bySource = errorsBy((r) => r.source);
  const byEngine = errorsBy((r) => r.engine);
  const count = (xs: string[]) =>
    xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

  const out = {
    $comment:
      "Written by npm run calibrate (scripts/calibrate.ts) from data/throughput; do not edit by hand. Errors are absolute % errors of output tokens/s per chip (estimate vs measured): median, 90th percentile and maximum. held_out: TensorRT-LLM's newest tables (release 1.2, and the gpt-oss-120b and Llama 4 Maverick tables of the newest fitted version), never fitted, scored with the layout the estimate chooses. time_split: refit without the newest release of each source (TensorRT-LLM's newest tables, MLPerf's newest round) and scored on it. Leave-one-out errors refit without each model (architectures alike count as one), each system or each source and score the rows left out. stated: the worse of held_out and time_split, the error sheets, the pane and THROUGHPUT show.",
    fitted: new Date().toISOString().slice(0, 10),
    method: `Levenberg-Marquardt on log(estimate / measured), soft-L1 loss (scale 0.2); throughput weight ${WEIGHTS.perChip}, TPOT ${WEIGHTS.tpot}, TTFT ${WEIGHTS.ttft} where measured`,
    constants: Object.fromEntries(
      // The batch cap is a number of requests: a whole one.
      FITTED.map((k) => [
        k,
        {
          value: k === "batch_cap" ? Math.round(values[k]) : round(values[k]),
          meaning: MEANINGS[k],
        },
      ])
    ),
    assumptions: old.assumptions,
    rows: {
      used: rows.length,
      refused_by_estimate: refused.length,
      by_source: count(rows.map((r) => r.source)),
      by_model: count(rows.map((r) => r.modelPreset)),
      by_system: count(rows.map((r) => r.systemPreset)),
      left_out: count(skipped.map((s) => `${s.source}: ${s.reason}`)),
      refused: count(refused.map((p) => p.refused!)),
    },
    errors: {
      stated: {
        ...worse(heldOut, timeSplit),
        basis:
          "the newest engine release's results and models left out of the fit (the worse of the two)",
      },
      held_out: { ...heldOut, rows_left_out: heldOutRows.skipped.length },
      time_split: timeSplit,
      in_sample: inSample.perChip,
      tpot_in_sample: inSample.tpot,
      ttft_in_sample: inSample.ttft,
      leave_one_model_out: lomo,
      leave_one_system_out: loso,
      leave_one_source_out: loSource,
      by_source: bySource,
      by_engine: byEngine,
      by_model_left_out: lomoGroups,
      by_system_left_out: losoGroups,
    },
  };
  writeFileSync(FILE, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const round = (v: number) => Number(v.toPrecision(4));

main();
