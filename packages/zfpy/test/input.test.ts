import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { ZfpyRuntimeError, ZfpyTypeError, ZfpyValueError } from "../src/index.js";
import { checkArray, fieldOf, isContiguous, zfpGeometry } from "../src/input.js";

describe("given an input array", () => {
  it("when it is a bare typed array, expect a 1D array with unit stride", () => {
    const checked = checkArray(new Float32Array(7));
    expect(checked.shape).toEqual([7]);
    expect(checked.stride).toEqual([1]);
    expect(checked.offset).toBe(0);
    expect(checked.info.scalar).toBe("float");
  });

  it("when it is {data, shape} without strides, expect C-contiguous strides", () => {
    const checked = checkArray({ data: new Float64Array(24), shape: [2, 3, 4] });
    expect(checked.stride).toEqual([12, 4, 1]);
    expect(isContiguous(checked)).toBe(true);
  });

  it("when it is an ndarray view, expect its shape, strides and offset as given", () => {
    const a = ndarray(new Int32Array(60), [3, 4, 5]).step(-1, 2, 1).transpose(2, 0, 1);
    const checked = checkArray(a);
    expect(checked.shape).toEqual(a.shape);
    expect(checked.stride).toEqual(a.stride);
    expect(checked.offset).toBe(a.offset);
    expect(isContiguous(checked)).toBe(false);
  });

  it("when reversed into zfp order, expect nx = shape[-1] and sx = stride[-1], as zfpy's _init_field", () => {
    expect(zfpGeometry([2, 3, 5], [15, 5, 1], 7)).toEqual({
      nx: 5,
      ny: 3,
      nz: 2,
      nw: 0,
      sx: 1,
      sy: 5,
      sz: 15,
      sw: 0,
      offset: 7,
    });
    expect(zfpGeometry([2, 3, 4, 5], [-1, 2, 6, 24], 1)).toMatchObject({
      nx: 5,
      ny: 4,
      nz: 3,
      nw: 2,
      sx: 24,
      sw: -1,
    });
  });

  it("when a broadcast axis has stride 0, expect a field over the same data with the 0 stride kept", () => {
    const data = new Float32Array([1, 2, 3]);
    const field = fieldOf(checkArray(ndarray(data, [4, 3], [0, 1])));
    expect(field.data).toBe(data);
    expect(field).toMatchObject({ nx: 3, ny: 4, sx: 1, sy: 0, explicitStrides: true });
  });
});

describe("given an input zfpy refuses or leaves to chance", () => {
  it("when it is null or undefined, expect zfpy's TypeError 'Input array cannot be None'", () => {
    for (const arr of [null, undefined]) {
      const error = catchError(() => checkArray(arr));
      expect(error).toBeInstanceOf(ZfpyTypeError);
      expect(error.message).toBe(
        `Input array cannot be ${String(arr)} (expected an ndarray or a typed array)`,
      );
      expect(error.pythonError).toBe("TypeError");
    }
  });

  it("when it is not an array, expect zfpy's 'Argument 'arr' has incorrect type' naming what was found", () => {
    const error = catchError(() => checkArray([1, 2, 3]));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(
      "Argument 'arr' has incorrect type (expected ndarray, typed array or {data, shape}, got Array(3))",
    );
    expect(catchError(() => checkArray(new DataView(new ArrayBuffer(8)))).message).toContain("got DataView");
  });

  it.each([
    ["Uint8Array", new Uint8Array(4), "uint8"],
    ["Uint32Array", new Uint32Array(4), "uint32"],
    ["Int16Array", new Int16Array(4), "int16"],
    ["BigUint64Array", new BigUint64Array(4), "biguint64"],
    ["a plain array in an ndarray", ndarray([1, 2, 3, 4]), "array"],
  ])("when the data is %s, expect TypeError 'Unknown dtype: %s'", (_, arr, name) => {
    const error = catchError(() => checkArray(arr));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(
      `Unknown dtype: ${name} (zfp compresses int32, int64, float32 and float64: Int32Array, BigInt64Array, Float32Array, Float64Array)`,
    );
  });

  it("when it has 5 dimensions, expect zfpy's RuntimeError 'Greater than 4 dimensions not supported'", () => {
    const error = catchError(() => checkArray(ndarray(new Float32Array(32), [2, 2, 2, 2, 2])));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect(error.message).toBe("Greater than 4 dimensions not supported (shape [2, 2, 2, 2, 2] has 5)");
  });

  it("when it has 0 dimensions, expect a RuntimeError saying zfp needs 1 to 4", () => {
    const error = catchError(() => checkArray({ data: new Float32Array(1), shape: [] }));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect(error.message).toBe("0-dimensional arrays are not supported (zfp compresses 1 to 4 dimensions)");
  });

  it.each([
    [[0], "axis 0 of shape [0]"],
    [[4, 0], "axis 1 of shape [4, 0]"],
    [[0, 4], "axis 0 of shape [0, 4]"],
  ])("when shape is %j (zfpy crashes or reads garbage), expect a ValueError naming %s", (shape, where) => {
    const error = catchError(() => checkArray({ data: new Float64Array(4), shape }));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      `Cannot compress an empty array: ${where} has length 0 (zfp needs at least one value along every axis)`,
    );
  });

  it("when the view reaches outside its data, expect a ValueError with the reach and the length", () => {
    const error = catchError(() => checkArray({ data: new Float32Array(10), shape: [3, 4] }));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "array view (shape [3, 4], stride [4, 1], offset 0) reaches indices 0..11, outside its data of length 10",
    );
    const negative = catchError(() => checkArray({ data: new Float32Array(10), shape: [3], stride: [-1] }));
    expect(negative.message).toContain("reaches indices -2..0");
  });

  it("when shape, stride or offset are malformed, expect a TypeError saying what was expected", () => {
    expect(catchError(() => checkArray({ data: new Float32Array(4), shape: [2.5] })).message).toBe(
      "shape must be an array of non-negative integers, got [2.5]",
    );
    expect(
      catchError(() => checkArray({ data: new Float32Array(4), shape: [4], stride: [1, 1] })).message,
    ).toBe("stride must be an array of 1 integers (one per axis of shape [4]), got [1, 1]");
    expect(catchError(() => checkArray({ data: new Float32Array(4), shape: [4], offset: -1 })).message).toBe(
      "offset must be a non-negative integer, got number -1",
    );
  });
});

function catchError(run: () => unknown): Error & { pythonError?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}
