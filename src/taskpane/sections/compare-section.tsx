import {
  Button,
  Combobox,
  Field,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tag,
  TagGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  HorizontalBarChart,
  LineChart,
  type HorizontalBarChartProps,
} from "@fluentui/react-charts";
import * as React from "react";
import { optionGroups, useStyles } from "../controls";
import { sortRows, type CompareRow, type SortKey } from "../compare-rows";
import { groups } from "../selections";
import { count } from "../share-message";
import { ActionMessage, type ActionStatus } from "./action-message";

/**
 * Compare systems in the pane before inserting anything: the systems by name, a sortable table and
 * charts of the cost per million tokens and tokens/s per chip; Insert writes the sheet and its
 * Excel charts.
 */
const useCompareStyles = makeStyles({
  table: { tableLayout: "auto", width: "100%" },
  number: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  chart: { width: "100%", overflow: "hidden" },
  caption: { fontWeight: tokens.fontWeightSemibold, marginBottom: "4px" },
  /** Chart and tag labels wrap rather than push the pane wider (200 % zoom in a 320 px pane). */
  wrap: { whiteSpace: "normal", overflowWrap: "anywhere" },
  tag: { maxWidth: "100%", height: "auto", minHeight: "24px" },
  legend: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    columnGap: "12px",
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginRight: "4px",
    borderRadius: "2px",
  },
});

const money = (v: number | null) =>
  v === null ? "—" : `$${v.toLocaleString("en-US", { maximumSignificantDigits: 3 })}`;
const rate = (v: number | null) =>
  v === null ? "—" : v.toLocaleString("en-US", { maximumFractionDigits: 0 });

export function CompareSection(props: {
  systems: string[];
  rows: CompareRow[];
  onSystems: (systems: string[]) => void;
  onInsert: () => void;
  canInsert: boolean;
  status: ActionStatus;
  /** Update this sheet, beside Insert (where the active sheet is a comparison the pane made). */
  update?: React.ReactNode;
}) {
  const styles = useStyles();
  const c = useCompareStyles();
  const [query, setQuery] = React.useState("");
  const [sort, setSort] = React.useState<{ key: SortKey; ascending: boolean }>({
    key: "costPerMillion",
    ascending: true,
  });
  const n = props.systems.length;
  const valid = n >= 2 && n <= 20;
  const sorted = sortRows(props.rows, sort.key, sort.ascending);
  const header = (key: SortKey, label: string, numeric = false) => (
    <TableHeaderCell
      className={numeric ? c.number : undefined}
      sortDirection={sort.key === key ? (sort.ascending ? "ascending" : "descending") : undefined}
      onClick={() =>
        setSort((s) => ({
          key,
          ascending: s.key === key ? !s.ascending : key === "system" || key === "costPerMillion",
        }))
      }
    >
      {label}
    </TableHeaderCell>
  );
  const costs = sorted.filter((r) => r.costPerMillion !== null);
  const speeds = sorted.filter((r) => r.perChip !== null);
  return (
    <section className={styles.section} aria-labelledby="compare-heading">
      <h2 id="compare-heading" className={styles.heading}>
        Compare systems
      </h2>
      <Field
        label="Systems to compare (2 to 20)"
        validationState={valid ? "none" : "error"}
        validationMessage={
          valid ? undefined : `Pick 2 to 20 systems; ${count(n, "system")} picked.`
        }
      >
        <Combobox
          inlinePopup
          className={styles.fill}
          input={{ className: styles.comboInput }}
          multiselect
          placeholder="Add a system"
          value={query}
          selectedOptions={props.systems}
          onChange={(e) => setQuery(e.target.value)}
          onOptionSelect={(_e, d) => {
            props.onSystems(d.selectedOptions);
            setQuery("");
          }}
        >
          {optionGroups(groups("system", query))}
        </Combobox>
      </Field>
      {n > 0 && (
        <TagGroup
          aria-label="Systems being compared"
          onDismiss={(_e, d) => props.onSystems(props.systems.filter((s) => s !== d.value))}
          style={{ flexWrap: "wrap", gap: "4px" }}
        >
          {props.systems.map((s) => (
            <Tag
              key={s}
              value={s}
              className={c.tag}
              primaryText={{ className: c.wrap }}
              dismissible
              dismissIcon={{ "aria-label": `Remove ${s}` }}
              size="small"
            >
              {s}
            </Tag>
          ))}
        </TagGroup>
      )}
      {props.rows.length > 0 && (
        <>
          <Table className={c.table} size="small" sortable aria-label="Systems compared (estimate)">
            <TableHeader>
              <TableRow>
                {header("system", "System")}
                {header("costPerMillion", "USD / M tokens", true)}
                {header("perChip", "Tokens/s per chip", true)}
              </TableRow>
            </TableHeader>
            <TableBody>
              {sorted.map((r) => (
                <TableRow key={r.system}>
                  <TableCell>
                    {r.system}
                    {r.note && (
                      <Text block size={200} className={styles.muted}>
                        {r.note}
                      </Text>
                    )}
                    {r.energyJPerToken !== null && (
                      <Text block size={200} className={styles.muted}>
                        {r.energyJPerToken.toLocaleString("en-US", { maximumSignificantDigits: 3 })}{" "}
                        J per output token at the meter
                      </Text>
                    )}
                    {r.marginOutput !== null && (
                      <Text block size={200} className={styles.muted}>
                        Margin {money(r.marginOutput)} per M output tokens at the market price
                      </Text>
                    )}
                  </TableCell>
                  <TableCell className={c.number}>{money(r.costPerMillion)}</TableCell>
                  <TableCell className={c.number}>{rate(r.perChip)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text size={200} className={styles.muted}>
            Estimates: USD per million tokens, input and output together, and output tokens/s per
            chip at maximum throughput for this workload.
          </Text>
          {costs.length > 0 && (
            <BarChart
              title="USD per million tokens (estimate)"
              rows={costs.map((r) => [r.system, r.costPerMillion!, money(r.costPerMillion)])}
            />
          )}
          {speeds.length > 0 && (
            <BarChart
              title="Output tokens/s per chip (estimate)"
              rows={speeds.map((r) => [r.system, r.perChip!, rate(r.perChip)])}
            />
          )}
          {props.rows.some((r) => r.curve.length > 0) && <CurveChart rows={props.rows} />}
        </>
      )}
      <div className={styles.buttons}>
        <Button disabled={!props.canInsert || !valid} onClick={props.onInsert}>
          Insert comparison of {count(n, "system")}
        </Button>
        {props.update}
      </div>
      <ActionMessage status={props.status} />
    </section>
  );
}

/** One bar per system, labelled with its name and value: a chart that reads at 320 px. */
function BarChart(props: { title: string; rows: [name: string, value: number, shown: string][] }) {
  const c = useCompareStyles();
  const max = Math.max(...props.rows.map((r) => r[1]));
  return (
    <figure className={c.chart} style={{ margin: 0 }}>
      <figcaption className={c.caption}>{props.title}</figcaption>
      <HorizontalBarChart
        styles={{ chartTitle: c.wrap, chartTitleLeft: c.wrap } as HorizontalBarChartProps["styles"]}
        chartDataMode="hidden"
        hideTooltip
        data={props.rows.map(([name, value, shown]) => ({
          chartTitle: `${name}: ${shown}`,
          chartData: [
            {
              legend: name,
              // The length is x against total: each value against the largest.
              horizontalBarChartdata: { x: value, total: max },
              color: tokens.colorBrandBackground,
            },
          ],
        }))}
      />
    </figure>
  );
}

/** Series colours from Fluent's palette, one per system (a 20-system comparison cycles). */
const LINE_COLORS = [
  tokens.colorPaletteBlueForeground2,
  tokens.colorPaletteDarkOrangeForeground2,
  tokens.colorPaletteGreenForeground2,
  tokens.colorPaletteBerryForeground2,
  tokens.colorPaletteTealForeground2,
  tokens.colorPaletteMarigoldForeground2,
];

/**
 * Each system's throughput–interactivity curve on one chart: output tokens/s per chip against
 * tokens/s per user, the workload's load drawn as a larger dot on its line.
 */
function CurveChart(props: { rows: CompareRow[] }) {
  const c = useCompareStyles();
  const lines = props.rows
    .filter((r) => r.curve.length > 0)
    .map((r, k) => {
      const points = [
        ...r.curve.map((p) => ({ ...p })),
        ...(r.at ? [{ ...r.at, markerSize: 7 }] : []),
      ];
      points.sort((a, b) => a.x - b.x);
      return {
        legend: r.system,
        color: LINE_COLORS[k % LINE_COLORS.length],
        data: points.map((p) => ({
          x: p.x,
          y: p.y,
          markerSize: "markerSize" in p ? p.markerSize : 3,
          xAxisCalloutData: `${p.x.toFixed(1)} tokens/s per user`,
        })),
      };
    });
  return (
    <figure className={c.chart} style={{ margin: 0 }}>
      <figcaption className={c.caption}>
        Output tokens/s per chip against tokens/s per user (estimate); the larger dot is this
        workload&apos;s load
      </figcaption>
      <LineChart
        height={240}
        hideTooltip
        data={{ chartTitle: "Throughput–interactivity curves", lineChartData: lines }}
        xAxisTitle="tokens/s per user"
        yAxisTitle="tokens/s per chip"
        hideLegend
      />
      {/* The legend as a list: the chart's own folds into "+N more" at 320 px. */}
      <ul className={c.legend}>
        {lines.map((line) => (
          <li key={line.legend}>
            <span className={c.swatch} style={{ backgroundColor: line.color }} aria-hidden />
            {line.legend}
          </li>
        ))}
      </ul>
    </figure>
  );
}
