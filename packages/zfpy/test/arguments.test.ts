// Arguments bound as Python binds zfpy's: positional forms checked against zfpy called the same
// way, unknown keyword names and impossible argument lists refused with Python's words, and every
// misuse (null, numbers, Proxies, fake typed arrays, detached buffers, odd shapes) a typed error.
import { askZfpy, describeWithOracle, fromBase64, type OracleResponse } from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import {
  _decompress,
  compress,
  compress_numpy,
  decompress,
  decompress_numpy,
  decompressHeaderless,
  isZfpyError,
  type_double,
  type_float,
  ZfpyTypeError,
  ZfpyValueError,
  ztype_to_dtype,
} from "../src/index.js";

function thrown(run: () => unknown): Error & { pythonError?: string; tag?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/** A 4x4 float64 array of i/7 (the same doubles in numpy: np.arange(16) / 7). */
function sevenths(): ndarray.NdArray<Float64Array> {
  return ndarray(
    Float64Array.from({ length: 16 }, (_, i) => i / 7),
    [4, 4],
  );
}
const PY_A = "(np.arange(16) / 7).reshape(4, 4)";

/** A detached ArrayBuffer (its bytes transferred away). */
function detached(bytes = 16): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

function pyBytes(expression: string): string {
  return `np.frombuffer(${expression}, np.uint8)`;
}

describeWithOracle("given zfpy's positional forms, called the same way in both languages", () => {
  const raw = compress_numpy(sevenths(), { rate: 8, write_header: false, wordBits: 8 });
  const cases = {
    tolerance: pyBytes(`zfpy.compress_numpy(${PY_A}, 1e-3)`),
    rateNoHeader: pyBytes(`zfpy.compress_numpy(${PY_A}, -1, 8, -1, False)`),
    precision: pyBytes(`zfpy.compress_numpy(${PY_A}, -1, -1, 12)`),
    decodeOut: `(lambda out: (zfpy._decompress(${pyBytes(`zfpy.compress_numpy(${PY_A}, -1, 8, -1, False)`)}.tobytes(), zfpy.type_double, [4, 4], out, -1, 8, -1), out)[1])(np.zeros((4, 4)))`,
    decodeNone: `zfpy._decompress(${pyBytes(`zfpy.compress_numpy(${PY_A}, -1, 8, -1, False)`)}.tobytes(), zfpy.type_double, [4, 4], None, -1, 8)`,
    tooMany: `zfpy.compress_numpy(${PY_A}, 1e-3, -1, -1, True, 5)`,
    tooManyRaw: `zfpy._decompress(b'', 4, [4], None, -1, 8, -1, 1)`,
    twice: `zfpy.compress_numpy(${PY_A}, 1e-3, tolerance=1e-3)`,
    twiceRaw: `zfpy._decompress(b'', 4, [4], None, -1, 8, rate=8)`,
    typo: `zfpy.compress_numpy(${PY_A}, tolerence=1e-3)`,
    camel: `zfpy.compress_numpy(${PY_A}, writeHeader=False)`,
    typoRaw: `zfpy._decompress(b'', 4, [4], tolerence=1)`,
  };
  const answers: Record<string, OracleResponse> = {};
  beforeAll(() => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const replies = askZfpy(names.map((name) => ({ op: "eval", code: cases[name] })));
    names.forEach((name, k) => {
      answers[name] = replies[k]!;
    });
  });
  const bytesOf = (name: string) => {
    const answer = answers[name]!;
    if (!answer.ok) throw new Error(`zfpy raised on ${name}: ${answer.message}`);
    return fromBase64(answer.data!);
  };
  const pythonMessage = (name: string) => {
    const answer = answers[name]!;
    if (answer.ok) throw new Error(`zfpy did not raise on ${name}`);
    expect(answer.error).toBe("TypeError");
    return answer.message;
  };

  it("when compress_numpy(arr, tolerance) is called, expect zfpy's bytes (today's code compressed reversibly)", () => {
    expect(compress_numpy(sevenths(), 1e-3, { wordBits: 8 })).toEqual(bytesOf("tolerance"));
  });

  it("when compress_numpy(arr, -1, 8, -1, false) is called, expect zfpy's header-less fixed-rate bytes", () => {
    expect(compress_numpy(sevenths(), -1, 8, -1, false, { wordBits: 8 })).toEqual(bytesOf("rateNoHeader"));
    expect(compress_numpy(sevenths(), undefined, undefined, 12, { wordBits: 8 })).toEqual(
      bytesOf("precision"),
    );
  });

  it("when _decompress(bytes, type_double, [4, 4], out, -1, 8, -1) is called, expect out filled with zfpy's values and returned", () => {
    const out = ndarray(new Float64Array(16), [4, 4]);
    const result = _decompress(raw, type_double, [4, 4], out, -1, 8, -1);
    expect(result).toBe(out);
    expect(new Uint8Array(out.data.buffer)).toEqual(bytesOf("decodeOut"));
  });

  it("when _decompress(bytes, type, shape, out) gets an out and nothing else, expect out honoured (today it was ignored)", () => {
    const rate8 = compress_numpy(sevenths(), { write_header: false });
    const out = ndarray(new Float64Array(16), [4, 4]);
    expect(_decompress(rate8, type_double, [4, 4], out)).toBe(out);
    expect(out.data).toEqual(sevenths().data);
    const memory = new Float64Array(16);
    expect(_decompress(rate8, type_double, [4, 4], memory).data.buffer).toBe(memory.buffer);
    expect(memory).toEqual(sevenths().data);
  });

  it("when out is null (Python's None), positionally or alone, expect a new array with zfpy's values", () => {
    expect(new Uint8Array(_decompress(raw, type_double, [4, 4], null, -1, 8).data.buffer)).toEqual(
      bytesOf("decodeNone"),
    );
    const alone = _decompress(compress_numpy(sevenths(), { write_header: false }), type_double, [4, 4], null);
    expect(alone.data).toEqual(sevenths().data);
  });

  it("when more positional arguments than zfpy takes are given, expect zfpy's TypeError", () => {
    const error = thrown(() =>
      (compress_numpy as (...a: unknown[]) => unknown)(sevenths(), 1e-3, -1, -1, true, 5),
    );
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(pythonMessage("tooMany"));
    const raw7 = thrown(() =>
      (_decompress as (...a: unknown[]) => unknown)(new Uint8Array(0), 4, [4], null, -1, 8, -1, 1),
    );
    expect(raw7.message).toBe(pythonMessage("tooManyRaw"));
  });

  it("when a name is given positionally and in the options, expect zfpy's 'multiple values' TypeError", () => {
    expect(thrown(() => compress_numpy(sevenths(), 1e-3, { tolerance: 1e-3 })).message).toBe(
      pythonMessage("twice"),
    );
    const variadic = _decompress as (...a: unknown[]) => unknown;
    expect(thrown(() => variadic(new Uint8Array(0), 4, [4], null, -1, 8, { rate: 8 })).message).toBe(
      pythonMessage("twiceRaw"),
    );
  });

  it("when an option name is misspelt or camelCase in compress_numpy, expect Python's 'unexpected keyword argument' words", () => {
    const typo = thrown(() => compress_numpy(sevenths(), { tolerence: 1e-3 } as never));
    expect(typo).toBeInstanceOf(ZfpyTypeError);
    expect(typo.pythonError).toBe("TypeError");
    expect(typo.message.startsWith(pythonMessage("typo"))).toBe(true);
    expect(typo.message).toContain("accepts tolerance, rate, precision");
    const camel = thrown(() => compress_numpy(sevenths(), { writeHeader: false } as never));
    expect(camel.message.startsWith(pythonMessage("camel"))).toBe(true);
    const raw = thrown(() => _decompress(new Uint8Array(0), 4, [4], { tolerence: 1 } as never));
    expect(raw.message.startsWith(pythonMessage("typoRaw"))).toBe(true);
  });
});

describe("given options that are not options objects", () => {
  const bytes = compress_numpy(sevenths());

  it("when null is the options argument, expect typed errors (today: an untyped TypeError)", () => {
    expect(thrown(() => compress_numpy(sevenths(), null))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => compress(sevenths(), null as never))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => decompress_numpy(bytes, null as never))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => decompress(bytes, null as never))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => decompressHeaderless(bytes, null as never))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => compress_numpy(sevenths(), null)).message).toBe(
      "compress_numpy() argument 'tolerance' must be a real number, not null (Python's None is refused here too; pass undefined or -1 to leave it unset)",
    );
  });

  it("when a number stands where only an options object belongs, expect a TypeError naming the positional form", () => {
    const error = thrown(() => compress(sevenths(), 1e-3 as never));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(
      "compress() options must be an object, got number 0.001 (pass { tolerance }, { rate }, { precision } or nothing; compress_numpy takes zfpy's positional form)",
    );
    expect(thrown(() => decompress_numpy(bytes, 5 as never)).message).toMatch(
      /^decompress_numpy\(\) options must be an object, got number 5/,
    );
    expect(thrown(() => decompress_numpy(bytes, "x" as never))).toBeInstanceOf(ZfpyTypeError);
    expect(thrown(() => compress_numpy(sevenths(), "x" as never))).toBeInstanceOf(ZfpyTypeError);
  });

  it("when decompress_numpy's options hold an unknown name, expect the unexpected keyword TypeError", () => {
    expect(thrown(() => decompress_numpy(bytes, { maxElement: 5 } as never)).message).toBe(
      "decompress_numpy() got an unexpected keyword argument 'maxElement' (decompress_numpy accepts maxOutputBytes, maxElements, dtype)",
    );
    expect(thrown(() => compress(sevenths(), { write_header: false } as never)).message).toMatch(
      /^compress\(\) got an unexpected keyword argument 'write_header'/,
    );
  });

  it("when options are a Proxy, expect them read like the object (or a typed error when its traps throw)", () => {
    const forwarding = new Proxy({ rate: 8 }, {});
    expect(compress_numpy(sevenths(), forwarding)).toEqual(compress_numpy(sevenths(), { rate: 8 }));
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    expect(thrown(() => compress_numpy(sevenths(), throwing))).toBeInstanceOf(ZfpyTypeError);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(thrown(() => decompress_numpy(bytes, proxy))).toBeInstanceOf(ZfpyTypeError);
  });
});

describe("given data and out that are not what they claim to be", () => {
  const raw = compress_numpy(sevenths(), { write_header: false });

  it("when data is a Proxy of a typed array or an Object.create(Float64Array.prototype), expect 'Unknown dtype' TypeErrors", () => {
    const proxied = new Proxy(new Float64Array(4), {});
    const fake = Object.create(Float64Array.prototype) as Float64Array;
    for (const data of [proxied, fake]) {
      expect(thrown(() => compress_numpy(data))).toBeInstanceOf(ZfpyTypeError);
      const error = thrown(() => compress_numpy({ data, shape: [4] }));
      expect(error).toBeInstanceOf(ZfpyTypeError);
      expect(error.message).toMatch(/^Unknown dtype: Float64Array \(not a typed array\)/);
    }
  });

  it("when out is a Proxy or a fake typed array, expect typed errors and nothing written", () => {
    const proxied = new Proxy(new Float64Array(16), {});
    const fake = Object.create(Float64Array.prototype) as Float64Array;
    for (const out of [proxied, fake]) {
      const error = thrown(() => _decompress(raw, type_double, [4, 4], { out } as never));
      expect(isZfpyError(error)).toBe(true);
      expect(isZfpyError(thrown(() => _decompress(raw, type_double, [4, 4], ndarray(out, [4, 4]))))).toBe(
        true,
      );
    }
  });

  it("when the compressed input, out or the data is over a detached ArrayBuffer, expect TypeErrors saying so", () => {
    const view = new Uint8Array(16);
    structuredClone(view.buffer, { transfer: [view.buffer] });
    for (const input of [detached(), view]) {
      const error = thrown(() => decompress_numpy(input));
      expect(error).toBeInstanceOf(ZfpyTypeError);
      expect(error.message).toMatch(/^compressed_data is over a detached ArrayBuffer/);
    }
    const gone = new Float64Array(16);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(thrown(() => _decompress(raw, type_double, [4, 4], gone)).message).toMatch(
      /^out is over a detached ArrayBuffer/,
    );
    expect(thrown(() => _decompress(raw, type_double, [4, 4], detached(128))).message).toMatch(
      /^out is over a detached ArrayBuffer/,
    );
    expect(thrown(() => compress_numpy(gone)).message).toMatch(/over a detached ArrayBuffer/);
  });

  it("when ztype_to_dtype gets an object without a prototype, expect zfpy's ValueError (today: an untyped TypeError)", () => {
    const error = thrown(() => ztype_to_dtype(Object.create(null)));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe("Unsupported zfp_type object");
  });
});

describe("given shapes that are not lists of sizes", () => {
  const raw = compress_numpy(new Float32Array(16), { write_header: false });

  it("when the shape is an endless iterable, expect a ValueError at once (today: the process runs out of memory)", () => {
    function* endless() {
      for (;;) yield 4;
    }
    const error = thrown(() => _decompress(raw, type_float, endless() as never));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "User-provided shape has too many dimensions (up to 4 supported): [4, 4, 4, 4, 4] and more",
    );
  });

  it('when a shape holds "4", 16n or a hole, expect it reported exactly as written and refused', () => {
    const message = (shape: unknown) => thrown(() => _decompress(raw, type_float, shape as never)).message;
    expect(message(["4"])).toBe('User-provided shape must hold non-negative integers (numbers), got ["4"]');
    expect(message([16n])).toBe("User-provided shape must hold non-negative integers (numbers), got [16n]");
    // biome-ignore lint/suspicious/noSparseArray: the sparse shape is the case under test
    expect(message([, 16])).toBe(
      "User-provided shape must hold non-negative integers (numbers), got [<empty>, 16]",
    );
    const compressMessage = (shape: unknown) =>
      thrown(() => compress_numpy({ data: new Float32Array(16), shape } as never)).message;
    expect(compressMessage(["4", 4])).toBe('shape must be an array of non-negative integers, got ["4", 4]');
    expect(compressMessage([16n])).toBe("shape must be an array of non-negative integers, got [16n]");
    // biome-ignore lint/suspicious/noSparseArray: the sparse shape is the case under test
    expect(compressMessage([, 16])).toBe(
      "shape must be an array of non-negative integers, got [<empty>, 16]",
    );
  });

  it("when the shape, the array or out is a Proxy whose traps throw, expect TypeErrors (the fuzz's first finding)", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("hostile get");
        },
        has() {
          throw new Error("hostile has");
        },
        ownKeys() {
          throw new Error("hostile ownKeys");
        },
      },
    );
    const hostileArray = new Proxy([], {
      get() {
        throw new Error("hostile get");
      },
    });
    for (const shape of [hostile, hostileArray]) {
      expect(thrown(() => _decompress(raw, type_float, shape as never))).toBeInstanceOf(ZfpyTypeError);
    }
    expect(isZfpyError(thrown(() => compress_numpy(hostile as never)))).toBe(true);
    expect(isZfpyError(thrown(() => _decompress(raw, type_float, [16], hostile as never)))).toBe(true);
    expect(isZfpyError(thrown(() => _decompress(raw, type_float, [16], { out: hostile } as never)))).toBe(
      true,
    );
  });

  it("when an iterable shape throws, expect a TypeError", () => {
    const broken = {
      *[Symbol.iterator]() {
        yield 4;
        throw new Error("broken iterator");
      },
    };
    expect(thrown(() => _decompress(raw, type_float, broken as never))).toBeInstanceOf(ZfpyTypeError);
  });
});
