#!/usr/bin/python3
"""Times Debian's zfpy (native zfp) for the zfpjs benchmark, as a long-lived worker.

Protocol on stdin/stdout: each message is one JSON line, optionally followed by exactly
`nbytes` raw bytes (named in the JSON). Requests:
  {"cmd": "info"}
  {"cmd": "load", "id": str, "dtype": str, "shape": [..], "nbytes": n} + the C-ordered array bytes
  {"cmd": "time", "id": str, "kwargs": {...}, "reps": r, "warmup": w, "details": bool}
      -> {"compress": [s..], "decompress": [s..], "compress_cpu": [s..], "decompress_cpu": [s..]}
         (wall seconds, and thread CPU seconds) and, with details (the default), "sha1" of
         the decompressed bytes and "nbytes": n + the compressed bytes (from the last compress)
  {"cmd": "memory", "id": str, "kwargs": {...}}
      -> peak bytes seen by tracemalloc and peak RSS growth (VmHWM) for one compress and one
         decompress
  {"cmd": "free", "id": str}
Every reply is {"ok": true, ...} or {"ok": false, "error": ..., "message": ...}.
"""
import ctypes
import ctypes.util
import gc
import hashlib
import json
import platform
import re
import sys
import time
import traceback
import tracemalloc

import numpy as np
import zfpy

DTYPES = {"int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64}
arrays = {}
try:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
except OSError:
    libc = None
stdin = sys.stdin.buffer
stdout = sys.stdout.buffer


def read_exact(n):
    chunks = []
    while n > 0:
        chunk = stdin.read(n)
        if not chunk:
            raise EOFError("stdin closed in the middle of a payload")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def reply(message, payload=b""):
    message = {"ok": True, **message, "nbytes": len(payload)}
    stdout.write((json.dumps(message) + "\n").encode())
    if payload:
        stdout.write(payload)
    stdout.flush()


def status_kb(field):
    with open("/proc/self/status") as handle:
        match = re.search(field + r":\s+(\d+)", handle.read())
    return int(match.group(1)) if match else -1


def reset_peak_rss():
    """Resets VmHWM to the current RSS (Linux >= 4.0); returns False where that is refused."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def rss_growth(action):
    """Peak RSS growth in bytes while running action(), or None if the peak cannot be reset.

    Free heap memory is first returned to the system (malloc_trim), so that memory malloc
    keeps from earlier calls does not hide this call's allocations.
    """
    gc.collect()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
    if not reset_peak_rss():
        action()
        return None
    before = status_kb("VmRSS")
    action()
    return (status_kb("VmHWM") - before) * 1024


def traced_peak(action):
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def zfpy_version():
    """zfpy's version: its __version__, else the Debian package's (python3-zfpy), else unknown."""
    version = getattr(zfpy, "__version__", None)
    if version:
        return str(version)
    try:
        import subprocess

        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "python3-zfpy"], capture_output=True, text=True, check=True
        )
        return f"python3-zfpy {out.stdout.strip()}"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def handle(request, payload):
    cmd = request["cmd"]
    if cmd == "info":
        return {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "zfpy": zfpy_version(),
            "zfpy_path": zfpy.__file__,
        }, b""
    if cmd == "load":
        base = np.frombuffer(payload, dtype=DTYPES[request["dtype"]])
        arrays[request["id"]] = base.reshape(request["shape"]).copy()
        return {}, b""
    if cmd == "free":
        arrays.pop(request["id"], None)
        gc.collect()
        return {}, b""
    array = arrays[request["id"]]
    kwargs = request.get("kwargs", {})
    if cmd == "time":
        for _ in range(request.get("warmup", 1)):
            compressed = zfpy.compress_numpy(array, **kwargs)
            zfpy.decompress_numpy(compressed)
        compress_times = []
        decompress_times = []
        compress_cpu = []
        decompress_cpu = []
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for _ in range(request["reps"]):
                cpu = time.thread_time()
                start = time.perf_counter()
                compressed = zfpy.compress_numpy(array, **kwargs)
                compress_times.append(time.perf_counter() - start)
                compress_cpu.append(time.thread_time() - cpu)
            for _ in range(request["reps"]):
                cpu = time.thread_time()
                start = time.perf_counter()
                restored = zfpy.decompress_numpy(compressed)
                decompress_times.append(time.perf_counter() - start)
                decompress_cpu.append(time.thread_time() - cpu)
        finally:
            if gc_was_enabled:
                gc.enable()
        times = {
            "compress": compress_times,
            "decompress": decompress_times,
            "compress_cpu": compress_cpu,
            "decompress_cpu": decompress_cpu,
        }
        if not request.get("details", True):
            return times, b""
        digest = hashlib.sha1(np.ascontiguousarray(restored).tobytes()).hexdigest()
        return {**times, "sha1": digest}, compressed
    if cmd == "memory":
        compressed, compress_traced = traced_peak(lambda: zfpy.compress_numpy(array, **kwargs))
        _, decompress_traced = traced_peak(lambda: zfpy.decompress_numpy(compressed))
        compress_rss = rss_growth(lambda: zfpy.compress_numpy(array, **kwargs))
        decompress_rss = rss_growth(lambda: zfpy.decompress_numpy(compressed))
        return {
            "compress_traced": compress_traced,
            "decompress_traced": decompress_traced,
            "compress_rss": compress_rss,
            "decompress_rss": decompress_rss,
        }, b""
    raise ValueError(f"unknown command {cmd!r}")


def main():
    while True:
        line = stdin.readline()
        if not line:
            return
        request = json.loads(line)
        payload = read_exact(request.get("nbytes", 0))
        try:
            message, out = handle(request, payload)
            reply(message, out)
        except Exception as error:  # noqa: BLE001 - every failure is reported to the caller
            message = {
                "ok": False,
                "error": type(error).__name__,
                "message": str(error),
                "trace": traceback.format_exc(limit=3),
                "nbytes": 0,
            }
            stdout.write((json.dumps(message) + "\n").encode())
            stdout.flush()


if __name__ == "__main__":
    main()
