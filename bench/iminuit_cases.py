#!/usr/bin/env python3
"""The x17bench cases run with iminuit and a Python cost (same formulas, same data, same timing rule:
median wall time per fit, object creation included). Prints "case<TAB>nfcn<TAB>seconds<TAB>note"."""
import statistics
import time

import numpy as np
from iminuit import Minuit


def timed(fn, repeat):
    """Median wall time of `repeat` runs after repeat // 10 untimed warm-up runs (as x17bench)."""
    for _ in range(repeat // 10):
        fn()
    ts, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), out


def rosen2(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosen3(a, b, c):
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2 + (1 - b) ** 2 + 100 * (c - b * b) ** 2


X = np.linspace(10.0, 23.0, 14)
RNG = np.random.default_rng(17)


def model(x, A, mu, s):
    return 5.0 + A * np.exp(-0.5 * ((x - mu) / s) ** 2)


Y = model(X, 20.0, 17.0, 1.5) + RNG.normal(0, 1.0, size=14)
COVINV = np.linalg.inv(np.eye(14) + 0.25 * np.ones((14, 14)))


def chi2(A, mu, s):
    r = Y - model(X, A, mu, s)
    return float(r @ COVINV @ r)


def report(name, nfcn, t, note=""):
    print(f"{name}\t{nfcn}\t{t}\t{note}", flush=True)


def fit(fcn, start, s):
    m = Minuit(fcn, *start)
    m.errordef = 1
    m.strategy = s
    m.migrad()
    m.hesse()
    return m.nfcn


for s in (0, 1, 2):
    t, n = timed(lambda: fit(rosen2, (-1.2, 1.0), s), 20)
    report(f"A rosen2 s{s} migrad+hesse", n, t)
for s in (0, 1, 2):
    t, n = timed(lambda: fit(rosen3, (-1.2, 1.0, -1.2), s), 20)
    report(f"B rosen3 s{s} migrad+hesse", n, t)


def peak(minos):
    m = Minuit(chi2, A=10.0, mu=16.0, s=1.0)
    m.errordef = 1
    m.limits["s"] = (0.01, None)
    m.migrad()
    m.hesse()
    if minos:
        m.minos()
    return m


t, m = timed(lambda: peak(False), 20)
report("C2 chi2 migrad+hesse", m.nfcn, t)
t, m = timed(lambda: peak(True), 20)
report("C2 chi2 +minos", m.nfcn, t)


def grid():
    m = Minuit(chi2, A=20.0, mu=17.0, s=1.5)
    m.errordef = 1
    m.fixed["mu"] = True
    m.fixed["s"] = True
    calls = valid = 0
    for mu in np.linspace(16.0, 18.0, 100):
        for s in np.linspace(0.8, 2.5, 100):
            m.values["mu"] = mu
            m.values["s"] = s
            n0 = m.nfcn
            m.migrad()
            calls += m.nfcn - n0
            valid += m.valid
    return calls, valid


t, (calls, valid) = timed(grid, 1)
report("D1 grid warm 100x100", calls, t, f"valid {valid}/10000")
m = peak(False)
n0 = m.nfcn
t0 = time.perf_counter()
pts = m.mncontour("mu", "s", cl=0.68, size=100)
report("E mncontour 100", m.nfcn - n0, time.perf_counter() - t0, f"{len(pts)} points")
