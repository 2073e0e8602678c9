import { describe, expect, it } from "vitest";
import { invalidValue } from "../../src/core";
import { explainError } from "../../src/taskpane/excel-errors";

/** Excel's generic messages become what happened and what to do. */
const officeError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("explainError", () => {
  it.each([
    [
      "ItemNotFound",
      "The requested resource doesn't exist.",
      /gone \(deleted or renamed meanwhile\)\. Try again\./,
    ],
    [
      "InvalidOperationInCellEditMode",
      "The operation isn't available in cell-editing mode.",
      /Press Enter or Esc/,
    ],
    ["AccessDenied", "You cannot perform the requested operation.", /protected or read-only/],
  ])("%s: says what happened and what to do, and keeps Excel's words", (code, message, said) => {
    const text = explainError(officeError(code, message), "Insert model");
    expect(text).toMatch(/^Insert model did not finish: /);
    expect(text).toMatch(said);
    expect(text).toContain(`(Excel: ${message})`);
  });

  it("passes the core's own messages through as they are", () => {
    expect(explainError(invalidValue("users must be more than 0."), "Insert model")).toBe(
      "users must be more than 0."
    );
  });

  it("passes the pane's own messages through, and says which action an unknown Excel error stopped", () => {
    expect(explainError(new Error("Nothing was changed: the record is damaged."), "Share")).toBe(
      "Nothing was changed: the record is damaged."
    );
    expect(explainError(officeError("SomethingNew", "boom"), "Compare")).toBe(
      "Compare did not finish: boom"
    );
  });
});
