// Renders assets/icon.svg to the PNG sizes the manifest and the ribbon use. Run: node scripts/make-icons.mjs
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./browser.mjs";

const SIZES = [16, 32, 64, 80, 128];
const svg = fs.readFileSync(path.join("assets", "icon.svg"), "utf8");
const browser = await launchChromium();
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const html = `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`;
    await page.setContent(html);
    await page.screenshot({ path: path.join("assets", `icon-${size}.png`), omitBackground: true });
    await page.close();
    console.log(`assets/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
