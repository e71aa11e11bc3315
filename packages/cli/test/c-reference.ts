// Test helper: asks glibc itself (printf and sscanf through Python's ctypes) for reference answers.
import { spawnSync } from "node:child_process";
import { PYTHON } from "@zfpjs/tooling/oracle";

const SCRIPT = `
import ctypes, json, struct, sys
libc = ctypes.CDLL("libc.so.6")
out = []
for req in json.load(sys.stdin):
    if req["op"] == "printf":
        bits = int(req["bits"], 16)
        value = struct.unpack("<d", struct.pack("<Q", bits))[0]
        buf = ctypes.create_string_buffer(512)
        libc.snprintf(buf, 512, req["format"].encode(), ctypes.c_double(value))
        out.append(buf.value.decode())
    else:
        fmt = req["format"]
        if fmt == "%lf":
            v = ctypes.c_double(0)
        elif fmt == "%d":
            v = ctypes.c_int(0)
        elif fmt == "%zu":
            v = ctypes.c_size_t(0)
        else:
            v = ctypes.c_uint(0)
        n = libc.sscanf(req["text"].encode(), fmt.encode(), ctypes.byref(v))
        if n != 1:
            out.append(None)
        elif fmt == "%lf":
            out.append(struct.pack("<d", v.value).hex())
        else:
            out.append(str(v.value))
print(json.dumps(out))
`;

/** One question for glibc. */
export type CRequest =
  | { op: "printf"; format: string; bits: string }
  | { op: "sscanf"; format: string; text: string };

/** Answers a batch of printf/sscanf requests with glibc (one Python process). */
export function askC(requests: CRequest[]): (string | null)[] {
  const run = spawnSync(PYTHON, ["-c", SCRIPT], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as (string | null)[];
}

/** The 64 bits of a double as 16 hex digits (big-endian order, as struct '<Q' prints). */
export function doubleBits(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
}

/** The double whose little-endian bytes are `hex` (struct.pack('<d').hex()). */
export function doubleFromLittleEndianHex(hex: string): number {
  const bytes = new Uint8Array(hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
  return new DataView(bytes.buffer).getFloat64(0, true);
}
