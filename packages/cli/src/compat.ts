// zfpjs in zfp-compatible mode: utils/zfp.c's main, step for step (checks, their order and their
// messages, files, the summary line), over the zfpjs codec.
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { formatGeneral } from "./c-format.js";
import {
  type CliIo,
  isAllocationFailure,
  isBrokenPipe,
  readAllStdin,
  resolvePath,
  writeTo,
} from "./cli-io.js";
import { type CliScalarType, type CompatOptions, parseCompatArgs } from "./compat-args.js";
import { errorStatistics, formatErrorStatistics, type RawValues } from "./error-statistics.js";
import { openInput, readAll, readInto } from "./input-file.js";
import { OutputFileError, writeOutputFile } from "./output-file.js";
import { Progress } from "./progress.js";
import { compressInSlabs, decompressInSlabs, SlabStream } from "./slabs.js";
import { COMPAT_USAGE } from "./usage.js";

/** Bytes per value of each scalar type (zfp_type_size). */
export const TYPE_SIZE: Record<CliScalarType, number> = { int32: 4, int64: 8, float: 4, double: 8 };

/** Bits of precision of each type (zfp_field_precision), used for -c's maxprec 0. */
const TYPE_BITS: Record<CliScalarType, number> = { int32: 32, int64: 64, float: 32, double: 64 };

/** Values coded between two progress updates. */
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
  const fail = (message: string, detail?: unknown): never => {
    throw new CompatFailure(message, detail);
  };
  const { inPath, zfpPath, outPath, header, stats } = options;
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
  let type = options.type;
  let input: codec.ScalarArray | undefined;
  let compressed: Uint8Array | undefined;
  let zfpSize = 0;

  // read uncompressed or compressed input
  if (hasIn) {
    const rawBytes = BigInt(TYPE_SIZE[type!]) * count;
    if (inPath === "-") {
      const all = await readAllStdin(io.stdin).catch((error) => fail("cannot read input file", error));
      const buffer = allocate(rawBytes, "cannot allocate memory");
      if (BigInt(all.length) < rawBytes) fail("cannot read input file");
      new Uint8Array(buffer).set(all.subarray(0, buffer.byteLength));
      input = newArray(type!, buffer, Number(count));
    } else {
      const handle = await openInput(resolvePath(io, inPath)).catch((error) =>
        fail("cannot open input file", error),
      );
      try {
        const buffer = allocate(rawBytes, "cannot allocate memory");
        const target = new Uint8Array(buffer);
        progress.start("reading", target.length);
        const read = await readInto(handle, target, (done) => progress.update(done)).catch((error) =>
          fail("cannot read input file", error),
        );
        if (read < target.length) fail("cannot read input file");
        input = newArray(type!, buffer, Number(count));
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
  } else {
    let bytes: Uint8Array;
    if (zfpPath === "-") {
      bytes = await readAllStdin(io.stdin).catch((error) => fail("cannot read compressed file", error));
    } else {
      const handle = await openInput(resolvePath(io, zfpPath!)).catch((error) =>
        fail("cannot open compressed file", error),
      );
      try {
        bytes = await readAll(handle, (done, total) => {
          if (done === 0 || total === 0) return;
          progress.start("reading", total);
          progress.update(done);
        }).catch((error) => fail("cannot read compressed file", error));
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
    zfpSize = bytes.length;
    // Zero-pad to whole 64-bit words (C reads from a larger buffer): a stream written with
    // 8-bit words need not end on a word boundary.
    compressed = new Uint8Array(Math.ceil((bytes.length + 1) / 8) * 8);
    compressed.set(bytes);
  }

  // field and mode, from the command line
  let config: codec.ZfpConfig | undefined;
  const dimsOf = (nx: number, ny: number, nz: number, nw: number) => ({ nx, ny, nz, nw });
  let sizes = {
    nx: options.dims >= 1 ? Number(options.nx) : 0,
    ny: options.dims >= 2 ? Number(options.ny) : 0,
    nz: options.dims >= 3 ? Number(options.nz) : 0,
    nw: options.dims >= 4 ? Number(options.nw) : 0,
  };
  let shown = { nx: options.nx, ny: options.ny, nz: options.nz, nw: options.nw };
  let total = count;
  if (hasIn || !header) config = configFor(options, type!);

  // execution policy: zfpjs compresses serially; the output is the same as zfp's OpenMP output
  if (options.execution.policy !== "serial" && !options.quiet) {
    await writeTo(
      io.stderr,
      `zfpjs: -x ${options.execution.text ?? options.execution.policy}: zfpjs has no ${
        options.execution.policy === "cuda" ? "CUDA" : "OpenMP"
      } execution; running serially (same output)\n`,
    );
  }

  let stdoutUsed = false;
  const writeOutput = async (path: string, data: Uint8Array, createMessage: string, writeMessage: string) => {
    if (path === "-") {
      if (stdoutUsed) fail(writeMessage);
      stdoutUsed = true;
      await writeTo(io.stdout, data).catch((error) => {
        // a closed pipe ends the run quietly (main), as SIGPIPE ends zfp
        if (isBrokenPipe(error)) throw error;
        fail(writeMessage, error);
      });
      return;
    }
    progress.start("writing", data.length);
    await writeOutputFile(resolvePath(io, path), [data], (done) => progress.update(done)).catch((error) => {
      if (isBrokenPipe(error)) throw error; // a FIFO whose reader left: as SIGPIPE ends zfp
      fail(error instanceof OutputFileError && error.phase === "write" ? writeMessage : createMessage, error);
    });
  };

  const slabValues = io.slabValues ?? DEFAULT_SLAB_VALUES;

  // compress
  let stream: SlabStream;
  if (hasIn) {
    const field: codec.Field = { type: type!, data: input!, ...sizes };
    const capacity = codec.maximumSize(config!, field, wordBits);
    if (!capacity) fail("invalid compression parameters");
    const buffer = new Uint8Array(allocate(BigInt(Math.ceil(capacity / 8) * 8), "cannot allocate memory"));
    stream = new SlabStream(buffer, { wordBits });
    if (header) {
      try {
        zfpHeader.writeHeader(stream, { type: type!, ...sizes }, config!);
      } catch (error) {
        fail("cannot write header", error);
      }
    }
    const lossy = config!.minexp >= codec.ZFP_MIN_EXP;
    if (lossy && !options.quiet && (type === "float" || type === "double")) {
      const index = firstNonFinite(input as Float32Array | Float64Array);
      if (index >= 0) {
        await writeTo(
          io.stderr,
          `zfpjs: warning: value ${index} is ${(input as Float32Array)[index]}; lossy modes do not preserve NaN or infinity (output as zfp's)\n`,
        );
      }
    }
    progress.start("compressing", Number(count));
    try {
      zfpSize = compressInSlabs(stream, config!, field, {
        nonFinite: "as-c",
        slabValues,
        onProgress: (done) => progress.update(done),
      });
    } catch (error) {
      fail("compression failed", error);
    }
    if (zfpSize === 0) fail("compression failed");
    compressed = buffer;
    if (hasZfp) {
      await writeOutput(
        zfpPath,
        buffer.subarray(0, zfpSize),
        "cannot create compressed file",
        "cannot write compressed file",
      );
    }
  } else {
    stream = new SlabStream(compressed!, { wordBits });
  }

  // decompress
  let output: codec.ScalarArray | undefined;
  if ((!hasIn && hasZfp) || outPath !== undefined || stats) {
    stream.rewind();
    if (header) {
      try {
        const parsed = zfpHeader.readHeader(stream);
        type = parsed.type!;
        config = parsed.config!;
        sizes = dimsOf(parsed.nx!, parsed.ny!, parsed.nz!, parsed.nw!);
      } catch (error) {
        fail("incorrect or missing header", error);
      }
      shown = {
        nx: BigInt(Math.max(sizes.nx, 1)),
        ny: BigInt(Math.max(sizes.ny, 1)),
        nz: BigInt(Math.max(sizes.nz, 1)),
        nw: BigInt(Math.max(sizes.nw, 1)),
      };
      total = shown.nx * shown.ny * shown.nz * shown.nw;
    }
    // Before allocating from sizes that may come from an untrusted header: a stream shorter than
    // the mode's minimum bits per block cannot decode (zfp would read past its buffer).
    if (!hasIn) {
      const blocks = [sizes.nx, sizes.ny, sizes.nz, sizes.nw].reduce(
        (product, n) => product * (n ? Math.ceil(n / 4) : 1),
        1,
      );
      const floor = config!.minexp < codec.ZFP_MIN_EXP ? 1 : Math.max(config!.minbits, 1);
      const required = stream.rtell() + blocks * Math.min(floor, config!.maxbits);
      if (required > zfpSize * 8)
        fail("decompression failed", new codec.TruncatedStreamError(required, zfpSize * 8));
    }
    const buffer = allocate(BigInt(TYPE_SIZE[type!]) * total, "cannot allocate memory");
    output = newArray(type!, buffer, Number(total));
    progress.start("decompressing", Number(total));
    let decoded = 0;
    try {
      decoded = decompressInSlabs(
        stream,
        config!,
        { type: type!, data: output, ...sizes },
        {
          slabValues,
          onProgress: (done) => progress.update(done),
        },
      );
    } catch (error) {
      fail("decompression failed", error);
    }
    // zfp_decompress returns the stream size; 0 (no bits read, e.g. integers at rate 0) is failure
    if (decoded === 0) fail("decompression failed");
    if (outPath !== undefined)
      await writeOutput(outPath, bytesOf(output), "cannot create output file", "cannot write output file");
  }
  progress.done();

  if (!options.quiet) {
    const raw = BigInt(TYPE_SIZE[type!]) * total;
    const rawNumber = Number(raw);
    const ratio = rawNumber / zfpSize;
    const rate = (8 * zfpSize) / Number(total);
    let line =
      `type=${type} nx=${sizeText(shown.nx)} ny=${sizeText(shown.ny)} nz=${sizeText(shown.nz)} nw=${sizeText(shown.nw)}` +
      ` raw=${raw} zfp=${zfpSize} ratio=${formatGeneral(ratio, 3, { negativeNaN: Number.isNaN(ratio) })} rate=${formatGeneral(rate, 4)}`;
    if (stats) line += formatErrorStatistics(errorStatistics(type!, input as RawValues, output as RawValues));
    await writeTo(io.stderr, `${line}\n`);
  }
  return 0;
}
