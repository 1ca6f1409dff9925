"""Views of the argument map: outline order, layout, matrix counts, claim pairs, concepts, quotes."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from utils import paths  # noqa: E402
from utils.argmap import model as argmap  # noqa: E402
from utils.argmap import plots as views  # noqa: E402
from utils.argmap import views as tables  # noqa: E402
from utils.ingest.read import ingest  # noqa: E402

TINY = """
claims:
  - {id: A, article: "000", role: thesis, type: position, label: Small firms, quote: "These are the companies that really get it.",
     concepts: [small business]}
  - {id: B, article: "000", role: evidence, type: anecdote, label: Roofer, quote: "in about 3 weeks"}
  - {id: C, article: "000", role: premise, type: consequence, label: Hiccups, quote: "there will be issues and hiccups"}
  - {id: E, article: "000", role: claim, type: cause, label: Nimble, quote: "small, nimble teams"}
  - {id: D, article: "003", role: thesis, type: position, label: Optimise first, quote: "optimise your current services"}
  - {id: F, article: "003", role: claim, type: position, label: Training, quote: "training is an added value"}
relations:
  - {from: B, to: A, type: supports}
  - {from: C, to: B, type: undercuts}
  - {from: E, to: A, type: supports}
  - {from: B, to: E, type: supports}
  - {from: D, to: B, type: qualifies, rationale: "Small steps."}
  - {from: F, to: E, type: agrees, rationale: "Both."}
  - {from: F, to: A, type: contradicts, rationale: "Neither."}
"""


@pytest.fixture(scope="module")
def seeds():
    return ingest(paths.RAW)


@pytest.fixture(scope="module")
def tiny(seeds):
    return argmap.parse_map(yaml.safe_load(TINY), seeds)


def test_outline_puts_items_under_their_first_target(tiny):
    out = views.outline(tiny, "000")
    assert out.values.tolist() == [
        ["A", 0, "", ""],
        ["B", 1, "A", "supports"],
        ["C", 2, "B", "undercuts"],
        ["E", 1, "A", "supports"],
    ]
    # F links to nothing inside its article: it hangs under the thesis without a connector
    assert views.outline(tiny, "003").values.tolist() == [["D", 0, "", ""], ["F", 1, "D", ""]]


def test_layout_map_columns_do_not_overlap(seeds):
    nodes, groups = views.layout_map(argmap.load_map(seeds))
    assert groups["side"].tolist() == ["left", "right", "left", "right", "left"]
    for _, col in nodes.sort_values("y").groupby("side"):
        assert (col["y"].shift(-1).dropna() >= (col["y"] + col["h"]).iloc[:-1]).all()
    left = nodes[nodes["side"] == "left"]
    assert (left["x"] + left["w"]).round(6).nunique() == 1  # links across attach to one aligned edge


def test_layout_tree_centres_parents(tiny):
    tree = views.layout_tree(tiny, "000", width=6).set_index("claim_id")
    assert tree.loc["A", "x"] == pytest.approx((tree.loc["B", "x"] + tree.loc["E", "x"]) / 2)
    assert tree.loc["C", "y"] > tree.loc["B", "y"] > tree.loc["A", "y"]


def test_agreement_matrix_counts_both_orders(tiny):
    m = tables.agreement_matrix(tiny).set_index(["article_a", "article_b"])
    assert m.loc[("000", "003"), ["agrees", "qualifies", "contradicts", "agreement", "tension"]].tolist() == [
        1,
        1,
        1,
        1,
        2,
    ]
    assert m.loc[("003", "000"), "tension"] == 2


def test_relation_pairs_and_summaries(tiny):
    pairs = tables.relation_pairs(tiny)
    assert pairs["pair"].unique().tolist() == ["000 × 003"]
    assert pairs["relation"].tolist() == ["agrees", "qualifies", "contradicts"]
    assert pairs.loc[0, "claim"].startswith("F: Training — “training is an added value”")
    assert tables.pair_summaries(tiny)["title"].tolist() == ["000 × 003: 1 agreement, 2 tensions"]


def test_map_headline_with_and_without_links_across(tiny):
    assert tables.map_headline(tiny) == (
        "The 2 articles are linked (1 with both agreement and tension); 1 link agrees and 2 pull apart."
    )
    inside = tiny.relations[tiny.relations["scope"] == "inside"]
    alone = argmap.ArgumentMap(claims=tiny.claims, relations=inside, articles=tiny.articles)
    assert tables.map_headline(alone) == "The 2 articles are not linked: the map has no relation across articles."
    third = pd.concat([tiny.articles, tiny.articles.iloc[:1].assign(article_id="009", short="009 Other")])
    apart = argmap.ArgumentMap(claims=tiny.claims, relations=inside, articles=third, kind="draft")
    assert tables.map_headline(apart).startswith("None of the 3 pairs of the 3 articles is linked: no claims")


def test_a_view_cut_to_fewer_articles_says_how_many_and_which(tiny):
    assert tables.display_note(tiny, tiny) == ""  # nothing left out
    one = tables.map_for_display(tiny, max_articles=1)
    assert tables.display_note(one, tiny) == (
        "This view shows 1 of the 2 articles: those with the most links across articles; "
        "the CSV files at the end hold them all."
    )
    inside = tiny.relations[tiny.relations["scope"] == "inside"]
    alone = argmap.ArgumentMap(claims=tiny.claims, relations=inside, articles=tiny.articles)
    part = tables.map_for_display(alone, max_articles=1)
    assert part.articles["article_id"].tolist() == ["000"]
    big = argmap.ArgumentMap(
        claims=tiny.claims,
        relations=tiny.relations,
        articles=pd.concat([tiny.articles] + [tiny.articles.iloc[:1].assign(article_id=f"x{i}") for i in range(1200)]),
    )
    assert "shows 1 of the 1,202 articles" in tables.display_note(one, big)  # thousands separated
    assert "no article is linked to another, so the first 1 in the corpus's order" in tables.display_note(
        part, alone, what="The matrix"
    )


def test_concept_claims_tagged_or_in_quote(tiny):
    hits = pd.DataFrame(
        {
            "article_id": ["000", "003"],
            "concept": ["small business", "training"],
            "surface": ["nimble", "training"],
            "start": [0, 0],
            "end": [0, 0],
            "sentence_id": ["x", "y"],
        }
    )
    e = tiny.claims.set_index("claim_id").loc["E"]
    hits.loc[0, ["start", "end"]] = [e["start"] + 7, e["start"] + 13]
    found = tables.concept_claims(tiny, "small business", hits)
    assert found[["claim_id", "how"]].values.tolist() == [["A", "tagged"], ["E", "in quote: nimble"]]


def test_a_concept_no_claim_or_one_article_mentions_gives_way_to_the_one_most_articles_mention(tiny):
    # the seeds' setting ("training") on another corpus must still show a concept view, and say why
    claims = tiny.claims.set_index("claim_id")
    hits = pd.DataFrame(
        {
            "article_id": ["000", "003", "003"],
            "concept": ["small business", "training", "small business"],
            "surface": ["nimble", "training", "current services"],
            "start": [claims.loc["E", "start"] + 7, claims.loc["F", "start"], claims.loc["D", "start"] + 14],
            "end": [claims.loc["E", "start"] + 13, claims.loc["F", "start"] + 8, claims.loc["D", "start"] + 30],
            "sentence_id": ["x", "y", "z"],
        }
    )
    reach = tables.concept_reach(tiny, hits)
    assert reach.values.tolist() == [["small business", 3, 2], ["training", 1, 1]]
    for concept, claims_, articles in reach.values:  # the same rule as the view itself
        found = tables.concept_claims(tiny, concept, hits)
        assert (len(found), found["article_id"].nunique()) == (claims_, articles)
    assert tables.choose_concept(tiny, "small business", hits) == ("small business", "")
    # claims of one article only: a view across articles needs two (a word in another sense, "a train")
    chosen, why = tables.choose_concept(tiny, "training", hits)
    assert chosen == "small business"
    assert why.startswith("Claims of only one article mention the concept 'training'") and "(1 claim)" in why
    assert tables.choose_concept(tiny, "training", hits[hits["concept"] == "training"]) == ("training", "")
    chosen, why = tables.choose_concept(tiny, "leadership", hits)
    assert chosen == "small business"
    assert "'leadership'" in why and "3 claims in 2 articles" in why
    bare = argmap.ArgumentMap(claims=tiny.claims.assign(concepts=""), relations=tiny.relations, articles=tiny.articles)
    assert tables.choose_concept(bare, "leadership", hits.iloc[:0]) == ("leadership", "")


def test_quote_context_is_marked(seeds):
    ctx = tables.quote_contexts(argmap.load_map(seeds), seeds.paragraphs, "002").set_index("claim")
    assert ctx.loc["002.C3", "context"] == '<mark class="atlas-span">Managers are empowered to act like owners</mark>'


def test_quote_context_escapes_article_markup():
    corpus = ingest(paths.ROOT / "tests" / "fixtures" / "three_articles")
    amap = argmap.parse_map(
        {
            "claims": [
                {
                    "id": "X",
                    "article": "remote-work",
                    "role": "claim",
                    "type": "position",
                    "label": "Code",
                    "quote": "An article that quotes code must not run it",
                }
            ]
        },
        corpus,
    )
    context = tables.quote_contexts(amap, corpus.paragraphs, "remote-work").loc[0, "context"]
    assert context.startswith(
        '<mark class="atlas-span">An article that quotes code must not run it</mark>: &lt;script&gt;'
    )
    assert "<script" not in context and "<img" not in context


def test_whole_map_numbers_every_relation_across(seeds):
    amap = argmap.load_map(seeds)
    ax = views.plot_argument_map(amap)
    assert ax.across["number"].tolist() == list(range(1, 32))
    table = tables.numbered_relations(amap, ax.across)
    assert table.iloc[0].tolist()[:3] == [
        1,
        "001.P4: A workforce with a sense of urgency avoids many unforced errors",
        "agrees",
    ]
    matplotlib.pyplot.close("all")
