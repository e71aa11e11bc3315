import { describeWithOracle, runZfp, type ZfpRun } from "@zfpjs/tooling/oracle";
import { beforeAll, expect, it } from "vitest";
import { type CliRun, runCli } from "./run-cli.js";

// Argument lists that zfp refuses before it touches the codec; each runs through both commands.
const RAW = new Uint8Array(64);
const CASES: { name: string; args: string[]; usage?: boolean }[] = [
  { name: "no arguments", args: [], usage: true },
  { name: "a long option", args: ["-fx"], usage: true },
  { name: "a positional argument", args: ["-f", "file"], usage: true },
  { name: "an unknown option", args: ["-y"], usage: true },
  { name: "a lone dash", args: ["-"], usage: true },
  { name: "a missing value", args: ["-f", "-1"], usage: true },
  { name: "a size without digits", args: ["-f", "-1", "abc", "-i", "in"], usage: true },
  { name: "an unknown type", args: ["-t", "f16", "-1", "4", "-i", "in"], usage: true },
  { name: "a bad rate", args: ["-f", "-1", "4", "-r", "x", "-i", "in"], usage: true },
  { name: "a hex rate prefix without digits", args: ["-f", "-1", "4", "-r", "0x", "-i", "in"], usage: true },
  { name: "a short -c", args: ["-f", "-1", "4", "-c", "1", "2", "3"], usage: true },
  { name: "a bad policy", args: ["-f", "-1", "4", "-x", "threads"], usage: true },
  { name: "a zero size", args: ["-f", "-1", "0", "-r", "8", "-i", "in"] },
  { name: "a size read as zero", args: ["-f", "-2", "4", "0x4", "-r", "8", "-i", "in"] },
  {
    name: "sizes whose product wraps to zero",
    args: ["-f", "-2", "4294967296", "4294967296", "-r", "8", "-i", "in"],
  },
  { name: "no input", args: ["-f", "-1", "4", "-r", "8"] },
  { name: "no type to compress", args: ["-1", "4", "-r", "8", "-i", "in"] },
  { name: "no type to decompress", args: ["-1", "4", "-r", "8", "-z", "in"] },
  { name: "no dims to compress", args: ["-f", "-r", "8", "-i", "in"] },
  { name: "no dims to decompress", args: ["-f", "-r", "8", "-z", "in"] },
  { name: "no mode to compress", args: ["-f", "-1", "4", "-i", "in"] },
  { name: "no mode to decompress", args: ["-f", "-1", "4", "-z", "in"] },
  { name: "stats without input", args: ["-f", "-1", "4", "-r", "8", "-z", "in", "-s"] },
  { name: "type and header", args: ["-f", "-h", "-z", "in"] },
  { name: "dims and header", args: ["-1", "4", "-h", "-z", "in"] },
  { name: "a missing input file", args: ["-f", "-1", "4", "-r", "8", "-i", "missing.raw"] },
  { name: "a missing compressed file", args: ["-f", "-1", "4", "-r", "8", "-z", "missing.zfp"] },
  { name: "a short input file", args: ["-d", "-1", "9", "-r", "8", "-i", "in"] },
  { name: "an input that is a directory", args: ["-d", "-1", "2", "-r", "8", "-i", "."] },
  { name: "an empty type check order", args: ["-1", "0", "-i", "in"] },
  { name: "stats and header order", args: ["-s", "-h", "-z", "in"] },
];

describeWithOracle(
  "given argument lists that zfp rejects before compressing",
  () => {
    let expected: ZfpRun[] = [];
    let actual: CliRun[] = [];
    beforeAll(async () => {
      expected = CASES.map((c) => runZfp(c.args, { in: RAW }));
      actual = await Promise.all(CASES.map((c) => runCli(c.args, { in: RAW })));
    });

    it.each(CASES.map((c, i) => ({ ...c, i })))(
      "when given $name, expect zfp's status and message",
      ({ i, usage }) => {
        const ours = actual[i]!;
        const theirs = expected[i]!;
        expect(ours.status).toBe(theirs.status);
        expect(ours.stdout.length).toBe(0);
        if (usage) {
          expect(theirs.stderr).toMatch(/^zfp version/);
          expect(ours.stderr).toMatch(/Usage \(zfp-compatible\): zfpjs <options>/);
        } else {
          expect(ours.stderr).toBe(theirs.stderr);
        }
        // no output file appears on failure
        expect(Object.keys(ours.files).sort()).toEqual(Object.keys(theirs.files).sort());
      },
    );
  },
  { zfp: true },
);
