// Checks made before allocating for a decode: a stream too short for its field, an output over the
// caller's cap, parameters that decode nothing (zfp has none: it trusts its caller).
import { TruncatedStreamError } from "@zfpjs/bitstream";
import { checkConfig, InvalidParameterError, isReversible, type ZfpConfig } from "./config.js";
import { OutputTooLargeError } from "./errors.js";
import { checkShape, type FieldShape, fieldBlocks, fieldSize } from "./field.js";
import { traitsOf } from "./traits.js";

/** The default cap on decoded output of {@link checkDecodable} and decompressToArray: 1 GiB. */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/**
 * Fewest bits one block of `type` can take when decoded with `config` (the decoders of
 * block-coder.ts): lossy float blocks read their first bit whatever the budget, then pad to
 * minbits; lossy integer blocks read at least one bit when maxbits and maxprec allow one;
 * reversible blocks read their precision field, except a reversible float block of +0.0 values,
 * which ends after one bit without padding.
 */
export function minimumBlockBits(config: ZfpConfig, type: FieldShape["type"]): number {
  const traits = traitsOf(type);
  const { minbits, maxbits, maxprec } = config;
  if (isReversible(config)) return traits.isFloat ? 1 : Math.max(minbits, traits.pbits);
  if (traits.isFloat) return Math.max(minbits, 1);
  return Math.max(minbits, maxbits > 0 && maxprec > 0 ? 1 : 0);
}

/** Options of {@link checkDecodable}. */
export interface DecodableOptions {
  /** Bit position of the first block in the stream (after a header), default 0. */
  startBits?: number;
  /** Largest decoded output in bytes (default {@link DEFAULT_MAX_BYTES}: 1 GiB; Infinity: no cap). */
  maxBytes?: number;
}

/**
 * Refuses, before anything is allocated, a decode that must fail or that the caller caps:
 * {@link OutputTooLargeError} when the values take more than `maxBytes`,
 * {@link InvalidParameterError} when the parameters read no bit at all (lossy integers with
 * maxbits 0, e.g. rate 0: zfp reports such a decode as failed), and
 * {@link TruncatedStreamError} when `availableBits` cannot hold every block at its fewest bits.
 * Returns the number of values.
 *
 * @example
 * ```ts
 * const shape = { type: "float", nx: 1000, ny: 1000, nz: 0, nw: 0 } as const;
 * checkDecodable(fixedRate(8, { type: "float", dims: 2 }), shape, 8 * 16); // throws TruncatedStreamError
 * ```
 */
export function checkDecodable(
  config: ZfpConfig,
  shape: FieldShape,
  availableBits: number,
  options: DecodableOptions = {},
): number {
  checkConfig(config);
  checkShape(shape);
  if (options === null || typeof options !== "object") {
    throw new InvalidParameterError("options", `expected an object, got ${String(options)}`);
  }
  const { startBits = 0, maxBytes = DEFAULT_MAX_BYTES } = options;
  if (!(typeof maxBytes === "number" && maxBytes >= 0)) {
    throw new InvalidParameterError(
      "maxBytes",
      `expected a number >= 0 (or Infinity), got ${String(maxBytes)}`,
    );
  }
  if (!(Number.isSafeInteger(startBits) && startBits >= 0)) {
    throw new InvalidParameterError("startBits", `expected an integer >= 0, got ${String(startBits)}`);
  }
  const count = fieldSize(shape);
  const bytes = count * traitsOf(shape.type).words * 4;
  if (bytes > maxBytes) throw new OutputTooLargeError(bytes, maxBytes);
  const perBlock = minimumBlockBits(config, shape.type);
  if (perBlock === 0) {
    throw new InvalidParameterError(
      "maxbits",
      `maxbits ${config.maxbits} with maxprec ${config.maxprec} and minbits ${config.minbits} codes no bits for ${shape.type} blocks: nothing can be decoded`,
    );
  }
  const required = startBits + fieldBlocks(shape) * perBlock;
  if (required > availableBits) throw new TruncatedStreamError(required, availableBits);
  return count;
}
