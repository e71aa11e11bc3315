# The Python side of @zfpjs/hdf5's tests: Debian's h5py with the H5Z-ZFP filter plugin writes
# datasets and reads them back through a fresh handle. Reads a JSON list of requests on stdin
# ({"path", "datasets": [{name, dtype, shape, chunks, mode, seed}]}), writes one JSON answer per line.
import base64
import json
import struct
import sys

import h5py
import numpy as np

FILTER = 32013


def sample(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    grids = np.meshgrid(*[np.linspace(0, 3, n) for n in shape], indexing="ij")
    values = sum(np.sin(g * (i + 1)) for i, g in enumerate(grids)) * 100 + rng.normal(0, 1, shape)
    if np.dtype(dtype).kind == "i":
        return np.round(values * 1000).astype(dtype)
    return values.astype(dtype)


def double_words(x):
    lo, hi = struct.unpack("<II", struct.pack("<d", x))
    return [lo, hi]


def cd_values(mode):
    kind = mode["mode"]
    if kind == "rate":
        return [1, 0] + double_words(mode["rate"])
    if kind == "precision":
        return [2, 0, mode["precision"]]
    if kind == "accuracy":
        return [3, 0] + double_words(mode["tolerance"])
    if kind == "expert":
        return [4, 0, mode["minbits"], mode["maxbits"], mode["maxprec"], mode["minexp"] & 0xFFFFFFFF]
    return [5, 0]


def write(request):
    answers = {}
    with h5py.File(request["path"], "w") as f:
        for d in request["datasets"]:
            data = sample(d["dtype"], d["shape"], d["seed"])
            f.create_dataset(d["name"], data=data, chunks=tuple(d["chunks"]), compression=FILTER,
                             compression_opts=tuple(cd_values(d["mode"])))
    with h5py.File(request["path"], "r") as f:
        for d in request["datasets"]:
            ds = f[d["name"]]
            answers[d["name"]] = base64.b64encode(np.ascontiguousarray(ds[...]).tobytes()).decode()
    return {"read": answers}


for request in json.loads(sys.stdin.read()):
    try:
        answer = {"ok": True, **write(request)}
    except Exception as error:
        answer = {"ok": False, "error": type(error).__name__, "message": str(error)}
    print(json.dumps(answer), flush=True)
