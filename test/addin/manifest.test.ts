import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { TEST_ADDIN_URL, TEST_BUILD_DIR } from "../support/build-addin";

/**
 * Manifest invariants, checked by parsing the XML (Microsoft's validator needs its online service).
 * The source manifest is the development one (localhost); the production build must point only at
 * the configured host.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
});
const read = (file: string) => fs.readFileSync(file, "utf8");
const source = read(path.resolve("manifest.xml"));
const production = read(path.join(TEST_BUILD_DIR, "manifest.xml"));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function walk(node: any, visit: (key: string, value: any) => void): void {
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    visit(key, value);
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else walk(value, visit);
  }
}

function urls(xml: string): string[] {
  const found: string[] = [];
  walk(parser.parse(xml), (key, value) => {
    if (key === "@DefaultValue" && typeof value === "string" && /^[a-z]+:\/\//i.test(value))
      found.push(value);
  });
  return found;
}

const manifest = parser.parse(source).OfficeApp;
const host = manifest.VersionOverrides.Hosts.Host;
const resources = manifest.VersionOverrides.Resources;
const resourceUrl = (id: string) =>
  [resources.Urls.Url].flat().find((u: { "@id": string }) => u["@id"] === id)?.["@DefaultValue"];
const shortString = (id: string) =>
  [resources.ShortStrings.String].flat().find((s: { "@id": string }) => s["@id"] === id)?.[
    "@DefaultValue"
  ];

describe("manifest.xml", () => {
  it("is a task-pane add-in for Excel workbooks with a GUID id", () => {
    expect(manifest["@type"]).toBe("TaskPaneApp");
    expect(manifest.Hosts.Host["@Name"]).toBe("Workbook");
    expect(manifest.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("declares custom functions in the TOKENOMICS namespace (at most 32 characters)", () => {
    const point = host.AllFormFactors.ExtensionPoint;
    expect(point["@type"]).toBe("CustomFunctions");
    const namespace = shortString(point.Namespace["@resid"]);
    expect(namespace).toBe("TOKENOMICS");
    expect(namespace.length).toBeLessThanOrEqual(32);
    expect(resourceUrl(point.Script.SourceLocation["@resid"])).toMatch(/\/functions\.js$/);
    expect(resourceUrl(point.Metadata.SourceLocation["@resid"])).toMatch(/\/functions\.json$/);
  });

  it("uses one shared runtime (lifetime long) for functions, task pane and commands", () => {
    const runtime = host.Runtimes.Runtime;
    expect(runtime["@lifetime"]).toBe("long");
    const resid = runtime["@resid"];
    expect(host.AllFormFactors.ExtensionPoint.Page.SourceLocation["@resid"]).toBe(resid);
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe(resid);
    const button = host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group.Control;
    expect(button.Action["@type"]).toBe("ShowTaskpane");
    expect(button.Action.SourceLocation["@resid"]).toBe(resid);
    expect(resourceUrl(resid)).toMatch(/\/taskpane\.html$/);
    expect(manifest.Requirements.Sets.Set).toMatchObject({
      "@Name": "SharedRuntime",
      "@MinVersion": "1.1",
    });
  });

  it("puts the task-pane button on the Home tab", () => {
    expect(host.DesktopFormFactor.ExtensionPoint["@type"]).toBe("PrimaryCommandSurface");
    expect(host.DesktopFormFactor.ExtensionPoint.OfficeTab["@id"]).toBe("TabHome");
  });

  it("uses https for every URL", () => {
    const all = urls(source);
    expect(all.length).toBeGreaterThan(8);
    for (const url of all) expect(url).toMatch(/^https:\/\//);
  });

  it("references icons that exist at the size they claim (16, 32, 64, 80 px)", () => {
    const iconUrls = new Set<string>([
      manifest.IconUrl["@DefaultValue"],
      manifest.HighResolutionIconUrl["@DefaultValue"],
    ]);
    for (const image of [resources.Images.Image].flat()) iconUrls.add(image["@DefaultValue"]);
    const sizes = new Set<number>();
    for (const url of iconUrls) {
      const file = path.resolve("assets", path.basename(new URL(url).pathname));
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width).toBe(height);
      expect(path.basename(file)).toBe(`icon-${width}.png`);
      sizes.add(width);
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
  });
});

describe("the production manifest (dist/manifest.xml of a production build)", () => {
  it("has no localhost anywhere", () => {
    expect(production).not.toMatch(/localhost/i);
  });

  it("points every URL at the configured host", () => {
    const all = urls(production);
    expect(all).toHaveLength(urls(source).length);
    for (const url of all) expect(url.startsWith(TEST_ADDIN_URL)).toBe(true);
  });

  it("is otherwise the source manifest", () => {
    expect(production).toBe(source.split("https://localhost:3000/").join(TEST_ADDIN_URL));
  });

  it("cannot be built without a hosting URL, and the error says how to give one", () => {
    const require = createRequire(import.meta.url);
    const configure = require(path.resolve("webpack.config.js"));
    const saved = { url: process.env.ADDIN_URL, config: process.env.npm_package_config_addin_url };
    delete process.env.ADDIN_URL;
    delete process.env.npm_package_config_addin_url;
    try {
      expect(() => configure({}, { mode: "production" })).toThrow(
        /ADDIN_URL=https:\/\/.* npm run build/
      );
      process.env.ADDIN_URL = "http://insecure.invalid/";
      expect(() => configure({}, { mode: "production" })).toThrow(/must be an https:\/\/ URL/);
    } finally {
      if (saved.url === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved.url;
      if (saved.config !== undefined) process.env.npm_package_config_addin_url = saved.config;
    }
  });
});
