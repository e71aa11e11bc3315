// The configuration of zarr-extensions' `zfp` codec (codecs/zfp/schema.json there), checked
// member by member, and the zfp parameters it selects.
import {
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidParameterError,
  reversible,
  type ScalarType,
  type ZfpConfig,
} from "@zfpjs/codec";
import { InvalidCodecConfigError } from "./errors.js";

/** A `zfp` codec configuration, as the zarr-extensions schema allows it. */
export type ZfpCodecConfig =
  | { mode: "fixed_rate"; rate: number }
  | { mode: "fixed_precision"; precision: number }
  | { mode: "fixed_accuracy"; tolerance: number }
  | { mode: "reversible" }
  | { mode: "expert"; minbits: number; maxbits: number; maxprec: number; minexp: number };

/** Required members of each mode besides `mode`; the schema allows no others. */
const MEMBERS: Record<ZfpCodecConfig["mode"], readonly string[]> = {
  fixed_rate: ["rate"],
  fixed_precision: ["precision"],
  fixed_accuracy: ["tolerance"],
  reversible: [],
  expert: ["minbits", "maxbits", "maxprec", "minexp"],
};

/** Members typed "integer" in the schema, and those with "minimum": 0. */
const INTEGER = new Set(["precision", "minbits", "maxbits", "maxprec", "minexp"]);
const UNSIGNED = new Set(["precision", "minbits", "maxbits", "maxprec"]);

/**
 * Validates a `zfp` codec configuration against the zarr-extensions schema: an object whose
 * `mode` is one of fixed_rate, fixed_precision, fixed_accuracy, reversible or expert, with
 * exactly that mode's members, numbers where the schema says number and non-negative integers
 * where it says so. Throws {@link InvalidCodecConfigError} naming the first member at fault.
 */
export function parseZfpConfig(configuration: unknown, codec = "zfp"): ZfpCodecConfig {
  if (configuration === null || typeof configuration !== "object" || Array.isArray(configuration)) {
    throw new InvalidCodecConfigError(
      codec,
      "configuration",
      `expected an object, got ${JSON.stringify(configuration)}`,
    );
  }
  const config = configuration as Record<string, unknown>;
  const mode = config.mode;
  if (typeof mode !== "string" || !Object.hasOwn(MEMBERS, mode)) {
    throw new InvalidCodecConfigError(
      codec,
      "mode",
      `expected "fixed_rate", "fixed_precision", "fixed_accuracy", "reversible" or "expert", got ${JSON.stringify(mode)}`,
    );
  }
  const members = MEMBERS[mode as ZfpCodecConfig["mode"]];
  for (const key of Object.keys(config)) {
    if (key !== "mode" && !members.includes(key)) {
      throw new InvalidCodecConfigError(codec, key, `not a member of mode "${mode}"`);
    }
  }
  for (const member of members) {
    const value = config[member];
    if (value === undefined) throw new InvalidCodecConfigError(codec, member, `required by mode "${mode}"`);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InvalidCodecConfigError(codec, member, `expected a number, got ${JSON.stringify(value)}`);
    }
    if (INTEGER.has(member) && !Number.isInteger(value)) {
      throw new InvalidCodecConfigError(codec, member, `expected an integer, got ${value}`);
    }
    if (UNSIGNED.has(member) && value < 0) {
      throw new InvalidCodecConfigError(codec, member, `expected an integer >= 0, got ${value}`);
    }
  }
  return { ...config } as ZfpCodecConfig;
}

/**
 * The zfp parameters of a validated configuration for a field of `type` and `dims` (fixed
 * rate depends on both, as zfp_stream_set_rate without word alignment). Parameters zfp itself
 * refuses (expert minbits > maxbits, maxprec 0, values beyond C's integer types) throw
 * {@link InvalidCodecConfigError} naming the member.
 */
export function zfpParameters(
  config: ZfpCodecConfig,
  type: ScalarType,
  dims: 1 | 2 | 3 | 4,
  codec = "zfp",
): ZfpConfig {
  try {
    switch (config.mode) {
      case "fixed_rate":
        return fixedRate(config.rate, { type, dims });
      case "fixed_precision":
        return fixedPrecision(config.precision);
      case "fixed_accuracy":
        return fixedAccuracy(config.tolerance);
      case "reversible":
        return reversible();
      default:
        return expert(config.minbits, config.maxbits, config.maxprec, config.minexp);
    }
  } catch (error) {
    if (error instanceof InvalidParameterError) {
      throw new InvalidCodecConfigError(codec, error.parameter, error.message);
    }
    throw error;
  }
}
