import { describe, expect, it } from "vitest";
import {
  callsTokenomics,
  findCalls,
  healed,
  isUnresolved,
  rewriteCalls,
} from "../../src/workbook/formula-calls";

/** Finding TOKENOMICS calls in formula text as Excel reports it. */
describe("finding TOKENOMICS calls", () => {
  it("splits arguments at top-level commas only", () => {
    const [call] = findCalls(
      "=TOKENOMICS.COSTPERMTOK(SUM(A1,A2), {1,2;3,4}, \"a,b)\", 'Q1, 2025'!B2, Table1[[#This Row],[Rate]], , 3)"
    );
    expect(call.id).toBe("COSTPERMTOK");
    expect(call.args).toEqual([
      "SUM(A1,A2)",
      "{1,2;3,4}",
      '"a,b)"',
      "'Q1, 2025'!B2",
      "Table1[[#This Row],[Rate]]",
      "",
      "3",
    ]);
  });

  it("knows a call with no arguments from one omitted argument", () => {
    expect(findCalls("=TOKENOMICS.MODELS()")[0].args).toEqual([]);
    expect(findCalls("=TOKENOMICS.MODELS( )")[0].args).toEqual([]);
    expect(findCalls('=TOKENOMICS.MODEL("x",)')[0].args).toEqual(['"x"', ""]);
  });

  it("finds calls in any case, in larger formulas, and nested ones inside their arguments", () => {
    const calls = findCalls('=ROUNDUP(tokenomics.chips(TOKENOMICS.MEMORY(A1,B1,C1),"GH200"),0)+1');
    expect(calls.map((c) => c.id)).toEqual(["CHIPS"]);
    expect(calls[0].args[0]).toBe("TOKENOMICS.MEMORY(A1,B1,C1)");
  });

  it("ignores look-alikes: text, other namespaces, unclosed calls", () => {
    expect(callsTokenomics('="TOKENOMICS.KVCACHE(1)"')).toBe(false);
    expect(callsTokenomics("=MYTOKENOMICS.KVCACHE(1)")).toBe(false);
    expect(callsTokenomics("=TOKENOMICS.KVCACHE(1")).toBe(false);
    expect(callsTokenomics("TOKENOMICS.KVCACHE(1)")).toBe(false); // text, not a formula
    expect(callsTokenomics(42)).toBe(false);
    expect(callsTokenomics("=1+TOKENOMICS.WEIGHTS(70)")).toBe(true);
  });

  it("reads the form Excel stores when the add-in was not loaded, and spells it back", () => {
    const stored = '=_xldudf_TOKENOMICS_WEIGHTS(70,"FP16")*2';
    expect(isUnresolved(stored)).toBe(true);
    expect(findCalls(stored)[0]).toMatchObject({ id: "WEIGHTS", args: ["70", '"FP16"'] });
    expect(healed(stored)).toBe('=TOKENOMICS.WEIGHTS(70, "FP16")*2');
  });

  it("rewrites innermost calls first and says which call is the whole formula", () => {
    const seen: string[] = [];
    const out = rewriteCalls(
      "=TOKENOMICS.CHIPS(TOKENOMICS.MEMORY(A1,B1,C1),144)",
      (id, args, whole) => {
        seen.push(`${id}(${args.join(";")})${whole ? " whole" : ""}`);
        return id === "MEMORY" ? "179" : `${args[0]}/${args[1]}`;
      }
    );
    expect(seen).toEqual(["MEMORY(A1;B1;C1)", "CHIPS(179;144) whole"]);
    expect(out).toBe("=179/144");
  });
});
