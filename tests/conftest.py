"""Shared fixtures: the seed corpus ingested once, and one report run per corpus for the session."""

from __future__ import annotations

import shutil
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
    results = runner.run_notebooks(
        runner.notebook_paths(),
        corpus_dir=corpus,
        report_dir=out / "reports",
        processed_dir=out / "processed",
        **kwargs,
    )
    return {"results": results, "reports": out / "reports", "processed": out / "processed"}


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """Every notebook executed from fresh kernels on the seeds, reports in a temporary folder."""
    return _run(paths.RAW, tmp_path_factory.mktemp("seed_run"))


@pytest.fixture(scope="session")
def three_run(tmp_path_factory):
    """Every notebook on a copy of the three-article test corpus (one has <script> in its text)."""
    base = tmp_path_factory.mktemp("three_run")
    corpus = base / "three_articles"
    shutil.copytree(THREE, corpus)
    return _run(corpus, base)
