// Installing the filter into jsfive's filter map (or any map of the same shape).
import { decodeChunk } from "./decode.js";

/** H5Z-ZFP's registered HDF5 filter id. */
export const H5Z_FILTER_ZFP = 32013;

/** A filter as jsfive calls it: the chunk's bytes, the element size, the stored cd_values. */
export type FilterFunction = (
  buf: ArrayBuffer,
  itemsize: number,
  clientData: ArrayLike<number>,
) => ArrayBuffer;

/** jsfive's `Filters` map, or another map from filter id to {@link FilterFunction}. */
export interface FilterRegistry {
  set(id: number, filter: FilterFunction): unknown;
}

/**
 * Installs the H5Z-ZFP filter (id 32013) into `filters` (jsfive's `Filters` map) and returns the
 * map. The filter returns the chunk's values as little-endian bytes, as jsfive reads them.
 *
 * @example
 * ```ts
 * import * as hdf5 from "jsfive";
 * import { register } from "@zfpjs/hdf5";
 * register(hdf5.Filters);
 * ```
 */
export function register(filters: FilterRegistry): FilterRegistry {
  filters.set(H5Z_FILTER_ZFP, (buf, itemsize, clientData) => {
    const values = decodeChunk(clientData, buf, { itemSize: itemsize });
    return values.buffer as ArrayBuffer;
  });
  return filters;
}
