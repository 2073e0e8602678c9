import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarBody,
  Text,
} from "@fluentui/react-components";
import * as React from "react";
import { MODEL_PRESETS, SYSTEM_PRESETS } from "../core";
import { deploymentUnit, type DeploymentUnit } from "../workbook/deployment-unit";
import { comparePlan, modelPlan, type Workload } from "../workbook/plan";
import type { ShareMode } from "../workbook/share";
import { compareRows } from "./compare-rows";
import { useStyles } from "./controls";
import { explainError } from "./excel-errors";
import { writePlan, type WriteResult } from "./office-writer";
import { DEFAULT_STATE, readState, restoreState, type Inputs, type PaneState } from "./pane-state";
import { functionEntries } from "./reference";
import { ActionMessage, type ActionStatus } from "./sections/action-message";
import { CompareSection } from "./sections/compare-section";
import { FinanceSection } from "./sections/finance-section";
import { ShareSection } from "./sections/share-section";
import { SummarySection } from "./sections/summary-section";
import { WorkloadSection } from "./sections/workload-section";
import type { PaneSettings } from "./settings-writer";
import { shareMessage, count } from "./share-message";
import { convertCells, remember, type RecordStore } from "./share-writer";
import { summarize, type SummaryInputs } from "./summary";

/**
 * The task pane: the answer first (what a token costs on this system, from the core as the user
 * types), then the choices behind it — model, system, workload, costs — and the actions that write to
 * Excel: Insert a live model sheet, Compare systems, Share. The state lives here in one object,
 * saved with the workbook; each section is a component of its own; Office.js calls are in the
 * writers beside the pane.
 */
export interface AppProps {
  /** True where Excel.run exists: inside Excel (or a test harness that provides it). */
  canWrite: boolean;
  hostName: string;
  /** Where inserted sheets are remembered for Make shareable; none outside Office. */
  store?: RecordStore;
  /** Where the pane's choices are saved with the workbook; none outside Office. */
  settings?: PaneSettings;
}

type Action = "insert" | "compare" | "share";

export function App({ canWrite, hostName, store, settings }: AppProps) {
  const styles = useStyles();
  const [state, setState] = React.useState<PaneState>(() =>
    settings ? restoreState(settings.load()) : structuredClone(DEFAULT_STATE)
  );
  const [status, setStatus] = React.useState<Record<Action, ActionStatus>>({
    insert: null,
    compare: null,
    share: null,
  });
  const [busy, setBusy] = React.useState(false);
  const say = (action: Action, s: ActionStatus) => setStatus((all) => ({ ...all, [action]: s }));

  /** A change of any input: old messages no longer describe what is on screen. */
  const update = (change: Partial<PaneState>) => {
    setState((s) => ({ ...s, ...change }));
    setStatus({ insert: null, compare: null, share: null });
  };

  // Saved with the workbook, a moment after the last change.
  React.useEffect(() => {
    if (!settings) return;
    const timer = setTimeout(() => settings.save(state).catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, [state, settings]);

  const shown = React.useDeferredValue(state);
  const reading = readState(shown);
  const base = reading.inputs && summaryBase(shown, reading.inputs);
  const result = base
    ? summarize({ ...base, system: shown.system, unit: reading.inputs!.unit })
    : { invalid: "Fix the fields marked below to see the cost." };
  const rows = React.useMemo(
    () => (base ? compareRows(shown.compare, base) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(base), shown.compare]
  );
  let unit: DeploymentUnit | null = null;
  try {
    unit = deploymentUnit(SYSTEM_PRESETS.resolve(shown.system), MODEL_PRESETS.resolve(shown.model));
  } catch {
    unit = null;
  }

  async function write(action: "insert" | "compare") {
    const now = readState(state).inputs;
    if (!now) return;
    const workload = sheetWorkload(state, now);
    setBusy(true);
    say(action, {
      busy: action === "insert" ? "Writing the model sheet…" : "Writing the comparison…",
    });
    try {
      const written: WriteResult =
        action === "insert"
          ? await writePlan(
              (name) =>
                modelPlan(
                  {
                    model: state.model,
                    system: state.system,
                    workload,
                    finance: now.finance,
                    unit: now.unit,
                  },
                  name
                ),
              "Tokenomics"
            )
          : await writePlan(
              (name) =>
                comparePlan(
                  { model: state.model, systems: state.compare, workload, finance: now.finance },
                  name
                ),
              "Tokenomics compare"
            );
      if (store) await remember(store, written.sheetId, written.plan);
      say(action, {
        intent: "success",
        text: `Wrote the new sheet "${written.sheetName}" (${count(written.cells, "cell")}${written.charts ? `, ${count(written.charts, "chart")}` : ""}). Edit any shaded input and every result recalculates.`,
      });
    } catch (error) {
      say(action, {
        intent: "error",
        text: explainError(error, action === "insert" ? "Insert model" : "Insert comparison"),
      });
    } finally {
      setBusy(false);
    }
  }

  async function share(mode: ShareMode) {
    if (!store) return;
    setBusy(true);
    say("share", { busy: "Converting the cells…" });
    try {
      const r = await convertCells(store, mode, state.scope);
      say("share", {
        intent: r.skipped.length > 0 || r.kept > 0 ? "warning" : "success",
        text: shareMessage(r, mode, state.scope),
      });
    } catch (error) {
      say("share", { intent: "error", text: explainError(error, "Share") });
    } finally {
      setBusy(false);
    }
  }

  const valid = reading.inputs !== undefined;
  return (
    <main className={styles.root} aria-label="Tokenomics">
      <Text as="h1" size={500} weight="semibold">
        Tokenomics
      </Text>
      <MessageBar intent={canWrite ? "info" : "warning"}>
        <MessageBarBody>
          {canWrite
            ? `${hostName}: Insert and Compare write a new sheet; nothing existing is changed.`
            : "Not running inside Excel: open this pane from Excel to write sheets. You can still see the numbers."}
        </MessageBarBody>
      </MessageBar>

      <SummarySection result={result} />

      <WorkloadSection state={state} errors={reading.errors} update={update} />
      <FinanceSection state={state} errors={reading.errors} unit={unit} update={update} />

      <section className={styles.section} aria-label="Insert the model">
        <Button
          appearance="primary"
          disabled={!canWrite || busy || !valid}
          onClick={() => write("insert")}
        >
          Insert model
        </Button>
        <ActionMessage status={status.insert} />
      </section>

      <CompareSection
        systems={state.compare}
        rows={rows}
        onSystems={(compare) => update({ compare })}
        onInsert={() => write("compare")}
        canInsert={canWrite && !busy && valid}
        status={status.compare}
      />

      <ShareSection
        scope={state.scope}
        onScope={(scope) => update({ scope })}
        onShare={share}
        enabled={canWrite && Boolean(store) && !busy}
        status={status.share}
      />

      <Accordion collapsible>
        <AccordionItem value="functions">
          <AccordionHeader as="h2">Functions</AccordionHeader>
          <AccordionPanel>
            {functionEntries().map((f) => (
              <p key={f.signature}>
                <span className={styles.code}>{f.signature}</span>
                <br />
                {f.summary} Result: {f.unit}.
              </p>
            ))}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </main>
  );
}

/** What the summary takes from the pane's inputs, for the chosen system or any compared one. */
function summaryBase(state: PaneState, inputs: Inputs): Omit<SummaryInputs, "system" | "unit"> {
  return {
    model: state.model,
    inputTokens: inputs.workload.inputTokens,
    outputTokens: inputs.workload.outputTokens,
    users: inputs.users,
    targetPerUser: inputs.targetPerUser,
    ...(inputs.workload.precision ? { precision: inputs.workload.precision } : {}),
    kvPrecision: state.kvPrecision,
    finance: inputs.financeValues,
  };
}

/**
 * The workload the sheets take: the users given, else the users the summary finds for the state
 * being written (not the one last drawn, which may lag a keystroke behind).
 */
function sheetWorkload(state: PaneState, inputs: Inputs): Workload {
  if (inputs.users !== null) return { ...inputs.workload, users: inputs.users };
  const r = summarize({ ...summaryBase(state, inputs), system: state.system, unit: inputs.unit });
  const users = "summary" in r ? r.summary.usersPerReplica * r.summary.replicas : 1;
  return { ...inputs.workload, users };
}
