// The zfpy functions the .npy commands use (python/zfpy.pyx: compress_numpy, decompress_numpy),
// from @zfpjs/zfpy, loaded on first use.
import type { CliWordBits } from "./compat-args.js";

/** An array as zfpy's compress_numpy takes it (C-order shape, element strides). */
export interface ZfpyArrayInput {
  data: Int32Array | BigInt64Array | Float32Array | Float64Array;
  shape: number[];
  stride?: number[];
  offset?: number;
}

/** The functions of @zfpjs/zfpy the commands call. */
export interface ZfpyApi {
  compress_numpy(
    array: ZfpyArrayInput,
    options?: {
      tolerance?: number;
      rate?: number;
      precision?: number;
      write_header?: boolean;
      wordBits?: CliWordBits;
    },
  ): Uint8Array;
  decompress_numpy(bytes: Uint8Array): {
    data: Int32Array | BigInt64Array | Float32Array | Float64Array;
    shape: number[];
  };
}

let loaded: Promise<ZfpyApi> | undefined;

/** Loads @zfpjs/zfpy once; fails clearly if its functions are missing. */
export function loadZfpy(): Promise<ZfpyApi> {
  loaded ??= import("@zfpjs/zfpy").then((module: Record<string, unknown>) => {
    const missing = ["compress_numpy", "decompress_numpy"].filter(
      (name) => typeof module[name] !== "function",
    );
    if (missing.length > 0) throw new Error(`@zfpjs/zfpy does not export ${missing.join(", ")}`);
    return module as unknown as ZfpyApi;
  });
  return loaded;
}
