// NumPy's .npy format (numpy/lib/format.py): versions 1.0, 2.0 and 3.0, little- and big-endian
// int32, int64, float32 and float64, C and Fortran order. Reading validates before allocating;
// the header is parsed as numpy parses it (npy-header.ts).
import { NpyFormatError, parseNpyHeader } from "./npy-header.js";

export { NpyFormatError } from "./npy-header.js";

/** The dtypes zfp handles, by numpy's names. */
export type NpyDtype = "int32" | "int64" | "float32" | "float64";

/** Typed arrays for each dtype. */
export type NpyData =
  | Int32Array<ArrayBuffer>
  | BigInt64Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

/** An array as stored in a .npy file: `data` holds the values in file order (native endianness). */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  /** True when the first axis varies fastest in `data` (numpy's fortran_order). */
  fortranOrder: boolean;
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const KINDS: Record<string, NpyDtype> = { f4: "float32", f8: "float64", i4: "int32", i8: "int64" };
const CODES: Record<NpyDtype, string> = { float32: "f4", float64: "f8", int32: "i4", int64: "i8" };
const ITEM_SIZE: Record<NpyDtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8 };

/** Bytes per value of a dtype. */
export function itemSize(dtype: NpyDtype): number {
  return ITEM_SIZE[dtype];
}

/** A new typed array of `dtype` over `buffer` (or of `length` values). */
export function typedArray(dtype: NpyDtype, buffer: ArrayBuffer, length: number): NpyData {
  switch (dtype) {
    case "int32":
      return new Int32Array(buffer, 0, length);
    case "int64":
      return new BigInt64Array(buffer, 0, length);
    case "float32":
      return new Float32Array(buffer, 0, length);
    default:
      return new Float64Array(buffer, 0, length);
  }
}

/** The dtype name of a typed array, or undefined for other arrays. */
export function dtypeOf(data: unknown): NpyDtype | undefined {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  return undefined;
}

/** The dtype and byte order of a descr string: numpy's own ('<f4', '>i8', '|f8', '=i4'), the
 * same without a byte order ('f4'), or the four names ('float32'). numpy accepts more spellings
 * ('f', 'd', 'single', '1f4', ...); those are refused as unsupported (DIFFERENCES.md). */
function dtypeOfDescr(descr: string): { dtype: NpyDtype; bigEndian: boolean } | undefined {
  const named = (["int32", "int64", "float32", "float64"] as const).find((name) => name === descr);
  if (named) return { dtype: named, bigEndian: false };
  const match = /^([<>=|]?)([fi][48])$/.exec(descr);
  if (!match) return undefined;
  return { dtype: KINDS[match[2]!]!, bigEndian: match[1] === ">" };
}

/** Latin-1 as Python decodes it: each byte one code point (TextDecoder's "latin1" is cp1252). */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

/** What a .npy file's header says, and where its data starts. */
export interface NpyLayout {
  dtype: NpyDtype;
  bigEndian: boolean;
  shape: number[];
  fortranOrder: boolean;
  /** Byte offset of the first value. */
  dataStart: number;
  /** Bytes of data the shape needs. */
  dataBytes: number;
}

/** Bytes to read before {@link readNpyLayout} can tell the header's length. */
export const NPY_PREFIX_BYTES = 12;

/**
 * Parses the header of a .npy file from its first bytes (at least the whole header; the data
 * need not follow). Throws {@link NpyFormatError}, "truncated" when the header is cut short.
 */
export function readNpyLayout(bytes: Uint8Array): NpyLayout {
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new NpyFormatError("not a .npy file: it does not start with \\x93NUMPY");
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0)
    throw new NpyFormatError(`unsupported .npy format version ${major}.${minor} (expected 1.0, 2.0 or 3.0)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes)
    throw new NpyFormatError("truncated .npy file: the header length is missing");
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  if (start + headerLength > bytes.length) {
    throw new NpyFormatError(
      `truncated .npy file: header of ${headerLength} bytes, but only ${bytes.length - start} follow`,
    );
  }
  const headerBytes = bytes.subarray(start, start + headerLength);
  let text: string;
  try {
    text = major === 3 ? new TextDecoder("utf-8", { fatal: true }).decode(headerBytes) : latin1(headerBytes);
  } catch {
    throw new NpyFormatError("invalid .npy header: a version 3.0 header that is not UTF-8");
  }
  const header = parseNpyHeader(text, major);
  const kind = dtypeOfDescr(header.descr);
  if (!kind) {
    throw new NpyFormatError(
      `unsupported dtype '${header.descr}' (expected int32, int64, float32 or float64: <i4, <i8, <f4, <f8 or big-endian >...)`,
    );
  }
  const count = header.shape.reduce((product, size) => product * size, 1);
  return {
    ...kind,
    shape: header.shape,
    fortranOrder: header.fortranOrder,
    dataStart: start + headerLength,
    dataBytes: count * ITEM_SIZE[kind.dtype],
  };
}

/** The error for a .npy file whose data ends after `available` bytes. */
export function truncatedData(layout: NpyLayout, available: number): NpyFormatError {
  return new NpyFormatError(
    `truncated .npy file: shape (${layout.shape.join(", ")}) of ${layout.dtype} needs ${layout.dataBytes} bytes of data, found ${available}`,
  );
}

/** Reads a .npy file's bytes. */
export function readNpy(bytes: Uint8Array): NpyArray {
  const layout = readNpyLayout(bytes);
  const { dtype, bigEndian, dataStart, dataBytes } = layout;
  const size = ITEM_SIZE[dtype];
  const available = bytes.length - dataStart;
  if (!Number.isSafeInteger(dataBytes) || dataBytes > available) throw truncatedData(layout, available);
  const buffer = new ArrayBuffer(dataBytes);
  const target = new Uint8Array(buffer);
  target.set(bytes.subarray(dataStart, dataStart + dataBytes));
  if (bigEndian) swapBytes(target, size);
  return {
    dtype,
    shape: layout.shape,
    fortranOrder: layout.fortranOrder,
    data: typedArray(dtype, buffer, dataBytes / size),
  };
}

/** Reverses the bytes of each `size`-byte value (big-endian to native, and back). */
export function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** The header of a .npy file (version 1.0, or 2.0 if the header needs it) of little-endian values. */
export function npyHeader(dtype: NpyDtype, shape: readonly number[], fortranOrder: boolean): Uint8Array {
  const text = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '<${CODES[dtype]}', 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${text}, }`;
  let major = 1;
  let prefix = 10;
  let total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  if (total - prefix > 0xffff) {
    major = 2;
    prefix = 12;
    total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  }
  const header = new Uint8Array(total);
  header.set(MAGIC);
  header[6] = major;
  header[7] = 0;
  const view = new DataView(header.buffer);
  if (major === 1) view.setUint16(8, total - prefix, true);
  else view.setUint32(8, total - prefix, true);
  const padded = `${dict}${" ".repeat(total - prefix - dict.length - 1)}\n`;
  for (let i = 0; i < padded.length; i++) header[prefix + i] = padded.charCodeAt(i);
  return header;
}

/** The header and data of a .npy file (version 1.0, or 2.0 if the header needs it), as parts. */
export function writeNpy(array: NpyArray): Uint8Array[] {
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  return [npyHeader(array.dtype, array.shape, array.fortranOrder), data];
}
