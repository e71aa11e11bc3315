// How zfpy reads tolerance, rate and precision: negative = unset, -0 set, NaN unset, precision
// truncated to a C int, tolerance 0 and infinity, precedence in _decompress. Bytes from zfpy.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleResponse,
  pyNumber,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { okAnswer } from "@zfpjs/tooling/testing";
import ndarray from "ndarray";
import { beforeAll, expect, it } from "vitest";
import { _decompress, compress_numpy, type ModeOptions, type_double } from "../src/index.js";
import { bytesOf, compareBytes, fill } from "./arrays.js";

const CASES: { name: string; dtype: "float64" | "int32"; options: ModeOptions }[] = [
  { name: "precision -0.5 (truncated to 0: set, expert)", dtype: "float64", options: { precision: -0.5 } },
  { name: "precision 3.7 (truncated to 3)", dtype: "float64", options: { precision: 3.7 } },
  { name: "precision -2^31 (unset)", dtype: "float64", options: { precision: -(2 ** 31) } },
  { name: "tolerance -0 alone (set: expert defaults)", dtype: "float64", options: { tolerance: -0 } },
  {
    name: "tolerance infinity (minexp -1)",
    dtype: "float64",
    options: { tolerance: Number.POSITIVE_INFINITY },
  },
  { name: "tolerance 1e300 (long mode)", dtype: "float64", options: { tolerance: 1e300 } },
  { name: "tolerance 1e-320 (subnormal)", dtype: "float64", options: { tolerance: 1e-320 } },
  {
    name: "rate NaN (unset) with precision 5",
    dtype: "float64",
    options: { rate: Number.NaN, precision: 5 },
  },
  {
    name: "all three negative (reversible)",
    dtype: "float64",
    options: { tolerance: -1, rate: -2, precision: -3 },
  },
  { name: "int32 at rate -0 (0 bits per block)", dtype: "int32", options: { rate: -0 } },
  { name: "int32 at rate 0.1", dtype: "int32", options: { rate: 0.1 } },
  { name: "int32 at rate 600 (long mode)", dtype: "int32", options: { rate: 600 } },
];

const SHAPE = [6, 7];
const data = { float64: fill("float64", SHAPE, 1), int32: fill("int32", SHAPE, 1) };
let answers: OracleResponse[] = [];

function py(options: ModeOptions): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options)
      .filter(([, v]) => typeof v === "number")
      .map(([k, v]) => [k, pyNumber(v as number)]),
  );
}

describeWithOracle("given zfpy's parameter conversions", () => {
  beforeAll(() => {
    answers = askZfpy([
      ...CASES.map((c) => ({
        op: "compress" as const,
        dtype: c.dtype,
        shape: SHAPE,
        data: toBase64(data[c.dtype]),
        ...py(c.options),
      })),
      // _decompress does not check "only one": tolerance wins over rate and precision.
      {
        op: "_decompress",
        bytes: toBase64(
          compress_numpy(ndarray(data.float64, SHAPE), { tolerance: 1e-2, write_header: false }),
        ),
        ztype: type_double,
        shape: SHAPE,
        tolerance: pyNumber(1e-2),
        rate: pyNumber(4),
        precision: pyNumber(9),
      },
    ]);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))("when %s, expect zfpy's bytes", (_, c, i) => {
    const answer = okAnswer(answers[i]);
    const ours = compress_numpy(ndarray(data[c.dtype], SHAPE), { ...c.options, wordBits: 8 });
    expect(compareBytes(ours, fromBase64(answer.bytes!))).toBe("equal");
  });

  it("when _decompress gets tolerance, rate and precision at once, expect tolerance used, as zfpy", () => {
    const answer = okAnswer(answers[CASES.length]);
    const bytes = compress_numpy(ndarray(data.float64, SHAPE), { tolerance: 1e-2, write_header: false });
    const values = _decompress(bytes, type_double, SHAPE, { tolerance: 1e-2, rate: 4, precision: 9 });
    expect(compareBytes(bytesOf(values.data), fromBase64(answer.data!))).toBe("equal");
  });
});
