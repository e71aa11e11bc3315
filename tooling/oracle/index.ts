// Test-side access to the reference implementation: Debian's zfpy (through one batched
// Python process per call) and Debian's `zfp` command. Used by tests only, never by packages.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
/** The Python interpreter that has Debian's zfpy and numpy. */
export const PYTHON = process.env.ZFPJS_ORACLE_PYTHON ?? "/usr/bin/python3";
/** Debian's zfp command-line tool. */
export const ZFP_COMMAND = process.env.ZFPJS_ORACLE_ZFP ?? "/usr/bin/zfp";
const ORACLE_SCRIPT = join(here, "zfpy_oracle.py");

/** A number as the oracle expects it: nan, inf and -0.0 survive the trip as strings. */
export { pyNumber } from "./testing.js";

/** numpy dtype names the oracle understands. */
export type OracleDtype = "int32" | "int64" | "float32" | "float64";

/** Base64 of the bytes of any typed array view. */
export function toBase64(data: ArrayBufferView): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

/** Bytes of a base64 string, in a fresh Uint8Array. */
export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

/** One request to zfpy. `data` is the C-ordered contents of an array of `shape`. */
export type OracleRequest =
  | {
      op: "compress";
      dtype: OracleDtype;
      shape: number[];
      data: string;
      /** numpy expression over the array `a` applied before compressing, e.g. "a[::-1, ::2]". */
      view?: string;
      tolerance?: string;
      rate?: string;
      precision?: string;
      write_header?: boolean;
    }
  | { op: "decompress"; bytes: string }
  | {
      op: "_decompress";
      bytes: string;
      ztype: number;
      shape: number[];
      tolerance?: string;
      rate?: string;
      precision?: string;
    }
  | { op: "eval"; code: string };

/** zfpy's answer: bytes for compress, an array for the others, or the exception it raised. */
export type OracleResponse =
  | { ok: true; bytes?: string; dtype?: OracleDtype; shape?: number[]; data?: string }
  | { ok: false; error: string; message: string; trace?: string };

/** Whether the oracle can run here, and if not, why. */
export interface OracleStatus {
  zfpy: boolean;
  zfp: boolean;
  reason: string;
}

let status: OracleStatus | undefined;

/** Checks once whether Debian's zfpy and zfp are installed. */
export function oracleStatus(): OracleStatus {
  if (status) return status;
  const zfp = existsSync(ZFP_COMMAND);
  const probe = spawnSync(PYTHON, ["-c", "import zfpy, numpy"], { encoding: "utf8" });
  const zfpy = probe.status === 0;
  const missing = [
    !zfpy && `zfpy (${PYTHON} -c 'import zfpy': ${probe.error?.message ?? probe.stderr.trim()})`,
    !zfp && ZFP_COMMAND,
  ]
    .filter(Boolean)
    .join(" and ");
  status = {
    zfpy,
    zfp,
    reason: missing ? `oracle missing: ${missing}; apt-get install -y zfp python3-zfpy python3-numpy` : "",
  };
  return status;
}

/**
 * Asks zfpy for answers to a batch of requests in one Python process. If zfpy crashes on a
 * request (its heap overflows are known), that request is answered with error "crash" and
 * the rest run in a new process.
 */
export function askZfpy(requests: OracleRequest[]): OracleResponse[] {
  const answers: OracleResponse[] = [];
  let rest = requests;
  while (rest.length > 0) {
    const run = spawnSync(PYTHON, [ORACLE_SCRIPT], {
      input: JSON.stringify(rest),
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const lines = run.stdout.split("\n").filter((line) => line.length > 0);
    for (const line of lines) answers.push(JSON.parse(line) as OracleResponse);
    if (lines.length === rest.length) break;
    if (run.error) throw run.error;
    answers.push({
      ok: false,
      error: "crash",
      message: `zfpy crashed (status ${run.status}, signal ${run.signal}): ${run.stderr.trim()}`,
    });
    rest = rest.slice(lines.length + 1);
  }
  return answers;
}

/** Asks zfpy for one answer and throws if zfpy raised. */
export function askZfpyOk(request: OracleRequest): OracleResponse & { ok: true } {
  const [answer] = askZfpy([request]);
  if (!answer!.ok) throw new Error(`zfpy raised ${answer!.error}: ${answer!.message}`);
  return answer as OracleResponse & { ok: true };
}

/** What a run of the `zfp` command produced. */
export interface ZfpRun {
  status: number | null;
  stdout: Uint8Array;
  stderr: string;
  /** Every file in the run's directory afterwards, by name. */
  files: Record<string, Uint8Array>;
}

/**
 * Runs Debian's `zfp` with `args` in a fresh temporary directory holding `files`, so relative
 * paths in `args` name those files. Returns its status, output and the directory's files.
 */
export function runZfp(args: string[], files: Record<string, Uint8Array> = {}, stdin?: Uint8Array): ZfpRun {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-oracle-"));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const run = spawnSync(ZFP_COMMAND, args, { cwd: dir, input: stdin, maxBuffer: 1 << 30 });
    // zfp may exit (on a usage error, say) before reading its input: that is an answer too.
    if (run.error && (run.error as NodeJS.ErrnoException).code !== "EPIPE") throw run.error;
    const out: Record<string, Uint8Array> = {};
    for (const name of readdirSync(dir)) out[name] = new Uint8Array(readFileSync(join(dir, name)));
    return {
      status: run.status,
      stdout: new Uint8Array(run.stdout),
      stderr: run.stderr.toString("utf8"),
      files: out,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `describe` for tests that need the oracle. With the oracle present it is a plain describe.
 * Without it: under CI=true a failing test says what is missing (CI never skips these);
 * locally the block is skipped with a visible message.
 */
export function describeWithOracle(name: string, body: () => void, needs: { zfp?: boolean } = {}): void {
  const state = oracleStatus();
  const ok = state.zfpy && (!needs.zfp || state.zfp);
  describeRequiring(name, ok ? undefined : `${state.reason} (CI=true: oracle-backed tests must run)`, body);
}

/**
 * `describe` for tests that need something outside the repository (an oracle, root, a browser):
 * `missing` undefined runs them; otherwise under CI=true they fail with `missing` (they must run
 * there), and elsewhere they are skipped with a visible message.
 */
export function describeRequiring(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
  } else if (process.env.CI === "true" || process.env.CI === "1") {
    describe(name, () => {
      it("needs what it tests against", () => {
        throw new Error(missing);
      });
    });
  } else {
    console.warn(`[zfpjs] skipping "${name}": ${missing}`);
    describe.skip(name, body);
  }
}
