import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The core must run anywhere (Node, a CLI, another spreadsheet engine): no Office, no DOM. */
describe("src/core is Office-free and DOM-free", () => {
  const dir = path.resolve("src/core");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s uses no Office, CustomFunctions, Excel, window or document", (file) => {
    const code = fs
      .readFileSync(path.join(dir, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/\b(Office|CustomFunctions|Excel|window|document)\s*[.[(]/);
    expect(code).not.toMatch(/from\s+["'](?!\.)/); // imports only from inside the core and its data
  });
});
