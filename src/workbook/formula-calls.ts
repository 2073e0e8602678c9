/**
 * Finds TOKENOMICS calls in formula text as Office.js reports it (`range.formulas`: English function
 * names, "," between arguments). Enough of Excel's formula grammar to never split inside a string
 * ("a,b"), a quoted sheet name ('Q1, 2025'!A1), a structured or external reference ([…]) or an
 * array constant ({1,2;3,4}).
 *
 * A workbook saved by Excel where the add-in was not loaded may hold the calls as
 * `_xldudf_TOKENOMICS_KVCACHE(…)` (the prefix Excel writes for an unknown JavaScript custom
 * function, as reported in OfficeDev/office-js issues #2051, #2568 and #6395); that form is found
 * too, and `healed` spells it back as TOKENOMICS.KVCACHE.
 */
export interface Call {
  /** The function id, upper case (KVCACHE). */
  id: string;
  /** Where the call starts (its name) and ends (after its ")") in the formula text. */
  start: number;
  end: number;
  /** Each argument's text, trimmed; "" for an omitted argument. */
  args: string[];
}

const NAME = /(?:TOKENOMICS\.|_xldudf_TOKENOMICS_)([A-Za-z][A-Za-z0-9]*)\s*\(/iy;
const IDENTIFIER = /[\w.\\]/;

/** The index just past the quoted text or bracket group starting at `i`, or `i + 1`. */
function skip(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'") {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] !== c) continue;
      if (text[j + 1] === c)
        j++; // a doubled quote is one quote character
      else return j + 1;
    }
    return text.length;
  }
  if (c === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === "[") depth++;
      else if (text[j] === "]" && --depth === 0) return j + 1;
    }
    return text.length;
  }
  return i + 1;
}

/** The arguments of the call whose "(" is at `open`, and the index after its ")"; null if unclosed. */
function argumentsAt(text: string, open: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < text.length;) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "[") {
      i = skip(text, i);
      continue;
    }
    if (c === "(" || c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ")") {
      if (depth === 0) {
        args.push(text.slice(from, i).trim());
        // F() has no arguments, not one omitted argument.
        return { args: args.length === 1 && args[0] === "" ? [] : args, end: i + 1 };
      }
      depth--;
    } else if (c === "," && depth === 0) {
      args.push(text.slice(from, i).trim());
      from = i + 1;
    }
    i++;
  }
  return null;
}

/** The outermost TOKENOMICS calls in a formula, left to right (calls nested in them are in their args). */
export function findCalls(formula: string): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < formula.length;) {
    const c = formula[i];
    if (c === '"' || c === "'" || c === "[") {
      i = skip(formula, i);
      continue;
    }
    if (i > 0 && IDENTIFIER.test(formula[i - 1])) {
      i++;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(formula);
    const parsed = name ? argumentsAt(formula, i + name[0].length - 1) : null;
    if (!name || !parsed) {
      i++;
      continue;
    }
    calls.push({ id: name[1].toUpperCase(), start: i, ...parsed });
    i = parsed.end;
  }
  return calls;
}

/** True when a formula calls a TOKENOMICS function anywhere. */
export const callsTokenomics = (formula: unknown): formula is string =>
  typeof formula === "string" && formula.startsWith("=") && findCalls(formula).length > 0;

/** True when Excel stored the calls as unknown functions (`_xldudf_TOKENOMICS_…`). */
export const isUnresolved = (formula: string) => /_xldudf_TOKENOMICS_/i.test(formula);

/**
 * Rewrites every TOKENOMICS call, innermost first: `replace` gets a call and its arguments already
 * rewritten, and returns the text that takes the call's place.
 */
export function rewriteCalls(
  formula: string,
  replace: (id: string, args: string[], whole: boolean) => string
): string {
  const rewrite = (text: string, top: boolean): string => {
    let out = "";
    let last = 0;
    for (const call of findCalls(text)) {
      const whole = top && call.start === 1 && call.end === text.length && text[0] === "=";
      out += text.slice(last, call.start);
      out += replace(
        call.id,
        call.args.map((a) => rewrite(a, false)),
        whole
      );
      last = call.end;
    }
    return out + text.slice(last);
  };
  return rewrite(formula, true);
}

/** The formula with every call spelled TOKENOMICS.ID(…), as Excel resolves it once the add-in is loaded. */
export const healed = (formula: string) =>
  rewriteCalls(formula, (id, args) => `TOKENOMICS.${id}(${args.join(", ")})`);
