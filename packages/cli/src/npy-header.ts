// The header of a .npy file, read as numpy reads it (numpy/lib/format.py, _read_array_header):
// ast.literal_eval of a Python dict literal, then exactly the keys 'descr', 'fortran_order' and
// 'shape', a tuple of ints, a bool and a dtype. This is a small strict parser for the literals
// such a header can hold (str, int, bool, tuple, list, dict). Other literals (float, None, bytes,
// set) are parsed too, since a later duplicate key may replace them, but no header value may be one.

/** numpy.load's default max_header_size: longer headers are refused as unsafe. */
export const NPY_MAX_HEADER_SIZE = 10000;

/** A .npy header that numpy would not load (or that holds a dtype zfp does not handle). */
export class NpyFormatError extends Error {
  readonly tag = "NpyFormat";
  constructor(message: string) {
    super(message);
    this.name = "NpyFormatError";
  }
}

/** The three values of a header. */
export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

type Literal =
  | { kind: "str"; value: string }
  | { kind: "int"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "tuple" | "list"; items: Literal[] }
  | { kind: "dict"; entries: Map<string, Literal>; otherKeys: boolean }
  /** A float, None, bytes or set: valid Python, never a valid header value. */
  | { kind: "other"; text: string };

type Token =
  | { kind: "str" | "bytes"; value: string }
  | { kind: "float"; value: string }
  | { kind: "int"; value: bigint }
  | { kind: "name"; value: string }
  | { kind: "punct"; value: string }
  | { kind: "end" };

const FLOAT =
  /^(?:(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*)[jJ]?|\d(?:_?\d)*[jJ])/;
const INT = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0(?:_?0)*)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

function fail(message: string): never {
  throw new NpyFormatError(`invalid .npy header: ${message}`);
}

/** Python's tokens for the header text; `dropLong` drops Python 2's L after an int (versions
 * 1.0 and 2.0, numpy's _filter_header). */
function tokenize(text: string, dropLong: boolean): Token[] {
  const tokens: Token[] = [];
  let i = skipLeadingLines(text);
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\f") {
      i++;
    } else if (c === "\n" || c === "\r") {
      if (depth === 0 && /\S/.test(text.slice(i).replace(/#[^\n\r]*/g, "")))
        fail("a line break outside the dict");
      i++;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r")) {
      i += text.startsWith("\r\n", i + 1) ? 3 : 2;
    } else if ("{}()[],:+-".includes(c)) {
      if ("{([".includes(c)) depth++;
      if ("})]".includes(c)) depth--;
      tokens.push({ kind: "punct", value: c });
      i++;
    } else if ((c >= "0" && c <= "9") || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const float = FLOAT.exec(text.slice(i));
      const match = float ?? INT.exec(text.slice(i));
      const end = i + (match ? match[0].length : 0);
      if (!match || (/^[0-9A-Za-z_.]/.test(text.slice(end)) && !(dropLong && isLongSuffix(text, end))))
        fail(`${JSON.stringify(text.slice(i, i + 12))} is not a number`);
      if (float) tokens.push({ kind: "float", value: match[0] });
      else tokens.push({ kind: "int", value: BigInt(match[0].replace(/_/g, "").replace(/^0+(?=\d)/, "")) });
      i = end;
      if (dropLong && isLongSuffix(text, i)) i = skipLongSuffix(text, i);
    } else if (NAME.test(text.slice(i))) {
      const name = NAME.exec(text.slice(i))![0];
      const quote = text[i + name.length];
      if ((quote === "'" || quote === '"') && /^(?:[rRuUbB]|[rR][bB]|[bB][rR])$/.test(name)) {
        const [value, end] = readString(text, i + name.length, /[rR]/.test(name));
        pushString(tokens, value, /[bB]/.test(name) ? "bytes" : "str");
        i = end;
      } else {
        tokens.push({ kind: "name", value: name });
        i += name.length;
      }
    } else if (c === "'" || c === '"') {
      const [value, end] = readString(text, i, false);
      pushString(tokens, value, "str");
      i = end;
    } else {
      fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  tokens.push({ kind: "end" });
  return tokens;
}

/** ast.literal_eval strips leading spaces and tabs; blank lines may follow, and the first line
 * holding code must not be indented. */
function skipLeadingLines(text: string): number {
  let i = 0;
  while (text[i] === " " || text[i] === "\t") i++;
  for (;;) {
    let j = i;
    while (text[j] === " " || text[j] === "\t" || text[j] === "\f") j++;
    if (text[j] === "#") while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
    if (text[j] === "\n" || text[j] === "\r") {
      i = text.startsWith("\r\n", j) ? j + 2 : j + 1;
      continue;
    }
    if (j < text.length && /[ \t]/.test(text.slice(i, j))) fail("unexpected indent");
    return i;
  }
}

/** Python 2's long suffix as tokenize sees it: a name token exactly "L" after a number. */
function isLongSuffix(text: string, at: number): boolean {
  let j = at;
  while (text[j] === " " || text[j] === "\t") j++;
  return text[j] === "L" && !/[A-Za-z0-9_]/.test(text[j + 1] ?? "");
}

function skipLongSuffix(text: string, at: number): number {
  return text.indexOf("L", at) + 1;
}

/** Adjacent string literals concatenate, as in Python (str with bytes is a syntax error). */
function pushString(tokens: Token[], value: string, kind: "str" | "bytes"): void {
  const last = tokens.at(-1);
  if (last?.kind === "str" || last?.kind === "bytes") {
    if (last.kind !== kind) fail("bytes and str literals side by side");
    last.value += value;
  } else {
    tokens.push({ kind, value });
  }
}

/** Reads a str literal at `start` (its opening quote); returns its value and the index after. */
function readString(text: string, start: number, raw: boolean): [string, number] {
  const quote = text.startsWith(text[start]!.repeat(3), start) ? text[start]!.repeat(3) : text[start]!;
  let i = start + quote.length;
  let value = "";
  for (;;) {
    if (i >= text.length) fail("a string is not closed");
    if (text.startsWith(quote, i)) return [value, i + quote.length];
    const c = text[i]!;
    if ((c === "\n" || c === "\r") && quote.length === 1) fail("a string is not closed before the line ends");
    if (c !== "\\") {
      value += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) fail("a string is not closed");
    if (raw) {
      value += c + next;
      i += 2;
      continue;
    }
    if (next === "\n" || next === "\r") {
      i += text.startsWith("\r\n", i + 1) ? 3 : 2;
    } else if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      value += String.fromCodePoint(Number.parseInt(digits, 8));
      i += 1 + digits.length;
    } else if (next === "x" || next === "u" || next === "U") {
      const width = next === "x" ? 2 : next === "u" ? 4 : 8;
      const digits = text.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) fail(`a truncated \\${next} escape`);
      const code = Number.parseInt(digits, 16);
      if (code > 0x10ffff) fail(`an escape beyond Unicode: \\${next}${digits}`);
      value += String.fromCodePoint(code);
      i += 2 + width;
    } else if (next === "N") {
      fail("\\N{...} escapes are not supported in .npy headers");
    } else {
      value += c + next; // Python keeps unknown escapes as written
      i += 2;
    }
  }
}

/** Parses one literal from `tokens` at `pos.at`. */
function parseValue(tokens: Token[], pos: { at: number }): Literal {
  const token = tokens[pos.at++]!;
  switch (token.kind) {
    case "str":
      return { kind: "str", value: token.value };
    case "int":
      return { kind: "int", value: token.value };
    case "bytes":
      return { kind: "other", text: `b'${token.value}'` };
    case "float":
      return { kind: "other", text: token.value };
    case "name":
      if (token.value === "True" || token.value === "False")
        return { kind: "bool", value: token.value === "True" };
      if (token.value === "None") return { kind: "other", text: "None" };
      return fail(`'${token.value}' is not a literal`);
    case "end":
      return fail("the header ends early");
    default:
      break;
  }
  const punct = token.value;
  if (punct === "+" || punct === "-") {
    const operand = tokens[pos.at++]!;
    if (operand.kind === "float") return { kind: "other", text: punct + operand.value };
    if (operand.kind !== "int") fail(`'${punct}' before something other than a number`);
    return { kind: "int", value: punct === "-" ? -operand.value : operand.value };
  }
  if (punct === "(") {
    if (peek(tokens, pos, ")")) {
      pos.at++;
      return { kind: "tuple", items: [] };
    }
    const first = parseValue(tokens, pos);
    if (peek(tokens, pos, ")")) {
      pos.at++;
      return first; // parentheses around one value
    }
    expect(tokens, pos, ",");
    const items = [first, ...parseItems(tokens, pos, ")")];
    return { kind: "tuple", items };
  }
  if (punct === "[") return { kind: "list", items: parseItems(tokens, pos, "]") };
  if (punct === "{") return parseDict(tokens, pos);
  return fail(`unexpected '${punct}'`);
}

function peek(tokens: Token[], pos: { at: number }, punct: string): boolean {
  const token = tokens[pos.at]!;
  return token.kind === "punct" && token.value === punct;
}

function expect(tokens: Token[], pos: { at: number }, punct: string): void {
  if (!peek(tokens, pos, punct)) fail(`expected '${punct}'`);
  pos.at++;
}

/** Comma-separated values up to `close`, a trailing comma allowed; `skip` tokens first (a ','). */
function parseItems(tokens: Token[], pos: { at: number }, close: string, skip = 0): Literal[] {
  const items: Literal[] = [];
  pos.at += skip;
  while (!peek(tokens, pos, close)) {
    items.push(parseValue(tokens, pos));
    if (peek(tokens, pos, close)) break;
    expect(tokens, pos, ",");
  }
  pos.at++;
  return items;
}

/** A dict literal after its '{': a later duplicate key replaces the value, as in Python. */
function parseDict(tokens: Token[], pos: { at: number }): Literal {
  const entries = new Map<string, Literal>();
  let otherKeys = false;
  while (!peek(tokens, pos, "}")) {
    const key = parseValue(tokens, pos);
    if (key.kind === "list" || key.kind === "dict") fail("a dict key that is not hashable");
    if (entries.size === 0 && !otherKeys && (peek(tokens, pos, ",") || peek(tokens, pos, "}"))) {
      parseItems(tokens, pos, "}", peek(tokens, pos, ",") ? 1 : 0);
      return { kind: "other", text: "{...} (a set)" };
    }
    expect(tokens, pos, ":");
    const value = parseValue(tokens, pos);
    if (key.kind === "str") entries.set(key.value, value);
    else otherKeys = true;
    if (peek(tokens, pos, "}")) break;
    expect(tokens, pos, ",");
  }
  pos.at++;
  return { kind: "dict", entries, otherKeys };
}

function show(value: Literal): string {
  switch (value.kind) {
    case "str":
      return `'${value.value}'`;
    case "int":
      return value.value.toString();
    case "bool":
      return value.value ? "True" : "False";
    case "tuple":
      return `(${value.items.map(show).join(", ")}${value.items.length === 1 ? "," : ""})`;
    case "list":
      return `[${value.items.map(show).join(", ")}]`;
    case "other":
      return value.text;
    default:
      return "{...}";
  }
}

/**
 * Parses a .npy header's text (`major`: the format version, 1 to 3) as numpy.load does and
 * returns its three values; throws {@link NpyFormatError} for any header numpy would refuse.
 */
export function parseNpyHeader(text: string, major: number): NpyHeader {
  if ([...text].length > NPY_MAX_HEADER_SIZE)
    fail(`${[...text].length} characters, more than numpy.load's limit of ${NPY_MAX_HEADER_SIZE}`);
  if (text.includes("\0")) fail("a NUL character");
  const tokens = tokenize(text, major <= 2);
  const pos = { at: 0 };
  const value = parseValue(tokens, pos);
  if (tokens[pos.at]!.kind !== "end") fail("text after the dict");
  if (value.kind !== "dict") fail(`expected a dict, found ${show(value)}`);
  const keys = [...value.entries.keys()].sort();
  if (value.otherKeys || keys.join() !== "descr,fortran_order,shape") {
    fail(
      `expected exactly the keys 'descr', 'fortran_order' and 'shape', found ${value.otherKeys ? "a key that is not a str" : keys.map((k) => `'${k}'`).join(", ") || "none"}`,
    );
  }
  const shape = value.entries.get("shape")!;
  // numpy's check passes bools (isinstance(True, int)) but building the array then refuses them
  if (shape.kind !== "tuple" || shape.items.some((item) => item.kind !== "int"))
    fail(`shape must be a tuple of ints, not ${show(shape)}`);
  const sizes = shape.items.map((item) => (item as { value: bigint }).value);
  for (const size of sizes) {
    if (size < 0n || size > BigInt(Number.MAX_SAFE_INTEGER))
      fail(`shape ${show(shape)} has a size that is negative or too large`);
  }
  const fortran = value.entries.get("fortran_order")!;
  if (fortran.kind !== "bool") fail(`fortran_order must be True or False, not ${show(fortran)}`);
  const descr = value.entries.get("descr")!;
  if (descr.kind === "list")
    throw new NpyFormatError(
      "unsupported dtype: structured arrays are not supported (expected int32, int64, float32 or float64)",
    );
  if (descr.kind !== "str" && descr.kind !== "tuple") fail(`descr is not a dtype descriptor: ${show(descr)}`);
  if (descr.kind !== "str")
    throw new NpyFormatError(
      `unsupported dtype descriptor ${show(descr)} (expected a string such as '<f4': int32, int64, float32 or float64)`,
    );
  return { descr: descr.value, fortranOrder: fortran.value, shape: sizes.map(Number) };
}
