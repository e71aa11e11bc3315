import { describeWithOracle, runZfp, type ZfpRun } from "@zfpjs/tooling/oracle";
import { beforeAll, expect, it } from "vitest";
import { bytesDiff, rawValues } from "./inputs.js";
import { type CliRun, runCli } from "./run-cli.js";

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
const f64 = (values: number[]) => new Uint8Array(Float64Array.from(values).buffer);
const i32 = (values: number[]) => new Uint8Array(Int32Array.from(values).buffer);

interface Special {
  name: string;
  args: string[];
  files?: Record<string, Uint8Array>;
  stdin?: Uint8Array;
  /** Lines zfpjs adds before zfp's stderr (a note or a warning), as patterns. */
  extra?: RegExp[];
}

const smooth = rawValues("f32", 64);
const SPECIALS: Special[] = [
  {
    name: "raw input on stdin, stream on stdout",
    args: ["-f", "-1", "64", "-r", "8", "-i", "-", "-z", "-"],
    stdin: smooth,
  },
  {
    name: "stream on stdin with a header, raw on stdout",
    args: ["-h", "-z", "-", "-o", "-"],
    stdin: new Uint8Array(),
  },
  {
    name: "both outputs on stdout",
    args: ["-f", "-1", "64", "-r", "8", "-i", "-", "-z", "-", "-o", "-"],
    stdin: smooth,
  },
  { name: "quiet", args: ["-f", "-1", "64", "-p", "12", "-i", "in", "-z", "out", "-q"] },
  { name: "a constant input's statistics", args: ["-f", "-1", "8", "-r", "8", "-i", "const", "-s"] },
  { name: "a lossless result's statistics", args: ["-d", "-1", "8", "-R", "-i", "ramp", "-s"] },
  {
    name: "NaN and infinity kept by the reversible mode",
    args: ["-f", "-1", "8", "-R", "-i", "nan", "-s", "-z", "out"],
  },
  {
    name: "NaN and infinity in a lossy mode",
    args: ["-f", "-1", "8", "-p", "10", "-i", "nan", "-s", "-z", "out"],
    extra: [/^zfpjs: warning: value 2 is NaN/],
  },
  { name: "all infinite input", args: ["-d", "-1", "4", "-R", "-i", "inf", "-s"] },
  {
    name: "int32 differences that wrap",
    args: ["-t", "i32", "-1", "8", "-p", "2", "-i", "wide", "-s", "-o", "out"],
  },
  { name: "int64 statistics", args: ["-t", "i64", "-2", "4", "4", "-p", "6", "-i", "in", "-s"] },
  {
    name: "an execution policy",
    args: ["-f", "-1", "64", "-r", "8", "-i", "in", "-z", "out", "-x", "omp=4,8"],
    extra: [/^zfpjs: -x omp=4,8: .*serially/],
  },
  {
    name: "-c with maxbits below maxbits",
    args: ["-f", "-1", "64", "-c", "20", "10", "0", "-1074", "-i", "in"],
  },
  { name: "-c with maxprec 65", args: ["-f", "-1", "64", "-c", "1", "100", "65", "-1074", "-i", "in"] },
  {
    name: "-c with a large minbits",
    args: [
      "-d",
      "-2",
      "4",
      "4",
      "-c",
      "300",
      "400",
      "0",
      "-1074",
      "-i",
      "in",
      "-h",
      "-z",
      "out",
      "-o",
      "back",
    ],
  },
  { name: "-r inf", args: ["-f", "-1", "64", "-r", "inf", "-i", "in", "-z", "out"] },
  { name: "-r nan", args: ["-d", "-1", "8", "-r", "nan", "-i", "in", "-z", "out"] },
  { name: "-r 0x1p3", args: ["-f", "-1", "64", "-r", "0x1p3", "-i", "in", "-z", "out", "-h"] },
  { name: "-p 4294967297", args: ["-f", "-1", "64", "-p", "4294967297", "-i", "in", "-z", "out", "-h"] },
  { name: "-a inf", args: ["-f", "-1", "64", "-a", "inf", "-i", "in", "-z", "out", "-h"] },
  { name: "-a 1e300", args: ["-d", "-1", "8", "-a", "1e300", "-i", "in", "-z", "out", "-h"] },
  { name: "integer rate 0 without a header", args: ["-t", "i32", "-1", "4", "-r", "0", "-i", "in"] },
  {
    name: "integer rate 0 with a header",
    args: ["-t", "i32", "-1", "4", "-r", "0", "-i", "in", "-h", "-z", "out", "-o", "back"],
  },
  {
    name: "integer rate 0 when decompressing",
    args: ["-t", "i32", "-1", "4", "-r", "0", "-z", "in", "-o", "out"],
  },
  {
    name: "a 3D size too large for a header",
    args: ["-f", "-3", "65537", "1", "1", "-r", "8", "-i", "big", "-h"],
  },
  { name: "sizes too large to allocate", args: ["-f", "-1", "-4294967295", "-r", "8", "-i", "in"] },
  { name: "a missing output directory", args: ["-f", "-1", "64", "-r", "8", "-i", "in", "-o", "nodir/out"] },
  {
    name: "a missing compressed output directory",
    args: ["-f", "-1", "64", "-r", "8", "-i", "in", "-z", "nodir/out"],
  },
  { name: "a header that is not one", args: ["-h", "-z", "in", "-o", "out"] },
  { name: "a mode given with -h is ignored", args: ["-h", "-p", "3", "-z", "hdr", "-o", "out"] },
  {
    name: "repeated options: the last wins",
    args: ["-d", "-f", "-2", "8", "8", "-1", "64", "-p", "3", "-r", "8", "-i", "in", "-z", "out"],
  },
];

const FILES: Record<string, Uint8Array> = {
  in: smooth,
  const: f32([3, 3, 3, 3, 3, 3, 3, 3]),
  ramp: f64([0, 1, 2, 3, 4, 5, 6, 7]),
  nan: f32([1, 2, Number.NaN, 4, Number.POSITIVE_INFINITY, -Number.NaN, 7, Number.NEGATIVE_INFINITY]),
  inf: f64([
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
  ]),
  wide: i32([2147483647, -2147483648, 2147483000, -2147483000, 5, -7, 1 << 30, -(1 << 30)]),
  big: new Uint8Array(65537 * 4),
};

describeWithOracle(
  "given zfp's special cases",
  () => {
    let zfp: ZfpRun[] = [];
    let ours: CliRun[] = [];
    beforeAll(async () => {
      const headered = runZfp(["-f", "-1", "64", "-p", "12", "-h", "-i", "in", "-z", "out"], FILES).files
        .out!;
      const files = { ...FILES, hdr: headered };
      SPECIALS[1]!.stdin = headered;
      zfp = SPECIALS.map((s) => runZfp(s.args, files, s.stdin));
      ours = await Promise.all(SPECIALS.map((s) => runCli([...s.args, "-W", "8"], files, s.stdin, {}, 16)));
    });

    it.each(SPECIALS.map((s, i) => ({ ...s, i })))(
      "when given $name, expect zfp's files, stdout, stderr and status",
      ({ i, extra }) => {
        const theirs = zfp[i]!;
        const mine = ours[i]!;
        expect(mine.status).toBe(theirs.status);
        let stderr = mine.stderr;
        for (const pattern of extra ?? []) {
          const [first, ...rest] = stderr.split("\n");
          expect(first).toMatch(pattern);
          stderr = rest.join("\n");
        }
        expect(stderr).toBe(theirs.stderr);
        expect(bytesDiff(mine.stdout, theirs.stdout)).toBe("");
        expect(Object.keys(mine.files).sort()).toEqual(Object.keys(theirs.files).sort());
        for (const [name, bytes] of Object.entries(theirs.files))
          expect(bytesDiff(mine.files[name], bytes), name).toBe("");
      },
    );
  },
  { zfp: true },
);
