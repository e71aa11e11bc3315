#!/usr/bin/python3
"""Answers zfpjs test requests with Debian's zfpy (the reference implementation).

Reads one JSON array of requests on stdin and writes one JSON line per request on
stdout, flushing after each, so a crash of zfpy (it has known heap overflows) is
pinned to one request by the caller. Binary data travels as base64; numbers that
JSON cannot carry (nan, inf, -0.0) travel as strings and go through float().
"""
import base64
import json
import sys
import traceback

import numpy as np
import zfpy

DTYPES = {"int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64}


def num(value):
    return float(value) if isinstance(value, str) else value


def array_of(request):
    base = np.frombuffer(base64.b64decode(request["data"]), dtype=DTYPES[request["dtype"]])
    base = base.reshape(request["shape"]).copy()
    view = request.get("view")
    # A numpy indexing/transposition expression over `a`, e.g. "a[::2, ::-1]" or "a.T".
    return eval(view, {"np": np}, {"a": base}) if view else base


def describe(array):
    array = np.ascontiguousarray(array)
    return {
        "dtype": array.dtype.name,
        "shape": list(array.shape),
        "data": base64.b64encode(array.tobytes()).decode(),
    }


def answer(request):
    op = request["op"]
    if op == "compress":
        kwargs = {k: num(request[k]) for k in ("tolerance", "rate", "precision") if k in request}
        if "write_header" in request:
            kwargs["write_header"] = request["write_header"]
        out = zfpy.compress_numpy(array_of(request), **kwargs)
        return {"bytes": base64.b64encode(out).decode()}
    if op == "decompress":
        return describe(zfpy.decompress_numpy(base64.b64decode(request["bytes"])))
    if op == "_decompress":
        kwargs = {k: num(request[k]) for k in ("tolerance", "rate", "precision") if k in request}
        out = zfpy._decompress(base64.b64decode(request["bytes"]), request["ztype"], request["shape"], **kwargs)
        return describe(out)
    if op == "eval":
        # Free-form numpy expression whose value is an array (to build test inputs).
        return describe(np.asarray(eval(request["code"], {"np": np, "zfpy": zfpy})))
    raise ValueError(f"unknown op {op}")


def main():
    requests = json.load(sys.stdin)
    for request in requests:
        try:
            response = {"ok": True, **answer(request)}
        except Exception as error:  # noqa: BLE001 - every zfpy error is an answer
            response = {
                "ok": False,
                "error": type(error).__name__,
                "message": str(error),
                "trace": traceback.format_exc(limit=2),
            }
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
