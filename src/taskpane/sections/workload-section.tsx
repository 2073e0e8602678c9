import { Dropdown, Field, Option } from "@fluentui/react-components";
import * as React from "react";
import { NumberField, Picker, useStyles } from "../controls";
import type { FieldName, PaneState } from "../pane-state";
import { PRECISION_NAMES } from "../selections";
import { workloadOf, WORKLOADS } from "../workloads";

/** Model, system and workload: what is served, on what, and how it is used. */
export function WorkloadSection(props: {
  state: PaneState;
  errors: Partial<Record<FieldName, string>>;
  update: (change: Partial<PaneState>) => void;
}) {
  const styles = useStyles();
  const { state, errors, update } = props;
  const preset = workloadOf(state.inputTokens, state.outputTokens);
  const presetLabel =
    preset === "custom" ? "Custom" : WORKLOADS.find((w) => w.id === preset)!.label;
  const precisionOptions = PRECISION_NAMES.map((p) => (
    <Option key={p} value={p}>
      {p}
    </Option>
  ));
  return (
    <section className={styles.section} aria-labelledby="workload-heading">
      <h2 id="workload-heading" className={styles.heading}>
        Model, system and workload
      </h2>
      <Picker
        kind="model"
        label="Model"
        value={state.model}
        onChange={(model) => update({ model })}
      />
      <Picker
        kind="system"
        label="System"
        value={state.system}
        onChange={(system) => update({ system, price: "", power: "" })}
      />
      <Field
        label="Workload"
        hint={
          preset === "custom"
            ? "Your own token counts."
            : `Tokens per request as benchmarks run it: ${WORKLOADS.find((w) => w.id === preset)!.source}.`
        }
      >
        <Dropdown
          inlinePopup
          className={styles.fill}
          value={presetLabel}
          selectedOptions={[preset]}
          onOptionSelect={(_e, d) => {
            const w = WORKLOADS.find((x) => x.id === d.optionValue);
            if (w)
              update({ inputTokens: String(w.inputTokens), outputTokens: String(w.outputTokens) });
          }}
        >
          {WORKLOADS.map((w) => (
            <Option key={w.id} value={w.id}>
              {w.label}
            </Option>
          ))}
          <Option value="custom">Custom</Option>
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <NumberField
          label="Input tokens"
          value={state.inputTokens}
          error={errors.inputTokens}
          onChange={(inputTokens) => update({ inputTokens })}
        />
        <NumberField
          label="Output tokens"
          value={state.outputTokens}
          error={errors.outputTokens}
          onChange={(outputTokens) => update({ outputTokens })}
        />
      </div>
      <div className={styles.row}>
        <NumberField
          label="Users"
          placeholder="Most that fit"
          hint="Concurrent users; blank: one replica at maximum throughput."
          value={state.users}
          error={errors.users}
          onChange={(users) => update({ users })}
        />
        <NumberField
          label="Target tokens/s per user"
          placeholder="None"
          hint="Optional: picks the users per replica that keep it."
          value={state.targetPerUser}
          error={errors.targetPerUser}
          onChange={(targetPerUser) => update({ targetPerUser })}
        />
      </div>
      <div className={styles.row}>
        <Field label="Weights">
          <Dropdown
            inlinePopup
            className={styles.fill}
            value={state.precision === "native" ? "Native" : state.precision}
            selectedOptions={[state.precision]}
            onOptionSelect={(_e, d) => update({ precision: d.optionValue ?? "native" })}
          >
            <Option value="native">Native</Option>
            {precisionOptions}
          </Dropdown>
        </Field>
        <Field label="KV cache">
          <Dropdown
            inlinePopup
            className={styles.fill}
            value={state.kvPrecision}
            selectedOptions={[state.kvPrecision]}
            onOptionSelect={(_e, d) => update({ kvPrecision: d.optionValue ?? "FP16" })}
          >
            {precisionOptions}
          </Dropdown>
        </Field>
      </div>
    </section>
  );
}
