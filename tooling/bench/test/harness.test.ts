// The benchmark harness's own logic: options, inputs, byte comparison, targets, profile
// summaries, and the native worker's round trip against @zfpjs/zfpy. No timing assertions.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithOracle } from "@zfpjs/tooling/oracle";
import { compress_numpy } from "@zfpjs/zfpy";
import { describe, expect, it } from "vitest";
import { allCases, caseNamed } from "../cases.js";
import { INTEGER_SCALE, realField, shapeFor, typedField } from "../fields.js";
import { historyTable } from "../history.js";
import { NativeWorker } from "../native.js";
import { parseOptions } from "../options.js";
import { summarise } from "../profile.js";
import {
  type CaseResult,
  checkTargets,
  compareStreams,
  geometricMean,
  machineInfo,
  type RunResult,
  writeResults,
} from "../report.js";
import { bytesOf, cpuSeconds, measureMemory, timed } from "../zfpy-side.js";

describe("options", () => {
  it("given no arguments, when parsed, then a full run that writes results", () => {
    const options = parseOptions([], {});
    expect(options).toMatchObject({ quick: false, write: true, native: true, reps: 2, rounds: 3 });
    expect(options.filter).toBeUndefined();
    expect(options.profileCase).toBe("float32/3d/rate8/smooth");
  });

  it("given --quick or a case filter, when parsed, then nothing is written unless --write", () => {
    expect(parseOptions(["--quick"], {}).write).toBe(false);
    expect(parseOptions(["--case", "float32/3d"], {}).write).toBe(false);
    expect(parseOptions(["--case=int64", "--write"], {}).write).toBe(true);
    expect(parseOptions(["--", "--case=int64"], {}).filter?.test("int64/1d/rate8/smooth")).toBe(true);
  });

  it("given BENCH_* variables, when parsed, then they act like the flags", () => {
    const options = parseOptions([], {
      BENCH_QUICK: "1",
      BENCH_CASE: "noisy",
      BENCH_REPS: "5",
      BENCH_NOTE: "x",
    });
    expect(options).toMatchObject({ quick: true, reps: 5, note: "x", rounds: 1 });
    expect(options.filter?.source).toBe("noisy");
  });

  it("given an unknown option or a bad count, when parsed, then it throws naming it", () => {
    expect(() => parseOptions(["--fast"], {})).toThrow(/unknown option "--fast"/);
    expect(() => parseOptions(["--reps", "0"], {})).toThrow(/--reps expects a positive integer, found "0"/);
    expect(() => parseOptions(["--case"], {})).toThrow(/--case expects a value/);
  });
});

describe("cases and inputs", () => {
  it("given the matrix, when listed, then 100 distinct cases with 4D for float32 only", () => {
    const cases = allCases();
    expect(cases).toHaveLength(100);
    expect(new Set(cases.map((c) => c.name)).size).toBe(100);
    expect(cases.filter((c) => c.dims === 4).map((c) => c.dtype)).toEqual(Array(4).fill("float32"));
    expect(caseNamed("int64/2d/tol1e-3/noisy")?.mode.kwargs).toEqual({ tolerance: 1e-3 });
  });

  it("given full and quick sizes, when shaped, then about 2 M and exactly 32768 values", () => {
    for (const dims of [1, 2, 3, 4] as const) {
      const full = shapeFor(dims, false).reduce((a, b) => a * b, 1);
      expect(full).toBeGreaterThan(2_000_000);
      expect(full).toBeLessThanOrEqual(2 ** 21);
      expect(shapeFor(dims, true).reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(32768);
    }
    expect(shapeFor(3, false)).toEqual([128, 128, 128]);
  });

  it("given the smooth 3D field, when sampled, then it is sin(6x)cos(5y)exp(-z) + 0.01 sin(40xy)", () => {
    const shape = [5, 4, 3]; // z, y, x
    const field = realField("smooth", shape);
    const [x, y, z] = [2 / 2, 1 / 3, 3 / 4];
    const index = (3 * 4 + 1) * 3 + 2;
    expect(field[index]).toBeCloseTo(
      Math.sin(6 * x) * Math.cos(5 * y) * Math.exp(-z) + 0.01 * Math.sin(40 * x * y),
      12,
    );
  });

  it("given integer dtypes, when converted, then the field is scaled and rounded", () => {
    const shape = [7, 9];
    const real = realField("smooth", shape);
    const int32 = typedField("smooth", "int32", shape) as Int32Array;
    const int64 = typedField("smooth", "int64", shape) as BigInt64Array;
    expect(int32[10]).toBe(Math.round(real[10]! * INTEGER_SCALE.int32));
    expect(int64[10]).toBe(BigInt(Math.round(real[10]! * INTEGER_SCALE.int64)));
  });

  it("given the noisy field, when made twice, then the same values, all in [-1, 1)", () => {
    const a = Float64Array.from(realField("noisy", [1000]));
    const b = realField("noisy", [1000]);
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(Math.max(...a) - Math.min(...a)).toBeGreaterThan(1.9);
  });
});

describe("byte comparison", () => {
  const native = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("given the 8-bit-word stream equal to Debian's, when compared, then exact", () => {
    expect(compareStreams(native.slice(), new Uint8Array(16), native)).toBe("exact");
  });

  it("given the default stream equal to Debian's plus zeros to 16 bytes, when compared, then padded", () => {
    const padded = new Uint8Array(16);
    padded.set(native);
    expect(compareStreams(null, padded, native)).toBe("padded");
  });

  it("given a nonzero padding byte, a short stream or a changed byte, when compared, then mismatch", () => {
    const padded = new Uint8Array(16);
    padded.set(native);
    padded[12] = 1;
    expect(compareStreams(null, padded, native)).toBe("mismatch");
    expect(compareStreams(null, native.slice(0, 8), native)).toBe("mismatch");
    const changed = native.slice();
    changed[3] = 0;
    expect(compareStreams(changed, new Uint8Array(16), native)).toBe("mismatch");
  });
});

describe("targets and summaries", () => {
  const result = (name: string, dtype: string, dims: number, compress: number, decompress: number) =>
    ({ name, dtype, dims, ratio: { compress, decompress } }) as unknown as CaseResult;

  it("given ratios, when checked, then each target reports its worst case and whether it is met", () => {
    const [compress, decompress, others] = checkTargets([
      result("float32/3d/rate8/smooth", "float32", 3, 1.1, 0.75),
      result("float32/3d/prec16/smooth", "float32", 3, 0.9, 0.8),
      result("float32/1d/rate8/smooth", "float32", 1, 0.1, 0.1),
      result("int64/3d/rate8/smooth", "int64", 3, 0.6, 0.2),
    ]);
    expect(compress).toMatchObject({
      worst: 0.9,
      worstCase: "float32/3d/prec16/smooth compress",
      met: false,
    });
    expect(decompress).toMatchObject({
      worst: 0.75,
      worstCase: "float32/3d/rate8/smooth decompress",
      met: true,
    });
    expect(others).toMatchObject({ worst: 0.2, worstCase: "int64/3d/rate8/smooth decompress", met: false });
  });

  it("given CPU-time ratios, when checked on that basis, then they decide the targets", () => {
    const c = {
      ...result("float32/3d/rate8/smooth", "float32", 3, 0.4, 0.4),
      cpuRatio: { compress: 1.2, decompress: 0.8 },
    };
    const [, wall] = checkTargets([c], "wall");
    const [, cpu] = checkTargets([c], "cpu");
    expect(wall).toMatchObject({ met: false, worst: 0.4 });
    expect(cpu).toMatchObject({ met: true, worst: 0.8, worstCase: "float32/3d/rate8/smooth decompress" });
    expect(cpu!.target).toMatch(/cpu time/);
  });

  it("given no native side, when checked, then targets are undecided", () => {
    const [float32] = checkTargets([
      { ...result("float32/3d/rate8/smooth", "float32", 3, 1, 1), ratio: null },
    ]);
    expect(float32!.met).toBeNull();
  });

  it("given values, when averaged geometrically, then non-positive ones are ignored", () => {
    expect(geometricMean([0.25, 1, 0])).toBeCloseTo(0.5, 12);
    expect(geometricMean([])).toBeNull();
  });

  it("given a CPU profile, when summarised, then self time is summed per function", () => {
    const frame = (functionName: string, url: string) => ({
      functionName,
      url,
      lineNumber: 9,
      columnNumber: 0,
    });
    const summary = summarise(
      "test",
      {
        nodes: [
          { id: 1, callFrame: frame("(root)", "") },
          { id: 2, callFrame: frame("encodePlanes", "file:///x/packages/codec/src/bit-plane.ts") },
          { id: 3, callFrame: frame("gatherBlock", "file:///x/packages/codec/src/gather.ts") },
        ],
        samples: [2, 2, 3, 2],
        timeDeltas: [100, 200, 300, 400],
        startTime: 0,
        endTime: 1000,
      },
      5,
    );
    expect(summary.totalMs).toBeCloseTo(1, 12);
    expect(summary.top[0]).toMatchObject({ name: "encodePlanes", location: "codec/src/bit-plane.ts:10" });
    expect(summary.top[0]!.selfMs).toBeCloseTo(0.7, 12);
    expect(summary.top[1]!.share).toBeCloseTo(0.3, 12);
  });
});

describe("writing results", () => {
  const run = (quick: boolean, filter: string | null): RunResult => ({
    date: "2026-01-01T00:00:00.000Z",
    commit: "abc",
    dirty: false,
    dirtyPackages: [],
    load: [0.5, 0.6],
    note: "n",
    quick,
    filter,
    machine: machineInfo(),
    reps: 2,
    rounds: 3,
    zfpy: "stub",
    nativeAvailable: false,
    cases: [],
    targets: [],
    profiles: [],
    bitstream: null,
  });

  it("given a complete run and then a filtered one, when written, then latest.* only from the complete run and two history lines", () => {
    const directory = mkdtempSync(join(tmpdir(), "zfpjs-bench-"));
    try {
      expect(writeResults(directory, run(false, null)).map((f) => f.slice(directory.length + 1))).toEqual([
        "latest.json",
        "latest.md",
        "history.jsonl",
      ]);
      expect(writeResults(directory, { ...run(false, "int64"), note: "partial" })).toEqual([
        join(directory, "history.jsonl"),
      ]);
      expect(JSON.parse(readFileSync(join(directory, "latest.json"), "utf8")).note).toBe("n");
      expect(readFileSync(join(directory, "latest.md"), "utf8")).toContain("reduced table");
      const lines = readFileSync(join(directory, "history.jsonl"), "utf8").trim().split("\n");
      expect(lines.map((line) => JSON.parse(line).note)).toEqual(["n", "partial"]);
      expect(existsSync(join(directory, "profiles"))).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("history", () => {
  it("given two recorded runs, when tabulated, then one row each with geometric-mean ratios and the worst case", () => {
    const table = historyTable([
      {
        date: "2026-01-01T10:00:00.000Z",
        commit: "abc",
        note: "baseline",
        quick: false,
        filter: null,
        cases: [
          { name: "float32/3d/rate8/smooth", ratio: [0.25, 1], cpuRatio: [0.5, 0.5] },
          { name: "int32/1d/rate8/smooth", ratio: [0.1, 0.2] },
        ],
      },
      {
        date: "2026-01-02T10:00:00.000Z",
        commit: "def",
        dirty: true,
        note: "a|b",
        quick: true,
        filter: null,
        cases: [],
      },
      {
        date: "2026-01-03T10:00:00.000Z",
        commit: "0a1",
        note: "",
        quick: false,
        filter: "int64|1d",
        cases: [],
      },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain("| /int64\\|1d/ |");
    expect(lines[2]).toContain("| 2026-01-01 10:00 | abc | full | – | 0.25 / 1.00 | 0.50 / 0.50 |");
    expect(lines[2]).toContain("| 0.10 int32/1d/rate8/smooth | baseline |");
    expect(lines[3]).toContain("| def+ | quick |");
    expect(lines[3]).toContain("a\\|b");
  });
});

describe("clocks", () => {
  it("given work on the main thread, when timed, then both clocks report non-negative seconds", () => {
    const before = cpuSeconds();
    const run = timed(() => realField("noisy", [100_000 + 1]).length);
    expect(run.result).toBe(100_001);
    expect(run.seconds).toBeGreaterThanOrEqual(0);
    if (process.platform === "linux") {
      expect(run.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(cpuSeconds()).toBeGreaterThanOrEqual(before);
    }
  });
});

describe("memory", () => {
  it("given a call allocating a 4 MB typed array, when measured, then ArrayBuffer growth covers it", async () => {
    const { memory, result } = await measureMemory(() => new Float64Array(1 << 19));
    expect(result.length).toBe(1 << 19);
    expect(memory.arrayBuffers).toBeGreaterThanOrEqual(4 * 2 ** 20);
  });

  it("given a call allocating many short-lived objects, when measured, then garbage collections are counted", async () => {
    const { memory } = await measureMemory(() => {
      let kept: { value: number }[] = [];
      for (let i = 0; i < 2_000_000; i++) {
        kept.push({ value: i });
        if (kept.length === 10_000) kept = [];
      }
      return kept.length;
    });
    expect(memory.gcs).toBeGreaterThan(0);
  });
});

describeWithOracle("native worker", () => {
  it("given an array sent to the worker, when timed, then zfpy's bytes equal compress_numpy's with 8-bit words", async () => {
    const shape = [6, 10, 12];
    const data = typedField("smooth", "float32", shape) as Float32Array;
    const worker = new NativeWorker();
    try {
      const info = await worker.info();
      expect(info.zfpy_path).toMatch(/zfpy/);
      await worker.load("a", "float32", shape, bytesOf(data));
      for (const kwargs of [{ rate: 8 }, { precision: 16 }, { tolerance: 1e-3 }, {}]) {
        const timing = await worker.time("a", kwargs, 2, 1);
        expect(timing.compress).toHaveLength(2);
        expect(timing.decompress).toHaveLength(2);
        expect(timing.compressCpu).toHaveLength(2);
        expect(timing.decompressCpu).toHaveLength(2);
        expect(timing.bytes).toEqual(compress_numpy({ data, shape }, { ...kwargs, wordBits: 8 }));
      }
      const memory = await worker.memory("a", { rate: 8 });
      expect(memory.compressTraced).toBeGreaterThan(0);
      await worker.free("a");
      await expect(worker.time("a", {}, 1, 0)).rejects.toThrow(/zfpy raised KeyError/);
    } finally {
      await worker.close();
    }
  });
});
