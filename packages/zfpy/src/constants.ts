// zfpy's module constants (python/zfpy.pyx): header masks, zfp_type and zfp_mode codes.
import {
  MODE_EXPERT,
  MODE_FIXED_ACCURACY,
  MODE_FIXED_PRECISION,
  MODE_FIXED_RATE,
  MODE_NULL,
  MODE_REVERSIBLE,
  ZFP_TYPE,
} from "@zfpjs/codec";

export { HEADER_FULL, HEADER_MAGIC, HEADER_META, HEADER_MODE } from "@zfpjs/header";

/** zfp_type_none (0): no scalar type; `ztype_to_dtype` refuses it. */
export const type_none: 0 = ZFP_TYPE.none;
/** zfp_type_int32 (1): Int32Array data. */
export const type_int32: 1 = ZFP_TYPE.int32;
/** zfp_type_int64 (2): BigInt64Array data. */
export const type_int64: 2 = ZFP_TYPE.int64;
/** zfp_type_float (3): Float32Array data. */
export const type_float: 3 = ZFP_TYPE.float;
/** zfp_type_double (4): Float64Array data. */
export const type_double: 4 = ZFP_TYPE.double;

/** zfp_mode_null (0): invalid parameters. */
export const mode_null: 0 = MODE_NULL;
/** zfp_mode_expert (1): parameters that are none of the named modes (also the defaults). */
export const mode_expert: 1 = MODE_EXPERT;
/** zfp_mode_fixed_rate (2): `rate` was set. */
export const mode_fixed_rate: 2 = MODE_FIXED_RATE;
/** zfp_mode_fixed_precision (3): `precision` was set. */
export const mode_fixed_precision: 3 = MODE_FIXED_PRECISION;
/** zfp_mode_fixed_accuracy (4): `tolerance` was set. */
export const mode_fixed_accuracy: 4 = MODE_FIXED_ACCURACY;
/**
 * zfp_mode_reversible (5): no parameter set, lossless. zfpy 1.0.0's module lacks this constant
 * although zfp 1.0 has the mode (zfp_mode_reversible = 5); zfpjs adds it.
 */
export const mode_reversible: 5 = MODE_REVERSIBLE;
