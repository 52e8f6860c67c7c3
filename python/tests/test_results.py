"""Fit results, comparisons and reproduce reports."""
from __future__ import annotations

import json
from pathlib import Path
import math

import numpy as np
import pytest

import x17fit_io
from x17fit_io import Comparison, FitResult, Reproduce
from x17fit_io.result import result_from_json

from conftest import Outputs


def test_covariance_is_symmetric_and_labelled(outputs: Outputs) -> None:
    result = x17fit_io.load(outputs.fit_json)
    assert isinstance(result, FitResult)
    free = [p.name for p in result.parameters if not p.fixed]
    assert free == ["mX", "eps_n", "eps_p"] and result.fixed_parameters == ["BR_ee"]
    cov, corr = result.covariance, result.correlation
    assert cov.names == corr.names == tuple(free)
    assert cov.matrix.shape == corr.matrix.shape == (3, 3)
    assert np.array_equal(cov.matrix, cov.matrix.T) and np.array_equal(corr.matrix, corr.matrix.T)
    assert np.all(np.linalg.eigvalsh(cov.matrix) > 0)
    sd = np.sqrt(np.diag(cov.matrix))
    for k, name in enumerate(free):
        # Minuit gives a bounded parameter the error through its limit transformation, not sqrt(cov).
        bounded = result[name].limits is not None
        assert sd[k] == pytest.approx(result[name].error, rel=1e-2 if bounded else 1e-9), name
    assert np.allclose(corr.matrix, cov.matrix / np.outer(sd, sd), rtol=1e-9, atol=1e-15)
    assert cov["eps_n", "eps_p"] == cov["eps_p", "eps_n"] == cov.matrix[1, 2]
    assert corr["eps_n", "eps_p"] > 0.9


def test_minos_per_side_and_flags(outputs: Outputs) -> None:
    result = x17fit_io.load(outputs.fit_json)
    assert result.valid and result.flags["accurate_covariance"] is True
    assert result.ndof == 11 and 0 < result.pvalue < 1e-3 and result.nsigma == pytest.approx(3.73, abs=0.01)
    for p in result.parameters:
        if p.fixed:
            assert p.minos is None and p.error == 0
            continue
        m = p.minos
        assert m.lower < 0 < m.upper
        assert m.valid and m.lower_valid and m.upper_valid
        assert not (m.at_lower_limit or m.at_upper_limit or m.lower_new_min or m.upper_new_min)
        assert m.nfcn > 0
    assert result["mX"].limits == (16.0, 17.6) and result["eps_n"].limits is None
    assert result["mX"].unit == "MeV"
    with pytest.raises(KeyError, match="no parameter 'nope'"):
        result["nope"]
    assert result.provenance.spec_sha256 and len(result.provenance.datasets_sha256) == 4
    assert {t.kind for t in result.terms} >= {"measurement", "summary", "prior"}


def test_result_csv_agrees_with_result_json(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.export)
    from_json, from_csv = bundle.files["result.json"], bundle.files["result.csv"]
    assert bundle.result is from_json
    assert (from_csv.fit, from_csv.description, from_csv.hypothesis, from_csv.isospin, from_csv.he_convention) == (
        from_json.fit, from_json.description, from_json.hypothesis, from_json.isospin, from_json.he_convention)
    assert (from_csv.chi2, from_csv.ndof, from_csv.pvalue, from_csv.nsigma, from_csv.valid) == (
        from_json.chi2, from_json.ndof, from_json.pvalue, from_json.nsigma, from_json.valid)
    assert (from_csv.provenance.x17fit, from_csv.provenance.git, from_csv.provenance.spec_sha256) == (
        from_json.provenance.x17fit, from_json.provenance.git, from_json.provenance.spec_sha256)
    assert len(from_csv.parameters) == len(from_json.parameters)
    for a, b in zip(from_csv.parameters, from_json.parameters):
        assert (a.name, a.value, a.error, a.fixed, a.limits, a.unit) == (b.name, b.value, b.error, b.fixed, b.limits,
                                                                          b.unit)
        assert (a.minos is None) == (b.minos is None)
        if a.minos:
            assert (a.minos.lower, a.minos.upper, a.minos.valid) == (b.minos.lower, b.minos.upper, b.minos.valid)
    assert from_csv.covariance is None


def test_result_to_pandas(outputs: Outputs) -> None:
    pytest.importorskip("pandas")
    result = x17fit_io.load(outputs.fit_json)
    table = result.to_pandas()
    assert list(table.index) == ["mX", "eps_n", "eps_p", "BR_ee"]
    assert table.loc["mX", "value"] == result["mX"].value
    assert table.loc["eps_p", "minos_lower"] == result["eps_p"].minos.lower
    assert math.isnan(table.loc["BR_ee", "minos_upper"])
    cov = result.covariance.to_pandas()
    assert cov.loc["eps_n", "mX"] == result.covariance["eps_n", "mX"]
    pulls = result.terms_to_pandas()
    assert len(pulls) == len(result.terms) and "pull" in pulls.columns


def test_comparison(outputs: Outputs) -> None:
    comparison = x17fit_io.load(outputs.compare_json)
    assert isinstance(comparison, Comparison)
    assert [r.fit for r in comparison] == ["dg2023-vector-none", "dg2023-vector-mixing"]
    none = comparison["dg2023-vector-none"]
    assert none.aic == pytest.approx(none.chi2 + 2 * none.free_parameters, rel=1e-12)
    assert none.bic == pytest.approx(none.chi2 + none.free_parameters * math.log(none.data_points), rel=1e-12)
    assert none.data == comparison["dg2023-vector-mixing"].data
    fit = x17fit_io.load(outputs.fit_json)
    assert none.chi2 == fit.chi2 and none.ndof == fit.ndof
    pytest.importorskip("pandas")
    assert comparison.to_pandas().loc["dg2023-vector-mixing", "isospin"] == "mixing"


def test_reproduce_report_and_folder(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.reproduce)
    assert bundle.kind == "reproduce"
    report = bundle.reproduce
    assert isinstance(report, Reproduce) and report is bundle.files["reproduce.json"]
    names = [r.fit for r in report]
    # Every canonical spec runs except the axial/mixed ones with a ⁴He row (their ⁴He(21.01) inputs are not found).
    specs = [f.stem for f in (Path(__file__).resolve().parents[2] / "fits").glob("*.toml")]
    available = [n for n in specs if not (n.startswith(("axial-", "mixed-")) and "-he" in n)]
    assert sorted(names) == sorted(available) and "dg2023-vector-none" in names and "atomki-masses" in names
    assert sorted(bundle.results) == sorted(names)
    for r in report:
        alone = bundle.results[r.fit]
        assert alone.chi2 == r.chi2 and alone.values == r.values
        assert r.valid
    none = report["dg2023-vector-none"]
    assert none.published["values"]["mX"] == 16.84
    assert abs(none["mX"].value - 16.84) < 0.01
    with open(outputs.fit_json, encoding="utf-8") as f:
        assert none.values == {p["name"]: p["value"] for p in json.load(f)["parameters"]}
    pytest.importorskip("pandas")
    assert report.to_pandas().loc["dg2023-vector-none", "ndof"] == 11


def test_user_supplied_inputs(outputs: Outputs) -> None:
    with open(outputs.fit_json, encoding="utf-8") as f:
        doc = json.load(f)
    assert result_from_json(doc).user_supplied_inputs == []
    entry = {"id": "He21_axial_charge_ME@mine", "value": 12.0, "uncertainty": 0.5, "source": "my estimate",
             "location": "datasets/nuclear/mine.csv:2"}
    doc["user_supplied_inputs"] = [entry]
    assert result_from_json(doc).user_supplied_inputs == [entry]
