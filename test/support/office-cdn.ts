import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";

/**
 * Routes Microsoft's Office.js CDN to the local @microsoft/office-js copy, so pages load the same
 * scripts offline, and records every request that would leave this machine (then aborts it). Files
 * listed in `standIns` are served empty: the test provides what they would (a fake Office host).
 */
const CDN_HOST = "appsforoffice.microsoft.com";
const CDN_PREFIX = "/lib/1/hosted/";
const DIST = path.resolve("node_modules/@microsoft/office-js/dist");

export async function routeOfficeCdn(context: BrowserContext, standIns: string[] = []) {
  const served: string[] = [];
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
    if (url.hostname === CDN_HOST && url.pathname.startsWith(CDN_PREFIX)) {
      if (standIns.includes(url.pathname.slice(CDN_PREFIX.length))) {
        served.push(url.href);
        return route.fulfill({ status: 200, contentType: "application/javascript", body: "" });
      }
      const file = path.join(DIST, url.pathname.slice(CDN_PREFIX.length));
      if (file.startsWith(DIST) && fs.existsSync(file)) {
        served.push(url.href);
        return route.fulfill({
          status: 200,
          contentType: "application/javascript",
          body: fs.readFileSync(file),
        });
      }
    }
    blocked.push(url.href);
    return route.abort();
  });
  return { served, blocked };
}
