"""Grids: the CSV and JSON readers of the same grid give the same object; contours, intervals, layout."""
from __future__ import annotations

import csv

import numpy as np
import pytest

import x17fit_io
from x17fit_io import Contours, Grid, parse_interval

from conftest import NX, NY, Outputs

METADATA = ("fit", "description", "data", "conventions", "kind", "chi2_min", "best_fit", "profiled", "levels",
            "intervals", "provenance")


def _assert_same_grid(a: Grid, b: Grid) -> None:
    for name in METADATA:
        assert getattr(a, name) == getattr(b, name), name
    assert [(ax.name, ax.unit, ax.spacing) for ax in a.axes] == [(ax.name, ax.unit, ax.spacing) for ax in b.axes]
    assert np.array_equal(a.x, b.x)
    assert (a.y is None) == (b.y is None)
    if a.y is not None:
        assert np.array_equal(a.y, b.y)
    for name in ("chi2", "delta_chi2"):
        assert getattr(a, name).shape == getattr(b, name).shape, name
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    assert a.status.shape == b.status.shape and a.status.tolist() == b.status.tolist()
    assert a.nfcn.dtype == b.nfcn.dtype and np.array_equal(a.nfcn, b.nfcn)
    assert sorted(a.profiled_values) == sorted(b.profiled_values) == sorted(a.profiled)
    for name in a.profiled:
        assert np.array_equal(a.profiled_values[name], b.profiled_values[name], equal_nan=True), name


def _assert_same_contours(a, b) -> None:
    assert len(a) == len(b)
    for k, (ca, cb) in enumerate(zip(a, b)):
        assert (ca.level, ca.cl, ca.method, ca.closed) == (cb.level, cb.cl, cb.method, cb.closed), k
        assert np.array_equal(ca.x, cb.x) and np.array_equal(ca.y, cb.y), k


def test_plane_csv_and_json_agree_exactly(outputs: Outputs) -> None:
    from_json = x17fit_io.load(outputs.plane_json)
    from_csv = x17fit_io.load(outputs.plane_csv)
    assert isinstance(from_json, Grid) and isinstance(from_csv, Grid)
    assert from_json.shape == (NY, NX)
    _assert_same_grid(from_json, from_csv)
    _assert_same_contours(from_json.contours, from_csv.contours)
    assert from_json.kind == "profiled" and from_json.profiled == ["mX"]
    assert from_json.axes[0].latex and from_csv.axes[0].latex is None
    meta = from_csv.metadata
    assert meta["fit"] == "dg2023-vector-none" and meta["x"] == f"eps_n, {NX} values, linear spacing"
    assert meta["order"].startswith("y-major") and from_json.order.startswith("y-major")
    assert meta["level_labels"] == "1σ,2σ,3σ" and len(meta["data_sha256"]) == 4
    assert "sign_convention" in from_json.conventions and from_json.metadata == {}


ONE_D = [("profile", "profile_mX", "profiled", 41), ("coupling", "profile_eps_n", "profiled", 41),
         ("slice", "slice_mX", "sliced", 27)]


@pytest.mark.parametrize("folder,stem,kind,n", ONE_D)
def test_1d_csv_and_json_agree_exactly(outputs: Outputs, folder: str, stem: str, kind: str, n: int) -> None:
    from_json = x17fit_io.load(getattr(outputs, folder) / f"{stem}.json")
    from_csv = x17fit_io.load(getattr(outputs, folder) / f"{stem}.csv")
    assert from_json.ndim == from_csv.ndim == 1
    assert from_json.shape == (n,) and from_json.y is None
    assert from_json.kind == kind
    _assert_same_grid(from_json, from_csv)
    assert from_json.contours == from_csv.contours == []


def test_every_exported_grid_reads_the_same_from_csv_and_json(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.export)
    assert sorted(bundle.grids) == ["profile_eps_n_eps_p", "profile_mX_eps_n", "profile_mX_eps_p"]
    for stem, grid in bundle.grids.items():
        assert grid.source == outputs.export / f"{stem}.json"
        from_csv = bundle.files[f"{stem}.csv"]
        _assert_same_grid(grid, from_csv)
        _assert_same_contours(grid.contours, from_csv.contours)
        assert grid.shape == (9, 9)


def test_plane_tables_are_y_major(outputs: Outputs) -> None:
    grid = x17fit_io.load(outputs.plane_json)
    with open(outputs.plane_csv, newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert len(rows) == NX * NY
    for j in (0, 3, NY - 1):
        for i in (0, 5, NX - 1):
            row = rows[j * NX + i]
            assert float(row["eps_n"]) == grid.x[i] and float(row["eps_p"]) == grid.y[j]
            assert float(row["delta_chi2"]) == grid.delta_chi2[j, i]
            assert float(row["mX"]) == grid.profiled_values["mX"][j, i]
            assert row["status"] == grid.status[j, i]


def test_contour_csv_matches_json_contours(outputs: Outputs) -> None:
    grid = x17fit_io.load(outputs.plane_json)
    contours = x17fit_io.load(outputs.plane_contours_csv)
    assert isinstance(contours, Contours)
    assert (contours.xname, contours.yname) == ("eps_n", "eps_p")
    assert contours.levels == grid.levels
    assert {c.method for c in grid.contours} == {"grid", "curve"}
    assert {c.level for c in grid.contours} <= {level.delta_chi2 for level in grid.levels}
    _assert_same_contours(grid.contours, contours.contours)


def test_open_contours_are_read_as_open(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.export)
    closed = [c.closed for g in bundle.grids.values() for c in g.contours]
    from_csv = [c.closed for stem in bundle.grids for c in bundle.files[f"{stem}_contours.csv"]]
    assert closed == from_csv
    assert any(closed) and not all(closed)


def test_intervals_from_csv_header_equal_json(outputs: Outputs) -> None:
    from_json = x17fit_io.load(outputs.profile_json)
    from_csv = x17fit_io.load(outputs.profile_csv)
    assert [r.delta_chi2 for r in from_json.intervals] == [1.0, 4.0, 9.0]
    assert from_csv.intervals == from_json.intervals
    for r in from_json.intervals:
        assert r.label in ("1σ", "2σ", "3σ")
        lower, upper = r.segments[0]
        assert lower < r.best_fit < upper
        assert from_json.best_fit["mX"] == r.best_fit


def test_disconnected_intervals_of_a_coupling(outputs: Outputs) -> None:
    from_json = x17fit_io.load(outputs.coupling / "profile_eps_n.json")
    from_csv = x17fit_io.load(outputs.coupling / "profile_eps_n.csv")
    assert from_csv.intervals == from_json.intervals
    for r in from_json.intervals:
        assert len(r.segments) == 2
        (a, b), (c, d) = r.segments
        assert a < b < 0 < c < r.best_fit < d
        assert r.crossings == (a, b, c, d)


def test_intervals_running_past_the_grid(outputs: Outputs) -> None:
    from_json = x17fit_io.load(outputs.slice / "slice_mX.json")
    from_csv = x17fit_io.load(outputs.slice / "slice_mX.csv")
    assert from_csv.intervals == from_json.intervals
    ends = [end for r in from_json.intervals for s in r.segments for end in s]
    assert None in ends and any(end is not None for end in ends)


def test_interval_line_with_open_ends_and_two_ranges() -> None:
    r = parse_interval("delta_chi2=4.0 cl=0.9544997361036416 label=2σ best=0.0053 segments=[..,-0.0041] [0.0041,0.0062]")
    assert r.segments == ((None, -0.0041), (0.0041, 0.0062))
    assert r.crossings == (-0.0041, 0.0041, 0.0062)
    assert (r.delta_chi2, r.cl, r.label, r.best_fit) == (4.0, 0.9544997361036416, "2σ", 0.0053)
    bare = parse_interval("delta_chi2=2.5 best=1.0 segments=[0.5,..]")
    assert (bare.cl, bare.label, bare.segments) == (None, None, ((0.5, None),))
    with pytest.raises(ValueError, match="cannot read the interval line"):
        parse_interval("delta_chi2=1.0 segments=[0,1]")


def test_grid_to_pandas_matches_the_csv(outputs: Outputs) -> None:
    pd = pytest.importorskip("pandas")
    frame = x17fit_io.load(outputs.plane_json).to_pandas()
    expected = pd.read_csv(outputs.plane_csv, comment="#")
    assert list(frame.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False, rtol=0, atol=0)
    assert frame.attrs["fit"] == "dg2023-vector-none"
    contours = x17fit_io.load(outputs.plane_contours_csv).to_pandas()
    raw = pd.read_csv(outputs.plane_contours_csv, comment="#")
    pd.testing.assert_frame_equal(contours.drop(columns="closed"), raw, check_dtype=False, rtol=0, atol=0)
