// zfpjs compress / decompress / info / sample: the .npy workflow, over zfpy's API (the streams
// are those of zfpy.compress_numpy and decompress_numpy) and zfp's header.
import { existsSync } from "node:fs";
import { statfs } from "node:fs/promises";
import { basename, dirname } from "node:path";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import {
  compress_numpy,
  createStreamCompressor,
  createStreamDecompressor,
  DEFAULT_MAX_OUTPUT_BYTES,
  type Dtype,
  ztype_to_dtype,
} from "@zfpjs/zfpy";
import { formatGeneral } from "./c-format.js";
import { type CliIo, resolvePath, writeTo } from "./cli-io.js";
import { slabValuesOf } from "./compat.js";
import type { CliWordBits } from "./compat-args.js";
import { type ByteSource, handleSource, iterableSource, openInput } from "./input-file.js";
import {
  itemSize,
  NPY_PREFIX_BYTES,
  type NpyDtype,
  type NpyLayout,
  npyHeader,
  readNpyLayout,
  swapBytes,
  truncatedData,
  typedArray,
  writeNpy,
} from "./npy.js";
import { type OutputWriter, openOutputWriter, writeOutputFile } from "./output-file.js";
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

/** An input path ("-": standard input) opened as a sequential source, with its size when known;
 * read errors are wrapped as "cannot read" lines by {@link readFrom}. */
async function openSource(
  io: CliIo,
  command: string,
  path: string,
  what: string,
): Promise<{ source: ByteSource; size?: number; read: (target: Uint8Array) => Promise<number> }> {
  const wrap = (error: unknown): never => {
    throw new CommandError(`${command}: cannot read ${what} '${path}': ${systemReason(error)}`, {
      cause: error,
    });
  };
  let source: ByteSource;
  let size: number | undefined;
  if (path === "-") {
    source = iterableSource(io.stdin);
  } else {
    const handle = await openInput(resolvePath(io, path)).catch(wrap);
    const info = await handle.stat().catch(() => undefined);
    size = info?.isFile() ? info.size : undefined;
    source = handleSource(handle);
  }
  const read = (target: Uint8Array) =>
    source.read(target).catch((error: unknown) => {
      // an allocation failure is not a read error: main reports it as out of memory
      if (error instanceof RangeError) throw error;
      return wrap(error);
    });
  return { source, size, read };
}

function systemReason(error: unknown): string {
  if (error instanceof Error && error.name === "OutputFileError") return systemReason(error.cause);
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
  options: { progress?: Progress; force?: boolean; what?: string } = {},
): Promise<void> {
  if (path === "-") {
    if (io.stdout.isTTY && !options.force) {
      throw new CommandError(
        `${command}: refusing to write binary ${options.what ?? "data"} to a terminal; redirect standard output, or pass --force`,
      );
    }
    // a closed pipe propagates as EPIPE: main ends the run quietly, as a Unix filter stops
    for (const part of parts) await writeTo(io.stdout, part);
    return;
  }
  try {
    options.progress?.start(
      "writing",
      parts.reduce((sum, part) => sum + part.length, 0),
    );
    await writeOutputFile(resolvePath(io, path), parts, (done) => options.progress?.update(done));
  } catch (error) {
    throw new CommandError(`${command}: cannot write '${path}': ${systemReason(error)}`, { cause: error });
  }
}

/** An output being streamed: a file through output-file.ts, or standard output. */
interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Opens `path` ("-": standard output, refused on a terminal without --force) for streaming. */
async function openSink(
  io: CliIo,
  command: string,
  path: string,
  options: { force: boolean; what: string },
): Promise<Sink> {
  if (path === "-") {
    if (io.stdout.isTTY && !options.force) {
      throw new CommandError(
        `${command}: refusing to write binary ${options.what} to a terminal; redirect standard output, or pass --force`,
      );
    }
    // a closed pipe propagates as EPIPE: main ends the run quietly, as a Unix filter stops
    return {
      write: (chunk) => writeTo(io.stdout, chunk),
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }
  const wrap = (error: unknown): never => {
    throw new CommandError(`${command}: cannot write '${path}': ${systemReason(error)}`, { cause: error });
  };
  const writer: OutputWriter = await openOutputWriter(resolvePath(io, path)).catch(wrap);
  return {
    write: (chunk) => writer.write(chunk).catch(wrap),
    commit: () => writer.commit().catch(wrap),
    abort: () => writer.abort(),
  };
}

/** Rows of the first (slowest) axis per slab: about `slabValues` values, a multiple of 4. */
function slabRows(shape: readonly number[], slabValues: number): number {
  const row = shape.slice(1).reduce((product, size) => product * size, 1);
  return Math.max(1, Math.floor(slabValues / (row * 4))) * 4;
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

function maxOutputBytesOf(parsed: ParsedArgs): number | undefined {
  const text = parsed.values.get("maxOutputBytes");
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value))
    throw new CommandError(`decompress: --max-output-bytes must be a whole number of bytes, not '${text}'`);
  return value;
}

/**
 * Refuses, from the header alone and before writing, a stream that decodes to more than
 * `--max-output-bytes`, by default the library's 1 GiB cap (a small stream can declare gigabytes
 * of zeros), and, under the default, a file output larger than its file system's free space.
 * Decoding streams slab by slab, so memory is no limit; the cap guards the disk and the pipe.
 */
async function refuseLargeOutput(
  io: CliIo,
  declared: number,
  output: string,
  maxOutputBytes: number | undefined,
): Promise<void> {
  const limit = maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (declared > limit) {
    const which = maxOutputBytes === undefined ? " (the default, 1 GiB)" : "";
    throw new CommandError(
      `decompress: the stream declares ${declared} bytes of output, more than the limit of ${limit} bytes${which}; raise it with --max-output-bytes ${declared}`,
    );
  }
  if (maxOutputBytes !== undefined || output === "-") return;
  const space = await statfs(dirname(resolvePath(io, output))).catch(() => undefined);
  if (space === undefined) return; // the write reports a missing directory
  const free = space.bavail * space.bsize;
  if (declared > free) {
    throw new CommandError(
      `decompress: the stream declares ${declared} bytes of output, more than the ${free} bytes free for '${output}'; pass --max-output-bytes ${declared} to try anyway`,
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
    if (!(precision >= 1 && precision <= codec.ZFP_MAX_PREC))
      throw new CommandError(
        `compress: --precision must be an integer from 1 to ${codec.ZFP_MAX_PREC}, not '${text}'`,
      );
    options.precision = precision;
    modeText = `precision ${precision}`;
  }
  const output = parsed.values.get("out") ?? (input === "-" ? "-" : replaceExtension(input, ".npy", ".zfp"));
  await refuseDefaultOverwrite(io, "compress", parsed, output);

  const progress = new Progress(io, { quiet: parsed.flags.has("quiet") });
  try {
    const flags = { quiet: parsed.flags.has("quiet"), force: parsed.flags.has("force") };
    return await compressArray(io, input, output, options, modeText, flags, progress, slabValuesOf(io));
  } finally {
    progress.done();
  }
}

/** Reads the .npy header from `read` (a source at its start); returns it and the bytes read. */
async function readLayout(
  read: (target: Uint8Array) => Promise<number>,
  input: string,
): Promise<{ layout: NpyLayout; head: Uint8Array }> {
  const prefix = new Uint8Array(NPY_PREFIX_BYTES);
  const got = await read(prefix);
  const bad = (error: unknown): never => {
    throw new CommandError(`compress: ${input}: ${(error as Error).message}`, { cause: error });
  };
  let headerEnd = got;
  try {
    readNpyLayout(prefix.subarray(0, got));
  } catch (error) {
    const view = new DataView(prefix.buffer);
    // only "the header does not follow yet" is expected here: the header's length is in the prefix
    if (got < 10 || !/header of \d+ bytes/.test((error as Error).message)) bad(error);
    headerEnd = prefix[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
  }
  const head = new Uint8Array(Math.max(got, headerEnd));
  head.set(prefix.subarray(0, got));
  const more = headerEnd > got ? await read(head.subarray(got)) : 0;
  try {
    return { layout: readNpyLayout(head.subarray(0, got + more)), head: head.subarray(0, got + more) };
  } catch (error) {
    return bad(error);
  }
}

function nonFiniteError(input: string, error: unknown, offset: number): CommandError | undefined {
  const cause = codec.isZfpError(error, "NonFiniteValue")
    ? error
    : codec.isZfpError((error as Error)?.cause, "NonFiniteValue")
      ? (error as Error).cause
      : undefined;
  if (!cause) return undefined;
  const { index, value } = cause as codec.NonFiniteValueError;
  return new CommandError(
    `compress: ${input}: value ${offset + index} (C order) is ${value}; lossy modes cannot store NaN or infinity (use --reversible, or --allow-nonfinite to write zfp's bytes anyway)`,
    { cause: error },
  );
}

/**
 * Streams a .npy file into a zfp stream: the header first, then the values slab by slab (rows
 * of the first axis; big-endian values byte-swapped per slab), each compressed and written as it
 * comes, so memory holds about one slab whatever the file's size. A Fortran-ordered array of two
 * or more dimensions has its first axis fastest in the file, so no slab is contiguous: it is
 * read whole (memory about its size) and compressed through its strides, as zfpy does.
 */
async function compressArray(
  io: CliIo,
  input: string,
  output: string,
  options: Parameters<typeof compress_numpy>[1] & object,
  modeText: string,
  { quiet, force }: { quiet: boolean; force: boolean },
  progress: Progress,
  slabValues: number,
): Promise<number> {
  if (output === "-" && io.stdout.isTTY && !force) {
    throw new CommandError(
      "compress: refusing to write binary zfp data to a terminal; redirect standard output, or pass --force",
    );
  }
  const { source, size, read } = await openSource(io, "compress", input, "input");
  let sink: Sink | undefined;
  try {
    // the header is read exactly, so the source stands at the first value
    const { layout } = await readLayout(read, input);
    const { shape, dtype, dataStart, dataBytes } = layout;
    if (shape.length < 1 || shape.length > 4) {
      throw new CommandError(
        `compress: ${input}: zfp compresses arrays of 1 to 4 dimensions, this one has shape ${describeShape(shape)}`,
      );
    }
    const truncated = (found: number) =>
      new CommandError(`compress: ${input}: ${truncatedData(layout, found).message}`);
    if (size !== undefined && size - dataStart < dataBytes) throw truncated(size - dataStart);
    if (shape.some((n) => n === 0)) {
      throw new CommandError(`compress: ${input}: the array is empty (shape ${describeShape(shape)})`);
    }
    const count = dataBytes / itemSize(dtype);
    const readValues = async (target: Uint8Array, done: number) => {
      const got = await read(target);
      if (got < target.length) throw truncated(done + got);
      if (layout.bigEndian) swapBytes(target, itemSize(dtype));
    };
    let length = 0;
    if (layout.fortranOrder && shape.length > 1) {
      const buffer = new ArrayBuffer(dataBytes);
      progress.start("reading", 0, dataBytes >= LARGE);
      await readValues(new Uint8Array(buffer), 0);
      let step = 1;
      const stride = shape.map((n) => {
        const s = step;
        step *= n;
        return s;
      });
      progress.start("compressing", 0, dataBytes >= LARGE);
      let stream: Uint8Array;
      try {
        stream = compress_numpy({ data: typedArray(dtype, buffer, count), shape, stride }, options);
      } catch (error) {
        throw nonFiniteError(input, error, 0) ?? zfpyError("compress", error);
      }
      sink = await openSink(io, "compress", output, { force, what: "zfp data" });
      await sink.write(stream);
      length = stream.length;
    } else {
      let compressor: ReturnType<typeof createStreamCompressor>;
      try {
        compressor = createStreamCompressor(dtype as Dtype, shape, options);
      } catch (error) {
        throw zfpyError("compress", error);
      }
      sink = await openSink(io, "compress", output, { force, what: "zfp data" });
      const rows = slabRows(shape, slabValues);
      const rowValues = count / shape[0]!;
      const buffer = new ArrayBuffer(Math.min(rows, shape[0]!) * rowValues * itemSize(dtype));
      // progress in bytes of values, so large inputs draw at once
      const rowBytes = rowValues * itemSize(dtype);
      progress.start("compressing", shape[0]! * rowBytes);
      for (let start = 0; start < shape[0]!; start += rows) {
        const n = Math.min(rows, shape[0]! - start);
        const bytes = new Uint8Array(buffer, 0, n * rowValues * itemSize(dtype));
        await readValues(bytes, start * rowValues * itemSize(dtype));
        let part: Uint8Array;
        try {
          part = compressor.write({
            data: typedArray(dtype, buffer, n * rowValues),
            shape: [n, ...shape.slice(1)],
          });
        } catch (error) {
          throw nonFiniteError(input, error, start * rowValues) ?? zfpyError("compress", error);
        }
        if (part.length > 0) await sink.write(part);
        length += part.length;
        progress.update((start + n) * rowBytes);
      }
    }
    await sink.commit();
    progress.done();
    if (!quiet && output !== "-") {
      await writeTo(
        io.stderr,
        `${basename(input)} -> ${output}: ${dtype} ${describeShape(shape)}, ${modeText}, ` +
          `${dataBytes} -> ${length} bytes, ratio ${formatGeneral(dataBytes / length, 3)}, ` +
          `${formatGeneral((8 * length) / count, 4)} bits/value\n`,
      );
    }
    return 0;
  } catch (error) {
    await sink?.abort();
    throw error;
  } finally {
    await source.close();
  }
}

/** `zfpjs decompress IN.zfp [-o OUT.npy]`. */
export async function decompressCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("decompress", argv, {
    values: { "-o": "out", "--output": "out", "--max-output-bytes": "maxOutputBytes" },
    flags: { "-q": "quiet", "--quiet": "quiet", "--force": "force", "-f": "force" },
  });
  const input = one("decompress", parsed, "input .zfp file");
  const maxOutputBytes = maxOutputBytesOf(parsed);
  const output = parsed.values.get("out") ?? (input === "-" ? "-" : replaceExtension(input, ".zfp", ".npy"));
  await refuseDefaultOverwrite(io, "decompress", parsed, output);
  const progress = new Progress(io, { quiet: parsed.flags.has("quiet") });
  try {
    const flags = { quiet: parsed.flags.has("quiet"), force: parsed.flags.has("force") };
    return await decompressStream(
      io,
      input,
      output,
      { ...flags, maxOutputBytes },
      progress,
      slabValuesOf(io),
    );
  } finally {
    progress.done();
  }
}

/** Bytes of compressed input read at a time. */
const READ_CHUNK = 1 << 20;

/** Reads the stream's header from its first bytes, or undefined when they hold none. */
function headerOf(bytes: Uint8Array): zfpHeader.Header | undefined {
  try {
    const padded = new Uint8Array(Math.ceil((bytes.length + 1) / 8) * 8);
    padded.set(bytes);
    return zfpHeader.readHeader(new codec.BitStream(padded));
  } catch {
    return undefined;
  }
}

/**
 * Streams a zfp stream into a C-ordered .npy file: the header, then each slab of rows as it is
 * decoded, so memory holds about one slab and one chunk of input whatever the array's size.
 */
async function decompressStream(
  io: CliIo,
  input: string,
  output: string,
  { quiet, force, maxOutputBytes }: { quiet: boolean; force: boolean; maxOutputBytes: number | undefined },
  progress: Progress,
  slabValues: number,
): Promise<number> {
  if (output === "-" && io.stdout.isTTY && !force) {
    throw new CommandError(
      "decompress: refusing to write binary .npy data to a terminal; redirect standard output, or pass --force",
    );
  }
  const { source, read } = await openSource(io, "decompress", input, "input");
  let sink: Sink | undefined;
  try {
    const chunk = new Uint8Array(READ_CHUNK);
    let got = await read(chunk);
    let compressed = got;
    const header = headerOf(chunk.subarray(0, got));
    let shapeC: number[] | undefined;
    let dtype: NpyDtype | undefined;
    let raw = 0;
    if (header) {
      const description = zfpHeader.describeHeader(header);
      shapeC = description.shapeC!;
      dtype = ztype_to_dtype(description.typeCode) as NpyDtype;
      raw = description.count! * itemSize(dtype);
      await refuseLargeOutput(io, raw, output, maxOutputBytes);
    }
    let decoder: ReturnType<typeof createStreamDecompressor>;
    try {
      decoder = createStreamDecompressor(shapeC ? { slabRows: slabRows(shapeC, slabValues) } : {});
    } catch (error) {
      throw zfpyError("decompress", error);
    }
    const drain = async () => {
      for (;;) {
        let slab: ReturnType<typeof decoder.next>;
        try {
          slab = decoder.next();
        } catch (error) {
          throw zfpyError("decompress", error);
        }
        if (!slab) return;
        if (!sink) {
          sink = await openSink(io, "decompress", output, { force, what: ".npy data" });
          // the decoder's reading of the header (the same as headerOf's when that one succeeded)
          dtype = decoder.dtype as NpyDtype;
          shapeC = [...decoder.shape!];
          raw = shapeC.reduce((product, n) => product * n, itemSize(dtype));
          await sink.write(npyHeader(dtype, shapeC, false));
        }
        await sink.write(new Uint8Array(slab.data.buffer, slab.data.byteOffset, slab.data.byteLength));
        progress.update(((slab.start + slab.shape[0]!) * raw) / shapeC![0]!);
      }
    };
    progress.start("decompressing", raw);
    try {
      while (got > 0) {
        decoder.push(chunk.subarray(0, got));
        await drain();
        got = await read(chunk);
        compressed += got;
      }
      decoder.end();
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw zfpyError("decompress", error);
    }
    await drain();
    if (!decoder.finished) throw new CommandError("decompress: the stream ended before its last slab");
    await sink!.commit();
    progress.done();
    if (!quiet && output !== "-") {
      await writeTo(
        io.stderr,
        `${basename(input)} -> ${output}: ${dtype} ${describeShape(shapeC!)}, ${compressed} -> ${raw} bytes\n`,
      );
    }
    return 0;
  } catch (error) {
    await sink?.abort();
    throw error;
  } finally {
    await source.close();
  }
}

/** `zfpjs info IN.zfp [--json]`. */
export async function infoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("info", argv, { values: {}, flags: { "--json": "json" } });
  const input = one("info", parsed, "input .zfp file");
  // only the header is read from a file; a pipe is read through to count its bytes
  const { source, size, read } = await openSource(io, "info", input, "input");
  let length: number;
  let header: zfpHeader.Header;
  try {
    const head = new Uint8Array(64);
    const got = await read(head);
    length = size ?? got;
    if (size === undefined) {
      const rest = new Uint8Array(1 << 16);
      for (let n = await read(rest); n > 0; n = await read(rest)) length += n;
    }
    try {
      header = zfpHeader.readHeader(new codec.BitStream(head.subarray(0, got)));
    } catch (error) {
      throw new CommandError(`info: ${input}: not a zfp stream with a header: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } finally {
    await source.close();
  }
  // numpy's dtype name comes from @zfpjs/zfpy (the header package keeps zfp's type names).
  const { type, typeCode, ...rest } = zfpHeader.describeHeader(header);
  const description = { type, typeCode, dtype: ztype_to_dtype(typeCode), ...rest };
  const count = description.count!;
  const raw = count * (header.type === "int32" || header.type === "float" ? 4 : 8);
  const summary = {
    ...description,
    compressedBytes: length,
    rawBytes: raw,
    ratio: raw / length,
    bitsPerValue: (8 * length) / count,
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
    `size:       ${length} bytes compressed, ${raw} bytes raw, ratio ${formatGeneral(raw / length, 4)}, ${formatGeneral((8 * length) / count, 4)} bits/value`,
  ];
  await writeTo(io.stdout, `${lines.join("\n")}\n`);
  return 0;
}

/** `zfpjs sample OUT.npy [--shape 64,64] [--dtype float32]`: a smooth test array. */
export async function sampleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs("sample", argv, {
    values: { "--shape": "shape", "--dtype": "dtype" },
    flags: { "--force": "force", "-f": "force" },
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
  await writeOutput(io, "sample", output, writeNpy({ dtype, shape, fortranOrder: false, data }), {
    force: parsed.flags.has("force"),
    what: ".npy data",
  });
  return 0;
}

/** Help text of each subcommand. */
export const SUBCOMMAND_HELP: Record<string, string> = {
  compress: COMPRESS_HELP,
  decompress: DECOMPRESS_HELP,
  info: INFO_HELP,
  sample: SAMPLE_HELP,
};
