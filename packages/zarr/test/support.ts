// Test helpers: the Python oracle (Debian's zarr 2.13, numcodecs 0.11, libzfp via ctypes) and a
// directory store for zarrita.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeRequiring } from "@zfpjs/tooling/oracle";

export const PYTHON = process.env.ZFPJS_ORACLE_PYTHON ?? "/usr/bin/python3";
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "zarr_oracle.py");

/** One answer of the oracle script. */
export type Answer = { ok: true; [key: string]: unknown } | { ok: false; error: string; message: string };

/** Runs a batch of requests in one Python process; throws if any failed. */
export function askPython(requests: object[]): Record<string, string>[] {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.error) throw run.error;
  const answers = run.stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Answer);
  if (answers.length !== requests.length) throw new Error(`oracle stopped early: ${run.stderr}`);
  for (const answer of answers) if (!answer.ok) throw new Error(`oracle: ${answer.error}: ${answer.message}`);
  return answers as unknown as Record<string, string>[];
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

export function toBase64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");
}

const MISSING = (() => {
  const probe = spawnSync(
    PYTHON,
    ["-c", "import zarr, numcodecs, numpy, ctypes; ctypes.CDLL('libzfp.so.1')"],
    {
      encoding: "utf8",
    },
  );
  return probe.status === 0
    ? ""
    : `${PYTHON} lacks zarr/numcodecs/libzfp: ${(probe.stderr ?? String(probe.error)).trim()}`;
})();

/**
 * `describe` for tests that need Debian's zarr, numcodecs and libzfp. Under CI=true a missing
 * oracle fails (CI never skips); locally the block is skipped with a message.
 */
export function describeWithZarrOracle(name: string, body: () => void): void {
  describeRequiring(
    name,
    MISSING ? `${MISSING}; apt-get install -y python3-zarr python3-numcodecs python3-numpy zfp` : undefined,
    body,
  );
}

/** A zarrita store over a directory (keys are "/a/b" paths), with byte ranges for sharded arrays. */
export class DirectoryStore {
  constructor(readonly root: string) {}
  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(readFileSync(join(this.root, key)));
    } catch {
      return undefined;
    }
  }
  /** A byte range of a file, as zarrita's sharding reads a shard's index and its inner chunks. */
  async getRange(
    key: string,
    range: { offset: number; length: number } | { suffixLength: number },
  ): Promise<Uint8Array | undefined> {
    const whole = await this.get(key);
    if (whole === undefined) return undefined;
    if ("suffixLength" in range) return whole.subarray(whole.length - range.suffixLength);
    return whole.subarray(range.offset, range.offset + range.length);
  }
  async set(key: string, value: Uint8Array): Promise<void> {
    const path = join(this.root, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, value);
  }
}

/** The typed array of each Zarr data type the tests use. */
export const TYPED_ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
} as const;
export type ZarrDtype = keyof typeof TYPED_ARRAYS;

/** zfpy's (and numcodecs.zfpy's) four data types. */
export const ZFPY_DTYPES = ["float32", "float64", "int32", "int64"] as const;

/** C-order strides of a shape. */
export function strides(shape: readonly number[]): number[] {
  const out: number[] = [];
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    out[axis] = step;
    step *= shape[axis]!;
  }
  return out;
}

/** Every chunk index of a chunk grid, in C order. */
export function chunkIndices(shape: readonly number[], chunks: readonly number[]): number[][] {
  const grid = shape.map((n, axis) => Math.ceil(n / chunks[axis]!));
  let out: number[][] = [[]];
  for (const n of grid) out = out.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]));
  return out;
}

/** The full chunk (padded with `fill`, default 0) at `index` of a C-ordered array. */
export function chunkOf<A extends { length: number; [i: number]: number | bigint }>(
  data: A,
  shape: readonly number[],
  chunks: readonly number[],
  index: readonly number[],
  make: (n: number) => A,
  fill?: number | bigint,
): A {
  const count = chunks.reduce((a, b) => a * b, 1);
  const out = make(count);
  if (fill !== undefined) for (let i = 0; i < count; i++) out[i] = fill;
  const s = strides(shape);
  const cs = strides(chunks);
  for (let i = 0; i < count; i++) {
    let at = 0;
    let inside = true;
    for (let axis = 0; axis < chunks.length; axis++) {
      const local = Math.floor(i / cs[axis]!) % chunks[axis]!;
      const global = index[axis]! * chunks[axis]! + local;
      if (global >= shape[axis]!) inside = false;
      at += global * s[axis]!;
    }
    if (inside) out[i] = data[at]!;
  }
  return out;
}
