import { TokenomicsError } from "../core";

/**
 * Excel's errors in words a user can act on. Office.js rejects with an OfficeExtension.Error whose
 * `code` names what happened ("ItemNotFound") and whose message is generic ("The requested resource
 * doesn't exist."): the pane says what happened and what to do, and keeps Excel's words at the end
 * for whoever has to look further.
 */
const BY_CODE: Record<string, string> = {
  InvalidOperationInCellEditMode:
    "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.",
  ItemNotFound:
    "The sheet or cell the pane was working on is gone (deleted or renamed meanwhile). Try again.",
  AccessDenied:
    "The workbook or sheet is protected or read-only. Unprotect it (Review › Unprotect), or save a copy, then try again.",
  ItemAlreadyExists:
    "A sheet with that name appeared meanwhile. Try again: the pane picks a free name.",
  RequestPayloadSizeLimitExceeded:
    "Excel refused a write this large in one go. Select fewer cells, or insert a smaller comparison.",
  ActivityLimitReached: "Excel is busy. Wait a moment, then try again.",
  GeneralException: "Excel could not finish. Try again; if it keeps failing, reload the add-in.",
  InvalidArgument: "Excel refused a value the pane wrote. Please report this with the workbook.",
  ApiNotFound:
    "This version of Excel lacks a feature the pane needs. Update Excel, or use Excel on the web.",
  NotImplemented:
    "This version of Excel lacks a feature the pane needs. Update Excel, or use Excel on the web.",
  Unauthenticated: "Excel asked you to sign in again. Sign in, then try again.",
};

export function explainError(error: unknown, action: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  // The core's messages, and the pane's own ("Nothing was changed: …"), are already for the user.
  if (error instanceof TokenomicsError || (error instanceof Error && code === undefined))
    return message;
  const known = typeof code === "string" ? BY_CODE[code] : undefined;
  if (known) return `${action} did not finish: ${known} (Excel: ${message})`;
  return `${action} did not finish: ${message}`;
}
