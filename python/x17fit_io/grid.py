"""Profile-likelihood and slice grids (`profile_<stem>.json` / `.csv`) and their contour lines."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from ._common import (Provenance, TextFile, check_schema_version, key_values, optional_number, pandas_module,
                      read_text)

_REPEATED = ("convention", "interval", "data_sha256")

GRID_CSV_TITLE = "x17fit profile grid: tidy CSV, one row per grid point"
CONTOUR_CSV_TITLE = "x17fit contour lines: one row per vertex; segment_id numbers the curves"


@dataclass(frozen=True)
class Axis:
    """A scanned parameter: name, unit (None when dimensionless), spacing (linear, log or explicit) and LaTeX
    label (None when read from a CSV, which does not carry it)."""

    name: str
    unit: Optional[str]
    spacing: str
    latex: Optional[str] = None

    @property
    def label(self) -> str:
        """An axis label for matplotlib: the LaTeX label (or the name) and the unit in brackets."""
        text = self.latex or self.name
        return f"{text} [{self.unit}]" if self.unit else text


@dataclass(frozen=True)
class Level:
    """A contour level: Δχ² threshold, the probability it stands for, and its short label (e.g. `1σ`)."""

    delta_chi2: float
    cl: float
    label: str


@dataclass(frozen=True)
class Interval:
    """A 1-D profile's region Δχ² ≤ `delta_chi2`: the refined crossings and the ranges they bound.

    `segments` holds `(lower, upper)` pairs; an end is None where the region runs past the grid, and there is
    more than one pair when the region is not connected. `cl` and `label` are None for a level not among the
    grid's levels."""

    delta_chi2: float
    cl: Optional[float]
    label: Optional[str]
    best_fit: float
    crossings: Tuple[float, ...]
    segments: Tuple[Tuple[Optional[float], Optional[float]], ...]


class Contour(NamedTuple):
    """One contour polyline: level (Δχ²), cl (None when unknown), method (`grid` for marching squares, `curve`
    for the minimizer's contour), closed, and the vertices x, y (a closed curve repeats its first point)."""

    level: float
    cl: Optional[float]
    method: str
    closed: bool
    x: np.ndarray
    y: np.ndarray


def _contours_frame(contours: Sequence[Contour], xname: str, yname: str) -> Any:
    pd = pandas_module()
    rows: Dict[str, list] = {xname: [], yname: [], "level": [], "cl": [], "segment_id": [], "method": [],
                             "closed": []}
    for k, c in enumerate(contours):
        n = len(c.x)
        rows[xname].extend(c.x.tolist())
        rows[yname].extend(c.y.tolist())
        rows["level"].extend([c.level] * n)
        rows["cl"].extend([math.nan if c.cl is None else c.cl] * n)
        rows["segment_id"].extend([k] * n)
        rows["method"].extend([c.method] * n)
        rows["closed"].extend([c.closed] * n)
    return pd.DataFrame(rows)


@dataclass(eq=False)
class Grid:
    """A profiled (or sliced) χ² grid over one or two parameters.

    Arrays of a 2-D grid have shape `(ny, nx)`: `delta_chi2[j, i]` is at `(x[i], y[j])`. A 1-D grid has
    `y = None` and arrays of shape `(nx,)`. Non-finite χ² and profiled values are NaN; `status` says why
    (`ok`, `retried`, `failed`, `not_computed`).

    A grid read from a CSV takes its contours from the `<stem>_contours.csv` beside it when there is one; it has
    no LaTeX labels (`Axis.latex` is None). Interval crossings read from a CSV are the finite segment ends."""

    fit: str
    description: str
    data: str
    conventions: Dict[str, str]
    kind: str
    axes: List[Axis]
    x: np.ndarray
    y: Optional[np.ndarray]
    chi2_min: float
    best_fit: Dict[str, float]
    chi2: np.ndarray
    delta_chi2: np.ndarray
    status: np.ndarray
    nfcn: np.ndarray
    profiled: List[str]
    profiled_values: Dict[str, np.ndarray]
    levels: List[Level]
    contours: List[Contour]
    intervals: List[Interval]
    provenance: Provenance
    order: str = ""
    source: Optional[Path] = None
    header: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def metadata(self) -> Dict[str, Any]:
        """The `# key: value` header lines of a grid read from a CSV, as a dict (`fit`, `kind`, `x`, `order`,
        `chi2_min`, `levels`, …; the repeating keys `convention`, `interval` and `data_sha256` map to lists of
        values); empty for a grid read from JSON."""
        out: Dict[str, Any] = {}
        for key, value in self.header:
            if key in _REPEATED:
                out.setdefault(key, []).append(value)
            else:
                out.setdefault(key, value)
        return out

    @property
    def ndim(self) -> int:
        """1 for a 1-D profile, 2 for a plane."""
        return 1 if self.y is None else 2

    @property
    def shape(self) -> Tuple[int, ...]:
        """`(ny, nx)` or `(nx,)`."""
        return tuple(self.delta_chi2.shape)

    @property
    def xname(self) -> str:
        return self.axes[0].name

    @property
    def yname(self) -> Optional[str]:
        return self.axes[1].name if len(self.axes) > 1 else None

    def to_pandas(self) -> Any:
        """The tidy table, one row per point in y-major order (x varies fastest), with the CSV's columns:
        x [, y], chi2, delta_chi2, status, one column per profiled parameter, nfcn. `attrs` holds fit, kind,
        chi2_min and best_fit."""
        pd = pandas_module()
        columns: Dict[str, Any] = {}
        if self.y is None:
            columns[self.xname] = self.x
        else:
            xx, yy = np.meshgrid(self.x, self.y)
            columns[self.xname] = xx.ravel()
            columns[self.yname] = yy.ravel()
        columns["chi2"] = self.chi2.ravel()
        columns["delta_chi2"] = self.delta_chi2.ravel()
        columns["status"] = self.status.ravel()
        for name in self.profiled:
            columns[name] = self.profiled_values[name].ravel()
        columns["nfcn"] = self.nfcn.ravel()
        frame = pd.DataFrame(columns)
        frame.attrs.update(fit=self.fit, kind=self.kind, chi2_min=self.chi2_min, best_fit=dict(self.best_fit))
        return frame

    def contours_to_pandas(self) -> Any:
        """The contour vertices, one row each: x, y (named after the axes), level, cl, segment_id, method, closed."""
        if self.y is None:
            raise ValueError(f"{self.source or self.fit}: a 1-D profile has no contours")
        return _contours_frame(self.contours, self.xname, self.yname or "y")

    def plot(self, ax: Any = None) -> Any:
        """Draws the grid with :func:`x17fit_io.plot.plot_grid`; returns the axes."""
        from .plot import plot_grid
        return plot_grid(self, ax=ax)


@dataclass(eq=False)
class Contours:
    """The contour lines of a `<stem>_contours.csv`, with the header's provenance entries."""

    fit: str
    xname: str
    yname: str
    levels: List[Level]
    contours: List[Contour]
    source: Optional[Path] = None
    header: List[Tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.contours)

    def __iter__(self):
        return iter(self.contours)

    def __getitem__(self, k: int) -> Contour:
        return self.contours[k]

    def to_pandas(self) -> Any:
        """One row per vertex: x, y (named after the axes), level, cl, segment_id, method, closed."""
        return _contours_frame(self.contours, self.xname, self.yname)


def grid_from_json(doc: Dict[str, Any], path: Optional[Path] = None) -> Grid:
    """Builds a :class:`Grid` from a parsed `profile_<stem>.json` (schema `profile`, version 1)."""
    check_schema_version(doc, path or Path("<grid>"), "profile")
    axes = [Axis(name=a["name"], unit=a.get("unit"), spacing=a["spacing"], latex=a.get("latex")) for a in doc["axes"]]
    levels = [Level(float(l["delta_chi2"]), float(l["cl"]), l["label"]) for l in doc["levels"]]
    contours = [Contour(level=float(c["level"]), cl=None if c.get("cl") is None else float(c["cl"]),
                        method=c["method"], closed=bool(c["closed"]),
                        x=np.array(c["x"], dtype=float), y=np.array(c["y"], dtype=float))
                for c in doc["contours"]]
    intervals = [Interval(delta_chi2=float(r["delta_chi2"]), cl=None if r.get("cl") is None else float(r["cl"]),
                          label=r.get("label"), best_fit=float(r["best_fit"]),
                          crossings=tuple(float(v) for v in r["crossings"]),
                          segments=tuple((None if s["lower"] is None else float(s["lower"]),
                                          None if s["upper"] is None else float(s["upper"])) for s in r["segments"]))
                 for r in doc.get("intervals") or []]
    y = None if doc.get("y") is None else np.array(doc["y"], dtype=float)
    grid = Grid(
        fit=doc["fit"], description=doc["description"], data=doc["data"], conventions=dict(doc["conventions"]),
        kind=doc["kind"], axes=axes, x=np.array(doc["x"], dtype=float), y=y,
        chi2_min=float(doc["chi2_min"]), best_fit={k: float(v) for k, v in doc["best_fit"].items()},
        chi2=np.array(doc["chi2"], float), delta_chi2=np.array(doc["delta_chi2"], float),
        status=np.array(doc["status"], object), nfcn=np.array(doc["nfcn"], np.int64),
        profiled=list(doc["profiled"]),
        profiled_values={k: np.array(v, float) for k, v in doc["profiled_values"].items()},
        levels=levels, contours=contours, intervals=intervals, provenance=Provenance.from_json(doc["provenance"]),
        order=doc.get("order", ""), source=path)
    _check_shapes(grid, path)
    return grid


def _check_shapes(grid: Grid, path: Optional[Path]) -> None:
    expected = (len(grid.x),) if grid.y is None else (len(grid.y), len(grid.x))
    tables = {"chi2": grid.chi2, "delta_chi2": grid.delta_chi2, "status": grid.status, "nfcn": grid.nfcn,
              **{f"profiled_values[{k}]": v for k, v in grid.profiled_values.items()}}
    for name, table in tables.items():
        if table.shape != expected:
            raise ValueError(f"{path or grid.fit}: {name} has shape {table.shape}, expected {expected}")


_AXIS = re.compile(r"^(?P<name>\S+)(?: \[(?P<unit>.*)\])?, (?P<n>\d+) values, (?P<spacing>\w+) spacing$")
_INTERVAL = re.compile(r"^delta_chi2=(?P<level>\S+)(?: cl=(?P<cl>\S+) label=(?P<label>\S+))? best=(?P<best>\S+) "
                       r"segments=(?P<segments>.*)$")
_SEGMENT = re.compile(r"\[([^,\]]+),([^,\]]+)\]")


def _axis(text: str, path: Path) -> Tuple[Axis, int]:
    m = _AXIS.match(text)
    if not m:
        raise ValueError(f"{path}: cannot read the axis header line '{text}'")
    return Axis(name=m["name"], unit=m["unit"], spacing=m["spacing"]), int(m["n"])


def _end(text: str) -> Optional[float]:
    return None if text == ".." else float(text)


def parse_interval(text: str, path: Optional[Path] = None) -> Interval:
    """Parses the value of an `# interval:` header line, e.g.
    `delta_chi2=1.0 cl=0.68 label=1σ best=16.84 segments=[16.80,16.88] [..,3.0]`."""
    m = _INTERVAL.match(text)
    if not m:
        raise ValueError(f"{path or '<header>'}: cannot read the interval line '{text}'")
    segments = tuple((_end(lo), _end(hi)) for lo, hi in _SEGMENT.findall(m["segments"]))
    crossings = tuple(v for s in segments for v in s if v is not None)
    return Interval(delta_chi2=float(m["level"]), cl=None if m["cl"] is None else float(m["cl"]), label=m["label"],
                    best_fit=float(m["best"]), crossings=crossings, segments=segments)


def _split(text: str) -> List[str]:
    return text.split(",") if text else []


def _levels(text: TextFile, path: Path) -> List[Level]:
    values = [float(v) for v in _split(text.require("levels", path))]
    cls = [float(v) for v in _split(text.require("cl", path))]
    labels = _split(text.require("level_labels", path))
    if not len(values) == len(cls) == len(labels):
        raise ValueError(f"{path}: the levels, cl and level_labels lines have different lengths")
    return [Level(d, c, l) for d, c, l in zip(values, cls, labels)]


def _provenance(text: TextFile, path: Path) -> Provenance:
    generator = text.require("generator", path)
    return Provenance(x17fit=generator.removeprefix("x17fit "), git=text.require("git", path), spec_sha256=text.first("spec_sha256"),
                      datasets_sha256=key_values(text.all("data_sha256")))


def _best_fit(text: TextFile, path: Path) -> Dict[str, float]:
    return {k: float(v) for k, v in key_values(_split(text.require("best_fit", path))).items()}


def _kind(text: TextFile, path: Path) -> str:
    return text.require("kind", path).split(" ", 1)[0]


def contours_from_rows(columns: List[str], rows: List[List[str]], path: Path) -> List[Contour]:
    """Groups contour-CSV rows (x, y, level, cl, segment_id, method) into curves, in segment_id order; a curve
    is closed when its last vertex repeats its first."""
    expected = ["level", "cl", "segment_id", "method"]
    if len(columns) != 6 or columns[2:] != expected:
        raise ValueError(f"{path}: expected columns x, y, {', '.join(expected)}; got {', '.join(columns)}")
    curves: Dict[int, List[List[str]]] = {}
    for r in rows:
        curves.setdefault(int(r[4]), []).append(r)
    out: List[Contour] = []
    for k in sorted(curves):
        rs = curves[k]
        x = np.array([float(r[0]) for r in rs])
        y = np.array([float(r[1]) for r in rs])
        closed = len(x) > 2 and x[0] == x[-1] and y[0] == y[-1]
        out.append(Contour(level=float(rs[0][2]), cl=optional_number(rs[0][3]), method=rs[0][5], closed=bool(closed),
                           x=x, y=y))
    return out


def read_contour_csv(path: Path, text: Optional[TextFile] = None) -> Contours:
    """Reads a `<stem>_contours.csv`."""
    text = text or read_text(path)
    columns, rows = text.rows()
    return Contours(fit=text.require("fit", path), xname=columns[0] if columns else "x",
                    yname=columns[1] if len(columns) > 1 else "y", levels=_levels(text, path),
                    contours=contours_from_rows(columns, rows, path), source=path, header=list(text.entries))


def read_grid_csv(path: Path, text: Optional[TextFile] = None) -> Grid:
    """Reads a tidy grid CSV (`profile_<stem>.csv`) and the `<stem>_contours.csv` beside it when there is one."""
    text = text or read_text(path)
    xaxis, nx = _axis(text.require("x", path), path)
    yline = text.first("y")
    yaxis, ny = _axis(yline, path) if yline is not None else (None, 1)
    profiled = [] if text.require("profiled", path) == "none" else _split(text.require("profiled", path))
    columns, rows = text.rows()
    names = [xaxis.name] + ([yaxis.name] if yaxis else [])
    expected = names + ["chi2", "delta_chi2", "status"] + profiled + ["nfcn"]
    if columns != expected:
        raise ValueError(f"{path}: expected columns {', '.join(expected)}; got {', '.join(columns)}")
    if len(rows) != nx * ny:
        raise ValueError(f"{path}: {len(rows)} rows, expected {nx} × {ny} = {nx * ny}")
    shape = (nx,) if yaxis is None else (ny, nx)

    def column(k: int) -> np.ndarray:
        return np.array([float(r[k]) if r[k] != "" else math.nan for r in rows]).reshape(shape)

    xs = column(0)
    x = xs if yaxis is None else xs[0].copy()
    y = None
    if yaxis is not None:
        ys = column(1)
        y = ys[:, 0].copy()
        if not (np.array_equal(xs, np.broadcast_to(x, shape)) and np.array_equal(ys, np.broadcast_to(y[:, None], shape))):
            raise ValueError(f"{path}: rows are not in y-major order (x varying fastest)")
    base = len(names)
    status = np.array([r[base + 2] for r in rows], dtype=object).reshape(shape)
    contours: List[Contour] = []
    sibling = path.with_name(path.stem + "_contours.csv")
    if yaxis is not None and sibling.is_file():
        contours = read_contour_csv(sibling).contours
    grid = Grid(
        fit=text.require("fit", path), description=text.first("description", "") or "",
        data=text.first("data", "") or "", conventions=key_values(text.all("convention")), kind=_kind(text, path),
        axes=[xaxis] + ([yaxis] if yaxis else []), x=x, y=y, chi2_min=float(text.require("chi2_min", path)),
        best_fit=_best_fit(text, path), chi2=column(base), delta_chi2=column(base + 1), status=status,
        nfcn=np.array([int(r[-1]) for r in rows], dtype=np.int64).reshape(shape), profiled=profiled,
        profiled_values={name: column(base + 3 + k) for k, name in enumerate(profiled)},
        levels=_levels(text, path), contours=contours,
        intervals=[parse_interval(v, path) for v in text.all("interval")], provenance=_provenance(text, path),
        order=text.first("order", "") or "", source=path, header=list(text.entries))
    return grid
