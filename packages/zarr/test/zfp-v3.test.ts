// Zarr v3 arrays with zarr-extensions' `zfp` codec (the registry's examples, zarrs' aliases),
// written and read through zarrita: each chunk equals Debian libzfp's header-less stream of the
// same chunk with the same parameters (zero-padded to 64-bit words), and the values read equal
// libzfp's decompression of it (8/16-bit via zfp_demote_*, uint clamped as zarrs does).

import { beforeAll, describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { register } from "../src/index.js";
import {
  askPython,
  chunkIndices,
  chunkOf,
  describeWithZarrOracle,
  fromBase64,
  strides,
  TYPED_ARRAYS,
  toBase64,
  type ZarrDtype,
} from "./support.js";

type Dtype = ZarrDtype;
type Values = InstanceType<(typeof TYPED_ARRAYS)[Dtype]>;

// zarr-extensions' codecs/zfp/examples (and the README's fixed_accuracy one), in that shape
const CONFIGS = [
  { mode: "fixed_rate", rate: 10.5 },
  { mode: "fixed_precision", precision: 19 },
  { mode: "fixed_accuracy", tolerance: 0.05 },
  { mode: "reversible" },
  { mode: "expert", minbits: 1, maxbits: 13, maxprec: 19, minexp: -2 },
] as const;
const NAMES = ["zfp", "zarrs.zfp", "https://codec.zarrs.dev/array_to_bytes/zfp"];
const SHAPES = [
  { shape: [37], chunks: [16] },
  { shape: [10, 7], chunks: [4, 4] },
  { shape: [6, 9, 5], chunks: [4, 4, 3] },
  { shape: [5, 3, 6, 4], chunks: [2, 3, 4, 3] },
];

/** Deterministic values spanning each type's range (uint32/uint64 above the signed maximum too). */
function sample(dtype: Dtype, count: number, seed: number): Values {
  const out = new TYPED_ARRAYS[dtype](count);
  let x = seed * 7919 + 1;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    const smooth = Math.sin(i / 5) * 0.9 + ((x >>> 8) % 1000) / 10000;
    if (out instanceof Float32Array || out instanceof Float64Array) out[i] = smooth * 1000;
    else if (out instanceof BigInt64Array) out[i] = BigInt(Math.round(smooth * 2 ** 52)) * 1000n;
    else if (out instanceof BigUint64Array) out[i] = BigInt(Math.round((smooth + 1) * 2 ** 52)) * 2000n;
    else if (out instanceof Uint32Array) out[i] = Math.round((smooth + 1) * 2 ** 31) >>> 0;
    else if (out instanceof Int32Array) out[i] = Math.round(smooth * 2 ** 30);
    else {
      const bits = out.BYTES_PER_ELEMENT * 8;
      const unsigned = out instanceof Uint8Array || out instanceof Uint16Array;
      out[i] = Math.round(smooth * 2 ** (bits - 1)) + (unsigned ? 2 ** (bits - 1) : 0);
    }
  }
  return out;
}

interface Case {
  dtype: Dtype;
  name: string;
  config: (typeof CONFIGS)[number];
  shape: number[];
  chunks: number[];
  data: Values;
  /** Per chunk: libzfp's bytes and decoded values. */
  expected: { bytes: Uint8Array; decoded: Values }[];
}

function makeCases(): Case[] {
  const cases: Case[] = [];
  let seed = 0;
  for (const dtype of Object.keys(TYPED_ARRAYS) as Dtype[])
    for (const config of CONFIGS)
      for (const { shape, chunks } of SHAPES) {
        const count = shape.reduce((a, b) => a * b, 1);
        const name = NAMES[seed % NAMES.length]!;
        cases.push({ dtype, name, config, shape, chunks, data: sample(dtype, count, seed++), expected: [] });
      }
  return cases;
}

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  out.set(bytes);
  return out;
}

describeWithZarrOracle("given Zarr v3 arrays with the zfp codec, written and read through zarrita", () => {
  const cases = makeCases();

  beforeAll(() => {
    register();
    const requests: object[] = [];
    for (const c of cases)
      for (const index of chunkIndices(c.shape, c.chunks)) {
        const chunk = chunkOf(
          c.data as Float64Array,
          c.shape,
          c.chunks,
          index,
          (n) => new TYPED_ARRAYS[c.dtype](n) as Float64Array,
        );
        requests.push({
          op: "libzfp",
          dtype: c.dtype,
          shape: c.chunks,
          data: toBase64(chunk),
          mode: c.config,
        });
      }
    const answers = askPython(requests);
    let k = 0;
    for (const c of cases)
      for (const _ of chunkIndices(c.shape, c.chunks)) {
        const answer = answers[k++]!;
        c.expected.push({
          bytes: fromBase64(answer.bytes!),
          decoded: new TYPED_ARRAYS[c.dtype](fromBase64(answer.decoded!).buffer as ArrayBuffer) as Values,
        });
      }
  }, 300_000);

  describe.each(Object.keys(TYPED_ARRAYS) as Dtype[])("of %s", (dtype) => {
    it("when written, expect each chunk to be libzfp's header-less stream; when read, libzfp's values", async () => {
      for (const c of cases.filter((c) => c.dtype === dtype)) {
        const what = `${c.name} ${JSON.stringify(c.config)} ${c.shape}`;
        const store = new Map<string, Uint8Array>();
        const created = await zarr.create(store, {
          shape: c.shape,
          chunkShape: c.chunks,
          dtype,
          codecs: [{ name: c.name, configuration: { ...c.config } }],
          fillValue: 0 as never, // pads the edge chunks
        });
        // reopened, zarrita reads the fill value as its type wants it (0n for 64-bit integers)
        const array = dtype.endsWith("int64") ? await zarr.open(store, { kind: "array" }) : created;
        await zarr.set(array, null, { data: c.data, shape: c.shape, stride: strides(c.shape) } as never);
        const expected = new TYPED_ARRAYS[dtype](c.data.length);
        const indices = chunkIndices(c.shape, c.chunks);
        indices.forEach((index, k) => {
          const stored = store.get(`/c/${index.join("/")}`);
          expect(stored, `${what} chunk ${index}`).toEqual(padded(c.expected[k]!.bytes));
          // place the chunk's decoded values into the array
          const decoded = c.expected[k]!.decoded;
          const cs = strides(c.chunks);
          const s = strides(c.shape);
          for (let i = 0; i < decoded.length; i++) {
            let at = 0;
            let inside = true;
            for (let axis = 0; axis < c.chunks.length; axis++) {
              const g = index[axis]! * c.chunks[axis]! + (Math.floor(i / cs[axis]!) % c.chunks[axis]!);
              if (g >= c.shape[axis]!) inside = false;
              at += g * s[axis]!;
            }
            if (inside) (expected as Float64Array)[at] = decoded[i] as number;
          }
        });
        const metadata = JSON.parse(new TextDecoder().decode(store.get("/zarr.json")));
        expect(metadata.codecs).toEqual([{ name: c.name, configuration: c.config }]);
        const reopened = await zarr.open(store, { kind: "array" });
        const back = await zarr.get(reopened);
        expect(back.data, what).toEqual(expected);
      }
    });
  });
});
