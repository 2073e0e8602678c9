// `npm run docs`: rewrite the README's function reference from src/core/catalog.ts.
import { spawnSync } from "node:child_process";
import path from "node:path";

// vitest's package exports do not expose its bin; take it from node_modules directly.
const vitest = path.resolve("node_modules", "vitest", "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "test/docs/readme.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, UPDATE_README: "1" },
});
process.exit(run.status ?? 1);
