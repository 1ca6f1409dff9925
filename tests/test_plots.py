"""Tests for utils.plots: one synchronous way to save figures (PNG + SVG + CSV), deterministic files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import IPython.display  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from utils import plots  # noqa: E402


def _figure(title: str = "A title"):
    plots.apply_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.barh(["a", "b"], [1, 2])
    ax.set_title(title)
    return fig


def test_save_fig_writes_png_svg_and_csv_and_shows_the_png(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(plots, "display", shown.append)
    fig = _figure("Claims dominate")
    assert (
        plots.save_fig(fig, "one", figures_dir=tmp_path, data=pd.DataFrame({"x": [1, 2]})) is None
    )  # shows nothing itself
    out = tmp_path / "one.png"
    assert (tmp_path / "one.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "one.svg").read_text().lstrip().startswith("<?xml")
    assert (tmp_path / "one.csv").read_text().splitlines() == [",x", "0,1", "1,2"]
    assert not plt.fignum_exists(fig.number)  # closed
    [image] = shown
    assert isinstance(image, IPython.display.Image) and image.data == out.read_bytes()
    assert image.alt == "Claims dominate" and image.width == int(4 * 110)


def test_save_fig_files_are_identical_on_a_repeat(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "display", lambda obj: None)
    for run in ("a", "b"):
        fig, axes = plt.subplots(1, 2, figsize=(6, 3))
        for i, ax in enumerate(axes):
            ax.barh(["claims", "reasons"], [i + 1, 2.35])
            ax.set_title(f"00{i}")
        fig.suptitle("A finding")
        plots.save_fig(fig, "same", figures_dir=tmp_path / run)
    for ext in ("png", "svg"):
        assert (tmp_path / "a" / f"same.{ext}").read_bytes() == (tmp_path / "b" / f"same.{ext}").read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a" / "same.svg").read_bytes()


def test_figure_suffixes_match_what_save_fig_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "display", lambda obj: None)
    plots.save_fig(_figure(), "x", figures_dir=tmp_path, data=pd.DataFrame({"x": [1]}))
    assert {p.suffix for p in tmp_path.iterdir()} == set(plots.FIGURE_FILES)


def test_alt_text_is_the_figures_finding():
    fig = _figure("Claims  dominate\nin 004")
    assert plots.alt_text(fig) == "Claims dominate in 004"
    fig.suptitle("The whole figure's finding")
    assert plots.alt_text(fig) == "The whole figure's finding"
    bare = plt.figure(label="A map drawn with text titles")
    assert plots.alt_text(bare) == "A map drawn with text titles"
    assert plots.alt_text(plt.figure()) == ""
    plt.close("all")
