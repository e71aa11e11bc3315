// Fuzz targets: each takes an input and must end in success or a typed zfpjs error, within
// a time limit. Anything else (an untyped exception, a hang, a crash) is a finding.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "@zfpjs/cli";
import { isZfpError } from "@zfpjs/codec";
import { _decompress, decompress_numpy, header } from "@zfpjs/zfpy";

/** The longest a target may take on one input under 1 MB before it counts as a hang. */
export const HANG_MS = 2000;

/**
 * The element limit the decode targets pass as `maxElements`. Tiny streams can legitimately
 * describe huge arrays (integers at rate 0 code blocks in 0 bits), and decoding 10^8 values takes
 * seconds however fast the codec is; the fuzz explores parsing and validation, so it caps outputs
 * at 4 Mi values (the limit itself is tested by the zfpy package).
 */
export const FUZZ_MAX_ELEMENTS = 2 ** 22;

/** What happened to one input. */
export type Outcome =
  | { kind: "ok" }
  | { kind: "typed-error"; tag: string }
  | { kind: "untyped-error"; error: unknown }
  | { kind: "hang"; milliseconds: number };

/** A finding worth a regression input: anything but ok or a typed error. */
export function isFinding(outcome: Outcome): boolean {
  return outcome.kind === "untyped-error" || outcome.kind === "hang";
}

function classify(run: () => void): Outcome {
  const start = performance.now();
  let outcome: Outcome;
  try {
    run();
    outcome = { kind: "ok" };
  } catch (error) {
    outcome = isZfpError(error) ? { kind: "typed-error", tag: error.tag } : { kind: "untyped-error", error };
  }
  const milliseconds = performance.now() - start;
  return milliseconds > HANG_MS ? { kind: "hang", milliseconds } : outcome;
}

/** Runs one call of the facade with fuzzed arguments (see arguments.ts). */
export function apiTarget(call: { run: () => unknown }): Outcome {
  return classify(() => {
    call.run();
  });
}

/** Reads a stream with a header, as zfpy.decompress_numpy does, and its description. */
export function decompressTarget(bytes: Uint8Array): Outcome {
  return classify(() => {
    header(bytes);
    decompress_numpy(bytes, { maxElements: FUZZ_MAX_ELEMENTS });
  });
}

/** Parameters of a header-less decode, as zfpy._decompress takes them. */
export interface HeaderlessInput {
  bytes: Uint8Array;
  ztype: number;
  shape: number[];
  tolerance?: number;
  rate?: number;
  precision?: number;
}

/** Decodes a header-less stream with caller-given type, shape and mode. */
export function headerlessTarget(input: HeaderlessInput): Outcome {
  const { bytes, ztype, shape, ...mode } = input;
  return classify(() => {
    _decompress(bytes, ztype, shape, { ...mode, maxElements: FUZZ_MAX_ELEMENTS });
  });
}

/** The CLI's temporary output files (`.NAME.RANDOM.zfpjs-tmp`, renamed to NAME on success). */
export function isTemporaryOutput(name: string): boolean {
  return name.endsWith(".zfpjs-tmp");
}

/** What the CLI did with one argument vector. */
export interface CliOutcome {
  status: number;
  stderr: string;
  outcome: Outcome;
  /** Files the run left in its directory besides its inputs. */
  filesAfter: string[];
}

/**
 * Runs the CLI in-process on `argv` inside a scratch directory holding `files`. The CLI must
 * return a status, never throw; a failing run must print exactly one line on stderr.
 */
export async function cliTarget(
  argv: string[],
  files: Record<string, Uint8Array> = {},
  stdin?: Uint8Array,
): Promise<CliOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-fuzz-"));
  const stderr: string[] = [];
  const stdout: Uint8Array[] = [];
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const start = performance.now();
    let status = -1;
    let outcome: Outcome;
    try {
      status = await main(argv, {
        cwd: dir,
        env: {},
        stdin: stdin ?? new Uint8Array(0),
        stdout: {
          write: (chunk: Uint8Array | string, done?: (error?: Error | null) => void) => {
            stdout.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
            done?.();
            return true;
          },
        },
        stderr: {
          write: (chunk: Uint8Array | string, done?: (error?: Error | null) => void) => {
            stderr.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
            done?.();
            return true;
          },
        },
      });
      outcome = { kind: "ok" };
    } catch (error) {
      outcome = { kind: "untyped-error", error };
    }
    const milliseconds = performance.now() - start;
    if (milliseconds > HANG_MS) outcome = { kind: "hang", milliseconds };
    const left = readdirSync(dir).filter((name) => !(name in files));
    return { status, stderr: stderr.join(""), outcome, filesAfter: left };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
