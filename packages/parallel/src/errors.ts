// Errors of the pool itself, and how the errors a worker throws cross back to the caller with
// their class, tag and fields (structured clone keeps only the message of an Error subclass).
import {
  BufferTooSmallError,
  IndexMismatchError,
  InvalidArgumentError,
  InvalidFieldError,
  InvalidIndexError,
  NonFiniteValueError,
  TruncatedStreamError,
  UnsupportedTypeError,
  ZfpError,
} from "@zfpjs/codec";
import {
  BadMagicError,
  HeaderError,
  HeaderSizeError,
  InvalidModeError,
  InvalidTypeError,
  TruncatedHeaderError,
  UnsupportedCodecError,
} from "@zfpjs/header";
import { ZfpyOverflowError, ZfpyRuntimeError, ZfpyTypeError, ZfpyValueError } from "@zfpjs/zfpy";

/** The pool was closed: no more calls are accepted, and calls still queued are refused. */
export class PoolClosedError extends ZfpError {
  declare readonly tag: "PoolClosed";
  constructor(message = "the ZfpPool is closed") {
    super("PoolClosed", message);
  }
}

/**
 * A worker died while running a call (it crashed, ran out of memory or was terminated). The pool
 * replaces it; the call that was running there is refused with this error.
 */
export class WorkerFailedError extends ZfpError {
  declare readonly tag: "WorkerFailed";
  constructor(message: string, options?: { cause?: unknown }) {
    super("WorkerFailed", message, options);
  }
}

/** A slab index (from `compressWithIndex`) that does not fit the stream it was given with. */
export class SlabIndexError extends ZfpError {
  declare readonly tag: "SlabIndex";
  constructor(message: string) {
    super("SlabIndex", message);
  }
}

/** An error as it crosses from a worker: its class name, message, stack, own fields and cause. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields: Record<string, string | number | boolean | null>;
  readonly cause?: SerializedError;
}

/** Error classes a worker may throw, by name (zfpjs' own classes are all ZfpError subclasses). */
const CLASSES: Record<string, { prototype: Error }> = {
  BadMagicError,
  BufferTooSmallError,
  HeaderError,
  HeaderSizeError,
  IndexMismatchError,
  InvalidArgumentError,
  InvalidFieldError,
  InvalidIndexError,
  InvalidModeError,
  InvalidTypeError,
  NonFiniteValueError,
  PoolClosedError,
  SlabIndexError,
  TruncatedHeaderError,
  TruncatedStreamError,
  UnsupportedCodecError,
  UnsupportedTypeError,
  WorkerFailedError,
  ZfpError,
  ZfpyOverflowError,
  ZfpyRuntimeError,
  ZfpyTypeError,
  ZfpyValueError,
  Error,
  RangeError,
  TypeError,
};

/** `error` (anything thrown) as plain data that structured clone carries intact. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { name: "Error", message: `non-Error thrown: ${String(error)}`, fields: {} };
  }
  const fields: Record<string, string | number | boolean | null> = {};
  for (const key of Object.keys(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      fields[key] = value as string | number | boolean | null;
    }
  }
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.constructor?.name ?? error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    fields,
    ...(cause !== undefined && depth < 4 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

/**
 * The error a worker threw, rebuilt as an instance of the same class (unknown classes become a
 * plain Error with the name kept), with its message, tag and other fields, stack and cause.
 */
export function reviveError(data: SerializedError): Error {
  const cls = Object.hasOwn(CLASSES, data.name) ? CLASSES[data.name]! : Error;
  const error = Object.create(cls.prototype) as Error;
  Object.defineProperty(error, "message", { value: data.message, writable: true, configurable: true });
  if (data.stack !== undefined) {
    Object.defineProperty(error, "stack", { value: data.stack, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(data.fields)) {
    Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
  }
  if (cls === Error && data.name !== "Error" && !("name" in data.fields)) error.name = data.name;
  if (data.cause !== undefined) {
    Object.defineProperty(error, "cause", {
      value: reviveError(data.cause),
      writable: true,
      configurable: true,
    });
  }
  return error;
}
