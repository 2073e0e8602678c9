import fs from "node:fs";
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../src/core";
import { contractOf, type ContractFunction } from "./metadata.contract";

/**
 * functions.json is a public contract: a renamed id or parameter breaks every workbook that uses it.
 * The golden file below was reviewed by hand; change it only to ADD functions or trailing optional
 * arguments, never to rename or reorder.
 */
const GOLDEN = path.resolve("test/addin/functions.golden.json");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let metadata: { functions: any[] };

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(
    [path.resolve("src/functions/functions.ts")],
    false
  );
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson);
});

describe("generated custom-function metadata", () => {
  it("matches the golden contract: ids, names, parameters", () => {
    const golden: ContractFunction[] = JSON.parse(fs.readFileSync(GOLDEN, "utf8"));
    expect(contractOf(metadata)).toEqual(golden);
  });

  it("is the same as the webpack build's functions.json", () => {
    const built = JSON.parse(fs.readFileSync(path.resolve(".test-build/functions.json"), "utf8"));
    expect(built).toEqual(metadata);
  });

  it("declares each catalog function with the catalog's parameters, in order, optional where defaulted", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
    for (const fn of FUNCTIONS) {
      const declared = metadata.functions.find((f) => f.id === fn.id);
      expect(declared.parameters.map((p: { name: string }) => p.name)).toEqual(
        fn.params.map((p) => p.name)
      );
      expect(declared.parameters.map((p: { optional?: boolean }) => Boolean(p.optional))).toEqual(
        fn.params.map((p) => p.default !== undefined)
      );
    }
  });

  it("states each optional argument's default in its description, as the core applies it", () => {
    for (const fn of FUNCTIONS) {
      const declared = metadata.functions.find((f) => f.id === fn.id);
      fn.params.forEach((param, k) => {
        if (!param.default) return;
        const value = param.default.value;
        const said = value === null || value === "" ? "Default" : `Default ${value}`;
        expect(declared.parameters[k].description).toContain(said);
      });
    }
  });

  it("says the unit of every result in the function's description", () => {
    const units: Record<string, RegExp> = {
      WEIGHTS: /GB of 2\^30 bytes/,
      KVCACHE: /GB of 2\^30 bytes/,
      MODELKV: /GB of 2\^30 bytes/,
      MEMORY: /GB of 2\^30 bytes/,
      MODELS: /names, one per row/,
      SYSTEMS: /names, one per row/,
      MODEL: /\(field, value\) table.*billions/,
      SYSTEM: /\(field, value\) table.*GB of 2\^30 bytes.*USD/,
      CHIPS: /fractional/,
      RACKS: /fractional/,
      COSTPERMTOK: /USD/,
      TCO: /USD/,
    };
    for (const f of metadata.functions) expect(f.description).toMatch(units[f.id]);
  });
});
