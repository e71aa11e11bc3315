import { describeWithOracle, runZfp, type ZfpRun } from "@zfpjs/tooling/oracle";
import { beforeAll, describe, expect, it } from "vitest";
import { bytesDiff, padTo8, type RawType, rawValues } from "./inputs.js";
import { type CliRun, runCli } from "./run-cli.js";

// zfp and zfpjs on the same raw inputs and flags: every type, 1 to 4 dimensions, every mode,
// with and without a header, with statistics; compressed files, decoded files, stderr, status.
const TYPES: RawType[] = ["i32", "i64", "f32", "f64"];
const SHAPES: string[][] = [
  ["-1", "37"],
  ["-2", "9", "7"],
  ["-3", "5", "6", "7"],
  ["-4", "5", "4", "3", "6"],
];
const MODES: string[][] = [
  ["-r", "8"],
  ["-r", "2.3"],
  ["-r", "1"],
  ["-p", "9"],
  ["-p", "64"],
  ["-a", "0.01"],
  ["-a", "0"],
  ["-R"],
  ["-c", "10", "200", "0", "-20"],
  ["-c", "0", "0", "0", "-1074"],
];
const count = (shape: string[]) => shape.slice(1).reduce((product, size) => product * Number(size), 1);

interface Case {
  name: string;
  args: string[];
  type: RawType;
}
const CASES: Case[] = [];
for (const type of TYPES) {
  for (const shape of SHAPES) {
    for (const mode of MODES) {
      for (const header of [false, true]) {
        const args = ["-t", type, ...shape, ...mode, ...(header ? ["-h"] : [])];
        CASES.push({ name: args.join(" "), args, type });
      }
    }
  }
}
const inputs = Object.fromEntries(
  TYPES.flatMap((type) => SHAPES.map((shape) => [`${type}${shape[0]}`, rawValues(type, count(shape))])),
);
const inputOf = (c: Case) => inputs[`${c.type}${c.args[2]}`]!;

describeWithOracle(
  "given zfp's command and zfpjs on the same inputs and flags",
  () => {
    const zfp: ZfpRun[] = [];
    const ours: CliRun[] = [];
    const ours64: CliRun[] = [];
    beforeAll(async () => {
      for (const c of CASES) {
        const files = { "in.raw": inputOf(c) };
        const io = ["-i", "in.raw", "-z", "out.zfp", "-o", "out.raw", "-s"];
        zfp.push(runZfp([...c.args, ...io], files));
        // small slabs: many progress steps must still give the bytes of one pass
        ours.push(await runCli([...c.args, ...io, "-W", "8"], files, undefined, {}, 20));
        ours64.push(await runCli([...c.args, "-i", "in.raw", "-z", "out.zfp", "-q"], files));
      }
    });

    describe.each(CASES.map((c, i) => ({ ...c, i })))("$name", ({ i }) => {
      it("when compressing with 8-bit words, expect zfp's compressed file, decoded file, summary and status", () => {
        expect(ours[i]!.status).toBe(zfp[i]!.status);
        expect(ours[i]!.stderr).toBe(zfp[i]!.stderr);
        expect(bytesDiff(ours[i]!.files["out.zfp"], zfp[i]!.files["out.zfp"])).toBe("");
        expect(bytesDiff(ours[i]!.files["out.raw"], zfp[i]!.files["out.raw"])).toBe("");
      });
      it("when compressing with the default 64-bit words, expect zfp's bytes zero-padded to 8 bytes", () => {
        expect(ours64[i]!.status).toBe(0);
        expect(ours64[i]!.stderr).toBe("");
        expect(bytesDiff(ours64[i]!.files["out.zfp"], padTo8(zfp[i]!.files["out.zfp"]!))).toBe("");
      });
    });
  },
  { zfp: true },
);

describeWithOracle(
  "given files compressed by zfp",
  () => {
    const picked = CASES.filter((_, i) => i % 3 === 0);
    const zfp: ZfpRun[] = [];
    const ours: CliRun[] = [];
    beforeAll(async () => {
      for (const c of picked) {
        const compressed = runZfp([...c.args, "-i", "in.raw", "-z", "out.zfp", "-q"], {
          "in.raw": inputOf(c),
        }).files["out.zfp"]!;
        // with a header zfp wants neither type nor sizes; without one it needs all of them
        const args = c.args.includes("-h") ? ["-h"] : c.args;
        zfp.push(runZfp([...args, "-z", "in.zfp", "-o", "out.raw"], { "in.zfp": compressed }));
        // small slabs: the stream is decoded and written in many pieces
        ours.push(
          await runCli(
            [...args, "-z", "in.zfp", "-o", "out.raw"],
            { "in.zfp": compressed },
            undefined,
            {},
            12,
          ),
        );
      }
    });
    it.each(picked.map((c, i) => ({ ...c, i })))(
      "when zfpjs decompresses $name, expect zfp's output and summary",
      ({ i }) => {
        expect(ours[i]!.status).toBe(zfp[i]!.status);
        expect(ours[i]!.stderr).toBe(zfp[i]!.stderr);
        expect(bytesDiff(ours[i]!.files["out.raw"], zfp[i]!.files["out.raw"])).toBe("");
      },
    );
  },
  { zfp: true },
);
