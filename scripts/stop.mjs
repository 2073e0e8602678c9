// `npm stop`: stop what `npm start` started — desktop debugging on Windows/macOS, the HTTPS dev server elsewhere.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const pidFile = path.join(root, ".dev-server.pid");

if (process.platform === "win32" || process.platform === "darwin") {
  spawnSync("npx", ["office-addin-debugging", "stop", path.join(root, "manifest.xml")], {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
}
if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the development server (pid ${pid}).`);
  } catch {
    console.log("The development server was not running.");
  }
  fs.rmSync(pidFile, { force: true });
} else if (process.platform !== "win32" && process.platform !== "darwin") {
  console.log("No development server is running.");
}
