import { describe, expect, it } from "vitest";
import { parseQuantity } from "../../src/core";

/** Numbers as people type them: what each text means, and which are refused. */
describe("parseQuantity", () => {
  it.each([
    ["10000", 10000],
    [" 10,000 ", 10000],
    ["1,234,567.5", 1234567.5],
    ["10k", 10000],
    ["10K", 10000],
    ["1.15k", 1150],
    ["1.5M", 1_500_000],
    ["2B", 2e9],
    ["1e4", 10000],
    ["2.5E-3", 0.0025],
    [".5", 0.5],
    ["5.", 5],
    ["-5", -5],
    ["+7", 7],
    ["0", 0],
    ["-0", 0],
  ])("%j is %d", (text, value) => {
    expect(parseQuantity(text)).toEqual({ value });
  });

  it.each([
    ["10%", 0.1],
    ["12.5%", 0.125],
    ["0.1", 0.1],
  ])("%j is %d where a fraction is meant", (text, value) => {
    expect(parseQuantity(text, { percent: true })).toEqual({ value });
  });

  it.each([
    ["", "is empty"],
    ["0x10", "is not a decimal number"],
    ["0b101", "is not a decimal number"],
    ["Infinity", "is not a number"],
    ["NaN", "is not a number"],
    ["1,00", "is not a number"],
    ["1,0000", "is not a number"],
    ["10kk", "is not a number"],
    ["ten", "is not a number"],
    ["10m", "uses m: write M for million"],
    ["10%", "is a percentage, which is not accepted here"],
    ["1e400", "is too large to be a number"],
    ["9e999k", "is too large to be a number"],
  ])("%j %s", (text, problem) => {
    const read = parseQuantity(text);
    expect("problem" in read && read.problem).toContain(problem);
  });
});
