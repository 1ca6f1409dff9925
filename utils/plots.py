"""One chart style and one way to save figures.

Plot helpers take data and ``ax=None``, return the axes and never save. :func:`save_fig` writes
a finished figure as PNG and SVG (and the table behind it as a spreadsheet-safe CSV, see
:mod:`utils.tables`) into the report's figure folder,
shows the PNG in the notebook and closes the figure. Files are byte-identical on repeat runs (no
dates in the SVG, fixed SVG ids).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, display

from utils import paths, tables

PALETTE = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8ab17d", "#6d597a", "#b56576", "#355070", "#a8a29e"]
FIGURE_FILES = (".png", ".svg", ".csv")  # what save_fig writes, as <name><suffix>


def apply_style() -> None:
    """Apply the house chart style (call once in a notebook's setup cell, after the imports)."""
    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "figure.figsize": (9, 4.8),
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.titley": 1.0,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.25,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "svg.fonttype": "none",
            # Constrained layout fits titles, labels and legends inside the figure, so PNG and SVG
            # are saved at the figure's size; "tight" cropping drew every figure once more.
            "figure.constrained_layout.use": True,
            "figure.constrained_layout.w_pad": 0.08,
            "figure.constrained_layout.h_pad": 0.08,
            "svg.hashsalt": "argument-atlas",
            "path.simplify": True,
        }
    )


def put_title(target: plt.Axes | plt.Figure, text: str, *, width: int | None = None) -> None:
    """Set a chart's finding as its title: bold, left-aligned at the figure's edge (not the axes',
    where long tick labels would push it past the right edge), wrapped to the figure's width."""
    fig = target if isinstance(target, plt.Figure) else target.figure
    width = width or max(40, int(fig.get_figwidth() * 10))  # bold 12 pt: about 10 characters an inch
    fig.suptitle(
        textwrap.fill(text, width=width, break_on_hyphens=False), x=0.01, ha="left", fontweight="bold", fontsize=12
    )


def slant_long_labels(ax: plt.Axes, *, max_chars: int) -> None:
    """Slant an axis's x tick labels by 30° when the longest has more than ``max_chars``
    characters (what fits the width of one column), so neighbours do not run into each other.
    Labels on top of the axes lean from their left end, labels below from their right end."""
    labels = ax.get_xticklabels()
    if max((len(t.get_text()) for t in labels), default=0) > max_chars:
        ax.tick_params(axis="x", labelrotation=30)
        top = ax.xaxis.get_ticks_position() == "top"
        plt.setp(labels, ha="left" if top else "right", rotation_mode="anchor")


def alt_text(fig: plt.Figure) -> str:
    """What a figure shows, for readers who cannot see it: its title (the finding; a figure whose
    title is plain text gives it as its label), else an empty string."""
    titles = [fig.get_suptitle()]
    titles += [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    titles.append(fig.get_label())
    return " ".join(next((t for t in titles if t.strip()), "").split())


def save_fig(
    fig: plt.Figure,
    name: str,
    *,
    figures_dir: str | Path,
    data: pd.DataFrame | None = None,
    dpi: int | None = None,
    show: bool = True,
) -> None:
    """Save a figure as PNG and SVG (and, if given, its table as CSV), show the PNG, close it.

    Args:
        fig: The finished figure.
        name: File stem, e.g. ``"03-concept-heatmap"``.
        figures_dir: The report's figure folder.
        data: The table behind the figure, saved as CSV beside it.
        dpi: PNG resolution (default: ``savefig.dpi``); lower it for very large figures.
        show: Display the saved PNG in the notebook (with the figure's title as alt text).
    """
    folder = paths.resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / name
    if data is not None:
        # a row number is no column of the data: the index is written only when it names the rows
        named = data.index.name is not None or not pd.api.types.is_integer_dtype(data.index)
        tables.write_spreadsheet_csv(data, f"{stem}.csv", index=named)  # formulas neutralised
    width = int(fig.get_figwidth() * mpl.rcParams["figure.dpi"])
    alt = alt_text(fig) or f"Figure {name}"
    fig.savefig(f"{stem}.png", dpi=dpi or mpl.rcParams["savefig.dpi"])
    # The SVG keeps the layout the PNG's save computed instead of computing it again: SVG saving
    # 3.7 -> 2.4 s in notebook 03 on 2,000 reviews (two runs each).
    fig.set_layout_engine("none")
    fig.savefig(f"{stem}.svg", metadata={"Date": None})
    plt.close(fig)
    if show:
        display(Image(filename=f"{stem}.png", width=width, alt=alt))
