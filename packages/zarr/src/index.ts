/**
 * @zfpjs/zarr: zfp-compressed Zarr arrays for zarrita.js, in pure TypeScript (no WebAssembly):
 * Zarr v2 arrays written with numcodecs' ZFPY, zarr-python 3's `numcodecs.zfpy`, and the Zarr v3
 * `zfp` codec of zarr-extensions (zarrs), for reading and writing.
 *
 * ```ts
 * import * as zarr from "zarrita";
 * import { register } from "@zfpjs/zarr";
 * register(); // adds numcodecs.zfpy, zfp, zarrs.zfp to zarr.registry
 * const array = await zarr.open(new zarr.FetchStore("https://example.com/data.zarr/t"), { kind: "array" });
 * const { data, shape } = await zarr.get(array);
 * ```
 *
 * @packageDocumentation
 */
export type { ArrayBytesCodec, ChunkMetadata, CodecEntry, NumericArray, ZarrChunk } from "./chunk.js";
export { ChunkMismatchError, InvalidCodecConfigError, UnsupportedChunkError } from "./errors.js";
export { CODEC_NAMES, type CodecRegistry, type RegisterOptions, register } from "./register.js";
export { zfpCodecEntry } from "./zfp-codec.js";
export { parseZfpConfig, type ZfpCodecConfig } from "./zfp-config.js";
export { type EncodeOptions, parseZfpyConfig, type ZfpyCodecConfig, zfpyCodecEntry } from "./zfpy-codec.js";
