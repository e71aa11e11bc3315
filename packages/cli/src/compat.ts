// zfpjs in zfp-compatible mode: utils/zfp.c's main, step for step (checks, their order and their
// messages, files, the summary line), over the zfpjs codec.
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { formatGeneral } from "./c-format.js";
import { type CliIo, isAllocationFailure, isBrokenPipe, resolvePath, writeTo } from "./cli-io.js";
import { type CliScalarType, type CompatOptions, parseCompatArgs } from "./compat-args.js";
import { ErrorAccumulator, formatErrorStatistics, type RawValues } from "./error-statistics.js";
import { type ByteSource, handleSource, iterableSource, openInput } from "./input-file.js";
import { OutputFileError, openOutputWriter } from "./output-file.js";
import { Progress } from "./progress.js";
import { COMPAT_USAGE } from "./usage.js";

/** Bytes per value of each scalar type (zfp_type_size). */
export const TYPE_SIZE: Record<CliScalarType, number> = { int32: 4, int64: 8, float: 4, double: 8 };

/** Bits of precision of each type (zfp_field_precision), used for -c's maxprec 0. */
const TYPE_BITS: Record<CliScalarType, number> = { int32: 32, int64: 64, float: 32, double: 64 };

/** Bytes a process can address on x86-64 (2^47): zfp's malloc of a larger buffer fails. */
const ADDRESS_SPACE = 2n ** 47n;

/** Values per slab: memory holds a few slabs whatever the field's size. */
const DEFAULT_SLAB_VALUES = 1 << 22;

/** Index of the first NaN or infinity, or -1. */
function firstNonFinite(data: Float32Array | Float64Array): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

/** A failure that ends the run with zfp's message and status 1. */
class CompatFailure extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

function newArray(type: CliScalarType, buffer: ArrayBuffer, count: number): codec.ScalarArray {
  try {
    return typedView(type, buffer, count);
  } catch (error) {
    // more values than a typed array may hold (2^32 - 1 on some engines): malloc's failure in zfp
    throw new CompatFailure("cannot allocate memory", error);
  }
}

function typedView(type: CliScalarType, buffer: ArrayBuffer, count: number): codec.ScalarArray {
  switch (type) {
    case "int32":
      return new Int32Array(buffer, 0, count);
    case "int64":
      return new BigInt64Array(buffer, 0, count);
    case "float":
      return new Float32Array(buffer, 0, count);
    default:
      return new Float64Array(buffer, 0, count);
  }
}

function allocate(bytes: bigint, message: string): ArrayBuffer {
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw new CompatFailure(message);
  try {
    return new ArrayBuffer(Number(bytes));
  } catch (error) {
    throw new CompatFailure(message, error);
  }
}

function bytesOf(array: codec.ScalarArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The configuration a mode option sets (zfp.c: zfp_stream_set_* for -R -a -p -r -c). */
function configFor(options: CompatOptions, type: CliScalarType): codec.ZfpConfig {
  switch (options.mode) {
    case "R":
      return codec.reversible();
    case "a":
      return codec.fixedAccuracy(options.tolerance);
    case "p":
      return codec.fixedPrecision(options.precision);
    case "r":
      return codec.fixedRate(options.rate, {
        type,
        dims: options.dims as 1 | 2 | 3 | 4,
        wordBits: options.wordBits,
      });
    default: {
      const maxbits = options.maxbits === 0 ? codec.ZFP_MAX_BITS : options.maxbits;
      const maxprec = options.maxprec === 0 ? TYPE_BITS[type] : options.maxprec;
      try {
        return codec.expert(options.minbits, maxbits, maxprec, options.minexp);
      } catch (error) {
        throw new CompatFailure("invalid compression parameters", error);
      }
    }
  }
}

function sizeText(size: bigint): string {
  return size.toString();
}

/** Runs zfp's command with `argv` (no program name); resolves to the exit status. */
export async function runCompat(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (line: string) => writeTo(io.stderr, `${line}\n`);
  if (argv.length === 0) {
    await writeTo(io.stderr, COMPAT_USAGE);
    return 1;
  }
  const parsed = parseCompatArgs(argv);
  if (!parsed.ok) {
    await writeTo(io.stderr, `zfpjs: ${parsed.reason}\n\n${COMPAT_USAGE}`);
    return 1;
  }
  const options = parsed.options;
  const progress = new Progress(io, { quiet: options.quiet });
  try {
    return await runParsed(options, io, progress);
  } catch (caught) {
    progress.done();
    // an allocation deep inside (a RangeError from the engine) is zfp's malloc failure
    const error = isAllocationFailure(caught) ? new CompatFailure("cannot allocate memory", caught) : caught;
    if (error instanceof CompatFailure) {
      await say(error.message);
      if (io.env.ZFPJS_DEBUG && error.detail)
        await say(String((error.detail as Error).stack ?? error.detail));
      return 1;
    }
    throw error;
  }
}

async function runParsed(options: CompatOptions, io: CliIo, progress: Progress): Promise<number> {
  const { inPath, zfpPath, header, stats } = options;
  // zfp tests its path pointers, so an empty path ("") counts as given and fails to open
  const hasIn = inPath !== undefined;
  const hasZfp = zfpPath !== undefined;
  const count = BigInt.asUintN(64, options.nx * options.ny * options.nz * options.nw);
  if (count === 0n && options.dims) fail("array size must be nonzero");
  if (!hasIn && !hasZfp) fail("must specify uncompressed or compressed input file via -i or -z");
  if (!options.type) {
    if (hasIn) fail("must specify scalar type via -f, -d, or -t to compress");
    else if (!header) fail("must specify scalar type via -f, -d, or -t or header via -h to decompress");
  }
  if (!options.dims) {
    if (hasIn) fail("must specify array dimensions via -1, -2, -3, or -4 to compress");
    else if (!header)
      fail("must specify array dimensions via -1, -2, -3, or -4 or header via -h to decompress");
  }
  if (!options.mode) {
    if (hasIn) fail("must specify compression parameters via -a, -c, -p, or -r to compress");
    else if (!header)
      fail("must specify compression parameters via -a, -c, -p, or -r or header via -h to decompress");
  }
  if (stats && !hasIn) fail("must specify input file via -i to compute stats");
  if (!hasIn && hasZfp && header && (options.type || options.dims)) {
    fail("cannot specify both field type/size and header");
  }

  const wordBits = options.wordBits;
  const slabValues = slabValuesOf(io);
  const sinks: Sink[] = [];
  try {
    return await (hasIn
      ? compressRun(options, io, progress, slabValues, sinks)
      : decompressRun(options, io, progress, slabValues, sinks, wordBits));
  } catch (error) {
    for (const sink of sinks) await sink.abort();
    throw error;
  }
}

/** Values per slab: io.slabValues (tests), else ZFPJS_SLAB_VALUES, else 2^22. */
export function slabValuesOf(io: CliIo): number {
  const text = io.env.ZFPJS_SLAB_VALUES;
  const fromEnv = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  return Math.max(1, io.slabValues ?? fromEnv ?? DEFAULT_SLAB_VALUES);
}

/** Rows of the slowest axis per slab: about `slabValues` values, a multiple of 4, at least 4. */
export function slabRowsOf(shape: codec.FieldShape, slabValues: number): number {
  const dims = codec.fieldDims(shape);
  const sizes = [shape.nx, shape.ny, shape.nz, shape.nw];
  let row = 1;
  for (let axis = 0; axis < dims - 1; axis++) row *= sizes[axis]!;
  return Math.max(1, Math.floor(slabValues / (row * 4))) * 4;
}

/** An output being streamed: a file (through output-file.ts) or standard output. */
interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const fail = (message: string, detail?: unknown): never => {
  throw new CompatFailure(message, detail);
};

/** Opens the output `path` ("-": standard output) for streaming; create errors give `createMessage`. */
async function openSink(
  io: CliIo,
  path: string,
  createMessage: string,
  writeMessage: string,
  stdoutUsed: { used: boolean },
): Promise<Sink> {
  const rethrow = (error: unknown): never => {
    if (isBrokenPipe(error) || isBrokenPipe((error as Error).cause)) throw error; // as SIGPIPE ends zfp
    return fail(
      error instanceof OutputFileError && error.phase === "create" ? createMessage : writeMessage,
      error,
    );
  };
  if (path === "-") {
    // zfp closes stdout after the first output; a second output to it fails to write
    if (stdoutUsed.used) fail(writeMessage);
    stdoutUsed.used = true;
    return {
      write: (chunk) => writeTo(io.stdout, chunk).catch(rethrow),
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }
  const writer = await openOutputWriter(resolvePath(io, path)).catch(rethrow);
  return {
    write: (chunk) => writer.write(chunk).catch(rethrow),
    commit: () => writer.commit().catch(rethrow),
    abort: () => writer.abort(),
  };
}

/** Opens the input path ("-": standard input) as a sequential source; its size when known. */
async function openSource(
  io: CliIo,
  path: string,
  openMessage: string,
): Promise<{ source: ByteSource; size?: number }> {
  if (path === "-") return { source: iterableSource(io.stdin) };
  const handle = await openInput(resolvePath(io, path)).catch((error: unknown) => fail(openMessage, error));
  const info = await handle.stat().catch(() => undefined);
  return { source: handleSource(handle), size: info?.isFile() ? info.size : undefined };
}

/** The summary line zfp prints on stderr (print_error's statistics appended with -s). */
function summary(
  type: CliScalarType,
  shown: { nx: bigint; ny: bigint; nz: bigint; nw: bigint },
  total: bigint,
  zfpSize: number,
  statistics?: ErrorAccumulator,
): string {
  const raw = BigInt(TYPE_SIZE[type]) * total;
  const ratio = Number(raw) / zfpSize;
  const rate = (8 * zfpSize) / Number(total);
  let line =
    `type=${type} nx=${sizeText(shown.nx)} ny=${sizeText(shown.ny)} nz=${sizeText(shown.nz)} nw=${sizeText(shown.nw)}` +
    ` raw=${raw} zfp=${zfpSize} ratio=${formatGeneral(ratio, 3, { negativeNaN: Number.isNaN(ratio) })} rate=${formatGeneral(rate, 4)}`;
  if (statistics) line += formatErrorStatistics(statistics.result());
  return line;
}

async function executionNote(options: CompatOptions, io: CliIo): Promise<void> {
  // execution policy: zfpjs compresses serially; the output is the same as zfp's OpenMP output
  if (options.execution.policy !== "serial" && !options.quiet) {
    await writeTo(
      io.stderr,
      `zfpjs: -x ${options.execution.text ?? options.execution.policy}: zfpjs has no ${
        options.execution.policy === "cuda" ? "CUDA" : "OpenMP"
      } execution; running serially (same output)\n`,
    );
  }
}

/** A field of `shape` over the first values of `buffer`. */
function slabField(shape: codec.FieldShape, buffer: ArrayBuffer): codec.Field {
  return { ...shape, data: newArray(shape.type as CliScalarType, buffer, codec.fieldSize(shape)) };
}

/**
 * -i: reads the input slab by slab, compresses each slab into the -z output as it comes, and
 * (for -o or -s) decodes the compressed bytes again slab by slab, as zfp decompresses its buffer.
 * At most a few slabs are in memory whatever the input's size.
 */
async function compressRun(
  options: CompatOptions,
  io: CliIo,
  progress: Progress,
  slabValues: number,
  sinks: Sink[],
): Promise<number> {
  const { inPath, zfpPath, outPath, header, stats, wordBits } = options;
  const type = options.type!;
  const count = BigInt.asUintN(64, options.nx * options.ny * options.nz * options.nw);
  const rawBytes = BigInt(TYPE_SIZE[type]) * count;
  const { source, size } = await openSource(io, inPath!, "cannot open input file");
  try {
    // zfp allocates the whole input (malloc fails beyond the 2^47-byte address space of x86-64),
    // then reads all of it before anything else: a short regular file fails first
    if (rawBytes > ADDRESS_SPACE) fail("cannot allocate memory");
    if (size !== undefined && BigInt(size) < rawBytes) fail("cannot read input file");
    const shape: codec.FieldShape = {
      type,
      nx: options.dims >= 1 ? Number(options.nx) : 0,
      ny: options.dims >= 2 ? Number(options.ny) : 0,
      nz: options.dims >= 3 ? Number(options.nz) : 0,
      nw: options.dims >= 4 ? Number(options.nw) : 0,
    };
    const config = configFor(options, type);
    let capacity = 0;
    try {
      capacity = codec.maximumSize(config, shape, wordBits);
    } catch (error) {
      fail("cannot allocate memory", error);
    }
    if (!capacity) fail("invalid compression parameters");
    let headerBits = 0;
    let compressor: codec.SlabCompressor | undefined;
    try {
      compressor = new codec.SlabCompressor(config, shape, {
        wordBits,
        nonFinite: "as-c",
        prefix: header
          ? (stream) => {
              headerBits = zfpHeader.writeHeader(stream, shape, config);
            }
          : undefined,
      });
    } catch (error) {
      fail("cannot write header", error);
    }
    await executionNote(options, io);
    const rows = slabRowsOf(shape, slabValues);
    const slow = (["nx", "ny", "nz", "nw"] as const)[codec.fieldDims(shape) - 1]!;
    const length = shape[slow];
    const rowValues = codec.fieldSize(shape) / length;
    const slabBytes = Math.min(rows, length) * rowValues * TYPE_SIZE[type];
    const decode = outPath !== undefined || stats;
    const decoder = decode
      ? new codec.SlabDecompressor(config, shape, { wordBits, startBits: headerBits, slabRows: rows })
      : undefined;
    const stdoutUsed = { used: false };
    const zfpSink =
      zfpPath !== undefined
        ? await openSink(
            io,
            zfpPath,
            "cannot create compressed file",
            "cannot write compressed file",
            stdoutUsed,
          )
        : undefined;
    if (zfpSink) sinks.push(zfpSink);
    // The decoded output fails as zfp's would only after the compressed file is complete.
    let outSink: Sink | undefined;
    let outFailure: unknown;
    const statistics = stats ? new ErrorAccumulator(type) : undefined;
    // input slabs waiting for their decoded values (statistics), and free buffers
    const pending: codec.Field[] = [];
    const free: ArrayBuffer[] = [];
    const takeBuffer = () => free.pop() ?? allocate(BigInt(slabBytes), "cannot allocate memory");
    const decodedBuffer = decode ? allocate(BigInt(slabBytes), "cannot allocate memory") : undefined;
    const lossy = config.minexp >= codec.ZFP_MIN_EXP;
    let warned = options.quiet || !lossy || (type !== "float" && type !== "double");
    let zfpSize = 0;
    let done = 0;
    // progress in bytes of raw values, so large inputs draw at once
    const rowBytes = rowValues * TYPE_SIZE[type];
    progress.start("compressing", length * rowBytes);

    const drainDecoded = async () => {
      for (;;) {
        const next = decoder!.nextShape;
        if (!next) return;
        let slab: codec.DecodedSlab | undefined;
        try {
          slab = decoder!.next(slabField(next, decodedBuffer!));
        } catch (error) {
          fail("decompression failed", error);
        }
        if (!slab) return;
        const input = pending.shift()!;
        statistics?.add(input.data as RawValues, slab.field.data as RawValues);
        free.push((input.data as codec.ScalarArray).buffer as ArrayBuffer);
        if (outPath === undefined || outFailure !== undefined) continue;
        try {
          if (!outSink) {
            outSink = await openSink(
              io,
              outPath,
              "cannot create output file",
              "cannot write output file",
              stdoutUsed,
            );
            sinks.push(outSink);
          }
          await outSink.write(bytesOf(slab.field.data));
        } catch (error) {
          if (isBrokenPipe(error)) throw error;
          outFailure = error;
        }
      }
    };

    for (let start = 0; start < length; start += rows) {
      const slabShape = { ...shape, [slow]: Math.min(rows, length - start) };
      const buffer = takeBuffer();
      const bytes = new Uint8Array(buffer, 0, codec.fieldSize(slabShape) * TYPE_SIZE[type]);
      const read = await source.read(bytes).catch((error: unknown) => fail("cannot read input file", error));
      if (read < bytes.length) fail("cannot read input file");
      const field = slabField(slabShape, buffer);
      if (!warned) {
        const index = firstNonFinite(field.data as Float32Array | Float64Array);
        if (index >= 0) {
          warned = true;
          await writeTo(
            io.stderr,
            `zfpjs: warning: value ${start * rowValues + index} is ${(field.data as Float32Array)[index]}; lossy modes do not preserve NaN or infinity (output as zfp's)\n`,
          );
        }
      }
      let part: Uint8Array = new Uint8Array(0);
      try {
        part = compressor!.write(field);
      } catch (error) {
        fail("compression failed", error);
      }
      zfpSize += part.length;
      if (zfpSink && part.length > 0) await zfpSink.write(part);
      if (decoder) {
        pending.push(field);
        decoder.push(part);
        if (start + rows >= length) decoder.end();
        await drainDecoded();
      } else {
        free.push(buffer);
      }
      done = Math.min(length, start + rows);
      progress.update(done * rowBytes);
    }
    if (zfpSize === 0) fail("compression failed");
    if (decoder && !decoder.finished) fail("decompression failed");
    await zfpSink?.commit();
    if (outFailure !== undefined) throw outFailure;
    await outSink?.commit();
    progress.done();
    if (!options.quiet) {
      const shown = { nx: options.nx, ny: options.ny, nz: options.nz, nw: options.nw };
      await writeTo(io.stderr, `${summary(type, shown, count, zfpSize, statistics)}\n`);
    }
    return 0;
  } finally {
    await source.close();
  }
}

/** Bytes read from the compressed input at a time. */
const READ_CHUNK = 1 << 20;

/**
 * -z without -i: reads the compressed input in chunks and decodes it slab by slab into the -o
 * output as it comes (or only decodes, as zfp does, to print the summary).
 */
async function decompressRun(
  options: CompatOptions,
  io: CliIo,
  progress: Progress,
  slabValues: number,
  sinks: Sink[],
  wordBits: codec.WordBits,
): Promise<number> {
  const { zfpPath, outPath, header } = options;
  const { source, size } = await openSource(io, zfpPath!, "cannot open compressed file");
  try {
    let type = options.type;
    let shape: codec.FieldShape | undefined;
    let config: codec.ZfpConfig | undefined;
    let startBits = 0;
    // the first bytes: the header, or the start of the blocks
    const first = new Uint8Array(READ_CHUNK);
    let firstLength = await source
      .read(first)
      .catch((error: unknown) => fail("cannot read compressed file", error));
    let zfpSize = firstLength;
    if (header) {
      // zfp reads the header from its (word-padded) buffer
      const padded = new Uint8Array(Math.ceil((firstLength + 1) / 8) * 8);
      padded.set(first.subarray(0, firstLength));
      try {
        const stream = new codec.BitStream(padded, { wordBits });
        const parsed = zfpHeader.readHeader(stream);
        type = parsed.type! as CliScalarType;
        config = parsed.config!;
        shape = { type, nx: parsed.nx!, ny: parsed.ny!, nz: parsed.nz!, nw: parsed.nw! };
        startBits = stream.rtell();
      } catch (error) {
        // zfp reads all of its input before the header
        await readRest(source, first);
        fail("incorrect or missing header", error);
      }
    } else {
      shape = {
        type: type!,
        nx: options.dims >= 1 ? Number(options.nx) : 0,
        ny: options.dims >= 2 ? Number(options.ny) : 0,
        nz: options.dims >= 3 ? Number(options.nz) : 0,
        nw: options.dims >= 4 ? Number(options.nw) : 0,
      };
      config = configFor(options, type!);
    }
    const fieldShape = shape!;
    const shown = header
      ? {
          nx: BigInt(Math.max(fieldShape.nx, 1)),
          ny: BigInt(Math.max(fieldShape.ny, 1)),
          nz: BigInt(Math.max(fieldShape.nz, 1)),
          nw: BigInt(Math.max(fieldShape.nw, 1)),
        }
      : { nx: options.nx, ny: options.ny, nz: options.nz, nw: options.nw };
    const total = shown.nx * shown.ny * shown.nz * shown.nw;
    // A stream shorter than the mode's minimum bits per block cannot decode (zfp would read past
    // its buffer): refused before any output when the input's size is known.
    const blocks = [fieldShape.nx, fieldShape.ny, fieldShape.nz, fieldShape.nw].reduce(
      (product, n) => product * (n ? Math.ceil(n / 4) : 1),
      1,
    );
    const floor = config!.minexp < codec.ZFP_MIN_EXP ? 1 : Math.max(config!.minbits, 1);
    const required = startBits + blocks * Math.min(floor, config!.maxbits);
    if (size !== undefined && required > size * 8)
      fail("decompression failed", new codec.TruncatedStreamError(required, size * 8));
    // zfp allocates the whole output here; a short stream from a pipe fails first, as above
    if (BigInt(TYPE_SIZE[type!]) * total > ADDRESS_SPACE) {
      if (size === undefined && required > (zfpSize + (await readRest(source, first))) * 8)
        fail("decompression failed");
      fail("cannot allocate memory");
    }
    await executionNote(options, io);
    const rows = slabRowsOf(fieldShape, slabValues);
    let decoder: codec.SlabDecompressor | undefined;
    try {
      decoder = new codec.SlabDecompressor(config!, fieldShape, { wordBits, startBits, slabRows: rows });
    } catch (error) {
      fail("decompression failed", error);
    }
    const slow = (["nx", "ny", "nz", "nw"] as const)[codec.fieldDims(fieldShape) - 1]!;
    const length = fieldShape[slow];
    const slabBytes = (Math.min(rows, length) * codec.fieldSize(fieldShape) * TYPE_SIZE[type!]) / length;
    const decoded = allocate(BigInt(slabBytes), "cannot allocate memory");
    const stdoutUsed = { used: false };
    let outSink: Sink | undefined;
    const rowBytes = slabBytes / Math.min(rows, length);
    progress.start("decompressing", length * rowBytes);
    const drain = async () => {
      for (;;) {
        const next = decoder!.nextShape;
        if (!next) return;
        let slab: codec.DecodedSlab | undefined;
        try {
          slab = decoder!.next(slabField(next, decoded));
        } catch (error) {
          fail("decompression failed", error);
        }
        if (!slab) return;
        if (outPath !== undefined) {
          if (!outSink) {
            outSink = await openSink(
              io,
              outPath,
              "cannot create output file",
              "cannot write output file",
              stdoutUsed,
            );
            sinks.push(outSink);
          }
          await outSink.write(bytesOf(slab.field.data));
        }
        progress.update((slab.start + slab.rows) * rowBytes);
      }
    };
    let chunk = first.subarray(0, firstLength);
    let tail = 0; // bytes after the last whole word, for the final zero padding
    for (;;) {
      if (chunk.length === 0) break;
      decoder!.push(chunk);
      tail = (tail + chunk.length) % 8;
      await drain();
      firstLength = await source
        .read(first)
        .catch((error: unknown) => fail("cannot read compressed file", error));
      zfpSize += firstLength;
      chunk = first.subarray(0, firstLength);
    }
    // zero-pad to whole 64-bit words, as C reads from a larger buffer: a stream written with
    // 8-bit words need not end on a word boundary
    decoder!.push(new Uint8Array(8 - tail));
    decoder!.end();
    await drain();
    if (!decoder!.finished) fail("decompression failed");
    // zfp_decompress returns the stream size; 0 (no bits read, e.g. integers at rate 0) is failure
    if (startBits === 0 && config!.maxbits === 0) fail("decompression failed");
    await outSink?.commit();
    progress.done();
    if (!options.quiet) await writeTo(io.stderr, `${summary(type!, shown, total, zfpSize)}\n`);
    return 0;
  } finally {
    await source.close();
  }
}

/** Reads and drops the rest of an input (zfp reads all of it before failing); returns its length. */
async function readRest(source: ByteSource, scratch: Uint8Array): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await source.read(scratch).catch(() => 0);
    if (read === 0) return total;
    total += read;
  }
}
