// .npy files (numpy's format 1.0 to 3.0), little-endian, C order, of the four dtypes zfp takes.
import { allocate, type Dtype, type Input, itemSize, sizeOf } from "./arrays.js";

/** A file that is not a .npy this page can read, with the reason. */
export class NpyError extends Error {}

const DESCR: Record<string, Dtype> = { "<i4": "int32", "<i8": "int64", "<f4": "float32", "<f8": "float64" };

/** Reads a .npy file. */
export function readNpy(bytes: Uint8Array): Input {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw new NpyError("not a .npy file (no \\x93NUMPY magic)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined)
    throw new NpyError(`unreadable .npy header: ${header.trim()}`);
  const dtype = DESCR[descr.replace("|", "<")];
  if (!dtype)
    throw new NpyError(
      `dtype ${descr} is not one zfp compresses (int32, int64, float32, float64, little-endian)`,
    );
  if (fortran === "True")
    throw new NpyError("Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.length < 1 || shape.length > 4 || shape.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new NpyError(`zfp takes arrays of 1 to 4 non-empty axes; this one has shape (${shapeText})`);
  }
  const count = sizeOf(shape);
  const offset = start + headerLength;
  if (bytes.length - offset < count * itemSize(dtype))
    throw new NpyError("the file is shorter than its header says (truncated)");
  const data = allocate(dtype, count);
  new Uint8Array(data.buffer).set(bytes.subarray(offset, offset + count * itemSize(dtype)));
  return { dtype, shape, data };
}

/** Writes a .npy file (format 1.0). */
export function writeNpy(input: Input): Uint8Array {
  const descr = Object.keys(DESCR).find((key) => DESCR[key] === input.dtype)!;
  const shape = input.shape.length === 1 ? `(${input.shape[0]},)` : `(${input.shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + header.length + 1;
  header += `${" ".repeat((64 - (unpadded % 64)) % 64)}\n`;
  const body = new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(body, 10 + header.length);
  return out;
}
