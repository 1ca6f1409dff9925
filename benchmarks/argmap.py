"""Speed of the ``draft`` command at corpus scale."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.measure import MOVIES, subset_folder
from utils import paths
from utils.argmap.draft import build_draft, run_draft
from utils.argmap.export import export_map
from utils.ingest.read import Corpus, read_tables


def benchmark(corpus_dir: str | Path = MOVIES, *, sizes: tuple[int, ...] = (200, 1000, 2000)) -> dict[str, float]:
    """Time the ``draft`` command at several corpus sizes and print the figures.

    Args:
        corpus_dir: A folder of articles (default: the shared movie-review corpus, one review an
            article), or a processed-tables folder such as ``data/processed/corpora/<name>`` (then ingestion
            is skipped and the first ``n`` articles of the tables are used).
        sizes: Numbers of articles.

    Returns:
        ``draft_<n>_s`` (seconds for the whole command at ``n`` articles), ``draft_<n>_<stage>_s``
        per stage, and ``growth_<a>_to_<b>`` (time ratio divided by size ratio; 1.0 is linear).
    """
    corpus_dir = paths.resolve(corpus_dir)
    processed = (corpus_dir / "sentences.csv").exists()
    full = read_tables(corpus_dir) if processed else None
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        for n in sizes:
            timings: dict[str, float] = {}
            if processed:
                ids = set(full.articles["article_id"].iloc[:n])
                part = Corpus(
                    **{k: (v[v["article_id"].isin(ids)] if "article_id" in v else v) for k, v in vars(full).items()}
                )
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
            print(
                f"draft on {n:>5} articles: {out[f'draft_{n}_s']:6.1f} s  ("
                + ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
                + ")",
                flush=True,
            )
    for small, big in zip(sizes, sizes[1:]):
        out[f"growth_{small}_to_{big}"] = round((out[f"draft_{big}_s"] / out[f"draft_{small}_s"]) / (big / small), 2)
    return out
