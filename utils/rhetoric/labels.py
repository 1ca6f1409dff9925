"""How each sentence argues: transparent, rule-based labels with the rule and span behind each one.

Four categories of label (the names are fixed; see :data:`LABELS`):

* ``metadiscourse``: Hyland's (2005) interactional and interactive markers, from the word lists in
  ``data/lexicons/metadiscourse/``.
* ``role``: argumentative role candidates (claim, reason, six kinds of evidence, concession,
  rebuttal), from ``data/lexicons/rhetoric_role_*.txt`` plus the context rules below.
* ``question``: each question is ``answered`` (the author answers it next), ``to_reader`` or
  ``rhetorical``.
* ``directive``: ``imperative`` and ``obligation`` (you must / you should).

Every hit records the ``rule`` that fired (a lexicon file and entry, or a named context rule) and
the ``start``/``end`` of the matched span in the sentence text. Context rules (an imagined case
that runs on for several sentences, a story told in the past tense, the answer to "Why?") mark
no span (``start == end == 0``) and say in ``rule`` which sentence they follow from. A question, a
sentence of an imagined case and a sign-off inviting replies (``rhetoric_cues_sign_off.txt``:
"I'd love to hear about it!") are never claims.

Headings are not labelled (they are titles, not argument) but they do end an imagined case or a
story. Tone (VADER compound) is per sentence in :func:`sentence_tone`.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from utils import paths, tables
from utils.rhetoric.lexicon import Lexicon, lexicon_files, load_lexicons, normalise, read_lexicon
from utils.rhetoric.rules import AUXILIARIES, Context, context_rules, paragraph_numbers, prepare, sentence_rules
from utils.text import alternation, load_stopwords, read_word_list

LABELS: dict[str, tuple[str, ...]] = {
    "metadiscourse": (
        "hedge",
        "booster",
        "attitude_marker",
        "self_mention",
        "engagement_reader",
        "engagement_aside",
        "transition_contrast",
        "transition_cause",
        "transition_addition",
        "frame_marker",
        "evidential",
        "code_gloss",
    ),
    "role": (
        "claim",
        "reason",
        "evidence_statistic",
        "evidence_anecdote",
        "evidence_hypothetical",
        "evidence_authority",
        "evidence_exemplar",
        "evidence_analogy",
        "concession",
        "rebuttal",
    ),
    "question": ("answered", "to_reader", "rhetorical"),
    "directive": ("imperative", "obligation"),
}
EVIDENCE = tuple(label for label in LABELS["role"] if label.startswith("evidence_"))
COLUMNS = ["article_id", "sentence_id", "category", "label", "rule", "start", "end", "match"]
CORRECTIONS_FILE = paths.ANNOTATIONS / "sentence_labels.csv"
GOLD_FILE = paths.ANNOTATIONS / "gold_sentence_labels.csv"


def _finish(ctx: Context, hits: pd.DataFrame) -> pd.DataFrame:
    """Drop headings, attach ids, order the rows, fix the column types."""
    hits = hits[~ctx.heading[hits["row"].to_numpy()]]
    order = {(c, lab): i for i, (c, lab) in enumerate((c, lab) for c, labs in LABELS.items() for lab in labs)}
    hits = hits.assign(_o=[order.get(k, len(order)) for k in zip(hits["category"], hits["label"])])
    hits = hits.sort_values(["row", "_o", "start", "end"], kind="stable").drop_duplicates(
        ["row", "category", "label", "rule", "start", "end"]
    )
    rows = hits["row"].to_numpy()
    out = pd.DataFrame(
        {
            "article_id": ctx.sents["article_id"].astype("str").to_numpy()[rows],
            "sentence_id": ctx.sents["sentence_id"].astype("str").to_numpy()[rows],
            "category": hits["category"].to_numpy(),
            "label": hits["label"].to_numpy(),
            "rule": hits["rule"].to_numpy(),
            "start": hits["start"].to_numpy(dtype=np.int64),
            "end": hits["end"].to_numpy(dtype=np.int64),
            "match": hits["match"].to_numpy(),
        }
    )
    for col in ("article_id", "sentence_id", "category", "label", "rule", "match"):
        out[col] = out[col].astype("str")
    return out


ADDITIONS = paths.ANNOTATIONS / "lexicon_additions"


def additions_apply(articles: pd.DataFrame, *, folder: Path = ADDITIONS) -> bool:
    """Whether the corpus-specific lexicon additions in ``folder`` belong to this corpus.

    They do when the corpus holds any article whose raw-file sha256 is listed in the folder's
    ``applies_to.txt`` (the seed corpus, for ``data/annotations/lexicon_additions``).

    Args:
        articles: The ``articles`` table (``sha256`` column).
        folder: The additions folder.
    """
    listed = folder / "applies_to.txt"
    if not listed.exists() or "sha256" not in articles:
        return False
    lines = listed.read_text(encoding="utf-8").splitlines()
    hashes = {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}
    return bool(hashes & set(articles["sha256"].astype("str")))


def merge_additions(base: dict[str, Lexicon], *, folder: Path = ADDITIONS) -> dict[str, Lexicon]:
    """``base`` with the entries of each same-named file in ``folder`` appended (notes kept)."""
    out = dict(base)
    for path in lexicon_files(folder):
        extra = read_lexicon(path, root=folder)
        lex = out.get(extra.name)
        if lex is None:
            continue
        entries = lex.entries + tuple(e for e in extra.entries if e not in lex.entries)
        out[extra.name] = replace(
            lex,
            entries=entries,
            exclusions=lex.exclusions + extra.exclusions,
            notes={**lex.notes, **extra.notes},
        )
    return out


def lexicons_for(articles: pd.DataFrame, *, folder: Path = ADDITIONS) -> tuple[dict[str, Lexicon], bool]:
    """The rhetoric word lists for a corpus: the default lists, plus that corpus's own additions
    when it has some (see :func:`additions_apply`).

    Returns:
        The lexicons by name, and whether corpus-specific additions were used (the reports say so).
    """
    base = load_lexicons()
    if not additions_apply(articles, folder=folder):
        return base, False
    return merge_additions(base, folder=folder), True


def describe_additions(used: bool, *, folder: Path = ADDITIONS) -> str:
    """One sentence for the report: whether this corpus's own word-list additions were used."""
    if not used:
        return "Only the default word lists were used (no additions specific to this corpus)."
    n = sum(len(read_lexicon(p, root=folder).entries) for p in lexicon_files(folder))
    rel = folder.relative_to(paths.ROOT) if folder.is_relative_to(paths.ROOT) else folder
    return (
        f"This corpus has its own word-list additions ({n} entries in {rel}/, written after reading these "
        "articles) and they were used: labels and thesis scores here are better than on a new corpus."
    )


def label_sentences(sentences: pd.DataFrame, *, lexicons: dict[str, Lexicon] | None = None) -> pd.DataFrame:
    """Label every sentence with metadiscourse markers, argumentative roles, questions and directives.

    Args:
        sentences: The ``sentences`` table (at least ``article_id``, ``sentence_id``, ``text``;
            ``is_heading`` and ``paragraph_id`` are used when present), in reading order.
        lexicons: Word lists (default: :func:`utils.rhetoric_lexicon.load_lexicons`).

    Returns:
        One row per hit: ``article_id, sentence_id, category, label, rule, start, end, match``
        (``start``/``end``: the matched span in the sentence text; ``0, 0`` for context rules).

    Example:
        >>> s = pd.DataFrame({"article_id": "a", "sentence_id": ["a-p01-s01", "a-p01-s02"],
        ...                   "text": ["Why is this?", "Because it might rain."]})
        >>> label_sentences(s)[["sentence_id", "label", "match"]].values.tolist()[:3]
        [['a-p01-s01', 'answered', 'Why is this?'], ['a-p01-s02', 'hedge', 'might'], ['a-p01-s02', 'transition_cause', 'Because']]
    """
    ctx = prepare(sentences, lexicons if lexicons is not None else load_lexicons())
    if ctx.sents.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else "str") for c in COLUMNS})
    hits, you_rows, quoted = sentence_rules(ctx)
    return _finish(ctx, context_rules(ctx, hits, you_rows=you_rows, quoted=quoted))


def write_labels(labels: pd.DataFrame, processed_dir: str | Path) -> Path:
    """Save the automatic labels as the ``sentence_labels`` table (every label, its rule and the
    words it matched), so any count in the reports can be traced in a spreadsheet."""
    return tables.write_table(labels, "sentence_labels", processed_dir)


# ---------------------------------------------------------------- thesis, tone


THESIS_FILE = paths.LEXICONS / "rhetoric_cues_thesis.txt"
CONCLUSION_FILE = paths.LEXICONS / "argument" / "conclusion.txt"  # "therefore", "that's why", "so" ...


def conclusion_opener() -> re.Pattern:
    """A sentence opening with a conclusion cue (``data/lexicons/argument/conclusion.txt``),
    directly or after "And"/"But"; group 1 is the cue. Not "So do tired teachers." (an inversion:
    "likewise") nor "So far" / "Thus far"."""
    return re.compile(
        r"^\W*(?:(?:and|but)\s*,?\s+)?("
        + alternation(read_word_list(CONCLUSION_FILE))
        + rf")\b(?!\s+(?:{AUXILIARIES}|far)\b)"
    )


def _word_table(ids: pd.Series, articles: pd.Series, texts: pd.Series, stop: frozenset) -> pd.DataFrame:
    """Distinct content words (3+ letters, no stop words) of each text: ``id, article_id, word``; a
    possessive counts as its noun ("the airline's apology" shares "airline" with "the airline")."""
    words = texts.astype("str").str.lower().str.findall(r"[a-z](?:[a-z-]|'(?!s\b))+")
    df = (
        pd.DataFrame({"id": ids.to_numpy(), "article_id": articles.to_numpy(), "word": words.to_numpy()})
        .explode("word")
        .dropna()
    )
    df = df[(df["word"].str.len() > 2) & ~df["word"].isin(stop)]
    return df.drop_duplicates(["id", "word"])


def _shared_words(words: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Each (sentence id, word) that a sentence shares with ``other`` (``article_id, word``)."""
    if other.empty:
        return words.iloc[:0]
    return words.merge(other[["article_id", "word"]].drop_duplicates(), on=["article_id", "word"]).sort_values(
        ["id", "word"]
    )


CITED_EVIDENCE = ("evidence_statistic", "evidence_authority", "evidence_exemplar")  # support, not the thesis
THESIS_LABELS = ("claim", "concession", "rebuttal", "evidence_hypothetical", "evidence_anecdote")  # scored


def real_titles(titles: pd.Series, sentences: pd.DataFrame) -> pd.Series:
    """The titles that are real title lines, not the opening of the article's own first sentence.

    Without a manifest title or a heading, ingestion names an article after its first sentence
    (cut at 90 characters, "..." added). Such a title shares every word with that sentence, so
    scoring by title words would only reward the first sentence for being first.

    Args:
        titles: Article titles indexed by ``article_id``.
        sentences: The body sentences (no headings), in reading order.

    Returns:
        ``titles`` without those that open their article's first body sentence.
    """
    if titles.empty or sentences.empty:
        return titles
    first = sentences.drop_duplicates("article_id").set_index("article_id")["text"].astype("str")
    opening = first.reindex(titles.index.astype("str")).fillna("").map(lambda t: " ".join(normalise(t).split()))
    own = [
        bool(o) and o.startswith(" ".join(normalise(str(t)).removesuffix("...").split()))
        for t, o in zip(titles.to_numpy(), opening.to_numpy())
    ]
    return titles[~np.asarray(own, dtype=bool)]


# Articles ranked at a time. Notebooks 02 and 04 both rank; the word table of every sentence of
# 2,000 reviews at once raised the process's memory by 190 MB while it lasted, 500 at a time by 45.
ARTICLES_AT_ONCE = 500
# A heading that numbers a point of a list ("3. \"Remote work is bad for juniors.\"", "Reason 2: ...")
_NUMBERED_POINT = re.compile(
    r"^\W*(?:\d{1,2}[.):]|(?:step|reason|tip|myth|rule|lesson|point|number|no\.)\s*\d{1,2}\b)", re.I
)
# ... unless it numbers a frame section of a report ("1. Introduction", "5. Conclusion")
_FRAME_SECTION = re.compile(
    r"\b(?:introduction|conclusions?|summary|overview|background|final thoughts|bottom line)\b", re.I
)
LIST_POINTS = 3  # numbered headings that make an article a list of points


def in_numbered_point(sentences: pd.DataFrame) -> pd.Series:
    """Whether each body sentence sits under one numbered point of an article written as a list
    of points (:data:`LIST_POINTS` numbered headings or more: "1. ...", "Reason 2: ..."). Each
    point is one of several parallel points, so the thesis that frames them sits outside any one.

    Args:
        sentences: The sentences table (with headings and ``is_heading``).

    Returns:
        Flags for the body sentences (``~is_heading``), in their order.
    """
    heading = _heading_mask(sentences)
    heads = sentences[heading]
    text = heads["text"].astype("str")
    point = text.str.match(_NUMBERED_POINT) & ~text.str.contains(_FRAME_SECTION)
    lists = set(
        heads.loc[point.to_numpy(), "article_id"].astype("str").value_counts().loc[lambda n: n >= LIST_POINTS].index
    )
    if not lists:  # most corpora: no article is a list of points
        return pd.Series(False, index=range(int((~heading).sum())))
    art = sentences["article_id"].astype("str").to_numpy()
    section = _under_heading(heading, point.to_numpy(dtype=bool), art)
    flag = section & np.isin(art, list(lists)) & ~heading
    return pd.Series(flag[~heading])


def _heading_mask(sentences: pd.DataFrame) -> np.ndarray:
    """Which rows of a sentences table are headings (none, without an ``is_heading`` column)."""
    if "is_heading" not in sentences:
        return np.zeros(len(sentences), bool)
    return sentences["is_heading"].to_numpy(dtype=bool)


def _under_heading(heading: np.ndarray, matched: np.ndarray, art: np.ndarray) -> np.ndarray:
    """For every row, whether the last heading above it in its article is one of the ``matched``
    headings (``matched``: one flag per heading row, in order)."""
    marks = np.full(len(heading), np.nan)
    marks[np.flatnonzero(heading)] = matched.astype(float)
    return pd.Series(marks).groupby(art).ffill().fillna(0).to_numpy(dtype=bool)


# A heading that announces the writer's conclusion: the paragraph under it sums the argument up
_CONCLUDING_HEADING = re.compile(
    r"^\W*(?:\d{1,2}[.):]\s*)?(?:in )?(?:conclusions?|summary|sum|short|the bottom line|bottom line|final thoughts|"
    r"(?:the |our |my )?verdict|(?:our|my) (?:view|recommendation)|(?:the |key )?takeaways?|wrapping up|to sum up|"
    r"so what now|what now)\W*$",
    re.I,
)


def under_concluding_heading(sentences: pd.DataFrame) -> pd.Series:
    """Whether each body sentence is in the first paragraph under a concluding heading ("The bottom
    line", "Conclusion", "Our verdict", "Final thoughts", "Key takeaways").

    Args:
        sentences: The sentences table (with headings and ``is_heading``, and ``paragraph_id``).

    Returns:
        Flags for the body sentences (``~is_heading``), in their order.
    """
    heading = _heading_mask(sentences)
    if not heading.any() or "paragraph_id" not in sentences:
        return pd.Series(False, index=range(int((~heading).sum())))
    art = sentences["article_id"].astype("str").to_numpy()
    concluding = sentences.loc[heading, "text"].astype("str").str.match(_CONCLUDING_HEADING).to_numpy()
    under = _under_heading(heading, concluding, art)
    # the first paragraph of each section: the paragraph of the first body row after its heading
    section = np.cumsum(heading)
    para = sentences["paragraph_id"].astype("str").where(~heading)
    first = para.groupby(section).transform("first").to_numpy()
    flag = under & ~heading & (para.to_numpy() == first)
    return pd.Series(flag[~heading])


# A paragraph that opens one of several parallel points in running text: "First, this was the third
# failure ...", "Second, the vouchers ...", "Another reason is ..." ("Finally," often concludes: left out)
_ENUMERATED_OPENER = re.compile(
    r"^\W*(?:(?:first|second|third|fourth|fifth)(?:ly)?\b\s*,|(?:the\s+)?(?:first|second|third|fourth|fifth|next)\s+"
    r"(?:reason|point|problem|argument|objection|lesson)\b|another\s+(?:reason|point|problem|argument|lesson)\b)",
    re.I,
)


def _opened_paragraphs(body: pd.DataFrame, opener: re.Pattern) -> tuple[pd.Series, pd.Series]:
    """Which body sentences sit in a paragraph whose first sentence matches ``opener``, and which
    sentences open one (without ``paragraph_id``, each sentence is its own paragraph)."""
    para = body["paragraph_id" if "paragraph_id" in body else "sentence_id"].astype("str").reset_index(drop=True)
    opens = body["text"].astype("str").reset_index(drop=True).str.match(opener) & ~para.duplicated()
    return para.isin(set(para[opens])), opens


def in_enumerated_paragraph(body: pd.DataFrame) -> pd.Series:
    """Whether each body sentence sits in a paragraph that opens one of two or more enumerated points
    of its article (:data:`_ENUMERATED_OPENER`: "First, ...", "Second, ..."): each point backs the
    thesis, which sits outside them.

    Args:
        body: The body sentences (no headings), in reading order.

    Returns:
        One flag per row of ``body``.
    """
    inside, opens = _opened_paragraphs(body, _ENUMERATED_OPENER)
    points = opens.groupby(body["article_id"].astype("str").to_numpy()).transform("sum")
    return inside & (points >= 2)


# A paragraph added after the post: "EDIT: ...", "Edit 2: ...", "UPDATE: ...", "ETA: ..."
_EDIT_OPENER = re.compile(r"^\W*(?:edit(?:ed)?|update(?:d)?|eta)\b\s*\d{0,2}\s*[:.\u2013\u2014-]", re.I)


def in_edit(body: pd.DataFrame) -> pd.Series:
    """Whether each body sentence sits in a paragraph that opens as an edit added after the post
    ("EDIT 2: yes I know ..."): it answers readers, it does not state the post's point.

    Returns:
        One flag per row of ``body``.
    """
    return _opened_paragraphs(body, _EDIT_OPENER)[0]


# A short sentence whose verb phrase is left to the one before it: "So let's not.", "Don't.", "We should."
ELLIPTICAL = re.compile(
    r"\b(?:not|don't|do|should|shouldn't|must|mustn't|will|won't|can|can't|so|too|either)\W*$", re.IGNORECASE
)


# A sentence that only points ahead to what the writer will say ("So here is what I propose.", "This
# is my plan:", "Here's the thing.", "I am asking you to do one thing."): its content is in the
# sentences after it, so it is no thesis.
ANNOUNCER = re.compile(
    r"^\W*(?:(?:so|and|now|well)\W+)?(?:here\s+is|here's|here\s+are|this\s+is|these\s+are)\s+"
    r"(?:what|how|why|my|our|the)\b[^.!?;,:]{0,40}[.:!]?\W*$|.*:\W*$"
    r"|.*\b(?:one|two|three|four|five|a\s+few|several)\s+things?\W*$",  # "So tonight I am asking you to do one thing."
    re.IGNORECASE,
)


# Housekeeping, not argument: a line giving an e-mail address ("Letters may be sent to letters@...",
# "Write to Maureen at ask@..."), a column's small print ("Letters may be edited for length.", "Maureen
# regrets she cannot reply personally."), a header run into the text ("To: ... From: ..."), a show's
# welcome ("Hello and welcome to The Touchline"), a teaser for the next issue ("Next week, the great
# half-time debate.") or a list of contents ("In this edition: ...").
HOUSEKEEPING = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\bcannot\s+(?:reply|respond|answer)\s+(?:personally|individually)\b"
    r"|\b(?:letters|submissions|comments|posts)\s+may\s+be\s+edited\b|\brepl(?:y|ies)\s+to\s+this\s+(?:e-?mail|newsletter)\b"
    # a postal address ("PO Box 4471"); a review's book line ("... by Helen Arkwright (Lanthorn Press, 312 pp.)")
    r"|\bP\.?\s?O\.?\s+Box\s+\d|\((?:[^()]*\b(?:press|books|publishing|publishers)\b)[^()]*\d+\s*(?:pages|pp)\b\.?\)"
    r"|^\W*(?:book\s+)?review(?:\s+essay)?\s*[|:\u2013\u2014]"  # a review's header line ("Review essay | The Quiet Street ...")
    # a column's schedule ("The Gazette's satire section appears every Friday.")
    r"|\bappears\s+(?:every|each)\s+(?:day|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    # a header run into the text ("To: the Board ... From: ..."); a teaser ("Next week, ...")
    r"|^\W*(?:to|from|re|subject|cc)\s*:|^\W*(?:next\s+week|next\s+time|next\s+month|coming\s+up)\b"
    # a show's welcome, after a transcript's time stamp and speaker ("[00:14] JO: Hello and welcome back to ...")
    r"|^\W*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?(?:[\w .'-]{1,30}:\s*)?(?:(?:hello|hi|hey)\W+(?:and\s+)?)?welcome\s+(?:back\s+)?to\b"
    r"|^\W*in\s+(?:this|today's|this\s+week's|this\s+month's)\s+(?:edition|issue|newsletter|episode|update|digest)\b",
    re.IGNORECASE,
)


# A sentence that announces the reasons for the one before it: "Here's why:", "Here are three reasons.",
# "Let me explain why." The sentence before is the point those reasons back.
REASONS_NEXT = re.compile(
    r"^\W*(?:(?:and\s+)?(?:here\s+is|here's|this\s+is|that\s+is|that's)\s+why"
    r"|here\s+are\s+(?:the\s+|some\s+|my\s+)?(?:\w+\s+)?reasons?(?:\s+why)?"
    r"|let\s+me\s+explain(?:\s+why)?|the\s+reasons?\s+(?:is|are)\s+simple)\W*$",
    re.IGNORECASE,
)
# A recommendation: what someone should, must, needs to or ought to do (or not). Opinion writing
# argues toward one, so among claims it is the likelier thesis: over the 18 long-article sets
# (262 articles) +1 point took the draft's thesis from 159 to 174 right (12 sets up, 4 down), my
# 96 outside articles unchanged (77); +0.5 gave 163, +1.5 167 and 75 of 96. "have to" is left
# out: "I have to wonder" recommends nothing.
RECOMMENDS = re.compile(r"\b(?:should|must|needs?\s+to|ought\s+to)\b", re.IGNORECASE)
OPEN_QUESTION = re.compile(r"^\W*(?:(?:so|and|but|then)\W+)?(?:what|how|why|which|where|when|who)\b", re.I)
# ... or announces them at its own end: "But this time is different, for two reasons."
REASONS_HERE = re.compile(
    r"\bfor\s+(?:two|three|four|five|several|a\s+few|some|many|\d{1,2}|a\s+(?:simple|single|good))\s+reasons?\W*$",
    re.IGNORECASE,
)


def thesis_candidates(
    sentences: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    top: int = 3,
    titles: pd.Series | None = None,
    lexicons: dict[str, Lexicon] | None = None,
) -> pd.DataFrame:
    """The sentences most likely to state each article's thesis, with a score and the reasons.

    Points: a claim +2 (also a sentence with a thesis phrase that the claim labels missed), a
    recommendation (:data:`RECOMMENDS`: "should", "must", "needs to") +1, a thesis phrase
    (``data/lexicons/rhetoric_cues_thesis.txt``: "in short", "the lesson here is", "needs to be" ...) or an opening conclusion cue (:func:`conclusion_opener`:
    "Therefore", "That's why" ...) +1.5, followed by a sentence announcing its reasons ("Here's why:",
    :data:`REASONS_NEXT`) or announcing them itself (", for two reasons.") +1.5, the answer to an
    open question the text has just asked ("What would be enough? A cash refund ...") +1, a concession
    met by a rebuttal +0.5, in the last paragraph
    +1 (first paragraph +0.5; the first sentence of a one-paragraph text +1), in the paragraph under
    a concluding heading ("The bottom line", "Conclusion", "Our verdict") +1, repeated word for word
    in the article +1, words shared with a real title line (:func:`real_titles`) +0.5 each (up to
    2), words from the article's ten most frequent content words +0.25 each (up to 1); a question
    -2, in an edit added after the post ("EDIT 2: ...", :func:`in_edit`) -2, inside one of several
    enumerated points (:func:`in_enumerated_paragraph`, not in the last paragraph) -1, a sentence
    announcing what follows ("So here is what I propose.", one ending in a colon) -2, a contact
    or contents line (an e-mail address, "In this edition: ...", :data:`HOUSEKEEPING`) -2,
    part of an imagined case -2, a concession not answered in the same sentence (it grants or
    reports the other side: "Some argue that ...") -2, narrative -1, cites evidence (a statistic,
    an authority or named exemplars: it supports the point rather than states it) -1, under six
    words -1 (not an imperative: "Let people choose." can be the thesis; but an elliptical one, "So
    let's not.", :data:`ELLIPTICAL`, is).

    Args:
        sentences: The sentences table.
        labels: From :func:`label_sentences` (after corrections, if any).
        top: How many per article.
        titles: Article titles indexed by ``article_id`` (optional).
        lexicons: Word lists from :func:`lexicons_for` (default: the default lists); its
            ``rhetoric_cues_thesis`` gives the thesis phrases.

    Returns:
        ``article_id, sentence_id, score, reasons``, best first within each article.
    """
    body = (sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences).reset_index(drop=True)
    cols = {"article_id": "str", "sentence_id": "str", "score": "float64", "reasons": "str"}
    if body.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
    of_article = body["article_id"].astype("str")
    articles = of_article.unique()
    if len(articles) > ARTICLES_AT_ONCE:  # every score is within one article: ranking in parts changes nothing
        labels = labels[
            labels["label"].isin(THESIS_LABELS + CITED_EVIDENCE + ("imperative",)) | labels["category"].eq("question")
        ]
        parts = []
        for i in range(0, len(articles), ARTICLES_AT_ONCE):
            some = articles[i : i + ARTICLES_AT_ONCE]
            some_titles = None if titles is None else titles[titles.index.astype("str").isin(some)]
            parts.append(
                thesis_candidates(
                    sentences[sentences["article_id"].astype("str").isin(some)],  # headings too
                    labels,
                    top=top,
                    titles=some_titles,
                    lexicons=lexicons,
                )
            )
        return pd.concat(parts, ignore_index=True)
    sid, art, text = body["sentence_id"].astype("str"), of_article, body["text"].astype("str")
    has = {lab: set(labels.loc[labels["label"] == lab, "sentence_id"].tolist()) for lab in THESIS_LABELS}
    cites = set(labels.loc[labels["label"].isin(CITED_EVIDENCE), "sentence_id"].tolist())
    imperatives = set(labels.loc[labels["label"] == "imperative", "sentence_id"].tolist())  # may be short
    questions = set(labels.loc[labels["category"] == "question", "sentence_id"].tolist())
    para = pd.Series(paragraph_numbers(body))
    last, first = para.groupby(art).transform("max"), para.groupby(art).transform("min")
    cues = (lexicons or {}).get("rhetoric_cues_thesis") or (read_lexicon(THESIS_FILE) if THESIS_FILE.exists() else None)
    thesis_rx = cues.pattern if cues is not None else re.compile(r"(?!x)x")
    lowered = text.map(normalise).str.lower()
    phrase = lowered.str.extract("(" + thesis_rx.pattern + ")", expand=False)
    if cues is not None and cues.exclusions:  # "the answer is the same" is a NOT: line, no thesis phrase
        found = phrase.dropna()
        phrase = phrase.where(~phrase.index.isin(found.index[found.map(cues.entry_for).str.startswith("NOT: ")]))
    concludes = lowered.str.extract(conclusion_opener(), expand=False).where(phrase.isna())
    phrase = phrase.fillna(concludes)
    opening = (~art.duplicated()).to_numpy()  # the article's first body sentence
    short = (body["n_words"] if "n_words" in body else text.str.split().str.len()).to_numpy() < 6
    elliptical = np.zeros(len(text), dtype=bool)  # "So let's not.": only a short sentence can be one
    elliptical[short] = text[short].str.contains(ELLIPTICAL).to_numpy(dtype=bool)
    backed = (text.shift(-1, fill_value="").str.match(REASONS_NEXT) & art.eq(art.shift(-1))) | text.str.contains(
        REASONS_HERE
    )
    # the writer's answer to the question they just asked in the text ("What would be enough? A cash refund ...")
    # (an open question only: "Still late? Hold a meeting ..." answers a yes/no question in jest)
    answered = set(labels.loc[(labels["category"] == "question") & (labels["label"] == "answered"), "sentence_id"])
    asked = (sid.shift(1).isin(answered) & text.shift(1, fill_value="").str.match(OPEN_QUESTION)) & art.eq(art.shift(1))
    stripped = text.str.strip()
    repeated = stripped.groupby([art, stripped]).transform("size") > 1
    stop = load_stopwords()
    words = _word_table(sid, art, text, stop)
    counts = (
        words.groupby(["article_id", "word"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["article_id", "n", "word"], ascending=[True, False, True])
    )
    central = counts.groupby("article_id").head(10)
    core = _shared_words(words, central)
    titles = real_titles(titles, body) if titles is not None else None
    title_words = (
        _word_table(
            pd.Series(titles.index.astype("str")),
            pd.Series(titles.index.astype("str")),
            pd.Series(titles.to_numpy()),
            stop,
        )
        if titles is not None and len(titles)
        else words.iloc[:0]
    )
    shared = _shared_words(words, title_words)
    n_core = sid.map(core.groupby("id").size()).fillna(0).to_numpy()
    n_shared = sid.map(shared.groupby("id").size()).fillna(0).to_numpy()
    parts = pd.DataFrame(
        {
            "a claim": np.where(sid.isin(has["claim"]), 2.0, 0.0),
            # a thesis phrase states a claim, whether or not the claim labels saw one ("This brief recommends
            # that ...", "The book is right about the problem and wrong about the remedy"): over the 22
            # long-article sets the draft's thesis 217 -> 225 of 322 right (6 sets up, 1 down), my 96 outside
            # articles 77 -> 78; a sentence that only opens with a conclusion cue ("So ...") gets no such point
            "a claim in a thesis phrase": np.where(
                ~sid.isin(has["claim"]).to_numpy() & (phrase.notna() & concludes.isna()).to_numpy(), 2.0, 0.0
            ),
            "recommends": np.where(text.str.contains(RECOMMENDS).to_numpy(), 1.0, 0.0),
            "phrase": np.where(phrase.notna(), 1.5, 0.0),
            "announces the reasons that back it": np.where(backed.to_numpy(), 1.5, 0.0),
            "answers the question just asked": np.where(asked.to_numpy(), 1.0, 0.0),
            "weighs the other side": np.where(sid.isin(has["concession"]) & sid.isin(has["rebuttal"]), 0.5, 0.0),
            "grants or reports the other side": np.where(
                sid.isin(has["concession"]) & ~sid.isin(has["rebuttal"]), -2.0, 0.0
            ),
            "in the last paragraph": np.where((para == last) & (last != first), 1.0, 0.0),
            "in the first paragraph": np.where((para == first) & (last != first), 0.5, 0.0),
            "inside one point of a numbered list": np.where(
                in_numbered_point(sentences).to_numpy() & (para != last).to_numpy(), -1.5, 0.0
            ),
            "inside one of several enumerated points": np.where(
                in_enumerated_paragraph(body).to_numpy() & (para != last).to_numpy(), -1.0, 0.0
            ),
            "under a concluding heading": np.where(under_concluding_heading(sentences).to_numpy(), 1.0, 0.0),
            "opens a one-paragraph text": np.where(opening & (last == first), 1.0, 0.0),
            "repeated word for word": np.where(repeated, 1.0, 0.0),
            "title": np.minimum(2.0, 0.5 * n_shared),
            "core": np.minimum(1.0, 0.25 * n_core),
            "a question": np.where(sid.isin(questions), -2.0, 0.0),
            "in an edit added after the post": np.where(in_edit(body).to_numpy(), -2.0, 0.0),
            "announces what follows": np.where(text.str.match(ANNOUNCER).to_numpy(), -2.0, 0.0),
            "a contact or contents line": np.where(text.str.contains(HOUSEKEEPING).to_numpy(), -2.0, 0.0),
            "part of an imagined case": np.where(sid.isin(has["evidence_hypothetical"]), -2.0, 0.0),
            "narrative": np.where(sid.isin(has["evidence_anecdote"]), -1.0, 0.0),
            "cites evidence": np.where(sid.isin(cites), -1.0, 0.0),
            "very short": np.where(short & (~sid.isin(imperatives).to_numpy() | elliptical), -1.0, 0.0),
        }
    )
    scored = pd.DataFrame(
        {"article_id": art, "sentence_id": sid, "score": parts.sum(axis=1).round(2), "_order": np.arange(len(sid))}
    )
    order = {a: i for i, a in enumerate(art.unique())}
    scored = scored.assign(_a=scored["article_id"].map(order)).sort_values(
        ["_a", "score", "_order"], ascending=[True, False, True], kind="stable"
    )
    best = scored.groupby("article_id", sort=False).head(top)

    picked = set(best["sentence_id"])
    lists = {
        k: v[v["id"].isin(picked)].groupby("id")["word"].agg(list).to_dict()
        for k, v in (("title", shared), ("core", core))
    }
    names, values, ids, phrases = list(parts.columns), parts.to_numpy(), sid.to_numpy(), phrase.to_numpy()
    opener = concludes.notna().to_numpy()

    def reasons(i: int) -> str:
        out = []
        for name, points in zip(names, values[i]):
            if points == 0:
                continue
            label = {
                "phrase": f"{'opens with the conclusion cue' if opener[i] else 'thesis phrase'} '{phrases[i]}'",
                "title": "shares title words " + ", ".join(lists["title"].get(ids[i], [])),
                "core": "uses key words " + ", ".join(lists["core"].get(ids[i], [])[:4]),
            }.get(name, name)
            out.append(f"{label} ({points:+g})")
        return "; ".join(out)

    best = best.assign(reasons=[reasons(i) for i in best.index])
    return best[list(cols)].reset_index(drop=True).astype(cols)


def sentence_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER compound score (-1 most negative, +1 most positive) of every non-heading sentence.

    The VADER lexicon ships inside the ``vaderSentiment`` wheel: nothing is downloaded.

    Returns:
        ``article_id, sentence_id, position`` (0 = first sentence, 1 = last, within the article)
        and ``compound``.
    """

    body = sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences
    analyser = SentimentIntensityAnalyzer()
    scores = [analyser.polarity_scores(t)["compound"] for t in body["text"].astype("str")]
    rank = body.groupby("article_id", sort=False).cumcount()
    size = body.groupby("article_id", sort=False)["sentence_id"].transform("size")
    return pd.DataFrame(
        {
            "article_id": body["article_id"].to_numpy(),
            "sentence_id": body["sentence_id"].to_numpy(),
            "position": (rank / (size - 1).clip(lower=1)).round(4).to_numpy(),
            "compound": scores,
        }
    )


# ---------------------------------------------------------------- analyst corrections


def read_annotation_csv(path: Path) -> pd.DataFrame:
    """Read an annotation CSV whose first lines may be ``#`` comments (a note on the file)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def load_corrections(path: str | Path = CORRECTIONS_FILE) -> pd.DataFrame:
    """The analyst's corrections: ``sentence_id, action (add|remove), category, label, text_start, note``.

    A missing file means no corrections.
    """
    cols = ["sentence_id", "action", "category", "label", "text_start", "note"]
    path = paths.resolve(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    df = read_annotation_csv(path)
    for c in cols:
        if c not in df:
            df[c] = ""
    return df[cols].apply(lambda s: s.str.strip())


def apply_corrections(
    labels: pd.DataFrame, sentences: pd.DataFrame, corrections: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the analyst's corrections to automatic labels, and report what each one did.

    ``remove`` drops every hit of that label on that sentence; ``add`` adds one hit (rule
    ``analyst correction``) unless the label is already there. A correction is not applied when
    its sentence is not in this corpus, or when ``text_start`` no longer matches the sentence's
    text (the article changed): those are reported, never silently dropped.

    Returns:
        ``(labels, log)``; the log has one row per correction with ``status`` and ``changed``
        (how many label rows it removed or added).
    """
    text = sentences.set_index("sentence_id")["text"].astype("str") if len(sentences) else pd.Series(dtype="str")
    article = (
        sentences.set_index("sentence_id")["article_id"].astype("str") if len(sentences) else pd.Series(dtype="str")
    )
    known = {(c, lab) for c, labs in LABELS.items() for lab in labs}
    out, log = labels.copy(), []
    for c in corrections.itertuples(index=False):
        status, changed = "applied", 0
        if c.sentence_id not in text.index:
            status = "sentence not in this corpus"
        elif c.text_start and not text[c.sentence_id].startswith(c.text_start):
            status = "sentence text changed: not applied"
        elif (c.category, c.label) not in known:
            status = "unknown category/label: not applied"
        elif c.action == "remove":
            hit = (out["sentence_id"] == c.sentence_id) & (out["category"] == c.category) & (out["label"] == c.label)
            changed = int(hit.sum())
            out = out[~hit]
            status = "applied" if changed else "nothing to remove"
        elif c.action == "add":
            present = (
                (out["sentence_id"] == c.sentence_id) & (out["category"] == c.category) & (out["label"] == c.label)
            ).any()
            if present:
                status = "already present"
            else:
                row = {
                    "article_id": article[c.sentence_id],
                    "sentence_id": c.sentence_id,
                    "category": c.category,
                    "label": c.label,
                    "rule": f"analyst correction: {c.note}".rstrip(": "),
                    "start": 0,
                    "end": 0,
                    "match": "",
                }
                out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
                changed = 1
        else:
            status = f"unknown action '{c.action}': not applied"
        log.append({**c._asdict(), "status": status, "changed": changed})
    order = {s: i for i, s in enumerate(text.index)}
    out = (
        out.assign(_o=out["sentence_id"].map(order))
        .sort_values("_o", kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    cols = list(corrections.columns) + ["status", "changed"]
    return out, pd.DataFrame(log, columns=cols)


def describe_corrections(log: pd.DataFrame) -> str:
    """One sentence on what the corrections did (for the notebook).

    Example:
        >>> describe_corrections(pd.DataFrame({"status": ["applied", "sentence not in this corpus"], "changed": [2, 0]}))
        '2 analyst corrections on file: 1 applied, changing 2 automatic labels; 1 could not be applied (see the table).'
    """
    if log.empty:
        return "No analyst corrections on file: every label below is automatic."
    applied = log["status"].isin(["applied"])
    failed = ~log["status"].isin(["applied", "already present", "nothing to remove"])
    text = f"{len(log)} analyst corrections on file: {int(applied.sum())} applied, changing {int(log['changed'].sum())} automatic labels"
    noop = len(log) - int(applied.sum()) - int(failed.sum())
    if noop:
        text += f"; {noop} changed nothing (already as asked)"
    if failed.any():
        text += f"; {int(failed.sum())} could not be applied (see the table)"
    return text + "."


def corrections_for(corrections: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The corrections that are about this corpus: all of them when at least one names a sentence
    of it (the rest are then reported as not applicable), none when no correction does (the file
    belongs to another corpus and its rows would only clutter this corpus's report).

    Example:
        >>> fixes = pd.DataFrame({"sentence_id": ["001-p01-s02"]})
        >>> len(corrections_for(fixes, pd.DataFrame({"sentence_id": ["a-p01-s01"]})))
        0
    """
    if corrections["sentence_id"].isin(sentences["sentence_id"]).any():
        return corrections
    return corrections.iloc[0:0]
