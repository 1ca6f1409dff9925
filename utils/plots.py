"""One chart style and one way to save figures.

Plot helpers take data and ``ax=None``, return the axes and never save; :func:`save_and_show`
writes PNG and SVG (and the table behind the figure as CSV) to the report's figure folder and
shows the PNG; :func:`finish_figures`, a notebook's last cell, waits for figures still drawn.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from utils import paths

PALETTE = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8ab17d", "#6d597a", "#b56576", "#355070", "#a8a29e"]


def apply_style() -> None:
    """Apply the house chart style (call once in a notebook's setup cell, after the imports).

    In a report run (:func:`deferring`) it also moves every object the imports created to the
    garbage collector's permanent generation (``gc.freeze``): they live as long as the kernel,
    and each full collection would otherwise walk all of them again (0.1-0.2 s a notebook).
    """
    if deferring():
        gc.freeze()
    mpl.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 110, "figure.figsize": (9, 4.8), "font.size": 10,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.titlelocation": "left", "axes.titley": 1.0,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.25,
        "axes.prop_cycle": mpl.cycler(color=PALETTE), "svg.fonttype": "none",
        "savefig.bbox": "tight", "figure.constrained_layout.use": True,
        "svg.hashsalt": "argument-atlas", "path.simplify": True,
    })


# ---------------------------------------------------------------- figures drawn in helper processes
#
# Drawing is the slow part of a report (0.2-1 s a figure: text layout and rasterising), and every
# figure is independent of the others. So figures are drawn by two helper processes forked from
# the kernel (they share its modules and style), from a pickled copy of the figure, while the
# notebook goes on. In a report run (the runner sets DEFER_ENV) the helpers draw the PNG and the
# SVG and the cell shows a placeholder that :func:`finish_figures`, the notebook's last cell,
# replaces with the PNG (a display update, so the figure stays in its own cell). Opened by hand,
# a notebook draws the PNG at once and shows it; only the SVG goes to a helper.

DEFER_ENV = "ATLAS_DEFER_FIGURES"
HELPERS = 2
_SAVE = {"png": {"pil_kwargs": {"compress_level": 3}},  # PIL's default 6: a third slower, files ~same size
         "svg": {"metadata": {"Date": None}}}
_POOL = None
_PENDING: list = []  # _Pending figures whose files are being written
_DRAW_RC = ("svg.fonttype", "svg.hashsalt", "svg.image_inline", "path.simplify", "savefig.bbox", "savefig.facecolor",
            "savefig.edgecolor", "savefig.transparent", "savefig.dpi", "figure.constrained_layout.use", "figure.autolayout")
# Drawn as laid out once: savefig re-lays a figure out while a layout engine is set, and restores
# the engine it found through ``set_layout_engine(None)``, which re-reads these settings.
_FROZEN = {"savefig.bbox": "standard", "figure.constrained_layout.use": False, "figure.autolayout": False}


@dataclass
class _Pending:
    """A figure whose files a helper is writing, and the placeholder that will show it."""

    stem: Path
    formats: tuple[str, ...]
    future: object  # concurrent.futures.Future, or None when the file was written in the kernel
    handle: object = None  # the placeholder's DisplayHandle (report runs)
    width: int = 0
    alt: str = ""


def alt_text(fig: plt.Figure) -> str:
    """What a figure shows, for readers who cannot see it: its title (the finding; a figure whose
    title is plain text gives it as its label), else an empty string."""
    titles = [fig.get_suptitle()]
    titles += [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    titles.append(fig.get_label())
    return " ".join(next((t for t in titles if t.strip()), "").split())


def deferring() -> bool:
    """True in a report run: figures are drawn in helpers and shown by :func:`finish_figures`."""
    return os.environ.get(DEFER_ENV) == "1"


def _draw_rc() -> dict:
    """The settings read while a saved figure is drawn (the rest is fixed in its artists)."""
    return {k: mpl.rcParams[k] for k in _DRAW_RC}


def _freeze_layout(fig: plt.Figure) -> None:
    """Lay the figure out once and keep that layout for every file drawn from it."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.label.get_text():
                # An axis places even an empty label clear of its own and its siblings' tick
                # labels, measuring them at every layout pass and every draw; an empty label is
                # neither drawn nor counted in the layout, so it can stay where it is.
                axis.set_label_coords(*axis.label.get_position(), transform=axis.label.get_transform())
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
        # ``set_layout_engine("none")`` would leave a placeholder engine that makes savefig draw
        # the whole figure once more; without an engine the layout stays as computed.
        fig._layout_engine = None


def _pickled(fig: plt.Figure) -> bytes | None:
    try:
        return pickle.dumps(fig)
    except Exception:  # noqa: BLE001 - an unpicklable artist (a lambda formatter): draw it here
        return None


def _pool():
    """The helper processes, forked from this kernel when first needed (so they have its modules)."""
    global _POOL
    if _POOL is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Python's documented advice before fork: move every object to the permanent generation,
        # so the helpers' garbage collector never walks (and so copies) the kernel's whole heap.
        # It cut notebook 03's CPU (kernel and helpers) by about a fifth here; those objects are freed
        # by reference counting only, which suits a notebook's long-lived tables.
        gc.freeze()
        _POOL = ProcessPoolExecutor(max_workers=HELPERS, mp_context=multiprocessing.get_context("fork"))
    return _POOL


def _close_pool() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True)
        _POOL = None


atexit.register(_close_pool)  # a kernel that ends early still finishes its figure files first


def _render(payload: bytes, stem: str, formats: tuple[str, ...], rc: dict) -> str:
    """In a helper: unpickle a figure, lay it out if that is still to do, write each format."""
    fig = pickle.loads(payload)
    with mpl.rc_context(rc):
        _freeze_layout(fig)
        for fmt in formats:
            fig.savefig(f"{stem}.{fmt}", **_SAVE[fmt])
    plt.close(fig)
    return stem


def _save_svg(fig: plt.Figure, stem: Path, *, background: bool) -> None:
    """Write ``<stem>.svg``: in a helper if asked and the figure can be pickled, else here."""
    payload = _pickled(fig) if background else None
    if payload is None:
        fig.savefig(f"{stem}.svg", **_SAVE["svg"])
        future = None
    else:
        future = _pool().submit(_render, payload, str(stem), ("svg",), _draw_rc())
    if background:
        _PENDING.append(_Pending(stem, ("svg",), future))


def finish_figures() -> str:
    """Wait for the figure files still being drawn, show the figures still waiting for their
    PNG (report runs), and say where the figure files are.

    Returns:
        A sentence naming the figures saved since the last call and their folder.

    Raises:
        RuntimeError: a figure file could not be written (names the file and the reason).
    """
    from IPython.display import Image

    done, failed = [], []
    while _PENDING:
        item = _PENDING.pop(0)
        try:
            if item.future is not None:
                item.future.result()
            if item.handle is not None:
                item.handle.update(Image(filename=f"{item.stem}.png", width=item.width, alt=item.alt))
            done.append(item.stem)
        except Exception as exc:  # noqa: BLE001 - reported below with the file name
            failed.append(f"{item.stem}.{'/'.join(item.formats)}: {type(exc).__name__}: {exc}")
    _close_pool()
    if failed:
        raise RuntimeError("figure file not written: " + "; ".join(failed))
    if not done:
        return "This notebook saved no figure."
    names = ", ".join(p.name for p in done)
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
    """Save a figure once (PNG, SVG and, if given, its table as CSV), show the PNG and close it.

    Each figure is laid out once, frozen, and drawn once per file; the notebook shows the saved
    PNG at the size the inline backend would use instead of drawing the figure again. In a report
    run (:func:`deferring`) both files are drawn by helper processes and the cell shows the PNG
    once :func:`finish_figures` has waited for it; opened by hand, the PNG is drawn and shown at
    once and only the SVG is left to a helper. A notebook ends with :func:`finish_figures`.

    Args:
        fig: The finished figure.
        name: File stem, e.g. ``"03-concept-heatmap"``.
        figures_dir: The report's figure folder.
        data: The table behind the figure, saved as CSV beside it.
        dpi: PNG resolution (default: ``savefig.dpi``); lower it for very large figures.
    """
    from IPython.display import HTML, Image, display

    folder = paths.resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / name
    if data is not None:
        data.to_csv(f"{stem}.csv", lineterminator="\n")
    width = int(fig.get_figwidth() * mpl.rcParams["figure.dpi"])
    alt = alt_text(fig) or f"Figure {name}"
    rc = _draw_rc() | _FROZEN | ({"savefig.dpi": dpi} if dpi else {})
    payload = _pickled(fig) if deferring() else None
    if payload is not None:
        future = _pool().submit(_render, payload, str(stem), ("png", "svg"), rc)
        handle = display(HTML(f'<p class="atlas-pending"><i>Figure {name} is being drawn.</i></p>'), display_id=True)
        _PENDING.append(_Pending(stem, ("png", "svg"), future, handle, width, alt))
        plt.close(fig)
        return
    with mpl.rc_context(rc):
        _freeze_layout(fig)
        fig.savefig(f"{stem}.png", **_SAVE["png"])
        _save_svg(fig, stem, background=True)
    plt.close(fig)
    display(Image(filename=f"{stem}.png", width=width, alt=alt))
