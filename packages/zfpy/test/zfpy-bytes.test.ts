// compress_numpy, decompress_numpy and _decompress against Debian's zfpy on the same arrays: every
// dtype, 1 to 4 dimensions, five memory layouts, eight parameter sets, with and without header.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { okAnswer, oracleParams } from "@zfpjs/tooling/testing";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import {
  _decompress,
  compress,
  compress_numpy,
  decompress_numpy,
  dtype_to_ztype,
  type ModeOptions,
  type ZfpyData,
} from "../src/index.js";
import { bytesOf, compareBytes, fill, padTo8, VIEWS } from "./arrays.js";

const DTYPES: OracleDtype[] = ["int32", "int64", "float32", "float64"];
const SHAPES: Record<number, number[]> = { 1: [23], 2: [7, 9], 3: [5, 6, 7], 4: [3, 5, 4, 6] };
const MODES: { name: string; options: ModeOptions }[] = [
  { name: "reversible", options: {} },
  { name: "tolerance 1e-3", options: { tolerance: 1e-3 } },
  { name: "tolerance 0 (expert)", options: { tolerance: 0 } },
  { name: "rate 8", options: { rate: 8 } },
  { name: "rate 3.5", options: { rate: 3.5 } },
  { name: "precision 12", options: { precision: 12 } },
  { name: "precision 0 (expert)", options: { precision: 0 } },
  { name: "precision 64 with unset negatives", options: { precision: 64, tolerance: -1, rate: -5 } },
];

interface Case {
  dtype: OracleDtype;
  dims: number;
  view: (typeof VIEWS)[number];
  mode: (typeof MODES)[number];
  array: ndarray.NdArray<ZfpyData>;
  /** Indices into the oracle batch: compress with header, without, then the decoders. */
  at: number;
}

const cases: Case[] = [];
const requests: OracleRequest[] = [];
for (const dtype of DTYPES) {
  for (const dims of [1, 2, 3, 4]) {
    const shape = SHAPES[dims]!;
    const data = fill(dtype, shape, dims * 7 + DTYPES.indexOf(dtype));
    for (const view of VIEWS) {
      for (const mode of MODES) {
        const array = view.make(ndarray(data, shape));
        const base = { op: "compress", dtype, shape, data: toBase64(data), view: view.numpy(dims) } as const;
        cases.push({ dtype, dims, view, mode, array, at: requests.length });
        requests.push({ ...base, ...oracleParams(mode.options) });
        requests.push({ ...base, ...oracleParams(mode.options), write_header: false });
      }
    }
  }
}

let answers: OracleResponse[] = [];
let decoded: OracleResponse[] = [];

function bytesAt(i: number): Uint8Array {
  return fromBase64(okAnswer(answers[i]).bytes!);
}

describeWithOracle("compress_numpy gives Debian zfpy's bytes", () => {
  beforeAll(() => {
    answers = askZfpy(requests);
    // Second batch: zfpy decodes its own streams (with header, then without).
    const decodes: OracleRequest[] = [];
    for (const c of cases) {
      decodes.push({
        op: "decompress",
        bytes: answers[c.at]!.ok ? (answers[c.at] as { bytes: string }).bytes : "",
      });
      decodes.push({
        op: "_decompress",
        bytes: answers[c.at + 1]!.ok ? (answers[c.at + 1] as { bytes: string }).bytes : "",
        ztype: dtype_to_ztype(c.dtype),
        shape: c.array.shape,
        ...oracleParams(c.mode.options),
      });
    }
    decoded = askZfpy(decodes);
  });

  for (const dtype of DTYPES) {
    for (const dims of [1, 2, 3, 4]) {
      describe(`given a ${dims}D ${dtype} array`, () => {
        const mine = cases.filter((c) => c.dtype === dtype && c.dims === dims);
        it.each(mine.map((c) => [`${c.view.name}, ${c.mode.name}`, c] as const))(
          "when compressed as %s, expect zfpy's bytes with and without header, and its decoded values",
          (_, c) => {
            const withHeader = bytesAt(c.at);
            const withoutHeader = bytesAt(c.at + 1);
            // 8-bit words: Debian's bytes exactly.
            const ours = compress_numpy(c.array, { ...c.mode.options, wordBits: 8 });
            expect(compareBytes(ours, withHeader)).toBe("equal");
            const oursRaw = compress_numpy(c.array, { ...c.mode.options, write_header: false, wordBits: 8 });
            expect(compareBytes(oursRaw, withoutHeader)).toBe("equal");
            // 64-bit words (the default): the same bytes zero-padded to a multiple of 8.
            const padded = compress(c.array, c.mode.options);
            expect(compareBytes(padded, padTo8(withHeader))).toBe("equal");
            expect(
              compareBytes(
                compress(c.array, { ...c.mode.options, writeHeader: false }),
                padTo8(withoutHeader),
              ),
            ).toBe("equal");

            const index = cases.indexOf(c);
            const zfpyValues = decoded[index * 2]!;
            const zfpyRawValues = decoded[index * 2 + 1]!;
            if (!zfpyValues.ok || !zfpyRawValues.ok) throw new Error("zfpy failed to decode its own stream");
            // decompress_numpy: zfpy's dtype, shape and values bit for bit, from either word size.
            for (const stream of [withHeader, padded]) {
              const values = decompress_numpy(stream);
              expect(values.dtype).toBe(zfpyValues.dtype); // numpy's names, "int64" included
              expect(values.shape).toEqual(zfpyValues.shape);
              expect(compareBytes(bytesOf(values.data), fromBase64(zfpyValues.data!))).toBe("equal");
            }
            // _decompress: header-less stream, caller's type, shape and parameters.
            const raw = _decompress(withoutHeader, dtype_to_ztype(c.dtype), c.array.shape, c.mode.options);
            expect(raw.shape).toEqual(zfpyRawValues.shape);
            expect(compareBytes(bytesOf(raw.data), fromBase64(zfpyRawValues.data!))).toBe("equal");
          },
        );
      });
    }
  }
});

// Full-range data (integers over their whole range, floats from 2^-60 to 2^60, where the lossy
// integer transforms wrap as in C) and larger arrays (more than 2^16 blocks of bits per stream).
const WIDE: { name: string; dtype: OracleDtype; shape: number[]; wide: boolean }[] = [
  ...DTYPES.flatMap((dtype) =>
    [1, 2, 3, 4].map((dims) => ({
      name: `${dims}D ${dtype}, full range`,
      dtype,
      shape: SHAPES[dims]!,
      wide: true,
    })),
  ),
  { name: "3D float64 64x64x64", dtype: "float64", shape: [64, 64, 64], wide: false },
  { name: "2D int64 300x200", dtype: "int64", shape: [300, 200], wide: false },
  { name: "4D float32 10x11x12x13", dtype: "float32", shape: [10, 11, 12, 13], wide: false },
];
const WIDE_MODES = MODES.filter((m) => !m.name.includes("expert"));
let wideAnswers: OracleResponse[] = [];

describeWithOracle("compress_numpy gives Debian zfpy's bytes on full-range and larger arrays", () => {
  const arrays = WIDE.map((w) => fill(w.dtype, w.shape, 77, w.wide));
  beforeAll(() => {
    const batch: OracleRequest[] = [];
    WIDE.forEach((w, i) => {
      for (const mode of WIDE_MODES) {
        batch.push({
          op: "compress",
          dtype: w.dtype,
          shape: w.shape,
          data: toBase64(arrays[i]!),
          ...oracleParams(mode.options),
        });
      }
    });
    wideAnswers = askZfpy(batch);
    const decodes: OracleRequest[] = wideAnswers.map((a) => ({
      op: "decompress",
      bytes: a.ok ? a.bytes! : "",
    }));
    wideAnswers.push(...askZfpy(decodes));
  });

  it.each(WIDE.map((w, i) => [w.name, i] as const))(
    "given %s, when compressed in every mode, expect zfpy's bytes and decoded values",
    (_, i) => {
      const w = WIDE[i]!;
      const array = ndarray(arrays[i]!, w.shape);
      WIDE_MODES.forEach((mode, k) => {
        const at = i * WIDE_MODES.length + k;
        const answer = okAnswer(wideAnswers[at]);
        const ours = compress_numpy(array, { ...mode.options, wordBits: 8 });
        expect(compareBytes(ours, fromBase64(answer.bytes!)), mode.name).toBe("equal");
        const values = okAnswer(wideAnswers[at + wideAnswers.length / 2]);
        expect(compareBytes(bytesOf(decompress_numpy(ours).data), fromBase64(values.data!)), mode.name).toBe(
          "equal",
        );
      });
    },
  );
});
