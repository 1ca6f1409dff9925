"""The long-article thesis scorer: counts, baselines, and the gold sets it reads."""

from __future__ import annotations

import pandas as pd
import pytest

from utils import paths
from utils.argmap import thesis_score
from utils.ingest.read import ingest

DEV = paths.ROOT / "data" / "dev" / "long_articles"


def _gold_folder(tmp_path, rows):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "buses.txt").write_text(
        "Evening buses\n\nThe last bus leaves at seven.\n\nNurses walk home in the dark.\n\n"
        "The council should run buses until midnight.\n",
        encoding="utf-8",
    )
    (raw / "tills.txt").write_text(
        "Tills\n\nMy mother went shopping on Monday.\n\nEvery staffed till was closed.\n\n"
        "She left without her shopping.\n\nStores must keep one staffed till open.\n",
        encoding="utf-8",
    )
    pd.DataFrame(rows, columns=["file", "thesis", "also", "note"]).to_csv(tmp_path / "gold.csv", index=False)
    return tmp_path


def test_the_scorer_counts_the_draft_thesis_and_the_baselines(tmp_path):
    folder = _gold_folder(
        tmp_path,
        [
            ["buses.txt", "The council should run buses until midnight.", "", ""],
            ["tills.txt", "Every staffed till was closed.", "My mother went shopping on Monday.", ""],
        ],
    )
    scored = thesis_score.score_theses(folder).set_index("file")
    assert scored.loc["buses.txt", ["right", "in_top", "first", "last"]].tolist() == [True, True, False, True]
    assert not scored.loc["tills.txt", "right"]  # the draft picks the closing "must", not the gold's story
    assert scored.loc["tills.txt", "first"]  # the "also" sentence opens the article
    line = thesis_score.format_scores("tiny", scored.reset_index())
    assert line == "tiny: thesis right 1/2, in the top 3 2/2 (baselines: first body sentence 1/2, last 1/2)"


def test_a_gold_row_for_a_file_that_was_not_read_is_a_clear_error(tmp_path):
    folder = _gold_folder(tmp_path, [["missing.txt", "Anything.", "", ""]])
    with pytest.raises(ValueError, match="no article was read from missing.txt"):
        thesis_score.score_theses(folder)


# Gold theses the writer put where ingestion drops page furniture: set16's satire states its point
# only in an editor's note inside an HTML <aside>. The draft cannot find it, so it scores a miss.
IN_DROPPED_PART = {("set16", "pothole-satire.html")}


@pytest.mark.parametrize("name", [f"set{i}" for i in range(1, 29)])
def test_every_gold_thesis_of_the_dev_sets_is_one_sentence_of_its_article(name):
    gold = pd.read_csv(DEV / name / "gold.csv", dtype=str).fillna("")
    corpus = ingest(DEV / name / "raw", progress=False)
    article = dict(zip(corpus.articles["file"], corpus.articles["article_id"]))
    assert set(gold["file"]) == set(article)
    for r in gold.itertuples():
        own = corpus.sentences.loc[corpus.sentences["article_id"] == article[r.file], "text"].astype("str")
        for quote in filter(None, (r.thesis, r.also)):
            found = any(thesis_score.same_sentence(s, quote) for s in own)
            if (name, r.file) in IN_DROPPED_PART:
                assert not found and quote in (DEV / name / "raw" / r.file).read_text(encoding="utf-8"), (r.file, quote)
            else:
                assert found, (r.file, quote)
