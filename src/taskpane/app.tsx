import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Combobox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { comparePlan, modelPlan, type FinanceKey, type Workload } from "../workbook/plan";
import { writePlan, type WriteResult } from "./office-writer";
import { convertCells, remember, type RecordStore, type ShareScope } from "./share-writer";
import { shareMessage } from "./share-message";
import type { ShareMode } from "../workbook/share";
import { functionEntries } from "./reference";
import { financeDefaults, groups, PRECISION_NAMES, preview, type Group } from "./selections";

/**
 * The task pane: pick a model and a system, set the workload and finance assumptions, then Insert a
 * live model sheet or Compare systems side by side. Every write goes through the layout plan and the
 * Office.js adapter (two round trips, a new sheet each time). Outside Excel it still renders, lists
 * the presets and previews the numbers, and says that writing needs Excel.
 */

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "12px",
    minWidth: "288px",
  },
  row: { display: "flex", gap: "8px", "& > *": { flex: 1, minWidth: 0 } },
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  heading: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    marginTop: "4px",
  },
  preview: { color: tokens.colorNeutralForeground2 },
  /** Fluent's Dropdown and Combobox default to a 250 px minimum: shrink to the pane instead. */
  fill: { minWidth: 0, width: "100%", boxSizing: "border-box" },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

export interface AppProps {
  /** True where Excel.run exists: inside Excel (or a test harness that provides it). */
  canWrite: boolean;
  hostName: string;
  /** Where inserted sheets are remembered for Make shareable; none outside Office. */
  store?: RecordStore;
}

type Status = { intent: "success" | "warning" | "error" | "info"; text: string } | null;

const NUMBER = /^\s*\d+(\.\d+)?\s*$/;

/** The precision names as dropdown options. */
function precisionOptions() {
  return PRECISION_NAMES.map((p) => (
    <Option key={p} value={p}>
      {p}
    </Option>
  ));
}

/** Presets as grouped options (models by family, systems by vendor), for both kinds of picker. */
function optionGroups(list: Group[]) {
  return list.map((group) => (
    <OptionGroup key={group.label} label={group.label}>
      {group.names.map((name) => (
        <Option key={name} value={name}>
          {name}
        </Option>
      ))}
    </OptionGroup>
  ));
}

function Picker(props: {
  kind: "model" | "system";
  label: string;
  value: string;
  onChange: (name: string) => void;
}) {
  const styles = useStyles();
  const [query, setQuery] = React.useState(props.value);
  const options = groups(props.kind, query === props.value ? "" : query);
  return (
    <Field label={props.label} required>
      <Combobox
        className={styles.fill}
        value={query}
        selectedOptions={[props.value]}
        placeholder={props.kind === "model" ? "Search models" : "Search systems"}
        onChange={(e) => setQuery(e.target.value)}
        onOptionSelect={(_e, data) => {
          if (!data.optionValue) return;
          props.onChange(data.optionValue);
          setQuery(data.optionValue);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => setQuery(props.value)}
      >
        {optionGroups(options)}
      </Combobox>
    </Field>
  );
}

function NumberField(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const styles = useStyles();
  const valid = NUMBER.test(props.value) && Number(props.value) >= 0;
  return (
    <Field
      label={props.label}
      hint={props.hint}
      validationMessage={valid ? undefined : "Enter a number ≥ 0"}
    >
      <Input
        className={styles.fill}
        inputMode="decimal"
        value={props.value}
        onChange={(_e, d) => props.onChange(d.value)}
      />
    </Field>
  );
}

export function App({ canWrite, hostName, store }: AppProps) {
  const styles = useStyles();
  const [model, setModel] = React.useState("Llama 3.1 70B");
  const [system, setSystem] = React.useState("NVIDIA GH200 144GB");
  const [inputTokens, setInputTokens] = React.useState("8000");
  const [outputTokens, setOutputTokens] = React.useState("2000");
  const [users, setUsers] = React.useState("16");
  const [instances, setInstances] = React.useState("1");
  const [precision, setPrecision] = React.useState("native");
  const [kvPrecision, setKvPrecision] = React.useState("FP16");
  const [finance, setFinance] = React.useState(() =>
    Object.fromEntries(financeDefaults().map((f) => [f.key, String(f.value)]))
  );
  const [compare, setCompare] = React.useState<string[]>([
    "NVIDIA H100 SXM 80GB",
    "NVIDIA H200 SXM 141GB",
    "AMD Instinct MI300X",
  ]);
  const [status, setStatus] = React.useState<Status>(null);
  const [busy, setBusy] = React.useState(false);
  const [scope, setScope] = React.useState<ShareScope>("sheet");

  const workload: Workload = {
    inputTokens: Number(inputTokens),
    outputTokens: Number(outputTokens),
    users: Number(users),
    instances: Number(instances),
    kvPrecision,
    ...(precision === "native" ? {} : { precision }),
  };
  const financeValues = Object.fromEntries(
    Object.entries(finance).map(([k, v]) => [k, Number(v)])
  ) as Record<FinanceKey, number>;
  const numbersValid = [
    inputTokens,
    outputTokens,
    users,
    instances,
    ...Object.values(finance),
  ].every((v) => NUMBER.test(v));
  const shown = numbersValid
    ? preview(model, system, workload)
    : { error: "Fix the highlighted numbers." };

  async function act(what: "insert" | "compare") {
    setBusy(true);
    setStatus(null);
    try {
      const result: WriteResult =
        what === "insert"
          ? await writePlan(
              (name) => modelPlan({ model, system, workload, finance: financeValues }, name),
              "Tokenomics"
            )
          : await writePlan(
              (name) =>
                comparePlan({ model, systems: compare, workload, finance: financeValues }, name),
              "Tokenomics compare"
            );
      if (store) await remember(store, result.sheetId, result.plan);
      setStatus({
        intent: "success",
        text: `Wrote the new sheet "${result.sheetName}" (${result.cells} cells${result.charts ? `, ${result.charts} charts` : ""}). Edit any shaded input and every result recalculates.`,
      });
    } catch (error) {
      setStatus({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  async function share(mode: ShareMode) {
    if (!store) return;
    setBusy(true);
    setStatus(null);
    try {
      const r = await convertCells(store, mode, scope);
      setStatus({
        intent: r.skipped.length > 0 || r.kept > 0 ? "warning" : "success",
        text: shareMessage(r, mode, scope),
      });
    } catch (error) {
      setStatus({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const financeFields = financeDefaults();
  const compareCount = compare.length;
  return (
    <main className={styles.root} aria-label="Tokenomics">
      <Text as="h1" size={500} weight="semibold">
        Tokenomics
      </Text>
      <MessageBar intent={canWrite ? "info" : "warning"}>
        <MessageBarBody>
          {canWrite
            ? `${hostName}: Insert and Compare write a new sheet; nothing existing is changed.`
            : "Not running inside Excel: open this pane from Excel to write sheets. You can still browse the presets and preview the numbers."}
        </MessageBarBody>
      </MessageBar>

      <section className={styles.section} aria-labelledby="model-heading">
        <Text id="model-heading" className={styles.heading}>
          Model and system
        </Text>
        <Picker kind="model" label="Model" value={model} onChange={setModel} />
        <Picker kind="system" label="System" value={system} onChange={setSystem} />
      </section>

      <section className={styles.section} aria-labelledby="workload-heading">
        <Text id="workload-heading" className={styles.heading}>
          Workload
        </Text>
        <div className={styles.row}>
          <NumberField label="Input tokens" value={inputTokens} onChange={setInputTokens} />
          <NumberField label="Output tokens" value={outputTokens} onChange={setOutputTokens} />
        </div>
        <div className={styles.row}>
          <NumberField label="Users" value={users} onChange={setUsers} />
          <NumberField label="Instances" value={instances} onChange={setInstances} />
        </div>
        <div className={styles.row}>
          <Field label="Weights">
            <Dropdown
              className={styles.fill}
              value={precision === "native" ? "Native" : precision}
              selectedOptions={[precision]}
              onOptionSelect={(_e, d) => setPrecision(d.optionValue ?? "native")}
            >
              <Option value="native">Native</Option>
              {precisionOptions()}
            </Dropdown>
          </Field>
          <Field label="KV cache">
            <Dropdown
              className={styles.fill}
              value={kvPrecision}
              selectedOptions={[kvPrecision]}
              onOptionSelect={(_e, d) => setKvPrecision(d.optionValue ?? "FP16")}
            >
              {precisionOptions()}
            </Dropdown>
          </Field>
        </div>
        <Text className={styles.preview} role="status" aria-live="polite">
          {shown.error
            ? shown.error
            : shown.memoryGB === undefined || shown.chips === undefined
              ? "No estimate for this context: see the warning below."
              : `Needs ${shown.memoryGB.toFixed(1)} GB: ${shown.chips.toFixed(2)} chips` +
                (shown.racks !== undefined
                  ? `, ${shown.racks.toFixed(2)} racks.`
                  : " (chips per rack depend on the site).")}
        </Text>
      </section>

      {shown.warning && (
        <MessageBar intent="warning">
          <MessageBarBody>{shown.warning}</MessageBarBody>
        </MessageBar>
      )}

      <Accordion collapsible>
        <AccordionItem value="finance">
          <AccordionHeader>Finance assumptions</AccordionHeader>
          <AccordionPanel>
            <div className={styles.section}>
              {financeFields.map((f) => (
                <NumberField
                  key={f.key}
                  label={`${f.key} (${f.unit})`}
                  hint={`Default ${f.value}: ${f.source}`}
                  value={finance[f.key]}
                  onChange={(v) => setFinance({ ...finance, [f.key]: v })}
                />
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      <Button
        appearance="primary"
        disabled={!canWrite || busy || !numbersValid}
        onClick={() => act("insert")}
      >
        Insert model
      </Button>

      <section className={styles.section} aria-labelledby="compare-heading">
        <Text id="compare-heading" className={styles.heading}>
          Compare systems
        </Text>
        <Field
          label="Systems (2 to 20)"
          validationState={compareCount >= 2 && compareCount <= 20 ? "none" : "error"}
          validationMessage={
            compareCount >= 2 && compareCount <= 20 ? undefined : "Pick 2 to 20 systems"
          }
        >
          <Combobox
            className={styles.fill}
            multiselect
            placeholder="Pick systems"
            selectedOptions={compare}
            value={`${compareCount} selected`}
            onOptionSelect={(_e, d) => setCompare(d.selectedOptions)}
          >
            {optionGroups(groups("system", ""))}
          </Combobox>
        </Field>
        <Button
          disabled={!canWrite || busy || !numbersValid || compareCount < 2 || compareCount > 20}
          onClick={() => act("compare")}
        >
          Compare {compareCount} systems
        </Button>
      </section>

      <section className={styles.section} aria-labelledby="share-heading">
        <Text id="share-heading" className={styles.heading}>
          Share
        </Text>
        <Text className={styles.preview}>
          For colleagues without the add-in: native formulas stay live in Excel, LibreOffice and
          Google Sheets. Cells you edited are never changed.
        </Text>
        <RadioGroup
          aria-label="Cells to convert"
          value={scope}
          onChange={(_e, d) => setScope(d.value as ShareScope)}
        >
          <Radio value="sheet" label="The whole active sheet" />
          <Radio value="selection" label="The selected cells" />
        </RadioGroup>
        <div className={styles.row}>
          <Button disabled={!canWrite || !store || busy} onClick={() => share("native")}>
            Make shareable
          </Button>
          <Button disabled={!canWrite || !store || busy} onClick={() => share("live")}>
            Make live again
          </Button>
        </div>
        <Button disabled={!canWrite || !store || busy} onClick={() => share("values")}>
          Values only
        </Button>
      </section>

      {status && (
        <MessageBar intent={status.intent} role="alert">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}

      <Accordion collapsible>
        <AccordionItem value="functions">
          <AccordionHeader>Functions</AccordionHeader>
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
