// Prints results/history.jsonl as one row per recorded run, so optimisations can be compared:
// geometric-mean ours/native ratios (float32 3D, and all cases), worst cases, note.
// Run: pnpm history (in tooling/bench), or `pnpm history --last 5`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geometricMean } from "./report.js";

/** One case as the history stores it. */
export interface HistoryCase {
  name: string;
  ratio: [number, number] | null;
  cpuRatio?: [number, number] | null;
}

/** One line of history.jsonl (the fields this summary reads). */
export interface HistoryEntry {
  date: string;
  commit: string;
  dirty?: boolean;
  note: string;
  quick: boolean;
  filter: string | null;
  load?: [number, number];
  cases: HistoryCase[];
}

function geo(cases: HistoryCase[], pick: (c: HistoryCase) => [number, number] | null | undefined): string {
  const pairs = cases.map(pick).filter((p): p is [number, number] => Boolean(p));
  if (pairs.length === 0) return "–";
  const comp = geometricMean(pairs.map((p) => p[0]));
  const dec = geometricMean(pairs.map((p) => p[1]));
  return `${comp?.toFixed(2) ?? "–"} / ${dec?.toFixed(2) ?? "–"}`;
}

function worst(cases: HistoryCase[]): string {
  let value = Number.POSITIVE_INFINITY;
  let name = "";
  for (const c of cases) {
    if (!c.ratio) continue;
    const low = Math.min(...c.ratio);
    if (low < value) {
      value = low;
      name = c.name;
    }
  }
  return name ? `${value.toFixed(2)} ${name}` : "–";
}

/** The history as a markdown table, oldest first. */
export function historyTable(entries: HistoryEntry[]): string {
  const rows = [
    "| date | commit | run | load | float32 3D comp/dec (wall) | (cpu) | all comp/dec (wall) | (cpu) | worst (wall) | note |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const e of entries) {
    const f32 = e.cases.filter((c) => c.name.startsWith("float32/3d/"));
    const run = e.quick ? "quick" : e.filter ? `/${e.filter.replaceAll("|", "\\|")}/` : "full";
    const load = e.load ? e.load.map((l) => l.toFixed(1)).join("–") : "–";
    rows.push(
      `| ${e.date.slice(0, 16).replace("T", " ")} | ${e.commit}${e.dirty ? "+" : ""} | ${run} | ${load} | ${geo(f32, (c) => c.ratio)} | ${geo(f32, (c) => c.cpuRatio)} | ${geo(e.cases, (c) => c.ratio)} | ${geo(e.cases, (c) => c.cpuRatio)} | ${worst(e.cases)} | ${e.note.replaceAll("|", "\\|")} |`,
    );
  }
  return rows.join("\n");
}

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, "results", "history.jsonl");
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(file)) {
    console.log(`${file} does not exist yet: run \`pnpm bench\` first`);
  } else {
    const lastIndex = process.argv.indexOf("--last");
    const entries = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as HistoryEntry);
    const shown = lastIndex > 0 ? entries.slice(-Number(process.argv[lastIndex + 1] ?? 10)) : entries;
    console.log(historyTable(shown));
    console.log(
      "\nratios are ours/native (geometric means); + after a commit: uncommitted changes were measured",
    );
  }
}
