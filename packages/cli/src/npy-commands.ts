// zfpjs compress / decompress / info / sample: the .npy workflow, over zfpy's API (the streams
// are those of zfpy.compress_numpy and decompress_numpy) and zfp's header.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { compress_numpy, decompress_numpy, ztype_to_dtype } from "@zfpjs/zfpy";
import { formatGeneral } from "./c-format.js";
import { type CliIo, readAllStdin, readWholeFile, resolvePath, writeFileAtomic, writeTo } from "./cli-io.js";
import type { CliWordBits } from "./compat-args.js";
import { dtypeOf, type NpyArray, type NpyData, type NpyDtype, readNpy, typedArray, writeNpy } from "./npy.js";
import { Progress } from "./progress.js";
import { COMPRESS_HELP, DECOMPRESS_HELP, INFO_HELP, SAMPLE_HELP } from "./usage.js";

/** Inputs from this size on (bytes) announce their compute step on a terminal. */
const LARGE = 32 * 1024 * 1024;

/** A failure of a subcommand: one line on stderr and status 1. */
export class CommandError extends Error {
  readonly tag = "CommandError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CommandError";
  }
}

interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/** Reads `--name value`, `--name=value`, short aliases and flags; unknown options are errors. */
function parseArgs(
  command: string,
  argv: readonly string[],
  spec: { values: Record<string, string>; flags: Record<string, string> },
): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-" || !arg.startsWith("-")) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (name in spec.values) {
      const value = inline ?? argv[++i];
      if (value === undefined)
        throw new CommandError(`${command}: ${name} needs a value (see zfpjs ${command} --help)`);
      parsed.values.set(spec.values[name]!, value);
    } else if (name in spec.flags && inline === undefined) {
      parsed.flags.add(spec.flags[name]!);
    } else {
      throw new CommandError(`${command}: unknown option '${arg}' (see zfpjs ${command} --help)`);
    }
  }
  return parsed;
}

function one(command: string, parsed: ParsedArgs, what: string): string {
  if (parsed.positional.length === 0)
    throw new CommandError(`${command}: missing ${what} (see zfpjs ${command} --help)`);
  if (parsed.positional.length > 1) {
    throw new CommandError(
      `${command}: expected one ${what}, found ${parsed.positional.length}: ${parsed.positional.join(" ")}`,
    );
  }
  return parsed.positional[0]!;
}

function strictNumber(command: string, name: string, text: string): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new CommandError(`${command}: ${name} must be a finite number, not '${text}'`);
  return value;
}

function wordBitsOf(command: string, parsed: ParsedArgs): CliWordBits {
  const text = parsed.values.get("wordBits");
  if (text === undefined) return 64;
  if (!/^(8|16|32|64)$/.test(text))
    throw new CommandError(`${command}: --word-bits must be 8, 16, 32 or 64, not '${text}'`);
  return Number(text) as CliWordBits;
}

async function readInput(
  io: CliIo,
  command: string,
  path: string,
  what: string,
  progress?: Progress,
): Promise<Uint8Array> {
  if (path === "-") return readAllStdin(io.stdin);
  try {
    return await readWholeFile(resolvePath(io, path), (done, total) => {
      progress?.start("reading", total);
      progress?.update(done);
    });
  } catch (error) {
    throw new CommandError(`${command}: cannot read ${what} '${path}': ${systemReason(error)}`, {
      cause: error,
    });
  }
}

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOTDIR") return "a component of the path is not a directory";
  return error instanceof Error ? error.message : String(error);
}

async function writeOutput(
  io: CliIo,
  command: string,
  path: string,
  parts: Uint8Array[],
  progress?: Progress,
): Promise<void> {
  if (path === "-") {
    for (const part of parts) await writeTo(io.stdout, part);
    return;
  }
  try {
    progress?.start(
      "writing",
      parts.reduce((sum, part) => sum + part.length, 0),
    );
    await writeFileAtomic(resolvePath(io, path), parts, (done) => progress?.update(done));
  } catch (error) {
    throw new CommandError(`${command}: cannot write '${path}': ${systemReason(error)}`, { cause: error });
  }
}

/** An output name derived from the input never replaces an existing file without --force. */
async function refuseDefaultOverwrite(
  io: CliIo,
  command: string,
  parsed: ParsedArgs,
  output: string,
): Promise<void> {
  if (parsed.values.has("out") || parsed.flags.has("force") || output === "-") return;
  if (existsSync(resolvePath(io, output))) {
    throw new CommandError(
      `${command}: '${output}' already exists; use --force to replace it or -o to choose another name`,
    );
  }
}

function replaceExtension(path: string, from: string, to: string): string {
  return path.toLowerCase().endsWith(from) ? path.slice(0, path.length - from.length) + to : path + to;
}

function describeShape(shape: readonly number[]): string {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}

function zfpyError(command: string, error: unknown): CommandError {
  const message = error instanceof Error ? error.message : String(error);
  return new CommandError(`${command}: ${message}`, { cause: error });
}

/** `zfpjs compress IN.npy [-o OUT.zfp] [mode]`. */
export async function compressCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("compress", argv, {
    values: {
      "-o": "out",
      "--output": "out",
      "--tolerance": "tolerance",
      "-a": "tolerance",
      "--rate": "rate",
      "-r": "rate",
      "--precision": "precision",
      "-p": "precision",
      "--word-bits": "wordBits",
      "-W": "wordBits",
    },
    flags: {
      "--reversible": "reversible",
      "-R": "reversible",
      "-q": "quiet",
      "--quiet": "quiet",
      "--force": "force",
      "-f": "force",
    },
  });
  const input = one("compress", parsed, "input .npy file");
  const modes = ["tolerance", "rate", "precision"].filter((name) => parsed.values.has(name));
  if (parsed.flags.has("reversible")) modes.push("reversible");
  if (modes.length > 1)
    throw new CommandError(`compress: give one mode, not ${modes.map((m) => `--${m}`).join(" and ")}`);
  const options: {
    tolerance?: number;
    rate?: number;
    precision?: number;
    write_header: true;
    wordBits: CliWordBits;
  } = {
    write_header: true,
    wordBits: wordBitsOf("compress", parsed),
  };
  let modeText = "reversible";
  if (parsed.values.has("tolerance")) {
    const tolerance = strictNumber("compress", "--tolerance", parsed.values.get("tolerance")!);
    if (tolerance < 0) throw new CommandError(`compress: --tolerance must be at least 0, not ${tolerance}`);
    options.tolerance = tolerance;
    modeText = `tolerance ${tolerance}`;
  } else if (parsed.values.has("rate")) {
    const rate = strictNumber("compress", "--rate", parsed.values.get("rate")!);
    if (rate <= 0) throw new CommandError(`compress: --rate must be greater than 0, not ${rate}`);
    options.rate = rate;
    modeText = `rate ${rate}`;
  } else if (parsed.values.has("precision")) {
    const text = parsed.values.get("precision")!;
    const precision = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(precision >= 1 && precision <= 64))
      throw new CommandError(`compress: --precision must be an integer from 1 to 64, not '${text}'`);
    options.precision = precision;
    modeText = `precision ${precision}`;
  }
  const output = parsed.values.get("out") ?? (input === "-" ? "-" : replaceExtension(input, ".npy", ".zfp"));
  await refuseDefaultOverwrite(io, "compress", parsed, output);

  const progress = new Progress(io, { quiet: parsed.flags.has("quiet") });
  try {
    return await compressArray(io, input, output, options, modeText, parsed.flags.has("quiet"), progress);
  } finally {
    progress.done();
  }
}

async function compressArray(
  io: CliIo,
  input: string,
  output: string,
  options: Parameters<typeof compress_numpy>[1],
  modeText: string,
  quiet: boolean,
  progress: Progress,
): Promise<number> {
  const bytes = await readInput(io, "compress", input, "input", progress);
  let array: NpyArray;
  try {
    array = readNpy(bytes);
  } catch (error) {
    throw new CommandError(`compress: ${input}: ${(error as Error).message}`, { cause: error });
  }
  if (array.shape.length < 1 || array.shape.length > 4) {
    throw new CommandError(
      `compress: ${input}: zfp compresses arrays of 1 to 4 dimensions, this one has shape ${describeShape(array.shape)}`,
    );
  }
  if (array.shape.some((size) => size === 0)) {
    throw new CommandError(`compress: ${input}: the array is empty (shape ${describeShape(array.shape)})`);
  }
  let stride: number[] | undefined;
  if (array.fortranOrder && array.shape.length > 1) {
    stride = [];
    let step = 1;
    for (const size of array.shape) {
      stride.push(step);
      step *= size;
    }
  }
  let stream: Uint8Array;
  progress.start("compressing", 0, bytes.length >= LARGE);
  try {
    stream = compress_numpy({ data: array.data, shape: array.shape, ...(stride ? { stride } : {}) }, options);
  } catch (error) {
    if (codec.isZfpError(error, "NonFiniteValue")) {
      const { index, value } = error as codec.NonFiniteValueError;
      throw new CommandError(
        `compress: ${input}: value ${index} (C order) is ${value}; lossy modes cannot store NaN or infinity (use --reversible, or --allow-nonfinite to write zfp's bytes anyway)`,
        { cause: error },
      );
    }
    throw zfpyError("compress", error);
  }
  await writeOutput(io, "compress", output, [stream], progress);
  progress.done();
  if (!quiet && output !== "-") {
    const raw = array.data.byteLength;
    const count = array.data.length;
    await writeTo(
      io.stderr,
      `${basename(input)} -> ${output}: ${array.dtype} ${describeShape(array.shape)}, ${modeText}, ` +
        `${raw} -> ${stream.length} bytes, ratio ${formatGeneral(raw / stream.length, 3)}, ` +
        `${formatGeneral((8 * stream.length) / count, 4)} bits/value\n`,
    );
  }
  return 0;
}

/** `zfpjs decompress IN.zfp [-o OUT.npy]`. */
export async function decompressCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("decompress", argv, {
    values: { "-o": "out", "--output": "out" },
    flags: { "-q": "quiet", "--quiet": "quiet", "--force": "force", "-f": "force" },
  });
  const input = one("decompress", parsed, "input .zfp file");
  const output = parsed.values.get("out") ?? (input === "-" ? "-" : replaceExtension(input, ".zfp", ".npy"));
  await refuseDefaultOverwrite(io, "decompress", parsed, output);
  const progress = new Progress(io, { quiet: parsed.flags.has("quiet") });
  try {
    return await decompressStream(io, input, output, parsed.flags.has("quiet"), progress);
  } finally {
    progress.done();
  }
}

async function decompressStream(
  io: CliIo,
  input: string,
  output: string,
  quiet: boolean,
  progress: Progress,
): Promise<number> {
  const bytes = await readInput(io, "decompress", input, "input", progress);
  let result: ReturnType<typeof decompress_numpy>;
  progress.start("decompressing", 0, bytes.length >= LARGE / 8);
  try {
    result = decompress_numpy(bytes);
  } catch (error) {
    throw zfpyError("decompress", error);
  }
  const dtype = dtypeOf(result.data);
  if (!dtype) throw new CommandError("decompress: zfpy returned an array of an unexpected type");
  await writeOutput(
    io,
    "decompress",
    output,
    writeNpy({ dtype, shape: [...result.shape], fortranOrder: false, data: result.data as NpyData }),
    progress,
  );
  progress.done();
  if (!quiet && output !== "-") {
    await writeTo(
      io.stderr,
      `${basename(input)} -> ${output}: ${dtype} ${describeShape(result.shape)}, ${bytes.length} -> ${result.data.byteLength} bytes\n`,
    );
  }
  return 0;
}

/** `zfpjs info IN.zfp [--json]`. */
export async function infoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("info", argv, { values: {}, flags: { "--json": "json" } });
  const input = one("info", parsed, "input .zfp file");
  const bytes = await readInput(io, "info", input, "input");
  let header: zfpHeader.Header;
  try {
    header = zfpHeader.readHeader(new codec.BitStream(bytes));
  } catch (error) {
    throw new CommandError(`info: ${input}: not a zfp stream with a header: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // numpy's dtype name comes from @zfpjs/zfpy (the header package keeps zfp's type names).
  const { type, typeCode, ...rest } = zfpHeader.describeHeader(header);
  const description = { type, typeCode, dtype: ztype_to_dtype(typeCode), ...rest };
  const count = description.count!;
  const raw = count * (header.type === "int32" || header.type === "float" ? 4 : 8);
  const summary = {
    ...description,
    compressedBytes: bytes.length,
    rawBytes: raw,
    ratio: raw / bytes.length,
    bitsPerValue: (8 * bytes.length) / count,
  };
  if (parsed.flags.has("json")) {
    await writeTo(io.stdout, `${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const parameter =
    description.mode === "fixed-rate"
      ? ` (rate ${formatGeneral(description.rate!, 6)} bits/value)`
      : description.mode === "fixed-precision"
        ? ` (precision ${description.precision} bits)`
        : description.mode === "fixed-accuracy"
          ? ` (tolerance ${formatGeneral(description.tolerance!, 6)})`
          : "";
  const zfpSizes = ["nx", "ny", "nz", "nw"]
    .map((name, i) => `${name}=${description.shapeZfp![i] ?? 0}`)
    .join(" ");
  const lines = [
    `file:       ${input}`,
    `type:       ${description.type} (numpy ${description.dtype})`,
    `shape:      ${describeShape(description.shapeC!)} (numpy, C order); zfp ${zfpSizes}`,
    `mode:       ${description.mode}${parameter}`,
    `parameters: minbits=${description.minbits} maxbits=${description.maxbits} maxprec=${description.maxprec} minexp=${description.minexp} (mode value ${description.modeValue})`,
    `header:     ${description.headerBits} bits`,
    `size:       ${bytes.length} bytes compressed, ${raw} bytes raw, ratio ${formatGeneral(raw / bytes.length, 4)}, ${formatGeneral((8 * bytes.length) / count, 4)} bits/value`,
  ];
  await writeTo(io.stdout, `${lines.join("\n")}\n`);
  return 0;
}

/** `zfpjs sample OUT.npy [--shape 64,64] [--dtype float32]`: a smooth test array. */
export async function sampleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("sample", argv, {
    values: { "--shape": "shape", "--dtype": "dtype" },
    flags: {},
  });
  const output = one("sample", parsed, "output .npy file");
  const shapeText = parsed.values.get("shape") ?? "64,64";
  const shape = shapeText.split(",").map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : Number.NaN));
  if (shape.length < 1 || shape.length > 4 || shape.some((size) => !(size >= 1 && size <= 1 << 16))) {
    throw new CommandError(
      `sample: --shape must be 1 to 4 sizes from 1 to 65536 separated by commas, not '${shapeText}'`,
    );
  }
  const count = shape.reduce((product, size) => product * size, 1);
  if (count > 1 << 28)
    throw new CommandError(`sample: --shape ${shapeText} has ${count} values; at most 2^28 are allowed`);
  const dtype = (parsed.values.get("dtype") ?? "float32") as NpyDtype;
  if (!["float32", "float64", "int32", "int64"].includes(dtype)) {
    throw new CommandError(`sample: --dtype must be float32, float64, int32 or int64, not '${dtype}'`);
  }
  const size = dtype === "float32" || dtype === "int32" ? 4 : 8;
  const data = typedArray(dtype, new ArrayBuffer(count * size), count);
  // C order: the last axis varies fastest.
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let value = 1;
    for (let axis = 0; axis < shape.length; axis++) {
      const t = (index[axis]! + 0.5) / shape[axis]!;
      value *= axis % 2 === 0 ? Math.sin(2 * Math.PI * t) : Math.cos(Math.PI * t);
    }
    if (data instanceof BigInt64Array) data[i] = BigInt(Math.round(value * 1000));
    else if (data instanceof Int32Array) data[i] = Math.round(value * 1000);
    else data[i] = value;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < shape[axis]!) break;
      index[axis] = 0;
    }
  }
  await writeOutput(io, "sample", output, writeNpy({ dtype, shape, fortranOrder: false, data }));
  return 0;
}

/** Help text of each subcommand. */
export const SUBCOMMAND_HELP: Record<string, string> = {
  compress: COMPRESS_HELP,
  decompress: DECOMPRESS_HELP,
  info: INFO_HELP,
  sample: SAMPLE_HELP,
};
