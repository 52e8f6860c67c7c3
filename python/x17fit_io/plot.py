"""Redraws x17fit grids with matplotlib (the figure of x17fit's SVG export, restylable in a notebook)."""
from __future__ import annotations

from typing import Any, List, Optional, Sequence

import numpy as np

from .grid import Grid, Level

_DARK = (8, 81, 156)
_LIGHT = (198, 219, 239)
_LINESTYLES = ["solid", "dashed", "dotted", "dashdot"]


def band_colors(count: int) -> List[str]:
    """Fill colours of the confidence regions, darkest for the innermost level (x17fit's blue ramp)."""
    if count <= 1:
        return ["#4292c6"]
    out = []
    for k in range(count):
        t = k / (count - 1)
        rgb = [int(np.floor(a + t * (b - a) + 0.5)) for a, b in zip(_DARK, _LIGHT)]
        out.append("#" + "".join(f"{c:02x}" for c in rgb))
    return out


def _level_label(level: Level) -> str:
    return f"{level.label} ({100 * level.cl:.4g}% CL)"


def _level_index(levels: Sequence[float], value: float) -> int:
    return int(np.argmin([abs(l - value) for l in levels])) if levels else 0


def _scale(ax: Any, grid: Grid) -> None:
    log_x = grid.axes[0].spacing == "log"
    log_y = grid.ndim == 2 and grid.axes[1].spacing == "log"
    if log_x:
        ax.set_xscale("log")
    if log_y:
        ax.set_yscale("log")
    if not log_x:
        ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 4), useMathText=True)
    if grid.ndim == 2 and not log_y:
        ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 4), useMathText=True)


def _fill_regions(grid: Grid, ax: Any, levels: List[float], colors: List[str], z: np.ndarray) -> None:
    """Fills the region Δχ² ≤ each level, outermost first. A level whose grid contours are all closed curves
    around points below it (islands, no holes) is filled inside those refined curves; any other level with
    matplotlib's contourf of the grid values."""
    from matplotlib.path import Path as MPath

    assert grid.y is not None
    xx, yy = np.meshgrid(grid.x, grid.y)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    values = grid.delta_chi2.ravel()

    def island(c: Any) -> bool:
        inside = values[MPath(np.column_stack([c.x, c.y])).contains_points(points)]
        inside = inside[np.isfinite(inside)]
        return inside.size == 0 or bool(np.mean(inside <= c.level) > 0.5)

    lowest = min(float(z.min()), 0.0) - 1.0
    curves = [c for c in grid.contours if c.method == "grid"]
    for k in reversed(range(len(levels))):
        mine = [c for c in curves if c.level == levels[k]]
        if mine and all(c.closed and island(c) for c in mine):
            for c in mine:
                ax.fill(c.x, c.y, color=colors[k], lw=0)
        else:
            ax.contourf(grid.x, grid.y, z, levels=[lowest, levels[k]], colors=[colors[k]])


def _plot_plane(grid: Grid, ax: Any) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    assert grid.y is not None
    levels = [l.delta_chi2 for l in grid.levels]
    colors = band_colors(len(levels))
    z = np.ma.masked_invalid(grid.delta_chi2)
    handles: List[Any] = []
    if levels and z.count() > 0:
        _fill_regions(grid, ax, levels, colors, z)
        handles += [Patch(facecolor=c, label=_level_label(l)) for l, c in zip(grid.levels, colors)]
    if grid.contours:
        methods = set()
        for c in grid.contours:
            style = _LINESTYLES[_level_index(levels, c.level) % len(_LINESTYLES)]
            color = "black" if c.method == "grid" else "tab:orange"
            ax.plot(c.x, c.y, color=color, lw=1.3, ls=style)
            methods.add(c.method)
        if "curve" in methods:
            handles.append(Line2D([], [], color="tab:orange", lw=1.3, label="minimizer contour"))
    elif levels and z.count() > 0:
        ax.contour(grid.x, grid.y, z, levels=levels, colors="black", linewidths=1.3,
                   linestyles=[_LINESTYLES[k % len(_LINESTYLES)] for k in range(len(levels))])
    xname, yname = grid.axes[0].name, grid.axes[1].name
    if xname in grid.best_fit and yname in grid.best_fit:
        handles += ax.plot([grid.best_fit[xname]], [grid.best_fit[yname]], marker="*", ms=14, color="tab:red",
                           ls="none", label="best fit")
    ax.set_xlim(grid.x[0], grid.x[-1])
    ax.set_ylim(grid.y[0], grid.y[-1])
    ax.set_xlabel(grid.axes[0].label)
    ax.set_ylabel(grid.axes[1].label)
    if handles:
        ax.legend(handles=handles, frameon=False, loc="best")


def _plot_profile(grid: Grid, ax: Any) -> None:
    colors = band_colors(len(grid.levels))
    ax.plot(grid.x, grid.delta_chi2, color="black", lw=2, label=f"{grid.kind} $\\Delta\\chi^2$")
    for k, (level, color) in enumerate(zip(grid.levels, colors)):
        ax.axhline(level.delta_chi2, ls="--", lw=1, color=color, label=_level_label(level))
    for interval in grid.intervals:
        k = _level_index([l.delta_chi2 for l in grid.levels], interval.delta_chi2)
        color = colors[k] if k < len(colors) else "grey"
        for lower, upper in interval.segments:
            lo = grid.x[0] if lower is None else lower
            hi = grid.x[-1] if upper is None else upper
            ax.hlines(interval.delta_chi2, lo, hi, colors=color, lw=4)
            ends = [v for v in (lower, upper) if v is not None]
            ax.vlines(ends, 0, interval.delta_chi2, colors=color, lw=1, linestyles="dotted")
    name = grid.axes[0].name
    if name in grid.best_fit:
        ax.plot([grid.best_fit[name]], [0], marker="*", ms=14, color="tab:red", ls="none", label="best fit",
                clip_on=False)
    top = 1.4 * max((l.delta_chi2 for l in grid.levels), default=float(np.nanmax(grid.delta_chi2)))
    ax.set_xlim(grid.x[0], grid.x[-1])
    ax.set_ylim(0, top)
    ax.set_xlabel(grid.axes[0].label)
    ax.set_ylabel("$\\Delta\\chi^2$")
    ax.legend(frameon=False, loc="best")


def plot_grid(grid: Grid, ax: Optional[Any] = None) -> Any:
    """Draws a grid on `ax` (a new figure when None) and returns the axes.

    A plane: the regions Δχ² ≤ each level filled (darkest innermost), the exported contour lines (black for the
    grid's marching squares, orange for the minimizer's curve; one line style per level) or, when the grid has
    none, matplotlib's own contours of Δχ², and the best fit as a star. A 1-D profile: the Δχ² curve, a dashed
    line at each level, the intervals as thick segments on their level with dotted lines down to the axis, and
    the best fit. Axes are labelled from the axes' LaTeX label (name when read from a CSV) and unit, the title is
    the fit's name."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 5.2))
    if grid.ndim == 2:
        _plot_plane(grid, ax)
    else:
        _plot_profile(grid, ax)
    _scale(ax, grid)
    ax.tick_params(direction="in", top=True, right=True, which="both")
    ax.set_title(grid.fit)
    return ax
