from pathlib import Path

import pytest

from utils import paths


def test_seed_corpus_writes_to_the_default_folders():
    dirs = paths.run_dirs("data/raw")
    assert (dirs.processed, dirs.reports) == (paths.PROCESSED, paths.REPORTS)


def test_other_corpus_writes_to_its_own_folders(tmp_path):
    dirs = paths.run_dirs(tmp_path / "my articles")
    key = dirs.reports.name
    assert dirs.reports == paths.REPORTS / "corpora" / key
    assert dirs.processed == paths.PROCESSED / "corpora" / key
    assert dirs.figures == dirs.reports / "figures"
    assert key.startswith("my_articles-") and len(key) == len("my_articles-") + 8


def test_two_corpora_with_the_same_folder_name_never_share_outputs(tmp_path):
    one, two = paths.run_dirs(tmp_path / "a" / "articles"), paths.run_dirs(tmp_path / "b" / "articles")
    assert one.reports != two.reports and one.processed != two.processed
    assert paths.run_dirs(tmp_path / "a" / "articles") == one  # the same folder keeps its outputs
    assert paths.run_dirs(tmp_path / "a" / ".." / "a" / "articles") == one  # however it is spelled


@pytest.mark.parametrize(
    "corpus",
    ["data/processed/corpora/x", "data/processed", "reports/corpora/x", "reports", "data", "."],
)
def test_corpus_folders_inside_or_around_the_output_folders_are_refused(corpus):
    with pytest.raises(paths.OutputFolderError, match="cannot be inside or contain the project's output folder"):
        paths.run_dirs(corpus)


def test_outputs_are_never_written_into_the_corpus_folder_or_data_raw(tmp_path):
    corpus = tmp_path / "articles"
    for out in (corpus, corpus / "reports", tmp_path, paths.RAW / "out"):
        with pytest.raises(paths.OutputFolderError, match="refusing to write outputs"):
            paths.check_folders(corpus, tmp_path / "fine", out)
    paths.check_folders(corpus, tmp_path / "processed", tmp_path / "reports")  # siblings are fine


@pytest.mark.parametrize(
    "text, slug", [("../../etc", "etc"), ("a b/c", "a_b_c"), ("...", "corpus"), ("Q3-2026_x", "Q3-2026_x")]
)
def test_slugify_never_leaves_path_characters(text, slug):
    assert paths.slugify(text) == slug


def test_relative_paths_resolve_against_the_project_root():
    assert paths.resolve("data/raw") == paths.RAW
    assert paths.resolve(Path("/x/y")) == Path("/x/y")
