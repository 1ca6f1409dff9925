"""Shared fixtures: the seed corpus ingested once, and one report run per corpus for the session."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from utils import paths
from utils.ingest.read import ingest
from utils.report import runner

FIXTURES = Path(__file__).parent / "fixtures"
THREE = FIXTURES / "three_articles"


@pytest.fixture(scope="session")
def seeds():
    """The five seed articles, ingested."""
    return ingest(paths.RAW)


def _run(corpus: Path, out: Path, **kwargs):
    """Run every notebook; ``out`` may be relative to the project root, as ``make report``'s
    folders are. The paths returned are absolute."""
    results = runner.run_notebooks(
        runner.notebook_paths(),
        corpus_dir=corpus,
        report_dir=out / "reports",
        processed_dir=out / "processed",
        **kwargs,
    )
    out = paths.resolve(out)
    return {"results": results, "reports": out / "reports", "processed": out / "processed"}


@pytest.fixture(scope="session")
def seed_run():
    """Every notebook executed from fresh kernels on the seeds. Like ``make report``, the run is
    given folders inside the project as paths relative to it (the kernels work in ``notebooks/``,
    so a notebook writing a file without resolving its path fails here); a temporary folder under
    the ignored ``reports/``, removed afterwards."""
    (paths.ROOT / "reports").mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix=".test-seed-run-", dir=paths.ROOT / "reports"))
    try:
        yield _run(paths.RAW, out.relative_to(paths.ROOT))
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def three_run(tmp_path_factory):
    """Every notebook on a copy of the three-article test corpus (one has <script> in its text)."""
    base = tmp_path_factory.mktemp("three_run")
    corpus = base / "three_articles"
    shutil.copytree(THREE, corpus)
    return _run(corpus, base)


# Words only one group of the generated corpus uses: the two-group comparison must find them.
ALPHA_WORDS = ("splendid", "luminous", "graceful")
BETA_WORDS = ("dreary", "clumsy", "tedious")
FILLER = (
    "The story follows a family through one long summer.",
    "Critics will argue about the ending for years.",
    "However, the second act slows down.",
    "Why does the hero stay? Because he must.",
    "The music supports every scene without taking over.",
    "Many viewers may find the pace uneven.",
)


def write_many(folder: Path, *, n_alpha: int = 170, n_beta: int = 130) -> Path:
    """A generated corpus of ``n_alpha + n_beta`` short reviews in sub-folders ``alpha/`` and
    ``beta/``: each has three filler sentences (picked by its number) and one sentence with its
    group's words, so a review's length varies and each group has words of its own."""
    for group, n, words in (("alpha", n_alpha, ALPHA_WORDS), ("beta", n_beta, BETA_WORDS)):
        (folder / group).mkdir(parents=True)
        for i in range(n):
            own = f"It is a {words[i % 3]} film, {words[(i + 1) % 3]} from start to end, and {words[(i + 2) % 3]} too."
            body = " ".join(FILLER[(i + k) % len(FILLER)] for k in range(1 + i % 5))
            text = f"{own} {body} Note {i}.\n"  # the number keeps every file distinct (duplicates are skipped)
            (folder / group / f"{group}{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def many_run(tmp_path_factory):
    """Every notebook on a generated corpus of 300 short reviews in two groups (alpha, beta)."""
    base = tmp_path_factory.mktemp("many_run")
    return _run(write_many(base / "many_reviews"), base)
