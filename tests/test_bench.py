"""The benchmark's notebook copies: the import-only floor and the no-drawing diagnostic."""

from __future__ import annotations

import matplotlib.pyplot as plt
import nbformat
import pytest

from utils import bench, plots, runner

NOTEBOOKS = runner.notebook_paths()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_floor_copy_keeps_the_cells_up_to_the_parameters_cell(path, tmp_path):
    original = nbformat.read(path, as_version=4)
    floor = nbformat.read(bench.floor_notebook(path, tmp_path), as_version=4)
    cut = runner.parameters_index(original)
    assert [c.source for c in floor.cells] == [c.source for c in original.cells[: cut + 1]]
    assert any("import" in c.source for c in floor.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_drawing_copy_is_the_notebook_plus_one_cell_after_its_parameters(path, tmp_path):
    original = nbformat.read(path, as_version=4)
    bare = nbformat.read(bench.no_drawing_notebook(path, tmp_path), as_version=4)
    cut = runner.parameters_index(original)
    assert bare.cells[cut + 1].source == bench.NO_DRAWING_CELL
    del bare.cells[cut + 1]
    assert [c.source for c in bare.cells] == [c.source for c in original.cells]


def test_no_drawing_cell_closes_figures_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "save_and_show", plots.save_and_show)  # restored after the test
    exec(bench.NO_DRAWING_CELL, {})
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    plots.save_and_show(fig, "99-test", figures_dir=tmp_path, data=None)
    assert not plt.fignum_exists(fig.number)
    assert list(tmp_path.iterdir()) == []
