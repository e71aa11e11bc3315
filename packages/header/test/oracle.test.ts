import {
  BitStream,
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  reversible,
  type ScalarType,
  type ZfpConfig,
} from "@zfpjs/codec";
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  type OracleResponse,
  pyNumber,
  runZfp,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { SCALAR_TYPE_OF_DTYPE, ZFP_EXPERT_SETS } from "@zfpjs/tooling/testing";
import { beforeAll, expect, it } from "vitest";
import {
  BadMagicError,
  describeHeader,
  type Header,
  HeaderSizeError,
  headerConfig,
  InvalidModeError,
  metaValue,
  modeToBigInt,
  readHeader,
  survivesHeader,
  UnsupportedCodecError,
  writeHeader,
} from "../src/index.js";

const TYPE_OF_DTYPE: Record<OracleDtype, ScalarType> = SCALAR_TYPE_OF_DTYPE;

/** Writes `header`'s parts back with 8-bit words and checks that the first header.bits bits equal `bytes`'. */
function expectSameBits(header: Header, bytes: Uint8Array, config: ZfpConfig = header.config!): void {
  const stream = new BitStream(new Uint8Array(24), { wordBits: 8 });
  const field = { type: header.type!, nx: header.nx!, ny: header.ny!, nz: header.nz!, nw: header.nw! };
  expect(writeHeader(stream, field, config)).toBe(header.bits);
  stream.flush();
  const ours = new BitStream(stream.bytes);
  const theirs = new BitStream(bytes);
  for (let bit = 0; bit < header.bits; bit += 4) {
    const n = Math.min(4, header.bits - bit);
    expect(ours.readBits(n), `bit ${bit}`).toBe(theirs.readBits(n));
  }
}

function filled(dtype: OracleDtype, count: number): ArrayBufferView {
  const values = Array.from({ length: count }, (_, i) => ((i * 7) % 13) - 6);
  if (dtype === "int32") return Int32Array.from(values);
  if (dtype === "int64") return BigInt64Array.from(values.map(BigInt));
  if (dtype === "float32") return Float32Array.from(values, (v) => v / 3);
  return Float64Array.from(values, (v) => v / 3);
}

describeWithOracle("headers written by zfpy", () => {
  type Mode = { kind: "tolerance" | "rate" | "precision"; value: number } | { kind: "reversible" };
  type Case = { dtype: OracleDtype; shape: number[]; mode: Mode };
  const dtypes: OracleDtype[] = ["int32", "int64", "float32", "float64"];
  const shapes = [[5], [3, 5], [2, 3, 5], [2, 2, 3, 5], [1], [6, 1, 1]];
  const cases: Case[] = [];
  for (const dtype of dtypes) {
    for (const shape of shapes) {
      cases.push({ dtype, shape, mode: { kind: "reversible" } });
      for (const value of [0, 1e-3, 0.5, 1e250, 1e300, Number.POSITIVE_INFINITY, 1e-320]) {
        cases.push({ dtype, shape, mode: { kind: "tolerance", value } });
      }
      for (const value of [0, 7, 64, 100]) cases.push({ dtype, shape, mode: { kind: "precision", value } });
      // zfpy passes type "none": no 9/12-bit floor, so float rates stay above it to avoid C's heap overflow.
      const rates = dtype.startsWith("int") ? [0, 0.03, 1, 2.5, 600] : [3, 8, 600];
      for (const value of rates) cases.push({ dtype, shape, mode: { kind: "rate", value } });
    }
  }
  let answers: OracleResponse[] = [];
  beforeAll(() => {
    answers = askZfpy(
      cases.map(({ dtype, shape, mode }): OracleRequest => {
        const count = shape.reduce((a, b) => a * b, 1);
        const request: OracleRequest = { op: "compress", dtype, shape, data: toBase64(filled(dtype, count)) };
        if (mode.kind !== "reversible") request[mode.kind] = pyNumber(mode.value);
        return request;
      }),
    );
  });

  function ourConfig(mode: Mode, dims: 1 | 2 | 3 | 4): ZfpConfig {
    switch (mode.kind) {
      case "reversible":
        return reversible();
      case "tolerance":
        return fixedAccuracy(mode.value);
      case "precision":
        return fixedPrecision(mode.value);
      case "rate":
        return fixedRate(mode.value, { type: null, dims });
    }
  }

  it("given every zfpy stream when its header is read expect zfpy's type, shape and parameters", () => {
    expect(answers.length).toBe(cases.length);
    cases.forEach((c, i) => {
      const answer = answers[i]!;
      const label = JSON.stringify(c);
      if (!answer.ok) throw new Error(`zfpy failed on ${label}: ${answer.message}`);
      const bytes = fromBase64(answer.bytes!);
      const header = readHeader(new BitStream(bytes));
      const dims = c.shape.length as 1 | 2 | 3 | 4;
      const config = ourConfig(c.mode, dims);
      expect(header.type, label).toBe(TYPE_OF_DTYPE[c.dtype]);
      expect(header.dims, label).toBe(dims);
      const description = describeHeader(header);
      expect(description.shapeC, label).toEqual(c.shape);
      expect(description.typeCode, label).toBe({ int32: 1, int64: 2, float32: 3, float64: 4 }[c.dtype]);
      expect(description).not.toHaveProperty("dtype"); // numpy's names live in @zfpjs/zfpy
      expect(header.config, label).toEqual(headerConfig(config));
      expect(header.bits, label).toBe(96 + (header.mode!.bits === 64 ? 52 : 0));
      expectSameBits(header, bytes, config);
      // Written back from what was read: the same bits, unless C's own round trip changes them.
      if (survivesHeader(config)) expectSameBits(header, bytes);
      else
        expect(c.mode.kind === "rate" && (config.maxbits === 0 || config.maxbits > 32768), label).toBe(true);
    });
  });

  it("given the long-form cases when read expect long modes exactly where C uses them", () => {
    const long = cases.filter(
      (_, i) => answers[i]!.ok && readHeader(new BitStream(fromBase64(answers[i]!.bytes!))).mode!.bits === 64,
    );
    const kinds = new Set(
      long.map((c) => ("value" in c.mode ? `${c.mode.kind} ${c.mode.value}` : c.mode.kind)),
    );
    expect([...kinds].sort()).toEqual(
      [
        "precision 0",
        "precision 100",
        "precision 64",
        "rate 0",
        "rate 0.03",
        "rate 600",
        "tolerance 0",
        "tolerance 1e+300",
      ].sort(),
    );
  });
});

const CLI_TYPES: Record<ScalarType, { flag: string[]; bytes: number }> = {
  int32: { flag: ["-t", "i32"], bytes: 4 },
  int64: { flag: ["-t", "i64"], bytes: 8 },
  float: { flag: ["-f"], bytes: 4 },
  double: { flag: ["-d"], bytes: 8 },
};

/** Runs the zfp command with -h on /dev/zero input; returns its compressed bytes or its error text. */
function cli(type: ScalarType, sizes: number[], mode: string[]): { bytes?: Uint8Array; error?: string } {
  const dims = [`-${sizes.length}`, ...sizes.map(String)];
  const run = runZfp([
    ...CLI_TYPES[type].flag,
    ...dims,
    ...mode,
    "-h",
    "-q",
    "-i",
    "/dev/zero",
    "-z",
    "out.zfp",
  ]);
  if (run.status !== 0) return { error: run.stderr.trim() };
  return { bytes: run.files["out.zfp"]! };
}

describeWithOracle(
  "headers written by the zfp command",
  () => {
    const expertSets: (readonly [number, number, number, number])[] = [
      ...ZFP_EXPERT_SETS,
      [2, 16658, 64, -1075],
      [7, 7, 64, -1074],
    ];
    const sizes = [[7], [5, 3], [4, 3, 2], [2, 3, 2, 2]];
    it("given -c expert sets for every type and dimensionality when read expect the same parameters and bits", () => {
      for (const type of ["int32", "int64", "float", "double"] as const) {
        for (const size of sizes) {
          for (const params of expertSets) {
            const label = `${type} ${size} -c ${params.join(" ")}`;
            const { bytes, error } = cli(type, size, ["-c", ...params.map(String)]);
            if (!bytes) throw new Error(`${label}: ${error}`);
            const header = readHeader(new BitStream(bytes));
            expect(header.type, label).toBe(type);
            expect([header.nx, header.ny, header.nz, header.nw], label).toEqual(
              [...size, 0, 0, 0].slice(0, 4),
            );
            expect(header.config, label).toEqual(headerConfig(expert(...params)));
            expectSameBits(header, bytes, expert(...params));
            if (survivesHeader(expert(...params))) expectSameBits(header, bytes);
          }
        }
      }
    });
    it("given the defaults as -c 1 16658 64 -1074 when read expect the long form 0x787AFE0888000FFF", () => {
      const { bytes } = cli("float", [4], ["-c", "1", "16658", "64", "-1074"]);
      const header = readHeader(new BitStream(bytes!));
      expect(modeToBigInt(header.mode!)).toBe(0x787afe0888000fffn);
      expect(header.bits).toBe(148);
      expect(describeHeader(header)).toMatchObject({
        mode: "expert",
        minbits: 1,
        maxbits: 16658,
        maxprec: 64,
      });
    });
    it("given -a, -r and -p settings when read expect short and long forms as C chooses", () => {
      const cases: [string[], ScalarType, number[], 12 | 64, ZfpConfig][] = [
        [["-a", "1e300"], "double", [5], 64, fixedAccuracy(1e300)],
        [["-a", "1e250"], "double", [5], 12, fixedAccuracy(1e250)],
        [["-a", "inf"], "float", [5, 2], 12, fixedAccuracy(Number.POSITIVE_INFINITY)],
        [["-a", "0"], "float", [5, 2], 64, fixedAccuracy(0)],
        [["-a", "1e-320"], "double", [3, 3, 3], 12, fixedAccuracy(1e-320)],
        [["-r", "600"], "float", [5], 64, fixedRate(600, { type: "float", dims: 1 })],
        [["-r", "8"], "float", [5, 5], 12, fixedRate(8, { type: "float", dims: 2 })],
        [["-r", "0"], "double", [5, 5, 5], 12, fixedRate(0, { type: "double", dims: 3 })],
        [["-r", "0"], "int32", [5], 64, fixedRate(0, { type: "int32", dims: 1 })],
        [["-p", "64"], "int64", [5], 64, fixedPrecision(64)],
        [["-p", "10"], "int64", [5], 12, fixedPrecision(10)],
        [["-R"], "float", [2, 2, 2, 2], 12, reversible()],
      ];
      for (const [mode, type, size, modeBits, config] of cases) {
        const label = `${mode.join(" ")} ${type} ${size}`;
        const { bytes, error } = cli(type, size, mode);
        if (!bytes) throw new Error(`${label}: ${error}`);
        const header = readHeader(new BitStream(bytes));
        expect(header.mode!.bits, label).toBe(modeBits);
        expect(header.config, label).toEqual(headerConfig(config));
        expectSameBits(header, bytes, config);
      }
    });

    it("given each dimension at the largest size that fits when written by C expect our header bits", () => {
      const fits: number[][] = [
        [2 ** 24, 1],
        [1, 2 ** 24],
        [2 ** 16, 1, 1],
        [1, 2 ** 16, 1],
        [1, 1, 2 ** 16],
        [4096, 1, 1, 1],
        [1, 4096, 1, 1],
        [1, 1, 4096, 1],
        [1, 1, 1, 4096],
      ];
      for (const size of fits) {
        const { bytes, error } = cli("int32", size, ["-r", "0"]);
        if (!bytes) throw new Error(`${size}: ${error}`);
        const header = readHeader(new BitStream(bytes));
        expect([header.nx, header.ny, header.nz, header.nw]).toEqual([...size, 0, 0, 0].slice(0, 4));
        expectSameBits(header, bytes, fixedRate(0, { type: "int32", dims: size.length as 2 | 3 | 4 }));
      }
    });
    it("given each dimension one above the largest size when written expect HeaderSizeError where C cannot write a header", () => {
      const names = ["nx", "ny", "nz", "nw"] as const;
      for (const dims of [2, 3, 4]) {
        const limit = [0, 2 ** 48, 2 ** 24, 2 ** 16, 4096][dims]!;
        for (let axis = 0; axis < dims; axis++) {
          const size = Array.from({ length: dims }, (_, i) => (i === axis ? limit + 1 : 1));
          expect(cli("int32", size, ["-r", "0"]).error, `${size}`).toBe("cannot write header");
          const [nx, ny, nz, nw] = [...size, 0, 0, 0];
          let error: unknown;
          try {
            metaValue({ type: "int32", nx: nx!, ny, nz, nw });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(HeaderSizeError);
          expect((error as HeaderSizeError).dimension).toBe(names[axis]);
        }
      }
    });
  },
  { zfp: true },
);

describeWithOracle("malformed headers against zfpy", () => {
  let base: Uint8Array;
  let answers: OracleResponse[] = [];
  const variants: { name: string; bytes: Uint8Array; expected: new (...args: never[]) => Error }[] = [];
  let wide: OracleResponse;
  let wideBytes: Uint8Array;

  beforeAll(() => {
    const [answer] = askZfpy([
      { op: "compress", dtype: "int32", shape: [4], data: toBase64(Int32Array.from([1, -2, 3, 4])) },
    ]);
    base = fromBase64(answer!.ok ? answer!.bytes! : "");
    const broken = (
      name: string,
      edit: (b: Uint8Array) => void,
      expected: (typeof variants)[number]["expected"],
    ) => {
      const bytes = base.slice();
      edit(bytes);
      variants.push({ name, bytes, expected });
    };
    broken("magic z", (b) => (b[0] = 0x5a), BadMagicError);
    broken("magic f", (b) => (b[1] = 0x67), BadMagicError);
    broken("magic p", (b) => (b[2] = 0), BadMagicError);
    broken("codec 4", (b) => (b[3] = 4), UnsupportedCodecError);
    broken("codec 6", (b) => (b[3] = 6), UnsupportedCodecError);
    for (const code of [2112, 2140, 2175]) {
      // The short mode sits at bits 84..95: the high nibble of byte 10 and byte 11.
      broken(
        `short mode ${code}`,
        (b) => {
          b[10] = (b[10]! & 0x0f) | ((code & 0xf) << 4);
          b[11] = code >> 4;
        },
        InvalidModeError,
      );
    }
    // A long mode with minbits 10 > maxbits 5, and one with maxprec 100, after the same magic and meta.
    for (const [name, low, high] of [
      ["long minbits > maxbits", (0xfff | (9 << 12) | (4 << 27)) >>> 0, 63 << 10],
      ["long maxprec 100", (0xfff | (0 << 12) | (31 << 27)) >>> 0, (99 << 10) | ((16495 - 1074) * 2 ** 17)],
    ] as const) {
      const stream = new BitStream(new Uint8Array(32), { wordBits: 8 });
      stream.copyBits(new BitStream(base), 84);
      stream.writeBits(low, 32);
      stream.writeBits(high >>> 0, 32);
      stream.flush();
      variants.push({ name, bytes: stream.bytes.slice(), expected: InvalidModeError });
    }
    // 1D nx = 2^32 + 4 (nx - 1 has bit 32 set): C reads it as nx = 4.
    const stream = new BitStream(new Uint8Array(base.length + 8), { wordBits: 8 });
    const source = new BitStream(base);
    stream.copyBits(source, 32);
    source.skip(52);
    const meta = metaValue({ type: "int32", nx: 2 ** 32 + 4 });
    stream.writeBits(meta % 2 ** 32, 32);
    stream.writeBits(Math.floor(meta / 2 ** 32), 20);
    stream.copyBits(source, base.length * 8 - 84);
    stream.flush();
    wideBytes = stream.bytes.subarray(0, base.length);
    answers = askZfpy([
      ...variants.map(({ bytes }): OracleRequest => ({ op: "decompress", bytes: toBase64(bytes) })),
      { op: "decompress", bytes: toBase64(wideBytes) },
    ]);
    wide = answers.pop()!;
  });

  it("given each broken field when read expect zfpy to refuse and us to raise the specific error", () => {
    expect(variants.length).toBe(10);
    variants.forEach(({ name, bytes, expected }, i) => {
      const answer = answers[i]!;
      expect(answer.ok, name).toBe(false);
      if (!answer.ok) expect(answer.message, name).toBe("Failed to read required zfp header");
      expect(() => readHeader(new BitStream(bytes)), name).toThrow(expected);
    });
  });

  it("given a 1D header with nx above 2^32 when read expect an error by default and C's nx mod 2^32 with as-c", () => {
    expect(wide.ok).toBe(true);
    if (wide.ok) {
      expect(wide.shape).toEqual([4]);
      expect([...new Int32Array(fromBase64(wide.data!).buffer)]).toEqual([1, -2, 3, 4]);
    }
    expect(() => readHeader(new BitStream(wideBytes))).toThrow(HeaderSizeError);
    const header = readHeader(new BitStream(wideBytes), undefined, { wideNx: "as-c" });
    expect(header.nx).toBe(4);
    expect(header.config).toEqual(reversible());
  });
});

describeWithOracle("1D size limit against zfpy", () => {
  it("given 1D nx = 2^48 + 1 when written expect HeaderSizeError where zfpy cannot write a header", () => {
    const [answer] = askZfpy([
      {
        op: "eval",
        code: "np.frombuffer(zfpy.compress_numpy(np.lib.stride_tricks.as_strided(np.zeros(1, np.int32), shape=(2**48 + 1,), strides=(0,)), rate=0), np.uint8)",
      },
    ]);
    expect(answer!.ok).toBe(false);
    if (!answer!.ok) expect(answer!.message).toBe("Failed to write header to stream");
    expect(() => metaValue({ type: "int32", nx: 2 ** 48 + 1 })).toThrow(HeaderSizeError);
    expect(metaValue({ type: "int32", nx: 2 ** 48 })).toBe((2 ** 48 - 1) * 16);
  });
});
