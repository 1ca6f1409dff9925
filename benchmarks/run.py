"""Print the speed figures quoted in the README (``make bench``).

Speed is measured here, not in timed tests (which flake on shared machines). Figures:

1. fresh set-up time of a clone (``benchmarks/setup_time.py``), when that script is present;
   the argument reader scored on the arg-microtexts gold graphs (``--gold``), with baselines, and
   the draft's thesis scored on the long-article sets of ``data/dev/long_articles``;
2. ``make report`` on the seeds with a warm venv (median of ``--repeat`` runs);
3. each notebook alone on the seeds, beyond its own import-only copy (target < 3 s each);
4. the movie-review stages: ingestion, sentence labels, counting and keyness, the draft map at
   200 / 1,000 / 2,000 reviews;
5. ``make report`` end to end on 200 / 1,000 / 2,000 movie reviews: wall time, peak memory of
   the whole process tree, and the size of each HTML report;
6. side by side with scattertext 0.2.2 on the reviews, positive against negative
   (``benchmarks/side_by_side.py``; skipped with a note when the registry cannot be reached).

The movie reviews are read from ``../shared/corpora/movie_reviews`` (or ``--movies DIR``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import nbformat

from benchmarks import argmap as argmap_bench
from benchmarks import side_by_side, stages
from benchmarks.measure import MOVIES, measure, subset_folder
from utils import paths
from utils.argmap import score, thesis_score
from utils.report import runner

REPEAT = 3  # medians of 3: single runs on a shared 2-core machine vary by a second or more
SIZES = (200, 1000, 2000)


def floor_notebook(path: Path, out_dir: Path) -> Path:
    """An import-only copy of a notebook: its cells up to and including the ``parameters`` cell."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = nb.cells[: runner.parameters_index(nb) + 1]
    out = out_dir / path.name
    nbformat.write(nb, out)
    return out


def report_cmd(corpus: Path, out: Path) -> list[str]:
    """The report command on a corpus, writing into ``out`` (never the user's reports folder)."""
    return [
        sys.executable,
        "-m",
        "utils",
        "report",
        "--corpus",
        str(corpus),
        "--report-dir",
        str(out / "reports"),
        "--processed-dir",
        str(out / "processed"),
    ]


def time_seed_report(tmp: Path, *, repeat: int) -> dict[str, float]:
    """``make report`` on the seeds (same command, output in a temporary folder)."""
    runs = [measure(report_cmd(paths.RAW, tmp / f"seeds-{i}")) for i in range(repeat)]
    return {
        "report on the 5 seeds, warm venv (s)": median(r.seconds for r in runs),
        "  peak memory, whole process tree (MB)": max(r.peak_rss_mb for r in runs),
    }


GUARD_PROBE = (
    "import sys, time\n{guard}t = time.process_time()\nimport nbformat\n"
    "nbformat.validate(nbformat.v4.new_notebook())\nprint(time.process_time() - t)"
)
NLTK_PROBE = "import sys, time\n{guard}t = time.perf_counter()\n{load}\nprint(time.perf_counter() - t)"


def probe(template: str, guard: str, *, repeat: int) -> float:
    """The median of the seconds a probe script prints, each run in a fresh interpreter."""
    code = template.format(guard=guard)
    return median(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    )


def time_import_guards(*, repeat: int) -> dict[str, float]:
    """What the two import guards save: CPU seconds the report runner spends importing and using
    nbformat with and without its guard against ``rfc3987_syntax`` (:mod:`utils.report.runner`),
    and seconds to import NLTK's sentence splitter plainly and as notebooks 01 and 04 do, through
    :func:`utils.text.import_nltk`."""
    plain = NLTK_PROBE.replace("{load}", "from nltk.tokenize.punkt import PunktSentenceTokenizer")
    guarded = NLTK_PROBE.replace("{load}", "import_nltk('tokenize.punkt')")
    return {
        "runner start-up CPU, nbformat as installed (s)": probe(GUARD_PROBE, "", repeat=repeat),
        "runner start-up CPU, with the rfc3987_syntax guard (s)": probe(
            GUARD_PROBE, "sys.modules['rfc3987_syntax'] = None\n", repeat=repeat
        ),
        "NLTK sentence splitter import, plain (s)": probe(plain, "", repeat=repeat),
        "NLTK sentence splitter import, SciPy stats and scikit-learn hidden (s)": probe(
            guarded, "from utils.text import import_nltk\n", repeat=repeat
        ),
    }


def time_each_notebook(tmp: Path, *, repeat: int) -> dict[str, float]:
    """Each notebook alone on the seeds (tables written by a first run), minus its import-only
    copy (median of ``repeat`` pairs)."""
    floor_dir, processed = tmp / "floor", tmp / "each-processed"
    floor_dir.mkdir()
    runner.run_notebooks(runner.notebook_paths()[:1], report_dir=tmp / "each-reports", processed_dir=processed)
    out = {}
    for nb in runner.notebook_paths():
        floor_nb = floor_notebook(nb, floor_dir)
        gaps = [
            runner.run_notebooks([nb], report_dir=tmp / "each-reports", processed_dir=processed)[0].seconds
            - runner.run_notebooks([floor_nb], report_dir=tmp / "each-floor", processed_dir=processed)[0].seconds
            for _ in range(repeat)
        ]
        out[f"{nb.stem} beyond its import-only floor (s)"] = median(gaps)
    return out


def time_stages(movies: Path, tmp: Path) -> dict[str, float]:
    """The corpus-scale stages on the movie reviews."""
    out = stages.ingestion(movies, tmp / "movies")
    lab = stages.labels(tmp / "movies")
    out["label every sentence (s)"] = lab["label_sentences_s"]
    out["sentences"], out["labels"] = lab["sentences"], lab["labels"]
    out["counting, lemmas, collocations, keyness (s)"] = stages.concepts(tmp / "movies")["total (s)"]
    draft = argmap_bench.benchmark(tmp / "movies", sizes=SIZES)
    out |= {f"draft map, {n} reviews (s)": draft[f"draft_{n}_s"] for n in SIZES}
    return out


def time_end_to_end(movies: Path, tmp: Path, *, sizes: tuple[int, ...] = SIZES) -> dict[str, float]:
    """``make report`` end to end on the first ``n`` movie reviews: wall, peak memory, HTML sizes."""
    out: dict[str, float] = {}
    for n in sizes:
        corpus = subset_folder(movies, n, tmp / f"movies-{n}" / "corpus")
        run = measure(report_cmd(corpus, tmp / f"movies-{n}"))
        print(
            f"report on {n} reviews: {run.seconds:.1f} s, {run.cpu_seconds:.1f} s CPU, peak {run.peak_rss_mb:.0f} MB",
            flush=True,
        )
        out[f"report on {n} reviews (s)"] = run.seconds
        out[f"  CPU time, whole process tree (s), {n}"] = run.cpu_seconds
        out[f"  peak memory, whole process tree (MB), {n}"] = run.peak_rss_mb
        for html in sorted((tmp / f"movies-{n}" / "reports").glob("*.html")):
            out[f"  {html.name} (MB), {n}"] = html.stat().st_size / 1e6
    return out


def time_setup() -> dict[str, float]:
    """Fresh-clone set-up time, from ``benchmarks/setup_time.py`` when it exists."""
    script = Path(__file__).with_name("setup_time.py")
    if not script.exists():
        return {}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], cwd=paths.ROOT, check=False)
    if done.returncode:  # over its target, or make setup failed: the script said which; the rest still runs
        print(f"(set-up benchmark exited with {done.returncode}: see above; the other benchmarks go on)")
    return {"fresh clone set-up, whole script (s)": time.perf_counter() - start}


MICROTEXTS = paths.ROOT.parent / "shared" / "corpora" / "arg-microtexts-part2" / "corpus"


def score_reader(gold_dir: Path) -> dict[str, float]:
    """Print the argument reader's scores on the gold argument graphs (held-out and training
    topics, with baselines) and return how long scoring took."""
    start = time.perf_counter()
    score.main([str(gold_dir)])
    return {"score the argument reader on the arg-microtexts dev set (s)": time.perf_counter() - start}


SHORT_TEXTS = paths.ROOT / "data" / "dev" / "short_texts"


def score_short_texts(folder: Path = SHORT_TEXTS) -> dict[str, float]:
    """Print the argument reader's scores on the short texts with gold graphs shipped in the
    repository (how each set was used is in their SOURCE.md)."""
    start = time.perf_counter()
    score.main([str(folder)])
    return {"score the argument reader on the short-text sets (s)": time.perf_counter() - start}


LONG_ARTICLES = paths.ROOT / "data" / "dev" / "long_articles"


def score_long_theses(folder: Path = LONG_ARTICLES) -> dict[str, float]:
    """Print the draft's thesis against the gold theses of the long-article sets, with baselines
    (which sets were scored while unread, and how, is in their SOURCE.md)."""
    start = time.perf_counter()
    thesis_score.main([str(p) for p in sorted(folder.glob("set*")) if p.is_dir()])
    return {"score the draft's thesis on the long-article sets (s)": time.perf_counter() - start}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print a table of figures."""
    ap = argparse.ArgumentParser(description="Argument Atlas benchmarks")
    ap.add_argument("--movies", type=Path, default=MOVIES, help="the movie-review corpus folder")
    ap.add_argument("--gold", type=Path, default=MICROTEXTS, help="arg-microtexts corpus folder (gold graphs)")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="runs per median on the seeds")
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="reviews per end-to-end run")
    ap.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["setup", "scorer", "seeds", "stages", "end-to-end", "scattertext"],
        help="parts to leave out",
    )
    args = ap.parse_args(argv)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as name:
        tmp = Path(name)
        if "setup" not in args.skip:
            figures |= time_setup()
        if "scorer" not in args.skip and args.gold.is_dir():
            figures |= score_reader(args.gold)
        if "scorer" not in args.skip:
            figures |= score_short_texts()
            figures |= score_long_theses()
        if "seeds" not in args.skip:
            figures |= time_seed_report(tmp, repeat=args.repeat)
            figures |= time_import_guards(repeat=args.repeat)
            figures |= time_each_notebook(tmp, repeat=args.repeat)
        if args.movies.is_dir():
            if "stages" not in args.skip:
                figures |= time_stages(args.movies, tmp)
            if "end-to-end" not in args.skip:
                figures |= time_end_to_end(args.movies, tmp, sizes=tuple(args.sizes))
            if "scattertext" not in args.skip:
                figures |= side_by_side.side_by_side(args.movies, tmp)
        else:
            print(f"(movie reviews not found at {args.movies}: corpus-scale benchmarks skipped)")
    width = max(map(len, figures), default=10)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
