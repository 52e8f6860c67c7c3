#!/usr/bin/env python3
"""iminuit side of the profile-grid benchmark (issue 5): a (eps_n, eps_p) grid with mX profiled.

The chi2 is the D&G 2023 combined fit as x17fit builds it for fits/dg2023-vector-<treatment>.toml
(physics: docs/physics.md sections 5.2, 9 and 10): D&G's angular-only summary constraint
(Gaussian on mX, 16.85 +- 0.04, plus a chi2 offset of 17.3), the 8Be(18.15), 12C and 4He rates, and
the pi0 prior on eps_p. At each grid point eps_n and eps_p are fixed and mX is minimised with MIGRAD,
warm-started from the previous point along a serpentine path (the loop users write by hand).

Usage: grid_iminuit.py TREATMENT NX NY EPSN_LO EPSN_HI EPSP_LO EPSP_HI [--out FILE]
Prints one JSON line: wall time, points, failed points, calls, and the grid minimum.
"""
import json
import math
import sys
import time

import numpy as np
from iminuit import Minuit

ALPHA = 1 / 137.035999084
HBARC = 197.3269804
A_ISOSPIN = {"none": 1.0, "mixing": -0.09, "mixing-breaking": 0.05}
SIGMA_PI0 = 1.2e-3 / 1.6448536269514722
SIGMA_HE = math.hypot(1.3e-6, 0.29 * 5.1e-6)
M_E0_MEV2 = 1.10 / HBARC**2


def make_chi2(a):
    def k(e, m):
        d = e * e - m * m
        return math.sqrt(d) if d > 0 else 0.0

    def chi2(mX, eps_n, eps_p):
        s, d = eps_p + eps_n, eps_p - eps_n
        be = (a * s + (1 - a) * d) ** 2 * (k(18.15, mX) / 18.15) ** 3
        c = d * d * (k(17.23, mX) / 17.23) * (1 + mX * mX / (2 * 17.23**2))
        ghe = ALPHA * s * s * k(20.21, mX) ** 3 * mX * mX * M_E0_MEV2**2 / 18 * 1e6  # eV
        return (17.3 + ((mX - 16.85) / 0.04) ** 2
                + ((be - 6e-6) / 1e-6) ** 2 + ((c - 3.6e-6) / 0.3e-6) ** 2
                + ((ghe - 5.1e-6) / SIGMA_HE) ** 2 + (eps_p / SIGMA_PI0) ** 2)

    return chi2


def main(argv):
    out = None
    if "--out" in argv:
        i = argv.index("--out")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    treatment, nx, ny = argv[0], int(argv[1]), int(argv[2])
    xlo, xhi, ylo, yhi = map(float, argv[3:7])
    xs, ys = np.linspace(xlo, xhi, nx), np.linspace(ylo, yhi, ny)
    chi2 = make_chi2(A_ISOSPIN[treatment])

    t0 = time.perf_counter()
    m = Minuit(chi2, mX=16.85, eps_n=0.005, eps_p=0.002)
    m.errordef = Minuit.LEAST_SQUARES
    m.limits["mX"] = (16.0, 17.6)
    m.errors["mX"] = 0.05
    m.fixed["eps_n"] = True
    m.fixed["eps_p"] = True
    grid = np.empty((ny, nx))
    failed = 0
    nfcn = 0
    for j, y in enumerate(ys):
        order = range(nx) if j % 2 == 0 else range(nx - 1, -1, -1)
        for i in order:
            m.values["eps_n"] = xs[i]
            m.values["eps_p"] = y
            before = m.nfcn
            m.migrad()
            nfcn += m.nfcn - before
            if not m.valid:
                failed += 1
            grid[j, i] = m.fval
    wall = time.perf_counter() - t0
    if out:
        np.savetxt(out, grid)
    print(json.dumps({"tool": "iminuit " + __import__("iminuit").__version__, "treatment": treatment,
                      "points": nx * ny, "wall_s": wall, "failed": failed, "nfcn": nfcn,
                      "chi2_min_on_grid": float(grid.min())}))


if __name__ == "__main__":
    main(sys.argv[1:])
