// `npm start [desktop|web]`: run the add-in for development.
// - Windows or macOS, desktop (the default there): office-addin-debugging sideloads into desktop Excel.
// - Anywhere else (Linux has no desktop Excel), or `web`: serve the add-in over HTTPS on
//   https://localhost:3000 with a development certificate, and print how to sideload it into Excel on the web.
// A second `npm start` while the server runs says where it is served and exits 0; `npm stop` stops it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { devServer } from "./dev-server.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const manifest = path.join(root, "manifest.xml");
const desktopPlatform = process.platform === "win32" || process.platform === "darwin";
const mode = process.argv[2] || (desktopPlatform ? "desktop" : "web");
const server = devServer(root);
const port = server.port;

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function run(command, args) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

if (!["desktop", "web"].includes(mode)) fail(`unknown target "${mode}": use desktop or web.`);

if (mode === "desktop" && desktopPlatform) {
  run("npx", ["office-addin-debugging", "start", manifest, "desktop"]);
} else {
  if (mode === "desktop") {
    console.log(
      `Desktop Excel does not run on ${process.platform}; serving the add-in for Excel on the web instead.\n`
    );
  }
  const running = await server.running();
  if (running.ours) {
    console.log(
      `The add-in is already served at ${server.url} (pid ${running.pid}); npm stop stops it.`
    );
    process.exit(0);
  }
  if (running.portInUse) {
    fail(
      `port ${port} is in use by another program, and the manifest points at ${server.url}: stop that program, then run npm start again.`
    );
  }
  await ensureCertificates();
  serveForWeb();
}

/** Creates the development certificate (valid 30 days) if it is missing or about to expire. */
async function ensureCertificates() {
  const defaults = require("office-addin-dev-certs/lib/defaults");
  const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
  if (fs.existsSync(defaults.localhostCertificatePath)) {
    const { X509Certificate } = await import("node:crypto");
    const cert = new X509Certificate(fs.readFileSync(defaults.localhostCertificatePath));
    if (new Date(cert.validTo).getTime() - Date.now() > 24 * 3600 * 1000) return;
  }
  fs.mkdirSync(defaults.certificateDirectory, { recursive: true });
  await generateCertificates(
    defaults.caCertificatePath,
    defaults.localhostCertificatePath,
    defaults.localhostKeyPath
  );
  console.log(`Created a development certificate in ${defaults.certificateDirectory}.\n`);
}

function serveForWeb() {
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
  });
  server.claim(child.pid);
  let announced = false;
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    if (!announced && /compiled successfully/.test(chunk.toString())) {
      announced = true;
      console.log(instructions());
    }
  });
  const cleanUp = () => server.release(child.pid); // only our own record: never another server's
  child.on("exit", (code) => {
    cleanUp();
    process.exit(code ?? 0);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => child.kill(signal));
  }
}

function instructions() {
  const ca = path.join(os.homedir(), ".office-addin-dev-certs", "ca.crt");
  return `
The add-in is served at ${server.url} (stop it with Ctrl+C or npm stop).
Its front page lists the sideload steps and links; the browser and Excel must run on this machine.

To use it in Excel on the web:
  1. Make your browser trust the development certificate authority:
       ${ca}
     Chrome/Edge: Settings > Privacy and security > Security > Manage certificates > Authorities > Import.
     Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import.
     Check: https://localhost:${port}/taskpane.html must open without a certificate warning.
  2. Open a workbook in Excel on the web (https://www.office.com, sign in, Excel).
  3. Home > Add-ins > More Add-ins (older layouts: Insert > Office Add-ins) > MY ADD-INS >
     Manage My Add-ins > Upload My Add-in > Browse, choose
       ${manifest}
     then Upload.
  4. Type in a cell:  =TOKENOMICS.WEIGHTS(70, "FP16")   → 130.39 (GB)
     The Tokenomics button on the Home tab opens the pane.
`;
}
