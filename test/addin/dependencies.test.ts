import fs from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Supply chain: production dependencies are few, and each is named in the README. (npm audit cannot
 * run here — the registry's advisory endpoint refuses it — so this is the check that can.)
 */
describe("production dependencies", () => {
  const dependencies = Object.keys(
    JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies ?? {}
  );
  const readme = fs.readFileSync("README.md", "utf8");
  const paragraph = readme.slice(
    readme.indexOf("Production dependencies:"),
    readme.indexOf("Production dependencies:") + 400
  );

  it("are few", () => {
    expect(dependencies.length).toBeLessThanOrEqual(5);
  });

  it.each(dependencies)("%s is named in the README with what it is for", (name) => {
    const readable: Record<string, string> = {
      react: "React",
      "react-dom": "React",
      "@fluentui/react-components": "@fluentui/react-components",
      "@fluentui/react-charts": "@fluentui/react-charts",
      exceljs: "exceljs",
    };
    expect(
      readable[name],
      `${name} is a new production dependency: name it in the README`
    ).toBeDefined();
    expect(paragraph).toContain(readable[name]);
  });
});

/**
 * npm 11 blocks dependencies' install scripts unless package.json's allowScripts says otherwise, and
 * warns about every one it has no decision for: each has one, so `npm install` is quiet.
 */
describe("install scripts", () => {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  const withScripts = Object.entries(
    lock.packages as Record<string, { hasInstallScript?: boolean }>
  )
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length));

  it.each(withScripts)("%s's install script has a decision in allowScripts", (name) => {
    expect(Object.keys(pkg.allowScripts ?? {})).toContain(name);
  });
});
