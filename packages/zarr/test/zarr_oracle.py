# The Python side of @zfpjs/zarr's tests: Debian's zarr 2.13 + numcodecs 0.11 write and read
# stores, and libzfp (via ctypes) compresses header-less chunks (also into v3 shards) and
# promotes/demotes integers.
# Reads a JSON list of requests on stdin, writes one JSON answer per line.
import base64
import ctypes
import json
import sys

import numpy as np

zfp = ctypes.CDLL("libzfp.so.1")
zfp.zfp_stream_open.restype = ctypes.c_void_p
zfp.zfp_stream_open.argtypes = [ctypes.c_void_p]
zfp.zfp_stream_close.argtypes = [ctypes.c_void_p]
zfp.stream_open.restype = ctypes.c_void_p
zfp.stream_open.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
zfp.stream_close.argtypes = [ctypes.c_void_p]
zfp.zfp_stream_set_bit_stream.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
zfp.zfp_stream_rewind.argtypes = [ctypes.c_void_p]
zfp.zfp_stream_set_rate.restype = ctypes.c_double
zfp.zfp_stream_set_rate.argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_int, ctypes.c_uint, ctypes.c_int]
zfp.zfp_stream_set_precision.argtypes = [ctypes.c_void_p, ctypes.c_uint]
zfp.zfp_stream_set_accuracy.restype = ctypes.c_double
zfp.zfp_stream_set_accuracy.argtypes = [ctypes.c_void_p, ctypes.c_double]
zfp.zfp_stream_set_reversible.argtypes = [ctypes.c_void_p]
zfp.zfp_stream_set_params.restype = ctypes.c_int
zfp.zfp_stream_set_params.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint, ctypes.c_uint, ctypes.c_int]
zfp.zfp_stream_maximum_size.restype = ctypes.c_size_t
zfp.zfp_stream_maximum_size.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
zfp.zfp_compress.restype = ctypes.c_size_t
zfp.zfp_compress.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
zfp.zfp_field_alloc.restype = ctypes.c_void_p
zfp.zfp_field_free.argtypes = [ctypes.c_void_p]
zfp.zfp_field_set_pointer.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
zfp.zfp_field_set_type.argtypes = [ctypes.c_void_p, ctypes.c_int]
for name in ["zfp_field_set_size_1d", "zfp_field_set_size_2d", "zfp_field_set_size_3d", "zfp_field_set_size_4d"]:
    n = int(name[-2])
    getattr(zfp, name).argtypes = [ctypes.c_void_p] + [ctypes.c_size_t] * n

ZFP_TYPES = {"int32": 1, "int64": 2, "float32": 3, "float64": 4}


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode()


def unb64(text, dtype, shape):
    return np.frombuffer(base64.b64decode(text), dtype=dtype).reshape(shape)


def sample(dtype, shape, seed):
    """Smooth values with noise, in the dtype's range."""
    rng = np.random.default_rng(seed)
    grids = np.meshgrid(*[np.linspace(0, 3, n) for n in shape], indexing="ij")
    smooth = sum(np.sin(g * (i + 1)) for i, g in enumerate(grids)) if grids else np.zeros(shape)
    values = smooth * 100 + rng.normal(0, 1, shape)
    if np.dtype(dtype).kind in "iu":
        return np.round(values * 1000).astype(dtype)
    return values.astype(dtype)


zfp.zfp_decompress.restype = ctypes.c_size_t
zfp.zfp_decompress.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
SMALL = {"int8": ctypes.c_int8, "uint8": ctypes.c_uint8, "int16": ctypes.c_int16, "uint16": ctypes.c_uint16}


def blockwise(fn, values, out_dtype, in_ctype, out_ctype):
    """Applies a libzfp zfp_promote_*/zfp_demote_* function to 4D blocks of 256 values."""
    out = np.zeros(len(values), dtype=out_dtype)
    padded = np.zeros(-(-len(values) // 256) * 256, dtype=values.dtype)
    padded[: len(values)] = values
    for start in range(0, len(padded), 256):
        block_in = (in_ctype * 256)(*padded[start:start + 256].tolist())
        block_out = (out_ctype * 256)()
        fn(block_out, block_in, ctypes.c_uint(4))
        end = min(start + 256, len(values))
        out[start:end] = np.frombuffer(block_out, dtype=out_dtype)[: end - start]
    return out


def to_zfp(dtype, data):
    """A Zarr chunk's values as zfp stores them: 8/16-bit promoted by libzfp, uint clamped (zarrs)."""
    if dtype.name in SMALL:
        fn = getattr(zfp, "zfp_promote_%s_to_int32" % dtype.name)
        return blockwise(fn, data.ravel(), np.int32, SMALL[dtype.name], ctypes.c_int32)
    if dtype.name == "uint32":
        return np.minimum(data.ravel(), np.iinfo(np.int32).max).astype(np.int32)
    if dtype.name == "uint64":
        return np.minimum(data.ravel(), np.uint64(np.iinfo(np.int64).max)).astype(np.int64)
    return data.ravel()


def from_zfp(dtype, values):
    if dtype.name in SMALL:
        fn = getattr(zfp, "zfp_demote_int32_to_%s" % dtype.name)
        return blockwise(fn, values, dtype, ctypes.c_int32, SMALL[dtype.name])
    if dtype.name in ("uint32", "uint64"):
        return np.maximum(values, 0).astype(dtype)
    return values


def set_mode(stream, mode, ztype, dims):
    if mode["mode"] == "fixed_rate":
        zfp.zfp_stream_set_rate(stream, mode["rate"], ztype, dims, 0)
    elif mode["mode"] == "fixed_precision":
        zfp.zfp_stream_set_precision(stream, mode["precision"])
    elif mode["mode"] == "fixed_accuracy":
        zfp.zfp_stream_set_accuracy(stream, mode["tolerance"])
    elif mode["mode"] == "reversible":
        zfp.zfp_stream_set_reversible(stream)
    else:
        assert zfp.zfp_stream_set_params(stream, mode["minbits"], mode["maxbits"], mode["maxprec"], mode["minexp"])


def make_field(ztype, pointer, sizes):
    field = zfp.zfp_field_alloc()
    zfp.zfp_field_set_type(field, ztype)
    zfp.zfp_field_set_pointer(field, pointer)
    getattr(zfp, "zfp_field_set_size_%dd" % len(sizes))(field, *sizes)
    return field


def compress_chunk(dtype, chunk, mode):
    """Header-less libzfp compression of one chunk (zfp sizes: the shape reversed), and its
    libzfp decompression converted back to the Zarr type."""
    values = np.ascontiguousarray(to_zfp(dtype, chunk))
    ztype = ZFP_TYPES[values.dtype.name]
    sizes = list(reversed(chunk.shape)) or [1]
    stream = zfp.zfp_stream_open(None)
    set_mode(stream, mode, ztype, len(sizes))
    field = make_field(ztype, values.ctypes.data, sizes)
    size = zfp.zfp_stream_maximum_size(stream, field)
    buffer = ctypes.create_string_buffer(size)
    bits = zfp.stream_open(buffer, size)
    zfp.zfp_stream_set_bit_stream(stream, bits)
    zfp.zfp_stream_rewind(stream)
    used = zfp.zfp_compress(stream, field)
    assert used > 0
    decoded = np.zeros(values.size, dtype=values.dtype)
    zfp.zfp_field_set_pointer(field, decoded.ctypes.data)
    zfp.zfp_stream_rewind(stream)
    assert zfp.zfp_decompress(stream, field) > 0
    zfp.zfp_field_free(field)
    zfp.stream_close(bits)
    zfp.zfp_stream_close(stream)
    return buffer.raw[:used], from_zfp(dtype, decoded).reshape(chunk.shape)


def libzfp_compress(request):
    dtype = np.dtype(request["dtype"])
    shape = request["shape"]
    data, decoded = compress_chunk(dtype, unb64(request["data"], dtype, shape), request["mode"])
    return {"bytes": base64.b64encode(data).decode(), "decoded": b64(decoded)}


def crc32c(data):
    """CRC-32C (Castagnoli), the sharding index checksum."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def write_sharded(request):
    """A Zarr v3 array with sharding_indexed and an inner zfp codec, written file by file as the
    v3 spec lays it out (inner chunks compressed by libzfp, a little-endian uint64 (offset,
    nbytes) index with a CRC-32C at the end of each shard; the first inner chunk of shard 0 is
    all fill value and left out, marked 2^64-1). Returns the values a reader must find."""
    import os

    dtype = np.dtype(request["dtype"])
    shape, shard, inner = request["shape"], request["shard_shape"], request["chunk_shape"]
    data = sample(dtype, shape, request["seed"])
    data[tuple(slice(0, n) for n in inner)] = 0
    expected = np.zeros(shape, dtype=dtype)
    root = request["dir"]
    os.makedirs(root, exist_ok=True)
    codec = {"name": request["name"], "configuration": request["mode"]}
    metadata = {
        "zarr_format": 3, "node_type": "array", "shape": shape, "data_type": dtype.name,
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": shard}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": 0,
        "codecs": [{"name": "sharding_indexed", "configuration": {
            "chunk_shape": inner, "codecs": [codec],
            "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
            "index_location": "end"}}],
        "attributes": {},
    }
    with open(os.path.join(root, "zarr.json"), "w") as f:
        json.dump(metadata, f)
    per_shard = [s // c for s, c in zip(shard, inner)]
    for shard_index in np.ndindex(*[-(-n // s) for n, s in zip(shape, shard)]):
        body = b""
        index = []
        for local in np.ndindex(*per_shard):
            start = [(si * s + li * c) for si, s, li, c in zip(shard_index, shard, local, inner)]
            chunk = np.zeros(inner, dtype=dtype)
            inside = tuple(slice(a, min(a + c, n)) for a, c, n in zip(start, inner, shape))
            part = data[inside]
            chunk[tuple(slice(0, p) for p in part.shape)] = part
            if part.size == 0 or not chunk.any():
                index += [2**64 - 1, 2**64 - 1]
                continue
            stream, decoded = compress_chunk(dtype, chunk, request["mode"])
            stream += bytes(-len(stream) % 8)
            index += [len(body), len(stream)]
            body += stream
            expected[inside] = decoded[tuple(slice(0, p) for p in part.shape)]
        raw = np.array(index, dtype="<u8").tobytes()
        path = os.path.join(root, "c", *map(str, shard_index))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body + raw + crc32c(raw).to_bytes(4, "little"))
    return {"expected": b64(expected)}


def promote(request):
    """libzfp's zfp_promote_*_to_int32 on `values`, zfp_demote_int32_to_* on `ints`."""
    kind = request["type"]
    values = np.frombuffer(base64.b64decode(request["values"]), dtype=kind)
    ints = np.frombuffer(base64.b64decode(request["ints"]), dtype=np.int32)
    promoted = blockwise(getattr(zfp, "zfp_promote_%s_to_int32" % kind), values, np.int32, SMALL[kind], ctypes.c_int32)
    demoted = blockwise(getattr(zfp, "zfp_demote_int32_to_%s" % kind), ints, np.dtype(kind), ctypes.c_int32, SMALL[kind])
    return {"promoted": b64(promoted), "demoted": b64(demoted)}


def write_v2(request):
    import zarr
    from numcodecs import ZFPY

    dtype = np.dtype(request["dtype"])
    shape = request["shape"]
    data = sample(dtype, shape, request["seed"])
    array = zarr.open(
        request["dir"], mode="w", shape=shape, chunks=request["chunks"], dtype=dtype,
        compressor=ZFPY(**request["compressor"]), fill_value=request.get("fill_value", 0),
    )
    region = request.get("region")
    if region is None:
        array[...] = data
    else:
        # write part of the array: chunks outside stay missing (read as the fill value)
        index = tuple(slice(a, b) for a, b in region)
        array[index] = data[index]
    back = zarr.open(request["dir"], mode="r")[...]
    return {"data": b64(data), "read": b64(back)}


def read(request):
    import zarr

    array = zarr.open(request["dir"], mode="r")
    return {"read": b64(array[...]), "dtype": array.dtype.str, "shape": list(array.shape)}


OPS = {
    "libzfp": libzfp_compress, "promote": promote, "write_v2": write_v2, "read": read,
    "write_sharded": write_sharded,
}

for request in json.loads(sys.stdin.read()):
    try:
        answer = {"ok": True, **OPS[request["op"]](request)}
    except Exception as error:  # the test reports it
        answer = {"ok": False, "error": type(error).__name__, "message": str(error)}
    print(json.dumps(answer), flush=True)
