// Argument-list fuzzing of the zfpy facade (issue 12): options objects with unknown or mistyped
// keys, zfpy's positional forms, null, numbers, Proxies, fake typed arrays, detached buffers and
// endless iterables, in any slot of any call. Each call must end in a typed error or a result
// that checks out; anything else (an untyped exception, a wrong-looking result) is a finding.
import {
  _decompress,
  compress,
  compress_numpy,
  decompress,
  decompress_numpy,
  decompressHeaderless,
  dtype_to_ztype,
  header,
  type StridedArray,
  ztype_to_dtype,
} from "@zfpjs/zfpy";
import type { Random } from "./mutate.js";

/** One call of the facade: what it is (for findings), how to run it, and what its result must satisfy. */
export interface ApiCall {
  readonly label: string;
  readonly run: () => unknown;
}

const KEYS = [
  "tolerance",
  "rate",
  "precision",
  "write_header",
  "writeHeader",
  "wordBits",
  "nonFinite",
  "out",
  "maxOutputBytes",
  "maxElements",
  "dtype",
  "type",
  "shape",
  "tolerence",
  "Rate",
  "__proto__",
  "constructor",
] as const;

// No rate near 1e10: zfp caps maxbits at ~1.09e9 bits per block, and writing a block of that
// size is real work (0.1-0.3 s, as in zfp), which a loaded machine can stretch past HANG_MS.
const NUMBERS = [
  -1,
  0,
  -0,
  1,
  4,
  8,
  12,
  1e-3,
  3.5,
  -5,
  64,
  1e4,
  2 ** 31,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(64);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

function detachedView(): Float32Array {
  const view = new Float32Array(16);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

function* endless(): Generator<number> {
  for (;;) yield 4;
}

/** A plain options object: 0..3 keys (known, misspelt or hostile) with random values. */
function randomOptions(random: Random, depth: number): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const count = Math.floor(random() * 4);
  for (let k = 0; k < count; k++) {
    const key = pick(random, KEYS);
    const value = random() < 0.6 ? pick(random, NUMBERS) : randomValue(random, depth + 1);
    Object.defineProperty(options, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return options;
}

/** Any value a caller might pass by mistake (or on purpose), small enough to decode quickly. */
export function randomValue(random: Random, depth = 0): unknown {
  const kinds = depth > 1 ? 18 : 24;
  switch (Math.floor(random() * kinds)) {
    case 0:
    case 1:
    case 2:
      return pick(random, NUMBERS);
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return pick(random, [true, false]);
    case 6:
      return pick(random, ["x", "float32", "int64", "bigint64", "8", ""]);
    case 7:
      return pick(random, [8n, -1n, 0n]);
    case 8: {
      const sparse: unknown[] = [];
      sparse[1] = 16; // [ , 16]: a hole where a size belongs
      return pick(random, [[4], [4, 4], ["4"], [16n], sparse, [], [4, 4, 4, 4, 4], [-1], [2.5]]);
    }
    case 9:
      return pick(random, [
        new Float32Array(16),
        new Float64Array(16),
        new Int32Array(16),
        new BigInt64Array(16),
        new Uint8Array(16),
      ]);
    case 10:
      return new Proxy(new Float64Array(16), {});
    case 11:
      return Object.create(pick(random, [Float64Array.prototype, Float32Array.prototype, null]));
    case 12:
      return random() < 0.5 ? detachedBuffer() : detachedView();
    case 13:
      return new ArrayBuffer(pick(random, [0, 64, 128]));
    case 14: {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 15:
      return endless();
    case 16:
      return new Proxy(
        {},
        {
          ownKeys() {
            throw new Error("hostile ownKeys");
          },
          get() {
            throw new Error("hostile get");
          },
          has() {
            throw new Error("hostile has");
          },
        },
      );
    case 17:
      return { data: new Float32Array(16), shape: pick(random, [[4, 4], [16], [2, 8]]) };
    default:
      return random() < 0.3 ? new Proxy(randomOptions(random, depth), {}) : randomOptions(random, depth);
  }
}

function randomList(random: Random, max: number): unknown[] {
  const length = Math.floor(random() * (max + 1));
  return Array.from({ length }, () => (random() < 0.5 ? pick(random, NUMBERS) : randomValue(random)));
}

/** The valid inputs calls are made around: a 4x4 float32 array and its streams in one mode. */
export interface ApiInputs {
  readonly array: StridedArray<Float32Array>;
  readonly withHeader: Uint8Array;
  readonly headerless: Uint8Array;
}

export function apiInputs(): ApiInputs {
  const array = { data: new Float32Array(16).map((_, i) => Math.sin(i / 3)), shape: [4, 4] };
  return {
    array,
    withHeader: compress_numpy(array, { rate: 8 }),
    headerless: compress_numpy(array, { rate: 8, write_header: false }),
  };
}

function describeArgs(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "bigint") return `${a}n`;
      if (typeof a === "number" || typeof a === "boolean" || a === null || a === undefined) return String(a);
      if (typeof a === "string") return JSON.stringify(a);
      try {
        return Object.prototype.toString.call(a);
      } catch {
        return "<unreadable>";
      }
    })
    .join(", ");
}

/** Result checks: a call that returns must return what its kind promises. */
function checkBytes(arr: unknown, result: unknown): void {
  if (!(result instanceof Uint8Array) || result.length === 0) throw new Error("compress returned no bytes");
  // With a header, the stream must decode to the input's shape and type.
  if (result[0] === 0x7a && result[1] === 0x66 && result[2] === 0x70) {
    const back = decompress_numpy(result);
    const input = arr as { data?: ArrayBufferView; shape?: number[] };
    const shape = ArrayBuffer.isView(arr) ? [(arr as Float32Array).length] : input.shape;
    const data = ArrayBuffer.isView(arr) ? arr : input.data;
    if (back.shape.join() !== shape?.join() || back.data.constructor !== data?.constructor) {
      throw new Error(
        `compressed stream decodes to ${back.dtype} ${back.shape}, not the input's type and shape`,
      );
    }
  }
}

function checkArray(result: unknown): void {
  const array = result as { data?: unknown; shape?: unknown; size?: unknown };
  if (typeof result !== "object" || result === null || !ArrayBuffer.isView(array.data)) {
    throw new Error("decompression returned no array");
  }
  if (!Array.isArray(array.shape) || !array.shape.every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new Error(`decompression returned shape ${String(array.shape)}`);
  }
}

/**
 * A random call of the facade: the valid inputs mostly in their slots, random values in the
 * others, positional forms and options objects mixed as a porting user might mix them.
 */
export function randomApiCall(random: Random, inputs: ApiInputs): ApiCall {
  const maybe = (valid: unknown) => (random() < 0.85 ? valid : randomValue(random));
  const choice = Math.floor(random() * 10);
  const call = (
    label: string,
    fn: (...args: unknown[]) => unknown,
    args: unknown[],
    check: (r: unknown) => void,
  ) => ({
    label: `${label}(${describeArgs(args)})`,
    run: () => {
      const result = fn(...args);
      check(result);
      return result;
    },
  });
  const compressCall = (label: string, fn: (...args: unknown[]) => unknown, extra: number) => {
    const arr = maybe(inputs.array);
    return call(label, fn, [arr, ...randomList(random, extra)], (r) => checkBytes(arr, r));
  };
  switch (choice) {
    case 0:
    case 1:
      return compressCall("compress_numpy", compress_numpy as never, 6);
    case 2:
      return compressCall("compress", compress as never, 2);
    case 3:
      return call(
        "decompress_numpy",
        decompress_numpy as never,
        [maybe(inputs.withHeader), ...randomList(random, 2)],
        checkArray,
      );
    case 4:
      return call(
        "decompress",
        decompress as never,
        [maybe(inputs.withHeader), ...randomList(random, 2)],
        checkArray,
      );
    case 5:
    case 6:
    case 7:
      return call(
        "_decompress",
        _decompress as never,
        [
          maybe(inputs.headerless),
          random() < 0.8 ? pick(random, [1, 2, 3, 4]) : randomValue(random),
          maybe([4, 4]),
          ...randomList(random, 6),
        ],
        (r) => {
          // zfpy returns `out` itself when it is an ndarray; otherwise a new array.
          checkArray(r);
        },
      );
    case 8:
      return call(
        "decompressHeaderless",
        decompressHeaderless as never,
        [
          maybe(inputs.headerless),
          random() < 0.5
            ? { type: "float32", shape: [4, 4], ...randomOptions(random, 1) }
            : randomValue(random),
        ],
        checkArray,
      );
    default: {
      const value = randomValue(random);
      const [name, fn] = pick(random, [
        ["header", header],
        ["dtype_to_ztype", dtype_to_ztype],
        ["ztype_to_dtype", ztype_to_dtype],
      ] as const);
      return call(name, fn as never, [value], () => {});
    }
  }
}
