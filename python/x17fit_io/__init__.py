"""Read x17fit outputs into numpy (and pandas), and redraw them with matplotlib.

    import x17fit_io
    grid = x17fit_io.load("notebooks-export/dg2023-vector-none/profile_eps_n_eps_p.json")
    grid.delta_chi2.shape            # (ny, nx)
    x17fit_io.plot.plot_grid(grid)   # needs matplotlib

Nothing here imports x17fit; matplotlib and pandas are imported only when plotting or calling `to_pandas()`.
"""
from __future__ import annotations

import importlib
from typing import Any

from ._common import SCHEMA_VERSION, Provenance
from .grid import Axis, Contour, Contours, Grid, Interval, Level, parse_interval
from .loader import Bundle, load
from .result import Comparison, ComparisonRow, FitResult, LabelledMatrix, Minos, Parameter, Reproduce, Term

__version__ = "0.1.0"

__all__ = ["load", "Bundle", "Grid", "Axis", "Level", "Interval", "Contour", "Contours", "FitResult", "Parameter",
           "Minos", "LabelledMatrix", "Term", "Comparison", "ComparisonRow", "Reproduce", "Provenance",
           "parse_interval", "SCHEMA_VERSION", "plot"]


def __getattr__(name: str) -> Any:
    if name == "plot":
        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
