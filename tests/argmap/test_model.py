"""The argument-map model: loading, validation errors, quote location, the curated seed map."""

from __future__ import annotations

import itertools

import pytest
import yaml

from utils import __main__ as cli
from utils import paths
from utils.argmap import model as argmap
from utils.ingest.read import ingest

GOOD_CLAIMS = """
claims:
  - {id: A, article: "000", role: thesis, type: position, label: Small firms,
     quote: "These are the companies that really get it."}
  - {id: B, article: "000", role: evidence, type: anecdote, label: Roofer,
     quote: "What’s really incredible is they managed to completely redesign"}
  - {id: C, article: "003", role: thesis, type: position, label: Optimise first,
     quote: "In short – optimise your current services before you create new experiences."}
"""


@pytest.fixture(scope="module")
def seeds():
    return ingest(paths.RAW)


def parse(text: str, corpus):
    return argmap.parse_map(yaml.safe_load(text), corpus)


def errors_of(text: str, corpus) -> list[str]:
    with pytest.raises(argmap.ArgumentMapError) as info:
        parse(text, corpus)
    return info.value.errors


def test_small_valid_map_locates_quotes(seeds):
    amap = parse(
        GOOD_CLAIMS + "relations:\n  - {from: B, to: A, type: supports}\n"
        "  - {from: C, to: A, type: qualifies, rationale: Different priorities.}\n",
        seeds,
    )
    claims = amap.claims.set_index("claim_id")
    assert claims.loc["A", "paragraph_id"] == "000-p09"
    assert claims.loc["A", "sentence_ids"] == "000-p09-s01"
    assert claims.loc["B", "sentence_ids"] == "000-p03-s02"
    text = seeds.paragraphs.set_index("paragraph_id").loc["000-p09", "text"]
    start = seeds.paragraphs.set_index("paragraph_id").loc["000-p09", "start"]
    assert (
        text[claims.loc["A", "start"] - start : claims.loc["A", "end"] - start]
        == "These are the companies that really get it."
    )
    assert amap.relations["scope"].tolist() == ["inside", "across"]
    assert amap.articles["article_id"].tolist() == ["000", "003"]


def test_misquoted_claim_names_claim_and_closest_passage(seeds):
    bad = GOOD_CLAIMS.replace("really get it.", "realy get it.")
    [error] = errors_of(bad, seeds)
    assert error.startswith("claim 'A': quote not found verbatim in article 000")
    assert "000-p09" in error and "These are the companies that really get it." in error
    assert 'first difference at character 34: quote has "y" where the article has "l"' in error


def test_straight_apostrophe_is_reported_at_its_character(seeds):
    bad = GOOD_CLAIMS.replace("What’s", "What's")
    [error] = errors_of(bad, seeds)
    assert "claim 'B'" in error and 'first difference at character 5: quote has "\'" where the article has "’"' in error


def test_dangling_relation(seeds):
    errors = errors_of(GOOD_CLAIMS + "relations:\n  - {from: B, to: Z, type: supports}\n", seeds)
    assert errors == ["relation 1 (B supports Z): 'to' end 'Z' is not a claim id in the map"]


def test_duplicate_id(seeds):
    dup = (
        GOOD_CLAIMS
        + """  - {id: A, article: "003", role: claim, type: position, label: Again,
     quote: "Eliminate bad practices"}
"""
    )
    assert errors_of(dup, seeds) == ["claim 'A': duplicate id (2 claims share it); ids must be unique"]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("role: evidence", "role: proof", "claim 'B': unknown role 'proof'"),
        ("type: anecdote", "type: anecdotal", "claim 'B': unknown type 'anecdotal'"),
        ('article: "003"', "article: 003", "claim 'C': article 3 must be written in quotes"),
        ('article: "003"', 'article: "009"', "claim 'C': article '009' is not in the corpus"),
        ("label: Roofer,", "lable: Roofer,", "claim 'B': unknown key(s) ['lable']"),
    ],
)
def test_claim_field_errors(seeds, old, new, expected):
    errors = errors_of(GOOD_CLAIMS.replace(old, new, 1), seeds)
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    "relation, expected",
    [
        ("{from: B, to: A, type: support}", "relation 1 (B support A): unknown type 'support'"),
        ("{from: C, to: A, type: supports}", "relation 1 (C supports A): 'supports' links claims of one article"),
        (
            "{from: B, to: A, type: agrees, rationale: x}",
            "relation 1 (B agrees A): 'agrees' links claims of different articles",
        ),
        (
            "{from: C, to: A, type: contradicts}",
            "relation 1 (C contradicts A): relations across articles need a one-sentence 'rationale'",
        ),
        ("{from: A, to: B, type: undercuts}", "relation A undercuts B: the target must itself support a claim"),
        ("{from: A, to: A, type: attacks}", "relation 1 (A attacks A): a claim cannot relate to itself"),
    ],
)
def test_relation_errors(seeds, relation, expected):
    errors = errors_of(GOOD_CLAIMS + f"relations:\n  - {relation}\n", seeds)
    assert any(e.startswith(expected) for e in errors), errors


def test_relation_recorded_twice_in_either_direction(seeds):
    rels = "relations:\n  - {from: A, to: C, type: agrees, rationale: x}\n  - {from: C, to: A, type: agrees, rationale: y}\n"
    assert errors_of(GOOD_CLAIMS + rels, seeds) == ["relation C agrees A is recorded twice"]


def test_two_theses_in_one_article(seeds):
    bad = GOOD_CLAIMS.replace("role: evidence", "role: thesis")
    assert errors_of(bad, seeds) == ["article 000: 2 claims have role 'thesis'; keep one and make the others 'claim'"]


def test_all_errors_reported_at_once_and_nothing_returned(seeds):
    bad = GOOD_CLAIMS.replace("role: evidence", "role: proof").replace("really get it.", "get it!")
    errors = errors_of(bad + "relations:\n  - {from: X, to: C, type: agrees, rationale: r}\n", seeds)
    assert len(errors) == 3


def test_bad_yaml_and_missing_file(tmp_path, seeds):
    broken = tmp_path / "map.yaml"
    broken.write_text("claims: [\n  - {id: A\n", encoding="utf-8")
    with pytest.raises(argmap.ArgumentMapError, match="not valid YAML"):
        argmap.load_map(seeds, broken)
    with pytest.raises(argmap.ArgumentMapError, match="does not exist"):
        argmap.load_map(seeds, tmp_path / "nope.yaml")
    with pytest.raises(argmap.ArgumentMapError, match="must be a mapping with a 'claims' list"):
        argmap.parse_map(["a"], seeds)


def test_repeated_quote_is_pinned_by_paragraph(seeds):
    paras = seeds.paragraphs[seeds.paragraphs["article_id"] == "001"]
    quote = "Excellence cannot exist in a degraded environment."
    assert argmap.locate_quote(quote, paras)[0] == "001-p04"
    assert argmap.locate_quote(quote, paras, paragraph_id="001-p10")[0] == "001-p10"
    assert argmap.locate_quote("not in the text", paras) == ("", -1, -1)


def test_first_difference():
    assert (
        argmap.first_difference("abcd", "abXd")
        == 'first difference at character 3: quote has "c" where the article has "X"'
    )
    assert argmap.first_difference("abcdef", "abc").startswith("the quote runs on past the passage")


def test_curated_map_covers_every_article_and_pair(seeds):
    amap = argmap.load_map(seeds)
    claims, rel = amap.claims, amap.relations
    assert sorted(claims.loc[claims["role"] == "thesis", "article_id"]) == ["000", "001", "002", "003", "004"]
    main_claims = claims[claims["role"] == "claim"].groupby("article_id").size()
    assert main_claims.between(4, 8).all() and len(main_claims) == 5
    across = rel[rel["scope"] == "across"]
    pairs = {tuple(sorted(p)): set() for p in itertools.combinations(["000", "001", "002", "003", "004"], 2)}
    for r in across.itertuples():
        pairs[tuple(sorted((r.source_article, r.target_article)))].add(
            "agreement" if r.relation in argmap.AGREEMENT else "tension"
        )
    assert all(kinds == {"agreement", "tension"} for kinds in pairs.values()), pairs
    assert across["rationale"].str.len().gt(20).all()


def test_curated_map_is_not_applied_to_another_corpus():
    other = ingest(paths.ROOT / "tests" / "fixtures" / "three_articles")
    assert argmap.curated_map_for(other) is None


def test_coverage_counts(seeds):
    cov = argmap.coverage(argmap.load_map(seeds)).set_index("article_id")
    assert cov.loc["000", "thesis"] == 1 and cov.loc["000", "claim"] == 7
    assert cov["relations across"].sum() == 2 * 31


def test_concept_tags_must_come_from_the_lexicon(seeds):
    bad = GOOD_CLAIMS.replace("label: Small firms,", "label: Small firms, concepts: [small business, synergy],")
    with pytest.raises(argmap.ArgumentMapError) as info:
        argmap.parse_map(yaml.safe_load(bad), seeds, known_concepts=argmap.lexicon_concepts())
    assert info.value.errors == [
        "claim 'A': unknown concept(s) ['synergy']; use names from data/lexicons/concepts.yaml"
    ]


def test_check_command(capsys):
    assert cli.main(["check"]) == 0
    assert "OK, 64 claims and 91 relations" in capsys.readouterr().out
