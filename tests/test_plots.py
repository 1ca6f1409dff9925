"""Tests for utils.plots: one way to save figures (PNG + SVG + CSV), SVGs drawn in a helper process."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.ticker import FuncFormatter

from utils import plots


def _figure(title: str = "A title"):
    plots.apply_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.barh(["a", "b"], [1, 2])
    ax.set_title(title)
    return fig


def test_save_and_show_writes_png_csv_now_and_svg_after_finish(tmp_path):
    data = pd.DataFrame({"x": [1, 2]})
    plots.save_and_show(_figure(), "one", figures_dir=tmp_path, data=data)
    assert (tmp_path / "one.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "one.csv").read_text().splitlines()[0] == ",x"
    note = plots.finish_figures()
    assert (tmp_path / "one.svg").read_text().lstrip().startswith("<?xml")
    assert "1 figure(s) saved" in note and "one" in note
    assert plots.finish_figures() == "This notebook saved no figure."


def test_background_svg_is_the_svg_drawn_here(tmp_path):
    for folder, background in ((tmp_path / "here", False), (tmp_path / "helper", True)):
        fig = _figure()
        fig.get_layout_engine().execute(fig)
        fig._layout_engine = None
        with matplotlib.rc_context({"figure.constrained_layout.use": False}):
            plots.save_fig(fig, "same", figures_dir=folder, background=background)
        plt.close(fig)
    plots.finish_figures()
    assert (tmp_path / "here" / "same.svg").read_bytes() == (tmp_path / "helper" / "same.svg").read_bytes()


def test_unpicklable_figure_is_drawn_in_the_kernel(tmp_path):
    fig = _figure()
    fig.axes[0].xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}!"))  # a lambda cannot be pickled
    plots.save_and_show(fig, "lambda", figures_dir=tmp_path)
    assert (tmp_path / "lambda.svg").exists()  # written at once, not in the helper
    assert "lambda" in plots.finish_figures()


def test_a_failed_svg_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "_write_svg", _broken_writer)
    plots.save_and_show(_figure(), "broken", figures_dir=tmp_path)
    with pytest.raises(RuntimeError, match=r"SVG not written: .*broken\.svg"):
        plots.finish_figures()


def _broken_writer(payload: bytes, path: str, rc: dict) -> str:
    raise OSError("disk full")
