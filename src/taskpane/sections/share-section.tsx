import { Button, Radio, RadioGroup, Text } from "@fluentui/react-components";
import * as React from "react";
import type { ShareMode } from "../../workbook/share";
import { useStyles } from "../controls";
import type { ShareScope } from "../share-writer";
import { ActionMessage, type ActionStatus } from "./action-message";

/** Make shareable, Values only, Make live again: for colleagues without the add-in. */
export function ShareSection(props: {
  scope: ShareScope;
  onScope: (scope: ShareScope) => void;
  onShare: (mode: ShareMode) => void;
  enabled: boolean;
  status: ActionStatus;
}) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="share-heading">
      <h2 id="share-heading" className={styles.heading}>
        Share
      </h2>
      <Text className={styles.muted}>
        For colleagues without the add-in: native formulas stay live in Excel, LibreOffice and
        Google Sheets. Cells you edited are never changed.
      </Text>
      <RadioGroup
        aria-label="Cells to convert"
        value={props.scope}
        onChange={(_e, d) => props.onScope(d.value as ShareScope)}
      >
        <Radio value="sheet" label="The whole active sheet" />
        <Radio value="selection" label="The selected cells" />
      </RadioGroup>
      <div className={styles.row}>
        <Button disabled={!props.enabled} onClick={() => props.onShare("native")}>
          Make shareable
        </Button>
        <Button disabled={!props.enabled} onClick={() => props.onShare("live")}>
          Make live again
        </Button>
      </div>
      <Button disabled={!props.enabled} onClick={() => props.onShare("values")}>
        Values only
      </Button>
      <ActionMessage status={props.status} />
    </section>
  );
}
