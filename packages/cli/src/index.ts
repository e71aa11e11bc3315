/**
 * @zfpjs/cli: the `zfpjs` command. A drop-in for zfp's command-line tool (same options, files,
 * summary line and exit status) plus a .npy workflow (compress, decompress, info, sample).
 *
 * ```ts
 * import { main } from "@zfpjs/cli";
 * const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
 * process.exitCode = await main(["-f", "-1", "100", "-r", "8", "-i", "in.raw", "-z", "out.zfp"], io);
 * ```
 *
 * @packageDocumentation
 */
export { type CFormatOptions, formatExponential, formatFixed, formatGeneral } from "./c-format.js";
export { scanDouble, scanInt, scanSize, scanUnsigned } from "./c-scan.js";
export type { CliIo, CliWritable } from "./cli-io.js";
export {
  type CliScalarType,
  type CliWordBits,
  type CompatOptions,
  type CompatParse,
  parseCompatArgs,
} from "./compat-args.js";
export { main, version } from "./main.js";
export { type NpyArray, type NpyData, type NpyDtype, NpyFormatError, readNpy, writeNpy } from "./npy.js";
