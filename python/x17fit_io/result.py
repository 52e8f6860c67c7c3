"""Fit results (`x17fit fit --json`, `result.json`, `result.csv`), comparisons and `reproduce.json`."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import numpy as np

from ._common import Provenance, check_schema_version, optional_number, pandas_module, read_text

RESULT_CSV_TITLE = "x17fit fit result: "


@dataclass(frozen=True)
class Minos:
    """A MINOS interval relative to the value (`lower` ≤ 0 ≤ `upper`) with Minuit's flags per side.

    Read from a `result.csv`, only `lower`, `upper` and `valid` are known; the other fields are None."""

    lower: float
    upper: float
    valid: bool
    lower_valid: Optional[bool] = None
    upper_valid: Optional[bool] = None
    at_lower_limit: Optional[bool] = None
    at_upper_limit: Optional[bool] = None
    at_lower_max_fcn: Optional[bool] = None
    at_upper_max_fcn: Optional[bool] = None
    lower_new_min: Optional[bool] = None
    upper_new_min: Optional[bool] = None
    nfcn: Optional[int] = None


@dataclass(frozen=True)
class Parameter:
    """A fit parameter: value, HESSE error (0 when fixed), MINOS (None when not run), limits `(lower, upper)`
    with None for an open side (None without limits), unit."""

    name: str
    value: float
    error: float
    minos: Optional[Minos]
    fixed: bool
    limits: Optional[Tuple[Optional[float], Optional[float]]]
    unit: str


@dataclass(frozen=True, eq=False)
class LabelledMatrix:
    """A square matrix over named parameters: `matrix[i, j]` belongs to `names[i]`, `names[j]`.

    `m["eps_n", "eps_p"]` reads one element by name."""

    names: Tuple[str, ...]
    matrix: np.ndarray

    def __getitem__(self, key: Tuple[str, str]) -> float:
        a, b = key
        return float(self.matrix[self.names.index(a), self.names.index(b)])

    def to_pandas(self) -> Any:
        """The matrix as a DataFrame with the names as index and columns."""
        pd = pandas_module()
        return pd.DataFrame(self.matrix, index=list(self.names), columns=list(self.names))


@dataclass(frozen=True)
class Term:
    """One χ² term: pull = (predicted − observed)/sigma; `chi2_offset` for summary rows."""

    kind: str
    dataset: str
    id: str
    observed: float
    predicted: float
    sigma: float
    pull: float
    chi2_offset: Optional[float] = None


@dataclass(eq=False)
class FitResult:
    """One fit, from `x17fit fit --json`, a `result.json` or a `result.csv`.

    `flags` holds Minuit's validity flags of the minimum (`valid`, `edm`, `accurate_covariance`, …). A result read
    from a `result.csv` has only the parameter table, χ², ndof, p-value, Nσ and validity; the rest is empty or None."""

    fit: str
    description: str
    hypothesis: str
    isospin: str
    he_convention: str
    parameters: List[Parameter]
    chi2: float
    ndof: int
    pvalue: Optional[float]
    nsigma: Optional[float]
    flags: Dict[str, Any]
    covariance: Optional[LabelledMatrix]
    correlation: Optional[LabelledMatrix]
    fixed_parameters: List[str]
    terms: List[Term]
    provenance: Provenance
    he_convention_note: Optional[str] = None
    data_points: Optional[int] = None
    chi2_offset: Optional[float] = None
    derived: List[Dict[str, Any]] = field(default_factory=list)
    published: Optional[Dict[str, Any]] = None
    source: Optional[Path] = None
    #: Nuclear inputs the user supplied where the shipped catalogue has none ({id, value, uncertainty, source, location}).
    user_supplied_inputs: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether Minuit called the minimum valid."""
        return bool(self.flags.get("valid", False))

    def __getitem__(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(f"{self.fit}: no parameter '{name}' (has {', '.join(p.name for p in self.parameters)})")

    @property
    def values(self) -> Dict[str, float]:
        """Parameter values by name."""
        return {p.name: p.value for p in self.parameters}

    @property
    def errors(self) -> Dict[str, float]:
        """HESSE errors by name."""
        return {p.name: p.error for p in self.parameters}

    def to_pandas(self) -> Any:
        """The parameter table, indexed by name: value, error, minos_lower, minos_upper, minos_valid, fixed,
        lower_limit, upper_limit, unit (the columns of `result.csv`)."""
        pd = pandas_module()
        rows = []
        for p in self.parameters:
            lo, hi = p.limits if p.limits is not None else (None, None)
            rows.append({"name": p.name, "value": p.value, "error": p.error,
                         "minos_lower": p.minos.lower if p.minos else math.nan,
                         "minos_upper": p.minos.upper if p.minos else math.nan,
                         "minos_valid": p.minos.valid if p.minos else None, "fixed": p.fixed,
                         "lower_limit": math.nan if lo is None else lo, "upper_limit": math.nan if hi is None else hi,
                         "unit": p.unit})
        frame = pd.DataFrame(rows).set_index("name")
        frame.attrs.update(fit=self.fit, chi2=self.chi2, ndof=self.ndof, pvalue=self.pvalue, nsigma=self.nsigma)
        return frame

    def terms_to_pandas(self) -> Any:
        """The χ² terms (pulls), one row each."""
        pd = pandas_module()
        return pd.DataFrame([t.__dict__ for t in self.terms],
                            columns=["kind", "dataset", "id", "observed", "predicted", "sigma", "pull", "chi2_offset"])


def _matrix(d: Optional[Dict[str, Any]]) -> Optional[LabelledMatrix]:
    if d is None:
        return None
    return LabelledMatrix(names=tuple(d["parameters"]), matrix=np.array(d["matrix"], dtype=float))


def _limits(v: Any) -> Optional[Tuple[Optional[float], Optional[float]]]:
    if v is None:
        return None
    return (None if v[0] is None else float(v[0]), None if v[1] is None else float(v[1]))


def result_from_json(doc: Dict[str, Any], path: Optional[Path] = None) -> FitResult:
    """Builds a :class:`FitResult` from a parsed fit JSON (schema `fit`, version 1)."""
    where = path or Path(f"<fit {doc.get('fit', '?')}>")
    check_schema_version(doc, where, "fit")
    params = []
    for p in doc["parameters"]:
        m = p.get("minos")
        minos = None if m is None else Minos(**{k: m[k] for k in Minos.__dataclass_fields__})
        params.append(Parameter(name=p["name"], value=float(p["value"]), error=float(p["error"]), minos=minos,
                                fixed=bool(p["fixed"]), limits=_limits(p.get("limits")), unit=p["unit"]))
    result = FitResult(
        fit=doc["fit"], description=doc["description"], hypothesis=doc["hypothesis"], isospin=doc["isospin"],
        he_convention=doc["he_convention"], parameters=params, chi2=float(doc["chi2"]), ndof=int(doc["ndof"]),
        pvalue=doc.get("pvalue"), nsigma=doc.get("nsigma"), flags=dict(doc["minimum"]),
        covariance=_matrix(doc.get("covariance")), correlation=_matrix(doc.get("correlation")),
        fixed_parameters=list(doc["fixed_parameters"]),
        terms=[Term(**{k: t.get(k) for k in Term.__dataclass_fields__}) for t in doc["terms"]],
        provenance=Provenance.from_json(doc["provenance"]), he_convention_note=doc.get("he_convention_note"),
        data_points=doc.get("data_points"), chi2_offset=doc.get("chi2_offset"), derived=list(doc.get("derived") or []),
        published=doc.get("published"), source=path,
        user_supplied_inputs=list(doc.get("user_supplied_inputs") or []))
    for m in (result.covariance, result.correlation):
        if m is not None and m.matrix.shape != (len(m.names), len(m.names)):
            raise ValueError(f"{where}: a matrix of shape {m.matrix.shape} for {len(m.names)} parameters")
    return result


def _words(line: str) -> Dict[str, str]:
    return dict(w.partition("=")[::2] for w in line.split())


def read_result_csv(path: Path) -> FitResult:
    """Reads a `result.csv` (parameter table with `#` header lines)."""
    text = read_text(path)
    lines = text.title + [f"{k}: {v}" for k, v in text.entries]
    if not lines or not lines[0].startswith(RESULT_CSV_TITLE):
        raise ValueError(f"{path}: not an x17fit result CSV")
    name, _, description = lines[0][len(RESULT_CSV_TITLE):].partition(" — ")
    conventions = next((_words(l) for l in lines if l.startswith("hypothesis=")), {})
    stats = next((_words(l) for l in lines if l.startswith("chi2=")), None)
    generator = next((l for l in lines if l.startswith("generator: ")), None)
    if stats is None or generator is None:
        raise ValueError(f"{path}: the chi2= or generator: header line is missing")
    gen = generator[len("generator: "):].split()
    provenance = Provenance(x17fit=gen[1], git=gen[3], spec_sha256=gen[5] if len(gen) > 5 else None)
    columns, rows = text.rows()
    params = []
    for r in rows:
        row = dict(zip(columns, r))
        lower, upper = optional_number(row["minos_lower"]), optional_number(row["minos_upper"])
        minos = None if lower is None or upper is None else Minos(lower, upper, row["minos_valid"] == "true")
        lo, hi = optional_number(row["lower_limit"]), optional_number(row["upper_limit"])
        params.append(Parameter(name=row["name"], value=float(row["value"]), error=float(row["error"]), minos=minos,
                                fixed=row["fixed"] == "true", limits=None if lo is None and hi is None else (lo, hi),
                                unit=row["unit"]))
    return FitResult(
        fit=name, description=description, hypothesis=conventions.get("hypothesis", ""),
        isospin=conventions.get("isospin", ""), he_convention=conventions.get("he_convention", ""),
        parameters=params, chi2=float(stats["chi2"]), ndof=int(stats["ndof"]),
        pvalue=optional_number(stats.get("pvalue", "")), nsigma=optional_number(stats.get("nsigma", "")),
        flags={"valid": stats.get("valid") == "true"}, covariance=None, correlation=None,
        fixed_parameters=[p.name for p in params if p.fixed], terms=[], provenance=provenance, source=path)


@dataclass(frozen=True)
class ComparisonRow:
    """One fit of a comparison: χ², ndof, p-value, Nσ, AIC = χ² + 2k, BIC = χ² + k ln n, and the data-set label
    (`D1`, …: fits with the same label used the same data)."""

    fit: str
    data: str
    hypothesis: str
    isospin: str
    chi2: float
    ndof: int
    pvalue: Optional[float]
    nsigma: Optional[float]
    free_parameters: int
    data_points: int
    aic: float
    bic: float
    valid: bool
    user_supplied_inputs: Optional[List[Dict[str, Any]]] = None


@dataclass(eq=False)
class Comparison:
    """`x17fit compare --json`: one :class:`ComparisonRow` per fit."""

    generator: str
    fits: List[ComparisonRow]
    source: Optional[Path] = None

    def __len__(self) -> int:
        return len(self.fits)

    def __iter__(self) -> Iterator[ComparisonRow]:
        return iter(self.fits)

    def __getitem__(self, name: str) -> ComparisonRow:
        for row in self.fits:
            if row.fit == name:
                return row
        raise KeyError(name)

    def to_pandas(self) -> Any:
        """One row per fit, indexed by fit name."""
        pd = pandas_module()
        return pd.DataFrame([r.__dict__ for r in self.fits]).set_index("fit")


def comparison_from_json(doc: Dict[str, Any], path: Optional[Path] = None) -> Comparison:
    """Builds a :class:`Comparison` from a parsed `compare --json` (schema `compare`, version 1)."""
    check_schema_version(doc, path or Path("<compare>"), "compare")
    return Comparison(generator=doc["generator"],
                      fits=[ComparisonRow(**{k: f.get(k) for k in ComparisonRow.__dataclass_fields__})
                            for f in doc["fits"]], source=path)


@dataclass(eq=False)
class Reproduce:
    """`reproduce.json`: every canonical fit, each with `published` (the paper's numbers and ours − theirs)."""

    fits: List[FitResult]
    source: Optional[Path] = None
    #: Data-set label (D1, D2, …) → the fits that use exactly the same data rows.
    data_sets: Dict[str, List[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.fits)

    def data_set(self, fit: str) -> Optional[str]:
        """The label of the data set `fit` used (fits are comparable only within one data set)."""
        return next((label for label, names in self.data_sets.items() if fit in names), None)

    def __iter__(self) -> Iterator[FitResult]:
        return iter(self.fits)

    def __getitem__(self, name: str) -> FitResult:
        for r in self.fits:
            if r.fit == name:
                return r
        raise KeyError(name)

    def to_pandas(self) -> Any:
        """One row per fit: χ², ndof, p-value, Nσ, validity, and each parameter's value and error."""
        pd = pandas_module()
        rows = []
        for r in self.fits:
            row: Dict[str, Any] = {"fit": r.fit, "data_set": self.data_set(r.fit), "hypothesis": r.hypothesis, "isospin": r.isospin, "chi2": r.chi2,
                                   "ndof": r.ndof, "pvalue": r.pvalue, "nsigma": r.nsigma, "valid": r.valid}
            for p in r.parameters:
                row[p.name] = p.value
                row[p.name + "_error"] = p.error
            rows.append(row)
        return pd.DataFrame(rows).set_index("fit")


def reproduce_from_json(doc: Dict[str, Any], path: Optional[Path] = None) -> Reproduce:
    """Builds a :class:`Reproduce` from a parsed `reproduce.json` (schema `reproduce`, version 1)."""
    where = path or Path("<reproduce>")
    check_schema_version(doc, where, "reproduce")
    fits = [result_from_json(f, Path(f"{where} fits[{k}] ({f.get('fit', '?')})")) for k, f in enumerate(doc["fits"])]
    for r in fits:
        r.source = path
    data_sets = {d["label"]: list(d["fits"]) for d in doc.get("data_sets", [])}
    return Reproduce(fits=fits, source=path, data_sets=data_sets)
