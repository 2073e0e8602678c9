/* global Office */
import { SETTINGS_KEY, type PaneState } from "./pane-state";

/**
 * The pane's choices, saved with the workbook (Office's document settings) so they come back when
 * the pane opens again — on this machine or a colleague's. Outside Excel there is nowhere to save.
 */
export interface PaneSettings {
  /** What was saved, unchecked (restoreState checks it). */
  load(): unknown;
  save(state: PaneState): Promise<void>;
}

export const officePaneSettings: PaneSettings = {
  load: () => Office.context.document.settings.get(SETTINGS_KEY) ?? undefined,
  save: (state) =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.set(SETTINGS_KEY, state);
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message))
      );
    }),
};
