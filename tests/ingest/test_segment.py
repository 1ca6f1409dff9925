import pytest

from utils.ingest.segment import is_word, sentence_spans, token_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith came. Why? Because.", ["Dr. Smith came.", "Why?", "Because."]),
        # a quoted speech ending in .” followed by ? stays one sentence (004)
        ("He said “It is fine. I’ll cross that bridge.”?", ["He said “It is fine.", "I’ll cross that bridge.”?"]),
        # a full stop typed before a lower-case continuation does not split (003)
        (
            "Use prototypes and blueprints. and take pilot tests.",
            ["Use prototypes and blueprints. and take pilot tests."],
        ),
        (
            "In short – training is an added value, e.g. for staff. Not the solution.",
            ["In short – training is an added value, e.g. for staff.", "Not the solution."],
        ),
    ],
)
def test_sentences(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_all_lower_case_text_still_splits():
    text = "the film is long . it is also dull ."
    assert len(sentence_spans(text)) == 2


def test_tokens_keep_contractions_hyphens_and_numbers():
    toks = [t for _, _, t in token_spans("Customer-first isn’t 24x7: 65 percent, 3.5% or 1950’s!")]
    assert toks == ["Customer-first", "isn’t", "24x7", ":", "65", "percent", ",", "3.5%", "or", "1950’s", "!"]
    assert [is_word(t) for t in toks[:4]] == [True, True, True, False]


def test_segmentation_never_touches_nltk_data(monkeypatch):
    """Results cannot depend on whether a machine has nltk_data: any lookup would raise here."""
    import nltk.data

    from utils import paths
    from utils.ingest import segment
    from utils.ingest.read import ingest

    def refuse(*args, **kwargs):
        raise AssertionError("nltk_data was consulted")

    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    segment.sentence_splitter.cache_clear()
    assert len(ingest(paths.RAW).sentences) == 181


def test_a_number_after_an_abbreviation_that_numbers_things_does_not_start_a_sentence():
    text = "At noon No. 10 issued a statement. See p. 4 of the report, and pp. 12-14 too. It ended."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "At noon No. 10 issued a statement.",
        "See p. 4 of the report, and pp. 12-14 too.",
        "It ended.",
    ]
