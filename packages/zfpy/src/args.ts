// Python's argument binding for zfpy's functions: positional forms, keyword objects, unknown names.
// Cython's messages ("compress_numpy() got an unexpected keyword argument 'tolerence'") are kept.
import { describeValue, ZfpyTypeError } from "./errors.js";

/** Options read once into a plain record (own enumerable string keys), so getters run once. */
export type Bound = Record<string, unknown>;

function prototypeOf(value: object): object | null | undefined {
  try {
    return Object.getPrototypeOf(value) as object | null;
  } catch {
    return undefined;
  }
}

/**
 * True for what JavaScript passes where Python passes keyword arguments: a plain object (or a
 * Proxy of one), not an array, buffer or `{ data, shape }` view.
 */
export function isKeywordObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  // Buffers, typed arrays and class instances have other prototypes: no brand check is needed.
  const proto = prototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  try {
    return !Array.isArray(value) && !("data" in value && "shape" in value);
  } catch {
    return false;
  }
}

/**
 * Reads an options object once: each own enumerable key must be one of `accepted`, else
 * Python's TypeError for an unexpected keyword argument. A Proxy whose traps throw gives a
 * ZfpyTypeError too.
 */
export function readKeywords(fn: string, options: object, accepted: readonly string[]): Bound {
  const bound: Bound = {};
  let keys: string[];
  try {
    keys = Object.keys(options);
  } catch (error) {
    throw new ZfpyTypeError(`${fn}() options could not be read: ${messageOf(error)}`, { cause: error });
  }
  for (const key of keys) {
    if (!accepted.includes(key)) {
      throw new ZfpyTypeError(
        `${fn}() got an unexpected keyword argument '${key}' (${fn} accepts ${accepted.join(", ")})`,
      );
    }
    try {
      bound[key] = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw new ZfpyTypeError(`${fn}() option '${key}' could not be read: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
  return bound;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : describeValue(error);
}

/** How a function takes its arguments after the required ones. */
export interface Signature {
  /** Name in messages, e.g. "compress_numpy". */
  readonly fn: string;
  /** Required positional arguments (counted in Python's "takes at least" message). */
  readonly required: number;
  /** Names of the optional positional arguments, in order (zfpy's). */
  readonly positional: readonly string[];
  /** Every name an options object may hold (positional names included). */
  readonly keywords: readonly string[];
  /** Positional names that take null (Python's None); null elsewhere is refused. */
  readonly nullable?: readonly string[];
  /** What a caller should pass instead of a value that is neither positional nor options. */
  readonly hint: string;
}

/**
 * Binds the optional arguments `rest` (after the `required` ones) as Python binds zfpy's: values
 * in order to `positional`, then an optional last options object as the keyword arguments.
 * `undefined` in a positional slot counts as not given (JavaScript's default argument).
 */
export function bindArguments(signature: Signature, rest: readonly unknown[]): Bound {
  const { fn, required, positional, keywords } = signature;
  // `count` values are positional; no copy of them is made (small calls, issue 13).
  let count = rest.length;
  let keywordObject: object | undefined;
  if (count > 0) {
    const last = rest[count - 1];
    if (isKeywordObject(last)) {
      keywordObject = last;
      count--;
    } else if (last === undefined) {
      count--;
    }
  }
  if (count > positional.length) {
    if (positional.length === 0) {
      throw new ZfpyTypeError(
        `${fn}() options must be an object, got ${describeValue(rest[0])} (${signature.hint})`,
      );
    }
    throw new ZfpyTypeError(
      `${fn}() takes at most ${required + positional.length} positional arguments (${required + count} given)`,
    );
  }
  // Only keywords: nothing can be given twice, and the keywords are the binding.
  if (count === 0) return keywordObject ? readKeywords(fn, keywordObject, keywords) : {};
  const bound: Bound = {};
  for (let k = 0; k < count; k++) {
    const value = rest[k];
    const name = positional[k]!;
    if (value === null && !signature.nullable?.includes(name)) {
      throw new ZfpyTypeError(
        `${fn}() argument '${name}' must be a real number, not null (Python's None is refused here too; pass undefined or -1 to leave it unset)`,
      );
    }
    if (value !== undefined) bound[name] = value;
  }
  if (keywordObject) {
    const named = readKeywords(fn, keywordObject, keywords);
    for (const [key, value] of Object.entries(named)) {
      const slot = positional.indexOf(key);
      if (slot >= 0 && slot < count && rest[slot] !== undefined) {
        throw new ZfpyTypeError(`${fn}() got multiple values for keyword argument '${key}'`);
      }
      bound[key] = value;
    }
  }
  return bound;
}

/**
 * Reads the single options argument of a function that has no positional form (compress,
 * decompress_numpy, ...): undefined means none; anything but a plain object is refused.
 */
export function readOptions(signature: Signature, rest: readonly unknown[]): Bound {
  const { fn } = signature;
  const given = rest.length > 0 && rest[rest.length - 1] === undefined ? rest.slice(0, -1) : rest;
  if (given.length === 0) return {};
  const options = given[0];
  if (given.length > 1) {
    throw new ZfpyTypeError(
      `${fn}() takes at most ${signature.required + 1} arguments (${signature.required + given.length} given)`,
    );
  }
  if (!isKeywordObject(options)) {
    throw new ZfpyTypeError(
      `${fn}() options must be an object, got ${describeValue(options)} (${signature.hint})`,
    );
  }
  return readKeywords(fn, options, signature.keywords);
}
