// Installing the codecs into zarrita's codec registry (or any map of the same shape).
import { registry as zarritaRegistry } from "zarrita";
import type { CodecEntry } from "./chunk.js";
import { zfpCodecEntry } from "./zfp-codec.js";
import { type EncodeOptions, zfpyCodecEntry } from "./zfpy-codec.js";

/** The names under which {@link register} installs the codecs. */
export const CODEC_NAMES = Object.freeze({
  /** numcodecs' ZFPY: Zarr v2 compressors (`{"id": "zfpy"}`) and zarr-python 3 arrays. */
  zfpy: ["numcodecs.zfpy"] as const,
  /** zarr-extensions' registered v3 codec and its zarrs aliases. */
  zfp: ["zfp", "zarrs.zfp", "https://codec.zarrs.dev/array_to_bytes/zfp"] as const,
});

/** A codec registry: zarrita's `registry` Map or another map from codec name to loader. */
export interface CodecRegistry {
  set(name: string, loader: () => Promise<CodecEntry>): unknown;
}

/** Options of {@link register}. */
export interface RegisterOptions extends EncodeOptions {}

/**
 * Adds the codecs `numcodecs.zfpy`, `zfp`, `zarrs.zfp` and
 * `https://codec.zarrs.dev/array_to_bytes/zfp` to zarrita's codec registry, or to `registry` if
 * given, and returns that registry. Importing this package registers nothing by itself.
 *
 * @example
 * ```ts
 * import * as zarr from "zarrita";
 * import { register } from "@zfpjs/zarr";
 * register();
 * const array = await zarr.open(new zarr.FetchStore("https://example.com/data.zarr/temperature"), { kind: "array" });
 * ```
 */
export function register(registry?: CodecRegistry, options: RegisterOptions = {}): CodecRegistry {
  const target: CodecRegistry = registry ?? (zarritaRegistry as unknown as CodecRegistry);
  for (const name of CODEC_NAMES.zfpy) {
    const entry = zfpyCodecEntry(name, options);
    target.set(name, async () => entry);
  }
  for (const name of CODEC_NAMES.zfp) {
    const entry = zfpCodecEntry(name, options);
    target.set(name, async () => entry);
  }
  return target;
}
