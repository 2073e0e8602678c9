/**
 * Workloads people recognise, as the benchmarks that publish throughput run them: input and output
 * tokens per request, each pair exactly as its source uses it. "Custom" is whatever the user types.
 */
export interface WorkloadPreset {
  id: "chat" | "retrieval" | "reasoning" | "summarisation";
  label: string;
  inputTokens: number;
  outputTokens: number;
  source: string;
}

const TRTLLM =
  "TensorRT-LLM performance overview (NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md)";
const AICONFIGURATOR =
  "NVIDIA aiconfigurator's measured scenarios (ai-dynamo/aiconfigurator silicon_sample.csv)";

export const WORKLOADS: readonly WorkloadPreset[] = [
  {
    id: "chat",
    label: "Chat (1k in / 1k out)",
    inputTokens: 1000,
    outputTokens: 1000,
    source: `ISL/OSL 1000/1000, ${TRTLLM}`,
  },
  {
    id: "retrieval",
    label: "Retrieval (8k in / 1k out)",
    inputTokens: 8192,
    outputTokens: 1024,
    source: `ISL/OSL 8192/1024, ${AICONFIGURATOR}`,
  },
  {
    id: "reasoning",
    label: "Reasoning (1k in / 8k out)",
    inputTokens: 1024,
    outputTokens: 8192,
    source: `ISL/OSL 1024/8192, ${AICONFIGURATOR}`,
  },
  {
    id: "summarisation",
    label: "Summarisation (20k in / 2k out)",
    inputTokens: 20000,
    outputTokens: 2000,
    source: `ISL/OSL 20000/2000, ${TRTLLM}`,
  },
];

/** The preset whose tokens these are, or "custom". */
export function workloadOf(
  inputTokens: string,
  outputTokens: string
): WorkloadPreset["id"] | "custom" {
  const match = WORKLOADS.find(
    (w) =>
      String(w.inputTokens) === inputTokens.trim() && String(w.outputTokens) === outputTokens.trim()
  );
  return match?.id ?? "custom";
}
