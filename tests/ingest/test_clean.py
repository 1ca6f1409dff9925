"""Cleaning re-joins, drops and normalises, and every character still points into the raw file."""

import re

import pytest

from utils import paths
from utils.ingest.clean import clean_text, is_hard_wrapped, line_layout


def _paras(raw, fmt="txt"):
    return clean_text(raw, fmt=fmt).paragraphs


def _check_raw_map(raw, paragraphs):
    """Each cleaned character maps to the same character in the raw text (or to white space
    that cleaning turned into one space)."""
    for p in paragraphs:
        assert len(p.raw) == len(p.text)
        for ch, pos in zip(p.text, p.raw):
            assert raw[pos] == ch or (ch == " " and raw[pos].isspace())


def _texts_and_steps(raw, fmt):
    """The cleaned paragraphs' texts, and each logged cut's step by the text it cut."""
    cleaned = clean_text(raw, fmt=fmt)
    return [p.text for p in cleaned.paragraphs], {e["text"]: e["step"] for e in cleaned.log}


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


def test_a_line_of_hashtags_is_cut_but_a_line_that_opens_with_a_number_sign_is_kept():
    cleaned = clean_text(
        "Talk to the ones who leave.\n\n#CustomerExperience #CX, #Leadership\n\n#1 tip: listen.\n", fmt="txt"
    )
    assert [p.text for p in cleaned.paragraphs] == ["Talk to the ones who leave.", "#1 tip: listen."]


def test_markdown_headings_and_bullets():
    raw = "# Title here\n\nSome text that\nwraps.\n\n- first point\n- second point\n"
    paras = _paras(raw, "md")
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Title here"),
        ("body", "Some text that wraps."),
        ("list_item", "first point"),
        ("list_item", "second point"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "No comments:",
        "Post a Comment",
        "Leave a Reply",
        "3 Comments",
        "Share this:",
        "#CX #Leadership",
        "P.S. Next week: why your IVR menu is probably too long.",
        "You are receiving this because you subscribed at theservicedesk.blog. Unsubscribe.",
    ],
)
def test_boilerplate_lexicon_covers_common_footers(line):
    cleaned = clean_text(f"Body sentence here.\n{line}\n", fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == ["Body sentence here."]
    assert re.search("boilerplate", cleaned.log[0]["step"])


# ------------------------------------------------------------------ layout decided per file

LONG = [
    "Customer experience is a discipline that asks every team to see the business from the outside in, and most firms still treat it as a slogan rather than a practice.",
    "The firms that do well measure what customers feel at each step, fix the broken steps first, and only then spend money on new channels or shiny tools.",
    "Leaders who own the experience visit the front line every month, listen to calls, and ask staff what stops them from serving people well.",
    "None of this is new, yet it is rare, because it takes patience and a willingness to hear bad news before good news arrives.",
]


def test_one_paragraph_per_line_after_a_blank_line_is_not_glued_into_one_paragraph():
    # A title, a blank line, then one paragraph a line: the blank line used to switch the whole file
    # to "paragraphs are blocks", and every body line joined into one paragraph.
    raw = "Why experience matters\n\n" + "\n".join(LONG) + "\n"
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras] == [("heading", "Why experience matters")] + [("body", t) for t in LONG]
    _check_raw_map(raw, paras)


def test_long_paragraph_lines_without_final_punctuation_are_not_taken_for_wrapped_lines():
    # No blank lines; lines end without punctuation (a link, a missing stop), one before a lower-case
    # brand name: the old rule called the file hard-wrapped and joined every such line to the next.
    lines = [
        LONG[0],
        LONG[1][:-1] + " (see the chart at example.com/cx-report",
        "iPhone owners " + LONG[2][0].lower() + LONG[2][1:],
        LONG[3][:-1] + " according to the survey",
        "Sellers said the same in every interview we ran over the last three years, and the numbers back them.",
        LONG[0][:-1] + " as the founders put it",
        "eBay sellers said it too.",
        "The end of the piece comes here, with a last word on the whole matter.",
    ]
    raw = "\n".join(lines) + "\n"
    assert not is_hard_wrapped(raw.splitlines()) and line_layout(raw.splitlines()) == "lines"
    paras = _paras(raw)
    # each line is a paragraph; only a line starting in lower case after one without a final stop continues it
    assert [p.text for p in paras] == [
        lines[0],
        lines[1] + " " + lines[2],
        lines[3],
        lines[4],
        lines[5] + " " + lines[6],
        lines[7],
    ]
    _check_raw_map(raw, paras)


def test_hard_wrapped_paragraphs_separated_by_blank_lines_still_rejoin():
    raw = (
        "Customer experience is a discipline that asks every team to see the\nbusiness from the outside in, and most firms"
        " still treat it as a slogan\nrather than a practice.\n\nThe firms that do well measure what customers feel at"
        " each\nstep, fix the broken steps first, and only then spend money on new\nchannels or tools.\n"
    )
    assert line_layout(raw.splitlines()) == "blocks"
    paras = _paras(raw)
    assert [p.text for p in paras] == [
        "Customer experience is a discipline that asks every team to see the business from the outside in, and most firms still treat it as a slogan rather than a practice.",
        "The firms that do well measure what customers feel at each step, fix the broken steps first, and only then spend money on new channels or tools.",
    ]
    _check_raw_map(raw, paras)


@pytest.mark.parametrize(
    "raw, layout",
    [
        ("\n".join(LONG) + "\n", "lines"),
        ("Title\n\n" + "\n".join(LONG) + "\n", "lines"),
        ("A line that wraps at the\nwidth of the terminal and\ngoes on for a while\nuntil it ends.\n", "wrapped"),
    ],
)
def test_line_layout_is_decided_from_the_files_own_lines(raw, layout):
    assert line_layout(raw.splitlines()) == layout


# ------------------------------------------------------------------ titles and blog metadata


def test_a_title_and_subtitle_above_the_body_are_heading_units_not_one_body_paragraph():
    raw = "Why experience matters\nA note from the front line\n\n" + "\n\n".join(LONG) + "\n"
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras[:3]] == [
        ("heading", "Why experience matters"),
        ("heading", "A note from the front line"),
        ("body", LONG[0]),
    ]


def test_a_long_subtitle_under_the_title_is_its_own_unit_not_glued_to_the_title():
    subtitle = "Why chatbots are the best thing to happen to customer service in a decade"  # 14 words
    raw = f"Let the Bots Answer the Phone\n{subtitle}\n\nBy Dana Whitfield\n\n" + "\n\n".join(LONG) + "\n"
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras[:2]] == [
        ("heading", "Let the Bots Answer the Phone"),
        ("heading", subtitle),
    ]
    assert paras[2].text == LONG[0]  # the byline between them is set aside
    _check_raw_map(raw, paras)


def test_a_title_above_a_hard_wrapped_body_is_its_own_heading():
    raw = (
        "Why experience matters\nCustomer experience is a discipline that asks every team to see the\n"
        "business from the outside in, and most firms still treat it as a slogan\nrather than a practice.\n"
        "The firms that do well measure what customers feel at each step, and\nfix the broken steps first.\n"
    )
    paras = _paras(raw)
    assert [p.kind for p in paras] == ["heading", "body", "body"] and paras[0].text == "Why experience matters"


def test_a_first_block_that_is_a_wrapped_paragraph_is_not_split_as_a_title():
    raw = "This past month I went\nTo Miami for a conference.\n\nIt was good.\n\nThe end came.\n"
    assert _paras(raw)[0].text == "This past month I went To Miami for a conference."


def test_a_masthead_in_capitals_is_a_title_though_its_block_runs_on():
    raw = "ASK MAREN\nLife, family and everything in between.\n\n" + "\n\n".join(LONG) + "\n"
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras[:2]] == [
        ("heading", "ASK MAREN"),
        ("body", "Life, family and everything in between."),
    ]
    # a first line in ordinary capitals still opens a wrapped paragraph
    assert (
        _paras("This Past Month I went\nTo Miami for a conference.\n\nIt was good.\n\nThe end came.\n")[0].kind
        == "body"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Tags: culture, leadership, CX",
        "Filed under: Customer Experience",
        "Categories: CX, Strategy",
        "Share this:",
        "Related posts",
    ],
)
def test_blog_metadata_lines_are_cut_wherever_they_stand_and_logged_with_their_pattern(line):
    raw = f"Body sentence here.\n{line}\nAnother body sentence.\n"
    cleaned = clean_text(raw, fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == ["Body sentence here.", "Another body sentence."]
    [cut] = [e for e in cleaned.log if e["step"] == "boilerplate removed"]
    assert cut["text"] == line and cut["pattern"] and raw[cut["raw_start"] : cut["raw_end"]] == line


def test_html_title_comes_from_the_h1_even_in_a_dropped_header():
    raw = (
        "<html><head><title>Why culture matters | Acme Blog</title></head><body><header><h1>Why culture matters</h1>"
        "</header><article><p>Culture beats strategy.</p></article></body></html>"
    )
    assert clean_text(raw, fmt="html").title == "Why culture matters"


def test_html_title_prefers_the_h1_of_the_article_then_the_page_title_without_its_site_name():
    raw = "<html><body><h1>Acme Blog</h1><main><h1>The real title</h1><p>Text.</p></main></body></html>"
    assert clean_text(raw, fmt="html").title == "The real title"
    raw = "<html><head><title>Remote work, reconsidered - Acme Blog</title></head><body><p>Text here.</p></body></html>"
    assert clean_text(raw, fmt="html").title == "Remote work, reconsidered"
    # "|" parts of as many words: the title comes first, the site after it
    raw = "<html><head><title>Bus fares | City Voice</title></head><body><p>Text here.</p></body></html>"
    assert clean_text(raw, fmt="html").title == "Bus fares"
    raw = "<html><head><title>City Voice | Why free buses are a false economy</title></head><body></body></html>"
    assert clean_text(raw, fmt="html").title == "Why free buses are a false economy"


# ------------------------------------------------------------------ comment, share and cookie notices

NOTICES = [
    "Please enable JavaScript to view the comments powered by Disqus.",
    "comments powered by Disqus",
    "Click to share on Twitter (Opens in new window)",
    "Like this: Like Loading...",
    "This website uses cookies to improve your experience. We'll assume you're ok with this.",
    "We use cookies to personalise content and ads.",
    "Accept all cookies",
    "Your email address will not be published. Required fields are marked *",
]


@pytest.mark.parametrize("notice", NOTICES)
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_comment_share_and_cookie_notices_are_cut_from_text_files_anywhere(notice, fmt):
    raw = f"Body sentence here.\n\n{notice}\n\nAnother body sentence.\n\nLeave a Reply\n"
    cleaned = clean_text(raw, fmt=fmt)
    assert [p.text for p in cleaned.paragraphs] == ["Body sentence here.", "Another body sentence."]
    assert notice in [e["text"] for e in cleaned.log if e["step"] == "boilerplate removed"]


@pytest.mark.parametrize("notice", NOTICES)
def test_comment_share_and_cookie_notices_are_cut_from_html(notice):
    raw = f"<html><body><article><p>Body sentence here.</p><div>{notice}</div><p>Another body sentence.</p></article></body></html>"
    cleaned = clean_text(raw, fmt="html")
    assert [p.text for p in cleaned.paragraphs] == ["Body sentence here.", "Another body sentence."]
    assert [e["pattern"] != "" for e in cleaned.log if e["step"] == "boilerplate removed"] == [True]


def test_boilerplate_lexicon_keeps_its_source_note_and_marks_anywhere_patterns():
    from utils import paths
    from utils.ingest.clean import load_boilerplate_lexicon

    text = (paths.LEXICONS / "boilerplate.txt").read_text(encoding="utf-8")
    assert "# Source: the seed articles" in text
    kinds = {anywhere for _, _, anywhere in load_boilerplate_lexicon()}
    assert kinds == {True, False}


def test_an_interviews_q_and_a_marks_are_markers_not_words():
    raw = "Q: Is remote work over?\n\nA: No. The data point the other way.\n\nA. Smith disagrees with that.\n"
    cleaned = clean_text(raw, fmt="txt")
    paras = cleaned.paragraphs
    assert [(p.marker, p.text) for p in paras] == [
        ("Q:", "Is remote work over?"),
        ("A:", "No. The data point the other way."),
        ("", "A. Smith disagrees with that."),  # an initial, not a speaker mark
    ]
    _check_raw_map(raw, paras)
    marks = [e for e in cleaned.log if e["step"].startswith("speaker mark")]
    assert [raw[e["raw_start"] : e["raw_end"]] for e in marks] == ["Q:", "A:"]


def test_a_transcripts_speakers_in_capitals_are_markers_not_words():
    raw = (
        "MODERATOR: Speaking for the motion, Karen Liu.\n\nLIU: Thank you. Customers hate waiting.\n\n"
        "DR HELEN MARSH: The figures say otherwise.\n\nLiu: a name in lower case is no speaker mark.\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    assert [(p.marker, p.text) for p in cleaned.paragraphs] == [
        ("MODERATOR:", "Speaking for the motion, Karen Liu."),
        ("LIU:", "Thank you. Customers hate waiting."),
        ("DR HELEN MARSH:", "The figures say otherwise."),
        ("", "Liu: a name in lower case is no speaker mark."),
    ]
    _check_raw_map(raw, cleaned.paragraphs)


def test_footnote_marks_are_cut_so_they_neither_open_nor_make_a_sentence():
    raw = (
        "Many teachers use AI tools to grade homework.[1] This essay argues that machines should not mark.\n\n"
        "Scoring engines reward long essays.[2, 3]\n\nLength is what they count\u00b9, not sense.\n"
        "A list [1] with a space before it stays.\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    texts = [p.text for p in cleaned.paragraphs]
    assert texts[0] == "Many teachers use AI tools to grade homework. This essay argues that machines should not mark."
    assert texts[1] == "Scoring engines reward long essays."
    assert "A list [1] with a space before it stays." in texts[-1]
    marks = [e["text"] for e in cleaned.log if e["step"] == "footnote mark removed"]
    assert marks == ["[1]", "[2, 3]", "\u00b9"]
    assert texts[2].startswith("Length is what they count, not sense.")
    _check_raw_map(raw, cleaned.paragraphs)


def test_a_references_section_at_the_end_is_cut_as_back_matter():
    body = "".join(f"## Part {k}\n\nParagraph {k} makes a point about marking.\n\n" for k in range(1, 4))
    raw = (
        body
        + "## References\n\n1. Perelman, L. (2014). When the state of the art is counting words.\n2. AQA (2005). Marking.\n"
    )
    cleaned = clean_text(raw, fmt="md")
    assert cleaned.paragraphs[-1].text == "Paragraph 3 makes a point about marking."
    cut = [e["text"] for e in cleaned.log if e["step"] == "back matter removed"]
    assert cut[0] == "References" and len(cut) == 3
    # in plain text, a "References" line heads its list even with no blank line between them
    plain = "Title\n\n" + "".join(f"Paragraph {k} makes a point about marking.\n\n" for k in range(1, 4))
    plain += (
        "References\n[1] Perelman, L. (2014) When the state of the art is counting words.\n[2] AQA (2005) Marking.\n"
    )
    cleaned = clean_text(plain, fmt="txt")
    cut = [e["text"] for e in cleaned.log if e["step"] == "back matter removed"]
    assert cut[0] == "References" and "AQA" in cut[-1]
    assert cleaned.paragraphs[-1].text == "Paragraph 3 makes a point about marking."
    # a "Sources" heading near the start opens a section of the argument, not the back matter
    early = "## Sources\n\nWhere the data come from matters.\n\n" + body
    assert "back matter removed" not in {e["step"] for e in clean_text(early, fmt="md").log}


def test_a_byline_and_a_letters_signature_are_not_part_of_the_argument():
    raw = (
        "Marking is teaching\n\n*By Margaret Harris, head of English*\n\n"
        "Sir, your report misses the point. Marking is how a teacher learns.\n\n"
        "By contrast, software learns nothing from the class.\n\nLet machines check spelling if they must.\n\n"
        "Margaret Harris\nHead of English, Sheffield\n"
    )
    cleaned = clean_text(raw, fmt="md")
    texts = [p.text for p in cleaned.paragraphs]
    assert texts[0] == "Marking is teaching" and texts[1].startswith("Sir, your report")
    assert "By contrast, software learns nothing from the class." in texts  # not a byline
    assert texts[-1] == "Let machines check spelling if they must."
    steps = {e["step"]: e["text"] for e in cleaned.log if e["step"] in {"byline removed", "signature removed"}}
    assert steps == {
        "byline removed": "By Margaret Harris, head of English",  # its emphasis marks went first (logged)
        "signature removed": "Margaret Harris Head of English, Sheffield",
    }


@pytest.mark.parametrize("closing", ["Cheers,\nAnna", "Warmly, Priya", "Best wishes", "Yours sincerely,\nTom Reyes"])
def test_closing_words_and_a_first_name_sign_a_letter_off(closing):
    raw = (
        "Hi everyone,\n\nStop sending a survey after every call.\n\n"
        "Our response rate fell from 31% to 6%.\n\nTry it for a month.\n\n" + closing + "\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    assert cleaned.paragraphs[-1].text == "Try it for a month."
    assert [e["step"] for e in cleaned.log if e["step"] == "signature removed"] == ["signature removed"]


def test_a_closing_thanks_that_is_a_sentence_stays():
    cleaned = clean_text(
        "Stop the surveys.\n\nRead the comments.\n\nMany thanks to Jo Reyes for the data.\n", fmt="txt"
    )
    assert cleaned.paragraphs[-1].text == "Many thanks to Jo Reyes for the data."


def test_a_word_hyphenated_across_a_line_break_is_joined_whole():
    raw = (
        "For them, the library is not a luxury but a necessary public ser-\n"
        "vice, like a bus route, and a long-\n"
        "term one that the council should fund as core spending and not as a\n"
        "discretionary extra to be cut first when money is tight this year.\n"
    )
    paras = _paras(raw)
    assert paras[0].text == (
        "For them, the library is not a luxury but a necessary public service, like a bus route, and a "
        "long-term one that the council should fund as core spending and not as a discretionary extra to be "
        "cut first when money is tight this year."
    )
    _check_raw_map(raw, paras)
    log = clean_text(raw, fmt="txt").log
    assert [e["text"] for e in log if e["step"] == "hyphenated word re-joined"] == ["service", "long-term"]


def test_a_page_number_is_cut_and_the_sentence_it_broke_goes_on():
    raw = (
        "Libraries offer warmth, internet access and help with job applications to people who\n\n"
        "Page 2 of 3\n\n"
        "cannot get them anywhere else. Budgets were cut by a third.\n\n- 3 -\n\n"
        "Councils should fund them as core spending.\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == [
        "Libraries offer warmth, internet access and help with job applications to people who cannot get them "
        "anywhere else. Budgets were cut by a third.",
        "Councils should fund them as core spending.",  # a page break after a full stop still ends a paragraph
    ]
    assert [e["text"] for e in cleaned.log if e["step"] == "page number removed"] == ["Page 2 of 3", "- 3 -"]
    _check_raw_map(raw, cleaned.paragraphs)


def test_a_transcripts_stage_directions_are_no_ones_words():
    raw = "Our towns are running out of patience. (Applause.) For ten years we asked councils to do more.\n\n[Applause]\n\nSo today I make one promise.\n"
    cleaned = clean_text(raw, fmt="txt")
    assert [p.text for p in cleaned.paragraphs] == [
        "Our towns are running out of patience. For ten years we asked councils to do more.",
        "So today I make one promise.",
    ]
    assert [e["text"] for e in cleaned.log if e["step"] == "stage direction removed"] == ["(Applause.)", "[Applause]"]
    _check_raw_map(raw, cleaned.paragraphs)
    kept = clean_text("The score (music by John Williams) swells [crosstalk 00:12:03] too soon.\n", fmt="txt")
    assert kept.paragraphs[0].text == "The score (music by John Williams) swells too soon."  # no direction: stays


def test_markdown_inline_markup_goes_and_its_words_stay():
    raw = (
        "# Lock the phones away\n\n*Why every school should ban smartphones.*\n\n"
        "Here is my argument: **schools should ban smartphones all day.** Not in lessons only.\n\n"
        "[The OECD's PISA report](https://www.oecd.org/pisa) found that distracted pupils scored lower. "
        "![a chart](img/chart.png)A snake_case name, 2 * 3 * 4 and `code` stay words.\n"
    )
    cleaned = clean_text(raw, fmt="md")
    assert [p.text for p in cleaned.paragraphs] == [
        "Lock the phones away",
        "Why every school should ban smartphones.",
        "Here is my argument: schools should ban smartphones all day. Not in lessons only.",
        "The OECD's PISA report found that distracted pupils scored lower. "
        "A snake_case name, 2 * 3 * 4 and code stay words.",
    ]
    removed = [e["text"] for e in cleaned.log if e["step"] == "Markdown markup removed"]
    assert removed == ["*…*", "**…**", "![a chart](img/chart.png)", "[…](https://www.oecd.org/pisa)", "`…`"]
    _check_raw_map(raw, cleaned.paragraphs)
    plain = clean_text("Here is my argument: **schools should ban smartphones.** Now.\n", fmt="txt")
    assert "**" in plain.paragraphs[0].text  # only Markdown files are read as Markdown


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_html_entities_in_a_text_file_become_their_characters(fmt):
    # "&nbsp ;" with a space is how the movie-review corpus (tokenised) writes it
    raw = "Tom &amp; Jerry said &quot;no&quot; &nbsp ; then left&#8230; AT&T; stays, &bogus; too.\n"
    cleaned = clean_text(raw, fmt=fmt)
    assert [p.text for p in cleaned.paragraphs] == ['Tom & Jerry said "no" then left… AT&T; stays, &bogus; too.']
    decoded = [e for e in cleaned.log if e["step"] == "HTML entity decoded"]
    assert [e["text"] for e in decoded] == ["&amp;", "&quot;", "&quot;", "&nbsp ;", "&#8230;"]
    assert all(raw[e["raw_start"] : e["raw_end"]] == e["text"] for e in decoded)
    # each decoded character points at its entity's "&" in the file
    [par] = cleaned.paragraphs
    assert raw[par.raw[par.text.index("&")]] == "&" and raw[par.raw[par.text.index("…")] :].startswith("&#8230;")


def test_section_breaks_blockquotes_and_underlined_headings():
    raw = (
        "Phones in school\n================\n\nIt came slowly.\n\n---\n\n"
        '> "Phones are not a neutral tool.\n> They are a slot machine in every pocket."\n\n'
        "That line comes from a parent.\n\n* * *\n\nThe end came fast.\n"
    )
    cleaned = clean_text(raw, fmt="md")
    assert [(p.kind, p.marker, p.text) for p in cleaned.paragraphs] == [
        ("heading", "", "Phones in school"),
        ("body", "", "It came slowly."),
        ("body", ">", '"Phones are not a neutral tool. They are a slot machine in every pocket."'),
        ("body", "", "That line comes from a parent."),
        ("body", "", "The end came fast."),
    ]
    steps = [(e["step"], e["text"]) for e in cleaned.log]
    assert ("heading underline removed", "================") in steps
    assert ("section break removed", "---") in steps and ("section break removed", "* * *") in steps
    _check_raw_map(raw, cleaned.paragraphs)


def test_a_newsletter_footer_a_reading_time_and_a_closing_note_on_the_author_are_cut():
    raw = (
        "# Lock the phones away\n\nBy Dana Whitfield · 6 min read\n\nSchools should ban phones.\n\n"
        "Pupils talk again at lunch.\n\nBan them.\n\nSam Okafor is a former deputy head and writes on education policy.\n\n"
        "*Thanks for reading! Subscribe for free to receive new posts.*\n\n*Share this post*\n"
    )
    texts, steps = _texts_and_steps(raw, "md")
    assert texts == ["Lock the phones away", "Schools should ban phones.", "Pupils talk again at lunch.", "Ban them."]
    assert {"byline removed", "author's note removed", "boilerplate removed"} <= set(steps.values())
    closing = "Rishi Sunak is a former chancellor who should know better.\n"
    kept = clean_text("Title here\n\nOne point.\n\nAnother point.\n\n" + closing, fmt="txt")
    assert kept.paragraphs[-1].text == closing.strip()  # a verdict on someone, not a note on the writer


def test_a_blog_platforms_author_line_reading_time_counts_and_paywall_label_are_cut():
    raw = (
        "<html><head><title>Four-day weeks are a trick | by Priya Raman | Medium</title></head><body><article>"
        "<h1>Four-day weeks are a productivity trick</h1><div>Priya Raman<span>·</span><button>Follow</button></div>"
        "<div>7 min read<span>·</span>Mar 3, 2026</div><div>1.2K<span>34</span></div><p>Member-only story</p>"
        "<p>Every few weeks another company moves to a four-day week.</p><p>I think we should be more careful.</p>"
        "<p>Unions should bargain over output targets.</p></article></body></html>"
    )
    texts, steps = _texts_and_steps(raw, "html")
    assert texts == [
        "Four-day weeks are a productivity trick",
        "Every few weeks another company moves to a four-day week.",
        "I think we should be more careful.",
        "Unions should bargain over output targets.",
    ]
    assert steps["Priya Raman·"] == "byline removed"
    assert steps["Member-only story"] == steps["1.2K34"] == "boilerplate removed"


def test_markdown_tables_and_footnotes_are_set_aside_not_read_as_sentences():
    raw = (
        "# Safer streets\n\nCasualties rose by 14% by 2024[^1], while spending fell.\n\n"
        "| Measure | 2019 | 2024 |\n|---|---|---|\n| Killed or seriously injured | 112 | 128 |\n\n"
        "Protected lanes work.\n\n[^1]: County road casualty statistics, 2025.\n"
    )
    cleaned = clean_text(raw, fmt="md")
    assert [p.text for p in cleaned.paragraphs] == [
        "Safer streets",
        "Casualties rose by 14% by 2024, while spending fell.",
        "Protected lanes work.",
    ]
    steps = [(e["step"], e["text"]) for e in cleaned.log]
    assert ("Markdown table set aside", "|---|---|---|") in steps
    assert ("footnote removed", "[^1]: County road casualty statistics, 2025.") in steps
    assert ("footnote mark removed", "[^1]") in steps
    _check_raw_map(raw, cleaned.paragraphs)
    assert "|" in clean_text("Scores: | a | b |\n", fmt="txt").paragraphs[0].text  # plain text keeps its bars


def test_a_company_blogs_post_line_author_box_call_to_action_and_related_links_are_set_aside():
    # a CX listicle written for the tests (tests/fixtures/cx_listicle): a "Posted on ... by" line, an
    # author box, a call to action and a list of related posts after the argument
    raw = (paths.ROOT / "tests" / "fixtures" / "cx_listicle" / "cx-ways.html").read_text(encoding="utf-8")
    cleaned = clean_text(raw, fmt="html")
    texts = [p.text for p in cleaned.paragraphs]
    assert texts[1].startswith("Every week I talk to a service leader")
    assert (
        texts[-1]
        == "New tools can help, but only once the basics work. Fix your processes first, and the technology will have something worth automating."
    )
    steps = {e["text"]: e["step"] for e in cleaned.log}
    assert steps["Posted on March 12, 2026 by Jordan Ellis"] == "byline removed"
    assert (
        steps["Jordan Ellis is the founder of Ellis CX Advisory and writes about service design."]
        == "author's note removed"
    )
    assert (
        steps["Want help fixing your customer journey? Book a free 30-minute consultation today!"]
        == "boilerplate removed"
    )
    assert (
        steps["The hidden cost of call transfers"]
        == steps["Why your chatbot is making customers angry"]
        == "related links removed"
    )
    mid = clean_text("Body sentence here.\nRelated posts\nAnother body sentence.\nA last one.\n", fmt="txt")
    assert [p.text for p in mid.paragraphs][-1] == "A last one."  # a sentence after the line is no link title


def test_a_newspapers_dateline_ad_label_read_more_link_caption_and_bare_byline_are_set_aside():
    raw = (
        "<html><body><main><h1>We should stop pretending that recycling will save us</h1>"
        "<div>Jo Bloggs</div><div>Tue 3 Mar 2026 06.00 GMT</div>"
        "<figure><img src='b.jpg'><figcaption>Bins in Manchester. Photograph: C Thomond</figcaption></figure>"
        "<p>Every Tuesday night, millions of us rinse yoghurt pots.</p><p>Advertisement</p>"
        "<p>Only about 9% of the plastic ever made has been recycled.</p>"
        "<p><strong>Read more:</strong> <a href='/x'>The plastic recycling myth, explained</a></p>"
        "<p>The government should make producers pay for their packaging.</p>"
        "<p><em>Jo Bloggs is an environmental journalist</em></p></main></body></html>"
    )
    texts, steps = _texts_and_steps(raw, "html")
    assert texts == [
        "We should stop pretending that recycling will save us",
        "Every Tuesday night, millions of us rinse yoghurt pots.",
        "Only about 9% of the plastic ever made has been recycled.",
        "The government should make producers pay for their packaging.",
    ]
    assert steps["Jo Bloggs"] == "byline removed"  # the closing note names her
    assert steps["Tue 3 Mar 2026 06.00 GMT"] == steps["Advertisement"] == "boilerplate removed"
    assert steps["Read more: The plastic recycling myth, explained"] == "boilerplate removed"
    assert any(s == "HTML <figcaption> dropped" for s in steps.values())
    kept = clean_text("<p>Jo Bloggs</p><p>One sentence here.</p><p>Another one.</p><p>A third one.</p>", fmt="html")
    assert kept.paragraphs[0].text == "Jo Bloggs"  # a name alone, with no note naming it, stays


def test_news_site_chrome_that_a_copied_page_keeps_is_cut_and_prose_like_it_stays():
    raw = (
        "Skip to main content\nSign in\n\nBuses first, then the charge\n\nUpdated: 3 March 2026\n\n"
        "Listen to this article\n\n"
        "The council should fix the buses before it charges drivers.\n\n"
        "Recycling bins in Manchester. Photograph: Christopher Thomond/The Paper\n\n"
        "The image: a nation at war with itself, and its leaders asleep.\n\n"
        "Published in 2019, the report found that buses were slower than walking.\n\n"
        "Comments (231)\n\nMost viewed\n"
    )
    texts, steps = _texts_and_steps(raw, "txt")
    assert texts == [
        "Buses first, then the charge",
        "The council should fix the buses before it charges drivers.",
        "The image: a nation at war with itself, and its leaders asleep.",
        "Published in 2019, the report found that buses were slower than walking.",
    ]
    for cut in ("Skip to main content", "Updated: 3 March 2026", "Comments (231)", "Most viewed"):
        assert steps[cut] == "boilerplate removed"


def test_a_threads_post_counters_are_list_markers_but_24_7_opens_a_sentence():
    raw = (
        "1/ A thread on why night support is a worse deal for customers.\n\n"
        "2/ Most night shifts cannot refund anything.\n\n"
        "24/7 support is a promise few firms keep.\n\n"
        "3/9 So: stop advertising it.\n"
    )
    paras = _paras(raw)
    assert [(p.marker, p.text) for p in paras] == [
        ("1/", "A thread on why night support is a worse deal for customers."),
        ("2/", "Most night shifts cannot refund anything."),
        ("", "24/7 support is a promise few firms keep."),
        ("3/9", "So: stop advertising it."),
    ]
    _check_raw_map(raw, paras)


def test_a_memo_header_gives_title_author_and_date_and_is_cut_but_a_to_line_in_text_is_kept():
    raw = (
        "MEMO\nTo: Customer Operations leadership team\nFrom: Priya Raman, Head of Service Quality\n"
        "Date: 14 October 2026\nRe: Stop scoring agents on call length\n\n"
        "I propose that we stop using handle time as a target.\n\n"
        "Repeat calls add about 9 percent to incoming volume.\n\nPriya\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    assert cleaned.about == {
        "title": "Stop scoring agents on call length",
        "author": "Priya Raman, Head of Service Quality",
        "date": "14 October 2026",
    }
    assert [p.text for p in cleaned.paragraphs] == [
        "I propose that we stop using handle time as a target.",
        "Repeat calls add about 9 percent to incoming volume.",
    ]  # the first name that signs the memo off goes too
    steps = [e["step"] for e in cleaned.log]
    assert "memo header removed" in steps and "signature removed" in steps
    _check_raw_map(raw, cleaned.paragraphs)
    kept = clean_text("To be fair: night cover matters.\nFrom: now on, we agree.\n\nSo act.\n", fmt="txt")
    assert kept.about == {} and kept.paragraphs[0].text.startswith("To be fair")


def test_a_section_name_run_into_its_paragraph_becomes_a_heading_before_a_capital_only():
    raw = (
        "Background: Customers hang up before they are answered.\n\n"
        "Conclusions: A callback option reduced abandoned calls.\n\n"
        "results: the lower-case label of a plain-text review stays.\n\n"
        "The case for phone. Customers with urgent problems prefer to talk.\n\n"
        "Our view. Start with the phone.\n"
    )
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Background"),
        ("body", "Customers hang up before they are answered."),
        ("heading", "Conclusions"),
        ("body", "A callback option reduced abandoned calls."),
        ("body", "results: the lower-case label of a plain-text review stays."),
        ("heading", "The case for phone"),
        ("body", "Customers with urgent problems prefer to talk."),
        ("heading", "Our view"),
        ("body", "Start with the phone."),
    ]
    _check_raw_map(raw, paras)


def test_an_email_replys_quoted_lines_keep_their_mark_as_the_marker_but_a_greater_than_figure_stays():
    raw = (
        "Thanks for the note.\n\n> We should move the team to a four-day week.\n> The pilot went well.\n\n"
        "I don't think we should.\n\n> 50% of calls are repeats, says the report.\n"
    )
    paras = _paras(raw)
    assert [(p.marker, p.text) for p in paras] == [
        ("", "Thanks for the note."),
        (">", "We should move the team to a four-day week. The pilot went well."),
        ("", "I don't think we should."),
        ("", "> 50% of calls are repeats, says the report."),
    ]
    _check_raw_map(raw, paras)


@pytest.mark.parametrize("greeting", ["Hi Tom,", "Dear Ms Lee,", "Hello everyone!", "Dear all"])
def test_a_greeting_that_opens_an_email_is_cut_and_logged_but_a_sentence_that_greets_stays(greeting):
    raw = greeting + "\n\nI don't agree with the recommendation.\n\nThe pilot ran in August.\n\nSo try again.\n"
    cleaned = clean_text(raw, fmt="txt")
    assert cleaned.paragraphs[0].text == "I don't agree with the recommendation."
    assert [e["text"] for e in cleaned.log if e["step"] == "salutation removed"] == [greeting]
    kept = clean_text("Hello, world: why greetings matter\n\nGreet people.\n\nIt works.\n\nTry it.\n", fmt="txt")
    assert kept.paragraphs[0].text == "Hello, world: why greetings matter"


def test_a_line_ending_in_a_colon_that_holds_a_sentence_is_no_heading_but_a_title_with_dr_is():
    raw = (
        "Dr. Who and the daleks\n\n"
        "If your website hides its phone number, you are losing customers. Here's why:\n\n"
        "- They assume you do not want to hear from them.\n- They arrive angrier.\n\nSo show it.\n"
    )
    paras = _paras(raw)
    assert paras[0].kind == "heading"
    assert paras[1].kind == "body" and paras[1].text.endswith("Here's why:")


def test_a_slide_decks_blocks_of_unpunctuated_lines_are_a_heading_over_list_items_not_one_paragraph():
    raw = (
        "Why we should move support to a single queue\n\n"
        "Current state\nThree separate queues\nCustomers choose the wrong queue 31% of the time\n\n"
        "Recommendation\nMove to a single queue from June\nReview resolution after 3 months\n"
    )
    paras = _paras(raw)
    assert [(p.kind, p.text) for p in paras] == [
        ("heading", "Why we should move support to a single queue"),
        ("heading", "Current state"),
        ("list_item", "Three separate queues"),
        ("list_item", "Customers choose the wrong queue 31% of the time"),
        ("heading", "Recommendation"),
        ("list_item", "Move to a single queue from June"),
        ("list_item", "Review resolution after 3 months"),
    ]
    assert line_layout(raw.splitlines()) == "items"
    myths = "**Myth: bots are hated.**\nFact: bad bots are.\n\n**Myth: bots halve costs.**\nFact: less.\n\n" * 2
    assert line_layout(myths.splitlines()) == "blocks"  # its lines end their sentences inside the emphasis


def test_a_formal_letters_address_blocks_date_and_greeting_are_cut_but_a_dated_title_stays():
    raw = (
        "14 Beech Close\nNorthfield\nNF3 7QT\n\n"
        "Customer Services\nNorthfield District Council\nCivic Centre\nNorthfield NF1 2AA\n\n"
        "22 April\n\nDear Sir or Madam,\n\n"
        "I am writing to complain about the garden waste collection.\n\n"
        "My bins have been missed three times.\n\nPlease refund the fee.\n"
    )
    cleaned = clean_text(raw, fmt="txt")
    assert cleaned.paragraphs[0].text == "I am writing to complain about the garden waste collection."
    cut = [e["text"] for e in cleaned.log if e["step"] == "letter address removed"]
    assert cut[0] == "14 Beech Close" and cut[-1] == "22 April" and any("NF1 2AA" in t for t in cut)
    assert [e["text"] for e in cleaned.log if e["step"] == "salutation removed"] == ["Dear Sir or Madam,"]
    dated = clean_text("22 April 2026\n\nWhy bins matter\n\nBins matter.\n\nThey do.\n\nSo fund them.\n", fmt="txt")
    assert dated.paragraphs[0].text == "Why bins matter"  # the dateline goes as page chrome; the title stays
    assert not [e for e in dated.log if e["step"] == "letter address removed"]  # no address, no letterhead
