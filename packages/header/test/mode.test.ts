import {
  compressionMode,
  DEFAULT_CONFIG,
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidParameterError,
  MODE_EXPERT,
  reversible,
} from "@zfpjs/codec";
import { describe, expect, it } from "vitest";
import {
  configFromMode,
  headerConfig,
  InvalidModeError,
  type ModeValue,
  modeToBigInt,
  modeValue,
  survivesHeader,
} from "../src/index.js";

// A small deterministic generator (xorshift32) for random long-form values.
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

describe("short mode codes", () => {
  it("given every short code when decoded expect C's parameters, and 2112..2175 rejected", () => {
    for (let code = 0; code <= 4094; code++) {
      if (code >= 2112 && code <= 2175) {
        expect(() => configFromMode(code), `code ${code}`).toThrow(InvalidModeError);
        continue;
      }
      const config = configFromMode(code);
      if (code < 2048)
        expect(config).toEqual({ minbits: code + 1, maxbits: code + 1, maxprec: 64, minexp: -1074 });
      else if (code < 2176)
        expect(config).toEqual({ minbits: 1, maxbits: 16658, maxprec: code - 2047, minexp: -1074 });
      else if (code === 2176) expect(config).toEqual(reversible());
      else expect(config).toEqual({ minbits: 1, maxbits: 16658, maxprec: 64, minexp: code - 3251 });
    }
  });
  it("given every accepted short code when re-encoded expect the same code, except 2111 and 2177 (the defaults)", () => {
    for (let code = 0; code <= 4094; code++) {
      if (code >= 2112 && code <= 2175) continue;
      const again = modeValue(configFromMode(code));
      if (code === 2111 || code === 2177) {
        expect(again.bits).toBe(64);
        expect(modeToBigInt(again)).toBe(0x787afe0888000fffn);
      } else {
        expect(again, `code ${code}`).toEqual({ bits: 12, low: code, high: 0 });
      }
    }
  });
  it("given the setters when encoded expect the documented codes", () => {
    expect(modeValue(fixedPrecision(8))).toEqual({ bits: 12, low: 2055, high: 0 });
    expect(modeValue(fixedRate(8, { type: "float", dims: 1 }))).toEqual({ bits: 12, low: 31, high: 0 });
    expect(modeValue(reversible())).toEqual({ bits: 12, low: 2176, high: 0 });
    expect(modeValue(fixedAccuracy(0.5))).toEqual({ bits: 12, low: 2177 + 1073, high: 0 });
    expect(modeValue(fixedAccuracy(1e250)).bits).toBe(12);
    expect(modeValue(fixedAccuracy(1e300)).bits).toBe(64);
    expect(modeValue(fixedAccuracy(2 ** 843)).low).toBe(4094);
    expect(modeValue(fixedAccuracy(2 ** 844)).bits).toBe(64);
    expect(modeValue(fixedRate(512, { type: null, dims: 1 })).low).toBe(2047);
    expect(modeValue(fixedRate(512.25, { type: null, dims: 1 })).bits).toBe(64);
  });
});

describe("long mode values", () => {
  it("given the defaults when encoded expect 0x787AFE0888000FFF", () => {
    const mode = modeValue(DEFAULT_CONFIG);
    expect(mode).toEqual({ bits: 64, low: 0x88000fff, high: 0x787afe08 });
    expect(configFromMode(mode)).toEqual(DEFAULT_CONFIG);
    expect(configFromMode(0x787afe0888000fffn)).toEqual(DEFAULT_CONFIG);
  });
  it("given each field at its extremes when encoded expect the clamps of C", () => {
    const cases: [[number, number, number, number], [number, number, number, number]][] = [
      [
        [0, 0, 64, -1074],
        [1, 1, 64, -1074],
      ],
      [
        [32768, 32768, 1, 16272],
        [32768, 32768, 1, 16272],
      ],
      [
        [40000, 4294967295, 1, 2147483647],
        [32768, 32768, 1, 16272],
      ],
      [
        [1, 16658, 64, -2147483648],
        [1, 16658, 64, -1075],
      ],
      [
        [2, 16658, 64, -16495],
        [2, 16658, 64, -16495],
      ],
      [
        [2, 16658, 64, -16496],
        [2, 16658, 64, -16495],
      ],
      [
        [5, 100, 30, -10],
        [5, 100, 30, -10],
      ],
    ];
    for (const [given, back] of cases) {
      const config = expert(...given);
      expect(headerConfig(config), JSON.stringify(given)).toEqual(expert(...back));
      expect(survivesHeader(config)).toBe(given.every((v, i) => v === back[i]));
    }
  });
  it("given random long values when decoded and re-encoded expect the same bits or a short code", () => {
    const next = random(12345);
    let checked = 0;
    for (let i = 0; i < 20000; i++) {
      const low = ((next() & ~0xfff) | 0xfff) >>> 0;
      const high = next();
      const mode: ModeValue = { bits: 64, low, high };
      const minbits = ((low >>> 12) & 0x7fff) + 1;
      const maxbits = ((low >>> 27) | ((high & 0x3ff) << 5)) + 1;
      const maxprec = ((high >>> 10) & 0x7f) + 1;
      if (minbits > maxbits || maxprec > 64) {
        expect(() => configFromMode(mode)).toThrow(InvalidModeError);
        continue;
      }
      const config = configFromMode(mode);
      const again = modeValue(config);
      if (again.bits === 64) {
        expect(again).toEqual(mode);
        checked++;
      } else {
        expect(compressionMode(config)).not.toBe(MODE_EXPERT);
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });
  it("given a long value with broken fields when decoded expect InvalidModeError naming the reason", () => {
    // minbits 3 > maxbits 2
    const bad = modeValue(expert(1, 2, 30, -10));
    const broken = { bits: 64, low: (bad.low | (2 << 12)) >>> 0, high: bad.high } as const;
    expect(() => configFromMode(broken)).toThrow(/minbits 3 exceeds maxbits 2/);
    // maxprec 65..128
    for (const maxprec of [65, 100, 128]) {
      const high = ((bad.high & ~(0x7f << 10)) | ((maxprec - 1) << 10)) >>> 0;
      expect(() => configFromMode({ bits: 64, low: bad.low, high })).toThrow(/maxprec \d+ is above 64/);
    }
    expect(() => configFromMode({ bits: 64, low: 0xffe, high: 1 })).toThrow(InvalidModeError);
    expect(() => configFromMode(4095)).toThrow(InvalidModeError);
    expect(() => configFromMode(-1n)).toThrow(InvalidModeError);
  });
  it("given configs zfp cannot read back when encoded expect InvalidParameterError", () => {
    expect(() => modeValue({ minbits: 2, maxbits: 1, maxprec: 64, minexp: -1074 })).toThrow(
      InvalidParameterError,
    );
    expect(() => modeValue({ minbits: 1, maxbits: 1, maxprec: 0, minexp: -1074 })).toThrow(
      InvalidParameterError,
    );
    expect(() => modeValue({ minbits: 1, maxbits: Number.NaN, maxprec: 8, minexp: -1074 })).toThrow(
      InvalidParameterError,
    );
  });
});
