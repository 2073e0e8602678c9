/**
 * The core's one error type. It carries the Excel error it should become, so every face maps it the
 * same way: `value` → `#VALUE!` (bad input), `notAvailable` → `#N/A` (unknown preset). These are the only
 * two codes for which Excel shows the message, so every message says what to fix.
 */
export type ErrorKind = "value" | "notAvailable";

export class TokenomicsError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message);
    this.name = "TokenomicsError";
  }
}

/** Bad input: becomes `#VALUE!` with this message. */
export function invalidValue(message: string): TokenomicsError {
  return new TokenomicsError("value", message);
}

/** Unknown name (preset, precision…): becomes `#N/A` with this message. */
export function notAvailable(message: string): TokenomicsError {
  return new TokenomicsError("notAvailable", message);
}
