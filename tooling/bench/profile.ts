// Where the time goes: samples a workload with V8's CPU profiler (through node:inspector, in
// this process) and sums self time per function.
import { Session } from "node:inspector/promises";
import { findSourceMap } from "node:module";
import { basename } from "node:path";

/** Self time of one function in a profile. */
export interface HotFunction {
  /** Function name ("(anonymous)" when V8 has none). */
  name: string;
  /** file:line of the function (line of the code V8 ran, 1-based). */
  location: string;
  /** Milliseconds sampled inside the function itself. */
  selfMs: number;
  /** Share of the profile's total sampled time, 0..1. */
  share: number;
}

/** A summarised profile. */
export interface ProfileSummary {
  /** What was profiled, e.g. "compress float32/3d/rate8/smooth x 10". */
  label: string;
  totalMs: number;
  top: HotFunction[];
  /** Self time per source file (e.g. "codec/src/bit-plane.ts"), largest first. */
  byFile: { file: string; selfMs: number; share: number }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Runs `workload` under the CPU profiler; returns the raw profile and its top functions. */
export async function profile(
  label: string,
  workload: () => void,
  topCount = 15,
): Promise<{ summary: ProfileSummary; raw: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    workload();
    const { profile: raw } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
    await session.post("Profiler.disable");
    return { raw, summary: summarise(label, raw, topCount) };
  } finally {
    session.disconnect();
  }
}

/** Sums self time per function (name + location) from the samples and their time deltas. */
export function summarise(label: string, raw: CpuProfile, topCount: number): ProfileSummary {
  const byNode = new Map<number, ProfileNode>();
  for (const node of raw.nodes) byNode.set(node.id, node);
  const selfMicros = new Map<number, number>();
  const samples = raw.samples ?? [];
  const deltas = raw.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute each interval to the sample ending it.
  for (let i = 0; i < samples.length; i++) {
    selfMicros.set(samples[i]!, (selfMicros.get(samples[i]!) ?? 0) + Math.max(0, deltas[i] ?? 0));
  }
  const byFunction = new Map<string, HotFunction>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byNode.get(id)!.callFrame;
    const name = frame.functionName || (frame.url ? "(anonymous)" : "(native/idle)");
    const location = frame.url ? `${shortPath(frame.url)}:${sourceLine(frame)}` : "";
    const key = `${name}@${location}`;
    const entry = byFunction.get(key) ?? { name, location, selfMs: 0, share: 0 };
    entry.selfMs += micros / 1000;
    byFunction.set(key, entry);
    total += micros / 1000;
  }
  const top = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topCount);
  for (const entry of top) entry.share = total > 0 ? entry.selfMs / total : 0;
  const files = new Map<string, number>();
  for (const entry of byFunction.values()) {
    const file = entry.location ? entry.location.slice(0, entry.location.lastIndexOf(":")) : entry.name;
    files.set(file, (files.get(file) ?? 0) + entry.selfMs);
  }
  const byFile = [...files]
    .map(([file, selfMs]) => ({ file, selfMs, share: total > 0 ? selfMs / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topCount);
  return { label, totalMs: total, top, byFile };
}

/** 1-based line of a frame in its TypeScript source (through tsx's source map when there is one). */
function sourceLine(frame: ProfileNode["callFrame"]): number {
  try {
    const map = findSourceMap(frame.url);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as
      | { originalLine?: number }
      | undefined;
    if (entry && typeof entry.originalLine === "number") return entry.originalLine + 1;
  } catch {
    // No source map: fall back to the line V8 ran.
  }
  return frame.lineNumber + 1;
}

/** A frame's file as "codec/src/encode.ts" (inside packages/ or tooling/), else its base name. */
function shortPath(url: string): string {
  const match = /\/(?:packages|tooling)\/(.+)$/.exec(url);
  return match ? match[1]! : basename(url);
}
