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
    # row numbers are no column of the data; an index that names the rows is one
    assert (tmp_path / "one.csv").read_text().splitlines() == ["x", "1", "2"]
    named = pd.DataFrame({"rate": [1.5, 2.0]}, index=pd.Index(["2019", "2020"], name="period"))
    plots.save_fig(_figure("Rates"), "two", figures_dir=tmp_path, data=named)
    assert (tmp_path / "two.csv").read_text().splitlines() == ["period,rate", "2019,1.5", "2020,2.0"]
    assert not plt.fignum_exists(fig.number)  # closed
    assert len(shown) == 2  # one PNG shown per saved figure
    image = shown[0]
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


DRAW = """
import sys, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt, pandas as pd
from utils import plots
plots.display = lambda obj: None
plots.apply_style()
fig, axes = plt.subplots(1, 2, figsize=(7, 3))
for i, ax in enumerate(axes):
    ax.barh(["claims", "reasons", "questions"], [i + 1, 2.35, 0.4])
    ax.set_title(f"00{i}")
fig.suptitle("Reasons lead in 001")
plots.save_fig(fig, "02-fingerprints", figures_dir=sys.argv[1], data=pd.DataFrame({"reasons": [2.35]}))
fig, ax = plt.subplots(figsize=(5, 3))
ax.imshow([[0, 1, 2], [2, 1, 0]], aspect="auto")
ax.set_xticks(range(3), ["training", "courage", "customer experience"], rotation=45)
plots.save_fig(fig, "03-heatmap", figures_dir=sys.argv[1])
"""


def test_figures_are_the_same_bytes_whether_drawn_alone_or_two_at_once(tmp_path):
    import subprocess
    import sys

    def draw(folder):
        return subprocess.Popen([sys.executable, "-c", DRAW, str(tmp_path / folder)])

    together = [draw("a"), draw("b")]
    assert [p.wait(timeout=300) for p in together] == [0, 0]
    assert draw("alone").wait(timeout=300) == 0
    names = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert names == [
        f"{s}.{e}"
        for s in ("02-fingerprints", "03-heatmap")
        for e in ("csv", "png", "svg")
        if (s, e) != ("03-heatmap", "csv")
    ]
    for name in names:
        alone = (tmp_path / "alone" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == alone == (tmp_path / "b" / name).read_bytes(), name
