import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aptRunner, main, missing } from "../../scripts/test-tools.mjs";

/** `npm test`'s first step: the tools the browser and LibreOffice tests need, found or asked for. */
function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ["scripts/test-tools.mjs"], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("npm test's tool check", () => {
  it("passes silently where Chromium and LibreOffice are installed", () => {
    const found = run({});
    expect(found.status).toBe(0);
    expect(found.stdout + found.stderr).toBe("");
  });

  it("without apt-get, stops in one line saying exactly what to run", () => {
    // Neither tool at its path, and no PATH: apt-get and sudo cannot be found, as on a machine
    // where nobody may install.
    vi.spyOn(fs, "existsSync").mockReturnValue(false);
    vi.stubEnv("PATH", "/nonexistent");
    vi.stubEnv("CHROMIUM_PATH", "");
    const said = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(missing()).toEqual(["chromium", "libreoffice-calc-nogui"]);
    expect(aptRunner()).toBeUndefined();
    expect(main()).toBe(1);
    expect(said).toHaveBeenCalledTimes(1);
    expect(said.mock.calls[0][0]).toBe(
      "npm test: chromium and libreoffice-calc-nogui are missing: run `sudo apt-get install -y --no-install-recommends chromium libreoffice-calc-nogui fonts-dejavu-core ca-certificates` (or set CHROMIUM_PATH to a Chromium binary), then npm test again."
    );
  });

  it("a CHROMIUM_PATH with nothing there is named, not papered over", () => {
    const result = run({ CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "npm test: CHROMIUM_PATH is /nonexistent/chromium, where there is no file: point it at a Chromium binary, or unset it to use /usr/bin/chromium."
    );
  });
});
