import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate, FUNCTIONS } from "../../src/core";
import { exampleValue, formula, withReference } from "../../src/docs/reference-markdown";

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
      for (const p of fn.params)
        if (p.default?.value) expect(readme).toContain(String(p.default.value));
    }
  });
});

describe("each function's documented example", () => {
  it.each(FUNCTIONS.map((fn) => [formula(fn, fn.example.args), fn] as const))(
    "%s shows what the core computes",
    (_formula, fn) => {
      const { shows, decimals } = fn.example;
      const value = exampleValue(fn);
      expect(typeof value === "number" ? Number(value.toFixed(decimals)) : value).toBe(shows);
    }
  );
});

describe("the README's opening examples", () => {
  /** `=TOKENOMICS.NAME(arg, …)  →  value` lines of the first code block, with plain arguments. */
  function examples(): { formula: string; id: string; args: (string | number)[]; shows: string }[] {
    const readme = fs.readFileSync(README, "utf8");
    const block = readme.slice(
      readme.indexOf("```"),
      readme.indexOf("```", readme.indexOf("```") + 3)
    );
    return [...block.matchAll(/^(=TOKENOMICS\.(\w+)\((.*)\))\s+→\s+([\d.,]+)/gm)].map((m) => ({
      formula: m[1],
      id: m[2],
      args: m[3].split(",").map((a) => {
        const text = a.trim();
        return text.startsWith('"') ? text.slice(1, -1) : Number(text);
      }),
      shows: m[4],
    }));
  }

  it("has examples to check", () => {
    expect(examples().length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples().map((e) => [e.formula, e] as const))(
    "%s shows what the core computes",
    (_f, e) => {
      const fn = FUNCTIONS.find((f) => f.id === e.id);
      expect(fn).toBeDefined();
      const value = evaluate(fn!, e.args)[0][0] as number;
      const decimals = e.shows.split(".")[1]?.length ?? 0;
      expect(value.toFixed(decimals)).toBe(e.shows.replace(/,/g, ""));
    }
  );
});
