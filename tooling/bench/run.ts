// The zfpjs benchmark (issue 8): zfpjs through @zfpjs/zfpy, in-process, side by side with
// native zfp (Debian's zfpy) on the same arrays; see README.md in this folder.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { allCases, type BenchCase, caseNamed } from "./cases.js";
import { BYTES_PER_VALUE, clearFieldCache, type ScalarArray, shapeFor, typedField } from "./fields.js";
import { NativeWorker, nativeAvailable } from "./native.js";
import { type BenchOptions, parseOptions, USAGE } from "./options.js";
import { type ProfileSummary, profile } from "./profile.js";
import {
  type CaseResult,
  casesTable,
  checkTargets,
  compareStreams,
  genericTable,
  gitState,
  machineInfo,
  memorySummary,
  profileTable,
  type RunResult,
  ratioSummary,
  type SideSpeed,
  writeResults,
} from "./report.js";
import {
  type ArrayInput,
  bytesOf,
  canForceGc,
  loadZfpy,
  measureMemory,
  sha1OfArray,
  stopGcObserver,
  timed,
  type ZfpyFacade,
} from "./zfpy-side.js";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");
const RESULTS = join(here, "results");
const BITSTREAM_BENCH = join(ROOT, "packages", "bitstream", "bench", "bitstream.bench.ts");
/** Target JS time per case and side (seconds): repetitions shrink for slow cases. */
const CASE_BUDGET_SECONDS = 6;

const gc = (globalThis as { gc?: () => void }).gc;

/** The input array of a case, shared by consecutive cases with the same dtype, shape and field. */
interface Input {
  key: string;
  array: ArrayInput;
  nativeId: string | null;
}

function inputKey(c: BenchCase, shape: number[]): string {
  return `${c.dtype}/${shape.join("x")}/${c.field}`;
}

/** Best wall and CPU seconds of each operation on one side. */
class Best {
  compress = Number.POSITIVE_INFINITY;
  decompress = Number.POSITIVE_INFINITY;
  compressCpu = Number.POSITIVE_INFINITY;
  decompressCpu = Number.POSITIVE_INFINITY;

  add(operation: "compress" | "decompress", seconds: number, cpuSeconds: number): void {
    if (operation === "compress") {
      this.compress = Math.min(this.compress, seconds);
      this.compressCpu = Math.min(this.compressCpu, cpuSeconds);
    } else {
      this.decompress = Math.min(this.decompress, seconds);
      this.decompressCpu = Math.min(this.decompressCpu, cpuSeconds);
    }
  }

  speed(bytes: number): SideSpeed {
    return {
      compressSeconds: this.compress,
      decompressSeconds: this.decompress,
      compressCpuSeconds: Number.isFinite(this.compressCpu) ? this.compressCpu : Number.NaN,
      decompressCpuSeconds: Number.isFinite(this.decompressCpu) ? this.decompressCpu : Number.NaN,
      compressMBs: bytes / this.compress / 1e6,
      decompressMBs: bytes / this.decompress / 1e6,
    };
  }
}

async function runCase(
  c: BenchCase,
  input: Input,
  zfpy: ZfpyFacade,
  native: NativeWorker | null,
  options: BenchOptions,
): Promise<CaseResult> {
  const { array } = input;
  const bytes = array.data.byteLength;
  const kwargs = c.mode.kwargs;
  const result: CaseResult = {
    name: c.name,
    dtype: c.dtype,
    dims: c.dims,
    shape: array.shape,
    mode: c.mode.name,
    field: c.field,
    bytes,
    js: new Best().speed(bytes),
    native: null,
    ratio: null,
    cpuRatio: null,
    size: { js: 0, js8: null, native: null },
    sameBytes: "n/a",
    sameValues: null,
    memory: { js: null, native: null },
  };

  // Warm-up (also decides how many repetitions fit the budget).
  const warmCompress = timed(() => zfpy.compress_numpy(array, kwargs));
  const warmDecompress = timed(() => zfpy.decompress_numpy(warmCompress.result));
  const perPair = warmCompress.seconds + warmDecompress.seconds;
  const reps = Math.max(
    1,
    Math.min(options.reps, Math.floor(CASE_BUDGET_SECONDS / options.rounds / perPair)),
  );

  const js = new Best();
  const nat = new Best();
  let compressed = warmCompress.result;
  let restored = warmDecompress.result;
  let nativeBytes: Uint8Array | null = null;
  let nativeSha1: string | null = null;
  // Each round alternates one JS compress + decompress with one native pair, so that both
  // sides see the same machine load; the native side returns its bytes on the last pair.
  const hasNative = native !== null && input.nativeId !== null;
  if (hasNative) await native!.time(input.nativeId!, kwargs, 0, 1, false);
  for (let round = 0; round < options.rounds; round++) {
    gc?.();
    for (let i = 0; i < reps; i++) {
      const comp = timed(() => zfpy.compress_numpy(array, kwargs));
      js.add("compress", comp.seconds, comp.cpuSeconds);
      compressed = comp.result;
      const dec = timed(() => zfpy.decompress_numpy(compressed));
      js.add("decompress", dec.seconds, dec.cpuSeconds);
      restored = dec.result;
      if (hasNative) {
        const last = round === options.rounds - 1 && i === reps - 1;
        const timing = await native!.time(input.nativeId!, kwargs, 1, 0, last);
        nat.add("compress", timing.compress[0]!, timing.compressCpu[0]!);
        nat.add("decompress", timing.decompress[0]!, timing.decompressCpu[0]!);
        if (last) {
          nativeBytes = timing.bytes;
          nativeSha1 = timing.sha1;
        }
      }
    }
  }
  result.js = js.speed(bytes);
  result.size.js = compressed.length;
  let ours8: Uint8Array | null = null;
  try {
    ours8 = zfpy.compress_numpy(array, { ...kwargs, wordBits: 8 });
    result.size.js8 = ours8.length;
  } catch {
    result.size.js8 = null;
  }
  if (nativeBytes && nativeSha1) {
    result.native = nat.speed(bytes);
    result.ratio = { compress: nat.compress / js.compress, decompress: nat.decompress / js.decompress };
    if (Number.isFinite(js.compressCpu) && Number.isFinite(nat.compressCpu)) {
      result.cpuRatio = {
        compress: nat.compressCpu / js.compressCpu,
        decompress: nat.decompressCpu / js.decompressCpu,
      };
    }
    result.size.native = nativeBytes.length;
    result.sameBytes = compareStreams(ours8, compressed, nativeBytes);
    result.sameValues = sha1OfArray(restored) === nativeSha1;
  }
  ours8 = null;

  if (options.memory) {
    compressed = new Uint8Array(0);
    restored = { data: new Float32Array(0), shape: [0] };
    const comp = await measureMemory(() => zfpy.compress_numpy(array, kwargs));
    const dec = await measureMemory(() => zfpy.decompress_numpy(comp.result));
    result.memory.js = { compress: comp.memory, decompress: dec.memory };
    if (native && input.nativeId) result.memory.native = await native.memory(input.nativeId, kwargs);
  }
  return result;
}

function progressLine(r: CaseResult): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const f = (v: number | undefined, d = 1) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(d));
  if (r.error) return `${pad(r.name, 30)} error: ${r.error}`;
  const js = `JS ${f(r.js.compressMBs)}/${f(r.js.decompressMBs)} MB/s`;
  if (!r.native) return `${pad(r.name, 30)} ${pad(js, 28)} ${r.size.js} B`;
  const c = `C ${f(r.native.compressMBs)}/${f(r.native.decompressMBs)} MB/s`;
  const cpu = r.cpuRatio ? ` (cpu ${f(r.cpuRatio.compress, 2)}/${f(r.cpuRatio.decompress, 2)})` : "";
  const ratio = `ours/C ${f(r.ratio?.compress, 2)}/${f(r.ratio?.decompress, 2)}${cpu}`;
  const same = `${r.sameBytes}${r.sameValues === false ? " VALUES DIFFER" : ""}`;
  return `${pad(r.name, 30)} ${pad(js, 28)} ${pad(c, 26)} ${pad(ratio, 38)} ${r.size.native} B ${same}`;
}

/** Profiles compress and decompress of one case (about two seconds each). */
async function profileCase(
  name: string,
  zfpy: ZfpyFacade,
  options: BenchOptions,
): Promise<{ summaries: ProfileSummary[]; raw: { label: string; profile: unknown }[] }> {
  const c = caseNamed(name);
  if (!c) throw new Error(`--profile: no case named "${name}"`);
  const shape = shapeFor(c.dims, options.quick);
  const array: ArrayInput = { data: typedField(c.field, c.dtype, shape), shape };
  const kwargs = c.mode.kwargs;
  const warm = timed(() => zfpy.compress_numpy(array, kwargs));
  const warmDec = timed(() => zfpy.decompress_numpy(warm.result));
  const target = options.quick ? 0.5 : 2;
  const compressCalls = Math.max(3, Math.ceil(target / warm.seconds));
  const decompressCalls = Math.max(3, Math.ceil(target / warmDec.seconds));
  const summaries: ProfileSummary[] = [];
  const raw: { label: string; profile: unknown }[] = [];
  const comp = await profile(`compress ${name} x ${compressCalls}`, () => {
    for (let i = 0; i < compressCalls; i++) zfpy.compress_numpy(array, kwargs);
  });
  summaries.push(comp.summary);
  raw.push({ label: "compress", profile: comp.raw });
  const dec = await profile(`decompress ${name} x ${decompressCalls}`, () => {
    for (let i = 0; i < decompressCalls; i++) zfpy.decompress_numpy(warm.result);
  });
  summaries.push(dec.summary);
  raw.push({ label: "decompress", profile: dec.raw });
  return { summaries, raw };
}

/** Runs the bit stream micro-benchmark when packages/bitstream/bench exports runBitstreamBench. */
async function bitstreamBench(options: BenchOptions): Promise<unknown> {
  if (!existsSync(BITSTREAM_BENCH)) {
    console.log(`bit stream micro-benchmark: ${BITSTREAM_BENCH} not present yet, skipped`);
    return null;
  }
  const module = (await import(pathToFileURL(BITSTREAM_BENCH).href)) as {
    runBitstreamBench?: (options?: { quick?: boolean }) => unknown;
  };
  if (typeof module.runBitstreamBench !== "function") {
    console.log("bit stream micro-benchmark: runBitstreamBench is not exported, skipped");
    return null;
  }
  return await module.runBitstreamBench({ quick: options.quick });
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const machine = machineInfo();
  const git = gitState(ROOT);
  const loadAtStart = loadavg()[0]!;
  console.log(`zfpjs bench: ${machine.cpu} x${machine.cores}, Node ${machine.node}, commit ${git.commit}`);
  if (!canForceGc)
    console.log("note: run node with --expose-gc for exact memory figures (the bench script does)");

  const loaded = await loadZfpy(options.zfpyModule);
  let bitstream: unknown = null;
  if (!loaded.facade) {
    console.log(`zfpjs side unavailable: ${loaded.reason}; only the bit stream micro-benchmark runs`);
    if (options.bitstream) {
      bitstream = await bitstreamBench(options);
      if (bitstream !== null) console.log(`\n${genericTable(bitstream)}`);
    }
    return 0;
  }
  const zfpy = loaded.facade;
  const fromLabel = loaded.from.startsWith(ROOT) ? loaded.from.slice(ROOT.length + 1) : loaded.from;

  const nativeState = options.native ? nativeAvailable() : { ok: false, reason: "disabled by --no-native" };
  if (!nativeState.ok) console.log(`native zfp not timed: ${nativeState.reason} (reduced table)`);
  const native = nativeState.ok ? new NativeWorker() : null;
  if (native) {
    const info = await native.info();
    machine.python = info.python;
    machine.numpy = info.numpy;
    machine.zfpy = info.zfpy;
  }

  const cases = allCases().filter((c) => !options.filter || options.filter.test(c.name));
  if (cases.length === 0) throw new Error(`no case matches /${options.filter?.source}/`);
  console.log(
    `${cases.length} cases, ${options.quick ? "quick" : "full"} sizes, best of ${options.rounds} x ${options.reps}\n`,
  );

  const results: CaseResult[] = [];
  let input = null as Input | null;
  let inputCount = 0;
  try {
    for (const c of cases) {
      const shape = shapeFor(c.dims, options.quick);
      const key = inputKey(c, shape);
      if (input?.key !== key) {
        if (input?.nativeId && native) await native.free(input.nativeId);
        input = null;
        clearFieldCache();
        const data: ScalarArray = typedField(c.field, c.dtype, shape);
        const nativeId = native ? `a${inputCount++}` : null;
        if (native && nativeId) await native.load(nativeId, c.dtype, shape, bytesOf(data));
        input = { key, array: { data, shape }, nativeId };
      }
      let result: CaseResult;
      try {
        result = await runCase(c, input, zfpy, native, options);
      } catch (error) {
        const message = (error as Error).message.split("\n")[0]!;
        result = {
          name: c.name,
          dtype: c.dtype,
          dims: c.dims,
          shape,
          mode: c.mode.name,
          field: c.field,
          bytes: shape.reduce((a, b) => a * b, 1) * BYTES_PER_VALUE[c.dtype],
          js: new Best().speed(0),
          native: null,
          ratio: null,
          cpuRatio: null,
          size: { js: 0, js8: null, native: null },
          sameBytes: "n/a",
          sameValues: null,
          memory: { js: null, native: null },
          error: message,
        };
      }
      results.push(result);
      console.log(progressLine(result));
    }
  } finally {
    await native?.close();
  }
  clearFieldCache();

  const profiles: ProfileSummary[] = [];
  for (const name of options.profileCase?.split(",") ?? []) {
    try {
      const { summaries, raw } = await profileCase(name.trim(), zfpy, options);
      profiles.push(...summaries);
      if (options.saveProfile) {
        const dir = join(RESULTS, "profiles");
        mkdirSync(dir, { recursive: true });
        for (const { label, profile: data } of raw) {
          const file = join(dir, `${name.trim().replaceAll("/", "_")}-${label}.cpuprofile`);
          writeFileSync(file, JSON.stringify(data));
          console.log(`wrote ${file}`);
        }
      }
    } catch (error) {
      console.log(`profile of ${name} failed: ${(error as Error).message}`);
    }
  }
  if (options.bitstream) {
    try {
      bitstream = await bitstreamBench(options);
    } catch (error) {
      console.log(`bit stream micro-benchmark failed: ${(error as Error).message}`);
    }
  }

  const run: RunResult = {
    date: new Date().toISOString(),
    commit: git.commit,
    dirty: git.dirty,
    dirtyPackages: git.dirtyPackages,
    load: [loadAtStart, loadavg()[0]!],
    note: options.note,
    quick: options.quick,
    filter: options.filter?.source ?? null,
    machine,
    reps: options.reps,
    rounds: options.rounds,
    zfpy: fromLabel,
    nativeAvailable: native !== null,
    cases: results,
    targets: [...checkTargets(results, "wall"), ...checkTargets(results, "cpu")],
    profiles,
    bitstream,
  };

  console.log(`\n${casesTable(results)}\n`);
  const summary = ratioSummary(results);
  if (summary) console.log(`${summary}\n`);
  const memory = memorySummary(results);
  if (memory) console.log(`${memory}\n`);
  for (const t of run.targets) {
    if (t.met === null) continue;
    const verdict = options.quick ? "not judged (quick run: arrays too small)" : t.met ? "met" : "NOT met";
    console.log(`target ${t.target}: ${verdict} (worst ${t.worst?.toFixed(2)}, ${t.worstCase})`);
  }
  for (const p of profiles) console.log(`\n${profileTable(p)}`);
  if (bitstream !== null) console.log(`\nbit stream micro-benchmark\n\n${genericTable(bitstream)}`);

  if (options.write) {
    const files = writeResults(RESULTS, run);
    console.log(`\nwrote ${files.map((f) => f.slice(ROOT.length + 1)).join(", ")}`);
  } else {
    console.log("\n(results not written: quick or filtered run; pass --write to record it)");
  }
  const mismatches = results.filter((r) => r.sameBytes === "mismatch" || r.sameValues === false || r.error);
  if (mismatches.length > 0) {
    console.log(`\n${mismatches.length} case(s) with errors or output different from native zfp:`);
    for (const r of mismatches)
      console.log(`  ${r.name}: ${r.error ?? `bytes ${r.sameBytes}, values ${r.sameValues}`}`);
  }
  return 0;
}

main().then(
  (code) => {
    stopGcObserver();
    process.exit(code);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
