// Brand checks for typed arrays and buffers: read through the engine's own getters, so a Proxy, an
// `Object.create(Float64Array.prototype)` or a shadowed `length` is refused instead of trusted.
import { ZfpyTypeError } from "./errors.js";

type Getter = (this: unknown) => unknown;

function getterOf(prototype: object, key: PropertyKey): Getter {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  if (!descriptor?.get) throw new Error(`no getter ${String(key)}`);
  return descriptor.get as Getter;
}

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = getterOf(TypedArrayPrototype, "length");
const arrayBufferLength = getterOf(ArrayBuffer.prototype, "byteLength");
const sharedBufferLength =
  typeof SharedArrayBuffer === "function" ? getterOf(SharedArrayBuffer.prototype, "byteLength") : undefined;

/**
 * The constructor name of a real typed array ("Float64Array", ...) read from its internal slot,
 * or undefined for anything else (Proxies and objects that only inherit a typed array prototype).
 */
export function typedArrayName(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    return typedArrayTag.call(value) as string | undefined;
  } catch {
    return undefined;
  }
}

/** Element count of a real typed array (0 when its buffer is detached). */
export function typedArrayLengthOf(value: ArrayBufferView): number {
  return typedArrayLength.call(value) as number;
}

const toStringOf = Object.prototype.toString;

/** Object.prototype.toString's tag, or "" when reading it throws (a hostile or revoked Proxy). */
function tagOf(value: object): string {
  try {
    return toStringOf.call(value);
  } catch {
    return "";
  }
}

/** True for a real ArrayBuffer (not a Proxy of one). */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  // The tag is a cheap filter (no exception for ordinary objects); the getter is the brand check.
  if (typeof value !== "object" || value === null || tagOf(value) !== "[object ArrayBuffer]") {
    return false;
  }
  try {
    arrayBufferLength.call(value);
    return true;
  } catch {
    return false;
  }
}

function isSharedArrayBuffer(value: unknown): boolean {
  if (
    typeof value !== "object" ||
    value === null ||
    !sharedBufferLength ||
    tagOf(value) !== "[object SharedArrayBuffer]"
  ) {
    return false;
  }
  try {
    sharedBufferLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/** True for a real ArrayBuffer, SharedArrayBuffer or view of one (typed array, DataView). */
export function isMemory(value: unknown): value is ArrayBuffer | ArrayBufferView {
  if (ArrayBuffer.isView(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const tag = tagOf(value);
  if (tag === "[object ArrayBuffer]") return isArrayBuffer(value);
  return tag === "[object SharedArrayBuffer]" && isSharedArrayBuffer(value);
}

/** True when `buffer` is an ArrayBuffer that was transferred or detached. */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if (!isArrayBuffer(buffer)) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * The bytes of real memory (see {@link isMemory}) as a Uint8Array over the same buffer, or a
 * ZfpyTypeError naming `what` when its ArrayBuffer is detached (transferred to a worker, ...).
 */
export function bytesOfMemory(value: ArrayBuffer | ArrayBufferView, what: string): Uint8Array {
  const buffer = ArrayBuffer.isView(value) ? value.buffer : (value as ArrayBufferLike);
  // A detached buffer reports 0 bytes: only then is the (slower) detachment test needed.
  if (value.byteLength === 0 && isDetached(buffer)) {
    throw new ZfpyTypeError(
      `${what} is over a detached ArrayBuffer (transferred or resized away): it holds no bytes to read or write`,
    );
  }
  if (ArrayBuffer.isView(value)) {
    // A plain Uint8Array is its own byte view (no new view per call: issue 13). Subclasses (Node's
    // Buffer) still get a plain view, so the codec only ever sees one kind of byte array.
    if (Object.getPrototypeOf(value) === Uint8Array.prototype) return value as Uint8Array;
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return new Uint8Array(value as ArrayBuffer);
}
