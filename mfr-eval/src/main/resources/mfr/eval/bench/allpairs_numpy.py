#!/usr/bin/env python3
"""The numpy peer of mfr's all-pairs scoring engine (`mfr eval bench`).

Scores every pair i < j of N unit vectors the way one would in numpy: blocked matrix products on OpenBLAS (all
cores), each block's scores binned with np.histogram into the same bins as mfr (65,536 bins over [-1, 1]), the
diagonal blocks restricted to their upper triangle. Genuine pairs (equal labels; label = index // per_identity)
are few, so they are scored apart and their histogram subtracted from the total, which is cheaper in numpy than
masking every block.

Reads the vectors that mfr wrote (float32, little-endian, row-major), writes the genuine and impostor counts as
int64 files, and prints one JSON line with the timings.
"""
import argparse
import json
import os
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vectors", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("--per-identity", type=int, default=10)
    ap.add_argument("--bins", type=int, default=65536)
    ap.add_argument("--block", type=int, default=4096)
    ap.add_argument("--out", required=True, help="prefix of the .genuine.i64 and .impostor.i64 outputs")
    a = ap.parse_args()

    x = np.fromfile(a.vectors, dtype="<f4", count=a.n * a.d).reshape(a.n, a.d)
    n, b = a.n, a.block
    start = time.perf_counter()
    total = np.zeros(a.bins, dtype=np.int64)
    gemm = hist = 0.0
    upper = np.triu_indices(b, k=1)
    for i0 in range(0, n, b):
        xa = x[i0:i0 + b]
        for j0 in range(i0, n, b):
            t = time.perf_counter()
            s = xa @ x[j0:j0 + b].T
            gemm += time.perf_counter() - t
            t = time.perf_counter()
            if j0 == i0:
                m = s.shape[0]
                s = s[upper] if m == b else s[np.triu_indices(m, k=1)]
            total += np.histogram(s, bins=a.bins, range=(-1.0, 1.0))[0]
            hist += time.perf_counter() - t
    genuine = np.zeros(a.bins, dtype=np.int64)
    for g0 in range(0, n, a.per_identity):
        xg = x[g0:g0 + a.per_identity]
        s = (xg @ xg.T)[np.triu_indices(xg.shape[0], k=1)]
        genuine += np.histogram(s, bins=a.bins, range=(-1.0, 1.0))[0]
    impostor = total - genuine
    seconds = time.perf_counter() - start
    genuine.astype("<i8").tofile(a.out + ".genuine.i64")
    impostor.astype("<i8").tofile(a.out + ".impostor.i64")
    print(json.dumps({"seconds": seconds, "gemm_seconds": gemm, "histogram_seconds": hist,
                      "pairs": int(total.sum()), "numpy": np.__version__,
                      "blas": blas_name(), "threads": os.cpu_count(), "block": b}))


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        return cfg["Build Dependencies"]["blas"]["name"] + " " + cfg["Build Dependencies"]["blas"]["version"]
    except Exception:  # older numpy: no dict mode
        return "unknown"


if __name__ == "__main__":
    main()
