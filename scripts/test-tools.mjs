// First step of `npm test`: the browser tests need Chromium and the shared-workbook test LibreOffice
// Calc. Finds them; on Debian or Ubuntu installs what is missing with apt-get when it can (as root, or
// with sudo that needs no password); otherwise stops in one line saying exactly what to run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const PACKAGES = {
  chromium: { found: () => fs.existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium") },
  "libreoffice-calc-nogui": { found: () => fs.existsSync("/usr/bin/soffice") },
};
const EXTRAS = ["fonts-dejavu-core", "ca-certificates"]; // text in screenshots; HTTPS for apt

export function missing() {
  return Object.entries(PACKAGES)
    .filter(([, p]) => !p.found())
    .map(([name]) => name);
}

function can(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** How this process may run apt-get: directly as root, through sudo without a password, or not. */
export function aptRunner() {
  if (!can("sh", ["-c", "command -v apt-get"])) return undefined;
  if (process.getuid?.() === 0) return [];
  if (can("sudo", ["-n", "true"])) return ["sudo", "-n"];
  return undefined;
}

function apt(runner, args) {
  const [command, ...prefix] = runner.length ? runner : ["apt-get"];
  const full = runner.length ? [...prefix, "apt-get", ...args] : args;
  const run = spawnSync(command, full, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return run.status === 0;
}

export function main() {
  const needed = missing();
  if (needed.length === 0) return 0;
  const chromiumPath = process.env.CHROMIUM_PATH;
  if (chromiumPath && needed.includes("chromium")) {
    console.error(
      `npm test: CHROMIUM_PATH is ${chromiumPath}, where there is no file: point it at a Chromium binary, or unset it to use /usr/bin/chromium.`
    );
    return 1;
  }
  const command = `sudo apt-get install -y --no-install-recommends ${[...needed, ...EXTRAS].join(" ")}`;
  const runner = aptRunner();
  if (runner) {
    console.log(
      `npm test: installing ${needed.join(" and ")} with apt-get (the browser and LibreOffice tests need them)…`
    );
    const ok =
      apt(runner, ["update", "-qq"]) &&
      apt(runner, ["install", "-y", "-qq", "--no-install-recommends", ...needed, ...EXTRAS]);
    if (ok && missing().length === 0) return 0;
  }
  console.error(
    `npm test: ${needed.join(" and ")} ${needed.length > 1 ? "are" : "is"} missing${runner ? " and apt-get could not install " + (needed.length > 1 ? "them" : "it") : ""}: run \`${command}\` (or set CHROMIUM_PATH to a Chromium binary), then npm test again.`
  );
  return 1;
}

if (process.argv[1] && new URL(import.meta.url).pathname === fs.realpathSync(process.argv[1])) {
  process.exit(main());
}
