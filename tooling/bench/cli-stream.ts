// The zfpjs command on a file many times its slab size (issue 14): peak resident memory and
// throughput of compression and decompression, in the zfp-compatible mode against zfp's own
// command on the same raw file, and in the .npy workflow. Each command runs under
// /usr/bin/time (wall seconds, max RSS); medians of repeats, all measured side by side.
//
//   tsx cli-stream.ts [planes=256] [repeats=3]
//
// The field is 512 x 512 x planes float32 (1 MiB per plane; 256 planes = 256 MiB, 16 of the
// CLI's default 16 MiB float32 slabs), smooth, compressed with tolerance 1e-3.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const ZFPJS = [
  process.execPath,
  "--conditions=source",
  "--import",
  TSX,
  join(here, "../../packages/cli/src/bin.ts"),
];

const planes = Number(process.argv[2] ?? 256);
const repeats = Number(process.argv[3] ?? 3);
const NX = 512;
const NY = 512;
const rawBytes = NX * NY * planes * 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** Writes the field plane by plane (raw and .npy), never holding more than one plane. */
function writeInputs(dir: string): void {
  const raw = openSync(join(dir, "in.f32"), "w");
  const npy = openSync(join(dir, "in.npy"), "w");
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${planes}, ${NY}, ${NX}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(header);
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, "latin1");
  header[total - 1] = 0x0a;
  writeSync(npy, header);
  const plane = new Float32Array(NX * NY);
  for (let z = 0; z < planes; z++) {
    for (let y = 0, i = 0; y < NY; y++)
      for (let x = 0; x < NX; x++, i++) {
        const u = x / NX;
        const v = y / NY;
        plane[i] = Math.sin(6 * u) * Math.cos(5 * v) * Math.exp(-z / planes) + 0.01 * Math.sin(40 * u * v);
      }
    const bytes = new Uint8Array(plane.buffer);
    writeSync(raw, bytes);
    writeSync(npy, bytes);
  }
  closeSync(raw);
  closeSync(npy);
}

/** Runs `command` under /usr/bin/time; its wall seconds and peak RSS in bytes. */
function timed(command: string[], cwd: string): { seconds: number; peak: number } {
  const run = spawnSync("/usr/bin/time", ["-f", "%e %M", ...command], { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${command.join(" ")} failed: ${run.stderr}`);
  const [seconds, kib] = run.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { seconds: seconds!, peak: kib! * 1024 };
}

const dir = mkdtempSync(join(tmpdir(), "zfpjs-cli-stream-"));
try {
  writeInputs(dir);
  const field = ["-f", "-3", String(NX), String(NY), String(planes), "-a", "1e-3"];
  const cases: [string, string[]][] = [
    ["zfp compress", ["zfp", ...field, "-i", "in.f32", "-z", "zfp.zfp"]],
    ["zfpjs compress (zfp mode)", [...ZFPJS, ...field, "-i", "in.f32", "-z", "ours.zfp", "-W", "8"]],
    ["zfp decompress", ["zfp", ...field, "-z", "zfp.zfp", "-o", "zfp.f32"]],
    ["zfpjs decompress (zfp mode)", [...ZFPJS, ...field, "-z", "ours.zfp", "-o", "ours.f32", "-W", "8"]],
    [
      "zfpjs compress in.npy",
      [...ZFPJS, "compress", "in.npy", "-o", "npy.zfp", "--tolerance", "1e-3", "-q", "-f"],
    ],
    ["zfpjs decompress npy.zfp", [...ZFPJS, "decompress", "npy.zfp", "-o", "out.npy", "-q", "-f"]],
  ];
  const results = new Map<string, { seconds: number[]; peak: number[] }>();
  for (let r = 0; r < repeats; r++) {
    for (const [name, command] of cases) {
      const { seconds, peak } = timed(command, dir);
      const entry = results.get(name) ?? { seconds: [], peak: [] };
      entry.seconds.push(seconds);
      entry.peak.push(peak);
      results.set(name, entry);
    }
  }
  const same = (a: string, b: string) => readFileSync(join(dir, a)).equals(readFileSync(join(dir, b)));
  const load = execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).split(" ").slice(0, 3).join(" ");
  console.log(
    `field 512x512x${planes} float32, ${rawBytes / 2 ** 20} MiB raw, tolerance 1e-3, ${repeats} repeats (medians), load ${load}`,
  );
  console.log(
    `zfp stream ${statSync(join(dir, "zfp.zfp")).size} bytes; zfpjs zfp-mode stream identical: ${same("zfp.zfp", "ours.zfp")}, decoded identical: ${same("zfp.f32", "ours.f32")}`,
  );
  console.log("| run | wall s | MiB/s (raw) | peak RSS MiB |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, entry] of results) {
    const seconds = median(entry.seconds);
    console.log(
      `| ${name} | ${seconds.toFixed(2)} | ${(rawBytes / 2 ** 20 / seconds).toFixed(1)} | ${(median(entry.peak) / 2 ** 20).toFixed(0)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
