import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithOracle, PYTHON } from "@zfpjs/tooling/oracle";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../src/main.js";
import { bytesDiff } from "./inputs.js";
import { Capture } from "./run-cli.js";

// .npy round trips through Debian's Python: numpy.save -> zfpjs compress -> zfpy, and
// zfpy.compress_numpy -> zfpjs decompress -> numpy.load.
const dir = mkdtempSync(join(tmpdir(), "zfpjs-npy-flow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Spec {
  name: string;
  dtype: string;
  shape: number[];
  order: "C" | "F";
  version: number;
  /** zfpy keyword arguments and the matching zfpjs flags. */
  mode: { kwargs: Record<string, number>; flags: string[] };
}
const MODES: Spec["mode"][] = [
  { kwargs: {}, flags: [] },
  { kwargs: { tolerance: 1e-3 }, flags: ["--tolerance", "1e-3"] },
  { kwargs: { rate: 8 }, flags: ["--rate", "8"] },
  { kwargs: { precision: 12 }, flags: ["--precision", "12"] },
];
const SPECS: Spec[] = [];
const layouts: [string, number[], "C" | "F", number][] = [
  ["<f4", [50], "C", 1],
  ["<f8", [6, 9], "C", 1],
  [">f8", [6, 9], "C", 2],
  ["<f4", [5, 6, 7], "F", 1],
  [">f4", [3, 4, 5, 6], "C", 3],
  ["<i4", [7, 9], "F", 2],
  [">i8", [11], "C", 1],
  ["<i8", [3, 5, 4], "C", 1],
];
layouts.forEach(([dtype, shape, order, version], i) => {
  for (const [m, mode] of MODES.entries()) {
    if (dtype.includes("i") && "tolerance" in mode.kwargs) continue;
    SPECS.push({ name: `a${i}m${m}`, dtype, shape, order, version, mode });
  }
});

function python(script: string, input: unknown): unknown {
  const run = spawnSync(PYTHON, ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    cwd: dir,
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

async function zfpjs(args: string[]): Promise<{ status: number; stderr: string }> {
  const stderr = new Capture();
  const status = await main(args, {
    stdin: new Uint8Array(),
    stdout: new Capture(),
    stderr,
    env: {},
    cwd: dir,
    // small slabs: every array streams through many slabs, and the bytes must still be zfpy's
    slabValues: 8,
  });
  return { status, stderr: stderr.text() };
}

const PREPARE = `
import json, sys, numpy as np, zfpy
for s in json.load(sys.stdin):
    shape = tuple(s["shape"])
    rng = np.random.default_rng(len(s["name"]) + int(s["name"][1]))
    base = np.cumsum(rng.standard_normal(int(np.prod(shape)))).reshape(shape) * 10
    a = base.astype(np.dtype(s["dtype"]))
    if s["order"] == "F":
        a = np.asfortranarray(a)
    with open(s["name"] + ".npy", "wb") as f:
        np.lib.format.write_array(f, a, version=(s["version"], 0))
    native = a.astype(a.dtype.newbyteorder("="))
    open(s["name"] + ".ref.zfp", "wb").write(zfpy.compress_numpy(native, **s["mode"]["kwargs"]))
print("{}")
`;

const CHECK = `
import json, sys, numpy as np, zfpy
out = {}
for s in json.load(sys.stdin):
    name = s["name"]
    ref = zfpy.decompress_numpy(open(name + ".ref.zfp", "rb").read())
    ours = np.load(name + ".out.npy")
    from64 = zfpy.decompress_numpy(open(name + ".64.zfp", "rb").read())
    original = np.load(name + ".npy")
    out[name] = {
        "npy_same": ours.dtype == ref.dtype and ours.shape == ref.shape and ours.tobytes() == ref.tobytes(),
        "from64_same": from64.dtype == ref.dtype and from64.shape == ref.shape and from64.tobytes() == ref.tobytes(),
        "lossless": bool(np.array_equal(ref, original)) if not s["mode"]["kwargs"] else None,
        "dtype": str(ours.dtype), "shape": list(ours.shape),
    }
print(json.dumps(out))
`;

describeWithOracle("given .npy files and Debian's numpy and zfpy", () => {
  const runs: Record<
    string,
    {
      compress8: { status: number; stderr: string };
      compress64: { status: number };
      decompress: { status: number };
    }
  > = {};
  let checks: Record<
    string,
    { npy_same: boolean; from64_same: boolean; lossless: boolean | null; dtype: string; shape: number[] }
  > = {};
  beforeAll(async () => {
    python(PREPARE, SPECS);
    for (const s of SPECS) {
      runs[s.name] = {
        compress8: await zfpjs([
          "compress",
          `${s.name}.npy`,
          "-o",
          `${s.name}.8.zfp`,
          "--word-bits",
          "8",
          ...s.mode.flags,
        ]),
        compress64: await zfpjs([
          "compress",
          `${s.name}.npy`,
          "-o",
          `${s.name}.64.zfp`,
          "-q",
          ...s.mode.flags,
        ]),
        decompress: await zfpjs(["decompress", `${s.name}.ref.zfp`, "-o", `${s.name}.out.npy`, "-q"]),
      };
    }
    checks = python(CHECK, SPECS) as typeof checks;
  });

  it.each(SPECS)(
    "when compressing $name ($dtype $shape $order v$version) with zfpjs, expect zfpy.compress_numpy's bytes",
    (s) => {
      const run = runs[s.name]!;
      expect(run.compress8.status).toBe(0);
      expect(run.compress8.stderr).toMatch(new RegExp(`^${s.name}.npy -> ${s.name}.8.zfp: `));
      const ours = new Uint8Array(readFileSync(join(dir, `${s.name}.8.zfp`)));
      const reference = new Uint8Array(readFileSync(join(dir, `${s.name}.ref.zfp`)));
      expect(bytesDiff(ours, reference)).toBe("");
      expect(run.compress64.status).toBe(0);
      expect(checks[s.name]!.from64_same).toBe(true);
    },
  );

  it.each(SPECS)(
    "when zfpjs decompresses zfpy's stream of $name, expect numpy.load to give zfpy's array",
    (s) => {
      expect(runs[s.name]!.decompress.status).toBe(0);
      expect(checks[s.name]!.npy_same).toBe(true);
      if (checks[s.name]!.lossless !== null) expect(checks[s.name]!.lossless).toBe(true);
    },
  );

  it("when the commands succeed, expect no temporary files left behind", () => {
    expect(readdirSync(dir).filter((name) => name.includes("zfpjs-tmp"))).toEqual([]);
  });
});

describeWithOracle("given the commands' defaults and errors", () => {
  beforeAll(() => {
    python(
      `
import json, sys, numpy as np, zfpy
a = np.arange(16, dtype=np.float32); a[3] = np.nan; np.save("nan.npy", a)
np.save("empty.npy", np.zeros((0, 4), dtype=np.float32))
np.save("scalar.npy", np.float32(3))
np.save("u16.npy", np.zeros(3, dtype=np.uint16))
stream = zfpy.compress_numpy(np.arange(4096, dtype=np.float64).reshape(64, 64))
open("cut.zfp", "wb").write(stream[: len(stream) // 2])
open("short.zfp", "wb").write(stream[:10])
print("{}")
`,
      null,
    );
  });

  it("when compress has no -o, expect IN.zfp beside the input and a summary", async () => {
    await zfpjs(["sample", "wave.npy", "--shape", "16,16"]);
    const run = await zfpjs(["compress", "wave.npy", "--tolerance", "0.01"]);
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, "wave.zfp"))).toBe(true);
    expect(run.stderr).toMatch(
      /^wave.npy -> wave.zfp: float32 \(16, 16\), tolerance 0.01, 1024 -> \d+ bytes, ratio [\d.]+, [\d.]+ bits\/value\n$/,
    );
    const refused = await zfpjs(["decompress", "wave.zfp"]);
    expect(refused).toEqual({
      status: 1,
      stderr:
        "zfpjs decompress: 'wave.npy' already exists; use --force to replace it or -o to choose another name\n",
    });
    const back = await zfpjs(["decompress", "wave.zfp", "--force", "-q"]);
    expect(back).toEqual({ status: 0, stderr: "" });
    const result = python(
      `import json, sys, numpy as np; b = np.load("wave.npy"); print(json.dumps([str(b.dtype), list(b.shape), float(abs(b).max())]))`,
      null,
    ) as [string, number[], number];
    expect(result.slice(0, 2)).toEqual(["float32", [16, 16]]);
    expect(result[2]).toBeGreaterThan(0.5);
  });

  it.each([
    {
      args: ["compress", "missing.npy"],
      message: /^zfpjs compress: cannot read input 'missing.npy': no such file or directory\n$/,
    },
    { args: ["compress", "bad.npy"], message: /^zfpjs compress: bad.npy: not a .npy file/ },
    {
      args: ["compress", "wave.npy", "--rate", "x"],
      message: /^zfpjs compress: --rate must be a finite number, not 'x'\n$/,
    },
    { args: ["compress", "wave.npy", "--rate", "4", "--precision", "3"], message: /give one mode/ },
    {
      args: ["compress", "wave.npy", "-o", "nodir/x.zfp"],
      message: /^zfpjs compress: cannot write 'nodir\/x.zfp': no such file or directory\n$/,
    },
    { args: ["decompress", "bad.npy"], message: /^zfpjs decompress: / },
    { args: ["info", "bad.npy"], message: /^zfpjs info: bad.npy: not a zfp stream with a header: / },
    { args: ["compress"], message: /missing input .npy file/ },
    { args: ["compress", "a.npy", "--what"], message: /unknown option '--what'/ },
    { args: ["frobnicate"], message: /^zfpjs: unknown command 'frobnicate'/ },
    {
      args: ["compress", "nan.npy", "--rate", "8"],
      message: /^zfpjs compress: nan.npy: value 3 \(C order\) is NaN; lossy modes cannot store NaN/,
    },
    {
      args: ["compress", "empty.npy"],
      message: /^zfpjs compress: empty.npy: the array is empty \(shape \(0, 4\)\)\n$/,
    },
    {
      args: ["compress", "scalar.npy"],
      message:
        /^zfpjs compress: scalar.npy: zfp compresses arrays of 1 to 4 dimensions, this one has shape \(\)\n$/,
    },
    { args: ["compress", "u16.npy"], message: /^zfpjs compress: u16.npy: unsupported dtype '<u2'/ },
    { args: ["decompress", "cut.zfp", "-o", "cut.npy"], message: /^zfpjs decompress: .*stream truncated/ },
    {
      args: ["info", "short.zfp"],
      message: /^zfpjs info: short.zfp: not a zfp stream with a header: .*truncated/,
    },
  ])("when running zfpjs $args, expect one clear line and status 1", async ({ args, message }) => {
    writeFileSync(join(dir, "bad.npy"), "not numpy at all");
    const run = await zfpjs(args);
    expect(existsSync(join(dir, "cut.npy"))).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "nodir"))).toBe(false);
  });

  it("when compress and decompress use - for stdin and stdout, expect the bytes of the file forms", async () => {
    await zfpjs(["compress", "wave.npy", "-o", "wave-r.zfp", "--rate", "12", "-q"]);
    const npy = new Uint8Array(readFileSync(join(dir, "wave.npy")));
    const stdout = new Capture();
    const stderr = new Capture();
    expect(
      await main(["compress", "-", "--rate", "12"], { stdin: npy, stdout, stderr, env: {}, cwd: dir }),
    ).toBe(0);
    expect(bytesDiff(stdout.bytes(), new Uint8Array(readFileSync(join(dir, "wave-r.zfp"))))).toBe("");
    expect(stderr.text()).toBe("");
    const back = new Capture();
    expect(
      await main(["decompress", "-"], { stdin: stdout.bytes(), stdout: back, stderr, env: {}, cwd: dir }),
    ).toBe(0);
    await zfpjs(["decompress", "wave-r.zfp", "-o", "wave-r.npy"]);
    expect(bytesDiff(back.bytes(), new Uint8Array(readFileSync(join(dir, "wave-r.npy"))))).toBe("");
  });

  it.each([
    { shape: "9", dtype: "float64" },
    { shape: "3,4,5", dtype: "int32" },
    { shape: "2,3,4,5", dtype: "int64" },
  ])(
    "when sampling shape $shape of $dtype, expect a .npy numpy reads with that shape and dtype",
    async ({ shape, dtype }) => {
      expect((await zfpjs(["sample", `s-${dtype}.npy`, "--shape", shape, "--dtype", dtype])).status).toBe(0);
      const result = python(
        `import json, numpy as np; a = np.load("s-${dtype}.npy"); print(json.dumps([str(a.dtype), list(a.shape), int(np.count_nonzero(a))]))`,
        null,
      ) as [string, number[], number];
      expect(result[0]).toBe(dtype);
      expect(result[1]).toEqual(shape.split(",").map(Number));
      expect(result[2]).toBeGreaterThan(0);
    },
  );

  it("when info reads a stream, expect its type, shape, mode and size in words and as JSON", async () => {
    await zfpjs(["compress", "wave.npy", "-o", "wave-p.zfp", "--precision", "10", "-q"]);
    const stdout = new Capture();
    expect(
      await main(["info", "wave-p.zfp", "--json"], {
        stdin: new Uint8Array(),
        stdout,
        stderr: new Capture(),
        env: {},
        cwd: dir,
      }),
    ).toBe(0);
    const info = JSON.parse(stdout.text());
    expect(info).toMatchObject({
      type: "float",
      dtype: "float32",
      shapeC: [16, 16],
      shapeZfp: [16, 16],
      mode: "fixed-precision",
      precision: 10,
      rawBytes: 1024,
    });
    expect(info.compressedBytes).toBe(readFileSync(join(dir, "wave-p.zfp")).length);
    const text = new Capture();
    await main(["info", "wave-p.zfp"], {
      stdin: new Uint8Array(),
      stdout: text,
      stderr: new Capture(),
      env: {},
      cwd: dir,
    });
    expect(text.text()).toMatch(/mode: +fixed-precision \(precision 10 bits\)/);
  });
});
