import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
} from "@fluentui/react-components";
import * as React from "react";
import defaults from "../../presets/finance-defaults.json";
import type { DeploymentUnit } from "../../workbook/deployment-unit";
import { FINANCE_KEYS } from "../../workbook/plan";
import { NumberField, useStyles } from "../controls";
import { FINANCE_LABELS, shownDefault, type FieldName, type PaneState } from "../pane-state";

/**
 * What the unit costs and what money costs: the unit's price and power (the preset's, with its
 * source, until the user types their own) and the finance assumptions under plain labels.
 */
export function FinanceSection(props: {
  state: PaneState;
  errors: Partial<Record<FieldName, string>>;
  unit: DeploymentUnit | null;
  update: (change: Partial<PaneState>) => void;
}) {
  const styles = useStyles();
  const { state, errors, unit, update } = props;
  const unitName = unit?.unit ?? "unit";
  const preset = (v: number | null | undefined, digits: (n: number) => string) =>
    v === null || v === undefined ? "Not in the preset: enter it" : `Preset: ${digits(v)}`;
  const invalid = Object.keys(errors).some(
    (k) => k === "price" || k === "power" || k.startsWith("finance.")
  );
  return (
    <Accordion collapsible defaultOpenItems={invalid ? ["finance"] : []}>
      <AccordionItem value="finance">
        <AccordionHeader as="h2">Costs and finance</AccordionHeader>
        <AccordionPanel>
          <div className={styles.section}>
            <NumberField
              label={`Price of one ${unitName}, USD`}
              placeholder={preset(unit?.pricePerUnit.value, (n) =>
                n.toLocaleString("en-US", { maximumFractionDigits: 10 })
              )}
              value={state.price}
              error={errors.price}
              source={unit?.pricePerUnit.source}
              onChange={(price) => update({ price })}
            />
            <NumberField
              label={`Power of one ${unitName}, kW`}
              placeholder={preset(unit?.powerPerUnitKW.value, (n) => String(n))}
              value={state.power}
              error={errors.power}
              source={unit?.powerPerUnitKW.source}
              onChange={(power) => update({ power })}
            />
            {FINANCE_KEYS.map((key) => {
              const d = defaults[key];
              return (
                <NumberField
                  key={key}
                  label={FINANCE_LABELS[key].label}
                  placeholder={`Default ${shownDefault(key)}`}
                  value={state.finance[key]}
                  error={errors[`finance.${key}`]}
                  source={`Default ${shownDefault(key)}: ${d.source} (${d.date}; confidence ${d.confidence}).`}
                  onChange={(v) => update({ finance: { ...state.finance, [key]: v } })}
                />
              );
            })}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
