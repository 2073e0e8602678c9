/**
 * Units the whole product reports in. Every result of every face (custom functions, task pane, CLI)
 * goes through these constants, so a unit is decided in exactly one place.
 */

/**
 * Bytes in one "GB" as reported here: 2^30 (a GiB). HBM capacities are binary (an "80 GB" H100 holds
 * 80 GiB), and the source article's "~130 GB" for 70B parameters at FP16 is 140e9 bytes / 2^30.
 */
export const BYTES_PER_GB = 2 ** 30;

/** Hours in the 365-day year used for annual energy and token totals (365 × 24). */
export const HOURS_PER_YEAR = 8760;

/** Seconds per hour, for turning tokens/s into tokens per year. */
export const SECONDS_PER_HOUR = 3600;

/** Colocation is priced per kW per month; twelve of them make the annual hosting cost. */
export const MONTHS_PER_YEAR = 12;

/** Prices are quoted per million tokens (USD/Mtok), as API price lists are. */
export const TOKENS_PER_MILLION = 1e6;
