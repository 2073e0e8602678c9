import type { ShareMode } from "../workbook/share";
import type { ShareResult, ShareScope } from "./share-writer";

const FORMS: Record<ShareMode, string> = {
  native: "native formulas (no add-in needed)",
  values: "plain values",
  live: "live TOKENOMICS formulas",
};

/** How many reasons to list before "and N more". */
const LISTED = 3;

/** What the pane says after a conversion: what changed, what was left and why. */
export function shareMessage(r: ShareResult, mode: ShareMode, scope: ShareScope): string {
  const where = scope === "sheet" ? `"${r.sheetName}"` : `the selection on "${r.sheetName}"`;
  const parts: string[] = [];
  if (r.changed > 0) parts.push(`Changed ${r.changed} cells of ${where} to ${FORMS[mode]}.`);
  if (r.reentered > 0)
    parts.push(`Re-entered ${r.reentered} TOKENOMICS formulas Excel had not resolved.`);
  if (r.kept > 0) parts.push(`${r.kept} cells you edited were left as they are.`);
  if (r.skipped.length > 0) {
    const more = r.skipped.length - LISTED;
    parts.push(
      `${r.skipped.length} left unchanged: ${r.skipped.slice(0, LISTED).join("; ")}` +
        (more > 0 ? `; and ${more} more.` : ".")
    );
  }
  if (parts.length === 0) return `No TOKENOMICS cells in ${where} to change to ${FORMS[mode]}.`;
  return parts.join(" ");
}
