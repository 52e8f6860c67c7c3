#!/usr/bin/env python3
"""Reference values for Tests/MinimizerTests, computed with iminuit (PyPI).

Usage: python3 bench/reference/make_reference.py   (prints every number quoted in the tests)
"""
import numpy as np
import iminuit
from iminuit import Minuit

print(f"iminuit {iminuit.__version__}, numpy {np.__version__}")


def show(tag, m):
    fm = m.fmin
    print(f"{tag}: valid={fm.is_valid} fval={fm.fval!r} edm={fm.edm:.3e} nfcn={fm.nfcn} "
          f"accurate={fm.has_accurate_covar} posdef={fm.has_posdef_covar} madeposdef={fm.has_made_posdef_covar} "
          f"hesse_failed={fm.has_covariance and fm.hesse_failed} above_edm={fm.is_above_max_edm} "
          f"call_limit={fm.has_reached_call_limit} at_limit={fm.has_parameters_at_limit}")
    print("   values", [repr(v) for v in m.values])
    print("   errors", [repr(v) for v in m.errors])


def rosen2(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosen3(a, b, c):
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2 + (1 - b) ** 2 + 100 * (c - b * b) ** 2


for s in (0, 1, 2):
    m = Minuit(rosen2, -1.2, 1.0)
    m.errordef = 1
    m.strategy = s
    m.migrad()
    show(f"rosen2 strategy {s} migrad", m)
    m.hesse()
    show(f"rosen2 strategy {s} +hesse", m)

m = Minuit(rosen3, -1.2, 1.0, -1.2)
m.errordef = 1
m.migrad()
show("rosen3 migrad", m)

# Quadratic with known covariance: f = (x-mu)^T C^-1 (x-mu), C = [[4, 1.2], [1.2, 1]] -> errors 2, 1, rho 0.6.
C = np.array([[4.0, 1.2], [1.2, 1.0]])
Ci = np.linalg.inv(C)
MU = np.array([1.0, -2.0])


def quad(x, y):
    d = np.array([x, y]) - MU
    return float(d @ Ci @ d)


m = Minuit(quad, 0.0, 0.0)
m.errordef = 1
m.migrad()
m.hesse()
m.minos()
show("quadratic", m)
print("   minos", [(k, m.merrors[k].lower, m.merrors[k].upper) for k in m.parameters])
print("   covariance", m.covariance.tolist())
m.minos(cl=2)
print("   minos 2 sigma", [(k, m.merrors[k].lower, m.merrors[k].upper) for k in m.parameters])

# Gaussian-peak chi2 with correlated covariance (the benchmark fixture of docs/minuit.md §8).
X = np.linspace(10.0, 23.0, 14)
RNG = np.random.default_rng(17)


def model(x, A, mu, s):
    return 5.0 + A * np.exp(-0.5 * ((x - mu) / s) ** 2)


Y = model(X, 20.0, 17.0, 1.5) + RNG.normal(0, 1.0, size=14)
print("Y =", [repr(float(v)) for v in Y])
COV = np.eye(14) + 0.25 * np.ones((14, 14))
COVINV = np.linalg.inv(COV)


def chi2_corr(A, mu, s):
    r = Y - model(X, A, mu, s)
    return float(r @ COVINV @ r)


m = Minuit(chi2_corr, A=10.0, mu=16.0, s=1.0)
m.errordef = 1
m.limits["s"] = (0.01, None)
m.migrad()
show("peak migrad", m)
m.hesse()
show("peak hesse", m)
m.minos()
show("peak minos", m)
print("   minos", [(k, m.merrors[k].lower, m.merrors[k].upper, m.merrors[k].is_valid) for k in m.parameters])
print("   correlation", m.covariance.correlation().tolist())
pts = m.mncontour("mu", "s", cl=0.68, size=20)
print("   mncontour mu,s cl=0.68 first points", pts[:3].tolist())
prof = m.mnprofile("mu", size=3, bound=[16.5, 17.5])
print("   mnprofile mu", prof[0].tolist(), prof[1].tolist(), prof[2].tolist())

# Parameter pushed against a limit: minimum of (x-1)^2 + (y-2)^2 at x=1 but x <= 0.5.
def lim(x, y):
    return (x - 1) ** 2 + (y - 2) ** 2


m = Minuit(lim, x=0.0, y=0.0)
m.errordef = 1
m.limits["x"] = (None, 0.5)
m.migrad()
show("limit", m)

# Fixed parameter.
m = Minuit(quad, 0.5, 0.5)
m.errordef = 1
m.fixed["y"] = True
m.migrad()
show("fixed y=0.5", m)
print("   covariance", m.covariance.tolist())

# NaN region: sqrt(x) term undefined for x < 0.
def nanf(x, y):
    return (x - 0.2) ** 2 + (y - 1) ** 2 + (0.0 if x >= 0 else float("nan"))


m = Minuit(nanf, x=1.0, y=0.0)
m.errordef = 1
m.migrad()
show("nan region", m)

# Flat direction: y does not enter.
def flat(x, y):
    return (x - 3) ** 2


m = Minuit(flat, x=0.0, y=1.0)
m.errordef = 1
m.migrad()
show("flat migrad", m)
m.hesse()
show("flat hesse", m)
