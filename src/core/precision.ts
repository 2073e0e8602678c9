import table from "../presets/precisions.json";
import { invalidValue } from "./errors";

/** A number format the product knows by name, with the bytes one value takes. */
export interface Precision {
  name: string;
  bytes: number;
  /** Width of the arithmetic, bits: 4, 8 or 16 (which peak TFLOPS applies; see precisions.json). */
  computeBits: number;
  source: string;
}

/** Known formats, from `src/presets/precisions.json` (bits per value, by each format's definition). */
export const PRECISIONS: readonly Precision[] = table.precisions.map((p) => ({
  name: p.name,
  bytes: p.bits / 8,
  computeBits: p.compute_bits,
  source: p.source,
}));

const BY_NAME = new Map(PRECISIONS.map((p) => [p.name, p.bytes]));
const COMPUTE_BY_NAME = new Map(PRECISIONS.map((p) => [p.name, p.computeBits]));

/**
 * The width of the arithmetic a precision runs at (4, 8 or 16 bits): by name from precisions.json,
 * or for bytes per value given as a number, 4 up to 4.5 bits, 8 up to 8 bits, else 16.
 */
export function computeBits(value: string | number): number {
  if (typeof value === "number") return value <= 4.5 / 8 ? 4 : value <= 1 ? 8 : 16;
  const bits = COMPUTE_BY_NAME.get(value.trim().toUpperCase());
  if (bits === undefined) return computeBits(bytesPerValue(value)); // throws the usual message
  return bits;
}

/** Largest bytes-per-value accepted as a number: FP64. A larger number is almost surely bits. */
export const MAX_BYTES_PER_VALUE = 8;

/**
 * Bytes per value for a precision given as a name (FP16, bf16, " int4 " — case and surrounding
 * spaces ignored) or as a number of bytes per value (2 for FP16, 0.5 for 4-bit).
 * Throws `#VALUE!` naming `argument` when the name is unknown or the number is not 0 < bytes ≤ 8.
 */
export function bytesPerValue(value: string | number, argument = "precision"): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) {
      throw invalidValue(
        `${argument} must be a format name (${names()}) or bytes per value > 0; got ${value}.`
      );
    }
    if (value > MAX_BYTES_PER_VALUE) {
      throw invalidValue(
        `${argument} as a number is bytes per value (2 for FP16, at most 8); ${value} looks like bits: ` +
          `use "FP${value}" or ${value / 8}.`
      );
    }
    return value;
  }
  const bytes = BY_NAME.get(value.trim().toUpperCase());
  if (bytes === undefined) {
    throw invalidValue(
      `${argument} "${value}" is not a known format: use one of ${names()}, or bytes per value (e.g. 2).`
    );
  }
  return bytes;
}

function names(): string {
  return PRECISIONS.map((p) => p.name).join(", ");
}
