"""Tests for utils.text: one definition of a word, one apostrophe rule, one stopword list."""

from __future__ import annotations

import pytest

from utils import text


@pytest.mark.parametrize(
    ("sentence", "tokens"),
    [
        ("CX isn’t fluff: 65.5% agree!", ["CX", "isn’t", "fluff", ":", "65.5%", "agree", "!"]),
        ("customer-first, 24x7", ["customer-first", ",", "24x7"]),
    ],
)
def test_tokens(sentence, tokens):
    assert [t for _, _, t in text.token_spans(sentence)] == tokens


def test_words_and_apostrophes():
    assert [t for _, _, t in text.token_spans("a — b") if text.is_word(t)] == ["a", "b"]
    assert text.straighten("Customer’s") == "customer's"
    assert text.LETTER_WORD.findall("front-line don’t 2024") == ["front", "line", "don’t"]


def test_stopwords_file_is_read_with_comments_and_straight_apostrophes(tmp_path):
    f = tmp_path / "stop.txt"
    f.write_text("# source: test\nThe\nDon’t\n\n", encoding="utf-8")
    assert text.load_stopwords(f) == frozenset({"the", "don't"})
    assert "the" in text.load_stopwords()
