"""Speed of the ``draft`` command at corpus scale (issue 5's benchmark, not a timed test)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from utils import paths
from utils.argmap_draft import build_draft, run_draft

MOVIE_REVIEWS = paths.ROOT.parent / "shared" / "corpora" / "movie_reviews"


def subset_folder(corpus_dir: Path, n: int, out_dir: Path) -> Path:
    """Copy the first ``n`` articles of a folder (sorted by file name, so sub-folders such as
    ``neg/`` and ``pos/`` interleave) into ``out_dir``, keeping their relative paths."""
    from utils.corpus import find_article_files

    files = sorted(find_article_files(corpus_dir), key=lambda p: (p.name.lower(), p.as_posix()))[:n]
    for f in files:
        target = out_dir / f.relative_to(corpus_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return out_dir


def benchmark(corpus_dir: str | Path = MOVIE_REVIEWS, *, sizes: tuple[int, ...] = (200, 1000, 2000)) -> dict[str, float]:
    """Time the ``draft`` command at several corpus sizes and print the figures.

    Args:
        corpus_dir: A folder of articles (default: the shared movie-review corpus, one review an
            article), or a processed-tables folder such as ``/tmp/mr_processed`` (then ingestion
            is skipped and the first ``n`` articles of the tables are used).
        sizes: Numbers of articles.

    Returns:
        ``draft_<n>_s`` (seconds for the whole command at ``n`` articles), ``draft_<n>_<stage>_s``
        per stage, and ``growth_<a>_to_<b>`` (time ratio divided by size ratio; 1.0 is linear).
    """
    from utils.argmap_export import export_map
    from utils.corpus import Corpus, read_tables

    corpus_dir = paths.resolve(corpus_dir)
    processed = (corpus_dir / "sentences.csv").exists()
    full = read_tables(corpus_dir) if processed else None
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        for n in sizes:
            timings: dict[str, float] = {}
            if processed:
                ids = set(full.articles["article_id"].iloc[:n])
                part = Corpus(**{k: (v[v["article_id"].isin(ids)] if "article_id" in v else v) for k, v in vars(full).items()})
                start = time.perf_counter()
                amap = build_draft(part, timings=timings)
                written = time.perf_counter()
                export_map(amap, Path(tmp) / f"out-{n}", stem="draft")
                timings["write"] = round(time.perf_counter() - written, 3)
                timings["total"] = round(time.perf_counter() - start, 3)
            else:
                folder = subset_folder(corpus_dir, n, Path(tmp) / f"corpus-{n}")
                run_draft(folder, Path(tmp) / f"out-{n}", timings=timings)
            out[f"draft_{n}_s"] = timings.pop("total")
            out |= {f"draft_{n}_{k.replace(' ', '_')}_s": v for k, v in timings.items()}
            print(f"draft on {n:>5} articles: {out[f'draft_{n}_s']:6.1f} s  (" + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()) + ")", flush=True)
    for small, big in zip(sizes, sizes[1:]):
        out[f"growth_{small}_to_{big}"] = round((out[f"draft_{big}_s"] / out[f"draft_{small}_s"]) / (big / small), 2)
    return out

