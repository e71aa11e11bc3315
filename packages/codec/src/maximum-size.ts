// Upper bound of a compressed stream's size (mirrors src/zfp.c zfp_stream_maximum_size, corrected where C's is too small).
import { InvalidArgumentError, type WordBits } from "@zfpjs/bitstream";
import { checkConfig, isReversible, type ZfpConfig } from "./config.js";
import { checkShape, type Field, type FieldShape, fieldBlocks } from "./field.js";
import { traitsOf } from "./traits.js";

/** Bits of the longest possible header (magic, meta, 64-bit mode), as C reserves. */
const HEADER_BITS = 148;

/**
 * Largest number of bits one block can take: C's bound `header + 4^d - 1 + 4^d * min(maxprec, P)`
 * capped by maxbits and raised to minbits, except that when maxbits is below the block's header
 * zfp's budget wraps around and the block is coded in full, so the cap does not apply.
 */
export function maximumBlockBits(config: ZfpConfig, type: Field["type"], dims: 1 | 2 | 3 | 4): number {
  const traits = traitsOf(type);
  const size = 1 << (2 * dims);
  const reversible = isReversible(config);
  let head: number;
  if (traits.isFloat) head = reversible ? 2 + traits.ebits + traits.pbits : 1 + traits.ebits;
  else head = reversible ? traits.pbits : 0;
  const planes = Math.max(0, Math.min(config.maxprec, traits.precision));
  const full = head + size - 1 + size * planes;
  const capped = config.maxbits >= head ? Math.min(full, config.maxbits) : full;
  return Math.max(capped, config.minbits, traits.isFloat ? 1 : 0);
}

/**
 * Bytes that always suffice to compress `field` with `config`, a 148-bit header included, rounded
 * up to the stream word size: zfp_stream_maximum_size's value, or more when C's is too small
 * (maxbits below a block's header, where C's encoder overruns its buffer).
 *
 * @example
 * ```ts
 * maximumSize(fixedPrecision(10), { type: "float", data: new Float32Array(100), nx: 100, ny: 0, nz: 0, nw: 0 }, 8); // 181
 * ```
 */
export function maximumSize(config: ZfpConfig, field: FieldShape | Field, wordBits: WordBits = 64): number {
  checkConfig(config);
  const dims = checkShape(field);
  if (wordBits !== 8 && wordBits !== 16 && wordBits !== 32 && wordBits !== 64) {
    throw new InvalidArgumentError(`expected a word size of 8, 16, 32 or 64 bits, got ${String(wordBits)}`);
  }
  const bits = HEADER_BITS + fieldBlocks(field) * maximumBlockBits(config, field.type, dims);
  return (Math.ceil(bits / wordBits) * wordBits) / 8;
}
