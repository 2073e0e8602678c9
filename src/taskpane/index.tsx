/* global Office */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { officePaneSettings } from "./settings-writer";
import { officeSettings } from "./share-writer";
import { officeWritten } from "./update-writer";

/**
 * Starts the pane once Office.js is ready: Fluent's light or dark theme after Office's theme (outside
 * Office, after the browser's colour scheme), the page behind it in the same colour, and writing
 * enabled where Excel.run exists. Outside Office, Office.onReady resolves with no host.
 */
function start(info: { host: Office.HostType | null } | null): void {
  const inExcel = info?.host === Office.HostType.Excel;
  const canWrite = typeof Excel !== "undefined" && typeof Excel.run === "function";
  const dark = inExcel
    ? Boolean(Office.context?.officeTheme?.isDarkTheme)
    : Boolean(window.matchMedia?.("(prefers-color-scheme: dark)").matches);
  const theme = dark ? webDarkTheme : webLightTheme;
  // No white band below or beside the pane: the page takes the theme's background too.
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
  const root = document.getElementById("root");
  if (!root) return;
  const documentSettings = inExcel && Office.context.document?.settings;
  createRoot(root).render(
    <FluentProvider theme={theme}>
      <App
        canWrite={canWrite}
        hostName={inExcel ? "Connected to Excel" : "Ready"}
        store={documentSettings ? officeSettings : undefined}
        written={documentSettings ? officeWritten : undefined}
        settings={documentSettings ? officePaneSettings : undefined}
      />
    </FluentProvider>
  );
}

if (typeof Office !== "undefined") {
  Office.onReady(start);
} else {
  start(null);
}
