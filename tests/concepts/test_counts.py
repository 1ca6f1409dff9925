"""Tests for utils.concepts.counts, utils.concepts.views, utils.concepts.keyness and utils.concepts_plots.

The tiny corpus used throughout (hand-counted):

    a.txt  "The apple and the apples. A banana!"
           words: The apple and the apples A banana -> 7 words
           stopwords: the, and, the, a -> terms: apple x2 (apple, apples), banana x1 -> 3 terms
    b.txt  "Banana and cherry. Banana, cherry and cherry."
           words: Banana and cherry Banana cherry and cherry -> 7 words
           terms: banana x2, cherry x3 -> 5 terms
"""

from __future__ import annotations

import dataclasses
import math
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from utils.concepts import counts as concepts
from utils.concepts import keyness
from utils.concepts import plots as concepts_plots
from utils.concepts import views as concepts_views
from utils.ingest.read import ingest

FRUIT = {"a.txt": "The apple and the apples. A banana!\n", "b.txt": "Banana and cherry. Banana, cherry and cherry.\n"}

LEXICON = """
concepts:
  - concept: cx
    definition: Customer experience.
    terms: [customer experience, cx]
  - concept: customers
    definition: Customers.
    terms: [customer]
  - concept: leadership
    definition: Leaders.
    terms: [leader, lead*]
"""


def make_corpus(tmp_path, files: dict[str, str]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return ingest(folder)


@pytest.fixture
def fruit(tmp_path):
    corpus = make_corpus(tmp_path, FRUIT)
    return corpus, concepts.count_corpus(corpus)


@pytest.fixture
def lexicon(tmp_path):
    path = tmp_path / "concepts.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return concepts.load_concepts(path)


# ---------------------------------------------------------------- stopwords, lemmas, words


def test_stopword_file_starts_from_wordcloud_list():
    from wordcloud import STOPWORDS

    stop = concepts.load_stopwords()
    assert set(STOPWORDS) <= stop
    assert {"will", "us", "one"} <= stop  # documented additions
    assert "customer" not in stop


@pytest.mark.parametrize(
    "form, lemma", [("businesses", "business"), ("leaders", "leader"), ("apples", "apple"), ("thinking", "thinking")]
)  # simplemma says "thinke": the guard keeps the form
def test_lemmatize(form, lemma):
    assert concepts.lemmatize(form) == lemma


def test_word_table_flags_and_chunks(fruit):
    _, counts = fruit
    w = counts.words
    a = w[w["article_id"] == "a"]
    assert a["token"].tolist() == ["The", "apple", "and", "the", "apples", "A", "banana"]
    assert a["is_term"].tolist() == [False, True, False, False, True, False, True]
    assert a["word_index"].tolist() == list(range(7))
    b = w[w["article_id"] == "b"]
    # "Banana and cherry" | "Banana" , "cherry and cherry": a comma and a sentence break cut chunks
    assert b.groupby("chunk")["token"].agg(" ".join).tolist() == ["Banana and cherry", "Banana", "cherry and cherry"]


def test_lemma_table_is_written_once_and_reused(tmp_path, fruit):
    corpus, counts = fruit
    table = concepts.write_lemmas(corpus.tokens, tmp_path)
    # the vocabulary of the fruit corpus, hand-listed: 7 forms; only "apples" changes ("apple")
    assert table["form"].tolist() == ["a", "and", "apple", "apples", "banana", "cherry", "the"]
    assert table.set_index("form")["count"].to_dict() == {
        "a": 1,
        "and": 3,
        "apple": 1,
        "apples": 1,
        "banana": 3,
        "cherry": 3,
        "the": 2,
    }
    known = concepts.read_lemmas(tmp_path)
    assert known["apples"] == "apple"
    # counting with the saved lemmas gives exactly the table counted from scratch
    again = concepts.count_corpus(corpus, lemmas=known)
    pd.testing.assert_frame_equal(again.table, counts.table)


@pytest.mark.parametrize("dtype", ["category", "str"])
def test_lemma_table_counts_curly_and_straight_apostrophes_as_one_form(dtype):
    # as ingest writes it: a categorical column of lower-cased tokens, with categories no word uses
    lower = pd.Series(["don’t", "don't", ",", "don't", "cats", "!"], dtype=dtype)
    if dtype == "category":
        lower = lower.cat.add_categories(["unused"])
    tokens = pd.DataFrame({"lower": lower, "is_word": [True, True, False, True, True, False]})
    table = concepts.lemma_table(tokens)
    assert table[["form", "count"]].values.tolist() == [["cats", 1], ["don't", 3]]
    assert table["lemma"].tolist() == ["cat", "do"] and table["count"].dtype == "int64"


def test_lemma_file_is_replaced_whole(tmp_path, fruit, monkeypatch):
    corpus, counts = fruit
    (tmp_path / "lemmas.csv").write_text("form,lemma,count,english\napples,STALE,9,0.5\n", encoding="utf-8")
    seen = []
    real_replace = os.replace

    def replace(src, dst):  # at the rename, the old file is still whole and the new one complete
        seen.append((Path(dst).read_text(encoding="utf-8"), Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    table = concepts.write_lemmas(corpus.tokens, tmp_path)
    assert len(seen) == 1 and "STALE" in seen[0][0] and seen[0][1].count("\n") == len(table) + 1
    assert concepts.read_lemmas(tmp_path)["apples"] == "apple"
    assert [p.name for p in tmp_path.iterdir() if "lemmas" in p.name] == ["lemmas.csv"]  # no part file left behind
    # an older file (another corpus, another run) gives the same counts: its values depend on the form alone
    (tmp_path / "lemmas.csv").write_text(
        "form,lemma,count,english\napples,apple,9,0.5\nkiwi,kiwi,1,0.1\n", encoding="utf-8"
    )
    again = concepts.count_corpus(corpus, lemmas=concepts.read_lemmas(tmp_path))
    pd.testing.assert_frame_equal(again.table, counts.table)


def test_word_table_takes_given_lemmas_and_fills_the_rest(fruit):
    corpus, _ = fruit
    words = concepts.word_table(corpus.tokens, lemmas={"apples": "pomme"})
    lemma = words.drop_duplicates("form").set_index("form")["lemma"]
    assert lemma["apples"] == "pomme"  # taken from the table, not recomputed
    assert lemma["cherry"] == "cherry"  # missing from the table: lemmatised on the spot


def test_read_lemmas_missing_file_and_bad_columns(tmp_path):
    assert concepts.read_lemmas(tmp_path) == {}
    (tmp_path / "lemmas.csv").write_text("word,base\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lemmas.csv: columns do not match the schema"):
        concepts.read_lemmas(tmp_path)


# ---------------------------------------------------------------- the counts table


def test_counts_and_rates_by_hand(fruit):
    _, counts = fruit
    t = counts.table[counts.table["kind"] == "word"].set_index(["article_id", "term"])
    # a: apple 2 (apple + apples), banana 1 of 7 words; b: cherry 3, banana 2 of 7 words
    assert t["count"].to_dict() == {("a", "apple"): 2, ("a", "banana"): 1, ("b", "cherry"): 3, ("b", "banana"): 2}
    assert t.loc[("a", "apple"), "rate"] == pytest.approx(1000 * 2 / 7)  # 285.714 per 1,000 words
    assert t.loc[("b", "cherry"), "rate"] == pytest.approx(1000 * 3 / 7)  # 428.571
    assert t.loc[("a", "apple"), "surface"] == "apple"  # apple 1, apples 1: ties go alphabetical
    assert t.loc[("b", "banana"), "surface"] == "Banana"  # Banana 2, banana 1 in the corpus
    assert counts.articles.set_index("article_id")["n_terms"].to_dict() == {"a": 3, "b": 5}


def test_top_terms_corpus_and_article(fruit):
    _, counts = fruit
    corpus = concepts_views.top_terms(counts)
    assert list(zip(corpus["term"], corpus["count"])) == [("banana", 3), ("cherry", 3), ("apple", 2)]
    assert corpus["rate"].tolist() == pytest.approx([1000 * 3 / 14, 1000 * 3 / 14, 1000 * 2 / 14])
    only_b = concepts_views.top_terms(counts, article_id="b", n=1)
    assert only_b[["term", "count"]].values.tolist() == [["cherry", 3]]


def test_most_frequent_surface():
    got = concepts.most_frequent_surface(pd.Series(["x", "x", "x", "y"]), pd.Series(["CX", "cx", "CX", "Y"]))
    assert got.to_dict() == {"x": "CX", "y": "Y"}


# ---------------------------------------------------------------- collocations


@pytest.mark.parametrize("n_ii, n_ix, n_xi, n_xx", [(3, 5, 4, 100), (1, 1, 1, 10), (10, 40, 12, 5000), (2, 2, 2, 4)])
def test_g2_matches_nltk(n_ii, n_ix, n_xi, n_xx):
    from nltk.metrics import BigramAssocMeasures

    ours = concepts.g2(np.array([n_ii]), np.array([n_ix]), np.array([n_xi]), float(n_xx))[0]
    assert ours == pytest.approx(BigramAssocMeasures.likelihood_ratio(n_ii, (n_ix, n_xi), n_xx), rel=1e-9)


def test_find_collocations(tmp_path):
    text = (
        "A sense of urgency helps. Staff with a sense of urgency win. "
        "Without a sense of urgency, nothing moves. Customer experience matters. "
        "Customer experience wins. Customer experience, again. The customer is happy. Experience counts.\n"
    )
    corpus = make_corpus(tmp_path, {"x.txt": text})
    words = concepts.word_table(corpus.tokens)
    found = concepts.find_collocations(words, min_freq=3, min_score=0)
    phrases = dict(zip(found["phrase"], found["freq"]))
    assert phrases["sense of urgency"] == 3  # a connector may sit in the middle of a trigram
    assert phrases["customer experience"] == 3  # "Customer experience, again" counts; the comma comes after
    assert "of urgency" not in phrases and "a sense" not in phrases  # stopwords never at an edge
    strict = concepts.find_collocations(words, min_freq=4, min_score=0)
    assert strict.empty


# ---------------------------------------------------------------- concepts


def test_load_concepts_project_lexicon_is_complete():
    lex = concepts.load_concepts()
    assert len(lex) >= 13
    assert lex["definition"].str.len().gt(10).all()
    terms = [concepts.term_words(t) for ts in lex["terms"] for t in ts]
    assert len(terms) == len(set(terms)), "a term is listed under two concepts"


def test_load_concepts_rejects_missing_definition(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("concepts:\n  - concept: x\n    terms: [y]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="definition"):
        concepts.load_concepts(path)


@pytest.mark.parametrize(
    "term, words",
    [
        ("Customer experience", ("customer", "experience")),
        ("lead*", ("lead*",)),
        ("customer’s needs", ("customer's", "needs")),
        ("small/medium", ("small", "/", "medium")),
    ],
)
def test_term_words(term, words):
    assert concepts.term_words(term) == words


def test_concept_hits_longest_match_and_offsets(tmp_path, lexicon):
    corpus = make_corpus(tmp_path, {"c.txt": "Customer experience leaders lead. The customer, experience and CX.\n"})
    hits = concepts.concept_hits(corpus.tokens, corpus.sentences, concepts=lexicon)
    assert list(zip(hits["concept"], hits["surface"])) == [
        ("cx", "Customer experience"),  # the phrase wins over "customer" alone
        ("leadership", "leaders"),  # lemma "leader"
        ("leadership", "lead"),  # wildcard "lead*"
        ("customers", "customer"),  # "customer, experience": a comma breaks the phrase
        ("cx", "CX"),
    ]
    sent = corpus.sentences.set_index("sentence_id")
    for h in hits.itertuples():  # offsets point into the cleaned text, like tokens
        s = sent.loc[h.sentence_id]
        assert s["text"][h.start - s["start"] : h.end - s["start"]] == h.surface
    assert list(hits.columns[:6]) == ["article_id", "sentence_id", "concept", "surface", "start", "end"]


def test_cooccurrence_counts_sentences():
    hits = pd.DataFrame(
        {"sentence_id": ["s1", "s1", "s1", "s2", "s3", "s3", "s3"], "concept": ["a", "b", "a", "a", "a", "b", "c"]}
    )
    m = concepts.cooccurrence(hits)
    # a in s1 s2 s3; b in s1 s3; c in s3 -> a-b 2, a-c 1, b-c 1
    assert m.index.tolist() == ["a", "b", "c"]
    assert m.to_numpy().tolist() == [[3, 2, 1], [2, 2, 1], [1, 1, 1]]


def test_cooccurrence_empty():
    assert concepts.cooccurrence(pd.DataFrame(columns=["sentence_id", "concept"])).empty


def test_project_lexicon_on_a_seed_like_sentence(tmp_path):
    corpus = make_corpus(
        tmp_path, {"s.txt": "Leaders must own a customer-first culture, and front-line staff need training.\n"}
    )
    hits = concepts.concept_hits(corpus.tokens, corpus.sentences)
    assert list(zip(hits["surface"], hits["concept"])) == [
        ("Leaders", "leadership"),
        ("customer-first", "customer focus"),
        ("culture", "culture"),
        ("front-line staff", "employees and staff"),
        ("training", "training"),
    ]


# ---------------------------------------------------------------- views


def test_concept_matrix_and_top_concepts(tmp_path, lexicon):
    corpus = make_corpus(tmp_path, {"a.txt": "CX and CX. A leader.\n", "b.txt": "The customer leads.\n"})
    counts = concepts.count_corpus(corpus, concepts=lexicon)
    m = concepts_views.concept_matrix(counts, value="count")
    assert (
        m.loc["cx"].tolist() == [2, 0]
        and m.loc["leadership"].tolist() == [1, 1]
        and m.loc["customers"].tolist() == [0, 1]
    )
    rates = concepts_views.concept_matrix(counts)
    assert rates.at["cx", "a"] == pytest.approx(1000 * 2 / 5)  # 5 words in a
    top = concepts_views.top_concepts(counts, n=1)
    assert top[["article_id", "concept"]].values.tolist() == [["a", "cx"], ["b", "customers"]]  # b: tie, by name


def test_dispersion_positions(tmp_path, lexicon):
    corpus = make_corpus(tmp_path, {"a.txt": "CX one two three CX.\n"})
    counts = concepts.count_corpus(corpus, concepts=lexicon)
    disp = concepts_views.dispersion_table(counts, concepts=["cx"])
    assert disp["position"].tolist() == [0.0, 1.0]  # first and last of 5 words
    with pytest.raises(ValueError, match="unknown concept"):
        concepts_views.dispersion_table(counts, concepts=["nonsense"])


def test_kwic_term(fruit):
    corpus, counts = fruit
    lines = concepts_views.kwic(counts, corpus.sentences, query="banana")
    assert lines[["article_id", "sentence_id", "match"]].values.tolist() == [
        ["a", "a-p01-s02", "banana"],
        ["b", "b-p01-s01", "Banana"],
        ["b", "b-p01-s02", "Banana"],
    ]
    assert lines.iloc[0]["left"] == "A" and lines.iloc[0]["right"] == "!"  # whitespace is collapsed and trimmed


def test_kwic_concept_and_phrase(tmp_path, lexicon):
    corpus = make_corpus(tmp_path, {"c.txt": "Our leaders lead the CX work. A sense of urgency.\n"})
    counts = concepts.count_corpus(corpus, concepts=lexicon)
    assert concepts_views.kwic(counts, corpus.sentences, query="leadership")["match"].tolist() == ["leaders", "lead"]
    assert concepts_views.kwic(counts, corpus.sentences, query="Sense of urgency")["sentence_id"].tolist() == [
        "c-p01-s02"
    ]


def test_a_chosen_concept_the_corpus_never_uses_gives_its_place_to_the_most_used_one(tmp_path):
    corpus = make_corpus(
        tmp_path, {"a.txt": "Staff need training. Our staff and teams need tools.\n", "b.txt": "Staff need tools.\n"}
    )
    counts = concepts.count_corpus(corpus)
    used = concepts_views.used_concepts(counts)
    assert used[0] == "employees and staff"
    shown, note = concepts_views.choose_concepts(counts, ["courage", "training"])
    assert shown == ["training", "employees and staff"]
    assert note == "‘courage’ does not occur in these articles; shown instead: ‘employees and staff’."
    assert concepts_views.choose_concepts(counts, ["training"]) == (["training"], "")
    query, note = concepts_views.choose_query(counts, corpus.sentences, "courage")
    assert query == "employees and staff" and "‘courage’ does not occur" in note
    assert concepts_views.choose_query(counts, corpus.sentences, "tools") == ("tools", "")


def test_uncovered_terms(tmp_path, lexicon):
    corpus = make_corpus(tmp_path, {"a.txt": "CX budget, budget and budget. The leader budget.\n"})
    counts = concepts.count_corpus(corpus, concepts=lexicon)
    un = concepts_views.uncovered_terms(counts)
    assert un.iloc[0][["term", "uncovered", "total"]].tolist() == ["budget", 4, 4]
    assert "cx" not in set(un["term"])


def test_lexicon_fit_warns_only_when_few_terms_are_inside_a_concept(tmp_path, lexicon):
    # "The leader leads customers to CX" is 4 counted terms, all in concepts; the budget text has
    # 1 in 11 (the leader), under the 10% line
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    on_topic = make_corpus(tmp_path / "a", {"a.txt": "The leader leads customers to CX.\n"})
    assert concepts_views.lexicon_fit(concepts.count_corpus(on_topic, concepts=lexicon)) == ""
    off_topic = make_corpus(
        tmp_path / "b",
        {
            "b.txt": "Budget, budget and budget: the harbour ferry timetable changed twice, the leader said, ferries late.\n"
        },
    )
    counts = concepts.count_corpus(off_topic, concepts=lexicon)
    share = 100 * counts.words.loc[counts.words["is_term"], "covered"].mean()
    assert 0 < share < concepts_views.LOW_FIT
    warning = concepts_views.lexicon_fit(counts)
    assert warning.startswith(f"Only {share:.0f}% of the terms counted here") and "concepts.yaml" in warning


def test_repeated_sentences():
    s = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b"],
            "sentence_id": ["a1", "a2", "a3", "b1"],
            "n_words": [5, 5, 5, 5],
            "text": ["Same words here in it.", "Other.", "Same words here in it.", "Same words here in it."],
        }
    )
    rep = concepts_views.repeated_sentences(s)
    assert rep[["article_id", "times", "sentence_ids"]].values.tolist() == [["a", 2, "a1, a3"]]


# ---------------------------------------------------------------- distinctive terms


def test_log_odds_dirichlet_by_hand(fruit):
    _, counts = fruit
    lo = keyness.log_odds_dirichlet(counts.table, prior="corpus").set_index(["article_id", "term"])
    # Prior a_w = pooled counts: apple 2, banana 3, cherry 3; a_0 = 8. n_a = 3, n_b = 5.
    # a/apple: y_i=2, y_j=0, a_w=2
    #   delta = ln((2+2)/(3+8-2-2)) - ln((0+2)/(5+8-0-2)) = ln(4/7) - ln(2/11) = -0.559616 + 1.704748 = 1.145132
    #   var = 1/4 + 1/2 = 0.75 -> z = 1.145132 / 0.866025 = 1.322285
    # a/banana: y_i=1, y_j=2, a_w=3
    #   delta = ln(4/7) - ln(5/8) = -0.559616 + 0.470004 = -0.089612; var = 1/4 + 1/5 = 0.45 -> z = -0.133586
    # b/cherry: y_i=3, y_j=0, a_w=3
    #   delta = ln(6/7) - ln(3/8) = -0.154151 + 0.980829 = 0.826679; var = 1/6 + 1/3 = 0.5 -> z = 1.169100
    # b/banana: the mirror image of a/banana -> z = +0.133586
    assert lo.loc[("a", "apple"), "delta"] == pytest.approx(1.145132, abs=1e-6)
    assert lo.loc[("a", "apple"), "z"] == pytest.approx(1.322285, abs=1e-6)
    assert lo.loc[("a", "banana"), "z"] == pytest.approx(-0.133586, abs=1e-6)
    assert lo.loc[("b", "cherry"), "z"] == pytest.approx(1.169100, abs=1e-6)
    assert lo.loc[("b", "banana"), "z"] == pytest.approx(0.133586, abs=1e-6)
    assert not lo["significant"].any()  # nothing passes |z| > 1.96 on counts this small
    assert lo["low_count"].to_dict() == {
        ("a", "apple"): True,
        ("a", "banana"): True,
        ("b", "cherry"): False,
        ("b", "banana"): True,
    }


def test_log_odds_needs_two_articles(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": "Apple apple banana.\n"})
    counts = concepts.count_corpus(corpus)
    assert keyness.log_odds_dirichlet(counts.table).empty
    assert any(
        "Only one article" in w
        for w in keyness.small_count_warnings(counts.articles, keyness.log_odds_dirichlet(counts.table))
    )


def test_tfidf_by_hand(fruit):
    _, counts = fruit
    t = keyness.tfidf(counts.table).set_index(["article_id", "term"])["tfidf"]
    # N = 2; idf = ln((1+N)/(1+df)) + 1: df 1 -> 1.405465, df 2 -> 1.0
    assert t[("a", "apple")] == pytest.approx(2 / 3 * (math.log(3 / 2) + 1))  # 0.936977
    assert t[("a", "banana")] == pytest.approx(1 / 3)
    assert t[("b", "cherry")] == pytest.approx(3 / 5 * (math.log(3 / 2) + 1))  # 0.843279
    assert t[("b", "banana")] == pytest.approx(2 / 5)


def test_keyness_vs_english_by_hand(fruit):
    _, counts = fruit
    ref = {"apple": 0.001, "apples": 0.0005, "banana": 0.0002}  # cherry missing on purpose
    k = keyness.keyness_vs_english(counts.table, counts.words, reference=ref).set_index(["article_id", "term"])
    # a/apple: f = 0.001 + 0.0005 (both forms seen), n = 7 words, E = 0.0105, a = 2
    #   G2 = 2 (2 ln(2 / 0.0105) - (2 - 0.0105)) = 17.019109; log ratio = log2((2/7) / 0.0015) = 7.573467
    assert k.loc[("a", "apple"), "g2"] == pytest.approx(17.019109, abs=1e-5)
    assert k.loc[("a", "apple"), "log_ratio"] == pytest.approx(7.573467, abs=1e-5)
    assert bool(k.loc[("b", "cherry"), "not_in_reference"])


def test_keyness_default_reference_is_wordfreq(fruit):
    _, counts = fruit
    k = keyness.keyness_vs_english(counts.table, counts.words)
    assert not k["not_in_reference"].any() and (k["g2"] > 0).all()  # fruit is rare in general English text


def test_keyness_reuses_the_english_frequencies_saved_with_the_lemmas(tmp_path, fruit, monkeypatch):
    corpus, counts = fruit
    table = concepts.write_lemmas(corpus.tokens, tmp_path)
    assert table.set_index("form")["english"].to_dict() == concepts.english_frequency(table["form"].tolist())
    fresh = keyness.keyness_vs_english(counts.table, counts.words)
    monkeypatch.setattr(concepts, "_english_words", _no_list)  # every form is in lemmas.csv: no list loaded
    saved = keyness.keyness_vs_english(counts.table, counts.words, reference=keyness.english_reference(tmp_path))
    pd.testing.assert_frame_equal(saved, fresh, check_exact=True)  # the CSV gives the floats back to the last bit
    lookup = keyness.english_reference(tmp_path / "missing")  # no file: looked up in wordfreq
    monkeypatch.undo()
    assert lookup(["apple"]) == concepts.english_frequency(["apple"])


def test_the_english_word_list_is_built_once_for_words_and_hyphenated_forms():
    """Our lookup and wordfreq's own estimate for hyphenated forms share one cached list."""
    import wordfreq

    concepts._english_words.cache_clear()
    wordfreq.get_frequency_dict.cache_clear()
    freqs = concepts.english_frequency(["customer", "customer-first", "zzzqx"])
    assert freqs["customer"] > 0 and freqs["customer-first"] > 0 and freqs["zzzqx"] == 0.0
    assert wordfreq.get_frequency_dict.cache_info().misses == 1


def _no_list():
    raise AssertionError("the English word list was loaded again")


# ---------------------------------------------------------------- charts: one table behind bars and clouds


def test_word_cloud_and_bar_chart_come_from_the_same_table(fruit):
    _, counts = fruit
    clouds = concepts_views.cloud_table(counts, n=10)
    panel = clouds[clouds["panel"] == "all articles"]
    assert (
        panel[["term", "count"]].values.tolist()
        == concepts_views.top_terms(counts, n=10)[["term", "count"]].values.tolist()
    )
    ax = concepts_plots.plot_top_terms(panel)
    bars = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    wc = concepts_plots.make_word_cloud(panel)
    assert bars == concepts_plots.cloud_frequencies(panel) == {"Banana": 3, "cherry": 3, "apple": 2}
    top = max(bars.values())
    assert wc.words_ == {k: v / top for k, v in bars.items()}  # the cloud scales exactly these counts
    plt.close("all")


def test_one_article_gets_one_word_cloud_named_for_it(tmp_path, fruit):
    _, counts = fruit
    assert list(dict.fromkeys(concepts_views.cloud_table(counts, n=10)["panel"])) == ["all articles", "a", "b"]
    (tmp_path / "one").mkdir()
    one = concepts.count_corpus(make_corpus(tmp_path / "one", {"a.txt": FRUIT["a.txt"]}))
    clouds = concepts_views.cloud_table(one, n=10)
    assert set(clouds["panel"]) == {"a"}  # the corpus's cloud would be the same cloud again
    assert concepts_views.headline_clouds(clouds, n=10) == "The 10 most frequent terms of a"
    fig = concepts_plots.plot_word_clouds(clouds, n_articles=1)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 1
    assert "Showing the first" not in fig.get_supxlabel()
    plt.close("all")


def test_word_cloud_is_reproducible(fruit):
    _, counts = fruit
    panel = concepts_views.top_terms(counts)
    first, second = (concepts_plots.make_word_cloud(panel).layout_ for _ in range(2))
    assert first == second


def test_word_cloud_on_an_axes_is_the_cloud_of_the_counts(fruit):
    _, counts = fruit
    panel = concepts_views.top_terms(counts)
    ax = concepts_plots.plot_word_cloud(panel)
    image = ax.images[0].get_array()
    assert image.shape == (280, 460, 3)
    assert (image == concepts_plots.make_word_cloud(panel).to_array()).all()
    assert not ax.axison
    empty = concepts_plots.plot_word_cloud(panel.iloc[:0])
    assert not empty.images and empty.texts[0].get_text() == "no terms"
    plt.close("all")


def test_labels_stay_unique_when_surfaces_collide():
    terms = pd.DataFrame(
        {"term": ["cx", "cx experience"], "surface": ["CX", "cx"], "kind": ["word", "phrase"], "count": [3, 2]}
    )
    assert concepts_views.term_labels(terms).tolist() == ["CX (cx)", "cx (cx experience)"]


# ---------------------------------------------------------------- legibility with 2 and 30 articles


def synthetic_articles(n: int) -> dict[str, str]:
    """n short articles that mix lexicon words in different proportions (deterministic)."""
    pool = [
        "Leaders shape the culture of every team.",
        "Staff need training and better tools.",
        "Customer experience depends on speed and urgency.",
        "Revenue and profit follow customer value.",
        "Courage means taking a risk against the structure.",
        "Small business owners move fast.",
        "The CX industry measures NPS and other metrics.",
        "Promises create expectations for customers.",
    ]
    return {
        f"art{i:02d}.txt": f"Note {i}. " + " ".join(pool[(i + j) % len(pool)] for j in range(3 + i % 4)) + "\n"
        for i in range(n)
    }


@pytest.mark.parametrize(
    "ids, rotation, align", [(["art00", "art01"], 0.0, "center"), (["cv435_24355", "cv506_17521"], 30.0, "right")]
)
def test_concept_heatmap_slants_article_ids_too_long_for_their_column(ids, rotation, align):
    rates = pd.DataFrame([[1.0, 2.0]], index=["leadership"], columns=ids)
    ax = concepts_plots.plot_concept_heatmap(rates, rates.astype(int))
    assert [t.get_text() for t in ax.get_xticklabels()] == ids
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {rotation}
    assert {t.get_horizontalalignment() for t in ax.get_xticklabels()} == {align}
    plt.close(ax.figure)


def test_concept_heatmap_names_the_concepts_no_article_uses_instead_of_drawing_empty_rows():
    counts = pd.DataFrame(
        [[2, 0], [0, 0], [1, 1], [0, 0]], index=["leadership", "courage", "service", "culture"], columns=["a", "b"]
    )
    ax = concepts_plots.plot_concept_heatmap(counts.astype(float) * 10, counts)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["leadership", "service"]
    assert "Not shown, no hit in any article (2): courage, culture" in ax.get_xlabel().replace("\n", " ")
    plt.close(ax.figure)
    none = counts * 0  # no concept used at all: every row stays, and the title says so
    ax = concepts_plots.plot_concept_heatmap(none.astype(float), none)
    assert len(ax.get_yticklabels()) == 4 and "Not shown" not in ax.get_xlabel()
    plt.close(ax.figure)


@pytest.mark.parametrize("n_articles", [2, 30])
def test_charts_stay_legible(tmp_path, n_articles):
    corpus = make_corpus(tmp_path, synthetic_articles(n_articles))
    counts = concepts.count_corpus(corpus)
    ids = counts.articles["article_id"].tolist()
    rates, cnt = concepts_views.concept_matrix(counts), concepts_views.concept_matrix(counts, value="count")
    figs = [
        concepts_plots.plot_concept_heatmap(rates, cnt, max_articles=20).figure,
        concepts_plots.plot_top_concepts(concepts_views.top_concepts(counts, n=5), max_articles=20),
        concepts_plots.plot_word_clouds(concepts_views.cloud_table(counts, n=20, max_articles=5), n_articles=len(ids)),
        concepts_plots.plot_dispersion(
            concepts_views.dispersion_table(counts, concepts=["leadership", "courage"]),
            concepts=["leadership", "courage"],
            articles=ids,
            max_articles=20,
        ).figure,
        concepts_plots.plot_cooccurrence(concepts.cooccurrence(counts.hits)).figure,
        concepts_plots.plot_distinctive_terms(
            keyness.top_per_article(keyness.log_odds_dirichlet(counts.table), by="z", n=6), max_articles=20
        ),
    ]
    for fig in figs:
        w, h = fig.get_size_inches()
        assert w <= 16 and h <= 24  # never a poster
    heat = figs[0].axes[0]
    assert len(heat.get_xticklabels()) == min(n_articles, 20)
    assert ("first 20 of 30" in heat.get_xlabel()) == (n_articles == 30)  # truncation is said, not silent
    facets = [ax for ax in figs[1].axes if ax.get_visible()]
    assert len(facets) == min(n_articles, 20)
    clouds = [ax for ax in figs[2].axes if ax.get_visible()]
    assert len(clouds) == 1 + min(n_articles, 5)
    plt.close("all")


def test_put_title_wraps_long_findings():
    fig, ax = plt.subplots(figsize=(6, 3))
    concepts_plots.put_title(ax, "word " * 40)
    title = fig.get_suptitle()  # at the figure's edge, so the width of the tick labels does not matter
    assert title.count("\n") >= 2 and max(map(len, title.splitlines())) <= 60
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 3))  # an article id is a name: never split at its hyphens
    concepts_plots.put_title(
        ax, "Where each article stands out: four-myths code glosses; the-commute-is-dead concessions"
    )
    assert "the-commute-is-dead" in fig.get_suptitle().split()
    plt.close(fig)


# ---------------------------------------------------------------- headlines, exports, benchmark


def test_headlines_state_the_finding():
    terms = pd.DataFrame(
        {"term": ["customer"], "surface": ["customer"], "kind": ["word"], "count": [74], "rate": [23.3]}
    )
    assert (
        concepts_views.headline_top_terms(terms) == "‘customer’ is the most frequent term (74 uses, 23 per 1,000 words)"
    )
    m = pd.DataFrame([[3, 2, 1], [2, 2, 1], [1, 1, 1]], index=list("abc"), columns=list("abc"))
    assert concepts_views.headline_cooccurrence(m) == "‘a’ and ‘b’ share the most sentences (2)"


def test_concept_headlines_name_the_densest_concept_and_read_right_for_one_article():
    top = pd.DataFrame(
        {
            "article_id": ["x", "x", "x", "y", "y", "y"],
            "concept": ["tools", "measurement", "training", "culture", "tools", "measurement"],
            "rank": [1, 2, 3, 1, 2, 3],
        }
    )
    # tools and measurement are both in the top 3 of two articles: the denser on average (tools) is named
    assert concepts_views.headline_top_concepts(top) == "‘tools’ is among the 3 densest concepts in 2 of 2 articles"
    one = top[top["article_id"] == "x"]
    assert concepts_views.headline_top_concepts(one) == "‘tools’ is the densest concept in x"
    rates = pd.DataFrame({"x": [23.0, 13.0, 0.0]}, index=["tools", "measurement", "culture"])
    assert concepts_views.headline_heatmap(rates) == (
        "‘tools’ is densest in x (23 per 1,000 words); it uses 2 of the lexicon's 3 concepts"
    )


def test_write_counts(tmp_path, fruit):
    corpus, counts = fruit
    files = concepts.write_counts(counts, tmp_path / "figs")
    assert [f.name for f in files] == ["03-counts-table.csv", "03-collocations.csv", "03-concept-hits.csv"]
    assert len(pd.read_csv(files[0])) == len(counts.table)


def _planted_table(*, planted: int, seed: int = 7) -> pd.DataFrame:
    """Six articles of 3,000 words drawn from the same 400 common English words (by their English
    frequencies), with ``planted`` uses of 'zeppelin' added to article a only."""
    from wordfreq import top_n_list, word_frequency

    vocab = [w for w in top_n_list("en", 1500) if w.isalpha() and len(w) > 3][:400]
    f = np.array([word_frequency(w, "en") for w in vocab])
    rng = np.random.default_rng(seed)
    rows = []
    for art in "abcdef":
        counts = rng.multinomial(3000, f / f.sum())
        rows += [(art, w, int(c)) for w, c in zip(vocab, counts) if c]
        if art == "a" and planted:
            rows.append((art, "zeppelin", planted))
    t = pd.DataFrame(rows, columns=["article_id", "term", "count"])
    return t.assign(kind="word", surface=t["term"], n_words=t.groupby("article_id")["count"].transform("sum"))


def test_planted_term_is_found_and_chance_terms_are_not():
    # null corpus plus 30 uses of 'zeppelin' in one article (1 % of its words, 0 elsewhere): z 5.15, q 0.0006
    lo = keyness.log_odds_dirichlet(_planted_table(planted=30))
    sig = lo[lo["significant"] & (lo["z"] > 0)]
    assert sig[["article_id", "term"]].values.tolist() == [["a", "zeppelin"]]
    # without false-discovery control, dozens would pass one at a time on the same data
    assert (lo["p"] < 0.05).sum() == 33
    warning = keyness.small_count_warnings(pd.DataFrame({"article_id": list("abcdef"), "n_terms": 3000}), lo)[-1]
    assert "1 count as distinctive" in warning


def test_no_planted_term_nothing_passes():
    lo = keyness.log_odds_dirichlet(_planted_table(planted=0))
    assert not (lo["significant"] & (lo["z"] > 0)).any()


def test_benjamini_hochberg_by_hand():
    # p sorted 0.01, 0.03, 0.04, 0.20 -> p x 4 / rank = 0.04, 0.06, 0.0533, 0.20 -> running minimum from the end
    q = keyness.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.20]))
    assert q.round(4).tolist() == [0.04, 0.0533, 0.0533, 0.2]


@pytest.mark.parametrize(
    "form, term",
    [
        # 003: "create alignment inside the whole organisation"; 002: "highly successful organizations"
        ("organisation", "organization"),
        ("organizations", "organization"),
        ("optimising", "optimize"),  # 003: "optimising current services"
        ("behaviour", "behavior"),  # 004: "Structure drives behaviour"
        ("promise", "promise"),  # not a British -ise: "promize" is no English word
        ("four", "four"),
    ],
)
def test_british_and_american_spellings_are_one_term(form, term):
    assert concepts.lemmatize(form) == term


def test_phrase_occurrences_stay_inside_a_chunk_and_find_phrases_whose_first_lemma_holds_a_space():
    lemmas = ["customer", "experience", "customer", "experience", "new york", "office", "so", "new york", "office"]
    tokens = ["Customer", "experience", "customer", "experiences", "New-York", "office", "so", "New-York", "office"]
    chunks = [1, 1, 2, 3, 3, 3, 3, 4, 4]  # the second "customer | experience" is split by punctuation
    words = pd.DataFrame(
        {
            "article_id": ["a"] * 9,
            "sentence_id": ["a-s1"] * 9,
            "start": range(0, 90, 10),
            "end": range(5, 95, 10),
            "token": tokens,
            "lemma": lemmas,
            "chunk": chunks,
            "word_index": range(9),
        }
    )
    phrases = pd.DataFrame({"phrase": ["customer experience", "new york office"], "n": [2, 2]})
    found = concepts.phrase_occurrences(words, phrases)
    assert found[["term", "surface", "start", "end"]].values.tolist() == [
        ["customer experience", "Customer experience", 0, 15],
        ["new york office", "New-York office", 40, 55],
        ["new york office", "New-York office", 70, 85],
    ]


def test_counting_from_a_tokens_table_read_apart_gives_the_same_counts(tmp_path, fruit):
    corpus, counts = fruit
    apart = concepts.count_corpus(dataclasses.replace(corpus, tokens=corpus.tokens.iloc[:0]), tokens=corpus.tokens)
    pd.testing.assert_frame_equal(apart.table, counts.table)
    pd.testing.assert_frame_equal(apart.words, counts.words)
