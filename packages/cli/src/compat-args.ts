// The argument list of zfp's command-line tool (utils/zfp.c, main's option loop), read with the
// same rules: two-character options, values taken verbatim from the following arguments, numbers
// read as sscanf reads them, the last occurrence winning.
import { ZFP_MAX_BITS, ZFP_MAX_PREC, ZFP_MIN_BITS, ZFP_MIN_EXP } from "@zfpjs/codec";
import { scanDouble, scanInt, scanSize, scanUnsigned } from "./c-scan.js";

/** Scalar types by the names zfp's summary line prints. */
export type CliScalarType = "int32" | "int64" | "float" | "double";

/** Stream word sizes zfpjs can write. */
export type CliWordBits = 8 | 16 | 32 | 64;

/** What the options of a compatible-mode run asked for. */
export interface CompatOptions {
  header: boolean;
  quiet: boolean;
  stats: boolean;
  inPath?: string;
  outPath?: string;
  zfpPath?: string;
  type?: CliScalarType;
  /** 0 when no -1..-4 was given. */
  dims: 0 | 1 | 2 | 3 | 4;
  /** Sizes as size_t values (64-bit unsigned), unused ones 1 (or 0 when no dims). */
  nx: bigint;
  ny: bigint;
  nz: bigint;
  nw: bigint;
  /** The compression mode option, as zfp records it. */
  mode?: "R" | "a" | "c" | "p" | "r";
  rate: number;
  precision: number;
  tolerance: number;
  minbits: number;
  maxbits: number;
  maxprec: number;
  minexp: number;
  /** Execution policy as given with -x. */
  execution: { policy: "serial" | "omp" | "cuda"; threads: number; chunkSize: number; text?: string };
  /** zfpjs's own option: stream word size (zfp's default build: 64; Debian's: 8). */
  wordBits: CliWordBits;
}

/** A parse either gives options or says why the usage text must be shown. */
export type CompatParse = { ok: true; options: CompatOptions } | { ok: false; reason: string };

/** Parses zfp's options (`argv` without the program name). */
export function parseCompatArgs(argv: readonly string[]): CompatParse {
  const options: CompatOptions = {
    header: false,
    quiet: false,
    stats: false,
    dims: 0,
    nx: 0n,
    ny: 0n,
    nz: 0n,
    nw: 0n,
    rate: 0,
    precision: 0,
    tolerance: 0,
    minbits: ZFP_MIN_BITS,
    maxbits: ZFP_MAX_BITS,
    maxprec: ZFP_MAX_PREC,
    minexp: ZFP_MIN_EXP,
    execution: { policy: "serial", threads: 0, chunkSize: 0 },
    wordBits: 64,
  };
  let index = 0;
  const fail = (reason: string): CompatParse => ({ ok: false, reason });
  const next = (): string | undefined => (index + 1 < argv.length ? argv[++index] : undefined);

  for (; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--word-bits" || arg === "-W") {
      const value = next();
      if (value === undefined) return fail(`${arg} needs a value: 8, 16, 32 or 64`);
      if (!/^(8|16|32|64)$/.test(value)) return fail(`${arg} must be 8, 16, 32 or 64, not '${value}'`);
      options.wordBits = Number(value) as CliWordBits;
      continue;
    }
    if (arg.length !== 2 || arg[0] !== "-") return fail(`unexpected argument '${arg}'`);
    const letter = arg[1]!;
    const missing = (what: string): CompatParse => fail(`${arg} needs ${what}`);
    switch (letter) {
      case "1":
      case "2":
      case "3":
      case "4": {
        const dims = Number(letter) as 1 | 2 | 3 | 4;
        const sizes: bigint[] = [];
        for (let k = 0; k < dims; k++) {
          const value = next();
          const size = value === undefined ? undefined : scanSize(value);
          if (size === undefined) {
            return value === undefined
              ? missing(`${dims} size${dims > 1 ? "s" : ""}`)
              : fail(`${arg}: '${value}' is not a size`);
          }
          sizes.push(size);
        }
        options.nx = sizes[0]!;
        options.ny = sizes[1] ?? 1n;
        options.nz = sizes[2] ?? 1n;
        options.nw = sizes[3] ?? 1n;
        options.dims = dims;
        break;
      }
      case "a": {
        const value = next();
        const tolerance = value === undefined ? undefined : scanDouble(value);
        if (tolerance === undefined)
          return value === undefined ? missing("a tolerance") : fail(`-a: '${value}' is not a number`);
        options.tolerance = tolerance;
        options.mode = "a";
        break;
      }
      case "c": {
        const names = ["minbits", "maxbits", "maxprec", "minexp"] as const;
        const values: number[] = [];
        for (const name of names) {
          const value = next();
          const parsed =
            value === undefined ? undefined : name === "minexp" ? scanInt(value) : scanUnsigned(value);
          if (parsed === undefined) {
            return value === undefined
              ? missing("minbits maxbits maxprec minexp")
              : fail(`-c: '${value}' is not a valid ${name}`);
          }
          values.push(parsed);
        }
        [options.minbits, options.maxbits, options.maxprec, options.minexp] = values as [
          number,
          number,
          number,
          number,
        ];
        options.mode = "c";
        break;
      }
      case "d":
        options.type = "double";
        break;
      case "f":
        options.type = "float";
        break;
      case "h":
        options.header = true;
        break;
      case "i":
      case "o":
      case "z": {
        const value = next();
        if (value === undefined) return missing("a path");
        if (letter === "i") options.inPath = value;
        else if (letter === "o") options.outPath = value;
        else options.zfpPath = value;
        break;
      }
      case "p": {
        const value = next();
        const precision = value === undefined ? undefined : scanUnsigned(value);
        if (precision === undefined)
          return value === undefined ? missing("a precision") : fail(`-p: '${value}' is not a precision`);
        options.precision = precision;
        options.mode = "p";
        break;
      }
      case "q":
        options.quiet = true;
        break;
      case "r": {
        const value = next();
        const rate = value === undefined ? undefined : scanDouble(value);
        if (rate === undefined)
          return value === undefined ? missing("a rate") : fail(`-r: '${value}' is not a number`);
        options.rate = rate;
        options.mode = "r";
        break;
      }
      case "R":
        options.mode = "R";
        break;
      case "s":
        options.stats = true;
        break;
      case "t": {
        const value = next();
        if (value === undefined) return missing("a type: i32, i64, f32 or f64");
        const type = ({ i32: "int32", i64: "int64", f32: "float", f64: "double" } as const)[value as "i32"];
        if (!Object.hasOwn({ i32: 0, i64: 0, f32: 0, f64: 0 }, value)) {
          return fail(`-t: unknown type '${value}' (expected i32, i64, f32 or f64)`);
        }
        options.type = type;
        break;
      }
      case "x": {
        const value = next();
        if (value === undefined) return missing("an execution policy");
        const execution = parseExecution(value);
        if (!execution)
          return fail(
            `-x: unknown execution policy '${value}' (expected serial, omp, omp=T, omp=T,C or cuda)`,
          );
        options.execution = execution;
        break;
      }
      default:
        return fail(`unknown option '${arg}'`);
    }
  }
  return { ok: true, options };
}

/** utils/zfp.c's -x matching order: "serial", "omp=%u,%u" (2 numbers), "omp=%u", "omp", "cuda". */
export function parseExecution(text: string): CompatOptions["execution"] | undefined {
  if (text === "serial") return { policy: "serial", threads: 0, chunkSize: 0, text };
  if (text.startsWith("omp=")) {
    const rest = text.slice(4);
    const threads = scanUnsigned(rest);
    if (threads !== undefined) {
      const comma = /^[ \t\n\v\f\r]*[+-]?\d+,/.exec(rest);
      const chunkSize = comma ? scanUnsigned(rest.slice(comma[0].length)) : undefined;
      return { policy: "omp", threads, chunkSize: chunkSize ?? 0, text };
    }
  }
  if (text === "omp") return { policy: "omp", threads: 0, chunkSize: 0, text };
  if (text === "cuda") return { policy: "cuda", threads: 0, chunkSize: 0, text };
  return undefined;
}
