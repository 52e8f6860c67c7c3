"""Runs the x17fit binary once per session into a temporary folder; the tests read what it wrote.

The binary is `$X17FIT_BIN`, by default `<repo>/.build/debug/x17fit` (what `swift test` builds). Without it every
test that needs real outputs is skipped with a message saying so.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

NX, NY = 21, 17
PLANE_X = f"eps_n:-0.008:0.008:{NX}"
PLANE_Y = f"eps_p:-0.004:0.004:{NY}"
PROFILE_X = "mX:16.6:17.1:41"
COUPLING_X = "eps_n:-0.008:0.008:41"
SLICE_X = "mX:16.82:16.95:27"
EXPORT_POINTS = 9


@dataclass(frozen=True)
class Outputs:
    """Where the session's x17fit runs wrote."""

    plane: Path
    profile: Path
    coupling: Path
    slice: Path
    fit_json: Path
    export: Path
    compare_json: Path
    reproduce: Path

    @property
    def plane_json(self) -> Path:
        return self.plane / "profile_eps_n_eps_p.json"

    @property
    def plane_csv(self) -> Path:
        return self.plane / "profile_eps_n_eps_p.csv"

    @property
    def plane_contours_csv(self) -> Path:
        return self.plane / "profile_eps_n_eps_p_contours.csv"

    @property
    def profile_json(self) -> Path:
        return self.profile / "profile_mX.json"

    @property
    def profile_csv(self) -> Path:
        return self.profile / "profile_mX.csv"


def _binary() -> Path:
    return Path(os.environ.get("X17FIT_BIN") or REPO / ".build" / "debug" / "x17fit")


@pytest.fixture(scope="session")
def x17fit_bin() -> Path:
    path = _binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"x17fit binary not found at {path}: run `swift build` (or `make test`), or set X17FIT_BIN")
    return path


def _run(binary: Path, *args: str) -> None:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    done = subprocess.run([str(binary), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"x17fit {' '.join(args)} exited {done.returncode}:\n{done.stderr}\n{done.stdout[-2000:]}")


def _spec_without_profiles(source: Path, target: Path) -> None:
    """The spec with its [[profiles]] tables removed, so `export` computes small default planes."""
    text = source.read_text(encoding="utf-8")
    target.write_text(re.split(r"^\[\[profiles\]\]", text, flags=re.M)[0], encoding="utf-8")


@pytest.fixture(scope="session")
def outputs(x17fit_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    root = tmp_path_factory.mktemp("x17fit-outputs")
    spec = "fits/dg2023-vector-none.toml"
    out = Outputs(plane=root / "plane", profile=root / "profile", coupling=root / "coupling", slice=root / "slice",
                  fit_json=root / "fit.json", export=root / "export", compare_json=root / "compare.json",
                  reproduce=root / "reproduce")
    _run(x17fit_bin, "profile", spec, "--x", PLANE_X, "--y", PLANE_Y, "--curve", "--out", str(out.plane))
    _run(x17fit_bin, "profile", spec, "--x", PROFILE_X, "--out", str(out.profile))
    _run(x17fit_bin, "profile", spec, "--x", COUPLING_X, "--format", "csv,json", "--out", str(out.coupling))
    _run(x17fit_bin, "profile", spec, "--x", SLICE_X, "--slice", "--format", "csv,json", "--out", str(out.slice))
    _run(x17fit_bin, "fit", spec, "--minos", "--json", str(out.fit_json))
    small = root / "dg2023-vector-none.toml"
    _spec_without_profiles(REPO / spec, small)
    _run(x17fit_bin, "export", str(small), "--datasets", str(REPO / "datasets"), "--points", str(EXPORT_POINTS),
         "--format", "csv,json", "--out", str(out.export))
    _run(x17fit_bin, "compare", spec, "fits/dg2023-vector-mixing.toml", "--json", str(out.compare_json))
    _run(x17fit_bin, "reproduce", "--out", str(out.reproduce))
    return out
