import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithOracle, PYTHON } from "@zfpjs/tooling/oracle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NpyArray, NpyFormatError, readNpy, writeNpy } from "../src/npy.js";

const dir = mkdtempSync(join(tmpdir(), "zfpjs-npy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(script: string, input = ""): string {
  const run = spawnSync(PYTHON, ["-c", script], { input, encoding: "utf8", cwd: dir });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** Values of an array in C order (last axis fastest), as numbers. */
function cOrderValues(array: NpyArray): number[] {
  const count = array.data.length;
  const values: number[] = [];
  const shape = array.shape;
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let offset = 0;
    let step = 1;
    const axes = array.fortranOrder ? shape.map((_, k) => k) : shape.map((_, k) => shape.length - 1 - k);
    for (const axis of axes) {
      offset += index[axis]! * step;
      step *= shape[axis]!;
    }
    values.push(Number(array.data[offset]));
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return values;
}

const CASES: { name: string; dtype: string; order: "C" | "F"; version: number; shape: number[] }[] = [];
for (const dtype of ["<f4", ">f4", "<f8", ">f8", "<i4", ">i4", "<i8", ">i8"]) {
  for (const order of ["C", "F"] as const) {
    for (const version of [1, 2, 3])
      CASES.push({ name: `${dtype}-${order}-${version}`, dtype, order, version, shape: [3, 4, 5] });
  }
}
CASES.push({ name: "1d", dtype: "<f8", order: "C", version: 1, shape: [7] });
CASES.push({ name: "4d", dtype: "<f4", order: "F", version: 1, shape: [2, 3, 4, 5] });

describeWithOracle("given .npy files written by numpy", () => {
  let expected: Record<string, { values: number[]; shape: number[] }> = {};
  beforeAll(() => {
    const script = `
import json, sys, numpy as np
out = {}
for case in json.load(sys.stdin):
    shape = tuple(case["shape"])
    a = (np.arange(np.prod(shape)).reshape(shape) * 3 - 17).astype(np.dtype(case["dtype"]))
    if case["order"] == "F":
        a = np.asfortranarray(a)
    with open(case["name"] + ".npy", "wb") as f:
        np.lib.format.write_array(f, a, version=(case["version"], 0))
    out[case["name"]] = {"values": [float(v) for v in a.ravel(order="C")], "shape": list(a.shape)}
print(json.dumps(out))
`;
    expected = JSON.parse(python(script, JSON.stringify(CASES)));
  });

  it.each(CASES)("when reading $name, expect numpy's dtype, shape and values", (c) => {
    const array = readNpy(new Uint8Array(readFileSync(join(dir, `${c.name}.npy`))));
    expect(array.dtype).toBe({ f4: "float32", f8: "float64", i4: "int32", i8: "int64" }[c.dtype.slice(1)]);
    expect(array.shape).toEqual(expected[c.name]!.shape);
    expect(array.fortranOrder).toBe(c.order === "F" && c.shape.length > 1);
    expect(cOrderValues(array)).toEqual(expected[c.name]!.values);
  });
});

describeWithOracle("given arrays written by writeNpy", () => {
  it("when numpy loads them, expect the same dtype, shape, order and values", () => {
    const arrays: { name: string; array: NpyArray }[] = [
      {
        name: "w-f4",
        array: {
          dtype: "float32",
          shape: [2, 3],
          fortranOrder: false,
          data: new Float32Array([1, 2, 3, 4, 5, 6.5]),
        },
      },
      {
        name: "w-f8",
        array: {
          dtype: "float64",
          shape: [4],
          fortranOrder: false,
          data: new Float64Array([-1, 0.25, 1e300, 5e-324]),
        },
      },
      {
        name: "w-i4",
        array: {
          dtype: "int32",
          shape: [1, 2, 1, 2],
          fortranOrder: false,
          data: new Int32Array([-2147483648, 2147483647, 0, 7]),
        },
      },
      {
        name: "w-i8",
        array: {
          dtype: "int64",
          shape: [3],
          fortranOrder: false,
          data: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 5n]),
        },
      },
      {
        name: "w-F",
        array: {
          dtype: "float64",
          shape: [2, 3],
          fortranOrder: true,
          data: new Float64Array([1, 2, 3, 4, 5, 6]),
        },
      },
    ];
    for (const { name, array } of arrays) {
      const parts = writeNpy(array);
      expect(parts[0]!.length % 64).toBe(0);
      writeFileSync(join(dir, `${name}.npy`), Buffer.concat(parts));
    }
    const script = `
import json, sys, numpy as np
out = {}
for name in json.load(sys.stdin):
    a = np.load(name + ".npy")
    out[name] = {"dtype": a.dtype.str, "shape": list(a.shape), "fortran": bool(np.isfortran(a)), "values": [repr(v) for v in a.ravel(order="C").tolist()]}
print(json.dumps(out))
`;
    const loaded = JSON.parse(python(script, JSON.stringify(arrays.map((a) => a.name))));
    expect(loaded["w-f4"]).toEqual({
      dtype: "<f4",
      shape: [2, 3],
      fortran: false,
      values: ["1.0", "2.0", "3.0", "4.0", "5.0", "6.5"],
    });
    expect(loaded["w-f8"].values).toEqual(["-1.0", "0.25", "1e+300", "5e-324"]);
    expect(loaded["w-i4"]).toMatchObject({
      dtype: "<i4",
      shape: [1, 2, 1, 2],
      values: ["-2147483648", "2147483647", "0", "7"],
    });
    expect(loaded["w-i8"].values).toEqual(["-9223372036854775808", "9223372036854775807", "5"]);
    expect(loaded["w-F"]).toEqual({
      dtype: "<f8",
      shape: [2, 3],
      fortran: true,
      values: ["1.0", "3.0", "5.0", "2.0", "4.0", "6.0"],
    });
  });
});

describe("given malformed .npy input", () => {
  const good = Buffer.concat(
    writeNpy({ dtype: "float32", shape: [4], fortranOrder: false, data: new Float32Array(4) }),
  );
  it("when the magic is wrong, expect a NpyFormatError saying so", () => {
    expect(() => readNpy(new Uint8Array(10))).toThrow(/not a .npy file/);
  });
  it("when the data is short, expect a truncation error with both sizes", () => {
    expect(() => readNpy(new Uint8Array(good.subarray(0, good.length - 1)))).toThrow(
      /needs 16 bytes of data, found 15/,
    );
  });
  it("when the header is cut, expect a truncation error", () => {
    expect(() => readNpy(new Uint8Array(good.subarray(0, 20)))).toThrow(NpyFormatError);
  });
  it("when the dtype is not supported, expect an error naming it", () => {
    const text = Buffer.from(good).toString("latin1").replace("<f4", "<u2");
    expect(() => readNpy(new Uint8Array(Buffer.from(text, "latin1")))).toThrow(/unsupported dtype '<u2'/);
  });
  it("when the version is unknown, expect an error naming it", () => {
    const bytes = new Uint8Array(good);
    bytes[6] = 9;
    expect(() => readNpy(bytes)).toThrow(/version 9.0/);
  });
});
