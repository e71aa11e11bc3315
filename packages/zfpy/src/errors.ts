// The exceptions zfpy raises (python/zfpy.pyx), as ZfpError subclasses named after Python's classes.
import { ZfpError } from "@zfpjs/codec";

/** The Python exception class zfpy raises for the same failure. */
export type PythonErrorName = "TypeError" | "ValueError" | "RuntimeError" | "OverflowError" | "MemoryError";

/**
 * Where zfpy raises `TypeError`: an argument of the wrong kind (not an array, a dtype zfp does
 * not support, a shape that is not a list, a parameter that is not a number).
 */
export class ZfpyTypeError extends ZfpError {
  declare readonly tag: "ZfpyType";
  /** The class zfpy raises here. */
  readonly pythonError = "TypeError" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super("ZfpyType", message, options);
  }
}

/**
 * Where zfpy raises `ValueError`: more than one of tolerance, rate and precision, an unknown
 * zfp type, an unreadable header, an `out` array of the wrong type or shape.
 */
export class ZfpyValueError extends ZfpError {
  declare readonly tag: "ZfpyValue";
  /** The class zfpy raises here. */
  readonly pythonError = "ValueError" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super("ZfpyValue", message, options);
  }
}

/**
 * Where zfpy raises `RuntimeError`: unsupported dimensionality, a header that cannot hold the
 * sizes, a compression or decompression that failed.
 */
export class ZfpyRuntimeError extends ZfpError {
  declare readonly tag: "ZfpyRuntime";
  /** The class zfpy raises here. */
  readonly pythonError = "RuntimeError" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super("ZfpyRuntime", message, options);
  }
}

/** Where zfpy raises `OverflowError`: a precision that does not fit C's `int`. */
export class ZfpyOverflowError extends ZfpError {
  declare readonly tag: "ZfpyOverflow";
  /** The class zfpy raises here. */
  readonly pythonError = "OverflowError" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super("ZfpyOverflow", message, options);
  }
}

/**
 * Where zfpy raises `MemoryError`: an array or stream buffer that cannot be allocated (too large
 * for this JavaScript engine or for the memory left). Nothing was written when it is thrown.
 */
export class ZfpyMemoryError extends ZfpError {
  declare readonly tag: "ZfpyMemory";
  /** The class zfpy raises here. */
  readonly pythonError = "MemoryError" as const;
  /** Bytes the failed allocation asked for. */
  readonly requestedBytes: number;
  constructor(requestedBytes: number, what: string, options?: { cause?: unknown }) {
    super("ZfpyMemory", `cannot allocate ${requestedBytes} bytes for ${what}`, options);
    this.requestedBytes = requestedBytes;
  }
}

/** Any error this package raises on its own account. */
export type ZfpyError =
  | ZfpyTypeError
  | ZfpyValueError
  | ZfpyRuntimeError
  | ZfpyOverflowError
  | ZfpyMemoryError;

/** The tags of {@link ZfpyError}: "ZfpyType", "ZfpyValue", "ZfpyRuntime", "ZfpyOverflow", "ZfpyMemory". */
export type ZfpyErrorTag = ZfpyError["tag"];

/** True for the RangeError a typed array or ArrayBuffer constructor throws when it cannot allocate. */
export function isAllocationFailure(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    /allocation failed|Invalid typed array length|Invalid array buffer length|Array buffer allocation/i.test(
      error.message,
    )
  );
}

/**
 * `error` as zfpy's MemoryError when it is an allocation failure (a typed array or ArrayBuffer
 * constructor's RangeError, the codec's "Allocation" error), else `error` itself.
 */
export function asMemoryError(error: unknown, requestedBytes: number, what: string): unknown {
  if (isAllocationFailure(error) || (error instanceof ZfpError && error.tag === "Allocation")) {
    return new ZfpyMemoryError(requestedBytes, what, { cause: error });
  }
  return error;
}

/**
 * Runs an allocation and turns its failure into {@link ZfpyMemoryError} (zfpy's MemoryError):
 * the RangeError of a typed array or ArrayBuffer constructor, or the codec's "Allocation" error.
 */
export function allocating<T>(requestedBytes: number, what: string, allocate: () => T): T {
  try {
    return allocate();
  } catch (error) {
    throw asMemoryError(error, requestedBytes, what);
  }
}

/**
 * A short description of a value for error messages: its type, and the value when short. Never
 * throws, whatever the value (a revoked Proxy, an object without a prototype).
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return `${typeof value} ${String(value)}${typeof value === "bigint" ? "n" : ""}`;
  }
  if (typeof value === "symbol") return "symbol";
  try {
    if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
    if (Array.isArray(value)) return `Array(${value.length})`;
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" && name !== "Object" ? name : "object";
  } catch {
    return "object (unreadable: a revoked Proxy or a throwing getter)";
  }
}

/** One item of a list as JavaScript would write it: "4" quoted, 16n, holes as <empty>. */
function itemText(list: readonly unknown[], k: number): string {
  if (!(k in list)) return "<empty>";
  const item = list[k];
  if (typeof item === "number") return Object.is(item, -0) ? "-0" : String(item);
  if (typeof item === "string") return JSON.stringify(item.length > 20 ? `${item.slice(0, 20)}...` : item);
  if (typeof item === "bigint") return `${item}n`;
  if (item === null || item === undefined || typeof item === "boolean") return String(item);
  return describeValue(item);
}

/**
 * A list as given, for messages: `["4"]`, `[16n]`, `[<empty>, 16]` (a sparse array), at most
 * six items shown, so a shape is reported exactly as the caller wrote it.
 */
export function listText(list: readonly unknown[]): string {
  try {
    const shown = Math.min(list.length, 6);
    const items: string[] = [];
    for (let k = 0; k < shown; k++) items.push(itemText(list, k));
    if (list.length > shown) items.push(`... ${list.length} items`);
    return `[${items.join(", ")}]`;
  } catch {
    return describeValue(list);
  }
}

/**
 * True when `error` is one this package raises in zfpy's place; its `pythonError` then names the
 * exception zfpy raises ("TypeError", "ValueError", "RuntimeError", "OverflowError",
 * "MemoryError"). With a `tag`, true only for that kind, and the type narrows to its class:
 *
 * ```ts
 * if (isZfpyError(e, "ZfpyMemory")) e.requestedBytes; // e is ZfpyMemoryError
 * ```
 */
export function isZfpyError(error: unknown): error is ZfpyError;
export function isZfpyError<T extends ZfpyErrorTag>(
  error: unknown,
  tag: T,
): error is Extract<ZfpyError, { tag: T }>;
export function isZfpyError(error: unknown, tag?: ZfpyErrorTag): boolean {
  const ours =
    error instanceof ZfpyTypeError ||
    error instanceof ZfpyValueError ||
    error instanceof ZfpyRuntimeError ||
    error instanceof ZfpyOverflowError ||
    error instanceof ZfpyMemoryError;
  return ours && (tag === undefined || error.tag === tag);
}
