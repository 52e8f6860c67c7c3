#!/usr/bin/env python3
"""Runs every problem of conformance/problems.py with iminuit (strategy 1, tol 0.1, default steps):
MIGRAD, then HESSE, then MINOS on each free parameter of a valid minimum, and writes
conformance/iminuit_reference.json, which Tests/MinimizerTests/ConformanceTests.swift reads.

    python3 conformance/make_reference.py    # installs iminuit 2.33.0 with pip if it is missing
"""
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IMINUIT_VERSION = "2.33.0"

try:
    import iminuit
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", f"iminuit=={IMINUIT_VERSION}"])
    import iminuit
from iminuit import Minuit

sys.path.insert(0, HERE)
from problems import PROBLEMS  # noqa: E402

FLAGS = ["is_valid", "has_valid_parameters", "has_covariance", "has_accurate_covar", "has_posdef_covar",
         "has_made_posdef_covar", "hesse_failed", "is_above_max_edm", "has_reached_call_limit",
         "has_parameters_at_limit"]
MINOS_FLAGS = ["is_valid", "lower_valid", "upper_valid", "at_lower_limit", "at_upper_limit", "at_lower_max_fcn",
               "at_upper_max_fcn", "lower_new_min", "upper_new_min"]


def num(v):
    """Every float is written as its shortest round-trip decimal string (repr), read back exactly with
    Swift's Double(String): Foundation's JSON number parser on Linux is not correctly rounded, and JSON has
    no NaN or infinity."""
    return repr(float(v))


def fmin_record(m, calls):
    f = m.fmin
    return {"fval": num(f.fval), "edm": num(f.edm), "nfcn": calls, "values": [num(v) for v in m.values],
            "errors": [num(v) for v in m.errors], "flags": {k: bool(getattr(f, k)) for k in FLAGS}}


def probe(params):
    """A second point where both sides must compute the same value: start + 0.1·(k+1)·step."""
    out = []
    for k, (_, v, lo, hi, _) in enumerate(params):
        step = 0.01 * abs(v) if v != 0 else 0.1
        x = v + 0.1 * (k + 1) * step
        if hi is not None:
            x = min(x, hi)
        if lo is not None:
            x = max(x, lo)
        out.append(x)
    return out


def run(name, errordef, params, fcn):
    start = [q[1] for q in params]
    m = Minuit(lambda x: fcn([float(v) for v in x]), start, name=[q[0] for q in params])
    m.errordef = errordef
    m.strategy = 1
    for q in params:
        if q[2] is not None or q[3] is not None:
            m.limits[q[0]] = (q[2] if q[2] is not None else -math.inf, q[3] if q[3] is not None else math.inf)
        if q[4]:
            m.fixed[q[0]] = True
    rec = {"name": name, "errordef": errordef,
           "parameters": [{"name": q[0], "start": q[1], "lower": q[2], "upper": q[3], "fixed": q[4]} for q in params],
           "f_start": num(fcn(start)), "probe": [num(v) for v in probe(params)]}
    rec["f_probe"] = num(fcn(probe(params)))
    m.migrad()
    rec["migrad"] = fmin_record(m, m.nfcn)
    n0 = m.nfcn
    m.hesse()
    rec["hesse"] = fmin_record(m, m.nfcn - n0)
    minos = {}
    if m.valid:
        for q in params:
            if q[4]:
                continue
            n0 = m.nfcn
            try:
                m.minos(q[0])
            except RuntimeError as e:
                minos[q[0]] = {"error": str(e)}
                continue
            me = m.merrors[q[0]]
            r = {"lower": num(me.lower), "upper": num(me.upper), "nfcn": m.nfcn - n0}
            r.update({k: bool(getattr(me, k)) for k in MINOS_FLAGS})
            minos[q[0]] = r
    rec["minos"] = minos
    return rec


def main():
    out = {"generator": "conformance/make_reference.py", "iminuit": iminuit.__version__,
           "settings": {"strategy": 1, "tol": 0.1, "steps": "iminuit default (1 % of |start|, 0.1 for 0)"},
           "problems": []}
    for name, errordef, params, fcn in PROBLEMS:
        rec = run(name, errordef, params, fcn)
        out["problems"].append(rec)
        mg, h = rec["migrad"], rec["hesse"]
        print(f"{name:24s} fval {mg['fval']!s:>24} nfcn {mg['nfcn']:5d} valid {mg['flags']['is_valid']!s:5} "
              f"hesse {h['nfcn']:4d} acc {h['flags']['has_accurate_covar']!s:5} minos {len(rec['minos'])}",
              file=sys.stderr)
    path = os.path.join(HERE, "iminuit_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
