import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start` / `npm stop` on a machine without desktop Excel: the HTTPS development server, on a port
 * of its own (and a HOME of its own for the certificate) so that it never meets a developer's server.
 */
const port = 3917;
const env = {
  ...process.env,
  npm_package_config_dev_server_port: String(port),
  HOME: fs.mkdtempSync(path.join(os.tmpdir(), "tokenomics-home-")),
};
const pidFile = path.resolve(`.dev-server-${port}.pid`);
let first: ChildProcess | undefined;

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

afterAll(() => {
  if (first && first.exitCode === null) first.kill("SIGTERM");
  fs.rmSync(pidFile, { force: true });
});

describe("the development server", () => {
  it("serves a front page, forgives a second start, and stops with npm stop", async () => {
    first = spawn(process.execPath, ["scripts/start.mjs", "web"], { env });
    let output = "";
    first.stdout!.on("data", (chunk) => (output += chunk));
    first.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => first!.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes(`The add-in is served at https://localhost:${port}/`)) {
          clearInterval(timer);
          resolve();
        } else if (first!.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start ended: ${output}`));
        }
      }, 250);
    });
    expect(output).toContain("the browser and Excel must run on this machine");

    const home = await get(`https://localhost:${port}/`);
    expect(home.status).toBe(200);
    expect(home.body).toContain("Add it to Excel");
    expect(home.body).toContain('href="manifest.xml"');
    expect((await get(`https://localhost:${port}/manifest.xml`)).status).toBe(200);

    // A second start: says where the add-in is served, exits 0, and leaves the first one's record.
    const second = spawnSync(process.execPath, ["scripts/start.mjs", "web"], {
      env,
      encoding: "utf8",
    });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`The add-in is already served at https://localhost:${port}/`);
    expect(second.stderr).not.toMatch(/EADDRINUSE/);
    expect(fs.existsSync(pidFile)).toBe(true);

    const stop = spawnSync(process.execPath, ["scripts/stop.mjs"], { env, encoding: "utf8" });
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(
      new RegExp(`Stopped the development server at https://localhost:${port}/ \\(pid \\d+\\)`)
    );
    expect(await exited).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);

    const again = spawnSync(process.execPath, ["scripts/stop.mjs"], { env, encoding: "utf8" });
    expect(again.stdout.trim()).toBe("No development server is running.");
  }, 240_000);
});
