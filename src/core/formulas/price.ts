import type { Param } from "../arguments";
import { invalidValue } from "../errors";
import type { CellFunction } from "../formula";
import type { ModelSpec } from "../model-spec";
import { normalizeName } from "../names";
import { marketPrice, PRICE_FIELDS, type MarketPrice } from "../prices";
import { MODEL } from "./params";

/**
 * PRICE: what a model's API costs on the market — a dated row of the sourced price table
 * (src/presets/prices.json), to set the cost of serving beside.
 */

const PROVIDER: Param = {
  name: "provider",
  description:
    'A provider in the price table ("Together AI", "groq", "Amazon Bedrock"; the start of a name is enough); blank = the lowest listing for the model (3 input : 1 output blend).',
  rule: { kind: "text" },
  default: {
    value: "",
    text: "the lowest listing for the model",
    unit: "provider name",
    source:
      "src/presets/prices.json: the cheapest of the model's rows at 3 input tokens to 1 output",
    date: "per row",
    confidence: "per row",
  },
};

const FIELD: Param = {
  name: "field",
  description: `One field (${PRICE_FIELDS.join(", ")}); without it, the whole row as a (field, value) table.`,
  rule: { kind: "text" },
  default: { value: null, text: "the whole row", unit: "field name" },
};

const rowOf = (p: MarketPrice): [string, string | number][] =>
  PRICE_FIELDS.map((f) => [f, p[f] ?? ""]);

const priceOf = (values: unknown[]) =>
  marketPrice((values[0] as ModelSpec).name, values[1] as string | null);

export const PRICE: CellFunction = {
  kind: "cell",
  id: "PRICE",
  summary:
    "A dated market price of the model's API from the sourced price table: USD per million input tokens and per million output tokens, the provider, the date its source showed that price, and the source; one field or the whole row. Prices move: the date says when.",
  unit: "USD per million tokens (input_usd_per_m, output_usd_per_m); text for the others",
  params: [MODEL, PROVIDER, FIELD],
  compute: (values) => {
    const field = values[2] as string | null;
    if (field === null) {
      throw invalidValue(
        `field is blank: give one of ${PRICE_FIELDS.join(", ")}, or leave it out for the whole row.`
      );
    }
    const key = PRICE_FIELDS.find((f) => normalizeName(f) === normalizeName(field));
    if (!key)
      throw invalidValue(`PRICE has no field "${field}". Fields: ${PRICE_FIELDS.join(", ")}.`);
    return priceOf(values)[key] ?? "";
  },
  wholeTable: (values) => rowOf(priceOf(values)),
  example: {
    args: ["Llama 3.3 70B", "Groq", "output_usd_per_m"],
    shows: 0.79,
    decimals: 2,
    about:
      "Groq's price for Llama 3.3 70B output tokens, as groq.com/pricing showed it (2026-07-30 tracker file).",
  },
};
