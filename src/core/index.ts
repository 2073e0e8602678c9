/** The calculation core: pure TypeScript, no Office and no DOM. Every face imports from here. */
export * from "./units";
export * from "./errors";
export * from "./precision";
export * from "./arguments";
export * from "./finance";
export * from "./names";
export * from "./model-spec";
export * from "./system-spec";
export * from "./presets";
export * from "./prices";
export * from "./field-table";
export * from "./broadcast";
export * from "./catalog";
export * from "./expr";
export * from "./serving";
export * from "./program";
export * from "./quantity";
