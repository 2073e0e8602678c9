import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/workbook";

/** `npm run workbook`: the product's main job on a machine without Excel. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenomics-cli-"));

describe("npm run workbook", () => {
  it("writes the model and a comparison as native formulas, and says where", async () => {
    const out = path.join(dir, "model.xlsx");
    const message = await main([
      "--model",
      "Llama-3.1-70B",
      "--system",
      "GH200",
      "--context",
      "10000",
      "--users",
      "16",
      "--compare",
      "H100,H200,B200",
      "--out",
      out,
    ]);
    expect(message).toMatch(
      /^Wrote .*model\.xlsx: Llama 3\.1 70B on NVIDIA GH200 144GB \(sheet Model\) and a comparison of 3 systems/
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Model", "Compare"]);
    const users = workbook.getWorksheet("Model")!.getColumn(1).values.indexOf("users");
    expect(workbook.getWorksheet("Model")!.getCell(users, 2).value).toBe(16);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.each([
    [["--system", "GH200"], /--model is required/],
    [["--model", "Lama 3", "--system", "GH200"], /Unknown model "Lama 3"\. Closest presets: Llama/],
    [["--model", "Llama 3.1 70B", "--system", "GH200", "--users", "-3"], /users/],
    [
      ["--model", "Llama 3.1 70B", "--system", "GH200", "--users", "ten"],
      /--users must be a number ≥ 0; got "ten"/,
    ],
    [["--model", "Llama 3.1 70B", "--system", "GH200", "--compare", "H100"], /2 to 20 systems/],
    [
      ["--model", "Llama 3.1 70B", "--system", "GH200", "--out", "/nonexistent/x.xlsx"],
      /cannot write to \/nonexistent/,
    ],
    [
      ["--model", "Llama 3.1 70B", "--system", "GH200", "--out", "x.csv"],
      /must name an \.xlsx file/,
    ],
  ])("%j fails with one line saying what to fix", async (args, message) => {
    await expect(main(args as string[])).rejects.toThrow(message);
  });

  it("exits 1 with one line on stderr, and leaves no file", () => {
    const out = path.join(dir, "bad.xlsx");
    const run = spawnSync(
      process.execPath,
      [
        path.resolve("node_modules/tsx/dist/cli.mjs"),
        "src/cli/workbook.ts",
        "--model",
        "nope",
        "--system",
        "GH200",
        "--out",
        out,
      ],
      { encoding: "utf8" }
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^workbook: Unknown model "nope"/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
