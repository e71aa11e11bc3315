// The zfpjs command: subcommands for .npy files, or zfp's own command line (utils/zfp.c) when
// the first argument is an option.
import { readFileSync } from "node:fs";
import { type CliIo, isAllocationFailure, isBrokenPipe, writeTo } from "./cli-io.js";
import { runCompat } from "./compat.js";
import {
  CommandError,
  compressCommand,
  decompressCommand,
  infoCommand,
  SUBCOMMAND_HELP,
  sampleCommand,
} from "./npy-commands.js";
import { INDEX_HELP, indexCommand, REGION_HELP, withRegion } from "./region-commands.js";
import { MAIN_HELP } from "./usage.js";

/** The exit status after a write to a closed pipe: 128 + SIGPIPE, as a shell shows for zfp. */
export const BROKEN_PIPE_STATUS = 141;

/** The engine could not allocate memory (zfpy raises MemoryError): one clear line, status 1. */
export class CliMemoryError extends Error {
  readonly tag = "OutOfMemory";
  constructor(cause: unknown) {
    super(`out of memory: ${(cause as Error).message}`, { cause });
    this.name = "CliMemoryError";
  }
}

// Random access (region-commands.ts): decompress --region, the index command, and their help.
const HELP: Record<string, string> = {
  ...SUBCOMMAND_HELP,
  decompress: SUBCOMMAND_HELP.decompress + REGION_HELP,
  index: INDEX_HELP,
};

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  compress: compressCommand,
  decompress: withRegion(decompressCommand),
  index: indexCommand,
  info: infoCommand,
  sample: sampleCommand,
};

/** The version of this package, from its package.json. */
export function version(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * Runs the zfpjs command with `argv` (without "node" and the script name) in the process
 * described by `io`, and resolves to the exit status. It never throws: every failure becomes one
 * line on `io.stderr` (plus a stack trace when `io.env.ZFPJS_DEBUG` is set) and status 1.
 *
 * ```ts
 * import { main } from "@zfpjs/cli";
 * const status = await main(["info", "data.zfp"], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // A closed pipe (`zfpjs ... -z - | head -c 10`) reports EPIPE through the write callbacks and
  // ends the run quietly below; without a listener Node would also crash on the event.
  for (const stream of [io.stdout, io.stderr] as unknown[]) {
    const emitter = stream as { on?: (event: string, listener: () => void) => unknown };
    if (typeof emitter.on === "function") emitter.on("error", () => undefined);
  }
  try {
    const first = argv[0];
    if (first === "--help" || (first === "help" && argv.length === 1)) {
      await writeTo(io.stdout, MAIN_HELP);
      return 0;
    }
    if (first === "--version") {
      await writeTo(io.stdout, `zfpjs ${version()} (zfp 1.0.0 compatible)\n`);
      return 0;
    }
    if (first === "help") {
      const text = HELP[argv[1]!];
      if (!text) {
        await writeTo(
          io.stderr,
          `zfpjs: no help for '${argv[1]}' (commands: ${Object.keys(COMMANDS).join(", ")})\n`,
        );
        return 1;
      }
      await writeTo(io.stdout, text);
      return 0;
    }
    if (first === undefined || first.startsWith("-")) return await runCompat(argv, io);
    const command = COMMANDS[first];
    if (!command) {
      await writeTo(
        io.stderr,
        `zfpjs: unknown command '${first}' (expected ${Object.keys(COMMANDS).join(", ")}, or zfp's options such as -i; see zfpjs --help)\n`,
      );
      return 1;
    }
    const rest = argv.slice(1);
    if (rest.includes("--help")) {
      await writeTo(io.stdout, HELP[first]!);
      return 0;
    }
    return await command(rest, io);
  } catch (caught) {
    // Node ignores SIGPIPE; stop as a filter killed by it would, silently, with the status a
    // shell reports for that signal (128 + 13).
    if (isBrokenPipe(caught)) return BROKEN_PIPE_STATUS;
    const error = isAllocationFailure(caught) ? new CliMemoryError(caught) : caught;
    const message =
      error instanceof CommandError
        ? `zfpjs ${error.message}`
        : `zfpjs: ${error instanceof Error ? error.message : String(error)}`;
    await writeTo(io.stderr, `${message.replace(/\n/g, " ")}\n`).catch(() => undefined);
    if (io.env.ZFPJS_DEBUG) {
      const stack = error instanceof Error ? (error.stack ?? "") : "";
      const cause =
        error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.stack}` : "";
      await writeTo(io.stderr, `${stack}${cause}\n`).catch(() => undefined);
    }
    return 1;
  }
}
