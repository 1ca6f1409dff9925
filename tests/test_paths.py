from pathlib import Path

import pytest

from utils import paths


def test_seed_corpus_writes_to_the_default_folders():
    dirs = paths.run_dirs("data/raw")
    assert (dirs.processed, dirs.reports) == (paths.PROCESSED, paths.REPORTS)


def test_other_corpus_writes_to_its_own_folders(tmp_path):
    dirs = paths.run_dirs(tmp_path / "my articles")
    assert dirs.reports == paths.REPORTS / "corpora" / "my_articles"
    assert dirs.processed == paths.PROCESSED / "corpora" / "my_articles"
    assert dirs.figures == dirs.reports / "figures"


@pytest.mark.parametrize(
    "text, slug", [("../../etc", "etc"), ("a b/c", "a_b_c"), ("...", "corpus"), ("Q3-2026_x", "Q3-2026_x")]
)
def test_slugify_never_leaves_path_characters(text, slug):
    assert paths.slugify(text) == slug


def test_relative_paths_resolve_against_the_project_root():
    assert paths.resolve("data/raw") == paths.RAW
    assert paths.resolve(Path("/x/y")) == Path("/x/y")
