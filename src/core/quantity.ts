/**
 * Reading a number a person typed — on the command line, in the pane's fields — as people write
 * them: "10000", "10,000", "10k", "1.5M", "2B", "1e4", and, where a fraction is meant, "10%".
 *
 * Strict wherever a misreading would be silent: no hex or octal ("0x10" is not 16), no "Infinity",
 * thousands separators only in groups of three ("1,00" is refused, not read as 100), one suffix,
 * and a result that is a finite number. Bounds (≥ 1, whole, ≤ 1) are the caller's: this only reads.
 */

/** What a suffix multiplies by: k thousand, M million, B billion (finance's usage). */
const SUFFIXES: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, B: 9 };

const SHAPE =
  /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(k|K|M|B|%)?$/;

export type Quantity = { value: number } | { problem: string };

export interface QuantityOptions {
  /** Accept "10%" as 0.1 (for fractions such as a cost of capital). */
  percent?: boolean;
}

/**
 * The number `text` means, or a problem phrased to follow "got "…": " (e.g. `is not a number …`).
 * The value is built from the decimal text itself (1.15k is 1150 exactly, not 1.15 × 1000).
 */
export function parseQuantity(text: string, options: QuantityOptions = {}): Quantity {
  const trimmed = text.trim();
  if (trimmed === "") return { problem: "is empty" };
  if (/^[+-]?0[xob]/i.test(trimmed)) {
    return { problem: "is not a decimal number (hexadecimal, octal and binary are not read)" };
  }
  const match = SHAPE.exec(trimmed);
  if (!match) {
    if (/^[+-]?[\d.,]+\s*m$/.test(trimmed)) return { problem: "uses m: write M for million" };
    return {
      problem: `is not a number: write it as 10000, 10,000, 10k or 1e4${options.percent ? " (or 10% for a fraction)" : ""}`,
    };
  }
  const [, sign, digits, exponent, suffix] = match;
  if (suffix === "%" && !options.percent) {
    return { problem: "is a percentage, which is not accepted here: give the number itself" };
  }
  const shift = suffix === undefined ? 0 : suffix === "%" ? -2 : SUFFIXES[suffix];
  const value = Number(`${sign}${digits.replace(/,/g, "")}e${Number(exponent ?? 0) + shift}`);
  if (!Number.isFinite(value)) return { problem: "is too large to be a number" };
  return { value: value === 0 ? 0 : value }; // no -0
}
