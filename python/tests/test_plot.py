"""Plotting with matplotlib's Agg backend: the figure is drawn, labelled and saved as a PNG."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import x17fit_io

from conftest import Outputs

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

INNER_BAND = np.array([8, 81, 156]) / 255


def _pixels_near(png: Path, rgb: np.ndarray) -> int:
    image = matplotlib.image.imread(png)[..., :3]
    return int(np.sum(np.all(np.abs(image - rgb) < 2 / 255, axis=-1)))


def test_plane_plot_png(outputs: Outputs, tmp_path: Path) -> None:
    grid = x17fit_io.load(outputs.plane_json)
    ax = x17fit_io.plot.plot_grid(grid)
    assert ax.get_title() == "dg2023-vector-none"
    assert ax.get_xlabel() == grid.axes[0].latex == "$\\varepsilon_n$"
    assert ax.get_ylabel() == "$\\varepsilon_p$"
    assert len(ax.get_lines()) == len(grid.contours) + 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["1σ (68.27% CL)", "2σ (95.45% CL)", "3σ (99.73% CL)", "minimizer contour", "best fit"]
    png = tmp_path / "plane.png"
    ax.figure.savefig(png, dpi=80)
    plt.close(ax.figure)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _pixels_near(png, INNER_BAND) > 200


def test_profile_plot_png(outputs: Outputs, tmp_path: Path) -> None:
    grid = x17fit_io.load(outputs.profile_csv)
    fig, ax = plt.subplots()
    assert x17fit_io.plot.plot_grid(grid, ax=ax) is ax
    assert ax.get_xlabel() == "mX [MeV]" and ax.get_ylabel() == "$\\Delta\\chi^2$"
    assert ax.get_ylim() == (0.0, pytest.approx(1.4 * 9.0))
    curve = ax.get_lines()[0]
    assert np.array_equal(curve.get_xdata(), grid.x)
    png = tmp_path / "profile.png"
    fig.savefig(png, dpi=80)
    plt.close(fig)
    assert _pixels_near(png, INNER_BAND) > 20


def test_grid_plot_method(outputs: Outputs) -> None:
    bundle = x17fit_io.load(outputs.export)
    ax = bundle.grids["profile_mX_eps_p"].plot()
    assert ax.get_xlabel() == "$m_X$ [MeV]"
    plt.close(ax.figure)
