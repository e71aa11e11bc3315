// The error statistics of zfp's -s option (utils/zfp.c, print_error), with C's NaN rules: every
// comparison with NaN is false, fabs clears a NaN's sign, x86 invalid operations (0/0, inf-inf)
// give a NaN with the sign bit set, and an operation on a NaN passes that NaN (first operand
// first) through.

import { formatFixed, formatGeneral } from "./c-format.js";
import type { CliScalarType } from "./compat-args.js";

/** A C double: the value, and for NaN whether its sign bit is set. */
export interface CDouble {
  value: number;
  negativeNaN: boolean;
}

/** rmse, nrmse, maxe and psnr as print_error computes them. */
export interface ErrorStatistics {
  rmse: CDouble;
  nrmse: CDouble;
  maxe: CDouble;
  psnr: CDouble;
}

/** Input arrays the statistics compare (decoded output has the same type and length). */
export type RawValues = Int32Array | BigInt64Array | Float32Array | Float64Array;

/** C's result of `a op b` on x86-64 SSE: a NaN operand passes through (the first one first);
 * an invalid operation on non-NaN operands gives the default NaN, whose sign bit is set. */
function binary(a: CDouble, b: CDouble, value: number): CDouble {
  if (Number.isNaN(a.value)) return a;
  if (Number.isNaN(b.value)) return b;
  return { value, negativeNaN: Number.isNaN(value) };
}

function plain(value: number): CDouble {
  return { value, negativeNaN: false };
}

/** Whether the NaN at `index` of a float array has its sign bit set, read from its bytes. */
function nanSign(values: Float32Array | Float64Array, index: number): boolean {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const last = (index + 1) * values.BYTES_PER_ELEMENT - 1; // little-endian: sign in the last byte
  return (bytes[last]! & 0x80) !== 0;
}

/** Computes the -s statistics of `input` against its decoded `output`, in C's order. */
export function errorStatistics(type: CliScalarType, input: RawValues, output: RawValues): ErrorStatistics {
  const accumulator = new ErrorAccumulator(type);
  accumulator.add(input, output);
  return accumulator.result();
}

/**
 * The -s statistics accumulated slab by slab: {@link add} each input slab with its decoded slab,
 * in order, then {@link result}. The sums run in the order of print_error's single loop, so the
 * result equals one pass over the whole arrays.
 */
export class ErrorAccumulator {
  private n = 0;
  private emax = 0;
  private sum = 0;
  private fmin = Number.MAX_VALUE;
  private fmax = -Number.MAX_VALUE;
  private extremaSign = false; // sign bit of fmin/fmax when they are NaN (both are then the same NaN)

  constructor(private readonly type: CliScalarType) {}

  /** Adds the next values of the input and their decoded values (same length). */
  add(input: RawValues, output: RawValues): void {
    const type = this.type;
    const n = input.length;
    let { emax, sum, fmin, fmax, extremaSign } = this;
    for (let i = 0; i < n; i++) {
      let diff: number;
      let val: number;
      switch (type) {
        case "int32": {
          const a = (input as Int32Array)[i]!;
          diff = Math.abs((a - (output as Int32Array)[i]!) | 0);
          val = a;
          break;
        }
        case "int64": {
          const a = (input as BigInt64Array)[i]!;
          diff = Math.abs(Number(BigInt.asIntN(64, a - (output as BigInt64Array)[i]!)));
          val = Number(a);
          break;
        }
        case "float": {
          const a = (input as Float32Array)[i]!;
          diff = Math.abs(Math.fround(a - (output as Float32Array)[i]!));
          val = a;
          break;
        }
        default: {
          const a = (input as Float64Array)[i]!;
          diff = Math.abs(a - (output as Float64Array)[i]!);
          val = a;
          break;
        }
      }
      // MAX(emax, d) = emax > d ? emax : d; MIN(fmin, val) = fmin < val ? fmin : val
      // biome-ignore lint/complexity/useMathMinMax: Math.max differs from C's MAX on NaN
      emax = emax > diff ? emax : diff;
      sum += diff * diff;
      if (!(fmin < val)) {
        fmin = val;
        if (Number.isNaN(val)) extremaSign = nanSign(input as Float32Array | Float64Array, i);
      }
      if (!(fmax > val)) fmax = val;
    }
    this.n += n;
    Object.assign(this, { emax, sum, fmin, fmax, extremaSign });
  }

  /** The statistics of everything added. */
  result(): ErrorStatistics {
    const { n, emax, sum, fmin, fmax, extremaSign } = this;
    // diff is a fabs result, so a NaN in emax or sum is positive.
    const erms = plain(Math.sqrt(sum / n));
    const range = Number.isNaN(fmax)
      ? { value: Number.NaN, negativeNaN: extremaSign }
      : { value: fmax - fmin, negativeNaN: Number.isNaN(fmax - fmin) };
    const nrmse = binary(erms, range, erms.value / range.value);
    const twice = plain(2 * erms.value);
    const quotient = binary(range, twice, range.value / twice.value);
    const psnr = Number.isNaN(quotient.value) ? quotient : plain(20 * Math.log10(quotient.value));
    return { rmse: erms, nrmse, maxe: plain(emax), psnr };
  }
}

/** The statistics part of the summary line: " rmse=%.4g nrmse=%.4g maxe=%.4g psnr=%.2f". */
export function formatErrorStatistics(statistics: ErrorStatistics): string {
  const g = (x: CDouble) => formatGeneral(x.value, 4, { negativeNaN: x.negativeNaN });
  const psnr = formatFixed(statistics.psnr.value, 2, { negativeNaN: statistics.psnr.negativeNaN });
  return ` rmse=${g(statistics.rmse)} nrmse=${g(statistics.nrmse)} maxe=${g(statistics.maxe)} psnr=${psnr}`;
}
