import { Button } from "@fluentui/react-components";
import * as React from "react";
import { count } from "../share-message";
import type { UpdateResult } from "../update-writer";

/**
 * Update this sheet: offered beside Insert when the active sheet is one the pane made of that kind
 * (Insert, a new sheet, stays the default). The first press reads the sheet and says what would
 * change; the second writes.
 */
export function UpdateControls(props: {
  available: boolean;
  pending: UpdateResult | null;
  disabled: boolean;
  onPreview: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (!props.available) return null;
  if (props.pending && props.pending.rewrite > 0) {
    return (
      <>
        <Button appearance="primary" disabled={props.disabled} onClick={props.onConfirm}>
          Rewrite {count(props.pending.rewrite, "cell")}
        </Button>
        <Button disabled={props.disabled} onClick={props.onCancel}>
          Cancel
        </Button>
      </>
    );
  }
  return (
    <Button disabled={props.disabled} onClick={props.onPreview}>
      Update this sheet
    </Button>
  );
}
