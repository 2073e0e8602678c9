import { OfficeMockObject } from "office-addin-mock";
import { TWENTY_SYSTEMS } from "../support/systems";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { candidateNames, grids, writePlan } from "../../src/taskpane/office-writer";
import { comparePlan, modelPlan, NUMBER_FORMATS } from "../../src/workbook/plan";

/**
 * The Office.js adapter against office-addin-mock: writes land where the plan says, context.sync()
 * runs at most twice per action, and a sheet already in the workbook is never written to.
 */

interface Recorded {
  added: string[];
  ranges: Map<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  names: [string, string][];
  charts: {
    type: string;
    source: string;
    by: string;
    title?: string;
    x?: string;
    at?: string;
    legend?: boolean;
    axes?: [string, string];
    more?: { name: string; x: string; y: string }[];
  }[];
  activated: string[];
  touchedExisting: number;
}

function fakeSheet(name: string, rec: Recorded) {
  return {
    name,
    getRange(address: string) {
      const range = rec.ranges.get(address) ?? { address, format: { fill: {}, font: {} } };
      rec.ranges.set(address, range);
      return range;
    },
    names: { add: (n: string, range: { address: string }) => rec.names.push([n, range.address]) },
    charts: {
      add(type: string, source: { address: string }, by: string) {
        const chart: Recorded["charts"][number] = { type, source: source.address, by };
        rec.charts.push(chart);
        return {
          title: {
            set text(t: string) {
              chart.title = t;
            },
          },
          legend: {
            set visible(v: boolean) {
              chart.legend = v;
            },
          },
          axes: {
            categoryAxis: {
              title: {
                set text(t: string) {
                  chart.axes = [t, chart.axes?.[1] ?? ""];
                },
              },
            },
            valueAxis: {
              title: {
                set text(t: string) {
                  chart.axes = [chart.axes?.[0] ?? "", t];
                },
              },
            },
          },
          series: {
            getItemAt: () => ({
              setXAxisValues: (r: { address: string }) => (chart.x = r.address),
            }),
            add: (name: string) => {
              const line = { name, x: "", y: "" };
              (chart.more ??= []).push(line);
              return {
                setValues: (r: { address: string }) => (line.y = r.address),
                setXAxisValues: (r: { address: string }) => (line.x = r.address),
              };
            },
          },
          setPosition: (at: string) => (chart.at = at),
        };
      },
    },
    activate: () => rec.activated.push(name),
    id: `{${name}}`,
    load() {},
  };
}

function mockExcel(existing: string[]) {
  const rec: Recorded = {
    added: [],
    ranges: new Map(),
    names: [],
    charts: [],
    activated: [],
    touchedExisting: 0,
  };
  const seed = {
    context: {
      workbook: {
        worksheets: {
          taken: { isNullObject: false },
          free: { isNullObject: true },
          getItemOrNullObject(this: { taken: unknown; free: unknown }, name: string) {
            return existing.some((e) => e.toLowerCase() === name.toLowerCase())
              ? this.taken
              : this.free;
          },
          add(name: string) {
            rec.added.push(name);
            return fakeSheet(name, rec);
          },
        },
      },
    },
    run: async function (
      this: { context: unknown },
      callback: (context: unknown) => Promise<unknown>
    ) {
      return callback(this.context);
    },
  };
  const mock = new OfficeMockObject(seed) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const sync = vi.spyOn(mock.context, "sync");
  return { mock, sync, rec };
}

const workload = { inputTokens: 1024, outputTokens: 1024, users: 64 };
let excel: ReturnType<typeof mockExcel>;

describe("writing a model plan", () => {
  beforeEach(() => {
    excel = mockExcel(["Sheet1"]);
    vi.stubGlobal("Excel", {
      ...excel.mock,
      ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
      ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    });
  });

  it("uses two context.sync() round trips: one read, one write", async () => {
    await writePlan(
      (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
      "Tokenomics"
    );
    expect(excel.sync).toHaveBeenCalledTimes(2);
  });

  it("writes the whole plan as one block of formulas and number formats on a new sheet", async () => {
    const result = await writePlan(
      (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
      "Tokenomics"
    );
    const plan = modelPlan({ model: "Llama 2 70B", system: "H200", workload }, "Tokenomics");
    expect(result.sheetName).toBe("Tokenomics");
    expect(excel.rec.added).toEqual(["Tokenomics"]);
    const block = excel.rec.ranges.get(`A1:D${plan.size.rows}`)!;
    expect(block.formulas).toEqual(grids(plan).formulas);
    expect(block.numberFormat).toEqual(grids(plan).formats);
    const kv = plan.cells.find((c) => c.formula?.includes("MODELKV"))!;
    expect(block.formulas[kv.row][1]).toBe(
      "=TOKENOMICS.MODELKV(Tok_Model, Tok_Context, Tok_Users, Tok_KV_Precision)"
    );
    expect(excel.rec.activated).toEqual(["Tokenomics"]);
  });

  it("adds every name, scoped to the new sheet, and shades input cells", async () => {
    await writePlan(
      (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
      "Tokenomics"
    );
    const names = Object.fromEntries(excel.rec.names);
    expect(Object.keys(names)).toEqual(
      expect.arrayContaining(["Tok_Context", "Tok_Users", "Tok_Model", "Tok_Racks", "Tok_WACC"])
    );
    const plan = modelPlan({ model: "Llama 2 70B", system: "H200", workload });
    const users = plan.cells.find((c) => c.col === 0 && c.value === "users")!;
    expect(names.Tok_Users).toBe(`B${users.row + 1}`);
    expect(excel.rec.ranges.get(`B${users.row + 1}`)?.format.fill.color).toBe("#FFF2CC");
  });
});

describe("nothing in the workbook is overwritten", () => {
  it("an existing Tokenomics sheet is left alone: the plan goes to the first free name", async () => {
    excel = mockExcel(["Tokenomics", "tokenomics (2)"]);
    vi.stubGlobal("Excel", {
      ...excel.mock,
      ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
      ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    });
    const result = await writePlan(
      (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
      "Tokenomics"
    );
    expect(result.sheetName).toBe("Tokenomics (3)");
    expect(excel.rec.added).toEqual(["Tokenomics (3)"]);
    expect(excel.sync).toHaveBeenCalledTimes(2);
  });

  it("when every candidate name is taken it writes nothing and says what to do", async () => {
    excel = mockExcel(candidateNames("Tokenomics"));
    vi.stubGlobal("Excel", {
      ...excel.mock,
      ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
      ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    });
    await expect(
      writePlan(
        (name) => modelPlan({ model: "Llama 2 70B", system: "H200", workload }, name),
        "Tokenomics"
      )
    ).rejects.toThrow(/is taken: rename or delete/);
    expect(excel.rec.added).toEqual([]);
    expect(excel.sync).toHaveBeenCalledTimes(1);
  });
});

describe("writing a comparison of 20 systems", () => {
  it("still takes two round trips, and charts the plan's rows", async () => {
    excel = mockExcel([]);
    vi.stubGlobal("Excel", {
      ...excel.mock,
      ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
      ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    });
    const systems = TWENTY_SYSTEMS;
    const build = (name: string) => comparePlan({ model: "Llama 2 70B", systems, workload }, name);
    const result = await writePlan(build, "Tokenomics compare");
    expect(excel.sync).toHaveBeenCalledTimes(2);
    expect(result.charts).toBe(3);
    const plan = build("Tokenomics compare");
    const cost = plan.charts[0].values.row + 1;
    expect(excel.rec.charts[0]).toMatchObject({
      type: "ColumnClustered",
      source: `B${cost}:U${cost}`,
      by: "Rows",
      title: "Cost per million tokens (USD)",
    });
    expect(excel.rec.charts[0].x).toBe(
      `B${plan.charts[0].categories.row + 1}:U${plan.charts[0].categories.row + 1}`
    );
    expect(NUMBER_FORMATS.usd).toBe("$#,##0");
  });

  it("draws the curves as one XY scatter, a named line per system over its CURVE cells", async () => {
    excel = mockExcel([]);
    vi.stubGlobal("Excel", {
      ...excel.mock,
      ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
      ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    });
    const systems = ["H100", "H200", "GB200 NVL72"];
    const build = (name: string) => comparePlan({ model: "Llama 2 70B", systems, workload }, name);
    await writePlan(build, "Tokenomics compare");
    const plan = build("Tokenomics compare");
    const curve = plan.charts[2];
    const first = curve.values.row + 1; // 1-based: the first load's row of H100's curve
    expect(excel.rec.charts[2]).toMatchObject({
      type: "XYScatterLines",
      by: "Columns",
      source: `E${first}:E${first + 11}`, // output tokens/s per chip, 12 loads
      x: `B${first}:B${first + 11}`, // tokens/s per user
      legend: true,
      axes: ["tokens/s per user", "output tokens/s per chip"],
    });
    expect(excel.rec.charts[2].more?.map((line) => line.name)).toEqual([
      "NVIDIA H200 SXM 141GB",
      "NVIDIA GB200 NVL72",
    ]);
    const h200 = plan.charts[2].scatter!.more[0].y.row + 1;
    expect(excel.rec.charts[2].more?.[0]).toMatchObject({
      x: `B${h200}:B${h200 + 11}`,
      y: `E${h200}:E${h200 + 11}`,
    });
    // The cells are CURVE's spill: the formula sits one row above the first load.
    const anchor = plan.cells.find((c) => c.row === first - 2 && c.col === 0);
    expect(anchor?.formula).toMatch(/^=TOKENOMICS\.CURVE\(Tok_Model, "NVIDIA H100 SXM 80GB", /);
  });
});
