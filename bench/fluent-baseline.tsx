// What the task pane's framework alone weighs: React and the Fluent UI components the pane uses,
// bundled with nothing else. The bench compares it with taskpane.js.
import * as Fluent from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const used = [
  Fluent.FluentProvider,
  Fluent.webLightTheme,
  Fluent.webDarkTheme,
  Fluent.Accordion,
  Fluent.AccordionHeader,
  Fluent.AccordionItem,
  Fluent.AccordionPanel,
  Fluent.Button,
  Fluent.Combobox,
  Fluent.Dropdown,
  Fluent.Field,
  Fluent.Input,
  Fluent.makeStyles,
  Fluent.MessageBar,
  Fluent.MessageBarBody,
  Fluent.Option,
  Fluent.OptionGroup,
  Fluent.Text,
  createRoot,
];
(globalThis as Record<string, unknown>).fluentBaseline = used;
