"""Benchmarks that print the figures quoted in the README (``make bench``).

Speed is measured here, not in timed tests (which flake on shared machines). Figures:
1. ``make report`` wall time on a warm venv, the same runner over import-only copies of the
   notebooks (the floor), and their ratio (target <= 1.5); as a diagnostic, the same runner over
   copies that build every figure but draw and save none (how much of the gap is drawing);
2. each notebook alone on the seeds, beyond its own import-only floor (target < 3 s each);
3. ingestion of the movie-review corpus, 2,000 files (target < 15 s);
4. each analysis module's corpus-scale benchmark, where the module provides ``benchmark``.

The movie reviews are read from ``../shared/corpora/movie_reviews`` (override with --movies).
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from utils import paths, runner  # before nbformat: runner keeps jsonschema from building IRI parsers

import nbformat
from utils.corpus import ingest, write_tables

REPEAT = 5  # medians of 5: single runs on a shared 2-core machine vary by a second or more
MOVIES = paths.ROOT.parent / "shared" / "corpora" / "movie_reviews"


def floor_notebook(path: Path, out_dir: Path) -> Path:
    """An import-only copy of a notebook: its cells up to and including the ``parameters`` cell."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = nb.cells[: runner.parameters_index(nb) + 1]
    out = out_dir / path.name
    nbformat.write(nb, out)
    return out


# Put right after the parameters cell of a no-drawing copy: figures are built as usual, then
# closed instead of being laid out, drawn (PNG, SVG) and shown. For the diagnostic only.
NO_DRAWING_CELL = """# Benchmark diagnostic: build each figure, draw and save none
import matplotlib.pyplot as _plt
from utils import plots as _plots
_plots.save_and_show = lambda fig, *args, **kwargs: _plt.close(fig)"""


def no_drawing_notebook(path: Path, out_dir: Path) -> Path:
    """A copy of a notebook whose figures are built but never drawn or saved (a cell after the
    ``parameters`` cell replaces ``plots.save_and_show`` with closing the figure)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(runner.parameters_index(nb) + 1, nbformat.v4.new_code_cell(NO_DRAWING_CELL))
    out = out_dir / path.name
    nbformat.write(nb, out)
    return out


def _runner_cmd(notebooks: Path, tmp: Path, name: str) -> list[str]:
    return [sys.executable, "-m", "utils.runner", "--notebooks", str(notebooks),
            "--report-dir", str(tmp / f"{name}-reports"), "--processed-dir", str(tmp / f"{name}-processed")]


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_report_against_floor(tmp: Path, *, repeat: int = REPEAT) -> dict[str, float]:
    """Wall time of ``make report``, of the runner over import-only notebooks (the floor) and of
    the runner over notebooks that draw no figure (medians of ``repeat`` runs, run in turn), and
    the ratios to the floor."""
    floor_dir, bare_dir = tmp / "floor", tmp / "no-drawing"
    floor_dir.mkdir()
    bare_dir.mkdir()
    for nb in runner.notebook_paths():
        floor_notebook(nb, floor_dir)
        no_drawing_notebook(nb, bare_dir)
    floor_cmd, bare_cmd = _runner_cmd(floor_dir, tmp, "floor"), _runner_cmd(bare_dir, tmp, "no-drawing")
    runs = [(_wall(["make", "--no-print-directory", "report"]), _wall(floor_cmd), _wall(bare_cmd)) for _ in range(repeat)]
    report, floor, bare = (median(r[i] for r in runs) for i in range(3))
    return {"make report (s)": report, "import-only floor (s)": floor, "ratio": report / floor,
            "diagnostic: report drawing no figure (s)": bare, "diagnostic: its ratio to the floor": bare / floor}


def time_each_notebook(tmp: Path, *, repeat: int = REPEAT) -> dict[str, float]:
    """Each notebook alone on the seeds (tables already written), minus its import-only copy
    (median of ``repeat`` pairs of runs)."""
    floor_dir = tmp / "floor-each"
    floor_dir.mkdir()
    out = {}
    for nb in runner.notebook_paths():
        floor_nb = floor_notebook(nb, floor_dir)
        # separate report folders: a floor run draws no figure, so it would clear the real run's
        # figure files (utils.runner.remove_stale_figures) and the real run would write them anew
        gaps = [runner.run_notebooks([nb], report_dir=tmp / "each-reports", processed_dir=paths.PROCESSED)[0].seconds
                - runner.run_notebooks([floor_nb], report_dir=tmp / "each-floor-reports", processed_dir=paths.PROCESSED)[0].seconds
                for _ in range(repeat)]
        out[f"{nb.stem} beyond floor (s)"] = median(gaps)
    return out


def time_ingestion(movies: Path, tmp: Path) -> dict[str, float]:
    """Ingest and write every file of the movie-review corpus."""
    start = time.perf_counter()
    corpus = ingest(movies)
    write_tables(corpus, tmp / "movies")
    return {"ingest movie reviews (s)": time.perf_counter() - start, "files": float(len(corpus.articles) + len(corpus.warnings)),
            "words": float(corpus.articles["n_words"].sum())}


def module_benchmarks(movies: Path, processed: Path) -> dict[str, float]:
    """Call ``benchmark`` of each analysis module that has one."""
    out: dict[str, float] = {}
    for name, arg in (("utils.rhetoric", processed), ("utils.concepts", processed), ("utils.argmap", movies)):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "benchmark"):
            out.update({f"{name.split('.')[1]}: {k}": float(v) for k, v in module.benchmark(arg).items()})
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print a table of figures."""
    ap = argparse.ArgumentParser(description="Argument Atlas benchmarks")
    ap.add_argument("--movies", type=Path, default=MOVIES, help="the movie-review corpus folder")
    ap.add_argument("--skip-report", action="store_true", help="skip the make-report timings")
    args = ap.parse_args(argv)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if not args.skip_report:
            figures.update(time_report_against_floor(tmp))
            figures.update(time_each_notebook(tmp))
        if args.movies.is_dir():
            figures.update(time_ingestion(args.movies, tmp))
            figures.update(module_benchmarks(args.movies, tmp / "movies"))
        else:
            print(f"(movie reviews not found at {args.movies}: corpus-scale benchmarks skipped)")
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
