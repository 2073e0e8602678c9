// `npm run docs`: rewrite the generated parts of docs/functions.md (the function reference, from
// src/core/catalog.ts and the presets; the estimate's errors, from the calibration).
import { spawnSync } from "node:child_process";
import path from "node:path";

// vitest's package exports do not expose its bin; take it from node_modules directly.
const vitest = path.resolve("node_modules", "vitest", "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "test/docs/readme.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, UPDATE_DOCS: "1" },
});
process.exit(run.status ?? 1);
