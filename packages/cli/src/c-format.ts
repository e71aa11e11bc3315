// C printf's %.Ng and %.Nf for doubles, as glibc prints them (utils/zfp.c's summary line).
//
// Digits come from the exact binary value of the double (BigInt arithmetic), rounded half to
// even as glibc does in the default rounding mode; JavaScript's toFixed/toExponential round
// exact ties up instead (0.125 -> "0.13", glibc "0.12"), so they are not used.

/** How a NaN prints: C prints `-nan` when the NaN's sign bit is set. JavaScript cannot carry a
 * NaN's sign reliably, so callers that model C arithmetic say it explicitly. */
export interface CFormatOptions {
  /** Print NaN as `-nan` (the sign bit of the C value was set). */
  negativeNaN?: boolean;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite positive double as `digits * 10^exponent` (digits > 0 or 0). */
function exactDecimal(value: number): { digits: bigint; exponent: number } {
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent2: number;
  if (biased === 0) {
    exponent2 = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent2 = biased - 1075;
  }
  if (mantissa === 0n) return { digits: 0n, exponent: 0 };
  if (exponent2 >= 0) return { digits: mantissa << BigInt(exponent2), exponent: 0 };
  // m * 2^-k = m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exponent2), exponent: exponent2 };
}

/** round_half_even(digits * 10^shift) for a non-negative integer `digits`. */
function roundScaled(digits: bigint, shift: number): bigint {
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function special(value: number, options?: CFormatOptions): string | undefined {
  if (Number.isNaN(value)) return options?.negativeNaN ? "-nan" : "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return undefined;
}

function signOf(value: number): string {
  return value < 0 || Object.is(value, -0) ? "-" : "";
}

/** Fixed notation with `decimals` digits after the point, of |value|. */
function fixedDigits(value: number, decimals: number): string {
  const { digits, exponent } = exactDecimal(Math.abs(value));
  const scaled = roundScaled(digits, exponent + decimals).toString();
  if (decimals === 0) return scaled;
  const padded = scaled.padStart(decimals + 1, "0");
  return `${padded.slice(0, padded.length - decimals)}.${padded.slice(padded.length - decimals)}`;
}

/** Significant digits of |value| rounded to `precision` digits, and the decimal exponent of the
 * first digit (as %e would print it). */
function scientificDigits(value: number, precision: number): { mantissa: string; exponent: number } {
  const { digits, exponent } = exactDecimal(Math.abs(value));
  if (digits === 0n) return { mantissa: "0".repeat(precision), exponent: 0 };
  let decimalExponent = digits.toString().length - 1 + exponent;
  let rounded = roundScaled(digits, exponent + precision - 1 - decimalExponent);
  if (rounded.toString().length > precision) {
    // 9.99 -> 10.0: the carry adds a digit; the dropped digit is a zero.
    decimalExponent += 1;
    rounded /= 10n;
  }
  return { mantissa: rounded.toString(), exponent: decimalExponent };
}

/** C's `printf("%.<decimals>f", value)` (glibc, round-half-even on the exact value). */
export function formatFixed(value: number, decimals: number, options?: CFormatOptions): string {
  return special(value, options) ?? signOf(value) + fixedDigits(value, decimals);
}

/** C's `printf("%.<precision>e", value)`. */
export function formatExponential(value: number, precision: number, options?: CFormatOptions): string {
  const name = special(value, options);
  if (name) return name;
  const { mantissa, exponent } = scientificDigits(value, precision + 1);
  const body = precision > 0 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  return `${signOf(value)}${body}e${exponentText(exponent)}`;
}

function exponentText(exponent: number): string {
  const magnitude = Math.abs(exponent).toString().padStart(2, "0");
  return `${exponent < 0 ? "-" : "+"}${magnitude}`;
}

function stripZeros(text: string): string {
  if (!text.includes(".")) return text;
  return text.replace(/0+$/, "").replace(/\.$/, "");
}

/** C's `printf("%.<precision>g", value)`: `precision` significant digits, exponent form when the
 * exponent is below -4 or at least the precision, trailing zeros removed. */
export function formatGeneral(value: number, precision: number, options?: CFormatOptions): string {
  const name = special(value, options);
  if (name) return name;
  const p = precision === 0 ? 1 : precision;
  const { mantissa, exponent } = scientificDigits(value, p);
  const sign = signOf(value);
  if (exponent < -4 || exponent >= p) {
    const body = p > 1 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
    return `${sign}${stripZeros(body)}e${exponentText(exponent)}`;
  }
  return sign + stripZeros(fixedDigits(value, p - 1 - exponent));
}
