import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { count } from "../share-message";
import type { SummaryResult } from "../summary";
import { useStyles } from "../controls";

/**
 * Results first: what a token costs on this system for this workload, how fast it is served, what to
 * buy, and what limits it — updated as the user types, from the core, before anything is inserted.
 */
const useSummaryStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "12px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: 1.1 },
  facts: { margin: 0, display: "flex", flexDirection: "column", gap: "2px" },
  /** A term and its value on one line, the value wrapping under it when the pane is narrow. */
  fact: { display: "flex", flexWrap: "wrap", columnGap: "8px" },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: "0 0 0 auto", textAlign: "right", fontVariantNumeric: "tabular-nums" },
  bar: {
    display: "flex",
    height: "12px",
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  weights: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  kv: { backgroundColor: tokens.colorPaletteMarigoldBorderActive },
  free: { backgroundColor: tokens.colorNeutralBackground1 },
});

const usd = (v: number) =>
  v >= 100
    ? `$${Math.round(v).toLocaleString("en-US")}`
    : `$${v.toLocaleString("en-US", { maximumSignificantDigits: 3 })}`;
const num = (v: number, digits = 3) =>
  v.toLocaleString("en-US", { maximumSignificantDigits: digits });
const seconds = (v: number) => (v < 1 ? `${num(v * 1000)} ms` : `${num(v)} s`);

export function SummarySection({ result }: { result: SummaryResult | { invalid: string } }) {
  const styles = useStyles();
  const s = useSummaryStyles();
  if ("invalid" in result || "error" in result) {
    return (
      <section className={styles.section} aria-labelledby="summary-heading">
        <h2 id="summary-heading" className={styles.heading}>
          Cost per million tokens
        </h2>
        <MessageBar intent="warning">
          <MessageBarBody>{"invalid" in result ? result.invalid : result.error}</MessageBarBody>
        </MessageBar>
      </section>
    );
  }
  const r = result.summary;
  const m = r.memory;
  const pct = (gb: number) => `${Math.max(0, Math.min(100, (gb / m.chipGB) * 100))}%`;
  const units =
    r.unitsToBuy === null
      ? `${count(r.chips, "chip")} (no unit size in the preset)`
      : `${count(r.unitsToBuy, r.unit.replace(/ \(.*/, ""))}${r.unit.includes("(") ? ` of ${r.chipsPerUnit} chips` : ` (${r.chipsPerUnit} chips each)`}`;
  return (
    <section className={styles.section} aria-labelledby="summary-heading">
      <h2 id="summary-heading" className={styles.heading}>
        Cost per million tokens{" "}
        <Badge appearance="tint" color="warning">
          estimate
        </Badge>
      </h2>
      <div className={s.card} role="group" aria-label={`${r.modelName} on ${r.systemName}`}>
        {r.cost ? (
          <>
            <Text className={s.big}>{usd(r.cost.perMillionBlended)}</Text>
            <Text>
              per million tokens, input and output together: {usd(r.cost.perMillionInput)} per
              million input, {usd(r.cost.perMillionOutput)} per million output;{" "}
              {usd(r.cost.perRequest)} a request.
            </Text>
          </>
        ) : (
          <Text>{r.costMissing}</Text>
        )}
        {r.market && (
          <Text>
            Market price: {usd(r.market.inputUSD)} in, {usd(r.market.outputUSD)} out per million (
            {r.market.provider}, listed {r.market.date}
            ).
            {r.market.marginBlended !== null &&
              r.market.marginOutput !== null &&
              ` Margin ${signed(r.market.marginBlended)} per million tokens at this workload's mix (${signed(r.market.marginOutput)} per million output tokens)` +
                (r.market.breakEvenUtilization !== null
                  ? r.market.breakEvenUtilization > 1
                    ? "; this price does not cover the cost even with the chips busy every hour."
                    : `; break-even at ${Math.round(r.market.breakEvenUtilization * 1000) / 10}% utilization.`
                  : ".")}
          </Text>
        )}
        <Text size={200} className={s.term}>
          Estimated: tokens/s comes from a model fitted to measured results; median error{" "}
          {r.errorMedian}%, 90th percentile {r.errorP90}%, on results left out of the fit (the
          newest engine release, and models it was not fitted on).
        </Text>
        <dl className={s.facts}>
          <Fact term="Tokens/s per user" value={num(r.tokensPerSecPerUser)} />
          <Fact term="Time to first token" value={seconds(r.ttftSeconds)} />
          <Fact term="Output tokens/s per chip" value={num(r.outputTokensPerSecPerChip, 4)} />
          <Fact
            term="Replica"
            value={`${count(r.chipsPerReplica, "chip")}, ${count(r.usersPerReplica, "user")}`}
          />
          <Fact
            term="To buy"
            value={`${units}${r.replicas > 1 ? `, ${count(r.replicas, "replica")}` : ""}`}
          />
          {r.energyJPerToken !== null && (
            <Fact term="Energy per output token" value={`${num(r.energyJPerToken)} J`} />
          )}
          {r.tokensPerSecPerMW !== null && (
            <Fact term="Output tokens/s per MW" value={num(r.tokensPerSecPerMW)} />
          )}
          {r.cost && <Fact term="Annual cost" value={usd(r.cost.annualUSD)} />}
          {r.cost && <Fact term="Chip-hour" value={usd(r.cost.chipHourUSD)} />}
        </dl>
        <Text size={200} className={s.term}>
          Memory per chip ({num(m.chipGB)} GB): weights {num(m.weightsGB)} GB, KV cache{" "}
          {num(m.kvGB)} GB, free {num(m.freeGB)} GB
        </Text>
        <div
          className={s.bar}
          role="img"
          aria-label={`Memory per chip: weights ${num(m.weightsGB)} GB, KV cache ${num(m.kvGB)} GB, free ${num(m.freeGB)} GB of ${num(m.chipGB)} GB`}
        >
          <div className={s.weights} style={{ width: pct(m.weightsGB) }} />
          <div className={s.kv} style={{ width: pct(m.kvGB) }} />
          <div className={s.free} style={{ flex: 1 }} />
        </div>
        <Text>{r.limitInWords}</Text>
        {r.targetNote && <Text>{r.targetNote}</Text>}
      </div>
    </section>
  );
}

/** USD with its sign in front: -$0.14, +$0.38. */
const signed = (v: number) => `${v < 0 ? "-" : "+"}${usd(Math.abs(v))}`;

function Fact({ term, value }: { term: string; value: string }) {
  const s = useSummaryStyles();
  return (
    <div className={s.fact}>
      <dt className={s.term}>{term}</dt>
      <dd className={s.value}>{value}</dd>
    </div>
  );
}
