/**
 * @zfpjs/hdf5: the H5Z-ZFP HDF5 filter (id 32013) in pure TypeScript: decodes zfp-compressed
 * chunks of HDF5 datasets, for jsfive (`register(Filters)`) or any other reader (`decodeChunk`).
 *
 * ```ts
 * import * as hdf5 from "jsfive";
 * import { register } from "@zfpjs/hdf5";
 * register(hdf5.Filters);
 * const file = new hdf5.File(await (await fetch("https://example.com/data.h5")).arrayBuffer(), "data.h5");
 * file.get("temperature").value; // the decoded values
 * ```
 *
 * @packageDocumentation
 */
export { type H5zZfpParameters, parseCdValues } from "./cd-values.js";
export { type DecodeChunkOptions, decodeChunk } from "./decode.js";
export { ChunkMismatchError, InvalidCdValuesError } from "./errors.js";
export { type FilterFunction, type FilterRegistry, H5Z_FILTER_ZFP, register } from "./register.js";
