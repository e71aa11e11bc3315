// Command-line and environment options of the benchmark (see README.md in this folder).

/** Everything a run can be told. */
export interface BenchOptions {
  /** Small arrays (~32 K values) and few repetitions: a smoke run of the whole pipeline. */
  quick: boolean;
  /** Only cases whose name (e.g. "float32/3d/rate8/smooth") matches this regular expression. */
  filter: RegExp | undefined;
  /** Timed calls per side per round (best of all rounds is reported). */
  reps: number;
  /** Rounds per case; each round runs the JS side, then the native side (interleaved). */
  rounds: number;
  /** Time native zfp when Debian's zfpy is installed. */
  native: boolean;
  /** Measure peak memory per case (one extra compress and decompress per side). */
  memory: boolean;
  /** Case(s) to profile with the inspector, comma-separated (null: no profile). */
  profileCase: string | null;
  /** Also save the raw .cpuprofile files (for Chrome DevTools) next to the results. */
  saveProfile: boolean;
  /** Run the bit stream micro-benchmark when packages/bitstream/bench provides it. */
  bitstream: boolean;
  /** Append to results/history.jsonl and, for complete runs, write results/latest.{json,md}. */
  write: boolean;
  /** Free text recorded in the history (what changed since the last run). */
  note: string;
  /** Module to load instead of packages/zfpy/src/index.ts (a stub, or a built dist). */
  zfpyModule: string | undefined;
  /** Print usage and exit. */
  help: boolean;
}

/** Usage text printed by --help. */
export const USAGE = `zfpjs benchmark: zfpjs (@zfpjs/zfpy) side by side with native zfp (Debian's zfpy)

  pnpm bench                         full run: every case, writes results/ (latest + history)
  pnpm bench -- --quick              smoke run: ~32 K values, 1 round, nothing written
  cd tooling && pnpm bench --case 'float32/3d' --note "faster decode"

options (environment variable in brackets):
  --quick                [BENCH_QUICK=1]   small arrays, 1 round, no results written
  --case <regex>         [BENCH_CASE]      only cases whose name matches, e.g. 'float32/3d/rate8'
  --reps <n>             [BENCH_REPS]      timed calls per side per round (default 2)
  --rounds <n>           [BENCH_ROUNDS]    interleaved rounds per case (default 3, quick 1)
  --no-native            [BENCH_NO_NATIVE=1] do not time Debian's zfpy even if installed
  --no-memory            [BENCH_NO_MEMORY=1] skip the peak-memory measurements
  --profile <cases>      [BENCH_PROFILE]   case(s) to profile, comma-separated (default float32/3d/rate8/smooth)
  --no-profile                             skip the profile
  --save-profile                           also write results/profiles/*.cpuprofile (not committed)
  --no-bitstream                           skip the bit stream micro-benchmark
  --write / --no-write   [BENCH_WRITE=1|0] force writing results (default: only full runs write)
  --note <text>          [BENCH_NOTE]      note stored in results/history.jsonl
  --zfpy <module>        [ZFPJS_BENCH_ZFPY] load this module instead of packages/zfpy/src/index.ts
  --help
`;

function envFlag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  return !["0", "false", "no"].includes(value.toLowerCase());
}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} expects a positive integer, found "${text}"`);
  return value;
}

/** Parses argv (after the script name) and the BENCH_* environment variables. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  let quick = envFlag(env, "BENCH_QUICK") ?? false;
  let filter = env.BENCH_CASE;
  let reps = positiveInteger("BENCH_REPS", env.BENCH_REPS);
  let rounds = positiveInteger("BENCH_ROUNDS", env.BENCH_ROUNDS);
  let native = !(envFlag(env, "BENCH_NO_NATIVE") ?? false);
  let memory = !(envFlag(env, "BENCH_NO_MEMORY") ?? false);
  let profileCase: string | null = env.BENCH_PROFILE || "float32/3d/rate8/smooth";
  let saveProfile = false;
  let bitstream = true;
  let write = envFlag(env, "BENCH_WRITE");
  let note = env.BENCH_NOTE ?? "";
  let zfpyModule = env.ZFPJS_BENCH_ZFPY || undefined;
  let help = false;

  const args = [...argv];
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined) throw new Error(`${flag} expects a value`);
    return next;
  };
  while (args.length > 0) {
    let arg = args.shift()!;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      args.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
    }
    switch (arg) {
      case "--":
        break;
      case "--quick":
        quick = true;
        break;
      case "--case":
      case "--filter":
        filter = value(arg);
        break;
      case "--reps":
        reps = positiveInteger(arg, value(arg));
        break;
      case "--rounds":
        rounds = positiveInteger(arg, value(arg));
        break;
      case "--no-native":
        native = false;
        break;
      case "--no-memory":
        memory = false;
        break;
      case "--profile":
        profileCase = value(arg);
        break;
      case "--no-profile":
        profileCase = null;
        break;
      case "--save-profile":
        saveProfile = true;
        break;
      case "--no-bitstream":
        bitstream = false;
        break;
      case "--write":
        write = true;
        break;
      case "--no-write":
        write = false;
        break;
      case "--note":
        note = value(arg);
        break;
      case "--zfpy":
        zfpyModule = value(arg);
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new Error(`unknown option "${arg}" (try --help)`);
    }
  }
  return {
    quick,
    filter: filter ? new RegExp(filter) : undefined,
    reps: reps ?? 2,
    rounds: rounds ?? (quick ? 1 : 3),
    native,
    memory,
    profileCase,
    saveProfile,
    bitstream,
    write: write ?? (!quick && !filter),
    note,
    zfpyModule,
    help,
  };
}
