// zfpjs decompress --region and zfpjs index: random access to .zfp files (streams with a full
// header) over @zfpjs/zfpy's decompress_region and build_index.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { build_index, decompress_region, header } from "@zfpjs/zfpy";
import { type CliIo, readAllStdin, resolvePath, writeTo } from "./cli-io.js";
import { readWholeFile } from "./input-file.js";
import { dtypeOf, type NpyData, writeNpy } from "./npy.js";
import { CommandError } from "./npy-commands.js";
import { writeOutputFile } from "./output-file.js";

/** zfpjs index --help. */
export const INDEX_HELP = `Usage: zfpjs index IN.zfp [-o OUT] [--interval K] [-f] [-q]

Builds the block index of a zfp stream with a header (one skim over its blocks, no value is
decoded) and saves it beside the stream (default: IN.zfpi). decompress --region --index uses it
to reach the blocks of a fixed-precision, fixed-accuracy or reversible stream directly; fixed-rate
streams need none. The index is a small side file (about 4 bytes per K blocks), bound to its
stream by a CRC-32; the .zfp file is not changed.

Options:
  -o, --output OUT    where to write the index ("-" for stdout)
  --interval K        record every K-th block's offset (default 64, 1..65536)
  -f, --force         replace an existing default output
  -q, --quiet         no summary line
`;

/** The lines decompress --help gains for --region. */
export const REGION_HELP = `
Region (random access):
  --region z0:z1,y0:y1,x0:x1   decode only this box, C order as a numpy slice (stop
                               exclusive; one range per axis, an empty side means the edge)
  --index FILE                 block index from zfpjs index (speeds up --region on
                               variable-rate streams; fixed-rate streams need none)
`;

interface Parsed {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

function parse(
  command: string,
  argv: readonly string[],
  values: Record<string, string>,
  flags: Record<string, string>,
): Parsed {
  const parsed: Parsed = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-" || !arg.startsWith("-")) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name in values) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined)
        throw new CommandError(`${command}: ${name} needs a value (see zfpjs ${command} --help)`);
      parsed.values.set(values[name]!, value);
    } else if (name in flags && eq < 0) parsed.flags.add(flags[name]!);
    else throw new CommandError(`${command}: unknown option '${arg}' (see zfpjs ${command} --help)`);
  }
  if (parsed.positional.length !== 1) {
    throw new CommandError(
      `${command}: expected one input .zfp file, found ${parsed.positional.length} (see zfpjs ${command} --help)`,
    );
  }
  return parsed;
}

async function readInput(io: CliIo, command: string, path: string, what: string): Promise<Uint8Array> {
  if (path === "-") return readAllStdin(io.stdin);
  try {
    return await readWholeFile(resolvePath(io, path));
  } catch (error) {
    throw new CommandError(`${command}: cannot read ${what} '${path}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function writeOutput(io: CliIo, command: string, path: string, parts: Uint8Array[]): Promise<void> {
  if (path === "-") {
    for (const part of parts) await writeTo(io.stdout, part);
    return;
  }
  try {
    await writeOutputFile(resolvePath(io, path), parts);
  } catch (error) {
    throw new CommandError(`${command}: cannot write '${path}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function defaultOutput(io: CliIo, command: string, parsed: Parsed, input: string, extension: string): string {
  const given = parsed.values.get("out");
  if (given !== undefined) return given;
  if (input === "-") return "-";
  const output = input.toLowerCase().endsWith(".zfp") ? input.slice(0, -4) + extension : input + extension;
  if (!parsed.flags.has("force") && existsSync(resolvePath(io, output))) {
    throw new CommandError(
      `${command}: '${output}' already exists; use --force to replace it or -o to choose another name`,
    );
  }
  return output;
}

function failure(command: string, error: unknown): CommandError {
  return new CommandError(`${command}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}

/** Parses "z0:z1,y0:y1,x0:x1" against a C-order shape; an empty side is the array's edge. */
export function parseRegion(text: string, shape: readonly number[]): { start: number[]; stop: number[] } {
  const parts = text.split(",");
  if (parts.length !== shape.length) {
    throw new CommandError(
      `decompress: --region '${text}' has ${parts.length} ranges, the array has ${shape.length} axes (shape ${shape.join("x")})`,
    );
  }
  const start: number[] = [];
  const stop: number[] = [];
  parts.forEach((part, axis) => {
    const match = /^\s*(\d*)\s*:\s*(\d*)\s*$/.exec(part);
    if (!match)
      throw new CommandError(`decompress: --region range '${part}' is not start:stop (integers >= 0)`);
    start.push(match[1] === "" ? 0 : Number(match[1]));
    stop.push(match[2] === "" ? shape[axis]! : Number(match[2]));
  });
  return { start, stop };
}

/**
 * `decompress` with `--region`: the box as .npy; without `--region`, `plain` (the ordinary
 * decompress command) runs instead.
 */
export function withRegion(
  plain: (argv: readonly string[], io: CliIo) => Promise<number>,
): (argv: readonly string[], io: CliIo) => Promise<number> {
  return (argv, io) =>
    argv.some((arg) => arg === "--region" || arg.startsWith("--region="))
      ? regionCommand(argv, io)
      : plain(argv, io);
}

async function regionCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = "decompress";
  const parsed = parse(
    command,
    argv,
    { "-o": "out", "--output": "out", "--region": "region", "--index": "index" },
    { "-q": "quiet", "--quiet": "quiet", "-f": "force", "--force": "force" },
  );
  const input = parsed.positional[0]!;
  const output = defaultOutput(io, command, parsed, input, ".npy");
  const bytes = await readInput(io, command, input, "input");
  const indexPath = parsed.values.get("index");
  const index = indexPath === undefined ? undefined : await readInput(io, command, indexPath, "index");
  let shape: number[];
  try {
    shape = [...header(bytes).shapeC];
  } catch (error) {
    throw new CommandError(
      `${command}: ${input}: not a zfp stream with a header: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const { start, stop } = parseRegion(parsed.values.get("region")!, shape);
  let result: ReturnType<typeof decompress_region>;
  try {
    result = decompress_region(bytes, start, stop, { index });
  } catch (error) {
    throw failure(command, error);
  }
  const dtype = dtypeOf(result.data);
  if (!dtype) throw new CommandError(`${command}: unexpected array type`);
  await writeOutput(
    io,
    command,
    output,
    writeNpy({ dtype, shape: [...result.shape], fortranOrder: false, data: result.data as NpyData }),
  );
  if (!parsed.flags.has("quiet") && output !== "-") {
    const box = start.map((s, a) => `${s}:${stop[a]}`).join(",");
    await writeTo(
      io.stderr,
      `${basename(input)}[${box}] -> ${output}: ${dtype} (${result.shape.join(", ")}${result.shape.length === 1 ? "," : ""}), ${result.data.byteLength} bytes\n`,
    );
  }
  return 0;
}

/** `zfpjs index IN.zfp [-o OUT] [--interval K]`. */
export async function indexCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = "index";
  const parsed = parse(
    command,
    argv,
    { "-o": "out", "--output": "out", "--interval": "interval" },
    { "-q": "quiet", "--quiet": "quiet", "-f": "force", "--force": "force" },
  );
  const input = parsed.positional[0]!;
  const text = parsed.values.get("interval");
  const interval = text === undefined ? undefined : Number(text);
  if (interval !== undefined && !(Number.isInteger(interval) && interval >= 1 && interval <= 65536)) {
    throw new CommandError(`${command}: --interval must be an integer in 1..65536, not '${text}'`);
  }
  const output = defaultOutput(io, command, parsed, input, ".zfpi");
  const bytes = await readInput(io, command, input, "input");
  let index: Uint8Array;
  try {
    index = build_index(bytes, { interval });
  } catch (error) {
    throw failure(command, error);
  }
  await writeOutput(io, command, output, [index]);
  if (!parsed.flags.has("quiet") && output !== "-") {
    const percent = ((100 * index.length) / bytes.length).toPrecision(2);
    await writeTo(
      io.stderr,
      `${basename(input)} -> ${output}: block index, ${index.length} bytes (${percent}% of the stream)\n`,
    );
  }
  return 0;
}
