"""One chart style and one way to save figures.

Plot helpers take data and ``ax=None``, return the axes and never save; :func:`save_fig` writes
PNG and SVG (and the table behind the figure as CSV) to the report's figure folder.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from utils import paths

PALETTE = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8ab17d", "#6d597a", "#b56576", "#355070", "#a8a29e"]


def apply_style() -> None:
    """Apply the house chart style (call once in a notebook's setup cell)."""
    mpl.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 150, "figure.figsize": (9, 4.8), "font.size": 10,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.titlelocation": "left",
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.25,
        "axes.prop_cycle": mpl.cycler(color=PALETTE), "svg.fonttype": "none",
        "savefig.bbox": "tight", "figure.constrained_layout.use": True,
        "svg.hashsalt": "argument-atlas", "path.simplify": True,
    })


def save_fig(fig: plt.Figure, name: str, *, figures_dir: str | Path, data: pd.DataFrame | None = None) -> None:
    """Save a figure as ``<name>.png`` and ``<name>.svg`` and, if given, its table as ``<name>.csv``.

    The figure stays open, so a notebook still shows it inline.
    """
    folder = paths.resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, pil_kwargs={"compress_level": 3})  # PIL's default 6: a third slower, files ~same size
    fig.savefig(folder / f"{name}.svg", metadata={"Date": None})
    if data is not None:
        data.to_csv(folder / f"{name}.csv", lineterminator="\n")


def plot_sentence_lengths(sentences: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of words per sentence for each article (headings left out), points overlaid."""
    ax = ax or plt.subplots(figsize=(9, 0.5 + 0.45 * sentences["article_id"].nunique() + 1.5))[1]
    body = sentences[~sentences["is_heading"]]
    ids = sorted(body["article_id"].unique(), reverse=True)
    data = [body.loc[body["article_id"] == a, "n_words"].to_numpy() for a in ids]
    ax.boxplot(data, orientation="horizontal", tick_labels=ids, widths=0.6, showfliers=False,
               medianprops={"color": PALETTE[4], "linewidth": 2}, boxprops={"color": PALETTE[0]})
    for i, values in enumerate(data, start=1):
        ax.scatter(values, [i] * len(values), s=10, alpha=0.45, color=PALETTE[1], zorder=3)
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("article")
    return ax


def save_and_show(fig: plt.Figure, name: str, *, figures_dir: str | Path, data: pd.DataFrame | None = None,
                  dpi: int | None = None) -> None:
    """Save a figure once (:func:`save_fig`: PNG, SVG, CSV), show the saved PNG and close it.

    Rendering is the slow part of a report (0.3-2 s a figure here), so each figure is laid out
    once, frozen, and drawn once per file; the notebook shows the saved PNG at the size the inline
    backend would use instead of drawing the figure a third time.

    Args:
        fig: The finished figure.
        name: File stem, e.g. ``"03-concept-heatmap"``.
        figures_dir: The report's figure folder.
        data: The table behind the figure, saved as CSV beside it.
        dpi: PNG resolution (default: ``savefig.dpi``); lower it for very large figures.
    """
    from IPython.display import Image, display

    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
        # Freeze the layout. ``set_layout_engine("none")`` would leave a placeholder engine, and
        # matplotlib 3.11 makes a full extra draw at every savefig while any engine is set.
        fig._layout_engine = None
    # savefig restores the engine it found through ``set_layout_engine(None)``, which re-reads
    # these rcParams: with them on, the next savefig would lay the figure out all over again.
    style = {"savefig.bbox": "standard", "figure.constrained_layout.use": False, "figure.autolayout": False}
    style |= {"savefig.dpi": dpi} if dpi else {}
    with mpl.rc_context(style):
        save_fig(fig, name, figures_dir=figures_dir, data=data)
    width = int(fig.get_figwidth() * mpl.rcParams["figure.dpi"])
    plt.close(fig)
    display(Image(filename=str(paths.resolve(figures_dir) / f"{name}.png"), width=width))
