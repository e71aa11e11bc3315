// Small calls and type mixing (issue 13): one call on a 4^3 float32 array, first and steady state,
// against native zfpy's call (Python included); float32 3D decompress in a fresh process against
// the same after float64, int32 and int64 ran in that process. CPU times from process.cpuUsage
// (JS) and time.thread_time (Python).
//
// Every measurement runs in processes of its own, so no setting inherits another's compiled code:
// - first call: the first compress_numpy and decompress_numpy of a fresh process (after imports),
//   median over RUNS processes per setting;
// - steady: median over STEADY_BATCHES batches of BATCH calls after a warm-up, in the same RUNS
//   processes (the median of their medians), for zfpjs and for native zfpy alike;
// - mix: median CPU ms of 15 decompressions per child, MIX_RUNS fresh and mixed children.
//
//   tsx --conditions=source small-calls.ts                        # everything
//   tsx --conditions=source small-calls.ts mixonly                # only the mix check
//   tsx --conditions=source small-calls.ts small <setting index>  # one small-call child
//   tsx --conditions=source small-calls.ts mix fresh|mixed        # one child of the mix check
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as zfpy from "@zfpjs/zfpy";
import { PYTHON } from "./native.js";
import { cpuSeconds } from "./zfpy-side.js";

type Facade = {
  compress_numpy(array: { data: unknown; shape: number[] }, options?: Record<string, unknown>): Uint8Array;
  decompress_numpy(bytes: Uint8Array): unknown;
};
const facade = zfpy as unknown as Facade;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

function smooth(n: number): Float64Array {
  const out = new Float64Array(n * n * n);
  for (let z = 0, i = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++, i++) {
        const u = x / n;
        const v = y / n;
        out[i] = Math.sin(6 * u) * Math.cos(5 * v) * Math.exp(-z / n) + 0.01 * Math.sin(40 * u * v);
      }
  return out;
}

const SETTINGS: [string, Record<string, unknown>][] = [
  ["rate 8", { rate: 8 }],
  ["precision 16", { precision: 16 }],
  ["tolerance 1e-3", { tolerance: 1e-3 }],
  ["reversible", {}],
];

const RUNS = 5;
const STEADY_BATCHES = 21;
const BATCH = 2000;
const MIX_RUNS = 5;
const MIX_WARM = 20;
const MIX_TIMED = 25;

/**
 * Child: microseconds of the first compress and decompress call of this process on a 4^3 float32
 * array, then the median per call over STEADY_BATCHES batches of BATCH calls (after a warm-up).
 */
function smallChild(options: Record<string, unknown>): void {
  const array = { data: Float32Array.from(smooth(4)), shape: [4, 4, 4] };
  let t = cpuSeconds();
  const bytes = facade.compress_numpy(array, options);
  const firstC = (cpuSeconds() - t) * 1e6;
  t = cpuSeconds();
  facade.decompress_numpy(bytes);
  const firstD = (cpuSeconds() - t) * 1e6;
  for (let i = 0; i < 5 * BATCH; i++) facade.decompress_numpy(facade.compress_numpy(array, options));
  const c: number[] = [];
  const d: number[] = [];
  for (let r = 0; r < STEADY_BATCHES; r++) {
    t = cpuSeconds();
    for (let i = 0; i < BATCH; i++) facade.compress_numpy(array, options);
    c.push(((cpuSeconds() - t) * 1e6) / BATCH);
    t = cpuSeconds();
    for (let i = 0; i < BATCH; i++) facade.decompress_numpy(bytes);
    d.push(((cpuSeconds() - t) * 1e6) / BATCH);
  }
  console.log(JSON.stringify({ first: [firstC, firstD], steady: [median(c), median(d)] }));
}

type Small = { first: number[]; steady: number[] };

/** Medians over processes of first and steady (compress, decompress). */
function combine(runs: Small[]): Small {
  const at = (key: keyof Small, k: number) => median(runs.map((run) => run[key][k] as number));
  return { first: [at("first", 0), at("first", 1)], steady: [at("steady", 0), at("steady", 1)] };
}

const NATIVE_SMALL = `
import json, sys, time, numpy as np, zfpy
opts = json.loads(sys.argv[1])
n = 4
x, y, z = np.meshgrid(np.arange(n) / n, np.arange(n) / n, np.arange(n) / n, indexing="xy")
a = np.ascontiguousarray((np.sin(6 * x) * np.cos(5 * y) * np.exp(-z) + 0.01 * np.sin(40 * x * y)).astype(np.float32))
t = time.thread_time(); b = zfpy.compress_numpy(a, **opts); fc = (time.thread_time() - t) * 1e6
t = time.thread_time(); zfpy.decompress_numpy(b); fd = (time.thread_time() - t) * 1e6
cs, ds = [], []
for i in range(5 * 2000): zfpy.decompress_numpy(zfpy.compress_numpy(a, **opts))
for r in range(21):
    t = time.thread_time()
    for i in range(2000): zfpy.compress_numpy(a, **opts)
    cs.append((time.thread_time() - t) * 1e6 / 2000)
    t = time.thread_time()
    for i in range(2000): zfpy.decompress_numpy(b)
    ds.append((time.thread_time() - t) * 1e6 / 2000)
print(json.dumps({"first": [fc, fd], "steady": [sorted(cs)[10], sorted(ds)[10]]}))
`;

function nativeSmall(options: Record<string, unknown>): Small {
  return JSON.parse(
    execFileSync(PYTHON, ["-c", NATIVE_SMALL, JSON.stringify(options)], { encoding: "utf8" }),
  );
}

/** Child of the mix check: median CPU ms of float32 64^3 decompress, after the other types when `mixed`. */
function mixChild(mixed: boolean): void {
  const real = smooth(64);
  const shape = [64, 64, 64];
  if (mixed) {
    const others = [
      real,
      Int32Array.from(real, (v) => Math.round(v * 2 ** 20)),
      BigInt64Array.from(real, (v) => BigInt(Math.round(v * 2 ** 40))),
    ];
    for (let r = 0; r < 5; r++)
      for (const data of others)
        for (const [, options] of SETTINGS)
          facade.decompress_numpy(facade.compress_numpy({ data, shape }, options));
  }
  const array = { data: Float32Array.from(real), shape };
  const result: Record<string, number> = {};
  for (const [name, options] of SETTINGS) {
    const bytes = facade.compress_numpy(array, options);
    // Warm until the decoder is compiled for this setting in both kinds of child, then time.
    for (let i = 0; i < MIX_WARM; i++) facade.decompress_numpy(bytes);
    const times: number[] = [];
    for (let r = 0; r < MIX_TIMED; r++) {
      const t = cpuSeconds();
      facade.decompress_numpy(bytes);
      times.push((cpuSeconds() - t) * 1e3);
    }
    result[name] = median(times);
  }
  console.log(JSON.stringify(result));
}

function main(): void {
  const [mode, which] = process.argv.slice(2);
  if (mode === "mix") {
    mixChild(which === "mixed");
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const child = (...args: string[]): string =>
    execFileSync(process.execPath, [...process.execArgv, self, ...args], { encoding: "utf8" })
      .trim()
      .split("\n")
      .pop() as string;
  if (mode === "small") {
    smallChild((SETTINGS[Number(which)] as [string, Record<string, unknown>])[1]);
    return;
  }
  if (mode !== "mixonly") smallCalls(child);
  mixCheck(child);
}

/** The small-call table: zfpjs children and native zfpy, per setting. */
function smallCalls(child: (...args: string[]) => string): void {
  console.log(
    `one call on a 4^3 float32 array, CPU microseconds per call, compress / decompress: first call (median of ${RUNS} fresh processes), steady (median of ${STEADY_BATCHES} batches of ${BATCH} calls, median of the same ${RUNS} processes)`,
  );
  console.log(
    "setting         | zfpjs first | zfpjs steady | native first | native steady | steady native/ours (>= 1: ours as fast)",
  );
  const f = (v: number[]) => `${v[0]?.toFixed(1)} / ${v[1]?.toFixed(1)}`;
  SETTINGS.forEach(([name, options], index) => {
    const js: Small[] = [];
    const py: Small[] = [];
    for (let r = 0; r < RUNS; r++) {
      js.push(JSON.parse(child("small", String(index))));
      py.push(nativeSmall(options));
    }
    const ours = combine(js);
    const native = combine(py);
    const ratio = `${((native.steady[0] as number) / (ours.steady[0] as number)).toFixed(2)} / ${((native.steady[1] as number) / (ours.steady[1] as number)).toFixed(2)}`;
    console.log(
      `${name.padEnd(15)} | ${f(ours.first)} | ${f(ours.steady)} | ${f(native.first)} | ${f(native.steady)} | ${ratio}`,
    );
  });
}

/** The mix check: float32 decompress in fresh children and in children that ran the other types. */
function mixCheck(child: (...args: string[]) => string): void {
  console.log(
    `\nfloat32 64^3 decompress, CPU ms (median of ${MIX_TIMED} calls after ${MIX_WARM} per child, median of ${MIX_RUNS} children): fresh process vs after float64/int32/int64`,
  );
  const fresh: Record<string, number[]> = {};
  const mixed: Record<string, number[]> = {};
  for (let r = 0; r < MIX_RUNS; r++) {
    for (const [which, into] of [
      ["fresh", fresh],
      ["mixed", mixed],
    ] as const) {
      for (const [name, ms] of Object.entries(JSON.parse(child("mix", which)) as Record<string, number>))
        (into[name] ??= []).push(ms);
    }
  }
  for (const [name] of SETTINGS) {
    const a = median(fresh[name] as number[]);
    const b = median(mixed[name] as number[]);
    console.log(
      `${name.padEnd(15)} fresh ${a.toFixed(2)} mixed ${b.toFixed(2)} (mixed/fresh ${(b / a).toFixed(3)})`,
    );
  }
}

main();
