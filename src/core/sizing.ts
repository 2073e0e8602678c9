/**
 * Hardware counts from memory, as in the article: chips = memory / memory per chip, racks = chips /
 * chips per rack. Both are fractional on purpose (the article's 1.24 chips, 5.6 racks); a budget
 * rounds up, e.g. =ROUNDUP(TOKENOMICS.CHIPS(…), 0).
 */

/** Chips needed to hold `memoryGB` when each chip holds `chipMemoryGB` (both GB of 2^30 bytes). */
export function chipsNeeded(memoryGB: number, chipMemoryGB: number): number {
  return memoryGB / chipMemoryGB;
}

/** Racks needed to hold `memoryGB` with `chipsPerRack` chips of `chipMemoryGB` each. */
export function racksNeeded(memoryGB: number, chipMemoryGB: number, chipsPerRack: number): number {
  return chipsNeeded(memoryGB, chipMemoryGB) / chipsPerRack;
}
