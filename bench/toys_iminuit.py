#!/usr/bin/env python3
"""iminuit side of the toy benchmark (issue 14): N toys of the D&G vector fit (fits/dg2023-vector-none.toml),
each generated at the best fit of the observed data and refitted with MIGRAD + HESSE, the loop a Python user
writes. Pseudo-data as x17fit draws them: the three rates with their errors, the angular summary's mX value
(16.85 +- 0.04) and its chi2 offset (a chi2(10) variate), and the pi0 prior's centre on eps_p.

Usage: toys_iminuit.py N [SEED]
Prints one JSON line: wall time, toys, per-toy time, failed toys, and the toy p-value of the observed chi2.
"""
import json
import math
import sys
import time

import numpy as np
from iminuit import Minuit

from grid_iminuit import SIGMA_HE, SIGMA_PI0, make_chi2, A_ISOSPIN, ALPHA, M_E0_MEV2


def rates(mX, eps_n, eps_p, a=1.0):
    def k(e, m):
        d = e * e - m * m
        return math.sqrt(d) if d > 0 else 0.0
    s, d = eps_p + eps_n, eps_p - eps_n
    be = (a * s + (1 - a) * d) ** 2 * (k(18.15, mX) / 18.15) ** 3
    c = d * d * (k(17.23, mX) / 17.23) * (1 + mX * mX / (2 * 17.23**2))
    ghe = ALPHA * s * s * k(20.21, mX) ** 3 * mX * mX * M_E0_MEV2**2 / 18 * 1e6
    return be, c, ghe


def main(argv):
    n = int(argv[0])
    rng = np.random.default_rng(int(argv[1]) if len(argv) > 1 else 1)
    observed = make_chi2(A_ISOSPIN["none"])
    m = Minuit(observed, mX=16.9, eps_n=5e-3, eps_p=1e-3)
    m.errordef = Minuit.LEAST_SQUARES
    m.limits["mX"] = (16.0, 17.6)
    m.errors["mX"], m.errors["eps_n"], m.errors["eps_p"] = 0.05, 1e-4, 1e-4
    m.migrad()
    m.hesse()
    chi2_obs = m.fval
    truth = dict(m.values.to_dict())
    be0, c0, ghe0 = rates(truth["mX"], truth["eps_n"], truth["eps_p"])

    t0 = time.perf_counter()
    chi2s, failed = [], 0
    for _ in range(n):
        z = rng.standard_normal(15)
        mx_obs = truth["mX"] + 0.04 * z[0]
        offset = float(np.sum(z[1:11] ** 2))
        be_obs, c_obs, ghe_obs = be0 + 1e-6 * z[11], c0 + 0.3e-6 * z[12], ghe0 + SIGMA_HE * z[13]
        prior = truth["eps_p"] + SIGMA_PI0 * z[14]

        def chi2(mX, eps_n, eps_p):
            be, c, ghe = rates(mX, eps_n, eps_p)
            return (offset + ((mX - mx_obs) / 0.04) ** 2 + ((be - be_obs) / 1e-6) ** 2 + ((c - c_obs) / 0.3e-6) ** 2
                    + ((ghe - ghe_obs) / SIGMA_HE) ** 2 + ((eps_p - prior) / SIGMA_PI0) ** 2)

        t = Minuit(chi2, **truth)
        t.errordef = Minuit.LEAST_SQUARES
        t.limits["mX"] = (16.0, 17.6)
        t.errors["mX"], t.errors["eps_n"], t.errors["eps_p"] = 0.05, 1e-4, 1e-4
        t.migrad()
        t.hesse()
        if t.valid:
            chi2s.append(t.fval)
        else:
            failed += 1
    wall = time.perf_counter() - t0
    chi2s = np.array(chi2s)
    print(json.dumps({"tool": "iminuit " + __import__("iminuit").__version__, "toys": n, "wall_s": wall,
                      "per_toy_s": wall / n, "failed": failed, "chi2_obs": chi2_obs,
                      "toy_pvalue": float(np.mean(chi2s >= chi2_obs)), "chi2_mean": float(chi2s.mean())}))


if __name__ == "__main__":
    main(sys.argv[1:])
