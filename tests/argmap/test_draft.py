"""The automatic draft: the `draft` command, its rules, blocking across articles, and its scoring."""

from __future__ import annotations

import json
from collections import namedtuple

import pandas as pd
import pytest

from utils import __main__ as cli
from utils import paths
from utils.argmap import draft
from utils.argmap import model as argmap
from utils.argmap import quality as argmap_quality
from utils.argmap.export import from_aif
from utils.ingest.read import ingest

THREE = paths.ROOT / "tests" / "fixtures" / "three_articles"
Item = namedtuple("Item", "claim_id role paragraph_id sentence_index text article_id")


@pytest.fixture(scope="module")
def three_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("draft3")
    assert cli.main(["draft", str(THREE), str(out)]) == 0
    return out


def test_draft_command_writes_every_file(three_out):
    names = sorted(p.name for p in three_out.iterdir())
    assert names == ["draft-claims.csv", "draft-relations.csv", "draft.aif.json", "draft.argdown", "draft.graphml"]


def test_draft_claims_are_verbatim_sentences_with_rules(three_out):
    claims = pd.read_csv(three_out / "draft-claims.csv", dtype=str, keep_default_na=False)
    corpus = ingest(THREE)
    text = corpus.sentences.set_index("sentence_id")["text"]
    assert (claims["quote"] == claims["claim_id"].map(text)).all()
    assert claims.groupby("article_id")["role"].agg(lambda r: int((r == "thesis").sum())).to_dict() == {
        "hybrid": 1,
        "office": 1,
        "remote-work": 1,
    }
    assert claims["rule"].str.len().gt(0).all()
    # the statistic and the named authority of office.md are drafted as evidence of those types
    stat = claims.set_index("claim_id").loc["office-p02-s02"]
    assert (stat["role"], stat["type"]) == ("evidence", "statistic")


def test_draft_relations_join_drafted_items_and_say_why(three_out):
    claims = pd.read_csv(three_out / "draft-claims.csv", dtype=str, keep_default_na=False)
    rel = pd.read_csv(three_out / "draft-relations.csv", dtype=str, keep_default_na=False)
    assert set(rel["source"]) | set(rel["target"]) <= set(claims["claim_id"])
    assert rel["rule"].str.len().gt(0).all()
    across = rel[rel["scope"] == "across"]
    assert (across["source_article"] != across["target_article"]).all() and len(across) > 0
    inside = rel[rel["scope"] == "inside"].set_index("source")
    # "Because they measure presence instead of results." answers the question before it: cue 'because'
    assert inside.loc["remote-work-p05-s02", "rule"] == "premise cue 'because' points to the claim before it"


def test_draft_aif_loads_back(three_out):
    doc = json.loads((three_out / "draft.aif.json").read_text(encoding="utf-8"))
    back = from_aif(doc, kind="draft")
    claims = pd.read_csv(three_out / "draft-claims.csv", dtype=str, keep_default_na=False)
    assert back.claims["claim_id"].tolist() == claims["claim_id"].tolist()
    assert len(back.relations) == len(pd.read_csv(three_out / "draft-relations.csv"))


def test_draft_on_the_seeds_finds_the_theses(tmp_path):
    assert cli.main(["draft", str(paths.RAW), str(tmp_path)]) == 0
    corpus = ingest(paths.RAW)
    curated = argmap.load_map(corpus)
    maps = argmap_quality.load_maps(corpus, argmap.MAP_FILE)
    quality = argmap_quality.claim_quality(curated, maps.draft, maps.theses).set_index("article_id")
    per_article = quality.drop(index="all")
    assert per_article["thesis in top 3"].all() and quality.loc["all", "thesis in top 3"] == "5 of 5"
    assert per_article["thesis found"].sum() >= 3
    assert quality.loc["all", "found"] == per_article["found"].sum() and quality.loc["all", "recall"] >= 0.4
    written = pd.read_csv(tmp_path / "draft-claims.csv", dtype=str, keep_default_na=False)
    assert written["claim_id"].tolist() == maps.draft.claims["claim_id"].tolist()


@pytest.mark.parametrize("bad", [str(THREE), str(THREE / "draft"), str(paths.RAW / "out")])
def test_draft_refuses_to_write_into_the_corpus_or_raw(bad):
    with pytest.raises(ValueError, match="write the draft somewhere else"):
        draft.run_draft(paths.RAW if "raw" in bad else THREE, bad)


def _items(*rows):
    return [Item(*r) for r in rows]


def test_link_rules():
    rows = _items(
        ("t", "thesis", "p1", 1, "Offices matter.", "a"),
        ("c", "claim", "p2", 2, "Teams need a room.", "a"),
        ("e", "evidence", "p2", 3, "For example, our team met daily.", "a"),
        ("k", "premise", "p3", 5, "Admittedly, rent is high.", "a"),
        ("r", "claim", "p3", 6, "But rent is cheaper than churn.", "a"),
        ("x", "evidence", "p4", 8, "We grew fast.", "a"),
        ("s", "claim", "p4", 9, "So the office paid off.", "a"),
    )
    links = {
        (r["source"], r["target"]): (r["relation"], r["rule"])
        for r in draft.link_article(rows, rebuttals={"r"}, concessions={"k"})
    }
    assert links[("e", "c")] == ("supports", "premise cue 'for example' points to the claim before it")
    assert links[("r", "k")] == ("attacks", "rebuttal answers the concession before it")
    assert links[("x", "s")] == ("supports", "conclusion cue 'So' in the target")
    assert links[("c", "t")] == ("supports", "main claim under the thesis (default)")


Row = namedtuple("Row", "quote role article_id")


@pytest.mark.parametrize(
    "a, b, cosine, expected",
    [
        (
            Row("Training is not the answer.", "claim", "x"),
            Row("Training is the answer.", "claim", "y"),
            0.5,
            "contradicts",
        ),
        (Row("Training is not the answer.", "claim", "x"), Row("Leaders own culture.", "claim", "y"), 0.0, "agrees"),
        (
            Row("Train staff, unless culture is toxic.", "claim", "x"),
            Row("Train staff well.", "claim", "y"),
            0.5,
            "qualifies",
        ),
        (Row("We trained 40 staff.", "evidence", "x"), Row("Train staff well.", "claim", "y"), 0.5, "elaborates"),
    ],
)
def test_type_relation(a, b, cosine, expected):
    relation, src, _, rule = draft.type_relation(a, b, cosine=cosine)
    assert relation == expected
    if expected in ("contradicts", "qualifies"):
        assert src is a and ("negation" in rule or "contrast" in rule)


def test_blocking_never_pairs_common_words_or_one_article():
    claims = pd.DataFrame(
        {"claim_id": ["a1", "a2", "b1", "c1"], "article_id": ["a", "a", "b", "c"], "concepts": ["", "", "", ""]}
    )
    terms = pd.DataFrame(
        {"item": [0, 1, 2, 3, 0, 2], "term": ["staff", "staff", "staff", "staff", "mentor", "mentor"], "tf": 1}
    )
    pairs = draft.candidate_pairs(claims, terms, max_df=3)
    # 'staff' is in 4 items (> max_df): no pair from it; 'mentor' pairs a1 with b1 only
    assert pairs[["a", "b", "shared_words"]].values.tolist() == [[0, 2, 1]]
    assert draft.candidate_pairs(claims.assign(article_id="a"), terms, max_df=3).empty


def test_concepts_block_and_score():
    claims = pd.DataFrame(
        {
            "claim_id": ["a1", "b1", "c1"],
            "article_id": ["a", "b", "c"],
            "concepts": ["training; culture", "training; culture", "leadership"],
        }
    )
    terms = pd.DataFrame(
        {"item": pd.Series([], dtype="int64"), "term": pd.Series([], dtype="str"), "tf": pd.Series([], dtype="int64")}
    )
    pairs = draft.candidate_pairs(claims, terms)
    assert pairs[["a", "b", "shared_concepts"]].values.tolist() == [[0, 1, 2]]
    assert pairs["concept_cosine"].iloc[0] == pytest.approx(1.0)


def test_link_quality_counts_matches_either_direction(tmp_path):
    corpus = ingest(paths.RAW)
    curated = argmap.load_map(corpus)
    fake = curated.relations[curated.relations["scope"] == "across"].head(2).copy()
    fake[["source", "target"]] = fake[["target", "source"]].to_numpy()  # reversed: still a match
    wrong = fake.iloc[:1].assign(target="000.P1", target_article="000")
    amap = argmap.ArgumentMap(curated.claims, pd.concat([fake, wrong], ignore_index=True), curated.articles, "draft")
    summary, cur, dra = argmap_quality.link_quality(curated, amap)
    row = summary.set_index("match").loc["sentence"]
    assert (row["curated found"], row["draft correct"], row["draft links"]) == (2, 2, 3)
    assert row["recall"] == round(2 / 31, 2) and row["precision"] == round(2 / 3, 2)
