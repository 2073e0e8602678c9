import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser.mjs";
import { TEST_BUILD_DIR } from "../support/build-addin";
import { routeOfficeCdn } from "../support/office-cdn";
import { serveFolder } from "../support/static-server";
import { installFakeExcel } from "./fake-excel";
import AxeBuilder from "@axe-core/playwright";
import { DEFAULT_STATE, readState, SETTINGS_KEY } from "../../src/taskpane/pane-state";
import { summarize } from "../../src/taskpane/summary";

/**
 * The built task pane in a real browser (headless Debian Chromium) at Excel's narrowest pane width,
 * with Office.js routed to the local copy and a recording Excel.run: pick a model with the mouse and
 * a system with the keyboard, Insert, Compare, and check what reached "Excel".
 */
interface Recorded {
  syncs: number;
  shownAt: Record<string, Record<string, string | number>>;
  failSave: string;
  cells: Record<string, Record<string, string | number>>;
  settings: Record<string, unknown>;
  added: string[];
  ranges: Record<string, Record<string, { formulas?: (string | number)[][] }>>;
  names: [string, string, string][];
  charts: Record<string, string>[];
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
const errors: string[] = [];

async function openPane(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // Office.js outside Office tries to frame Microsoft's telemetry proxy a few seconds after it
    // loads; the pane's policy blocks it by design (the add-in sends nothing anywhere).
    const officeTelemetry = /Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;
    if (/Content Security Policy|Refused to/i.test(m.text()) && !officeTelemetry.test(m.text()))
      errors.push(`CSP: ${m.text()}`);
  });
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("button", { name: "Insert model" }).waitFor();
  return page;
}

/** The pane on the recording Office host at 320 px, after inserting a model sheet named `sheet`. */
async function paneWithInsertedSheet(sheet: string) {
  const context = await browser.newContext({ viewport: { width: 320, height: 1500 } });
  const network = await routeOfficeCdn(context, ["office.js"]);
  await context.addInitScript(installFakeExcel, { taken: ["Tokenomics"], host: true });
  const page = await openPane(context);
  await page.getByText("Connected to Excel").waitFor();
  await page.getByRole("button", { name: "Insert model" }).click();
  await page.getByText(`Wrote the new sheet "${sheet}"`).waitFor();
  return { context, page, network };
}

const recorded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __excel: Recorded }).__excel);

beforeAll(async () => {
  server = await serveFolder(TEST_BUILD_DIR);
  browser = await launchChromium();
  fs.mkdirSync("test-results", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations on the page as it is now, as "rule: target" lines (empty when clean). */
async function axeViolations(page: Page): Promise<string[]> {
  // Tabster's focus sentinels (Fluent's focus management: aria-hidden, they pass focus straight on)
  // are not content; everything else is checked.
  const result = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary}`)
  );
}

/** The summary's numbers for the pane's defaults, as the core computes them in this process. */
function defaultSummary() {
  const inputs = readState(DEFAULT_STATE).inputs!;
  const r = summarize({
    model: DEFAULT_STATE.model,
    system: DEFAULT_STATE.system,
    inputTokens: inputs.workload.inputTokens,
    outputTokens: inputs.workload.outputTokens,
    users: null,
    targetPerUser: null,
    kvPrecision: DEFAULT_STATE.kvPrecision,
    finance: inputs.financeValues,
    unit: {},
  });
  if ("error" in r) throw new Error(r.error);
  return r.summary;
}

const money = (v: number) => `$${v.toLocaleString("en-US", { maximumSignificantDigits: 3 })}`;

describe("outside Excel", () => {
  it("answers first at 320 px: the cost per million tokens the core computes, marked as an estimate", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 1100 } });
    const network = await routeOfficeCdn(context);
    const page = await openPane(context);
    await expect.poll(() => page.getByText("Not running inside Excel").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Insert model" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Make shareable" }).isDisabled()).toBe(true);
    const s = defaultSummary();
    const card = page.getByRole("group", { name: `${s.modelName} on ${s.systemName}` });
    const text = (await card.textContent())!;
    expect(text).toContain(money(s.cost!.perMillionBlended));
    expect(text).toContain(`${money(s.cost!.perMillionInput)} per million input`);
    expect(text).toContain(`${money(s.cost!.perMillionOutput)} per million output`);
    expect(text).toContain(`median error ${s.errorMedian}%`);
    expect(text).toMatch(
      /Memory-bound: the KV cache fills the chips\. Add chips or shorten the context/
    );
    expect(await page.getByText("estimate", { exact: true }).first().isVisible()).toBe(true);
    // The memory bar says its numbers to a screen reader.
    expect(
      await page.getByRole("img", { name: /^Memory per chip: weights 65\.2 GB/ }).count()
    ).toBe(1);
    // Compare in the pane: systems by name, a table and the charts, before anything is inserted.
    expect(await page.getByRole("button", { name: "Remove NVIDIA B200" }).count()).toBe(1);
    const rows = page.getByRole("table", { name: /Systems compared/ }).getByRole("row");
    expect(await rows.count()).toBe(4);
    expect(await page.getByText("USD per million tokens (estimate)").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("combobox", { name: "Model", exact: true }).click();
    expect(await page.getByRole("option").count()).toBeGreaterThanOrEqual(30);
    expect(await page.getByRole("group", { name: "Llama 3.1", exact: true }).count()).toBe(1); // grouped by family
    expect(await axeViolations(page)).toEqual([]); // the open listbox too
    await page.keyboard.press("Escape");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320); // nothing overflows the narrowest pane
    await page.screenshot({ path: "test-results/taskpane-outside-excel.png", fullPage: true });
    expect(network.blocked).toEqual([]);
    await context.close();
  });

  it.each([
    [320, "light"],
    [320, "dark"],
    [450, "light"],
    [450, "dark"],
  ] as const)(
    "at %i px, %s: follows the colour scheme to the page's edges, and axe finds nothing, finance open",
    async (width, scheme) => {
      const context = await browser.newContext({
        viewport: { width, height: 1000 },
        colorScheme: scheme,
      });
      await routeOfficeCdn(context);
      const page = await openPane(context);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // Fluent's neutral background: white in light, #292929 in dark — never a white band in dark.
      expect(background).toBe(scheme === "dark" ? "rgb(41, 41, 41)" : "rgb(255, 255, 255)");
      await page.getByRole("button", { name: "Costs and finance" }).click();
      await page.getByText("Cost of capital (WACC)").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width
      );
      await page.screenshot({
        path: `test-results/taskpane-${width}-${scheme}.png`,
        fullPage: true,
      });
      await context.close();
    }
  );

  it("reflows at 200 % zoom in a 320 px pane (160 CSS px): no sideways scrolling", async () => {
    const context = await browser.newContext({
      viewport: { width: 160, height: 800 },
      deviceScaleFactor: 2,
    });
    await routeOfficeCdn(context);
    const page = await openPane(context);
    await page.getByRole("button", { name: "Costs and finance" }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      160
    );
    await page.screenshot({ path: "test-results/taskpane-zoom-200.png", fullPage: true });
    await context.close();
  });

  it("reads finance as people type it, and says what is wrong next to the field", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 1000 } });
    await routeOfficeCdn(context);
    const page = await openPane(context);
    await page.getByRole("button", { name: "Costs and finance" }).click();
    const wacc = page.getByRole("textbox", { name: "Cost of capital (WACC)" });
    await wacc.fill("10");
    await page
      .getByText("Must be a number ≥ 0 and < 1; got 10. wacc is a fraction: 10% is 0.1.")
      .waitFor();
    expect(await page.getByText("Fix the fields marked below to see the cost.").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]); // the error state too
    await wacc.fill("8%");
    await page.getByRole("textbox", { name: /Hosting, USD per kW per month/ }).fill("1,200");
    const inputs = readState({
      ...DEFAULT_STATE,
      finance: { ...DEFAULT_STATE.finance, wacc: "8%", hosting_per_kw_month: "1,200" },
    }).inputs!;
    const r = summarize({
      model: DEFAULT_STATE.model,
      system: DEFAULT_STATE.system,
      inputTokens: 1000,
      outputTokens: 1000,
      users: null,
      targetPerUser: null,
      kvPrecision: "FP16",
      finance: inputs.financeValues,
      unit: {},
    });
    if ("error" in r) throw new Error(r.error);
    await page
      .getByRole("group", { name: /^Llama 3\.1 70B on / })
      .getByText(money(r.summary.cost!.perMillionBlended), { exact: true })
      .waitFor();
    await context.close();
  });
});

describe("inside Excel (a recording Excel.run)", () => {
  let context: BrowserContext;
  let page: Page;
  let network: Awaited<ReturnType<typeof routeOfficeCdn>>;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 1300 } });
    network = await routeOfficeCdn(context);
    await context.addInitScript(installFakeExcel, { taken: ["Tokenomics"] });
    page = await openPane(context);
  });

  afterAll(async () => context?.close());

  it("inserts a live model sheet beside an existing one, in two round trips", async () => {
    const model = page.getByRole("combobox", { name: "Model", exact: true });
    await model.click();
    await model.fill("llama 2");
    await page.getByRole("option", { name: "Llama 2 70B" }).click();
    // The system by keyboard alone: focus selects the text, typing filters and highlights the first match, Enter takes it.
    const system = page.getByRole("combobox", { name: "System", exact: true });
    await system.focus();
    await page.keyboard.type("H200");
    await page.keyboard.press("Enter");
    expect(await system.inputValue()).toBe("NVIDIA H200 SXM 141GB");
    await page.getByRole("textbox", { name: "Users", exact: true }).fill("64");

    const before = (await recorded(page)).syncs; // the pane read the active sheet when it opened
    await page.getByRole("button", { name: "Insert model" }).click();
    await page.getByText(/Wrote the new sheet "Tokenomics \(2\)"/).waitFor();
    const rec = await recorded(page);
    expect(rec.syncs - before).toBe(2);
    expect(rec.added).toEqual(["Tokenomics (2)"]);
    const block = Object.entries(rec.ranges["Tokenomics (2)"]).find(([address]) =>
      /^A1:D\d+$/.test(address)
    )![1];
    const formulas = block.formulas!.flat();
    expect(formulas[0]).toBe("Tokenomics: Llama 2 70B on NVIDIA H200 SXM 141GB");
    expect(formulas).toContain(
      "=TOKENOMICS.MODELKV(Tok_Model, Tok_Context, Tok_Users, Tok_KV_Precision)"
    );
    expect(formulas).toContain(64);
    expect(formulas).toContain(31302.7); // MLPerf tokens/s for this pair
    expect(rec.names.map(([, name]) => name)).toEqual(
      expect.arrayContaining(["Tok_Context", "Tok_Users", "Tok_Model"])
    );
    expect(rec.names.every(([sheet]) => sheet === "Tokenomics (2)")).toBe(true);
    await page.screenshot({ path: "test-results/taskpane-inserted.png", fullPage: true });
  });

  it("compares systems on a new sheet with three charts (cost, units, the curves), in two more round trips", async () => {
    const before = (await recorded(page)).syncs;
    await page.getByRole("button", { name: "Insert comparison of 3 systems" }).click();
    await page.getByText(/Wrote the new sheet "Tokenomics compare" .*3 charts/).waitFor();
    const rec = await recorded(page);
    expect(rec.syncs - before).toBe(2);
    expect(rec.added).toEqual(["Tokenomics (2)", "Tokenomics compare"]);
    expect(rec.charts.map((c) => c.sheet)).toEqual(Array(3).fill("Tokenomics compare"));
    expect(rec.charts[0]).toMatchObject({ type: "ColumnClustered", by: "Rows" });
    // The curves: one XY scatter, a line per system (the first from the chart's own range).
    expect(rec.charts[2]).toMatchObject({ type: "XYScatterLines", by: "Columns" });
    expect([rec.charts[2].series1, rec.charts[2].series2]).toHaveLength(2);
    expect(rec.charts[0].source).toMatch(/^B\d+:D\d+$/); // three systems, one column each
  });

  it("sends nothing beyond this machine and raises no page error", () => {
    expect(network.blocked).toEqual([]);
    if (errors.length) console.log("PAGE ERRORS", errors);
    expect(errors).toEqual([]);
  });
});

/** Presses Tab until the focused element is the one named, as a keyboard user would (at most 120). */
async function tabTo(page: Page, role: "button" | "combobox" | "textbox", name: string) {
  const target = page.getByRole(role, { name, exact: true });
  for (let k = 0; k < 120; k++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached the ${role} "${name}"`);
}

describe("inside Excel, by keyboard: messages where the eye is, choices remembered", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A short pane, so the result of an action would be out of sight without scrolling; dark Office.
    context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    await routeOfficeCdn(context, ["office.js"]);
    await context.addInitScript(installFakeExcel, {
      taken: ["Tokenomics"],
      host: true,
      dark: true,
    });
    page = await openPane(context);
    await page.getByText("Connected to Excel").waitFor();
  });

  afterAll(async () => context?.close());

  /** The element's top and bottom lie within the 700 px viewport (as [true, true]). */
  const inView = async (locator: ReturnType<Page["locator"]>) => {
    const box = (await locator.boundingBox())!;
    return [box.y >= 0 || box.y, box.y + box.height <= 700 || box.y + box.height];
  };

  it("Insert by keyboard alone: the result appears beside the button, in view, announced; an input change clears it", async () => {
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(41, 41, 41)"
    );
    await tabTo(page, "button", "Insert model");
    const before = (await recorded(page)).syncs;
    await page.keyboard.press("Enter");
    const status = page.getByRole("region", { name: "Insert the model" }).getByRole("status");
    await status.getByText(/Wrote the new sheet "Tokenomics \(2\)" \([\d,]+ cells\)/).waitFor();
    await expect.poll(() => inView(status)).toEqual([true, true]);
    expect((await recorded(page)).syncs - before).toBeLessThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/taskpane-insert-message.png" });
    await page.getByRole("textbox", { name: "Users", exact: true }).fill("64");
    await expect.poll(() => status.textContent()).toBe("");
  });

  it("Update this sheet by keyboard: says what it would rewrite and keep, then rewrites only the add-in's cells", async () => {
    const region = page.getByRole("region", { name: "Insert the model" });
    const status = region.getByRole("status");
    // Someone edits the inserted sheet: their own price for the server.
    const edited = await page.evaluate(() => {
      const cells = (window as unknown as { __excel: Recorded }).__excel.cells["Tokenomics (2)"];
      const at = Object.keys(cells).find((k) => cells[k] === "price_per_rack")!;
      const row = Number(at.split(",")[0]);
      cells[`${row},1`] = 123456;
      return `${row},1`;
    });
    await page.getByRole("textbox", { name: "Input tokens", exact: true }).fill("2000");
    await tabTo(page, "button", "Update this sheet");
    let before = (await recorded(page)).syncs;
    await page.keyboard.press("Enter");
    await status
      .getByText(
        /^Update "Tokenomics \(2\)": rewrite \d+ cells the add-in wrote, and keep 1 cell changed since \(B\d+\)\. Nothing has changed yet\.$/
      )
      .waitFor();
    expect((await recorded(page)).syncs - before).toBe(1); // read only
    await expect.poll(() => inView(status)).toEqual([true, true]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/taskpane-update-preview.png" });

    const rewrite = region.getByRole("button", { name: /^Rewrite \d+ cells$/ });
    await tabTo(page, "button", (await rewrite.textContent())!);
    before = (await recorded(page)).syncs;
    await page.keyboard.press("Enter");
    await status
      .getByText(
        /^Updated "Tokenomics \(2\)": rewrote \d+ cells; kept 1 cell changed since \(B\d+\)\.$/
      )
      .waitFor();
    expect((await recorded(page)).syncs - before).toBeLessThanOrEqual(2);
    const cells = (await recorded(page)).cells["Tokenomics (2)"];
    expect(cells[edited]).toBe(123456); // theirs, kept
    const inputRow = Object.keys(cells)
      .find((k) => cells[k] === "input_tokens")!
      .split(",")[0];
    expect(cells[`${inputRow},1`]).toBe(2000); // the add-in's, rewritten
    // Its names replaced, not added twice.
    const names = (await recorded(page)).names.filter(([s]) => s === "Tokenomics (2)");
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names.map(([, n]) => n)).size).toBe(names.length);
    expect(await axeViolations(page)).toEqual([]);
    // Insert (a new sheet) stays the default; Update stays on offer for this sheet.
    await region.getByRole("button", { name: "Update this sheet" }).waitFor();
    await page.getByRole("textbox", { name: "Input tokens", exact: true }).fill("1000");
  });

  it("Compare by keyboard: add a system by name, insert the comparison, read the result beside it", async () => {
    await tabTo(page, "combobox", "Systems to compare (2 to 20)");
    await page.keyboard.type("MI300X");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Remove AMD Instinct MI300X" }).waitFor();
    // The table says in the row why MI300X has no cost.
    await page.getByRole("row", { name: /AMD Instinct MI300X.*no power/ }).waitFor();
    const before = (await recorded(page)).syncs;
    await tabTo(page, "button", "Insert comparison of 4 systems");
    await page.keyboard.press("Enter");
    const status = page.getByRole("region", { name: "Compare systems" }).getByRole("status");
    await status.getByText(/Wrote the new sheet "Tokenomics compare" .*3 charts/).waitFor();
    await expect.poll(() => inView(status)).toEqual([true, true]);
    expect((await recorded(page)).syncs - before).toBeLessThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("Share by keyboard: Make shareable reports beside its buttons", async () => {
    await tabTo(page, "button", "Make shareable");
    await page.keyboard.press("Enter");
    const status = page.getByRole("region", { name: "Share" }).getByRole("status");
    await status
      .getByText(/Changed [\d,]+ cells of "Tokenomics compare" to native formulas/)
      .waitFor();
    await expect.poll(() => inView(status)).toEqual([true, true]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("remembers the choices in the workbook, and brings them back when the pane opens again", async () => {
    await expect
      .poll(
        async () => ((await recorded(page)).settings[SETTINGS_KEY] as { users?: string })?.users
      )
      .toBe("64");
    const saved = (await recorded(page)).settings;
    const again = await browser.newContext({ viewport: { width: 320, height: 700 } });
    await routeOfficeCdn(again, ["office.js"]);
    await again.addInitScript(installFakeExcel, {
      taken: ["Tokenomics"],
      host: true,
      settings: saved,
    });
    const reopened = await openPane(again);
    await reopened.getByText("Connected to Excel").waitFor();
    expect(await reopened.getByRole("textbox", { name: "Users", exact: true }).inputValue()).toBe(
      "64"
    );
    expect(await reopened.getByRole("button", { name: "Remove AMD Instinct MI300X" }).count()).toBe(
      1
    );
    await again.close();
  });
});

describe("sharing, inside Excel (a recording Office host)", () => {
  let context: BrowserContext;
  let page: Page;
  let network: Awaited<ReturnType<typeof routeOfficeCdn>>;
  const SHEET = "Tokenomics (2)";
  const cellsOf = async () => (await recorded(page)).cells[SHEET];
  const tokenomicsCells = (cells: Record<string, string | number>) =>
    Object.values(cells).filter((v) => typeof v === "string" && /^=.*TOKENOMICS\./i.test(v));

  beforeAll(async () => {
    ({ context, page, network } = await paneWithInsertedSheet(SHEET));
  });

  afterAll(async () => context?.close());

  it("makes the inserted sheet and a formula typed on it shareable: no TOKENOMICS call is left", async () => {
    const live = await cellsOf();
    await page.evaluate(() => {
      // Someone types their own formula next to the model: F2 (row 1, column 5).
      const excel = (window as unknown as { __excel: Recorded }).__excel;
      excel.cells["Tokenomics (2)"]["1,5"] = '=ROUNDUP(TOKENOMICS.WEIGHTS(70,"FP16"),0)';
    });
    const before = (await recorded(page)).syncs;
    await page.getByRole("button", { name: "Make shareable" }).click();
    await page.getByText(/^Changed \d+ cells of "Tokenomics \(2\)" to native formulas/).waitFor();
    const rec = await recorded(page);
    expect(rec.syncs - before).toBe(3); // read; the typed formula's spill and references; write
    const shared = rec.cells[SHEET];
    expect(tokenomicsCells(shared)).toEqual([]);
    expect(shared["1,5"]).toBe("=ROUNDUP((140000000000/2^30),0)");
    expect(Object.keys(rec.settings).filter((k) => k.startsWith("tokenomics.share."))).toEqual([
      "tokenomics.share.{Tokenomics (2)}",
    ]);
    expect(tokenomicsCells(live).length).toBeGreaterThan(5);
    await page.screenshot({ path: "test-results/taskpane-shared.png", fullPage: true });
  });

  it("makes it live again, leaving a cell someone edited as they left it", async () => {
    const shared = await cellsOf();
    const edited = Object.keys(shared).find(
      (k) => typeof shared[k] === "string" && String(shared[k]).startsWith("=IF(")
    )!;
    await page.evaluate((at) => {
      (window as unknown as { __excel: Recorded }).__excel.cells["Tokenomics (2)"][at] = 42;
    }, edited);
    await page.getByRole("button", { name: "Make live again" }).click();
    await page
      .getByText(/Left 1 cell as it is \([A-Z]+\d+\): changed since the add-in wrote it/)
      .waitFor();
    const back = await cellsOf();
    expect(back[edited]).toBe(42);
    expect(back["1,5"]).toBe('=ROUNDUP(TOKENOMICS.WEIGHTS(70,"FP16"),0)');
    expect(tokenomicsCells(back).length).toBeGreaterThan(5);
  });

  it("freezes only the selected cells to values when asked", async () => {
    const live = tokenomicsCells(await cellsOf()).length;
    await page.evaluate(() => {
      (window as unknown as { __excel: Recorded & { selection: string } }).__excel.selection = "F2";
    });
    await page.getByRole("radio", { name: "The selected cells" }).check();
    await page.getByRole("button", { name: "Values only" }).click();
    await page
      .getByText(/Changed 1 cell of the selection on "Tokenomics \(2\)" to plain values/)
      .waitFor();
    const cells = await cellsOf();
    expect(cells["1,5"]).toBe(1); // what the stand-in shows for any formula
    expect(tokenomicsCells(cells).length).toBe(live - 1); // the rest stays live
  });

  it("sends nothing beyond this machine and raises no page error", () => {
    expect(network.blocked).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("sharing what is not the add-in's, inside Excel (a recording Office host)", () => {
  let context: BrowserContext;
  let page: Page;
  const SHEET = "Tokenomics (2)";
  const KEY = "tokenomics.share.{Tokenomics (2)}";
  type Cell = { row: number; col: number; anchor?: [number, number]; live: string };
  const record = async () => (await recorded(page)).settings[KEY] as { cells: Cell[] };

  beforeAll(async () => {
    ({ context, page } = await paneWithInsertedSheet(SHEET));
  });

  afterAll(async () => context?.close());

  it("leaves what someone typed where a live table spills, and says where", async () => {
    const cells = (await record()).cells;
    const table = cells.find((c) => c.anchor)!;
    const [row, col] = table.anchor!;
    const other = cells.find(
      (c) => c.anchor && c.anchor[0] === row && c.anchor[1] === col && c !== table
    )!;
    await page.evaluate(
      ({ row, col, table, other }) => {
        const excel = (window as unknown as { __excel: Recorded }).__excel;
        excel.cells["Tokenomics (2)"][`${table.row},${table.col}`] = 999;
        excel.cells["Tokenomics (2)"][`${other.row},${other.col}`] = '=TOKENOMICS.WEIGHTS(8,"FP8")';
        excel.shownAt["Tokenomics (2)"] = { [`${row},${col}`]: "#SPILL!" }; // as Excel then shows
      },
      { row, col, table, other }
    );
    const before = JSON.stringify(await record());
    await page.getByRole("button", { name: "Make shareable" }).click();
    const status = page
      .getByRole("region", { name: "Share" })
      .getByRole("status")
      .filter({ hasText: /Changed \d+ cells/ });
    await status.waitFor();
    const text = (await status.textContent()) ?? "";
    expect(text).toMatch(/Left 2 cells as they are \([A-Z]+\d+, [A-Z]+\d+\)/);
    expect(text).toMatch(/1 cell left unchanged: [A-Z]+\d+: typed inside a table the add-in wrote/);
    const now = (await recorded(page)).cells[SHEET];
    expect(now[`${table.row},${table.col}`]).toBe(999);
    expect(now[`${other.row},${other.col}`]).toBe('=TOKENOMICS.WEIGHTS(8,"FP8")');
    expect(String(now[`${row},${col}`])).toMatch(/^=TOKENOMICS\.[A-Z]+\(/); // its table stays live
    expect(JSON.stringify(await record())).not.toBe(before); // the rest converted and recorded
    await page.screenshot({ path: "test-results/taskpane-share-kept.png", fullPage: true });
  });

  it.each([
    [
      "a row given as text",
      (r: { cells: Cell[] }) => ((r.cells[0] as unknown as { row: string }).row = "1"),
    ],
    ["a null entry", (r: { cells: unknown[] }) => (r.cells[0] = null)],
    ["a row past the sheet", (r: { cells: Cell[] }) => (r.cells[0].row = 2_000_000)],
    [
      "a planted formula",
      (r: { cells: Cell[] }) =>
        Object.assign(r.cells[0], { native: '=HYPERLINK("https://example.com","x")' }),
    ],
  ])("refuses a record with %s, and writes nothing", async (_what, tamper) => {
    const stored = await record();
    const tampered = JSON.parse(JSON.stringify(stored));
    tamper(tampered);
    const cells = JSON.stringify((await recorded(page)).cells[SHEET]);
    await page.evaluate(
      ({ key, value }) => {
        (window as unknown as { __excel: Recorded }).__excel.settings[key] = value;
      },
      { key: KEY, value: tampered }
    );
    await page.getByRole("button", { name: "Make live again" }).click();
    await page.getByText(/^Nothing was changed: the add-in's record of this sheet/).waitFor();
    expect(JSON.stringify((await recorded(page)).cells[SHEET])).toBe(cells);
    await page.evaluate(
      ({ key, value }) => {
        (window as unknown as { __excel: Recorded }).__excel.settings[key] = value;
      },
      { key: KEY, value: stored }
    );
  });

  it("changes nothing when the record cannot be saved first", async () => {
    const cells = JSON.stringify((await recorded(page)).cells[SHEET]);
    await page.evaluate(() => {
      (window as unknown as { __excel: Recorded }).__excel.failSave = "The file is read-only.";
    });
    await page.getByRole("button", { name: "Make live again" }).click();
    await page.getByText(/^Nothing was changed: the add-in could not save its record/).waitFor();
    expect(JSON.stringify((await recorded(page)).cells[SHEET])).toBe(cells);
    await page.screenshot({ path: "test-results/taskpane-share-refused.png", fullPage: true });
  });
});
