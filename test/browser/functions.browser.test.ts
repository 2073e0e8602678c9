import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser.mjs";
import { FUNCTIONS } from "../../src/core";
import { TEST_BUILD_DIR } from "../support/build-addin";
import { routeOfficeCdn } from "../support/office-cdn";
import { serveFolder } from "../support/static-server";

/**
 * The built add-in in a real browser (Debian Chromium, headless): the production functions bundle
 * runs on Microsoft's custom-functions runtime, registers every id of functions.json and returns the
 * article's numbers; the task pane renders outside Excel. Nothing may leave this machine.
 */
/** Where the custom-functions runtime keeps associated functions (seen in @microsoft/office-js 1.1.110). */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace CustomFunctions {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const _association: { mappings: Record<string, (...args: any[]) => any> };
  }
}

const HARNESS = `<!doctype html><html><head>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js"></script>
<script src="/functions.js"></script></head><body>functions harness</body></html>`;

let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof serveFolder>>;
let network: Awaited<ReturnType<typeof routeOfficeCdn>>;
const pageErrors: string[] = [];

async function open(pathname: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${pathname}: ${error.message}`));
  await page.goto(server.origin + pathname, { waitUntil: "load" });
  return page;
}

beforeAll(async () => {
  server = await serveFolder(TEST_BUILD_DIR, { "/harness.html": HARNESS });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 900 } });
  network = await routeOfficeCdn(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the functions bundle on Microsoft's custom-functions runtime", () => {
  let page: Page;
  beforeAll(async () => {
    page = await open("/harness.html");
    await page.waitForFunction(
      () => Object.keys(CustomFunctions._association?.mappings ?? {}).length > 0
    );
  });

  it("registers every id in functions.json", async () => {
    const metadata = JSON.parse(
      fs.readFileSync(path.join(TEST_BUILD_DIR, "functions.json"), "utf8")
    );
    const ids: string[] = metadata.functions.map((f: { id: string }) => f.id);
    const registered = await page.evaluate(() =>
      Object.keys(CustomFunctions._association.mappings)
    );
    expect(ids).toEqual(FUNCTIONS.map((fn) => fn.id));
    for (const id of ids) expect(registered).toContain(id);
  });

  it("returns the article's numbers", async () => {
    const results = await page.evaluate(() => {
      const f = CustomFunctions._association.mappings;
      return {
        weights: f.WEIGHTS([[70]], [["FP16"]], null),
        kv: f.KVCACHE([[8]], [[80]], [[8192]], [[64]], [["FP16"]], [[10000]], [[16]]),
        chips: f.CHIPS([[179]], [[144]]),
        racks: f.RACKS([[179]], [[0.25]], [[128]]),
        tco: f.TCO([[1]], [[3000000]], [[120]], null, [[0]], null, null, null),
        byName: f.MODELKV([["meta-llama/Llama-3.1-70B-Instruct"]], [[10000]], [[16]], null),
        onGh200: f.CHIPS([[179]], [["GH200"]]),
      };
    });
    expect(results.weights[0][0]).toBeCloseTo(130.39, 2);
    expect(results.kv).toEqual([[48.828125]]);
    expect(results.chips[0][0]).toBeCloseTo(1.24, 2);
    expect(results.racks[0][0]).toBeCloseTo(5.6, 1);
    expect(results.tco[1]).toEqual(["Capital", 600000, expect.any(Number)]);
    expect(results.byName).toEqual([[48.828125]]);
    expect(results.onGh200[0][0]).toBeCloseTo(1.24, 2);
  });

  it("spills a grid from a column and a row", async () => {
    const grid = await page.evaluate(() =>
      CustomFunctions._association.mappings.KVCACHE(
        [[8]],
        [[80]],
        [[8192]],
        [[64]],
        [["FP16"]],
        [[10000], [20000]],
        [[16, 32]]
      )
    );
    expect(grid).toEqual([
      [48.828125, 97.65625],
      [97.65625, 195.3125],
    ]);
  });

  it("throws the runtime's own CustomFunctions.Error with #VALUE! and a message", async () => {
    const error = await page.evaluate(() => {
      try {
        CustomFunctions._association.mappings.KVCACHE(
          [[8]],
          [[80]],
          [[8192]],
          [[64]],
          [["FP12"]],
          [[10000]],
          [[16]]
        );
        return null;
      } catch (e) {
        return {
          isRuntimeError: e instanceof CustomFunctions.Error,
          code: (e as CustomFunctions.Error).code,
          message: (e as Error).message,
        };
      }
    });
    expect(error).toMatchObject({ isRuntimeError: true, code: "#VALUE!" });
    expect(error?.message).toMatch(/precision "FP12" is not a known format/);
  });
});

describe("privacy", () => {
  it("makes no request beyond this machine and the routed Office.js scripts, and raises no page error", () => {
    expect(network.blocked).toEqual([]);
    for (const url of network.served)
      expect(url).toMatch(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\//);
    expect(pageErrors).toEqual([]);
  });
});
