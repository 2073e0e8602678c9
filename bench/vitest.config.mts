import { defineConfig } from "vitest/config";

/** `npm run bench`: measurements, not tests. One file, run alone, never part of `npm test`. */
export default defineConfig({
  test: {
    include: ["bench/**/*.run.ts"],
    setupFiles: ["test/support/custom-functions-shim.ts"],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
