import table from "../presets/prices.json";
import { notAvailable } from "./errors";
import { normalizeName } from "./names";

/**
 * Market prices of models' APIs: a sourced, dated table (src/presets/prices.json), one row per
 * provider and model, USD per million input and output tokens. Prices move; each row says when its
 * source showed it.
 */
export interface MarketPrice {
  /** A model preset's name. */
  model: string;
  provider: string;
  input_usd_per_m: number;
  output_usd_per_m: number;
  /** YYYY-MM-DD: when the source showed this price. */
  date: string;
  /** The provider's pricing page. */
  source: string;
  /** The tracker file version the row was read from (a permanent URL). */
  tracker: string;
  evidence: string;
  note?: string;
}

export const MARKET_PRICES: readonly MarketPrice[] = table.rows;

/** The fields of a price row, in the order PRICE lists them. */
export const PRICE_FIELDS = [
  "model",
  "provider",
  "input_usd_per_m",
  "output_usd_per_m",
  "date",
  "source",
  "tracker",
  "note",
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

/**
 * USD per million tokens at 3 input tokens to 1 output token: the blend Artificial Analysis ranks
 * providers by, used here only to pick the lowest listing.
 */
export const blended = (p: MarketPrice) => (3 * p.input_usd_per_m + p.output_usd_per_m) / 4;

/** Every listing for a model, cheapest first (3:1 blend; a later date first on a tie). */
export function pricesFor(model: string): MarketPrice[] {
  return MARKET_PRICES.filter((p) => p.model === model).sort(
    (a, b) => blended(a) - blended(b) || b.date.localeCompare(a.date)
  );
}

/**
 * A model's market price: from `provider` when given (its name, case and spaces aside, or the start
 * of it: "together" is Together AI, a provider's own listing before a router's), else the lowest
 * listing — what a seller of this model competes with. `#N/A` with the choices where there is none.
 */
export function marketPrice(model: string, provider?: string | null): MarketPrice {
  const listings = pricesFor(model);
  if (listings.length === 0) {
    const priced = [...new Set(MARKET_PRICES.map((p) => p.model))].sort();
    throw notAvailable(
      `No market price for ${model} in the price table. Models with one: ${priced.join(", ")}.`
    );
  }
  if (provider === undefined || provider === null || provider.trim() === "") return listings[0];
  const wanted = normalizeName(provider);
  const direct = (p: MarketPrice) => !/\bvia\b/.test(p.provider);
  const found =
    listings.find((p) => normalizeName(p.provider) === wanted) ??
    listings
      .filter((p) => normalizeName(p.provider).startsWith(wanted))
      .sort((a, b) => Number(direct(b)) - Number(direct(a)))[0];
  if (!found) {
    throw notAvailable(
      `No listing of ${model} by "${provider}" in the price table. Providers that list it: ${listings
        .map((p) => p.provider)
        .join(", ")}.`
    );
  }
  return found;
}
