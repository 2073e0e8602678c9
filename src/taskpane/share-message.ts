import type { ShareMode } from "../workbook/share";
import type { ShareResult, ShareScope } from "./share-writer";

const FORMS: Record<ShareMode, string> = {
  native: "native formulas (no add-in needed)",
  values: "plain values",
  live: "live TOKENOMICS formulas",
};

/** How many reasons to list before "and N more". */
const LISTED = 3;

/** "1 cell", "2 cells". */
export const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "B7, C9 and 3 more" — the first LISTED items of a list. */
function listed(items: readonly string[], separator = ", "): string {
  const more = items.length - LISTED;
  return items.slice(0, LISTED).join(separator) + (more > 0 ? `${separator}and ${more} more` : "");
}

/** What the pane says after a conversion: what changed, what was left and why. */
export function shareMessage(r: ShareResult, mode: ShareMode, scope: ShareScope): string {
  const where = scope === "sheet" ? `"${r.sheetName}"` : `the selection on "${r.sheetName}"`;
  const parts: string[] = [];
  if (r.changed > 0)
    parts.push(`Changed ${count(r.changed, "cell")} of ${where} to ${FORMS[mode]}.`);
  if (r.reentered > 0)
    parts.push(`Re-entered ${count(r.reentered, "TOKENOMICS formula")} Excel had not resolved.`);
  if (r.kept > 0) {
    const at = r.keptAt.length > 0 ? ` (${listed(r.keptAt)})` : "";
    parts.push(
      `Left ${count(r.kept, "cell")} as ${r.kept === 1 ? "it is" : "they are"}${at}: changed since the add-in wrote ${r.kept === 1 ? "it" : "them"}.`
    );
  }
  if (r.skipped.length > 0) {
    parts.push(`${count(r.skipped.length, "cell")} left unchanged: ${listed(r.skipped, "; ")}.`);
  }
  if (r.note) parts.push(r.note);
  if (parts.length === 0) return `No TOKENOMICS cells in ${where} to change to ${FORMS[mode]}.`;
  return parts.join(" ");
}
