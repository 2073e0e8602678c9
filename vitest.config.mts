import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/custom-functions-shim.ts"],
    // One production build of the add-in, shared by the manifest and browser tests.
    globalSetup: ["test/support/build-addin.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
