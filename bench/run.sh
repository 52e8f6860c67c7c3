#!/bin/sh
# Builds x17bench (release), runs it and bench/iminuit_cases.py, prints one side-by-side table.
set -eu
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
swift build -c release --product x17bench >/dev/null
mkdir -p bench/out
.build/release/x17bench > bench/out/x17fit.tsv
python3 bench/iminuit_cases.py > bench/out/iminuit.tsv
python3 - bench/out/x17fit.tsv bench/out/iminuit.tsv <<'PY'
import sys
def load(p):
    rows = {}
    for line in open(p):
        name, n, t, note = (line.rstrip("\n").split("\t") + [""])[:4]
        rows[name] = (int(n), float(t), note)
    return rows
a, b = load(sys.argv[1]), load(sys.argv[2])
def wall(t):
    return f"{t * 1e3:.3f} ms" if t < 1 else f"{t:.2f} s"
print(f"{'case':<28} {'nfcn x17fit':>11} {'nfcn iminuit':>12} {'ratio':>6} {'wall x17fit':>12} {'wall iminuit':>12} {'speed-up':>9}")
for k, (n, t, note) in a.items():
    if k not in b:
        continue
    n2, t2, note2 = b[k]
    print(f"{k:<28} {n:>11} {n2:>12} {n / n2:>6.2f} {wall(t):>12} {wall(t2):>12} {t2 / t:>8.0f}x  {note} | {note2}")
PY
