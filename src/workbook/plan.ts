import defaults from "../presets/finance-defaults.json";
import {
  bytesPerValue,
  CHIPHOUR,
  CHIPS,
  COSTPERMTOK,
  CURVE,
  STATED_ERROR_WORDS,
  evaluate,
  THROUGHPUT,
  TOKENCOST,
  TOKENSPERSEC,
  invalidValue,
  MODELKV,
  nativeFormula,
  RACKS_FN,
  TCO,
  WEIGHTS,
  type FormulaFunction,
  MODEL_FIELDS,
  MODEL_PRESETS,
  SYSTEM_FIELDS,
  SYSTEM_PRESETS,
  SYSTEM_TEXT_FIELDS,
  tableRefused,
  toFieldRows,
  pricesFor,
  type ModelSpec,
  type SystemSpec,
} from "../core";
import { nativeProgram, type Output } from "../core/program";
import type { TwinRef } from "../core/expr";
import { deploymentUnit, type DeploymentUnit, type Sourced } from "./deployment-unit";

/**
 * The layout plan: what the task pane writes into a workbook, as plain data — cells (values,
 * formulas, roles, number formats), sheet-scoped names, charts. An adapter applies it through
 * Office.js; the same plan can be written to an .xlsx. Every output is a live TOKENOMICS formula over
 * named input cells, so a user edits an input and every result recalculates.
 */

/**
 * What a cell is. "spill": a cell a live table spills into (its twin's cell when shared); "step": a
 * step of the estimate written out for a shared workbook (empty while live, where the TOKENOMICS
 * functions compute it).
 */
export type Role =
  | "title"
  | "note"
  | "header"
  | "field"
  | "input"
  | "formula"
  | "unit"
  | "source"
  | "spill"
  | "step";
export type Format =
  "text" | "integer" | "decimal" | "gb" | "usd" | "usdPerMTok" | "percent" | "fraction" | "seconds";

/** Excel number formats, one per kind of quantity. */
export const NUMBER_FORMATS: Readonly<Record<Format, string>> = {
  text: "@",
  integer: "#,##0",
  decimal: "#,##0.00",
  gb: '#,##0.00 "GB"',
  usd: "$#,##0",
  usdPerMTok: "$#,##0.0000",
  percent: "0.0%",
  fraction: "0.0000",
  seconds: '0.000 "s"',
};

export interface PlanCell {
  /** 0-based row and column. */
  row: number;
  col: number;
  role: Role;
  value?: string | number;
  /** The live formula (TOKENOMICS functions), as the task pane writes it. */
  formula?: string;
  /**
   * The same cell with native formulas only, where it differs from `formula` (a TOKENOMICS call's
   * twin), or the text/formula a spilled table puts here: what a shared workbook holds.
   */
  native?: string | number;
  format?: Format;
}

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A name scoped to the plan's sheet, so repeated inserts never collide. */
export interface PlanName extends Area {
  name: string;
}

export interface PlanChart {
  title: string;
  seriesName: string;
  categories: Area;
  values: Area;
  /** Top-left cell the chart is placed at. */
  anchor: { row: number; col: number };
  /**
   * An XY scatter with lines instead of columns: `categories` and `values` are then the first
   * series' x and y (named `seriesName`), `more` the other series; the axes have titles.
   */
  scatter?: { xTitle: string; yTitle: string; more: { name: string; x: Area; y: Area }[] };
}

export interface LayoutPlan {
  kind: "model" | "compare";
  sheetName: string;
  cells: PlanCell[];
  names: PlanName[];
  charts: PlanChart[];
  /** Widths in characters, from column A. */
  columnWidths: number[];
  /** Rows × columns the plan covers, from A1. */
  size: { rows: number; cols: number };
}

export type FinanceKey = Exclude<keyof typeof defaults, "$comment">;
export const FINANCE_KEYS = Object.keys(defaults).filter((k) => k !== "$comment") as FinanceKey[];

export interface Workload {
  inputTokens: number;
  outputTokens: number;
  users: number;
  /** Weight format; default the model's native precision. */
  precision?: string;
  /** KV format; default FP16. */
  kvPrecision?: string;
  instances?: number;
}

/** The deployment unit's numbers a user gives instead of the preset's (or the estimate's). */
export type UnitOverrides = Partial<
  Record<"pricePerUnit" | "powerPerUnitKW" | "tokensPerSecPerUnit", number>
>;

export interface ModelSelections {
  model: string;
  system: string;
  workload: Workload;
  /** Overrides of the cost defaults. */
  finance?: Partial<Record<FinanceKey, number>>;
  /** Overrides of the unit's price, power or measured tokens/s, labelled "your input". */
  unit?: UnitOverrides;
}

export interface CompareSelections {
  model: string;
  /** 2 to 20 systems. */
  systems: string[];
  workload: Workload;
  finance?: Partial<Record<FinanceKey, number>>;
}

/** "A1" for 0-based row and column. */
export function a1(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

export function areaAddress(area: Area): string {
  const start = a1(area.row, area.col);
  return area.rows === 1 && area.cols === 1
    ? start
    : `${start}:${a1(area.row + area.rows - 1, area.col + area.cols - 1)}`;
}

/** Writes rows top to bottom; every section of both plans is built with it. */
class Sheet {
  readonly cells: PlanCell[] = [];
  readonly names: PlanName[] = [];
  readonly charts: PlanChart[] = [];
  row = 0;
  cols = 4;

  put(
    row: number,
    col: number,
    role: Role,
    content: { value?: string | number | null; formula?: string; native?: string | number },
    format?: Format
  ) {
    const cell: PlanCell = { row, col, role };
    if (content.formula !== undefined) cell.formula = content.formula;
    if (content.native !== undefined) cell.native = content.native;
    else if (content.value !== undefined && content.value !== null) cell.value = content.value;
    if (format) cell.format = format;
    this.cells.push(cell);
    this.cols = Math.max(this.cols, col + 1);
    return cell;
  }

  name(name: string, row: number, col: number, rows = 1, cols = 1) {
    this.names.push({ name, row, col, rows, cols });
  }

  header(title: string, columns: string[] = ["Value", "Unit", "Source"]) {
    this.row++;
    [title, ...columns].forEach((text, col) => this.put(this.row, col, "header", { value: text }));
    this.row++;
  }

  /** field | value (input or formula) | unit | source; returns the row. */
  line(
    field: string,
    content: { value?: string | number | null; formula?: string; native?: string | number },
    unit: string,
    source: string,
    format?: Format,
    name?: string
  ) {
    const row = this.row++;
    this.put(row, 0, "field", { value: field });
    this.put(row, 1, content.formula !== undefined ? "formula" : "input", content, format);
    this.put(row, 2, "unit", { value: unit });
    this.put(row, 3, "source", { value: source });
    if (name) this.name(name, row, 1);
    return row;
  }

  plan(kind: LayoutPlan["kind"], sheetName: string, columnWidths: number[]): LayoutPlan {
    return {
      kind,
      sheetName,
      cells: this.cells,
      names: this.names,
      charts: this.charts,
      columnWidths,
      size: { rows: this.row, cols: this.cols },
    };
  }
}

const sourced = (s: Sourced) => ({ value: s.value });

/** An argument of a TOKENOMICS call: a cell, name or expression, or a model's (field, value) table. */
type CallArg = string | { model: string };

/** A live TOKENOMICS call and its native twin, from one list of arguments. */
function call(fn: FormulaFunction, args: CallArg[]): { formula: string; native: string } {
  const refs = args.map((a) => (typeof a === "string" ? a : a.model));
  const native = nativeFormula(
    fn as never,
    args.map((a) =>
      typeof a === "string" ? { ref: a } : { ref: a.model, model: true, check: `${a.model}_Check` }
    )
  );
  return { formula: `=TOKENOMICS.${fn.id}(${refs.join(", ")})`, native: native as string };
}

/** A TOKENOMICS call that spills a table, and the native twin of each cell of that table. */
function tableCall(
  fn: FormulaFunction,
  args: string[]
): { formula: string; native: (string | number)[][] } {
  const native = nativeFormula(
    fn as never,
    args.map((ref) => ({ ref }))
  ) as (string | number)[][];
  return { formula: `=TOKENOMICS.${fn.id}(${args.join(", ")})`, native };
}

const MODEL_TABLE = { model: "Tok_Model" };
const COST_NAMES = ["Tok_Years", "Tok_WACC", "Tok_Hosting", "Tok_Energy", "Tok_PUE"];

function checkWorkload(w: Workload): void {
  const positive: [string, number][] = [
    ["input tokens", w.inputTokens],
    ["output tokens", w.outputTokens],
    ["users", w.users],
  ];
  for (const [what, value] of positive) {
    if (!Number.isFinite(value) || value < 0)
      throw invalidValue(`${what} must be a number ≥ 0; got ${value}.`);
  }
  if (w.inputTokens + w.outputTokens <= 0)
    throw invalidValue("input plus output tokens must be more than 0.");
  if (w.users <= 0) throw invalidValue(`users must be more than 0; got ${w.users}.`);
  if (w.instances !== undefined && (!Number.isInteger(w.instances) || w.instances < 1)) {
    throw invalidValue(`instances must be a whole number ≥ 1; got ${w.instances}.`);
  }
  if (w.precision) bytesPerValue(w.precision, "precision");
  if (w.kvPrecision) bytesPerValue(w.kvPrecision, "kv_precision");
}

/** Workload inputs and the shared memory results; names Tok_Context, Tok_Users, … Tok_Memory. */
function workloadSection(sheet: Sheet, model: ModelSpec, w: Workload): void {
  sheet.header("Workload");
  const input = sheet.line(
    "input_tokens",
    { value: w.inputTokens },
    "tokens per user",
    "your workload",
    "integer",
    "Tok_Input"
  );
  const output = sheet.line(
    "output_tokens",
    { value: w.outputTokens },
    "tokens per user",
    "your workload",
    "integer",
    "Tok_Output"
  );
  sheet.line(
    "context_tokens",
    { formula: `=${a1(input, 1)}+${a1(output, 1)}` },
    "tokens per user",
    "input + output",
    "integer",
    "Tok_Context"
  );
  sheet.line(
    "users",
    { value: w.users },
    "concurrent users",
    "your workload",
    "integer",
    "Tok_Users"
  );
  sheet.line(
    "precision",
    { value: w.precision ?? null },
    "weight format",
    w.precision
      ? "your choice"
      : `blank: ${model.name}'s native format (${model.native_precision}${model.bf16_params_b ? `, ${model.bf16_params_b} B parameters in BF16` : ""}); type FP8, NVFP4… to change it`,
    "text",
    "Tok_Precision"
  );
  sheet.line(
    "kv_precision",
    { value: w.kvPrecision ?? "FP16" },
    "KV-cache format",
    w.kvPrecision ? "your choice" : "serving engines' 16-bit default",
    "text",
    "Tok_KV_Precision"
  );
  sheet.line(
    "instances",
    { value: w.instances ?? 1 },
    "copies of the weights",
    "the article's single instance",
    "integer",
    "Tok_Instances"
  );
}

function financeSection(sheet: Sheet, finance: Partial<Record<FinanceKey, number>> = {}): void {
  sheet.header("Finance");
  const names: Record<FinanceKey, string> = {
    years: "Tok_Years",
    wacc: "Tok_WACC",
    hosting_per_kw_month: "Tok_Hosting",
    energy_per_kwh: "Tok_Energy",
    pue: "Tok_PUE",
    utilization: "Tok_Utilization",
  };
  const formats: Record<FinanceKey, Format> = {
    years: "decimal",
    wacc: "percent",
    hosting_per_kw_month: "decimal",
    energy_per_kwh: "fraction",
    pue: "decimal",
    utilization: "percent",
  };
  for (const key of FINANCE_KEYS) {
    const d = defaults[key];
    const mine = finance[key];
    const source =
      mine !== undefined
        ? "your choice"
        : `default: ${d.source} (${d.date}; confidence ${d.confidence})`;
    sheet.line(key, { value: mine ?? d.value }, d.unit, source, formats[key], names[key]);
  }
}

function memoryResults(sheet: Sheet): void {
  sheet.header("Memory");
  const w = sheet.line(
    "weights_gb",
    call(WEIGHTS, [MODEL_TABLE, "Tok_Precision", "Tok_Instances"]),
    "GB (2^30 bytes)",
    "TOKENOMICS.WEIGHTS",
    "gb"
  );
  const kv = sheet.line(
    "kv_cache_gb",
    call(MODELKV, [MODEL_TABLE, "Tok_Context", "Tok_Users", "Tok_KV_Precision"]),
    "GB (2^30 bytes)",
    "TOKENOMICS.MODELKV: what the cache must hold, before engine overhead",
    "gb"
  );
  sheet.line(
    "total_memory_gb",
    { formula: `=${a1(w, 1)}+${a1(kv, 1)}` },
    "GB (2^30 bytes)",
    "weights + KV cache",
    "gb",
    "Tok_Memory"
  );
}

/** The model's (field, value) table, named Tok_Model: every formula reads the model from it. */
function modelSection(sheet: Sheet, model: ModelSpec): void {
  const unsourced = new Set(["source", "notes", "aliases", "confidence"]);
  fieldTable(sheet, "model", "Tok_Model", "Model: edit any value and every formula follows", {
    rows: toFieldRows(model, Object.keys(MODEL_FIELDS) as (keyof ModelSpec)[]),
    meaning: (field) => MODEL_FIELDS[field as keyof ModelSpec].description,
    source: (field) => (unsourced.has(field) ? "" : `${model.name} preset (see the source row)`),
  });
}

/**
 * A preset as an editable (field, value) table named `table`, its meaning and source beside each
 * row, and a check row under it.
 */
function fieldTable(
  sheet: Sheet,
  kind: "model" | "system",
  table: string,
  title: string,
  fields: {
    rows: [string, string | number][];
    meaning: (field: string) => string;
    source: (field: string) => string;
  }
): void {
  sheet.header(title, ["Value", "Meaning", "Source"]);
  const first = sheet.row;
  for (const [field, value] of fields.rows) {
    sheet.line(
      field,
      { value: value === "" ? null : value },
      fields.meaning(field),
      fields.source(field),
      typeof value === "number" ? "decimal" : "text"
    );
  }
  sheet.name(table, first, 0, fields.rows.length, 2);
  tableCheck(sheet, kind, table, first, fields.rows.length);
}

/**
 * A check row under a (field, value) table, named <table>_Check: "ok", or #N/A once a field is
 * misspelt, repeated or a number field holds text — what the live functions refuse. Every native
 * formula reading the table tests it, so a shared workbook errs where the add-in would.
 */
function tableCheck(
  sheet: Sheet,
  kind: "model" | "system",
  table: string,
  first: number,
  rows: number
): void {
  const fields = `$A$${first + 1}:$A$${first + rows}`;
  sheet.line(
    "table check",
    { formula: `=IF(${tableRefused(kind, table, fields)},NA(),"ok")` },
    `#N/A when a field above is unknown, repeated, or a number field holds text`,
    "",
    undefined,
    `${table}_Check`
  );
}

function resolve(
  modelName: string,
  systemNames: string[]
): { model: ModelSpec; systems: SystemSpec[] } {
  return {
    model: MODEL_PRESETS.resolve(modelName),
    systems: systemNames.map((s) => SYSTEM_PRESETS.resolve(s)),
  };
}

/** "racks", "servers (8 chips)": the plural goes on the noun, not after its parentheses. */
export function plural(unit: string): string {
  return unit.replace(/^(\w+)/, "$1s");
}

/** The unit with the user's own numbers in place of the preset's, each saying so. */
function withOverrides(unit: DeploymentUnit, mine: UnitOverrides = {}): DeploymentUnit {
  const own = (key: keyof UnitOverrides): Sourced | undefined =>
    mine[key] === undefined ? undefined : { value: mine[key]!, source: "your input" };
  return {
    ...unit,
    pricePerUnit: own("pricePerUnit") ?? unit.pricePerUnit,
    powerPerUnitKW: own("powerPerUnitKW") ?? unit.powerPerUnitKW,
    tokensPerSecPerUnit: own("tokensPerSecPerUnit") ?? unit.tokensPerSecPerUnit,
  };
}

/** One model on one system: inputs, then memory → chips → racks → annual cost → cost per million tokens. */
export function modelPlan(selections: ModelSelections, sheetName = "Tokenomics"): LayoutPlan {
  checkWorkload(selections.workload);
  const { model, systems } = resolve(selections.model, [selections.system]);
  const system = systems[0];
  const unit = withOverrides(deploymentUnit(system, model), selections.unit);
  const sheet = new Sheet();
  sheet.put(0, 0, "title", { value: `Tokenomics: ${model.name} on ${system.name}` });
  sheet.put(1, 0, "note", {
    value:
      "Shaded cells are inputs: change one and every result recalculates. Memory in GB of 2^30 bytes, money in USD. Sources in column D; estimates say so.",
  });
  sheet.row = 2;
  workloadSection(sheet, model, selections.workload);

  sheet.header("System");
  sheet.line("system", { value: system.name }, "preset", system.source, "text");
  sheet.line(
    "chip_memory_gb",
    sourced(unit.chipMemoryGB),
    "GB per chip",
    unit.chipMemoryGB.source,
    "decimal",
    "Tok_Chip_GB"
  );
  sheet.line(
    "chips_per_rack",
    sourced(unit.chipsPerUnit),
    `chips per ${unit.unit}`,
    unit.chipsPerUnit.source,
    "integer",
    "Tok_Chips_Per_Rack"
  );
  sheet.line(
    "price_per_rack",
    sourced(unit.pricePerUnit),
    `USD per ${unit.unit}`,
    unit.pricePerUnit.source,
    "usd",
    "Tok_Rack_Price"
  );
  sheet.line(
    "power_per_rack_kw",
    sourced(unit.powerPerUnitKW),
    `kW per ${unit.unit}`,
    unit.powerPerUnitKW.source,
    "decimal",
    "Tok_Rack_kW"
  );
  const measured = unit.tokensPerSecPerUnit.value !== null;
  const tpsRow = sheet.line(
    "tokens_per_sec_per_rack",
    measured
      ? sourced(unit.tokensPerSecPerUnit)
      : { formula: `=TOKENOMICS.TOKENSPERSEC(${SERVING_REFS.join(", ")})*Tok_Chips_Per_Rack` },
    `output tokens/s per ${unit.unit}`,
    measured
      ? unit.tokensPerSecPerUnit.source
      : `ESTIMATE: TOKENOMICS.TOKENSPERSEC × chips per ${unit.unit} (no measured result for this pair; ${errorNote()}). Type a measured value over it if you have one.`,
    "decimal",
    "Tok_Rack_TPS"
  );

  financeSection(sheet, selections.finance);
  memoryResults(sheet);

  sheet.header("Hardware and cost");
  sheet.line(
    "chips",
    call(CHIPS, ["Tok_Memory", "Tok_Chip_GB"]),
    "chips (fractional)",
    "TOKENOMICS.CHIPS",
    "decimal"
  );
  const racks = sheet.line(
    "racks",
    call(RACKS_FN, ["Tok_Memory", "Tok_Chip_GB", "Tok_Chips_Per_Rack"]),
    `${plural(unit.unit)} (fractional)`,
    "TOKENOMICS.RACKS",
    "decimal"
  );
  sheet.line(
    "racks_to_buy",
    { formula: `=ROUNDUP(${a1(racks, 1)}, 0)` },
    `whole ${plural(unit.unit)}`,
    "rounded up",
    "integer",
    "Tok_Racks"
  );
  sheet.line(
    "tokens_per_sec",
    { formula: '=IF(ISBLANK(Tok_Rack_TPS), "", Tok_Rack_TPS*Tok_Racks)' },
    "tokens/s, whole deployment",
    "per unit × units",
    "decimal",
    "Tok_TPS"
  );
  sheet.line(
    "cost_per_million_tokens",
    call(COSTPERMTOK, [
      "Tok_TPS",
      "Tok_Racks",
      "Tok_Rack_Price",
      "Tok_Rack_kW",
      ...COST_NAMES,
      "Tok_Utilization",
    ]),
    "USD per million tokens",
    "TOKENOMICS.COSTPERMTOK",
    "usdPerMTok"
  );

  const serving = servingSection(sheet, model, system, selections.workload);
  marginSection(sheet, model, serving.cost);

  sheet.header("Annual cost (TOKENOMICS.TCO)", []);
  const tco = sheet.row;
  const annual = tableCall(TCO, ["Tok_Racks", "Tok_Rack_Price", "Tok_Rack_kW", ...COST_NAMES]);
  sheet.put(tco, 0, "formula", { formula: annual.formula, native: annual.native[0][0] });
  // The cells the table spills into: empty when live, its twin's cells when shared.
  annual.native.forEach((cells, r) =>
    cells.forEach((native, c) => {
      if (r === 0 && c === 0) return;
      sheet.put(
        tco + r,
        c,
        "spill",
        { native },
        r > 0 && c === 1 ? "usd" : r > 0 && c === 2 ? "percent" : undefined
      );
    })
  );
  sheet.row = tco + 5;

  modelSection(sheet, model);
  systemSection(sheet, system);

  // Shared workbooks compute the estimate in plain formulas, one step a row.
  const outputs: { cell: PlanCell; output: Output; wrap?: (f: string) => string }[] = [
    ...serving.outputs,
  ];
  if (!measured) {
    const cell = sheet.cells.find((c) => c.row === tpsRow && c.col === 1)!;
    outputs.push({
      cell,
      output: { fn: TOKENSPERSEC, args: SERVING_ARGS },
      wrap: (f) => `=(${f.slice(1)})*Tok_Chips_Per_Rack`,
    });
  }
  stepsSection(sheet, outputs);
  return sheet.plan("model", sheetName, [26, 18, 30, 70]);
}

/** The arguments every estimate call of the model sheet takes, as names. */
const SERVING_REFS = [
  "Tok_Model",
  "Tok_System",
  "Tok_Input",
  "Tok_Output",
  "Tok_Replica_Users",
  "Tok_Precision",
  "Tok_KV_Precision",
  // In parentheses: the cell holds the group found at insert; a blank is refused, not re-optimised
  // (the best group written out as steps would take hundreds of rows in a shared workbook).
  "(Tok_Replica_Chips)",
];
const SERVING_ARGS: TwinRef[] = SERVING_REFS.map((ref, k) => ({
  ref,
  ...(k < 2 ? { model: true, check: `${ref}_Check` } : {}),
}));

/** The estimate's measured error, for labels. */
function errorNote(): string {
  return `fitted to measured results; ${STATED_ERROR_WORDS}`;
}

/** The best group of chips for the workload, as the estimate finds it now (null: none fits). */
function bestGroup(model: ModelSpec, system: SystemSpec, w: Workload): number | null {
  try {
    const table = evaluate(THROUGHPUT, [
      model.name,
      system.name,
      w.inputTokens,
      w.outputTokens,
      null,
      w.precision ?? null,
      w.kvPrecision ?? "FP16",
      null,
    ]);
    return typeof table[1][1] === "number" ? table[1][1] : null;
  } catch {
    return null;
  }
}

/**
 * The estimate of the model sheet: users and chips per replica, the chip-hour, then THROUGHPUT's and
 * TOKENCOST's labelled tables (spilled live; cell by cell from the steps when shared).
 */
function servingSection(sheet: Sheet, model: ModelSpec, system: SystemSpec, w: Workload) {
  sheet.header("Throughput and token cost (ESTIMATE)");
  sheet.put(sheet.row++, 0, "note", {
    value: `Estimates: ${errorNote()} (docs/functions.md, "How fast, and what it costs").`,
  });
  sheet.line(
    "users_per_replica",
    { value: null },
    "concurrent requests",
    "blank: as many as fit, up to the engine's batch cap (the maximum-throughput point)",
    "integer",
    "Tok_Replica_Users"
  );
  const best = bestGroup(model, system, w);
  sheet.line(
    "chips_per_replica",
    { value: best },
    "chips in one replica",
    best === null
      ? `${model.name} fits no group within ${system.name}'s scale-up domain: enter a group size`
      : `the group with the most tokens/s per chip for this workload when inserted (TOKENOMICS.THROUGHPUT finds it again with chips left out)`,
    "integer",
    "Tok_Replica_Chips"
  );
  sheet.line(
    "chip_hour_usd",
    call(CHIPHOUR, [
      "Tok_Rack_Price",
      "Tok_Rack_kW",
      "Tok_Chips_Per_Rack",
      ...COST_NAMES,
      "Tok_Utilization",
    ]),
    "USD per chip-hour",
    "TOKENOMICS.CHIPHOUR: this unit's annual cost / chips / (8,760 h × utilization)",
    "fraction",
    "Tok_Chip_Hour"
  );
  const outputs: { cell: PlanCell; output: Output }[] = [];
  const table = (
    fn: FormulaFunction,
    args: TwinRef[],
    refs: string[],
    formats: (Format | undefined)[]
  ) => {
    const anchor = sheet.row;
    const labels = fn.twin!(args.map(() => "value") as never) as (string | object)[][];
    sheet.put(anchor, 0, "formula", {
      formula: `=TOKENOMICS.${fn.id}(${refs.join(", ")})`,
      native: labels[0][0] as string,
    });
    labels.forEach((row, r) =>
      row.forEach((label, c) => {
        if (r === 0 && c === 0) return;
        const cell = sheet.put(
          anchor + r,
          c,
          "spill",
          {
            native: typeof label === "string" ? label : "",
          },
          c === 1 && r > 0 ? formats[r] : undefined
        );
        if (typeof label !== "string") outputs.push({ cell, output: { fn, args, at: [r, c] } });
      })
    );
    sheet.row = anchor + labels.length;
    return { anchor, labels };
  };
  const throughput = table(THROUGHPUT, SERVING_ARGS, SERVING_REFS, [
    undefined,
    "integer",
    "integer",
    undefined,
    undefined,
    "seconds",
    "decimal",
    "seconds",
    "decimal",
    "decimal",
    "decimal",
    "decimal",
    "percent",
    "decimal",
    "decimal",
  ]);
  sheet.row++;
  const tokenCost = table(
    TOKENCOST,
    [...SERVING_ARGS, { ref: "Tok_Chip_Hour" }],
    [...SERVING_REFS, "Tok_Chip_Hour"],
    [undefined, "usdPerMTok", "usdPerMTok", "usdPerMTok", "usdPerMTok"]
  );

  // Energy: a chip's share of the unit's power at the facility meter, over its tokens/s (the
  // estimate's cell above): plain formulas, the same live and shared. No power, no number: #N/A.
  const perChipRow =
    throughput.anchor + throughput.labels.findIndex((row) => row[0] === "output tokens/s per chip");
  sheet.row++;
  const energy = sheet.line(
    "energy_per_token_j",
    {
      formula: `=IF(AND(ISNUMBER(Tok_Rack_kW), Tok_Rack_kW>0), Tok_Rack_kW/Tok_Chips_Per_Rack*1000*Tok_PUE/${a1(perChipRow, 1)}, NA())`,
    },
    "joules per output token",
    "ESTIMATE: power per chip (kW per unit / chips per unit) × PUE / output tokens/s per chip (TOKENOMICS.ENERGYPERTOKEN)",
    "fraction",
    "Tok_Energy_Per_Token"
  );
  sheet.line(
    "tokens_per_sec_per_mw",
    { formula: `=1000000/${a1(energy, 1)}` },
    "output tokens/s per MW at the meter",
    "ESTIMATE: 10^6 / energy_per_token_j (TOKENOMICS.TOKENSPERMW)",
    "decimal"
  );
  // TOKENCOST's cells by label, for the margin.
  const costCell = (label: string) =>
    a1(tokenCost.anchor + tokenCost.labels.findIndex((row) => row[0] === label), 1);
  return {
    outputs,
    cost: {
      input: costCell("USD per million input tokens"),
      output: costCell("USD per million output tokens"),
      blended: costCell("USD per million tokens (input + output)"),
    },
  };
}

/**
 * The model's market price as two inputs (Tok_Price_In, Tok_Price_Out): the lowest listing in the
 * price table with its provider, page and date, or blank with a note to type one.
 */
function marketPriceLines(sheet: Sheet, model: ModelSpec): void {
  const listings = pricesFor(model.name);
  const lowest = listings[0];
  const source = lowest
    ? `${lowest.provider} (${lowest.source}) as listed on ${lowest.date}: the lowest of ${listings.length} listing${listings.length === 1 ? "" : "s"} in the price table (TOKENOMICS.PRICE gives each). Prices move: type today's.`
    : `No listing for ${model.name} in the price table: type a price to see the margin.`;
  sheet.line(
    "market_price_input",
    { value: lowest?.input_usd_per_m ?? null },
    "USD per million input tokens",
    source,
    "usdPerMTok",
    "Tok_Price_In"
  );
  sheet.line(
    "market_price_output",
    { value: lowest?.output_usd_per_m ?? null },
    "USD per million output tokens",
    source,
    "usdPerMTok",
    "Tok_Price_Out"
  );
}

/**
 * The margin at a market price: the lowest listing in the price table as inputs (a user types
 * today's), against the estimate's cost per million tokens; and the break-even utilization — cost
 * per token scales as 1 / utilization (the chip-hour's hours), so cost = price at utilization ×
 * cost / price. Plain formulas over the sheet's cells.
 */
function marginSection(
  sheet: Sheet,
  model: ModelSpec,
  cost: { input: string; output: string; blended: string }
): void {
  sheet.header("Margin at a market price (cost: ESTIMATE)");
  marketPriceLines(sheet, model);
  const priced = (body: string) =>
    `=IF(AND(ISNUMBER(Tok_Price_In), ISNUMBER(Tok_Price_Out)), ${body}, "")`;
  sheet.line(
    "margin_per_m_input_tokens",
    { formula: priced(`Tok_Price_In-${cost.input}`) },
    "USD per million input tokens",
    "market price - the estimate's cost (TOKENCOST above)",
    "usdPerMTok"
  );
  sheet.line(
    "margin_per_m_output_tokens",
    { formula: priced(`Tok_Price_Out-${cost.output}`) },
    "USD per million output tokens",
    "market price - the estimate's cost (TOKENCOST above)",
    "usdPerMTok"
  );
  const revenue = "(Tok_Input*Tok_Price_In+Tok_Output*Tok_Price_Out)/(Tok_Input+Tok_Output)";
  sheet.line(
    "margin_per_m_tokens",
    { formula: priced(`${revenue}-${cost.blended}`) },
    "USD per million tokens (input + output)",
    "this workload's mix of input and output at the market price, less its cost",
    "usdPerMTok"
  );
  sheet.line(
    "break_even_utilization",
    { formula: priced(`IF(${revenue}<=0, NA(), Tok_Utilization*${cost.blended}/(${revenue}))`) },
    "fraction of hours the chips serve",
    "where cost = price: cost per token scales as 1 / utilization, so utilization × cost / price. Above 100%: this price does not cover the cost even with the chips busy every hour.",
    "percent"
  );
}

/** The system's (field, value) table, named Tok_System: the estimate reads the system from it. */
function systemSection(sheet: Sheet, system: SystemSpec): void {
  fieldTable(sheet, "system", "Tok_System", "System: edit any value and the estimate follows", {
    rows: toFieldRows(system, Object.keys(SYSTEM_FIELDS) as (keyof SystemSpec)[]),
    meaning: (field) => SYSTEM_FIELDS[field as keyof SystemSpec],
    source: (field) =>
      SYSTEM_TEXT_FIELDS.has(field as keyof SystemSpec)
        ? ""
        : `${system.name} preset (see the source row)`,
  });
}

/**
 * The estimate written out one step a row under the sheet (empty while the add-in is live), and each
 * estimate cell's native formula over those steps.
 */
function stepsSection(
  sheet: Sheet,
  outputs: { cell: PlanCell; output: Output; wrap?: (f: string) => string }[]
): void {
  sheet.header("The estimate, step by step (written out when the sheet is shared)", ["Formula"]);
  const first = sheet.row;
  const program = nativeProgram(
    outputs.map((o) => o.output),
    (k) => a1(first + k, 1)
  );
  program.steps.forEach((step, k) => {
    sheet.put(first + k, 0, "step", { native: step.name });
    sheet.put(first + k, 1, "step", { native: step.formula });
  });
  outputs.forEach((o, k) => {
    const text = String(program.outputs[k]);
    o.cell.native = o.wrap ? o.wrap(text) : text;
  });
  sheet.row = first + program.steps.length;
}

/** One model and workload on 2-20 systems: a column per system, the same rows, and two charts. */
export function comparePlan(
  selections: CompareSelections,
  sheetName = "Tokenomics compare"
): LayoutPlan {
  if (selections.systems.length < 2 || selections.systems.length > 20) {
    throw invalidValue(`Compare takes 2 to 20 systems; got ${selections.systems.length}.`);
  }
  checkWorkload(selections.workload);
  const { model, systems } = resolve(selections.model, selections.systems);
  const sheet = new Sheet();
  sheet.put(0, 0, "title", { value: `Tokenomics: ${model.name} on ${systems.length} systems` });
  sheet.put(1, 0, "note", {
    value:
      "Shaded cells are inputs: change one and every result recalculates. One column per system; sources below the results. Memory in GB of 2^30 bytes, money in USD.",
  });
  sheet.row = 2;
  workloadSection(sheet, model, selections.workload);
  financeSection(sheet, selections.finance);
  sheet.header("Market price");
  marketPriceLines(sheet, model);
  memoryResults(sheet);

  sheet.header(
    "Per system",
    systems.map((s) => s.name)
  );
  const namesRow = sheet.row - 1; // the header row holds the system names: the charts' categories
  const units = systems.map((s) => deploymentUnit(s, model));
  const row = (
    field: string,
    role: Role,
    cell: (k: number) => {
      value?: string | number | null;
      formula?: string;
      native?: string | number;
    },
    format?: Format
  ) => {
    const r = sheet.row++;
    sheet.put(r, 0, "field", { value: field });
    units.forEach((_u, k) => sheet.put(r, k + 1, role, cell(k), format));
    return r;
  };
  const ref = (r: number, k: number) => a1(r, k + 1);
  row("unit bought", "source", (k) => ({ value: units[k].unit }), "text");
  const chip = row("chip_memory_gb", "input", (k) => sourced(units[k].chipMemoryGB), "decimal");
  const perRack = row("chips_per_rack", "input", (k) => sourced(units[k].chipsPerUnit), "integer");
  const price = row("price_per_rack", "input", (k) => sourced(units[k].pricePerUnit), "usd");
  const power = row(
    "power_per_rack_kw",
    "input",
    (k) => sourced(units[k].powerPerUnitKW),
    "decimal"
  );
  const best = systems.map((system) => bestGroup(model, system, selections.workload));
  const chipsRow = row("chips_per_replica", "input", (k) => ({ value: best[k] }), "integer");
  const estimates: { cell: PlanCell; output: Output; wrap?: (f: string) => string }[] = [];
  /** The estimate's arguments for system k: the sheet's model and workload, users blank. */
  const estimateArgs = (k: number): { live: string[]; twin: TwinRef[] } => ({
    live: [
      "Tok_Model",
      `"${systems[k].name}"`,
      "Tok_Input",
      "Tok_Output",
      "",
      "Tok_Precision",
      "Tok_KV_Precision",
      `(${ref(chipsRow, k)})`,
    ],
    twin: [
      { ref: "Tok_Model", model: true, check: "Tok_Model_Check" },
      { ref: null, preset: systems[k] },
      { ref: "Tok_Input" },
      { ref: "Tok_Output" },
      { ref: null },
      { ref: "Tok_Precision" },
      { ref: "Tok_KV_Precision" },
      { ref: `(${ref(chipsRow, k)})` },
    ],
  });
  const tps = row(
    "tokens_per_sec_per_rack",
    "input",
    (k) => {
      if (units[k].tokensPerSecPerUnit.value !== null) return sourced(units[k].tokensPerSecPerUnit);
      const args = estimateArgs(k).live;
      return {
        formula: `=TOKENOMICS.TOKENSPERSEC(${args.join(", ")})*${ref(perRack, k)}`,
      };
    },
    "decimal"
  );
  units.forEach((u, k) => {
    if (u.tokensPerSecPerUnit.value !== null) return;
    const cell = sheet.cells.find((c) => c.row === tps && c.col === k + 1)!;
    estimates.push({
      cell,
      output: { fn: TOKENSPERSEC, args: estimateArgs(k).twin },
      wrap: (f) => `=(${f.slice(1)})*${ref(perRack, k)}`,
    });
  });
  row("chips", "formula", (k) => call(CHIPS, ["Tok_Memory", ref(chip, k)]), "decimal");
  const racks = row(
    "racks",
    "formula",
    (k) => call(RACKS_FN, ["Tok_Memory", ref(chip, k), ref(perRack, k)]),
    "decimal"
  );
  const toBuy = row(
    "racks_to_buy",
    "formula",
    (k) => ({ formula: `=ROUNDUP(${ref(racks, k)}, 0)` }),
    "integer"
  );
  const costArgs = (k: number) => [ref(toBuy, k), ref(price, k), ref(power, k), ...COST_NAMES];
  row(
    "annual_cost_usd",
    "formula",
    (k) => {
      const t = tableCall(TCO, costArgs(k));
      return { formula: `=INDEX(${t.formula.slice(1)}, 5, 2)`, native: t.native[4][1] };
    },
    "usd"
  );
  const cost = row(
    "cost_per_million_tokens",
    "formula",
    (k) =>
      call(COSTPERMTOK, [
        `IF(ISBLANK(${ref(tps, k)}), "", ${ref(tps, k)}*${ref(toBuy, k)})`,
        ...costArgs(k),
        "Tok_Utilization",
      ]),
    "usdPerMTok"
  );
  // The price of a token by direction, from the estimate at maximum throughput (TOKENCOST).
  const chipHour = row(
    "chip_hour_usd",
    "formula",
    (k) => {
      const hour = call(CHIPHOUR, [
        ref(price, k),
        ref(power, k),
        ref(perRack, k),
        ...COST_NAMES,
        "Tok_Utilization",
      ]);
      if (units[k].pricePerUnit.value !== null && units[k].powerPerUnitKW.value !== null) {
        return hour;
      }
      // The preset has no price or power: blank until both are typed, so what needs no price (the
      // curve's throughput) still computes, and TOKENCOST, given no chip-hour, says what is missing.
      const typed = `AND(ISNUMBER(${ref(price, k)}), ISNUMBER(${ref(power, k)}))`;
      return {
        formula: `=IF(${typed}, ${hour.formula.slice(1)}, "")`,
        native: `=IF(${typed}, ${hour.native.slice(1)}, "")`,
      };
    },
    "fraction"
  );
  const splitRows: number[] = [];
  for (const [field, at] of [
    ["usd_per_m_input_tokens", 1],
    ["usd_per_m_output_tokens", 2],
  ] as const) {
    const split = row(
      field,
      "formula",
      (k) => ({
        formula: `=INDEX(TOKENOMICS.TOKENCOST(${[...estimateArgs(k).live, ref(chipHour, k)].join(", ")}), ${at + 1}, 2)`,
      }),
      "usdPerMTok"
    );
    systems.forEach((_s, k) => {
      const cell = sheet.cells.find((c) => c.row === split && c.col === k + 1)!;
      const args = [...estimateArgs(k).twin, { ref: ref(chipHour, k) }];
      estimates.push({ cell, output: { fn: TOKENCOST, args, at: [at, 1] } });
    });
    splitRows.push(split);
  }
  // Energy at the facility meter: the unit's kW × PUE over its tokens/s (ENERGYPERTOKEN's formula,
  // per unit rather than per chip), and what a provisioned MW yields. No power: #N/A.
  const energy = row(
    "energy_per_token_j",
    "formula",
    (k) => ({
      formula: `=IF(AND(ISNUMBER(${ref(power, k)}), ${ref(power, k)}>0, ISNUMBER(${ref(tps, k)}), ${ref(tps, k)}>0), ${ref(power, k)}*1000*Tok_PUE/${ref(tps, k)}, NA())`,
    }),
    "fraction"
  );
  row(
    "tokens_per_sec_per_mw",
    "formula",
    (k) => ({ formula: `=1000000/${ref(energy, k)}` }),
    "decimal"
  );
  // The margin at the sheet's market price, and the utilization where cost meets it (see the
  // model sheet): plain formulas over the column's costs.
  const [inRow, outRow] = splitRows;
  const bothPrices = "AND(ISNUMBER(Tok_Price_In), ISNUMBER(Tok_Price_Out))";
  row(
    "margin_per_m_output_tokens",
    "formula",
    (k) => ({ formula: `=IF(ISNUMBER(Tok_Price_Out), Tok_Price_Out-${ref(outRow, k)}, "")` }),
    "usdPerMTok"
  );
  row(
    "break_even_utilization",
    "formula",
    (k) => ({
      formula: `=IF(${bothPrices}, Tok_Utilization*(Tok_Input*${ref(inRow, k)}+Tok_Output*${ref(outRow, k)})/(Tok_Input*Tok_Price_In+Tok_Output*Tok_Price_Out), "")`,
    }),
    "percent"
  );
  row("source: chip memory", "source", (k) => ({ value: units[k].chipMemoryGB.source }), "text");
  row("source: chips per unit", "source", (k) => ({ value: units[k].chipsPerUnit.source }), "text");
  row("source: price", "source", (k) => ({ value: units[k].pricePerUnit.source }), "text");
  row("source: power", "source", (k) => ({ value: units[k].powerPerUnitKW.source }), "text");
  row(
    "source: tokens/s",
    "source",
    (k) => ({
      value:
        units[k].tokensPerSecPerUnit.value !== null
          ? units[k].tokensPerSecPerUnit.source
          : `ESTIMATE: TOKENOMICS.TOKENSPERSEC × chips per unit at ${best[k] ?? "?"} chips per replica, users blank (maximum throughput); ${errorNote()}`,
    }),
    "text"
  );
  row(
    "source: token cost",
    "source",
    (k) => ({
      value: `ESTIMATE: TOKENOMICS.TOKENCOST at ${best[k] ?? "?"} chips per replica, users blank (maximum throughput), over this column's chip_hour_usd (TOKENOMICS.CHIPHOUR); ${errorNote()}`,
    }),
    "text"
  );
  row(
    "source: energy",
    "source",
    () => ({
      value:
        "ESTIMATE where tokens/s is: joules per output token at the facility meter, power per unit (kW) × 1000 × PUE / tokens/s per unit (TOKENOMICS.ENERGYPERTOKEN); tokens/s per MW = 10^6 / that (TOKENOMICS.TOKENSPERMW)",
    }),
    "text"
  );
  row(
    "source: margin",
    "source",
    () => ({
      value:
        "market price (above) - this column's cost; break-even: utilization × this workload's cost per token / its price (cost per token scales as 1 / utilization). Above 100%: the price does not cover the cost.",
    }),
    "text"
  );

  const categories = { row: namesRow, col: 1, rows: 1, cols: systems.length };
  const chartRow = sheet.row + 1;
  sheet.charts.push(
    {
      title: "Cost per million tokens (USD)",
      seriesName: "USD per million tokens",
      categories,
      values: { row: cost, col: 1, rows: 1, cols: systems.length },
      anchor: { row: chartRow, col: 0 },
    },
    {
      title: "Racks (or servers) to buy",
      seriesName: "units to buy",
      categories,
      values: { row: toBuy, col: 1, rows: 1, cols: systems.length },
      anchor: { row: chartRow, col: 3 },
    }
  );
  sheet.row = chartRow + 18; // room for the charts
  curveSection(
    sheet,
    systems,
    (k) => {
      const { live, twin } = estimateArgs(k);
      const chipHourCell = ref(chipHour, k);
      // CURVE's arguments: the estimate's without users, then 12 points and the column's chip-hour.
      return {
        live: [...live.slice(0, 4), ...live.slice(5), "12", chipHourCell],
        twin: [...twin.slice(0, 4), ...twin.slice(5), { ref: "12" }, { ref: chipHourCell }],
      };
    },
    estimates
  );
  modelSection(sheet, model);
  stepsSection(sheet, estimates);
  return sheet.plan(
    "compare",
    sheetName,
    [26, ...systems.map(() => 22)].concat(Array(Math.max(0, 6 - systems.length)).fill(22))
  );
}

/** Formats of CURVE's columns: users, tokens/s per user, TPOT, TTFT, tokens/s per chip, USD/M. */
const CURVE_FORMATS: Format[] = [
  "integer",
  "decimal",
  "seconds",
  "seconds",
  "decimal",
  "usdPerMTok",
];

/**
 * Each system's throughput–interactivity curve (TOKENOMICS.CURVE, spilled live; cell by cell from
 * the steps when shared), stacked, and one XY scatter over them: tokens/s per chip against tokens/s
 * per user, a line per system.
 */
function curveSection(
  sheet: Sheet,
  systems: SystemSpec[],
  argsOf: (k: number) => { live: string[]; twin: TwinRef[] },
  outputs: { cell: PlanCell; output: Output }[]
): void {
  sheet.header(
    "Throughput–interactivity curve (ESTIMATE): tokens/s per chip against tokens/s per user",
    []
  );
  sheet.put(sheet.row++, 0, "note", {
    value: `Each system's replica (chips_per_replica above) from 1 user to the most that fit, 12 loads on a geometric scale (TOKENOMICS.CURVE); ${errorNote()}.`,
  });
  const chartRow = sheet.row;
  sheet.row += 20; // room for the chart
  const series: { name: string; x: Area; y: Area }[] = [];
  systems.forEach((system, k) => {
    const { live, twin } = argsOf(k);
    sheet.put(sheet.row++, 0, "field", { value: system.name });
    const anchor = sheet.row;
    const labels = CURVE.twin!(twin.map((_t, i) => (i === 7 ? 12 : "value"))) as (
      string | object
    )[][];
    sheet.put(anchor, 0, "formula", {
      formula: `=TOKENOMICS.CURVE(${live.join(", ")})`,
      native: labels[0][0] as string,
    });
    labels.forEach((cells, r) =>
      cells.forEach((label, c) => {
        if (r === 0 && c === 0) return;
        const cell = sheet.put(
          anchor + r,
          c,
          "spill",
          { native: typeof label === "string" ? label : "" },
          r > 0 ? CURVE_FORMATS[c] : undefined
        );
        if (typeof label !== "string") {
          outputs.push({ cell, output: { fn: CURVE, args: twin, at: [r, c] } });
        }
      })
    );
    const rows = labels.length - 1;
    series.push({
      name: system.name,
      x: { row: anchor + 1, col: 1, rows, cols: 1 },
      y: { row: anchor + 1, col: 4, rows, cols: 1 },
    });
    sheet.row = anchor + labels.length + 1;
  });
  const [first, ...more] = series;
  sheet.charts.push({
    title: "Output tokens/s per chip against tokens/s per user (ESTIMATE)",
    seriesName: first.name,
    categories: first.x,
    values: first.y,
    anchor: { row: chartRow, col: 0 },
    scatter: { xTitle: "tokens/s per user", yTitle: "output tokens/s per chip", more },
  });
}
