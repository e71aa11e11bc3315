// Issue 14: a .npy larger than 4 GiB streams through the real zfpjs process in bounded memory.
// The input is a sparse file (its data is a hole, so zeros that cost no disk), its stream is
// small, and the decoded array goes through a pipe into numpy, never to disk. Each step runs
// under a Python parent that reports the child's peak RSS (getrusage's ru_maxrss).
import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describeWithOracle, PYTHON } from "@zfpjs/tooling/oracle";
import { afterAll, beforeAll, expect, it } from "vitest";
import { npyHeader } from "../src/npy.js";
import { scratch, ZFPJS } from "./safety-helpers.js";

/** 1040 x 1024 x 1024 float32: 4,362,076,160 bytes of data, over 4 GiB (2^32). */
const SHAPE = [1040, 1024, 1024];
const DATA_BYTES = SHAPE.reduce((a, b) => a * b, 1) * 4;
/** The bound the CLI README states for a run's peak resident memory. */
const PEAK_LIMIT_BYTES = 512 * 1024 * 1024;

// Runs a command as a child, optionally reading its stdout as a .npy stream and comparing it in
// 16 MiB chunks with the array at `reference` (np.load with mmap_mode="r"); prints JSON with the
// child's status and peak RSS.
const RUNNER = `
import json, resource, subprocess, sys, numpy as np
cmd, reference = json.loads(sys.argv[1]), sys.argv[2]
if reference == "":
    status = subprocess.run(cmd).returncode
    out = {}
else:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    f = proc.stdout
    version = np.lib.format.read_magic(f)
    read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read(f)
    flat = np.load(reference, mmap_mode="r").reshape(-1)
    n, same = 0, True
    while True:
        chunk = f.read(1 << 24)
        if not chunk:
            break
        values = np.frombuffer(chunk, dtype=dtype)
        if n + values.size > flat.size or not np.array_equal(values, flat[n:n + values.size]):
            same = False
        n += values.size
    status = proc.wait()
    out = {"shape": list(shape), "fortran": fortran, "dtype": str(dtype), "values": n, "same": same}
out["status"] = status
out["peak"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps(out))
`;

interface Step {
  status: number;
  peak: number;
  shape?: number[];
  fortran?: boolean;
  dtype?: string;
  values?: number;
  same?: boolean;
}

function measured(args: string[], cwd: string, reference = ""): Step {
  const run = spawnSync(PYTHON, ["-c", RUNNER, JSON.stringify([...ZFPJS, ...args]), reference], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (run.status !== 0) throw new Error(`runner failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Step;
}

describeWithOracle("given a sparse all-zero float32 .npy of more than 4 GiB", () => {
  let ctx: ReturnType<typeof scratch>;
  let compress: Step;
  let decompress: Step;
  let zfpyBytes: Buffer;
  beforeAll(() => {
    ctx = scratch();
    const path = join(ctx.dir, "big.npy");
    const header = npyHeader("float32", SHAPE, false);
    const fd = openSync(path, "w");
    writeSync(fd, header);
    ftruncateSync(fd, header.length + DATA_BYTES); // a hole: zeros that take no disk
    closeSync(fd);
    // 8-bit words: the bytes of Debian's zfpy
    const started = Date.now();
    compress = measured(
      ["compress", "big.npy", "-o", "big.zfp", "--precision", "16", "--word-bits", "8", "-q"],
      ctx.dir,
    );
    const compressed = Date.now();
    decompress = measured(
      ["decompress", "big.zfp", "-o", "-", "-q", "--max-output-bytes", String(2 ** 33)],
      ctx.dir,
      path,
    );
    // for the CI log: what the bound is checked against
    console.info(
      `[zfpjs] ${DATA_BYTES} bytes: compress ${compressed - started} ms, peak ${compress.peak} B; decompress to numpy ${Date.now() - compressed} ms, peak ${decompress.peak} B`,
    );
    // zfpy on the same array: np.zeros is mapped lazily, so it too costs no memory
    const zfpy = spawnSync(
      PYTHON,
      [
        "-c",
        `import sys, numpy as np, zfpy; sys.stdout.buffer.write(zfpy.compress_numpy(np.zeros(${JSON.stringify(SHAPE)}, np.float32), precision=16))`,
      ],
      { maxBuffer: 1 << 28 },
    );
    if (zfpy.status !== 0) throw new Error(zfpy.stderr.toString());
    zfpyBytes = zfpy.stdout;
  }, 1_800_000);
  afterAll(() => ctx?.cleanup());

  it("when compressed by the zfpjs process, expect zfpy's bytes and a peak RSS under 512 MB", () => {
    expect(DATA_BYTES).toBeGreaterThan(2 ** 32);
    expect(compress.status).toBe(0);
    const ours = readFileSync(join(ctx.dir, "big.zfp"));
    expect(ours.length).toBe(zfpyBytes.length);
    expect(Buffer.compare(ours, zfpyBytes)).toBe(0);
    expect(compress.peak).toBeLessThan(PEAK_LIMIT_BYTES);
  });

  it("when decompressed by the zfpjs process into a pipe, expect numpy to read the input's array and a peak RSS under 512 MB", () => {
    expect(decompress).toMatchObject({
      status: 0,
      shape: SHAPE,
      fortran: false,
      dtype: "float32",
      values: DATA_BYTES / 4,
      same: true,
    });
    expect(decompress.peak).toBeLessThan(PEAK_LIMIT_BYTES);
  });
});
