// The development server's record, shared by `npm start` and `npm stop`: which port it serves, and
// the pid of the webpack server `npm start` started, kept in .dev-server-<port>.pid in the project.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export function devServer(root) {
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  const pidFile = path.join(root, `.dev-server-${port}.pid`);
  const url = `https://localhost:${port}/`;

  /** The recorded pid, if that process still runs and (where /proc tells) is a webpack server. */
  function recordedPid() {
    let pid;
    try {
      pid = Number(fs.readFileSync(pidFile, "utf8").trim());
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
    const cmdline = `/proc/${pid}/cmdline`;
    if (fs.existsSync(cmdline) && !fs.readFileSync(cmdline, "utf8").includes("webpack"))
      return undefined; // the pid was reused by another program
    return pid;
  }

  return {
    port,
    url,
    pidFile,
    /** ours: npm start's server runs (compiling or serving); portInUse: something answers on the port. */
    async running() {
      const pid = recordedPid();
      if (pid === undefined) fs.rmSync(pidFile, { force: true }); // a stale record
      return { ours: pid !== undefined, pid, portInUse: await answers(port) };
    },
    claim(pid) {
      fs.writeFileSync(pidFile, String(pid));
    },
    /** Removes the record only if it is this server's (a second start must not erase the first's). */
    release(pid) {
      try {
        if (fs.readFileSync(pidFile, "utf8").trim() === String(pid)) fs.rmSync(pidFile);
      } catch {
        // no record: nothing to release
      }
    },
    /** Stops npm start's server and waits until it has gone; false when none was running. */
    async stop() {
      const pid = recordedPid();
      fs.rmSync(pidFile, { force: true });
      if (pid === undefined) return false;
      process.kill(pid, "SIGTERM");
      for (let waited = 0; waited < 10_000 && alive(pid); waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (alive(pid)) process.kill(pid, "SIGKILL");
      return pid;
    },
  };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // exists, but another user's
  }
}

/** Whether something accepts connections on localhost:port. */
function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "localhost", port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}
