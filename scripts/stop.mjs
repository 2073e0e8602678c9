// `npm stop`: stop what `npm start` started — desktop debugging on Windows/macOS, the HTTPS dev server elsewhere.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { devServer } from "./dev-server.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

if (process.platform === "win32" || process.platform === "darwin") {
  spawnSync("npx", ["office-addin-debugging", "stop", path.join(root, "manifest.xml")], {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
}
const server = devServer(root);
const stopped = await server.stop();
if (stopped) {
  console.log(`Stopped the development server at ${server.url} (pid ${stopped}).`);
} else {
  const { portInUse } = await server.running();
  console.log(
    portInUse
      ? `No development server started by npm start is running; another program answers on port ${server.port}.`
      : "No development server is running."
  );
}
