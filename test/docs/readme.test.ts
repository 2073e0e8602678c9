import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateCells, evaluateTable, FUNCTIONS } from "../../src/core";
import { formula, withReference } from "../../src/docs/reference-markdown";

/**
 * The README's function reference is generated from the catalog (`npm run docs`). Run with
 * UPDATE_README=1 to rewrite it; otherwise a stale README fails here.
 */
const README = "README.md";

describe("README function reference", () => {
  it("is up to date with the catalog (run npm run docs)", () => {
    const current = fs.readFileSync(README, "utf8");
    const expected = withReference(current);
    if (process.env.UPDATE_README === "1" && current !== expected)
      fs.writeFileSync(README, expected);
    else expect(current).toBe(expected);
  });

  it("mentions every function and every default value", () => {
    const readme = fs.readFileSync(README, "utf8");
    for (const fn of FUNCTIONS) {
      expect(readme).toContain(`TOKENOMICS.${fn.id}`);
      for (const p of fn.params) if (p.default) expect(readme).toContain(String(p.default.value));
    }
  });
});

describe("each function's documented example", () => {
  it.each(FUNCTIONS.map((fn) => [formula(fn, fn.example.args), fn] as const))(
    "%s shows what the core computes",
    (_formula, fn) => {
      const { args, shows, decimals } = fn.example;
      const value =
        fn.kind === "cell"
          ? (evaluateCells(fn, args)[0][0] as number)
          : (evaluateTable(fn, args).find((row) => row[0] === "Total")?.[1] as number);
      expect(Number(value.toFixed(decimals))).toBe(shows);
    }
  );
});
