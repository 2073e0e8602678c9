import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { TEST_BUILD_DIR } from "../support/build-addin";

/**
 * Private by construction: the pages may load only their own files and Office.js, no code writes
 * HTML from data, and the manifest asks for no more than the add-in needs. (The browser tests check
 * the requests a page actually makes, and fail on any CSP violation.)
 */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

describe("privacy", () => {
  it.each(["taskpane.html", "support.html"])(
    "%s carries a Content-Security-Policy allowing only itself and Office.js",
    (page) => {
      const html = fs.readFileSync(path.join(TEST_BUILD_DIR, page), "utf8");
      const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1]; // minified HTML drops quotes
      expect(csp).toBeDefined();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    }
  );

  it("index.html, the server's front page, carries a policy that allows no script at all", () => {
    const html = fs.readFileSync(path.join(TEST_BUILD_DIR, "index.html"), "utf8");
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/href="?manifest\.xml/); // minified HTML drops quotes
  });

  it("no source writes HTML from strings or evaluates code", () => {
    for (const file of walk(path.resolve("src")).filter((f) => /\.(ts|tsx)$/.test(f))) {
      expect(fs.readFileSync(file, "utf8"), file).not.toMatch(
        /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|\beval\(|new Function\(/
      );
    }
  });

  it("the functions and the pane never open network connections", () => {
    for (const file of walk(path.resolve("src")).filter((f) => /\.(ts|tsx)$/.test(f))) {
      expect(fs.readFileSync(file, "utf8"), file).not.toMatch(
        /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/
      );
    }
  });

  it("the manifest asks only for ReadWriteDocument (to write sheets) and no extra AppDomains", () => {
    const manifest = new XMLParser({ removeNSPrefix: true }).parse(
      fs.readFileSync("manifest.xml", "utf8")
    ).OfficeApp;
    expect(manifest.Permissions).toBe("ReadWriteDocument");
    expect(manifest.AppDomains).toBeUndefined();
  });
});
