#!/bin/sh
# Builds x17bench (release), runs it and bench/iminuit_cases.py, prints one side-by-side table.
set -eu
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
# The reference side: iminuit and numpy from PyPI (bench tools only, never runtime dependencies).
python3 -c "import iminuit, numpy" 2>/dev/null || python3 -m pip install -q iminuit numpy
swift build -c release --product x17bench >/dev/null
mkdir -p bench/out
.build/release/x17bench --out bench/out/grid_x17fit.txt > bench/out/x17fit.tsv
python3 bench/iminuit_cases.py > bench/out/iminuit.tsv
# Case F (issue 5): the iminuit side of the D&G 201×201 grid, as one more row of iminuit.tsv.
python3 bench/grid_iminuit.py none 201 201 -0.008 0.008 -0.004 0.004 --out bench/out/grid_iminuit.txt \
    > bench/out/grid_iminuit.json
python3 - bench/out/grid_iminuit.json >> bench/out/iminuit.tsv <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
note = f"failed {r['failed']}, {r['nfcn'] / r['points']:.1f} calls/point, {r['points'] / r['wall_s']:.0f} points/s, chi2 min on grid {r['chi2_min_on_grid']:.9f}"
print(f"F dg2023 grid 201x201\t{r['nfcn']}\t{r['wall_s']}\t{note}")
PY
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
python3 - bench/out/grid_x17fit.txt bench/out/grid_iminuit.txt <<'PY'
import sys
import numpy as np
a, b = np.loadtxt(sys.argv[1]), np.loadtxt(sys.argv[2])
d = np.abs(a - b)
print(f"F grids: min chi2 x17fit {a.min():.9f}, iminuit {b.min():.9f}, |diff| {abs(a.min() - b.min()):.2e}; "
      f"max |chi2 diff| {d.max():.2e} at {np.unravel_index(d.argmax(), d.shape)}, median {np.median(d):.2e}")
PY
