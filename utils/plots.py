"""One chart style and one way to save figures.

Plot helpers take data and ``ax=None``, return the axes and never save; :func:`save_fig` writes
PNG and SVG (and the table behind the figure as CSV) to the report's figure folder.
"""

from __future__ import annotations

import atexit
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


def save_fig(fig: plt.Figure, name: str, *, figures_dir: str | Path, data: pd.DataFrame | None = None,
             background: bool = False) -> None:
    """Save a figure as ``<name>.png`` and ``<name>.svg`` and, if given, its table as ``<name>.csv``.

    The figure stays open, so a notebook still shows it inline.

    Args:
        background: Write the SVG in a helper process (:func:`finish_figures` waits for it), so
            the notebook goes on while the vector copy is drawn. The PNG and CSV are written now.
    """
    folder = paths.resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, pil_kwargs={"compress_level": 3})  # PIL's default 6: a third slower, files ~same size
    svg = folder / f"{name}.svg"
    payload = _pickled(fig) if background else None
    if payload is None:
        fig.savefig(svg, metadata={"Date": None})
        if background:
            _PENDING.append((svg, None))
    else:
        _PENDING.append((svg, _svg_pool().submit(_write_svg, payload, str(svg), _draw_rc())))
    if data is not None:
        data.to_csv(folder / f"{name}.csv", lineterminator="\n")


# ---------------------------------------------------------------- SVGs drawn in a helper process

_POOL = None
_PENDING: list = []  # (svg path, future) of SVGs being written
_DRAW_RC = ("svg.fonttype", "svg.hashsalt", "svg.image_inline", "path.simplify", "savefig.bbox", "savefig.facecolor",
            "savefig.edgecolor", "savefig.transparent", "figure.constrained_layout.use", "figure.autolayout")


def _draw_rc() -> dict:
    """The settings read while a saved figure is drawn (the rest is fixed in its artists)."""
    return {k: mpl.rcParams[k] for k in _DRAW_RC}


def _pickled(fig: plt.Figure) -> bytes | None:
    import pickle

    try:
        return pickle.dumps(fig)
    except Exception:  # noqa: BLE001 - an unpicklable artist (a lambda formatter): draw the SVG here
        return None


def _svg_pool():
    """One helper process, forked from this kernel when first needed (so it has its modules)."""
    global _POOL
    if _POOL is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return _POOL


def _close_pool() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True)
        _POOL = None


atexit.register(_close_pool)  # a kernel that ends early still finishes its SVGs first


def _write_svg(payload: bytes, path: str, rc: dict) -> str:
    import pickle

    fig = pickle.loads(payload)
    with mpl.rc_context(rc):
        fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
    return path


def finish_figures() -> str:
    """Wait for the SVGs still being drawn (:func:`save_fig` with ``background=True``) and say
    where the figure files are.

    Returns:
        A sentence naming the figures saved since the last call and their folder.

    Raises:
        RuntimeError: an SVG could not be written (names the file and the reason).
    """
    done, failed = [], []
    while _PENDING:
        path, future = _PENDING.pop(0)
        try:
            if future is not None:
                future.result()
            done.append(path)
        except Exception as exc:  # noqa: BLE001 - reported below with the file name
            failed.append(f"{path}: {type(exc).__name__}: {exc}")
    _close_pool()
    if failed:
        raise RuntimeError("SVG not written: " + "; ".join(failed))
    if not done:
        return "This notebook saved no figure."
    names = ", ".join(p.stem for p in done)
    return (f"{len(done)} figure(s) saved in {paths.shown(done[0].parent)} as PNG (as shown here), SVG (vector, for "
            f"print and slides) and CSV (the numbers behind the figure): {names}.")


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

    The SVG is drawn in a helper process while the notebook goes on; a notebook ends with
    :func:`finish_figures`, which waits for it.

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
        save_fig(fig, name, figures_dir=figures_dir, data=data, background=True)
    width = int(fig.get_figwidth() * mpl.rcParams["figure.dpi"])
    plt.close(fig)
    display(Image(filename=str(paths.resolve(figures_dir) / f"{name}.png"), width=width))
