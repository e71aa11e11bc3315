// The exceptions zfpy raises (python/zfpy.pyx), as ZfpError subclasses named after Python's classes.
import { ZfpError } from "@zfpjs/codec";

/** The Python exception class zfpy raises for the same failure. */
export type PythonErrorName = "TypeError" | "ValueError" | "RuntimeError" | "OverflowError";

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

/** Any error this package raises on its own account. */
export type ZfpyError = ZfpyTypeError | ZfpyValueError | ZfpyRuntimeError | ZfpyOverflowError;

/** A short description of a value for error messages: its type, and the value when short. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return `${typeof value} ${String(value)}${typeof value === "bigint" ? "n" : ""}`;
  }
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== "Object" ? name : "object";
}

/**
 * True when `error` is one this package raises in zfpy's place; its `pythonError` then names the
 * exception zfpy raises ("TypeError", "ValueError", "RuntimeError", "OverflowError").
 */
export function isZfpyError(error: unknown): error is ZfpyError {
  return (
    error instanceof ZfpyTypeError ||
    error instanceof ZfpyValueError ||
    error instanceof ZfpyRuntimeError ||
    error instanceof ZfpyOverflowError
  );
}
