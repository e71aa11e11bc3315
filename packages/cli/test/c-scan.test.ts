import { beforeAll, describe, expect, it } from "vitest";
import { scanDouble, scanInt, scanSize, scanUnsigned } from "../src/c-scan.js";
import { askC, doubleFromLittleEndianHex } from "./c-reference.js";

const INTEGER_TEXTS = [
  "0",
  "10",
  "10abc",
  "0x4",
  "4.9",
  " 7",
  "\t+12",
  "-1",
  "-4294967295",
  "4294967297",
  "99999999999999999999",
  "-99999999999999999999",
  "18446744073709551615",
  "18446744073709551616",
  "2147483648",
  "-2147483649",
  "9223372036854775808",
  "-9223372036854775809",
  "+",
  "-",
  "",
  "  ",
  "abc",
  "+-3",
  "00012",
  "1e3",
];

const DOUBLE_TEXTS = [
  "1",
  "2.5",
  "8abc",
  "-1",
  "0x1p3",
  "0X1.8P-2",
  "0x.8p1",
  "0x",
  "0xg",
  "0x1p",
  "0x1p+",
  "inf",
  "-inf",
  "INFINITY",
  "infx",
  "in",
  "nan",
  "-nan",
  "nan(123)",
  "NaN",
  "1e",
  "1e+",
  "1e-3",
  ".5",
  "5.",
  ".",
  "-.5e1",
  "1e400",
  "1e-400",
  "4.9e-324",
  "2.4703282292062327e-324",
  "2.4703282292062328e-324",
  "1.7976931348623157e308",
  "1.7976931348623159e308",
  " 3",
  "",
  "+",
  "-",
  "x",
  "0.1",
  "123456789012345678901234567890",
  "0x1.fffffffffffff8p1023",
  "0x1.fffffffffffff7p1023",
  "0x1p-1074",
  "0x1p-1075",
  "0x1.8p-1075",
  "0x3p-1076",
  "0x0.0000000000001p-1022",
  "0xffffffffffffffffffffp0",
  "1.00000000000000011102230246251565404236316680908203125",
  "1.00000000000000011102230246251565404236316680908203126",
];

describe("given glibc's sscanf conversions used by zfp's options", () => {
  const answers: Record<string, (string | null)[]> = {};
  beforeAll(() => {
    for (const format of ["%zu", "%u", "%d"]) {
      answers[format] = askC(INTEGER_TEXTS.map((text) => ({ op: "sscanf", format, text })));
    }
    answers["%lf"] = askC(DOUBLE_TEXTS.map((text) => ({ op: "sscanf", format: "%lf", text })));
  });

  it("when reading sizes with %zu, expect glibc's values and failures", () => {
    INTEGER_TEXTS.forEach((text, i) => {
      const expected = answers["%zu"]![i];
      expect(scanSize(text)?.toString() ?? null, JSON.stringify(text)).toBe(expected);
    });
  });

  it("when reading %u values, expect glibc's 32-bit results", () => {
    INTEGER_TEXTS.forEach((text, i) => {
      expect(scanUnsigned(text)?.toString() ?? null, JSON.stringify(text)).toBe(answers["%u"]![i]);
    });
  });

  it("when reading %d values, expect glibc's results", () => {
    INTEGER_TEXTS.forEach((text, i) => {
      expect(scanInt(text)?.toString() ?? null, JSON.stringify(text)).toBe(answers["%d"]![i]);
    });
  });

  it("when reading %lf values, expect glibc's doubles bit for bit (NaN: any NaN)", () => {
    const mismatches: string[] = [];
    DOUBLE_TEXTS.forEach((text, i) => {
      const expected = answers["%lf"]![i];
      const ours = scanDouble(text);
      const value =
        expected === null || expected === undefined ? undefined : doubleFromLittleEndianHex(expected);
      const same =
        value === undefined
          ? ours === undefined
          : Number.isNaN(value)
            ? Number.isNaN(ours)
            : Object.is(ours, value);
      if (!same) mismatches.push(`${JSON.stringify(text)}: ours ${ours}, glibc ${value}`);
    });
    expect(mismatches).toEqual([]);
  });

  it("when given the facts' examples, expect the documented values", () => {
    expect(scanUnsigned("-4294967295")).toBe(1);
    expect(scanUnsigned("4294967297")).toBe(1);
    expect(scanUnsigned("99999999999999999999")).toBe(0xffffffff);
    expect(scanSize("0x4")).toBe(0n);
    expect(scanDouble("0x1p3")).toBe(8);
  });
});
