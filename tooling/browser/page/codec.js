// What the page and the worker both do with the zfpy build: decode, encode and report errors
// as plain data (base64 bytes), so the test compares them with the oracle's answers.
export function toBase64(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const ARRAYS = { int32: Int32Array, int64: BigInt64Array, float32: Float32Array, float64: Float64Array };

export function decode(zfpy, bytes) {
  try {
    const array = zfpy.decompress_numpy(fromBase64(bytes));
    const data = new array.data.constructor(array.size);
    // C order of the (contiguous) result, whatever its strides.
    for (let i = 0; i < array.size; i++) data[i] = array.data[array.offset + i];
    return { ok: true, type: array.data.constructor.name, shape: array.shape, data: toBase64(data) };
  } catch (error) {
    return failure(zfpy, error);
  }
}

export function encode(zfpy, request) {
  try {
    const raw = fromBase64(request.data);
    const Type = ARRAYS[request.dtype];
    const data = new Type(raw.buffer, 0, raw.byteLength / Type.BYTES_PER_ELEMENT);
    const bytes = zfpy.compress_numpy({ data, shape: request.shape }, { ...request.options, wordBits: 8 });
    return { ok: true, bytes: toBase64(bytes) };
  } catch (error) {
    return failure(zfpy, error);
  }
}

// zfpy's bundle carries its own copy of the codec (no namespace re-export): a ZfpError is an
// error whose prototype chain holds a class named ZfpError (the builds keep class names).
function inheritsFrom(error, name) {
  for (let proto = Object.getPrototypeOf(error ?? {}); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === name) return true;
  }
  return false;
}

function failure(zfpy, error) {
  return {
    ok: false,
    name: error?.name,
    tag: error?.tag,
    isZfpyError: zfpy.isZfpyError(error),
    isZfpError: inheritsFrom(error, "ZfpError"),
    message: String(error?.message),
  };
}
