/* global Office */
import { defaultEntries, functionEntries } from "./reference";

/**
 * The foundation's task pane: a reference of the TOKENOMICS functions and their sourced defaults,
 * built with DOM text nodes only (no innerHTML). Outside Excel it still renders and says so.
 */

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function renderFunctions(): void {
  const list = document.getElementById("function-list");
  if (!list) return;
  for (const entry of functionEntries()) {
    const item = element("div", undefined, "fn");
    item.append(
      element("code", entry.signature),
      element("span", entry.summary + " "),
      element("span", `Result: ${entry.unit}.`, "unit")
    );
    list.append(item);
  }
}

function renderDefaults(): void {
  const list = document.getElementById("defaults-list");
  if (!list) return;
  for (const entry of defaultEntries()) {
    const term = element("dt");
    term.append(element("code", entry.argument), element("span", ` = ${entry.value}`));
    list.append(term, element("dd", entry.source, "source"));
  }
}

function showHost(info: { host: Office.HostType | null } | null): void {
  const status = document.getElementById("host-status");
  if (!status) return;
  if (info && info.host === Office.HostType.Excel) {
    status.textContent = "Connected to Excel. The TOKENOMICS functions are ready.";
    if (Office.context?.officeTheme?.isDarkTheme) document.body.classList.add("office-dark");
  } else {
    status.textContent =
      "Not running inside Excel: open this add-in from Excel to use the TOKENOMICS functions.";
  }
}

renderFunctions();
renderDefaults();
if (typeof Office !== "undefined") {
  Office.onReady(showHost);
} else {
  showHost(null);
}
