/**
 * npm run calibrate: fits the throughput estimate's constants to the measured results in
 * ../shared/reference/throughput and writes them, with the date, the rows used and left out, and the
 * errors (in-sample, leaving one model out, leaving one system out), to
 * src/presets/throughput-calibration.json. Takes a few minutes (one fit per held-out group).
 *
 * Options: --quick (skip the leave-one-out folds; errors from the last full run are kept).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadMeasured } from "../src/calibration/data";
import {
  architectureOf,
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

  const old = JSON.parse(readFileSync(FILE, "utf8"));
  let lomo = old.errors?.leave_one_model_out;
  let loso = old.errors?.leave_one_system_out;
  let lomoGroups = old.errors?.by_model_left_out;
  let losoGroups = old.errors?.by_system_left_out;
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
      "Written by npm run calibrate (scripts/calibrate.ts) from ../shared/reference/throughput; do not edit by hand. Errors are absolute % errors of output tokens/s per chip (estimate vs measured) over the rows used: median, 90th percentile and maximum. Leave-one-out errors refit the constants without each model (architectures alike count as one) or each system and score the rows left out.",
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
      in_sample: inSample.perChip,
      tpot_in_sample: inSample.tpot,
      ttft_in_sample: inSample.ttft,
      leave_one_model_out: lomo,
      leave_one_system_out: loso,
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
