"""The benchmark's helpers: the import-only notebook copies and the process-tree measurement."""

from __future__ import annotations

import sys

import nbformat
import pytest

from benchmarks import measure
from benchmarks.run import floor_notebook
from utils.report import runner

NOTEBOOKS = runner.notebook_paths()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_floor_copy_keeps_the_cells_up_to_the_parameters_cell(path, tmp_path):
    original = nbformat.read(path, as_version=4)
    floor = nbformat.read(floor_notebook(path, tmp_path), as_version=4)
    cut = runner.parameters_index(original)
    assert [c.source for c in floor.cells] == [c.source for c in original.cells[: cut + 1]]
    assert any("import" in c.source for c in floor.cells if c.cell_type == "code")


def test_measure_counts_the_memory_of_child_processes():
    # the parent holds ~0, its child allocates 150 MB: only a whole-tree measure sees it
    child = "import time; b = bytearray(150_000_000); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    run = measure.measure([sys.executable, "-c", parent], interval=0.05)
    assert run.peak_rss_mb > 150
    assert run.seconds >= 1.0


def test_subset_interleaves_sub_folders(tmp_path):
    src = tmp_path / "src"
    for group in ("neg", "pos"):
        (src / group).mkdir(parents=True)
        for i in range(3):
            (src / group / f"cv00{i}_{group}.txt").write_text(f"Review {i} of {group}.", encoding="utf-8")
    out = measure.subset_folder(src, 4, tmp_path / "out")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "neg/cv000_neg.txt",
        "neg/cv001_neg.txt",
        "pos/cv000_pos.txt",
        "pos/cv001_pos.txt",
    ]


def test_measure_counts_the_cpu_time_of_child_processes():
    # the parent only waits; its child spins for about half a second of CPU
    child = "import time; t = time.process_time(); exec('while time.process_time() - t < 0.5: pass')"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    run = measure.measure([sys.executable, "-c", parent], interval=0.05)
    assert run.cpu_seconds >= 0.5
