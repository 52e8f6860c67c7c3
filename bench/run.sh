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
# Case G (issue 15): exports cost less than the grid they write. `profile` of the D&G (εn, εp) plane at
# 201×201 and 401×401 with only the SVG figure (the grid alone: the SVG is ~60 kB), with --format json, and
# with --format all; wall time and peak RSS (GNU time), median of 3.
swift build -c release --product x17fit >/dev/null
python3 - <<'PY'
import os, resource, shutil, statistics, subprocess, tempfile, time
x17fit = os.path.abspath(".build/release/x17fit")
spec = os.path.abspath("fits/dg2023-vector-none.toml")
print(f"{'G profile --format':<28} {'points':>8} {'wall':>9} {'peak RSS':>9}  vs grid alone")
for n in (201, 401):
    base = None
    for fmt in ("svg", "json", "all"):
        walls, rss = [], 0
        for _ in range(3):
            out = tempfile.mkdtemp(prefix="x17bench-g-")
            args = [x17fit, "profile", spec, "--x", f"eps_n:-0.008:0.008:{n}", "--y", f"eps_p:-0.004:0.004:{n}",
                    "--format", fmt, "--out", out + "/o"]
            t0 = time.perf_counter()
            p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            walls.append(time.perf_counter() - t0)
            rss = max(rss, usage.ru_maxrss)
            shutil.rmtree(out)
            assert status == 0, f"{args} failed"
        wall = statistics.median(walls)
        base = base or wall
        label = "grid alone (svg)" if fmt == "svg" else fmt
        print(f"G {label:<26} {n * n:>8} {wall:>8.3f}s {rss / 1024:>7.0f}MB  {wall / base:.2f}x")
PY
# Case H (issue 14): toys of the D&G vector fit (fits/dg2023-vector-none.toml), MIGRAD + HESSE per toy:
# x17fit toys with 10^5 toys on 1 and 2 threads against the same loop in iminuit (bench/toys_iminuit.py, 1000 toys).
# "loop" is what x17fit reports for generating and fitting the toys, timed as toys_iminuit.py times its loop
# (after the observed fit, without start-up); "process" is the whole command: start-up, observed fit, the loop,
# the summary (KS, coverage) and the JSON report. The three run in turn, 5 rounds; each round's ratio uses that
# round's iminuit time (the machine's speed drifts by tens of % over minutes); median and range of the rounds.
python3 - <<'PY'
import json, os, re, statistics, subprocess, sys, tempfile, time
x17fit = os.path.abspath(".build/release/x17fit")
spec = os.path.abspath("fits/dg2023-vector-none.toml")
n = 100000
rounds = []
with tempfile.TemporaryDirectory() as tmp:
    for k in range(5):
        row = {}
        for threads in (1, 2):
            t0 = time.perf_counter()
            p = subprocess.run([x17fit, "toys", spec, "--n", str(n), "--seed", "1", "--threads", str(threads),
                                "--json", f"{tmp}/toys-{threads}-{k}.json"], check=True, capture_output=True, text=True)
            row[threads] = (float(re.search(r"toys in ([0-9.]+)s", p.stderr).group(1)) / n,
                            (time.perf_counter() - t0) / n)
        r = json.loads(subprocess.run([sys.executable, "bench/toys_iminuit.py", "1000", str(k + 1)], check=True,
                                      capture_output=True, text=True).stdout)
        rounds.append((row, r))
tool = rounds[0][1]["tool"]
def summary(values):
    return f"{statistics.median(values):6.1f}x ({min(values):.1f}–{max(values):.1f})"
print(f"{'H toys (MIGRAD+HESSE)':<24} {'loop/toy':>9} {'vs iminuit, 5 rounds':>22} {'process/toy':>12} {'vs iminuit':>22}")
for threads in (1, 2):
    loops = [row[threads][0] for row, _ in rounds]
    walls = [row[threads][1] for row, _ in rounds]
    lr = [r["per_toy_s"] / row[threads][0] for row, r in rounds]
    wr = [r["per_toy_s"] / row[threads][1] for row, r in rounds]
    print(f"{'x17fit, ' + str(threads) + ' thread(s), 1e5':<24} {statistics.median(loops) * 1e6:>7.2f}µs {summary(lr):>22} "
          f"{statistics.median(walls) * 1e6:>10.2f}µs {summary(wr):>22}")
per = [r["per_toy_s"] for _, r in rounds]
print(f"{tool + ', 1000 toys':<24} {statistics.median(per) * 1e6:>7.1f}µs (rounds {min(per) * 1e6:.0f}–{max(per) * 1e6:.0f} µs)")
r = {"per_toy_s": statistics.median(per)}
# The Feldman–Cousins construction of issue 14: the (eps_n, eps_p) plane, mX profiled, 41×41 points × 1000 toys,
# each toy fitted twice (free and at the point); iminuit's time is its measured per-toy (one fit) time, scaled.
with tempfile.TemporaryDirectory() as tmp:
    t0 = time.perf_counter()
    subprocess.run([x17fit, "profile", spec, "--x", "eps_n:-0.008:0.008:41", "--y", "eps_p:-0.004:0.004:41",
                    "--toys", "1000", "--threads", "2", "--out", f"{tmp}/fc"], check=True, capture_output=True)
    fc = time.perf_counter() - t0
fits = 41 * 41 * (1 + 2 * 1000)
print(f"{'H2 FC 41x41 x 1000 toys':<28} {fits:>8} fits {fc:>7.1f}s on 2 threads ({fits / fc:,.0f} fits/s); "
      f"iminuit at {r['per_toy_s'] * 1e6:.0f} µs per fit: {fits * r['per_toy_s'] / 60:.0f} min (scaled, {fits * r['per_toy_s'] / fc:.0f}x)")
# Where a toy's time goes (x17bench H, one thread, in process).
for line in open("bench/out/x17fit.tsv"):
    name, calls, t = line.split("\t")[:3]
    if name.startswith("H "):
        print(f"  {name[2:]:<26} {float(t) * 1e6:>8.3f} µs" + (f"  ({calls} calls)" if name == "H toy (1 thread)" else ""))
PY
