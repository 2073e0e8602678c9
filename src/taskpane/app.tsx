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
import { UpdateControls } from "./sections/update-controls";
import { WorkloadSection } from "./sections/workload-section";
import type { PaneSettings } from "./settings-writer";
import { shareMessage, count } from "./share-message";
import { convertCells, remember, type RecordStore } from "./share-writer";
import {
  activeSheet,
  previewUpdate,
  updateSheet,
  type UpdateResult,
  type WrittenStore,
} from "./update-writer";
import { writtenSheet } from "../workbook/update";
import type { LayoutPlan } from "../workbook/plan";
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
  /** Where what the pane wrote on each sheet is remembered, for Update this sheet. */
  written?: WrittenStore;
}

type Action = "insert" | "compare" | "share";

export function App({ canWrite, hostName, store, settings, written }: AppProps) {
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
  /** Which kind of sheet the pane made is active now (Update this sheet is offered for it). */
  const [activeKind, setActiveKind] = React.useState<LayoutPlan["kind"] | null>(null);
  /** An update previewed and waiting for the user's go-ahead. */
  const [pending, setPending] = React.useState<{
    kind: LayoutPlan["kind"];
    preview: UpdateResult;
  } | null>(null);

  // Whether the active sheet is one the pane made: read when the pane opens and whenever another
  // sheet is activated.
  React.useEffect(() => {
    if (!canWrite || !written) return;
    const check = () =>
      activeSheet(written)
        .then((s) => setActiveKind(s.written?.kind ?? null))
        .catch(() => setActiveKind(null));
    check();
    let remove: (() => void) | undefined;
    Excel.run(async (context) => {
      const handler = context.workbook.worksheets.onActivated.add(async () => {
        setPending(null);
        check();
      });
      await context.sync();
      remove = () => {
        handler.remove();
        handler.context.sync().catch(() => undefined);
      };
    }).catch(() => undefined);
    return () => remove?.();
  }, [canWrite, written]);

  /** A change of any input: old messages no longer describe what is on screen. */
  const update = (change: Partial<PaneState>) => {
    setState((s) => ({ ...s, ...change }));
    setStatus({ insert: null, compare: null, share: null });
    setPending(null);
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

  /** The plan for the pane's current choices: the model sheet, or the comparison. */
  function planFor(kind: LayoutPlan["kind"]): ((name: string) => LayoutPlan) | undefined {
    const now = readState(state).inputs;
    if (!now) return undefined;
    const workload = sheetWorkload(state, now);
    return kind === "model"
      ? (name) =>
          modelPlan(
            {
              model: state.model,
              system: state.system,
              workload,
              finance: now.finance,
              unit: now.unit,
            },
            name
          )
      : (name) =>
          comparePlan(
            { model: state.model, systems: state.compare, workload, finance: now.finance },
            name
          );
  }

  /**
   * Update this sheet, in two steps: read the sheet and say how many cells would change (nothing
   * written), then on the go-ahead read it again and write.
   */
  async function updateActive(kind: LayoutPlan["kind"], confirmed: boolean) {
    const build = planFor(kind);
    const action: Action = kind === "model" ? "insert" : "compare";
    if (!build || !store || !written) return;
    setBusy(true);
    say(action, { busy: confirmed ? "Updating the sheet…" : "Reading the sheet…" });
    try {
      if (!confirmed) {
        const preview = await previewUpdate(written, store, kind, build);
        setPending({ kind, preview });
        say(action, {
          intent: "warning",
          text:
            preview.rewrite === 0
              ? `"${preview.sheetName}" already shows these choices: nothing to rewrite.`
              : `Update "${preview.sheetName}": rewrite ${count(preview.rewrite, "cell")} the add-in wrote` +
                (preview.kept > 0
                  ? `, and keep ${count(preview.kept, "cell")} changed since (${preview.keptAt}).`
                  : ".") +
                " Nothing has changed yet.",
        });
      } else {
        setPending(null);
        const r = await updateSheet(written, store, kind, build);
        say(action, {
          intent: r.kept > 0 ? "warning" : "success",
          text:
            `Updated "${r.sheetName}": rewrote ${count(r.rewrite, "cell")}` +
            (r.kept > 0 ? `; kept ${count(r.kept, "cell")} changed since (${r.keptAt}).` : "."),
        });
      }
    } catch (error) {
      setPending(null);
      say(action, { intent: "error", text: explainError(error, "Update this sheet") });
    } finally {
      setBusy(false);
    }
  }

  async function write(action: "insert" | "compare") {
    const build = planFor(action === "insert" ? "model" : "compare");
    if (!build) return;
    setBusy(true);
    say(action, {
      busy: action === "insert" ? "Writing the model sheet…" : "Writing the comparison…",
    });
    try {
      const done: WriteResult = await writePlan(
        build,
        action === "insert" ? "Tokenomics" : "Tokenomics compare"
      );
      if (store) await remember(store, done.sheetId, done.plan);
      if (written) await written.set(done.sheetId, writtenSheet(done.plan, done.sheetId));
      setActiveKind(done.plan.kind); // the new sheet is the active one now
      say(action, {
        intent: "success",
        text: `Wrote the new sheet "${done.sheetName}" (${count(done.cells, "cell")}${done.charts ? `, ${count(done.charts, "chart")}` : ""}). Edit any shaded input and every result recalculates.`,
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
  /** Update this sheet, offered where the active sheet is one the pane made of this kind. */
  const updateControls = (kind: LayoutPlan["kind"]) => (
    <UpdateControls
      available={activeKind === kind && Boolean(store && written)}
      pending={pending?.kind === kind ? pending.preview : null}
      disabled={!canWrite || busy || !valid}
      onPreview={() => updateActive(kind, false)}
      onConfirm={() => updateActive(kind, true)}
      onCancel={() => {
        setPending(null);
        say(kind === "model" ? "insert" : "compare", null);
      }}
    />
  );
  return (
    <main className={styles.root} aria-label="Tokenomics">
      <Text as="h1" size={500} weight="semibold">
        Tokenomics
      </Text>
      <MessageBar intent={canWrite ? "info" : "warning"}>
        <MessageBarBody>
          {canWrite
            ? `${hostName}: Insert and Compare write a new sheet; Update this sheet rewrites only cells the add-in wrote and nobody has changed.`
            : "Not running inside Excel: open this pane from Excel to write sheets. You can still see the numbers."}
        </MessageBarBody>
      </MessageBar>

      <SummarySection result={result} />

      <WorkloadSection state={state} errors={reading.errors} update={update} />
      <FinanceSection state={state} errors={reading.errors} unit={unit} update={update} />

      <section className={styles.section} aria-label="Insert the model">
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabled={!canWrite || busy || !valid}
            onClick={() => write("insert")}
          >
            Insert model
          </Button>
          {updateControls("model")}
        </div>
        <ActionMessage status={status.insert} />
      </section>

      <CompareSection
        systems={state.compare}
        rows={rows}
        onSystems={(compare) => update({ compare })}
        onInsert={() => write("compare")}
        update={updateControls("compare")}
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
