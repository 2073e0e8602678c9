import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { comparePlan, modelPlan, type LayoutPlan } from "../../src/workbook/plan";
import { HyperFormula } from "hyperformula";
import { registerTokenomics } from "../../src/engines/hyperformula-plugin";
import { formulaTwin } from "../../src/workbook/formula-twin";
import { cellsWithin, parseAddress } from "../../src/workbook/references";
import { planWorkbook } from "../../src/workbook/xlsx";
import { loadPlan } from "../support/plan-engine";

/**
 * The shared workbook in a spreadsheet engine nobody here wrote, with no add-in anywhere:
 * LibreOffice Calc opens the generated .xlsx, recalculates every formula (a fresh profile forces
 * it), and each output cell must equal the live sheet computed by the core, to 1e-9.
 */
const SOFFICE = "/usr/bin/soffice";
const workload = { inputTokens: 2048, outputTokens: 512, users: 64 };
const plans: LayoutPlan[] = [
  modelPlan({ model: "Llama 2 70B", system: "H200", workload }, "Model"),
  comparePlan(
    {
      model: "DeepSeek-V3",
      systems: ["H100", "H200", "MI300X", "GB200 NVL72", "Groq LPU"],
      workload,
    },
    "Compare"
  ),
];
/**
 * Formulas someone typed (inputs in row 1, one formula a row from row 3), made shareable the way the
 * pane makes a selection shareable: each replaced by `formulaTwin` over these cells.
 */
const INPUTS = [
  "Llama 3.1 70B",
  10000,
  16,
  null,
  "FP8",
  5000,
  "Gemma 2 9B",
  8000,
  "Qwen3-Next 80B-A3B",
];
const TYPED = [
  '=TOKENOMICS.KVCACHE(8,80,8192,64,"FP16",B1,C1)',
  "=TOKENOMICS.MEMORY(A1,B1,C1,D1,E1)",
  '=TOKENOMICS.MEMORY("DeepSeek-V3",B1,C1)',
  "=TOKENOMICS.MODELKV(G1,H1,C1)",
  "=TOKENOMICS.MODELKV(I1,H1,C1,E1)",
  '=TOKENOMICS.MEMORY("Llama 4 Scout",H1,C1,"FP8")',
  "=TOKENOMICS.WEIGHTS(A1)",
  '=ROUNDUP(TOKENOMICS.CHIPS(TOKENOMICS.MEMORY(A1,B1,C1),"GH200"),0)',
  '=TOKENOMICS.RACKS(F1,"GB200 NVL72")',
  "=TOKENOMICS.COSTPERMTOK(31302.7,1,419840,10.2)",
  '=TOKENOMICS.MODEL(A1,"layers")*2',
  // The throughput estimate, with users and chips given (its twin is then one short formula).
  '=TOKENOMICS.TOKENSPERSEC(A1,"H200",F1,1000,64,"FP8","FP8",2)',
  '=TOKENOMICS.TPOT("Llama 3.1 8B","H100",1000,F1,C1,,,1)',
  '=TOKENOMICS.TTFT("Mixtral 8x7B","H100",F1,500,C1,"FP8","FP8",2)',
  '=TOKENOMICS.MAXUSERS(A1,"H200",F1,1000,"FP8","FP8",1)',
  "=TOKENOMICS.CHIPHOUR(3000000,132,72,5,0.1,150,0.08,1.3,0.6)",
  '=TOKENOMICS.CHIPHOUR("GB200 NVL72")',
];
const typedRows = [INPUTS, [], ...TYPED.map((f) => [f])];
/**
 * The same sheets after someone edits them in the shared workbook, in ways the add-in refuses: the
 * model's layers typed as text "-80", a field renamed so "layers" appears twice, and — on a copy of
 * the typed sheet — users (C1) typed as the text "-5".
 */
const EDITED = [
  { sheet: "Layers as text", edit: { field: "layers", value: "-80" } },
  { sheet: "Layers twice", edit: { field: "hidden_size", rename: "layers" } },
] as const;
const editedPlans = EDITED.map((e) =>
  modelPlan({ model: "Llama 2 70B", system: "H200", workload }, e.sheet)
);
const typedLookup = (ref: string) => {
  const bounds = parseAddress(ref);
  const values = typedRows.map((row) =>
    INPUTS.map((_v, c) => (row[c] ?? null) as string | number | null)
  );
  return bounds ? cellsWithin({ row: 0, col: 0, values }, bounds) : undefined;
};
let dir: string;
let recalculated: ExcelJS.Workbook;
let generated: ExcelJS.Workbook;

function recalculate(file: string, out: string): void {
  if (!fs.existsSync(SOFFICE)) {
    throw new Error(
      "LibreOffice is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui"
    );
  }
  const profile = path.join(dir, "profile");
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  const always = (node: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${node}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${always("OOXMLRecalcMode")}${always("ODFRecalcMode")}</oor:items>\n`
  );
  execFileSync(
    SOFFICE,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      out,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 }
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenomics-lo-"));
  const file = path.join(dir, "tokenomics.xlsx");
  const workbook = planWorkbook([...plans, ...editedPlans]);
  EDITED.forEach(({ sheet, edit }, k) => {
    const row = editedPlans[k].cells.find((c) => c.role === "field" && c.value === edit.field)!.row;
    const target = workbook.getWorksheet(sheet)!;
    if ("value" in edit)
      target.getCell(row + 1, 2).value = edit.value; // text, as typed with '
    else target.getCell(row + 1, 1).value = edit.rename;
  });
  for (const [name, users] of [
    ["Typed", INPUTS[2]],
    ["Typed, users as text", "-5"],
  ] as const) {
    const typed = workbook.addWorksheet(name);
    INPUTS.forEach((v, c) => {
      if (v !== null) typed.getCell(1, c + 1).value = c === 2 ? users : v;
    });
    TYPED.forEach((f, k) => {
      const twin = formulaTwin(f, typedLookup);
      if (typeof twin.native !== "string")
        throw new Error(`${f}: ${twin.reason ?? "not one formula"}`);
      typed.getCell(k + 3, 1).value = { formula: twin.native.slice(1) } as ExcelJS.CellFormulaValue;
    });
  }
  await workbook.xlsx.writeFile(file);
  generated = new ExcelJS.Workbook();
  await generated.xlsx.readFile(file);
  recalculate(file, path.join(dir, "out"));
  recalculated = new ExcelJS.Workbook();
  await recalculated.xlsx.readFile(path.join(dir, "out", "tokenomics.xlsx"));
}, 180_000);

describe("the generated workbook", () => {
  it("holds native formulas only, with no cached results that could hide a wrong one", () => {
    let formulas = 0;
    generated.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as ExcelJS.CellFormulaValue;
          if (value && typeof value === "object" && "formula" in value) {
            formulas++;
            expect(value.formula).not.toMatch(/TOKENOMICS\./);
            expect(value.result).toBeUndefined();
          }
        })
      )
    );
    expect(formulas).toBeGreaterThan(40);
    expect(generated.definedNames.model.map((n) => n.name)).toEqual(
      expect.arrayContaining(["Tok_Model", "Tok_Users", "Cmp_Model"])
    );
  });
});

describe("LibreOffice, recalculating it with no add-in, shows what the live sheets show", () => {
  it.each(plans.map((p) => [p.sheetName, p] as const))(
    "%s: every output cell to 1e-9",
    (sheetName, plan) => {
      const live = loadPlan(plan, "live");
      const sheet = recalculated.getWorksheet(sheetName)!;
      let numbers = 0;
      let errors = 0;
      for (const c of plan.cells.filter((x) => x.formula || x.role === "spill")) {
        const expected = live.value(c.row, c.col);
        const value = sheet.getCell(c.row + 1, c.col + 1).value as
          ExcelJS.CellFormulaValue | string | number | null;
        const result =
          value && typeof value === "object" && "formula" in value ? value.result : value;
        if (typeof expected === "number") {
          expect(typeof result, `${sheetName}!${c.row + 1}:${c.col + 1}`).toBe("number");
          expect(Math.abs((result as number) - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(Math.abs(expected), 1e-300)
          );
          numbers++;
        } else if (typeof expected === "string") {
          expect(result ?? "").toBe(expected);
        } else if (typeof c.native === "string" && !c.native.startsWith("=")) {
          // A table whose call errs live (the model fits no group of a system): its shared form
          // keeps the table's labels; its numbers are errors, checked as the other cells are.
          expect(result).toBe(c.native);
        } else {
          expect(
            result && typeof result === "object" && "error" in result,
            `${sheetName}!${c.row + 1}:${c.col + 1}`
          ).toBe(true);
          errors++;
        }
      }
      expect(numbers).toBeGreaterThan(8);
      if (plan.kind === "compare") expect(errors).toBeGreaterThan(0); // inputs no source gives stay errors
    }
  );
});

describe("LibreOffice, recalculating typed formulas made shareable, shows what they showed live", () => {
  it("every one to 1e-9", () => {
    registerTokenomics();
    const live = HyperFormula.buildFromArray(typedRows, {
      licenseKey: "gpl-v3",
      smartRounding: false,
    });
    const sheet = recalculated.getWorksheet("Typed")!;
    TYPED.forEach((f, k) => {
      const expected = live.getCellValue({ sheet: 0, row: k + 2, col: 0 });
      const value = sheet.getCell(k + 3, 1).value as ExcelJS.CellFormulaValue | number;
      const result =
        typeof value === "object" && value && "formula" in value ? value.result : value;
      expect(typeof expected, f).toBe("number");
      expect(typeof result, f).toBe("number");
      expect(Math.abs((result as number) - (expected as number)), f).toBeLessThanOrEqual(
        1e-9 * Math.abs(expected as number)
      );
    });
    live.destroy();
  });
});

describe("LibreOffice, after someone edits the shared workbook in ways the add-in refuses", () => {
  const isError = (value: unknown) => {
    const result =
      value && typeof value === "object" && "formula" in value
        ? (value as ExcelJS.CellFormulaValue).result
        : value;
    return !!result && typeof result === "object" && "error" in result;
  };

  it.each(EDITED.map((e, k) => [e.sheet, editedPlans[k]] as const))(
    "%s: every cell that reads the model shows an error, never a number",
    (sheetName, plan) => {
      const sheet = recalculated.getWorksheet(sheetName)!;
      const readers = plan.cells.filter(
        (c) => typeof c.native === "string" && c.native.includes("Tok_Model_Check")
      );
      expect(readers.length).toBeGreaterThan(5);
      for (const c of readers) {
        expect(
          isError(sheet.getCell(c.row + 1, c.col + 1).value),
          `${sheetName}!${c.row + 1}`
        ).toBe(true);
      }
      // The check row says why, beside the table.
      const check = plan.cells.find((c) => c.formula?.includes('NA(),"ok")'))!;
      expect(isError(sheet.getCell(check.row + 1, check.col + 1).value)).toBe(true);
    }
  );

  it('users typed as the text "-5": every typed formula that reads them shows an error', () => {
    const sheet = recalculated.getWorksheet("Typed, users as text")!;
    const readers = TYPED.map((f, k) => [f, k] as const).filter(([f]) => /\bC1\b/.test(f));
    expect(readers.length).toBeGreaterThan(5);
    for (const [f, k] of readers) expect(isError(sheet.getCell(k + 3, 1).value), f).toBe(true);
  });
});
