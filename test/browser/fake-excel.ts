/**
 * A recording stand-in for Excel.run, injected into the page before its scripts (Office.js does not
 * provide Excel outside Office). It records every sync, sheet, range write, name and chart in
 * window.__excel, and reports the names listed in window.__excel.taken as existing sheets.
 */
export function installFakeExcel(taken: string[]): void {
  type Range = {
    address: string;
    formulas?: unknown;
    numberFormat?: unknown;
    format: { fill: object; font: object };
  };
  const rec = {
    syncs: 0,
    taken: taken.map((t) => t.toLowerCase()),
    added: [] as string[],
    ranges: {} as Record<string, Record<string, Range>>,
    names: [] as [string, string, string][],
    charts: [] as Record<string, string>[],
  };
  (window as unknown as { __excel: typeof rec }).__excel = rec;
  const sheet = (name: string) => ({
    getRange(address: string) {
      const byAddress = (rec.ranges[name] ??= {});
      return (byAddress[address] ??= { address, format: { fill: {}, font: {} } });
    },
    names: { add: (n: string, r: Range) => rec.names.push([name, n, r.address]) },
    charts: {
      add(type: string, source: Range, by: string) {
        const chart: Record<string, string> = { sheet: name, type, source: source.address, by };
        rec.charts.push(chart);
        return {
          title: {},
          legend: {},
          series: { getItemAt: () => ({ setXAxisValues: (r: Range) => (chart.x = r.address) }) },
          setPosition: (at: string) => (chart.at = at),
        };
      },
    },
    activate() {},
    id: `{${name}}`,
    load() {},
  });
  (window as unknown as { Excel: unknown }).Excel = {
    ChartType: { columnClustered: "ColumnClustered" },
    ChartSeriesBy: { rows: "Rows" },
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
            add(name: string) {
              rec.added.push(name);
              rec.taken.push(name.toLowerCase());
              return sheet(name);
            },
          },
        },
      }),
  };
}
