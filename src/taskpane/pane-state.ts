import defaults from "../presets/finance-defaults.json";
import { checkNumber, parseQuantity, TokenomicsError, type NumberRule } from "../core";
import { FINANCE_PARAMS, POWER_PER_RACK_KW, PRICE_PER_RACK } from "../core/formulas/params";
import { FINANCE_KEYS, type FinanceKey, type UnitOverrides, type Workload } from "../workbook/plan";
import type { ShareScope } from "./share-writer";

/**
 * The pane's state in one place, as the user typed it (text), and what it means: numbers read the
 * way people write them ("10%", "8,000", "8k"), each field's error in words, and the form saved with
 * the workbook. React-free and Office-free, so each rule is tested alone.
 */
export interface PaneState {
  model: string;
  system: string;
  inputTokens: string;
  outputTokens: string;
  /** Concurrent users of the whole deployment; blank: one replica at its maximum throughput. */
  users: string;
  /** Tokens/s each user should see; blank: no target. */
  targetPerUser: string;
  /** "native" or a format name. */
  precision: string;
  kvPrecision: string;
  /** As typed; blank: the documented default. */
  finance: Record<FinanceKey, string>;
  /** The unit's price (USD) and power (kW); blank: the preset's. */
  price: string;
  power: string;
  compare: string[];
  scope: ShareScope;
}

export const DEFAULT_STATE: PaneState = {
  model: "Llama 3.1 70B",
  system: "NVIDIA H200 SXM 141GB",
  inputTokens: "1000",
  outputTokens: "1000",
  users: "",
  targetPerUser: "",
  precision: "native",
  kvPrecision: "FP16",
  finance: Object.fromEntries(FINANCE_KEYS.map((k) => [k, ""])) as Record<FinanceKey, string>,
  price: "",
  power: "",
  compare: ["NVIDIA H100 SXM 80GB", "NVIDIA H200 SXM 141GB", "NVIDIA B200"],
  scope: "sheet",
};

/** Plain labels for the finance assumptions, and whether a percentage is the natural way to type it. */
export const FINANCE_LABELS: Record<FinanceKey, { label: string; percent: boolean }> = {
  years: { label: "Hardware life, years", percent: FINANCE_PARAMS.years.fraction },
  wacc: { label: "Cost of capital (WACC)", percent: FINANCE_PARAMS.wacc.fraction },
  hosting_per_kw_month: {
    label: "Hosting, USD per kW per month",
    percent: FINANCE_PARAMS.hosting_per_kw_month.fraction,
  },
  energy_per_kwh: {
    label: "Electricity, USD per kWh",
    percent: FINANCE_PARAMS.energy_per_kwh.fraction,
  },
  pue: { label: "PUE (facility power / IT power)", percent: FINANCE_PARAMS.pue.fraction },
  utilization: { label: "Utilization", percent: FINANCE_PARAMS.utilization.fraction },
};

/** A default as the pane shows it: fractions as percentages ("10%"), others as numbers. */
export function shownDefault(key: FinanceKey): string {
  const value = defaults[key].value;
  return FINANCE_LABELS[key].percent
    ? `${Number((value * 100).toPrecision(12))}%`
    : value.toLocaleString("en-US", { maximumFractionDigits: 10 });
}

const TOKENS: NumberRule = { kind: "number", min: 1, integer: true };
const USERS: NumberRule = { kind: "number", min: 1, integer: true };
const POSITIVE: NumberRule = { kind: "number", min: 0, minExclusive: true };

export type FieldName =
  | "inputTokens"
  | "outputTokens"
  | "users"
  | "targetPerUser"
  | "price"
  | "power"
  | `finance.${FinanceKey}`;

/** What the state means, once every field reads: the inputs the core and the plans take. */
export interface Inputs {
  workload: Workload;
  /** Blank users: null (maximum throughput on one replica). */
  users: number | null;
  targetPerUser: number | null;
  finance: Partial<Record<FinanceKey, number>>;
  /** Every finance value, defaults filled in. */
  financeValues: Record<FinanceKey, number>;
  unit: UnitOverrides;
}

export interface Reading {
  inputs?: Inputs;
  /** Each field that does not read, with what is wrong in words. */
  errors: Partial<Record<FieldName, string>>;
}

/** Reads one number field: undefined when blank and allowed, else the value or an error message. */
function number(
  text: string,
  rule: NumberRule,
  options: { percent?: boolean; blank?: boolean } = {}
): { value?: number; error?: string } {
  if (text.trim() === "") return options.blank ? {} : { error: "Enter a number." };
  const read = parseQuantity(text, { percent: options.percent });
  if ("problem" in read) return { error: `"${text.trim()}" ${read.problem}.` };
  try {
    return { value: checkNumber("This", rule, read.value) };
  } catch (error) {
    if (error instanceof TokenomicsError)
      return { error: error.message.replace(/^This must be/, "Must be") };
    throw error;
  }
}

export function readState(state: PaneState): Reading {
  const errors: Reading["errors"] = {};
  const take = (field: FieldName, read: { value?: number; error?: string }) => {
    if (read.error) errors[field] = read.error;
    return read.value;
  };
  const input = take("inputTokens", number(state.inputTokens, TOKENS));
  const output = take("outputTokens", number(state.outputTokens, TOKENS));
  const users = take("users", number(state.users, USERS, { blank: true }));
  const target = take("targetPerUser", number(state.targetPerUser, POSITIVE, { blank: true }));
  const price = take(
    "price",
    number(state.price, PRICE_PER_RACK.rule as NumberRule, { blank: true })
  );
  const power = take(
    "power",
    number(state.power, POWER_PER_RACK_KW.rule as NumberRule, { blank: true })
  );
  const finance: Partial<Record<FinanceKey, number>> = {};
  for (const key of FINANCE_KEYS) {
    const value = take(
      `finance.${key}`,
      number(state.finance[key] ?? "", FINANCE_PARAMS[key].param.rule as NumberRule, {
        percent: FINANCE_LABELS[key].percent,
        blank: true,
      })
    );
    if (value !== undefined) finance[key] = value;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const financeValues = Object.fromEntries(
    FINANCE_KEYS.map((k) => [k, finance[k] ?? defaults[k].value])
  ) as Record<FinanceKey, number>;
  const unit: UnitOverrides = {};
  if (price !== undefined) unit.pricePerUnit = price;
  if (power !== undefined) unit.powerPerUnitKW = power;
  return {
    errors,
    inputs: {
      workload: {
        inputTokens: input!,
        outputTokens: output!,
        // The sheets' memory and racks are for the users given, else for one replica's worth (set
        // by the summary); 1 here only until then.
        users: users ?? 1,
        kvPrecision: state.kvPrecision,
        ...(state.precision === "native" ? {} : { precision: state.precision }),
      },
      users: users ?? null,
      targetPerUser: target ?? null,
      finance,
      financeValues,
      unit,
    },
  };
}

/** The key the pane's choices are saved under in the workbook's settings. */
export const SETTINGS_KEY = "tokenomics.pane";

/**
 * The saved form of the state back as a state: only known fields of the right type are taken (a
 * damaged or older record never breaks the pane), the rest from the defaults.
 */
export function restoreState(saved: unknown): PaneState {
  const state: PaneState = structuredClone(DEFAULT_STATE);
  if (typeof saved !== "object" || saved === null) return state;
  const s = saved as Record<string, unknown>;
  const text = (v: unknown) => typeof v === "string" && v.length <= 200;
  for (const key of [
    "model",
    "system",
    "inputTokens",
    "outputTokens",
    "users",
    "targetPerUser",
    "precision",
    "kvPrecision",
    "price",
    "power",
  ] as const) {
    if (text(s[key])) state[key] = s[key] as string;
  }
  if (s.scope === "sheet" || s.scope === "selection") state.scope = s.scope;
  if (Array.isArray(s.compare) && s.compare.length <= 20 && s.compare.every(text))
    state.compare = s.compare as string[];
  if (typeof s.finance === "object" && s.finance !== null) {
    for (const key of FINANCE_KEYS) {
      const v = (s.finance as Record<string, unknown>)[key];
      if (text(v)) state.finance[key] = v as string;
    }
  }
  return state;
}
