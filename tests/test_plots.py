"""Tests for utils.plots: one way to save figures (PNG + SVG + CSV), SVGs drawn in a helper process."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import IPython.display
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
        plots._freeze_layout(fig)
        folder.mkdir()
        with matplotlib.rc_context({"figure.constrained_layout.use": False}):
            plots._save_svg(fig, folder / "same", background=background)
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
    monkeypatch.setattr(plots, "_render", _broken_writer)
    plots.save_and_show(_figure(), "broken", figures_dir=tmp_path)
    with pytest.raises(RuntimeError, match=r"figure file not written: .*broken\.svg: OSError: disk full"):
        plots.finish_figures()


def _broken_writer(payload: bytes, stem: str, formats: tuple, rc: dict) -> str:
    raise OSError("disk full")


def test_report_run_draws_both_files_in_helpers_and_shows_them_at_the_end(tmp_path, monkeypatch):
    plots.save_and_show(_figure("Same figure"), "kernel", figures_dir=tmp_path / "kernel")
    plots.finish_figures()
    monkeypatch.setenv(plots.DEFER_ENV, "1")
    shown, updates = [], []
    monkeypatch.setattr(IPython.display, "display", lambda obj, display_id=None: shown.append(obj) or _Handle(updates))
    plots.save_and_show(_figure("Same figure"), "deferred", figures_dir=tmp_path / "deferred", data=pd.DataFrame({"x": [1]}))
    assert (tmp_path / "deferred" / "deferred.csv").exists()
    assert [type(o).__name__ for o in shown] == ["HTML"] and "is being drawn" in shown[0].data  # placeholder meanwhile
    note = plots.finish_figures()
    assert "1 figure(s) saved" in note and "deferred" in note
    assert [type(o).__name__ for o in updates] == ["Image"]  # the placeholder is replaced by the PNG
    assert updates[0].data == (tmp_path / "deferred" / "deferred.png").read_bytes()
    for ext in ("png", "svg"):  # drawn in a helper, byte for byte the files drawn in the kernel
        assert (tmp_path / "deferred" / f"deferred.{ext}").read_bytes() == (tmp_path / "kernel" / f"kernel.{ext}").read_bytes()


class _Handle:
    def __init__(self, updates: list):
        self.updates = updates

    def update(self, obj) -> None:
        self.updates.append(obj)


def test_report_run_draws_an_unpicklable_figure_in_the_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv(plots.DEFER_ENV, "1")
    fig = _figure()
    fig.axes[0].xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}!"))
    plots.save_and_show(fig, "lambda", figures_dir=tmp_path)
    assert (tmp_path / "lambda.png").exists() and (tmp_path / "lambda.svg").exists()
    assert "lambda" in plots.finish_figures()


def test_the_runner_switches_the_kernels_to_helper_drawing():
    from utils import runner

    assert runner.DEFER_FIGURES_ENV == plots.DEFER_ENV
    # the runner keeps its own copies (it does not import matplotlib): the files a figure is saved as
    assert set(runner.FIGURE_FILES) == {f".{fmt}" for fmt in plots._SAVE} | {".csv"}


def test_alt_text_is_the_figures_finding():
    fig = _figure("Claims  dominate\nin 004")
    assert plots.alt_text(fig) == "Claims dominate in 004"
    fig.suptitle("The whole figure's finding")
    assert plots.alt_text(fig) == "The whole figure's finding"
    bare = plt.figure(label="A map drawn with text titles")
    assert plots.alt_text(bare) == "A map drawn with text titles"
    assert plots.alt_text(plt.figure()) == ""
    plt.close("all")


def _facet_png(titley) -> bytes:
    import io

    with matplotlib.rc_context({"axes.titley": titley}):
        fig, axes = plt.subplots(1, 3, figsize=(7, 2.5))
        for i, ax in enumerate(axes):
            ax.barh(["claims", "reasons"], [i + 1, 2])
            ax.set_title(f"00{i}")
        fig.suptitle("A finding")
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def test_titles_at_a_fixed_height_draw_the_same_figure():
    # The house style fixes axes.titley, so matplotlib no longer measures every axes' tick labels
    # to place each title (a sixth of the drawing calls of a faceted chart); with no tick labels
    # on top, which is how every chart here is drawn, the pixels are the same.
    plots.apply_style()
    assert matplotlib.rcParams["axes.titley"] == 1.0
    assert _facet_png(1.0) == _facet_png(None)


def test_a_report_run_freezes_the_imported_objects(monkeypatch):
    import gc

    gc.unfreeze()
    monkeypatch.delenv(plots.DEFER_ENV, raising=False)
    plots.apply_style()
    assert gc.get_freeze_count() == 0  # opened by hand: the collector is left alone
    monkeypatch.setenv(plots.DEFER_ENV, "1")
    plots.apply_style()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_unlabelled_axes_stop_placing_their_empty_label_and_draw_the_same(monkeypatch):
    import io

    from matplotlib.axis import Axis

    def draw():
        fig, axes = plt.subplots(1, 3, figsize=(7, 2.5), layout="constrained")
        for i, ax in enumerate(axes):
            ax.barh(["claims", "reasons"], [i + 1, 2])
        axes[0].set_xlabel("per 1,000 words")  # one labelled axis, the others empty
        buf = io.BytesIO()
        with matplotlib.rc_context(plots._FROZEN):
            plots._freeze_layout(fig)
            fig.savefig(buf, format="png")
        plt.close(fig)
        return axes, buf.getvalue()

    plots.apply_style()
    axes, fixed = draw()
    assert axes[0].xaxis._autolabelpos and not axes[1].xaxis._autolabelpos  # only empty labels are fixed
    monkeypatch.setattr(Axis, "set_label_coords", lambda self, *a, **k: None)  # every label placed, as before
    axes, placed = draw()
    assert axes[1].xaxis._autolabelpos
    assert fixed == placed
