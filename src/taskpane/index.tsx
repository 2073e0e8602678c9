/* global Office */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { officeSettings } from "./share-writer";

/**
 * Starts the pane once Office.js is ready: Fluent's light or dark theme after the Office theme, and
 * writing enabled where Excel.run exists. Outside Office, Office.onReady resolves with no host.
 */
function start(info: { host: Office.HostType | null } | null): void {
  const inExcel = info?.host === Office.HostType.Excel;
  const canWrite = typeof Excel !== "undefined" && typeof Excel.run === "function";
  const dark = Boolean(inExcel && Office.context?.officeTheme?.isDarkTheme);
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <App
        canWrite={canWrite}
        hostName={inExcel ? "Connected to Excel" : "Ready"}
        store={inExcel && Office.context.document?.settings ? officeSettings : undefined}
      />
    </FluentProvider>
  );
}

if (typeof Office !== "undefined") {
  Office.onReady(start);
} else {
  start(null);
}
