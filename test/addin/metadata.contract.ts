/** The parts of functions.json that users' saved formulas depend on. */
export interface ContractFunction {
  id: string;
  name: string;
  parameters: { name: string; optional: boolean; type: string; dimensionality: string }[];
  result: { dimensionality: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function contractOf(metadata: { functions: any[] }): ContractFunction[] {
  return metadata.functions.map((f) => ({
    id: f.id,
    name: f.name,
    parameters: f.parameters.map((p: Record<string, unknown>) => ({
      name: p.name as string,
      optional: Boolean(p.optional),
      type: (p.type as string) ?? "any",
      dimensionality: (p.dimensionality as string) ?? "scalar",
    })),
    result: { dimensionality: f.result?.dimensionality ?? "scalar" },
  }));
}
