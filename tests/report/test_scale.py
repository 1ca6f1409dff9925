"""A corpus of hundreds of documents in two groups: the reports summarise past a size (the rule
stated, every row in a CSV beside the report) and compare the groups in 02, 03 and 04."""

from __future__ import annotations

import re

import pandas as pd

from tests.conftest import ALPHA_WORDS, BETA_WORDS


def page(run, prefix: str) -> str:
    return next(run["reports"].glob(f"{prefix}-*.html")).read_text(encoding="utf-8")


def test_01_lists_the_longest_and_shortest_articles_and_writes_every_one_to_csv(many_run):
    html = page(many_run, "01")
    assert "Groups compared in the later notebooks: 2 (alpha 170 articles, beta 130 articles)." in html
    assert "Showing the 10 articles with the most words and the 10 with the fewest, of 300" in html
    figures = many_run["reports"] / "figures"
    assert len(pd.read_csv(figures / "01-article-summary.csv")) == 300
    sentences = pd.read_csv(figures / "01-sentences.csv")
    assert sentences["article_id"].nunique() == 300
    # one drill-down per listed article, plus the one of text removed by cleaning
    assert html.count('<details class="atlas-drill"') == 20 + 1
    assert "too many for one box each" in html


def test_02_shows_twelve_articles_and_the_labels_per_label_with_every_label_in_csv(many_run):
    html = page(many_run, "02")
    assert "Showing the 6 articles with the most words and the 6 with the fewest, of 300" in html
    labels = pd.read_csv(many_run["reports"] / "figures" / "02-sentence-labels.csv")
    assert labels["article_id"].nunique() > 250
    # per label, never per article: no drill-down title names an article of the corpus
    assert not re.search(r"<summary>(alpha|beta)\d{3}: ", html.split("The sentences behind every number")[-1])
    assert "sentences with the most hits, of" in html
    profile = pd.read_csv(many_run["reports"] / "figures" / "02-group-profiles.csv")
    assert profile.set_index("group")["articles"].to_dict() == {"alpha": 170, "beta": 130}
    assert len(html) < 5_000_000


def test_03_finds_the_words_each_group_uses_alone(many_run):
    pair = pd.read_csv(many_run["reports"] / "figures" / "03-two-groups.csv").set_index("term")
    for word in ALPHA_WORDS:
        assert pair.at[word, "count_b"] == 0 and pair.at[word, "z"] > 1.96, word
    for word in BETA_WORDS:
        assert pair.at[word, "count_a"] == 0 and pair.at[word, "z"] < -1.96, word
    # "film" is in every review's own sentence, once: used alike, not significant
    assert not pair.at["film", "significant"]
    assert pair.at["film", "count_a"] == 170 and pair.at["film", "count_b"] == 130
    html = page(many_run, "03")
    assert "more typical of alpha" in html and "more typical of beta" in html
    assert "The articles carry no dates" in html


def test_04_counts_links_by_pair_of_groups(many_run):
    html = page(many_run, "04")
    assert "Inside groups:" in html and "across groups:" in html
    for pair in ("alpha</td><td>alpha", "alpha</td><td>beta", "beta</td><td>beta"):
        assert pair in html


def test_a_corpus_without_groups_says_how_to_declare_them(three_run):
    for prefix in ("01", "02", "03", "04"):
        assert "No groups to compare" in page(three_run, prefix), prefix


def test_04_summarises_its_coverage_table_and_writes_every_article_to_csv(many_run):
    html = page(many_run, "04")
    assert "Showing the 10 articles with the most relations across and the 10 with the fewest, of 300" in html
    figures = many_run["reports"] / "figures"
    assert len(pd.read_csv(figures / "04-coverage.csv")) == 300
    assert len(pd.read_csv(figures / "03-tfidf-top.csv")) == 300


def test_a_cut_table_names_the_file_that_holds_every_row(many_run):
    figures = many_run["reports"] / "figures"
    for prefix in ("01", "02", "03", "04"):
        for where in re.findall(r"more rows; every row is in ([\w-]+\.csv)", page(many_run, prefix)):
            assert (figures / where).is_file(), (prefix, where)
    assert "every row is in 03-tfidf-top.csv" in page(many_run, "03")
