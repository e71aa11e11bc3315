// Benchmark results: their JSON shape, the markdown table, the targets of issue 13 and the
// append-only history (results/history.jsonl).
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import type { ProfileSummary } from "./profile.js";

/** One side's speed on one case (MB = 10^6 bytes of uncompressed data). */
export interface SideSpeed {
  /** From the best (minimum) wall time per call. */
  compressMBs: number;
  decompressMBs: number;
  /** Best (minimum) wall seconds per call. */
  compressSeconds: number;
  decompressSeconds: number;
  /** Best (minimum) CPU seconds of the calling thread per call (NaN where unavailable). */
  compressCpuSeconds: number;
  decompressCpuSeconds: number;
}

/** Everything measured on one case. */
export interface CaseResult {
  name: string;
  dtype: string;
  dims: number;
  shape: number[];
  mode: string;
  field: string;
  /** Uncompressed bytes. */
  bytes: number;
  js: SideSpeed;
  native: SideSpeed | null;
  /** ours/native speed ratios from wall times (> 1: zfpjs is faster). */
  ratio: { compress: number; decompress: number } | null;
  /** The same ratios from thread CPU times (insensitive to other processes' load). */
  cpuRatio: { compress: number; decompress: number } | null;
  /** Compressed bytes, header included: ours (default 64-bit stream words), ours with 8-bit words, native. */
  size: { js: number; js8: number | null; native: number | null };
  /**
   * "exact": wordBits 8 bytes equal Debian's; "padded": equal up to zero padding to a multiple
   * of 8 bytes; "mismatch": they differ; "n/a": no native side.
   */
  sameBytes: "exact" | "padded" | "mismatch" | "n/a";
  /** Decompressed values identical to native's (SHA-1 of the arrays), or null without native. */
  sameValues: boolean | null;
  /** Peak memory in bytes (null when not measured). */
  memory: {
    js: { compress: JsMemoryFigures; decompress: JsMemoryFigures } | null;
    native: {
      compressTraced: number;
      decompressTraced: number;
      compressRss: number | null;
      decompressRss: number | null;
    } | null;
  };
  /** First error met on this case, if any (the case is then reported without figures). */
  error?: string;
}

/** JS memory figures of one call. */
export interface JsMemoryFigures {
  arrayBuffers: number;
  heap: number;
  gcs: number;
  rss: number | null;
}

/** The machine a run was made on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  v8: string;
  python?: string;
  numpy?: string;
  zfpy?: string;
}

/** One complete run. */
export interface RunResult {
  date: string;
  commit: string;
  /** Uncommitted changes under packages/ when the run was made (the run measured them). */
  dirty: boolean;
  /** Packages with uncommitted changes. */
  dirtyPackages: string[];
  /** 1-minute load average when the run started and ended (other processes skew timings). */
  load: [number, number];
  note: string;
  quick: boolean;
  filter: string | null;
  machine: MachineInfo;
  reps: number;
  rounds: number;
  zfpy: string;
  nativeAvailable: boolean;
  cases: CaseResult[];
  targets: TargetCheck[];
  profiles: ProfileSummary[];
  bitstream: unknown;
}

/** A target of issue 8 and whether this run meets it. */
export interface TargetCheck {
  target: string;
  worst: number | null;
  worstCase: string | null;
  met: boolean | null;
}

/** Describes this machine (CPU model, cores, memory, OS, Node and V8 versions). */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? "unknown",
    cores: list.length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

/**
 * HEAD's commit and the packages whose working tree differs from it (the benchmark measures
 * the working tree); commit "unknown" outside git.
 */
export function gitState(root: string): { commit: string; dirty: boolean; dirtyPackages: string[] } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--", "packages"], {
      cwd: root,
      encoding: "utf8",
    });
    const names = status.split("\n").map((line) => /packages\/([^/]+)\//.exec(line)?.[1]);
    const dirtyPackages = [...new Set(names.filter((name): name is string => name !== undefined))].sort();
    return { commit, dirty: dirtyPackages.length > 0, dirtyPackages };
  } catch {
    return { commit: "unknown", dirty: false, dirtyPackages: [] };
  }
}

/**
 * Compares our streams with Debian's bytes: "exact" when the 8-bit-word stream equals them,
 * "padded" when the default (64-bit-word) stream equals them plus zero bytes up to a multiple
 * of 8, else "mismatch".
 */
export function compareStreams(
  ours8: Uint8Array | null,
  ours: Uint8Array,
  native: Uint8Array,
): CaseResult["sameBytes"] {
  const equal = (a: Uint8Array, b: Uint8Array, length: number) => {
    for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  if (ours8 && ours8.length === native.length && equal(ours8, native, native.length)) return "exact";
  const padded = Math.ceil(native.length / 8) * 8;
  if (ours.length === padded && equal(ours, native, native.length)) {
    for (let i = native.length; i < ours.length; i++) if (ours[i] !== 0) return "mismatch";
    return "padded";
  }
  return "mismatch";
}

/** Which timing a ratio is computed from. */
export type TimeBasis = "wall" | "cpu";

function ratioOf(c: CaseResult, basis: TimeBasis): CaseResult["ratio"] {
  return basis === "wall" ? c.ratio : c.cpuRatio;
}

/**
 * Targets of issue 13: float32 3D compress ours/native >= 1.0 and decompress >= 0.7; float64,
 * int32, int64 >= 0.5 in both; every mode, from wall times or from CPU times (robust to a loaded
 * machine).
 */
export function checkTargets(cases: CaseResult[], basis: TimeBasis = "wall"): TargetCheck[] {
  const float32 = (c: CaseResult) => c.dtype === "float32" && c.dims === 3;
  const groups: { target: string; select: (c: CaseResult) => boolean; op: string | null; floor: number }[] = [
    {
      target: `float32 3D compress: ours/native >= 1.0 (${basis} time)`,
      select: float32,
      op: "compress",
      floor: 1,
    },
    {
      target: `float32 3D decompress: ours/native >= 0.7 (${basis} time)`,
      select: float32,
      op: "decompress",
      floor: 0.7,
    },
    {
      target: `float64, int32, int64: ours/native >= 0.5 (${basis} time)`,
      select: (c) => c.dtype !== "float32",
      op: null,
      floor: 0.5,
    },
  ];
  return groups.map(({ target, select, op: only, floor }) => {
    let worst: number | null = null;
    let worstCase: string | null = null;
    for (const c of cases) {
      const ratio = ratioOf(c, basis);
      if (!select(c) || !ratio) continue;
      for (const [op, value] of Object.entries(ratio)) {
        if (only !== null && op !== only) continue;
        if (worst === null || value < worst) {
          worst = value;
          worstCase = `${c.name} ${op}`;
        }
      }
    }
    return { target, worst, worstCase, met: worst === null ? null : worst >= floor };
  });
}

function fixed(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

function megabytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) ? "–" : (bytes / 1e6).toFixed(1);
}

/** Geometric mean of positive values (null when there are none). */
export function geometricMean(values: number[]): number | null {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return null;
  return Math.exp(positive.reduce((sum, v) => sum + Math.log(v), 0) / positive.length);
}

/** "0.58 (cpu 0.61)": the wall-time ratio, then the CPU-time one. */
function ratioCell(c: CaseResult, operation: "compress" | "decompress"): string {
  const wall = fixed(c.ratio?.[operation], 2);
  return c.cpuRatio ? `${wall} (cpu ${fixed(c.cpuRatio[operation], 2)})` : wall;
}

/** The per-case table in markdown (the reduced form when no case has a native side). */
export function casesTable(cases: CaseResult[]): string {
  const withNative = cases.some((c) => c.native);
  const header = withNative
    ? [
        "case",
        "MB",
        "JS comp MB/s",
        "C comp MB/s",
        "comp ours/C",
        "JS dec MB/s",
        "C dec MB/s",
        "dec ours/C",
        "bytes (JS = C)",
        "same",
        "JS peak MB comp/dec",
        "C peak MB comp/dec",
      ]
    : ["case", "MB", "JS comp MB/s", "JS dec MB/s", "bytes", "JS peak MB comp/dec"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const c of cases) {
    if (c.error) {
      lines.push(`| ${c.name} | ${megabytes(c.bytes)} | error: ${c.error.replaceAll("|", "\\|")} |`);
      continue;
    }
    const jsPeak = c.memory.js
      ? `${megabytes(c.memory.js.compress.arrayBuffers)} / ${megabytes(c.memory.js.decompress.arrayBuffers)}`
      : "–";
    if (!withNative) {
      lines.push(
        `| ${c.name} | ${megabytes(c.bytes)} | ${fixed(c.js.compressMBs)} | ${fixed(c.js.decompressMBs)} | ${c.size.js} | ${jsPeak} |`,
      );
      continue;
    }
    const nativePeak = c.memory.native
      ? `${megabytes(c.memory.native.compressRss)} / ${megabytes(c.memory.native.decompressRss)}`
      : "–";
    const sizes =
      c.size.native === null
        ? `${c.size.js}`
        : c.sameBytes === "exact"
          ? `${c.size.native}`
          : `${c.size.js8 ?? c.size.js} vs ${c.size.native}`;
    const same = `${c.sameBytes}${c.sameValues === false ? ", values differ" : ""}`;
    lines.push(
      `| ${c.name} | ${megabytes(c.bytes)} | ${fixed(c.js.compressMBs)} | ${fixed(c.native?.compressMBs)} | ${ratioCell(c, "compress")} | ${fixed(c.js.decompressMBs)} | ${fixed(c.native?.decompressMBs)} | ${ratioCell(c, "decompress")} | ${sizes} | ${same} | ${jsPeak} | ${nativePeak} |`,
    );
  }
  return lines.join("\n");
}

/** Geometric-mean ratios per dtype (compress, decompress; wall and CPU), over cases with a native side. */
export function ratioSummary(cases: CaseResult[]): string {
  const rows = [
    "| dtype | cases | comp ours/C (geo mean) | dec ours/C (geo mean) | worst | comp, dec ours/C from CPU time |",
    "|---|---|---|---|---|---|",
  ];
  for (const dtype of ["float32", "float64", "int32", "int64"]) {
    const mine = cases.filter((c) => c.dtype === dtype && c.ratio);
    if (mine.length === 0) continue;
    const comp = geometricMean(mine.map((c) => c.ratio!.compress));
    const dec = geometricMean(mine.map((c) => c.ratio!.decompress));
    const withCpu = mine.filter((c) => c.cpuRatio);
    const cpuComp = geometricMean(withCpu.map((c) => c.cpuRatio!.compress));
    const cpuDec = geometricMean(withCpu.map((c) => c.cpuRatio!.decompress));
    let worst = "";
    let worstValue = Number.POSITIVE_INFINITY;
    for (const c of mine) {
      for (const [op, value] of Object.entries(c.ratio!)) {
        if (value < worstValue) {
          worstValue = value;
          worst = `${fixed(value, 2)} (${c.name} ${op})`;
        }
      }
    }
    rows.push(
      `| ${dtype} | ${mine.length} | ${fixed(comp, 2)} | ${fixed(dec, 2)} | ${worst} | ${fixed(cpuComp, 2)}, ${fixed(cpuDec, 2)} |`,
    );
  }
  return rows.length > 2 ? rows.join("\n") : "";
}

/**
 * The allocation targets of issue 8 as far as the measurements show them: decompress should
 * allocate only its output array, compress at most its output (stream) buffer plus O(1), and
 * neither should allocate per block (which shows as garbage collections during one call).
 */
export function memorySummary(cases: CaseResult[]): string {
  const measured = cases.filter((c) => c.memory.js);
  if (measured.length === 0) return "";
  const worst = (value: (c: CaseResult) => number) =>
    measured.reduce((best, c) => (value(c) > value(best) ? c : best), measured[0]!);
  const decExtra = (c: CaseResult) => c.memory.js!.decompress.arrayBuffers - c.bytes;
  const compExtra = (c: CaseResult) => c.memory.js!.compress.arrayBuffers - c.size.js;
  const compGcs = (c: CaseResult) => c.memory.js!.compress.gcs;
  const decGcs = (c: CaseResult) => c.memory.js!.decompress.gcs;
  const d = worst(decExtra);
  const e = worst(compExtra);
  const g = worst(compGcs);
  const h = worst(decGcs);
  return [
    "| JS allocation (one call, after a full GC) | worst | case |",
    "|---|---|---|",
    `| decompress: ArrayBuffer bytes beyond the output array | ${megabytes(decExtra(d))} MB | ${d.name} |`,
    `| compress: ArrayBuffer bytes beyond the returned stream | ${megabytes(compExtra(e))} MB | ${e.name} |`,
    `| compress: garbage collections during the call | ${compGcs(g)} | ${g.name} |`,
    `| decompress: garbage collections during the call | ${decGcs(h)} | ${h.name} |`,
  ].join("\n");
}

/** A profile summary as a markdown table. */
export function profileTable(summary: ProfileSummary): string {
  const rows = [
    `**${summary.label}** (${summary.totalMs.toFixed(0)} ms sampled)`,
    "",
    "| self ms | share | function | where |",
    "|---|---|---|---|",
  ];
  for (const entry of summary.top) {
    rows.push(
      `| ${entry.selfMs.toFixed(1)} | ${(entry.share * 100).toFixed(1)}% | ${entry.name} | ${entry.location} |`,
    );
  }
  const files = summary.byFile.slice(0, 6).map((f) => `${f.file} ${(f.share * 100).toFixed(0)}%`);
  if (files.length > 0) rows.push("", `By file: ${files.join(", ")}.`);
  return rows.join("\n");
}

/** A generic table of the bit stream micro-benchmark's rows (whatever columns it reports). */
export function genericTable(value: unknown): string {
  const rows = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : null;
  if (!rows || rows.length === 0 || typeof rows[0] !== "object") {
    return typeof value === "string" ? value : `\`\`\`\n${JSON.stringify(value, null, 2)}\n\`\`\``;
  }
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
  const cell = (v: unknown) => {
    if (typeof v !== "number") return String(v ?? "");
    if (Math.abs(v) >= 1e9) return `${(v / 1e9).toFixed(2)} G`;
    if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)} M`;
    return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  };
  return [
    `| ${keys.join(" | ")} |`,
    `|${keys.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${keys.map((k) => cell((row as Record<string, unknown>)[k])).join(" | ")} |`),
  ].join("\n");
}

/** The whole run as a markdown document. */
export function markdown(run: RunResult): string {
  const m = run.machine;
  const parts = [
    "# zfpjs benchmark",
    "",
    `- date: ${run.date}; commit ${run.commit}${run.dirty ? ` plus uncommitted changes in ${run.dirtyPackages.join(", ")}` : ""}`,
    `- machine: ${m.cpu} (${m.cores} cores), ${m.memoryGB} GB, ${m.os}; Node ${m.node} (V8 ${m.v8}); load average ${run.load[0].toFixed(2)} at start, ${run.load[1].toFixed(2)} at end`,
    run.nativeAvailable
      ? `- native: Debian's zfpy (${m.zfpy ?? "?"}, zfp 1.0), Python ${m.python ?? "?"}, numpy ${m.numpy ?? "?"}; serial C, 8-bit stream words`
      : "- native: Debian's zfpy is not installed here, so this is the reduced table (JS only)",
    `- zfpjs: ${run.zfpy}; single thread; best of ${run.rounds} rounds x ${run.reps} calls per side, interleaved`,
    `- run: ${run.quick ? "quick (small arrays)" : "full"}${run.filter ? `, cases matching /${run.filter}/` : ""}${run.note ? `; note: ${run.note}` : ""}`,
    "",
    "MB/s = 10^6 bytes of uncompressed data per second. ours/C > 1 means zfpjs is faster.",
    "bytes: compressed size with header. same: `exact` = zfpjs with wordBits 8 gives Debian's bytes;",
    "`padded` = equal up to zero padding to a multiple of 8 bytes (zfpjs's default 64-bit words).",
    "Ratios read `wall (cpu x)`: from wall time, then from the calling thread's CPU time (trust the",
    "latter when the load average is high). Peak MB: JS = growth of ArrayBuffer memory during the",
    "call (output and temporaries); C = growth of the Python process's peak RSS during the call.",
    "",
  ];
  if (run.targets.some((t) => t.met !== null)) {
    parts.push(
      "## Targets (issue 8)",
      "",
      "| target | worst ratio | worst case | met |",
      "|---|---|---|---|",
    );
    for (const t of run.targets) {
      parts.push(
        `| ${t.target} | ${fixed(t.worst, 2)} | ${t.worstCase ?? "–"} | ${t.met === null ? "–" : t.met ? "yes" : "no"} |`,
      );
    }
    parts.push("");
  }
  const summary = ratioSummary(run.cases);
  if (summary) parts.push("## Ratios by type", "", summary, "");
  const memory = memorySummary(run.cases);
  if (memory) parts.push("## Memory", "", memory, "");
  parts.push("## Cases", "", casesTable(run.cases), "");
  if (run.profiles.length > 0) {
    parts.push("## Where the time goes (CPU profile, self time)", "");
    for (const p of run.profiles) parts.push(profileTable(p), "");
  }
  if (run.bitstream !== undefined && run.bitstream !== null) {
    parts.push("## Bit stream micro-benchmark", "", genericTable(run.bitstream), "");
  }
  return parts.join("\n");
}

/**
 * Appends a compact line to history.jsonl and, for complete runs (not quick, no filter), writes
 * latest.json and latest.md.
 */
export function writeResults(directory: string, run: RunResult): string[] {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  // latest.* always describe a complete run; partial runs only add a history line.
  if (!run.quick && !run.filter) {
    const latestJson = join(directory, "latest.json");
    const latestMd = join(directory, "latest.md");
    writeFileSync(latestJson, `${JSON.stringify(run, null, 2)}\n`);
    writeFileSync(latestMd, markdown(run));
    written.push(latestJson, latestMd);
  }
  const history = join(directory, "history.jsonl");
  const compact = {
    date: run.date,
    commit: run.commit,
    dirty: run.dirty,
    dirtyPackages: run.dirtyPackages,
    load: run.load,
    note: run.note,
    quick: run.quick,
    filter: run.filter,
    machine: run.machine,
    reps: run.reps,
    rounds: run.rounds,
    targets: run.targets,
    cases: run.cases.map((c) => ({
      name: c.name,
      js: [round(c.js.compressMBs), round(c.js.decompressMBs)],
      native: c.native ? [round(c.native.compressMBs), round(c.native.decompressMBs)] : null,
      ratio: c.ratio ? [round(c.ratio.compress, 3), round(c.ratio.decompress, 3)] : null,
      cpuRatio: c.cpuRatio ? [round(c.cpuRatio.compress, 3), round(c.cpuRatio.decompress, 3)] : null,
      size: c.size.native ?? c.size.js8 ?? c.size.js,
      same: c.sameBytes,
      ...(c.error ? { error: c.error } : {}),
    })),
    profile: run.profiles.map((p) => ({
      label: p.label,
      top: p.top.slice(0, 5).map((e) => [e.name, round(e.share, 3)]),
    })),
  };
  appendFileSync(history, `${JSON.stringify(compact)}\n`);
  written.push(history);
  return written;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
