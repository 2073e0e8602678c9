import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import * as React from "react";

/** What an action said: shown beside its button, announced, and scrolled into view. */
export type ActionStatus =
  { intent: "success" | "warning" | "error" | "info"; text: string } | { busy: string } | null;

export function ActionMessage({ status }: { status: ActionStatus }) {
  const ref = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (!status) return;
    const show = () => ref.current?.scrollIntoView?.({ block: "nearest" });
    show();
    // Again once the message bar has grown to its full height (it animates in).
    const later = setTimeout(show, 250);
    return () => clearTimeout(later);
  }, [status]);
  // The live region stays in the page, so screen readers announce what appears in it.
  return (
    <div ref={ref} role="status" aria-live="polite">
      {status &&
        ("busy" in status ? (
          <Spinner size="tiny" label={status.busy} />
        ) : (
          <MessageBar intent={status.intent}>
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        ))}
    </div>
  );
}
