import { BitStream } from "@zfpjs/bitstream";
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  pyNumber,
  runZfp,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { ZFP_EXPERT_SETS } from "@zfpjs/tooling/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { powerOfTwo } from "../src/block-float.js";
import {
  accuracyOf,
  compressionMode,
  DEFAULT_CONFIG,
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidParameterError,
  isReversible,
  MODE_EXPERT,
  MODE_FIXED_ACCURACY,
  MODE_FIXED_PRECISION,
  MODE_FIXED_RATE,
  MODE_NULL,
  MODE_REVERSIBLE,
  modeName,
  precisionOf,
  rateOf,
  reversible,
  type ScalarType,
  scalarTypeOf,
  typeCode,
  ZFP_TYPE,
  type ZfpConfig,
} from "../src/config.js";

// The header mode value C would write for a parameter set (zfp_stream_mode), computed here
// independently of the header package so that the oracle checks this module alone.
function modeValue(c: ZfpConfig): bigint {
  switch (compressionMode(c)) {
    case MODE_FIXED_RATE:
      if (c.maxbits <= 2048) return BigInt(c.maxbits - 1);
      break;
    case MODE_FIXED_PRECISION:
      return BigInt(c.maxprec - 1 + 2048);
    case MODE_FIXED_ACCURACY:
      if (c.minexp <= 843) return BigInt(c.minexp + 1074 + 2177);
      break;
    case MODE_REVERSIBLE:
      return 2176n;
  }
  const clamp = (v: number, lo: number, hi: number) => BigInt(Math.max(lo, Math.min(v, hi)));
  return (
    (clamp(c.minexp + 16495, 0, 0x7fff) << 49n) |
    ((clamp(c.maxprec, 1, 0x80) - 1n) << 42n) |
    ((clamp(c.maxbits, 1, 0x8000) - 1n) << 27n) |
    ((clamp(c.minbits, 1, 0x8000) - 1n) << 12n) |
    0xfffn
  );
}

// The mode value in a stream that starts with a full header.
function modeInStream(bytes: Uint8Array): bigint {
  const stream = new BitStream(bytes, { wordBits: 8 });
  stream.rseek(84);
  const short = stream.readBits(12);
  return short <= 4094 ? BigInt(short) : BigInt(short) + (stream.readBigBits(52) << 12n);
}

describe("fixedRate", () => {
  it("given 1D float rate 1 when set expect the 9-bit floor", () => {
    expect(fixedRate(1, { type: "float", dims: 1 })).toEqual({
      minbits: 9,
      maxbits: 9,
      maxprec: 64,
      minexp: -1074,
    });
  });
  it("given 1D double rate 2.5 when set expect the 12-bit floor, and float 10 bits", () => {
    expect(fixedRate(2.5, { type: "double", dims: 1 }).maxbits).toBe(12);
    expect(fixedRate(2.5, { type: "float", dims: 1 }).maxbits).toBe(10);
  });
  it("given 2D int32 rate 2.2 when set expect 35 bits (rate 2.1875)", () => {
    const config = fixedRate(2.2, { type: "int32", dims: 2 });
    expect(config.maxbits).toBe(35);
    expect(rateOf(config, 2)).toBe(2.1875);
  });
  it("given type null (zfpy) when the rate is tiny expect no floor and 0 bits, classified expert", () => {
    for (const rate of [0, 0.03, -0]) {
      const config = fixedRate(rate, { type: null, dims: 1 });
      expect(config.maxbits).toBe(0);
      expect(compressionMode(config)).toBe(MODE_EXPERT);
      expect(rateOf(config, 1)).toBe(0);
    }
  });
  it("given align when the word size is 8 or 64 expect the bits rounded up to a word", () => {
    expect(fixedRate(1, { type: null, dims: 1, align: true, wordBits: 8 }).maxbits).toBe(8);
    expect(fixedRate(1, { type: null, dims: 1, align: true }).maxbits).toBe(64);
    expect(fixedRate(16, { type: null, dims: 1, align: true }).maxbits).toBe(64);
    expect(fixedRate(16.25, { type: null, dims: 1, align: true, wordBits: 32 }).maxbits).toBe(96);
  });
  it("given align when bits are near 2^32 expect the uint32 wrap of C", () => {
    // -1 per value in 1D: 4294967292 bits, + 63 wraps to 59, rounded down to 0.
    expect(fixedRate(-1, { type: null, dims: 1, align: true }).maxbits).toBe(0);
  });
  it("given out-of-range rates when set expect C's x86-64 uint32 conversion", () => {
    expect(fixedRate(-1, { type: "float", dims: 1 }).maxbits).toBe(4294967292);
    expect(fixedRate(1e10, { type: "float", dims: 1 }).maxbits).toBe(1345294336);
    expect(fixedRate(Number.POSITIVE_INFINITY, { type: "float", dims: 1 }).maxbits).toBe(9);
    expect(fixedRate(Number.NaN, { type: "double", dims: 1 }).maxbits).toBe(12);
    expect(fixedRate(Number.NaN, { type: null, dims: 1 }).maxbits).toBe(0);
    expect(fixedRate(Number.NEGATIVE_INFINITY, { type: null, dims: 3 }).maxbits).toBe(0);
    expect(fixedRate(2 ** 62, { type: null, dims: 1 }).maxbits).toBe(0);
    expect(fixedRate(2 ** 61 + 2 ** 40, { type: null, dims: 1 }).maxbits).toBe(0);
    expect(fixedRate(1e19, { type: null, dims: 1 }).maxbits).toBe(0);
    expect(fixedRate(2 ** 30 + 0.25, { type: null, dims: 1 }).maxbits).toBe(1);
  });
  it("given a rate of 600 in 1D when set expect 2400 bits, still fixed rate", () => {
    const config = fixedRate(600, { type: "float", dims: 1 });
    expect(config.maxbits).toBe(2400);
    expect(compressionMode(config)).toBe(MODE_FIXED_RATE);
    expect(rateOf(config, 1)).toBe(600);
  });
  it("given more than 16658 bits when classified expect expert", () => {
    expect(compressionMode(fixedRate(4165, { type: null, dims: 1 }))).toBe(MODE_EXPERT);
    expect(compressionMode(fixedRate(4164.5, { type: null, dims: 1 }))).toBe(MODE_FIXED_RATE);
  });
  it("given an invalid dimensionality or type when set expect InvalidParameterError", () => {
    expect(() => fixedRate(1, { type: null, dims: 0 as 1 })).toThrow(InvalidParameterError);
    expect(() => fixedRate(1, { type: "uint8" as ScalarType, dims: 1 })).toThrow(InvalidParameterError);
    expect(() => fixedRate(1, { type: null, dims: 1, align: true, wordBits: 12 as 8 })).toThrow(
      InvalidParameterError,
    );
  });
  it("given any result when inspected expect a frozen object", () => {
    expect(Object.isFrozen(fixedRate(4, { type: null, dims: 2 }))).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(fixedAccuracy(1))).toBe(true);
  });
});

describe("fixedPrecision", () => {
  it("given 0, 64 and 100 when set expect maxprec 64, classified expert (the defaults)", () => {
    for (const p of [0, 64, 100, 4294967295]) {
      expect(fixedPrecision(p)).toEqual(DEFAULT_CONFIG);
      expect(compressionMode(fixedPrecision(p))).toBe(MODE_EXPERT);
      expect(precisionOf(fixedPrecision(p))).toBe(0);
    }
  });
  it("given 7 when set expect fixed precision 7", () => {
    const config = fixedPrecision(7);
    expect(config).toEqual({ minbits: 1, maxbits: 16658, maxprec: 7, minexp: -1074 });
    expect(compressionMode(config)).toBe(MODE_FIXED_PRECISION);
    expect(precisionOf(config)).toBe(7);
  });
  it("given a value C's uint cannot hold when set expect InvalidParameterError", () => {
    for (const p of [-1, 1.5, Number.NaN, 2 ** 32]) {
      expect(() => fixedPrecision(p)).toThrow(InvalidParameterError);
    }
  });
});

describe("fixedAccuracy", () => {
  it("given tolerances when set expect minexp = floor(log2 tol), exact for subnormals", () => {
    const cases: [number, number][] = [
      [1e-3, -10],
      [0.5, -1],
      [1, 0],
      [1.5, 0],
      [2, 1],
      [1e250, 830],
      [1e300, 996],
      [Number.MAX_VALUE, 1023],
      [1e-320, -1064],
      [5e-324, -1074],
      [1e-323, -1073],
      [2 ** -1022, -1022],
      [2 ** -1022 - 5e-324, -1023],
      [2 ** -1050 * 1.75, -1050],
      [2 ** -1043, -1043],
      [2 ** -1042 * 1.5, -1042],
      [Number.POSITIVE_INFINITY, -1],
    ];
    for (const [tol, minexp] of cases) {
      expect(fixedAccuracy(tol).minexp, `tolerance ${tol}`).toBe(minexp);
    }
  });
  it("given 0, negative or NaN when set expect the defaults (expert)", () => {
    for (const tol of [0, -0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(fixedAccuracy(tol)).toEqual(DEFAULT_CONFIG);
    }
    expect(accuracyOf(fixedAccuracy(0))).toBe(0);
  });
  it("given a tolerance when read back expect the power of two below it", () => {
    expect(accuracyOf(fixedAccuracy(1e-3))).toBe(2 ** -10);
    expect(accuracyOf(fixedAccuracy(1e-320))).toBe(2 ** -1064);
    expect(accuracyOf(fixedAccuracy(5e-324))).toBe(0); // minexp -1074: the defaults, expert
    expect(accuracyOf(fixedAccuracy(1e-323))).toBe(1e-323);
    expect(accuracyOf(expert(1, 16658, 64, 2000))).toBe(Number.POSITIVE_INFINITY);
    expect(compressionMode(fixedAccuracy(1e300))).toBe(MODE_FIXED_ACCURACY);
  });
  it("given exponents across the range when raised to powers of two expect exact values", () => {
    for (let k = -1080; k <= 1030; k++) {
      const expected = k < -1074 ? 0 : k > 1023 ? Number.POSITIVE_INFINITY : 2 ** k;
      expect(powerOfTwo(k)).toBe(expected);
    }
  });
});

describe("reversible and expert", () => {
  it("given reversible when classified expect reversible with minexp -1075", () => {
    expect(reversible()).toEqual({ minbits: 1, maxbits: 16658, maxprec: 64, minexp: -1075 });
    expect(compressionMode(reversible())).toBe(MODE_REVERSIBLE);
    expect(isReversible(reversible())).toBe(true);
    expect(isReversible(DEFAULT_CONFIG)).toBe(false);
  });
  it("given set_params failures when called expect InvalidParameterError naming the parameter", () => {
    const fails: [number, number, number, number, string][] = [
      [2, 1, 64, -1074, "minbits"],
      [1, 1, 0, -1074, "maxprec"],
      [1, 1, 65, -1074, "maxprec"],
      [-1, 1, 64, -1074, "minbits"],
      [1, 2 ** 32, 64, -1074, "maxbits"],
      [1, 1, 64, 2 ** 31, "minexp"],
      [1, 1, 64, 0.5, "minexp"],
    ];
    for (const [a, b, c, d, parameter] of fails) {
      let error: unknown;
      try {
        expert(a, b, c, d);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).parameter).toBe(parameter);
      expect((error as InvalidParameterError).tag).toBe("InvalidParameter");
    }
  });
  it("given values C accepts without checks when set expect them stored as given", () => {
    expect(expert(0, 0, 1, -5000)).toEqual({ minbits: 0, maxbits: 0, maxprec: 1, minexp: -5000 });
    expect(expert(20000, 4294967295, 64, 2147483647).maxbits).toBe(4294967295);
  });
});

describe("compressionMode", () => {
  const cases: [[number, number, number, number], number][] = [
    [[1, 16658, 64, -1074], MODE_EXPERT],
    [[0, 16658, 64, -1074], MODE_FIXED_PRECISION],
    [[1, 20000, 30, -1074], MODE_FIXED_PRECISION],
    [[0, 0, 64, -1074], MODE_EXPERT],
    [[16658, 16658, 64, -1074], MODE_FIXED_RATE],
    [[16659, 16659, 64, -1074], MODE_EXPERT],
    [[8, 8, 63, -1074], MODE_EXPERT],
    [[8, 8, 64, -1073], MODE_EXPERT],
    [[1, 16658, 64, -1073], MODE_FIXED_ACCURACY],
    [[0, 99999, 64, 5000], MODE_FIXED_ACCURACY],
    [[1, 16658, 63, -1073], MODE_EXPERT],
    [[1, 16658, 64, -1075], MODE_REVERSIBLE],
    [[0, 16659, 64, -99999], MODE_REVERSIBLE],
    [[2, 16658, 64, -1075], MODE_EXPERT],
    [[1, 16657, 64, -1075], MODE_EXPERT],
    [[5, 100, 30, -10], MODE_EXPERT],
  ];
  it.each(cases)("given %j when classified expect mode %i", (params, mode) => {
    expect(compressionMode(expert(...params))).toBe(mode);
  });
  it("given invalid hand-made objects when classified expect null", () => {
    expect(compressionMode({ minbits: 2, maxbits: 1, maxprec: 64, minexp: -1074 })).toBe(MODE_NULL);
    expect(compressionMode({ minbits: 1, maxbits: 1, maxprec: 0, minexp: -1074 })).toBe(MODE_NULL);
    expect(compressionMode({ minbits: 1, maxbits: 1, maxprec: 65, minexp: -1074 })).toBe(MODE_NULL);
  });
  it("given mode numbers when named expect zfp's mode names", () => {
    expect([0, 1, 2, 3, 4, 5].map(modeName)).toEqual([
      "null",
      "expert",
      "fixed-rate",
      "fixed-precision",
      "fixed-accuracy",
      "reversible",
    ]);
    expect(() => modeName(6)).toThrow(InvalidParameterError);
  });
});

describe("type codes", () => {
  it("given each type when coded and decoded expect zfp_type numbers", () => {
    expect(ZFP_TYPE).toEqual({ none: 0, int32: 1, int64: 2, float: 3, double: 4 });
    for (const type of ["int32", "int64", "float", "double"] as const) {
      expect(scalarTypeOf(typeCode(type))).toBe(type);
    }
    expect(typeCode(null)).toBe(0);
    for (const code of [0, 5, -1, 1.5]) expect(() => scalarTypeOf(code)).toThrow(InvalidParameterError);
  });
});

// ---- against the oracle: the mode C writes into a header reveals its four parameters ----------

const CLI_TYPES: Record<ScalarType, { flag: string[]; bytes: number }> = {
  int32: { flag: ["-t", "i32"], bytes: 4 },
  int64: { flag: ["-t", "i64"], bytes: 8 },
  float: { flag: ["-f"], bytes: 4 },
  double: { flag: ["-d"], bytes: 8 },
};
const SIZES: Record<number, string[]> = {
  1: ["-1", "4"],
  2: ["-2", "4", "4"],
  3: ["-3", "4", "4", "4"],
  4: ["-4", "4", "4", "4", "4"],
};

/** The mode value the zfp command writes with `-h` for a mode flag, a type and a dimensionality. */
function cliMode(mode: string[], type: ScalarType, dims: 1 | 2 | 3 | 4): bigint {
  const input = new Uint8Array(CLI_TYPES[type].bytes * 4 ** dims).fill(0x11);
  const run = runZfp(
    [...CLI_TYPES[type].flag, ...SIZES[dims], ...mode, "-h", "-q", "-i", "in.raw", "-z", "out.zfp"],
    { "in.raw": input },
  );
  if (run.status !== 0) throw new Error(`zfp ${mode.join(" ")} failed: ${run.stderr}`);
  return modeInStream(run.files["out.zfp"]);
}

describeWithOracle(
  "parameters match the zfp command (mode read from its -h header)",
  () => {
    const dimsList = [1, 2, 3, 4] as const;
    const types = ["int32", "int64", "float", "double"] as const;
    it("given -r rates for every type and dimensionality when set expect the same mode as C", () => {
      for (const rate of [0, 0.03, 1, 2.2, 2.5, 600]) {
        for (const type of types) {
          for (const dims of dimsList) {
            if (rate === 600 && dims > 2) continue; // large output, nothing new
            const ours = modeValue(fixedRate(rate, { type, dims }));
            expect(cliMode(["-r", String(rate)], type, dims), `-r ${rate} ${type} ${dims}D`).toBe(ours);
          }
        }
      }
    });
    it("given -r inf and nan when set expect C's conversion to 0 raised by the floor", () => {
      for (const rate of ["inf", "nan"]) {
        const value = Number(rate === "inf" ? Number.POSITIVE_INFINITY : Number.NaN);
        expect(cliMode(["-r", rate], "float", 1)).toBe(
          modeValue(fixedRate(value, { type: "float", dims: 1 })),
        );
        expect(cliMode(["-r", rate], "double", 2)).toBe(
          modeValue(fixedRate(value, { type: "double", dims: 2 })),
        );
      }
    });
    it("given -p precisions when set expect the same mode as C", () => {
      for (const p of [0, 1, 7, 32, 63, 64, 100]) {
        expect(cliMode(["-p", String(p)], "double", 2), `-p ${p}`).toBe(modeValue(fixedPrecision(p)));
      }
    });
    it("given -a tolerances when set expect the same mode as C", () => {
      const tolerances = ["0", "1e-3", "0.5", "1", "1e250", "1e300", "inf", "1e-320", "5e-324", "-1", "nan"];
      for (const tol of tolerances) {
        const ours = modeValue(fixedAccuracy(Number(tol === "inf" ? Number.POSITIVE_INFINITY : tol)));
        expect(cliMode(["-a", tol], "float", 3), `-a ${tol}`).toBe(ours);
      }
    });
    it("given -R and -c expert sets when set expect the same mode as C", () => {
      expect(cliMode(["-R"], "int64", 1)).toBe(modeValue(reversible()));
      // The shared sets, in the same order, with one more small budget after the second.
      const sets: (readonly [number, number, number, number])[] = [
        ...ZFP_EXPERT_SETS.slice(0, 2),
        [10, 200, 32, -20],
        ...ZFP_EXPERT_SETS.slice(2),
      ];
      for (const params of sets) {
        expect(cliMode(["-c", ...params.map(String)], "double", 1), `-c ${params.join(" ")}`).toBe(
          modeValue(expert(...params)),
        );
      }
      expect(modeValue(DEFAULT_CONFIG)).toBe(0x787afe0888000fffn);
    });
  },
  { zfp: true },
);

describeWithOracle("parameters match zfpy (type none, mode read from its header)", () => {
  type Case = {
    dtype: OracleDtype;
    shape: number[];
    mode: "rate" | "tolerance" | "precision";
    value: number;
  };
  const cases: Case[] = [];
  const shapes = [[4], [4, 4], [2, 4, 4], [2, 2, 4, 4]];
  for (const shape of shapes) {
    for (const rate of [0, 0.03, 1, 2.2, 2.5, 600])
      cases.push({ dtype: "int32", shape, mode: "rate", value: rate });
    for (const rate of [3, 16]) cases.push({ dtype: "float64", shape, mode: "rate", value: rate });
  }
  for (const value of [0, 1e-3, 0.5, 1e250, 1e300, Number.POSITIVE_INFINITY, 1e-320, -0]) {
    cases.push({ dtype: "float32", shape: [5], mode: "tolerance", value });
  }
  for (const value of [0, 7, 64, 100])
    cases.push({ dtype: "float64", shape: [3, 3], mode: "precision", value });
  let answers: ReturnType<typeof askZfpy> = [];

  beforeAll(() => {
    const requests: OracleRequest[] = cases.map(({ dtype, shape, mode, value }) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const data = dtype === "int32" ? new Int32Array(count).fill(7) : new Float64Array(count).fill(0.25);
      const bytes = dtype === "float32" ? new Float32Array(count).fill(0.25) : data;
      return { op: "compress", dtype, shape, data: toBase64(bytes), [mode]: pyNumber(value) };
    });
    answers = askZfpy(requests);
  });

  it("given each zfpy case when set with type null expect the mode zfpy wrote", () => {
    cases.forEach((c, i) => {
      const answer = answers[i];
      if (!answer.ok) throw new Error(`zfpy failed on ${JSON.stringify(c)}: ${answer.message}`);
      const dims = c.shape.length as 1 | 2 | 3 | 4;
      const ours =
        c.mode === "rate"
          ? fixedRate(c.value, { type: null, dims })
          : c.mode === "tolerance"
            ? fixedAccuracy(c.value)
            : fixedPrecision(c.value);
      expect(modeInStream(fromBase64(answer.bytes!)), JSON.stringify(c)).toBe(modeValue(ours));
    });
  });
});
