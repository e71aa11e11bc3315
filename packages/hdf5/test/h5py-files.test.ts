// HDF5 files written by Debian's h5py with the H5Z-ZFP filter plugin, read through jsfive with
// @zfpjs/hdf5's filter: the values equal h5py's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as hdf5 from "jsfive";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { H5Z_FILTER_ZFP, parseCdValues, register } from "../src/index.js";
import { type DatasetRequest, describeWithH5Oracle, writeWithH5py } from "./support.js";

const ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
} as const;
type Dtype = keyof typeof ARRAYS;

const MODES: Record<string, Record<string, number | string>> = {
  rate: { mode: "rate", rate: 16 },
  precision: { mode: "precision", precision: 20 },
  accuracy: { mode: "accuracy", tolerance: 0.01 },
  expert: { mode: "expert", minbits: 8, maxbits: 900, maxprec: 26, minexp: -9 },
  reversible: { mode: "reversible" },
};
// 1-4D with edge chunks, and chunk shapes with size-1 axes (zfp sees fewer dimensions)
const SHAPES = [
  { shape: [37], chunks: [16] },
  { shape: [10, 7], chunks: [4, 4] },
  { shape: [6, 9, 5], chunks: [4, 4, 3] },
  { shape: [5, 3, 6, 4], chunks: [2, 3, 4, 3] },
  { shape: [6, 4, 9], chunks: [4, 1, 5] },
  { shape: [3, 4, 5, 6], chunks: [1, 2, 1, 4] },
];

const root = mkdtempSync(join(tmpdir(), "zfpjs-hdf5-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function datasetName(dtype: string, mode: string, shape: number[], chunks: number[]): string {
  return `${dtype}_${mode}_${shape.join("x")}_c${chunks.join("x")}`;
}

describeWithH5Oracle("given HDF5 files written by h5py with H5Z-ZFP", () => {
  const files: Record<Dtype, { path: string; read: Record<string, Uint8Array>; datasets: DatasetRequest[] }> =
    {} as never;

  beforeAll(() => {
    register(hdf5.Filters);
    let seed = 0;
    for (const dtype of Object.keys(ARRAYS) as Dtype[]) {
      const datasets: DatasetRequest[] = [];
      for (const [mode, parameters] of Object.entries(MODES))
        for (const { shape, chunks } of SHAPES)
          datasets.push({
            name: datasetName(dtype, mode, shape, chunks),
            dtype,
            shape,
            chunks,
            mode: parameters,
            seed: seed++,
          });
      const path = join(root, `${dtype}.h5`);
      files[dtype] = { path, read: writeWithH5py(path, datasets), datasets };
    }
  }, 300_000);

  describe.each(Object.keys(ARRAYS) as Dtype[])("of %s", (dtype) => {
    it("when read through jsfive, expect h5py's values in every mode, 1-4D, with size-1 chunk axes", () => {
      const { path, read, datasets } = files[dtype];
      const bytes = readFileSync(path);
      const file = new hdf5.File(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        "test.h5",
      );
      for (const request of datasets) {
        const dataset = file.get(request.name) as hdf5.Dataset;
        expect(dataset._dataobjects.filter_pipeline?.[0]?.get("filter_id")).toBe(H5Z_FILTER_ZFP);
        expect(dataset.shape).toEqual(request.shape);
        const expected = new ARRAYS[dtype](read[request.name]!.slice().buffer);
        const got = dataset.value as (number | bigint)[];
        const values =
          dtype === "int64" ? BigInt64Array.from(got, (v) => BigInt(v)) : new ARRAYS[dtype](got as number[]);
        expect(values, request.name).toEqual(expected);
      }
    });
  });

  it("when the cd_values are parsed, expect the header's type, sizes without size-1 axes, and parameters", () => {
    const bytes = readFileSync(files.float32.path);
    const file = new hdf5.File(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      "test.h5",
    );
    const dataset = file.get(datasetName("float32", "expert", [6, 4, 9], [4, 1, 5])) as hdf5.Dataset;
    const parameters = parseCdValues(
      dataset._dataobjects.filter_pipeline![0]!.get("client_data") as number[],
    );
    expect(parameters.type).toBe("float");
    expect(parameters.shape).toEqual([4, 5]);
    expect(parameters.config).toEqual({ minbits: 8, maxbits: 900, maxprec: 26, minexp: -9 });
    expect(parameters.swapped).toBe(false);
  });
});
