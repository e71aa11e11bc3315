/**
 * @zfpjs/codec/blocks: the codec's block-level stages, for sibling zfpjs packages (random access,
 * parallel decoding). Encoding a block is one call; decoding is two stages with the state between
 * them in a {@link CodedBlock}: {@link BlockCoder.decodeCoefficients} reads a block's bits
 * (sequential), {@link BlockCoder.reconstruct} turns them into values at a block position of a
 * field (independent per block). The README's "Stages" section maps them to zfp's sources.
 *
 * ```ts
 * import { acquireCoder, BitReader, CodedBlock, fieldLayout } from "@zfpjs/codec/blocks";
 * const layout = fieldLayout(field);
 * const coder = acquireCoder(layout.traits, layout.dims, config);
 * const reader = new BitReader();
 * reader.attach(stream);
 * const block = new CodedBlock();
 * coder.decodeCoefficients(reader, block); // block 0's bits
 * coder.reconstruct(block, layout, 0, 4, 4, 4, 4); // into the field at element 0
 * ```
 *
 * @packageDocumentation
 */
export { BitReader } from "@zfpjs/bitstream";
export {
  acquireCoder,
  BLOCK_EXACT,
  BLOCK_LOSSY,
  BLOCK_RAW,
  BLOCK_ZERO,
  BlockCoder,
  CodedBlock,
  releaseCoder,
} from "./block-coder.js";
export { BlockSkimmer } from "./block-skim.js";
export { type FieldLayout, fieldBlocks, fieldLayout } from "./field.js";
export { RunStream } from "./indexed-compress.js";
export { minimumBlockBits } from "./limits.js";
export { maximumBlockBits } from "./maximum-size.js";
export { fixedBlockBits } from "./region.js";
export { type ScalarTraits, traitsOf } from "./traits.js";
