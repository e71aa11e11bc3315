import { beforeAll, describe, expect, it } from "vitest";
import { formatExponential, formatFixed, formatGeneral } from "../src/c-format.js";
import { askC, doubleBits } from "./c-reference.js";

// Values chosen to hit exact ties, carries, exponent switches, subnormals and extremes.
const VALUES = [
  0,
  1,
  -1,
  0.5,
  0.125,
  0.375,
  2.5,
  3.5,
  1.5,
  0.0001,
  0.00001,
  0.000123456,
  123456,
  1234567,
  99999.5,
  9.9995,
  9.99949,
  0.99995,
  999.95,
  1e21,
  1e22,
  1.7976931348623157e308,
  5e-324,
  2.2250738585072014e-308,
  6.808,
  0.01023,
  32.37,
  33.775,
  33.785,
  174.875,
  174.885,
  9.017e-10,
  3.33333333,
  4.87,
  6.568,
  1 / 3,
  2 / 3,
  1e-5,
  12345.678,
  0.1,
  0.2,
  0.3,
  100,
  1000,
  10000,
  65536,
  4294967296,
  2 ** 53,
  2 ** 53 + 2,
  1.25e-7,
  1.005,
  2.675,
  1.45,
  8.5,
  9.5,
  0.045,
  1e100,
  1e-100,
  123.456e-7,
];

describe("given C printf's %g, %f and %e conversions", () => {
  const formats = ["%.3g", "%.4g", "%.1g", "%.6g", "%.2f", "%.0f", "%.4f", "%.3e"];
  const cases: { format: string; value: number }[] = [];
  for (const format of formats)
    for (const value of VALUES) cases.push({ format, value }, { format, value: -value });
  let expected: (string | null)[] = [];
  beforeAll(() => {
    expected = askC(cases.map((c) => ({ op: "printf", format: c.format, bits: doubleBits(c.value) })));
  });

  it("when formatting each value, expect glibc's text exactly", () => {
    const mismatches: string[] = [];
    cases.forEach(({ format, value }, i) => {
      const digits = Number(format.slice(2, -1));
      const kind = format.at(-1);
      const ours =
        kind === "g"
          ? formatGeneral(value, digits)
          : kind === "f"
            ? formatFixed(value, digits)
            : formatExponential(value, digits);
      if (ours !== expected[i]) mismatches.push(`${format} ${value}: ours ${ours}, glibc ${expected[i]}`);
    });
    expect(mismatches).toEqual([]);
  });

  it("when formatting random doubles, expect glibc's text exactly", () => {
    const random: { format: string; value: number }[] = [];
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 400; i++) {
      const value = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      random.push({ format: ["%.3g", "%.4g", "%.2f"][i % 3]!, value });
    }
    const answers = askC(random.map((c) => ({ op: "printf", format: c.format, bits: doubleBits(c.value) })));
    random.forEach(({ format, value }, i) => {
      const ours = format === "%.2f" ? formatFixed(value, 2) : formatGeneral(value, Number(format[2]));
      expect(ours, `${format} of ${value}`).toBe(answers[i]);
    });
  });

  it("when formatting infinities and NaN, expect inf, -inf, nan and -nan", () => {
    expect(formatGeneral(Number.POSITIVE_INFINITY, 3)).toBe("inf");
    expect(formatGeneral(Number.NEGATIVE_INFINITY, 3)).toBe("-inf");
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe("inf");
    expect(formatGeneral(Number.NaN, 4)).toBe("nan");
    expect(formatGeneral(Number.NaN, 4, { negativeNaN: true })).toBe("-nan");
    expect(formatFixed(Number.NaN, 2, { negativeNaN: true })).toBe("-nan");
    expect(formatGeneral(-0, 4)).toBe("-0");
  });

  it("when formatting the samples of zfp's summary line, expect its text", () => {
    expect(formatGeneral(40 / 12, 3)).toBe("3.33");
    expect(formatGeneral((8 * 12) / 10, 4)).toBe("9.6");
    expect(formatGeneral(16 / 10, 3)).toBe("1.6");
    expect(formatGeneral(20, 4)).toBe("20");
    expect(formatGeneral(9.017e-10, 4)).toBe("9.017e-10");
  });
});
