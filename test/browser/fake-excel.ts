/**
 * A recording stand-in for Excel, injected into the page before its scripts (Office.js does not
 * provide Excel outside Office). It keeps each sheet's cells, so what the pane writes can be read
 * back; records every sync, sheet, range write, name and chart in window.__excel; and reports the
 * names in `taken` as existing sheets. With `host`, it also stands in for the Office host (Office.js
 * itself is then not loaded): Office.onReady says Excel, and document settings live in memory.
 * Runs inside the page, so it is self-contained.
 */
export function installFakeExcel({
  taken,
  host,
  settings,
  dark,
}: {
  taken: string[];
  host?: boolean;
  /** The document's settings when the pane opens (what a saved workbook carries). */
  settings?: Record<string, unknown>;
  /** Office's theme is dark. */
  dark?: boolean;
}): void {
  type Content = string | number;
  type Range = {
    address: string;
    formulas?: unknown;
    numberFormat?: unknown;
    cleared?: boolean;
    format: { fill: object; font: object; columnWidth?: number };
  };
  const rec = {
    syncs: 0,
    taken: taken.map((t) => t.toLowerCase()),
    added: [] as string[],
    ranges: {} as Record<string, Record<string, Range>>,
    names: [] as [string, string, string][],
    charts: [] as Record<string, string>[],
    /** Each sheet's cells by "row,col" (0-based): formulas or constants. */
    cells: {} as Record<string, Record<string, Content>>,
    active: taken[0] ?? "Sheet1",
    selection: "A1",
    settings: { ...(settings ?? {}) } as Record<string, unknown>,
    /** What a formula cell shows: the fake does not calculate. */
    shown: 1,
    /** What particular cells show instead, by sheet and "row,col" (e.g. a table blocked: "#SPILL!"). */
    shownAt: {} as Record<string, Record<string, Content>>,
    /** When set, saving the document's settings fails with this message. */
    failSave: "",
    /** The pane's worksheets.onActivated handlers: a test activates a sheet by calling them. */
    onActivated: [] as (() => Promise<void>)[],
  };
  (window as unknown as { __excel: typeof rec }).__excel = rec;

  const parse = (address: string) => {
    const cell = (a: string) => {
      const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a)!;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      return { row: Number(m[2]) - 1, col: col - 1 };
    };
    const [a, b = a] = address.split(":");
    const from = cell(a);
    const to = cell(b);
    return { ...from, rows: to.row - from.row + 1, cols: to.col - from.col + 1 };
  };
  const letters = (col: number) => {
    let s = "";
    for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const grid = (name: string, area: ReturnType<typeof parse>, shown: boolean) =>
    Array.from({ length: area.rows }, (_r, r) =>
      Array.from({ length: area.cols }, (_c, c) => {
        const at = `${area.row + r},${area.col + c}`;
        const v = rec.cells[name]?.[at] ?? "";
        if (!shown) return v;
        return (
          rec.shownAt[name]?.[at] ?? (typeof v === "string" && v.startsWith("=") ? rec.shown : v)
        );
      })
    );

  const range = (name: string, address: string) => {
    const byAddress = (rec.ranges[name] ??= {});
    const recorded = (byAddress[address] ??= { address, format: { fill: {}, font: {} } });
    const whole = /^[A-Z]+:[A-Z]+$/.test(address);
    const area = whole ? null : parse(address);
    return {
      address,
      format: recorded.format,
      set numberFormat(v: unknown) {
        recorded.numberFormat = v;
      },
      set formulas(v: Content[][]) {
        recorded.formulas = v;
        const cells = (rec.cells[name] ??= {});
        v.forEach((row, r) =>
          row.forEach((content, c) => {
            const at = `${area!.row + r},${area!.col + c}`;
            if (content === "") delete cells[at];
            else cells[at] = content;
          })
        );
      },
      get formulas() {
        return grid(name, area!, false);
      },
      get values() {
        return grid(name, area!, true);
      },
      rowIndex: area?.row ?? 0,
      columnIndex: area?.col ?? 0,
      getSpillingToRangeOrNullObject: () => ({ isNullObject: true, load() {} }),
      clear() {
        recorded.cleared = true;
      },
      load() {
        return this;
      },
    };
  };
  const usedAddress = (name: string) => {
    const keys = Object.keys(rec.cells[name] ?? {}).map((k) => k.split(",").map(Number));
    if (keys.length === 0) return "A1";
    const rows = keys.map(([r]) => r);
    const cols = keys.map(([, c]) => c);
    const from = `${letters(Math.min(...cols))}${Math.min(...rows) + 1}`;
    return `${from}:${letters(Math.max(...cols))}${Math.max(...rows) + 1}`;
  };
  const sheet = (name: string) => ({
    getRange: (address: string) => range(name, address),
    getRangeByIndexes: (row: number, col: number, rows: number, cols: number) =>
      range(name, `${letters(col)}${row + 1}:${letters(col + cols - 1)}${row + rows}`),
    getUsedRange: () => range(name, usedAddress(name)),
    names: {
      get items() {
        return rec.names
          .filter(([sheetName]) => sheetName === name)
          .map((entry) => ({
            name: entry[1],
            delete: () => rec.names.splice(rec.names.indexOf(entry), 1),
          }));
      },
      load() {
        return this;
      },
      add: (n: string, r: Range) => rec.names.push([name, n, r.address]),
    },
    charts: {
      get items() {
        return rec.charts
          .filter((chart) => chart.sheet === name)
          .map((chart) => ({
            name: chart.name,
            delete: () => rec.charts.splice(rec.charts.indexOf(chart), 1),
          }));
      },
      load() {
        return this;
      },
      add(type: string, source: Range, by: string) {
        const chart: Record<string, string> = { sheet: name, type, source: source.address, by };
        rec.charts.push(chart);
        let lines = 1;
        return {
          title: {},
          set name(v: string) {
            chart.name = v;
          },
          legend: {},
          axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
          series: {
            getItemAt: () => ({ setXAxisValues: (r: Range) => (chart.x = r.address) }),
            add: (seriesName: string) => {
              chart[`series${lines++}`] = seriesName;
              return { setValues() {}, setXAxisValues() {} };
            },
          },
          setPosition: (at: string) => (chart.at = at),
        };
      },
    },
    activate() {
      rec.active = name;
    },
    id: `{${name}}`,
    name,
    load() {},
  });
  (window as unknown as { Excel: unknown }).Excel = {
    ChartType: { columnClustered: "ColumnClustered", xyscatterLines: "XYScatterLines" },
    ChartSeriesBy: { rows: "Rows", columns: "Columns" },
    ClearApplyTo: { formats: "Formats" },
    run: async (callback: (context: unknown) => Promise<unknown>) =>
      callback({
        sync: async () => {
          rec.syncs++;
        },
        workbook: {
          worksheets: {
            getItemOrNullObject: (name: string) => ({
              isNullObject: !rec.taken.includes(name.toLowerCase()),
              load() {},
            }),
            getItem: (name: string) => sheet(name),
            getActiveWorksheet: () => sheet(rec.active),
            onActivated: {
              add(handler: () => Promise<void>) {
                rec.onActivated.push(handler);
                return { context: { sync: async () => undefined }, remove() {} };
              },
            },
            add(name: string) {
              rec.added.push(name);
              rec.taken.push(name.toLowerCase());
              return sheet(name);
            },
            get items() {
              return rec.taken.map((name) => ({ name }));
            },
            load() {
              return this;
            },
          },
          names: {
            items: [],
            load() {
              return this;
            },
          },
          getSelectedRange: () => range(rec.active, rec.selection),
        },
      }),
  };
  if (!host) return;
  // The shared runtime's functions bundle registers its functions on load.
  (window as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    associate() {},
    Error: class extends Error {},
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
  (window as unknown as { Office: unknown }).Office = {
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(callback: (info: { host: string }) => void) {
      setTimeout(() => callback({ host: "Excel" }));
      return Promise.resolve({ host: "Excel" });
    },
    context: {
      officeTheme: { isDarkTheme: Boolean(dark) },
      document: {
        settings: {
          get: (key: string) => rec.settings[key] ?? null,
          set: (key: string, value: unknown) => {
            rec.settings[key] = JSON.parse(JSON.stringify(value)); // stored as JSON, as Office does
          },
          saveAsync: (done: (r: { status: string; error?: { message: string } }) => void) =>
            done(
              rec.failSave
                ? { status: "failed", error: { message: rec.failSave } }
                : { status: "succeeded" }
            ),
        },
      },
    },
  };
}
