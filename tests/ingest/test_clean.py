"""Cleaning re-joins, drops and normalises, and every character still points into the raw file."""

import re

import pytest

from utils.ingest.clean import clean_text, is_hard_wrapped


def _paras(raw, fmt="txt"):
    return clean_text(raw, fmt=fmt).paragraphs


def _check_raw_map(raw, paragraphs):
    """Each cleaned character maps to the same character in the raw text (or to white space
    that cleaning turned into one space)."""
    for p in paragraphs:
        assert len(p.raw) == len(p.text)
        for ch, pos in zip(p.text, p.raw):
            assert raw[pos] == ch or (ch == " " and raw[pos].isspace())


def test_hard_wrapped_lines_rejoin_into_paragraphs():
    raw = "This past month I was asked to speak at the\nBiltmore Hotel in Miami. Experts from across\nindustries came.\nNot a bad place to be when it is\nsnow everywhere.\n"
    paras = _paras(raw)
    assert [p.text for p in paras] == [
        "This past month I was asked to speak at the Biltmore Hotel in Miami. Experts from across industries came.",
        "Not a bad place to be when it is snow everywhere.",
    ]
    _check_raw_map(raw, paras)


def test_one_line_per_paragraph_files_keep_their_lines():
    raw = "Imagine you are in this situation\nImagine that you review your accounts.\nAnd you decide.\n"
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Imagine you are in this situation"),
        ("body", "Imagine that you review your accounts."),
        ("body", "And you decide."),
    ]
    assert not is_hard_wrapped(raw.splitlines())


def test_bullets_on_their_own_line_join_their_items_and_lists_end_at_a_new_capitalised_line():
    raw = (
        "We share three\nthings in common:\no\nManagers act like\nowners\no\nStaff deliver authentic\n"
        "experiences\nThe audience explored some of the\nchallenges they have.\n"
    )
    paras = _paras(raw)
    assert [(p.kind, p.marker, p.text) for p in paras] == [
        ("body", "", "We share three things in common:"),
        ("list_item", "o", "Managers act like owners"),
        ("list_item", "o", "Staff deliver authentic experiences"),
        ("body", "", "The audience explored some of the challenges they have."),
    ]
    _check_raw_map(raw, paras)


def test_numbered_items_are_list_items_without_their_number():
    raw = "Steps to take:\n\n  1. Identify service cracks\n  2. Eliminate bad practices\n\nThen act.\n"
    paras = _paras(raw)
    assert [(p.kind, p.marker, p.text) for p in paras][1:3] == [
        ("list_item", "1.", "Identify service cracks"),
        ("list_item", "2.", "Eliminate bad practices"),
    ]


def test_trailing_comment_boilerplate_is_cut_but_the_same_words_mid_article_are_kept():
    raw = "Leave a reply is what we asked.\n\nLeave a Reply\n\nThe real end.\n\nLeave a Reply\n\nYour email address will not be published.\n"
    cleaned = clean_text(raw, fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == ["Leave a reply is what we asked.", "Leave a Reply", "The real end."]
    assert [e["text"] for e in cleaned.log if e["step"] == "boilerplate removed"] == [
        "Your email address will not be published.",
        "Leave a Reply",
    ]


def test_typographic_quotes_and_dashes_survive_and_odd_spaces_become_one_space():
    raw = "It\u2019s \u201cnot\u201d fluff \u2013 in\u00a0a\u00a0 wise company.\n"
    paras = _paras(raw)
    assert paras[0].text == "It\u2019s \u201cnot\u201d fluff \u2013 in a wise company."
    _check_raw_map(raw, paras)


def test_html_main_text_drops_navigation_scripts_and_styles():
    raw = (
        "<html><head><style>p{}</style><script>var x='<p>no</p>';</script></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h2>Why it matters</h2><p>Culture&nbsp;beats\n strategy.</p>"
        "<ul><li>Lead</li><li>Listen</li></ul></article><footer>Leave a Reply</footer></body></html>"
    )
    paras = _paras(raw, "html")
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Why it matters"),
        ("body", "Culture beats strategy."),
        ("list_item", "Lead"),
        ("list_item", "Listen"),
    ]
    assert raw[paras[1].raw[0] : paras[1].raw[-1] + 1].startswith("Culture")


def test_markdown_headings_and_bullets():
    raw = "# Title here\n\nSome text that\nwraps.\n\n- first point\n- second point\n"
    paras = _paras(raw, "md")
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Title here"),
        ("body", "Some text that wraps."),
        ("list_item", "first point"),
        ("list_item", "second point"),
    ]


@pytest.mark.parametrize("line", ["No comments:", "Post a Comment", "Leave a Reply", "3 Comments", "Share this:"])
def test_boilerplate_lexicon_covers_common_footers(line):
    cleaned = clean_text(f"Body sentence here.\n{line}\n", fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == ["Body sentence here."]
    assert re.search("boilerplate", cleaned.log[0]["step"])
