// What the worker runs: compression in each mode with a full zfp header (zfpy-compatible), decoding,
// the error statistics of zfp's -s, and the rate-distortion sweep.
import { BitStream, compress as compressField, expert, maximumSize } from "@zfpjs/codec";
import { HEADER_FULL, writeHeader } from "@zfpjs/header";
import { compress, decompress } from "@zfpjs/zfpy";
import { asNdarray, type Input, itemSize, type Values } from "./arrays.js";

/** The modes the page offers. */
export type Mode = "rate" | "precision" | "accuracy" | "reversible" | "expert";

/** A mode and its parameter (expert: maxprec, with the other three in `expert`). */
export interface Setting {
  mode: Mode;
  value: number;
  expert?: { minbits: number; maxbits: number; minexp: number };
}

/** zfp -s's statistics (utils/zfp.c print_error). */
export interface Statistics {
  rmse: number;
  nrmse: number;
  maxe: number;
  psnr: number;
}

/** A compression result. */
export interface Result {
  bytes: Uint8Array;
  decoded: Values;
  statistics: Statistics;
  /** Input bytes / compressed bytes (header included). */
  ratio: number;
  bitsPerValue: number;
  compressMBs: number;
  decompressMBs: number;
}

/** zfpy's options for a setting (expert mode has none: zfpy does not offer it). */
export function zfpyOptions(setting: Setting): { rate?: number; precision?: number; tolerance?: number } {
  switch (setting.mode) {
    case "rate":
      return { rate: setting.value };
    case "precision":
      return { precision: setting.value };
    case "accuracy":
      return { tolerance: setting.value };
    default:
      return {};
  }
}

/** The compressed stream with a full header, as zfpy writes it (64-bit words). */
export function compressWith(input: Input, setting: Setting): Uint8Array {
  const array = asNdarray(input);
  switch (setting.mode) {
    case "rate":
    case "precision":
    case "accuracy":
    case "reversible":
      return compress(array, zfpyOptions(setting));
    default: {
      // zfpy has no expert mode; zfp's header stores it, and zfpy decodes such streams.
      const e = setting.expert ?? { minbits: 1, maxbits: 16658, minexp: -1074 };
      const config = expert(e.minbits, e.maxbits, setting.value, e.minexp);
      const d = input.shape.length;
      const size = (k: number) => (k < d ? input.shape[d - 1 - k]! : 0);
      const type = ({ int32: "int32", int64: "int64", float32: "float", float64: "double" } as const)[
        input.dtype
      ];
      const field = { type, data: input.data, nx: size(0), ny: size(1), nz: size(2), nw: size(3) };
      const stream = new BitStream(new Uint8Array(maximumSize(config, field)));
      writeHeader(stream, field, config, HEADER_FULL);
      const used = compressField(stream, config, field);
      return stream.bytes.slice(0, used);
    }
  }
}

/**
 * rmse, nrmse, maxe and psnr as zfp's -s prints them (utils/zfp.c print_error): differences in
 * the input's type (float's in single precision), range = max - min of the input, psnr =
 * 20 log10(range / (2 rmse)).
 */
export function errorStatistics(input: Values, output: Values): Statistics {
  const n = input.length;
  let emax = 0;
  let sum = 0;
  let fmin = Number.MAX_VALUE;
  let fmax = -Number.MAX_VALUE;
  for (let i = 0; i < n; i++) {
    let diff: number;
    let val: number;
    if (input instanceof Int32Array) {
      val = input[i]!;
      diff = Math.abs((val - (output as Int32Array)[i]!) | 0);
    } else if (input instanceof BigInt64Array) {
      const a = input[i]!;
      diff = Math.abs(Number(BigInt.asIntN(64, a - (output as BigInt64Array)[i]!)));
      val = Number(a);
    } else if (input instanceof Float32Array) {
      val = input[i]!;
      diff = Math.abs(Math.fround(val - (output as Float32Array)[i]!));
    } else {
      val = input[i]!;
      diff = Math.abs(val - (output as Float64Array)[i]!);
    }
    // biome-ignore lint/complexity/useMathMinMax: C's MAX/MIN, whose NaN behaviour differs
    emax = emax > diff ? emax : diff;
    sum += diff * diff;
    if (!(fmin < val)) fmin = val;
    if (!(fmax > val)) fmax = val;
  }
  const rmse = Math.sqrt(sum / n);
  const range = fmax - fmin;
  return { rmse, nrmse: rmse / range, maxe: emax, psnr: 20 * Math.log10(range / (2 * rmse)) };
}

/** Compresses, decodes and measures one setting. */
export function run(input: Input, setting: Setting): Result {
  const t0 = performance.now();
  const bytes = compressWith(input, setting);
  const t1 = performance.now();
  const decoded = decompress(bytes).data as Values;
  const t2 = performance.now();
  return measure(input, bytes, decoded, t1 - t0, t2 - t1);
}

/** The result of a compression done elsewhere (the parallel pool): sizes, statistics and speeds. */
export function measure(
  input: Input,
  bytes: Uint8Array,
  decoded: Values,
  compressMs: number,
  decompressMs: number,
): Result {
  const rawBytes = input.data.length * itemSize(input.dtype);
  // Speeds in MB/s of uncompressed data; a run under the timer's resolution counts as its resolution.
  const speed = (ms: number) => rawBytes / 1e6 / (Math.max(ms, 0.1) / 1000);
  return {
    bytes,
    decoded,
    statistics: errorStatistics(input.data, decoded),
    ratio: rawBytes / bytes.length,
    bitsPerValue: (bytes.length * 8) / input.data.length,
    compressMBs: speed(compressMs),
    decompressMBs: speed(decompressMs),
  };
}

/** A point of the rate-distortion plot. */
export interface SweepPoint {
  mode: Mode;
  value: number;
  bitsPerValue: number;
  psnr: number;
  maxe: number;
}

/** The settings a sweep runs: rates, precisions and tolerances over their useful ranges, and reversible. */
export function sweepSettings(input: Input): Setting[] {
  const settings: Setting[] = [];
  for (const rate of [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32]) settings.push({ mode: "rate", value: rate });
  for (const precision of [2, 4, 6, 8, 10, 12, 16, 20, 24, 32])
    settings.push({ mode: "precision", value: precision });
  if (input.dtype === "float32" || input.dtype === "float64") {
    let max = 0;
    for (let i = 0; i < input.data.length; i++) max = Math.max(max, Math.abs(Number(input.data[i])));
    const top = Math.ceil(Math.log10(max || 1));
    for (let k = 0; k <= 10; k++) settings.push({ mode: "accuracy", value: 10 ** (top - 1 - k) });
  }
  settings.push({ mode: "reversible", value: 0 });
  return settings;
}

/** One sweep point. */
export function sweepPoint(input: Input, setting: Setting): SweepPoint {
  const bytes = compressWith(input, setting);
  const decoded = decompress(bytes).data as Values;
  const statistics = errorStatistics(input.data, decoded);
  return {
    mode: setting.mode,
    value: setting.value,
    bitsPerValue: (bytes.length * 8) / input.data.length,
    psnr: statistics.psnr,
    maxe: statistics.maxe,
  };
}
