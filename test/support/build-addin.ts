import path from "node:path";
import { createRequire } from "node:module";

/**
 * Builds the add-in once, in production mode, into `.test-build/` (so a developer's `dist/` is left
 * alone). The hosting URL is under `.invalid`, a name reserved never to resolve (RFC 2606).
 */
export const TEST_BUILD_DIR = path.resolve(".test-build");
export const TEST_ADDIN_URL = "https://tokenomics.invalid/addin/";

export default async function setup(): Promise<void> {
  const require = createRequire(import.meta.url);
  const webpack = require("webpack");
  const configure = require(path.resolve("webpack.config.js"));
  const previous = process.env.ADDIN_URL;
  process.env.ADDIN_URL = TEST_ADDIN_URL;
  try {
    const config = configure({}, { mode: "production" });
    config.mode = "production";
    config.output = { ...config.output, path: TEST_BUILD_DIR };
    await new Promise<void>((resolve, reject) =>
      webpack(
        config,
        (error: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string }) => {
          if (error) return reject(error);
          if (stats.hasErrors())
            return reject(new Error(stats.toString({ all: false, errors: true })));
          resolve();
        }
      )
    );
  } finally {
    if (previous === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = previous;
  }
}
