// sscanf's %zu, %u, %d and %lf as glibc reads them, for utils/zfp.c's option values: leading
// white space skipped, an optional sign, as many characters as form a number, the rest ignored.

const WHITE_SPACE = /^[ \t\n\v\f\r]*/;
const INTEGER = /^([+-]?)(\d+)/;
const UINT64_MAX = (1n << 64n) - 1n;

function skipSpace(text: string): string {
  return text.replace(WHITE_SPACE, "");
}

/** The integer that strtoull would return, or undefined when there are no digits. A minus sign
 * negates modulo 2^64; a magnitude beyond 2^64 - 1 saturates to 2^64 - 1 (ERANGE). */
function scanUnsignedLong(text: string): bigint | undefined {
  const match = INTEGER.exec(skipSpace(text));
  if (!match) return undefined;
  let magnitude = BigInt(match[2]!);
  if (magnitude > UINT64_MAX) return UINT64_MAX;
  if (match[1] === "-") magnitude = BigInt.asUintN(64, -magnitude);
  return magnitude;
}

/** `sscanf(text, "%zu")` on x86-64: a 64-bit unsigned value, or undefined if nothing matched. */
export function scanSize(text: string): bigint | undefined {
  return scanUnsignedLong(text);
}

/** `sscanf(text, "%u")`: the 64-bit strtoul result cut to 32 bits, or undefined. */
export function scanUnsigned(text: string): number | undefined {
  const value = scanUnsignedLong(text);
  return value === undefined ? undefined : Number(BigInt.asUintN(32, value));
}

/** `sscanf(text, "%d")`: strtol's 64-bit result (saturating) cut to a 32-bit int, or undefined. */
export function scanInt(text: string): number | undefined {
  const match = INTEGER.exec(skipSpace(text));
  if (!match) return undefined;
  let value = BigInt(match[2]!);
  if (match[1] === "-") value = -value;
  const LONG_MAX = (1n << 63n) - 1n;
  const LONG_MIN = -(1n << 63n);
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return Number(BigInt.asIntN(32, value));
}

const DECIMAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const HEX = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?/;
const HEX_EXPONENT = /^[pP]([+-]?\d+)/;

/** The double nearest to `mantissa * 2^exponent` (round half to even, subnormals, overflow). */
function scaleBinary(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  let bits = mantissa.toString(2).length;
  // Value = mantissa * 2^exponent, with the top bit at 2^(exponent + bits - 1).
  const top = exponent + bits - 1;
  if (top > 1023) return Number.POSITIVE_INFINITY;
  // Keep 53 bits, or fewer in the subnormal range (the lowest kept bit is 2^-1074).
  const lowest = Math.max(top - 52, -1074);
  const drop = lowest - exponent;
  let kept = mantissa;
  let keptExponent = exponent;
  if (drop > 0) {
    const divisor = 1n << BigInt(drop);
    kept = mantissa >> BigInt(drop);
    const twice = (mantissa & (divisor - 1n)) * 2n;
    if (twice > divisor || (twice === divisor && (kept & 1n) === 1n)) kept += 1n;
    keptExponent = lowest;
  }
  bits = kept.toString(2).length;
  if (keptExponent + bits - 1 > 1023) return Number.POSITIVE_INFINITY;
  // kept has at most 54 bits and is exact at its final exponent, so scaling it by powers of two
  // in steps never rounds (each intermediate value is a larger multiple of the final lowest bit).
  let value = Number(kept);
  let remaining = keptExponent;
  while (remaining !== 0) {
    const step = Math.max(-1000, Math.min(1000, remaining));
    value *= powerOfTwo(step);
    remaining -= step;
  }
  return value;
}

const powerView = new DataView(new ArrayBuffer(8));

/** 2^k built from its IEEE bits, for -1022 <= k <= 1023. */
function powerOfTwo(k: number): number {
  powerView.setUint32(0, (k + 1023) << 20);
  powerView.setUint32(4, 0);
  return powerView.getFloat64(0);
}

/** Reads a hexadecimal floating-point number after its sign ("0x1.8p3"); length -1 when the
 * prefix has no digits after it. */
function parseHex(body: string): { value: number; length: number } | undefined {
  const match = HEX.exec(body);
  if (!match) return undefined;
  const integer = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (integer.length === 0 && fraction.length === 0) {
    // "0x" with no hex digits: glibc's scanf has consumed the "0x" and fails (strtod would
    // read the "0" alone).
    return { value: Number.NaN, length: -1 };
  }
  let length = match[0].length;
  let exponent = -4 * fraction.length;
  const exponentMatch = HEX_EXPONENT.exec(body.slice(length));
  if (exponentMatch) {
    const given = Number(exponentMatch[1]);
    exponent += Number.isFinite(given) ? Math.max(-100000, Math.min(100000, given)) : 0;
    length += exponentMatch[0].length;
  }
  const mantissa = BigInt(`0x${integer}${fraction}` === "0x" ? "0" : `0x${integer}${fraction}`);
  return { value: scaleBinary(mantissa, exponent), length };
}

/** `sscanf(text, "%lf")` as glibc reads it (strtod's grammar): decimal, hexadecimal (`0x1p3`),
 * `inf`/`infinity`, `nan`/`nan(...)`, with trailing characters ignored. Undefined when no
 * number starts the text. A negative NaN comes back as NaN (its sign is not observable). */
export function scanDouble(text: string): number | undefined {
  let body = skipSpace(text);
  let sign = 1;
  if (body[0] === "+" || body[0] === "-") {
    if (body[0] === "-") sign = -1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower.startsWith("inf")) return sign * Number.POSITIVE_INFINITY;
  if (lower.startsWith("nan")) return Number.NaN;
  const hex = parseHex(body);
  if (hex) return hex.length < 0 ? undefined : sign * hex.value;
  const decimal = DECIMAL.exec(body);
  if (!decimal) return undefined;
  return sign * Number(decimal[0]);
}
