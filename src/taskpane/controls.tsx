import {
  Combobox,
  Field,
  InfoLabel,
  Input,
  type LabelProps,
  Link,
  makeStyles,
  Option,
  OptionGroup,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { groups, type Group } from "./selections";

/** The pane's shared styles and small controls: pickers, number fields, sources. */
export const useStyles = makeStyles({
  /** Buttons side by side, wrapping in a narrow pane. */
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "12px",
    boxSizing: "border-box",
    maxWidth: "100%",
    overflowWrap: "anywhere",
  },
  row: {
    display: "flex",
    gap: "8px",
    flexWrap: "wrap",
    "& > *": { flex: "1 1 120px", minWidth: 0 },
  },
  section: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  heading: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    margin: "4px 0 0",
  },
  muted: { color: tokens.colorNeutralForeground2 },
  /** Fluent's Dropdown and Combobox default to a 250 px minimum: shrink to the pane instead. */
  fill: { minWidth: 0, width: "100%", maxWidth: "100%", boxSizing: "border-box" },
  /** A combobox's text box keeps a default width of about 20 characters: let it shrink too. */
  comboInput: { minWidth: 0, width: "100%" },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

/** Presets as grouped options (models by family, systems by vendor). */
export function optionGroups(list: Group[]) {
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

export function Picker(props: {
  kind: "model" | "system";
  label: string;
  value: string;
  onChange: (name: string) => void;
}) {
  const styles = useStyles();
  const [query, setQuery] = React.useState(props.value);
  React.useEffect(() => setQuery(props.value), [props.value]);
  const options = groups(props.kind, query === props.value ? "" : query);
  return (
    <Field label={props.label} required>
      <Combobox
        inlinePopup
        className={styles.fill}
        input={{ className: styles.comboInput }}
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

/** A source as text, its web address (if it names one) as a link. */
export function SourceText({ text }: { text: string }) {
  const match = /\b((?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s),;]*)/i.exec(text);
  if (!match) return <>{text}</>;
  const url = match[1].startsWith("http") ? match[1] : `https://${match[1]}`;
  return (
    <>
      {text.slice(0, match.index)}
      <Link href={url} target="_blank" rel="noreferrer">
        {match[1]}
      </Link>
      {text.slice(match.index + match[1].length)}
    </>
  );
}

/**
 * A number typed as people write it ("10%", "8,000", "8k"). The error, when there is one, is said
 * under the field; `source` sits behind an info button beside the label.
 */
export function NumberField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  source?: string;
}) {
  const styles = useStyles();
  // Fluent's pattern for an info button in a Field's label: the label's props go to the InfoLabel.
  const label = props.source
    ? {
        children: (_: unknown, slot: LabelProps) => (
          <InfoLabel {...slot} info={<SourceText text={props.source!} />}>
            {props.label}
          </InfoLabel>
        ),
      }
    : props.label;
  return (
    <Field
      label={label}
      hint={props.hint}
      validationState={props.error ? "error" : "none"}
      validationMessage={props.error}
    >
      <Input
        className={styles.fill}
        inputMode="decimal"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(_e, d) => props.onChange(d.value)}
      />
    </Field>
  );
}
