"""Articles that name one another: a reply that names the author of another article of the corpus
("Dana Whitfield's post arguing that ...", "Whitfield writes that ...") or gives its title in full (a title of six words or more).

A named reference is the surest link between two articles there is: the writer says whom they
answer. Authors come from the manifest's ``author`` column and from what cleaning set aside as
authorship (a byline, a letter's signature, a closing note on the author: steps of the cleaning
table), so every name can be traced to the line it came from. A surname alone counts only in an
article that also gives the full name, and only when it is not a common English word ("Young",
"Rich"), so that "Young people ..." names nobody.
"""

from __future__ import annotations

import re

import pandas as pd
from wordfreq import zipf_frequency

from utils.display import drilldown, mark
from utils.ingest.clean import PERSON
from utils.ingest.read import Corpus
from utils.rhetoric.labels import real_titles
from utils.text import plural

AUTHOR_STEPS = ("byline removed", "signature removed", "author's note removed")
_BYLINE_NAME = re.compile(rf"\b[Bb]y\s+(?P<name>{PERSON})")  # "By Ann Lee", "Posted on 3 May by Ann Lee"
_LEADING_NAME = re.compile(rf"^[\W_]*(?P<name>{PERSON})")
_TITLE_PREFIX = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+")
COMMON_SURNAME_ZIPF = 4.0  # "young" (5.3), "rich" (4.9), "brown" (4.6) are words first; "whitfield" (2.1) a name
MIN_TITLE_WORDS = 6  # a shorter title ("Remote work", a film's name in a review) is a phrase anyone may use
COLUMNS = ["article_id", "named_article", "how", "sentence_id", "text", "start", "end"]


def authors(corpus: Corpus) -> pd.DataFrame:
    """Each article's author names, and where each came from.

    Returns:
        ``article_id, name, source`` (``manifest``, or the cleaning step that set the line aside).
    """
    # "Human (CX consultancy)", "Ann Lee; Tom Ng": the name before any note or second author
    manifest = [
        (a, re.split(r"[(;,]| and ", str(n))[0].strip())
        for a, n in zip(corpus.articles["article_id"], corpus.articles["author"].fillna(""))
    ]
    rows = [(a, n, "manifest") for a, n in manifest if len(n.split()) >= 2]  # "Human" alone is a word first
    cleaning = corpus.cleaning
    if len(cleaning):
        cut = cleaning[cleaning["step"].isin(AUTHOR_STEPS)]
        for a, step, text in zip(cut["article_id"], cut["step"], cut["text"].astype(str)):
            m = (step == "byline removed" and _BYLINE_NAME.search(text)) or _LEADING_NAME.match(text)
            if m:
                rows.append((a, m.group("name"), step))
    out = pd.DataFrame(rows, columns=["article_id", "name", "source"])
    return out.drop_duplicates(["article_id", "name"]).reset_index(drop=True)


def _surname(name: str) -> str | None:
    """The surname of a full name, when it is no common English word (else ``None``)."""
    last = _TITLE_PREFIX.sub("", name).split()[-1].strip("'’")
    return last if len(last) >= 3 and zipf_frequency(last.lower(), "en") < COMMON_SURNAME_ZIPF else None


def cross_references(corpus: Corpus) -> pd.DataFrame:
    """Sentences of one article that name another article's author or give its (real) title in full.

    Each sentence is read once, whatever the size of the corpus: one expression finds every known
    full name and surname; titles are looked up by their first two words.

    Returns:
        :data:`COLUMNS`: the naming article, the article named, how (``author 'Dana Whitfield'``,
        ``title``), the sentence and the span of the name or title in it; in reading order.
    """
    names = authors(corpus)
    sents = corpus.sentences[~corpus.sentences["is_heading"]]
    by_name: dict[str, list[tuple[str, str]]] = {}  # a full name or surname -> (its article, full name)
    for article_id, name in zip(names["article_id"], names["name"]):
        for form in {name, _surname(name)} - {None}:
            by_name.setdefault(form, []).append((article_id, name))
    titles = real_titles(corpus.articles.set_index("article_id")["title"].fillna("").astype(str), sents)
    by_start: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # a title's first two words -> (article, title)
    for article_id, title in titles.items():
        key = _plain(" ".join(title.split()))
        if len(key.split()) >= MIN_TITLE_WORDS:
            by_start.setdefault(tuple(key.split()[:2]), []).append((article_id, key))
    name_rx = (
        re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, sorted(by_name, key=len, reverse=True))) + r")(?![\w])")
        if by_name
        else None
    )
    own = set(zip(names["article_id"], names["name"]))  # a writer naming themselves answers nobody
    found = []  # (naming article, named article, how, sentence, text, start, end, full name or "")
    for article_id, sid, text in zip(sents["article_id"], sents["sentence_id"], sents["text"].astype(str)):
        if name_rx is not None:
            for m in name_rx.finditer(text):
                for named, full in by_name[m.group()]:
                    if named != article_id and (article_id, full) not in own:
                        found.append((article_id, named, f"author '{full}'", sid, text, m.start(), m.end(), full))
        if by_start:
            plain = _plain(text)
            words = list(re.finditer(r"\S+", plain))
            for a, b in zip(words, words[1:]):
                for named, key in by_start.get((a.group(), b.group()), ()):
                    if named != article_id and plain.startswith(key, a.start()):
                        found.append((article_id, named, "title", sid, text, a.start(), a.start() + len(key), ""))
    out = pd.DataFrame(found, columns=[*COLUMNS, "full"])
    # a surname alone names someone only in an article that also gives the full name
    given = {
        (a, f)
        for a, f, t, s, e in zip(out["article_id"], out["full"], out["text"], out["start"], out["end"])
        if f and t[s:e] == f
    }
    keep = [not f or (a, f) in given for a, f in zip(out["article_id"], out["full"])]
    out = out.loc[pd.Series(keep, index=out.index, dtype=bool)].drop(columns="full")
    return out.drop_duplicates(["article_id", "named_article", "sentence_id"]).reset_index(drop=True)


def _plain(text: str) -> str:
    """Lower case with straight quotes, the same length as ``text`` (offsets carry over)."""
    return text.lower().translate(str.maketrans("‘’“”", "''\"\""))


def reference_summary(refs: pd.DataFrame, short: pd.Series) -> pd.DataFrame:
    """One row per pair of articles: who names whom, how, and in how many sentences."""
    if refs.empty:
        return pd.DataFrame(columns=["article", "names", "how", "sentences"])
    grouped = refs.groupby(["article_id", "named_article"], sort=False)
    return pd.DataFrame(
        {
            "article": [short.get(a, a) for a, _ in grouped.groups],
            "names": [short.get(b, b) for _, b in grouped.groups],
            "how": grouped["how"].agg(lambda h: ", ".join(dict.fromkeys(h))).tolist(),
            "sentences": grouped.size().tolist(),
        }
    )


def reference_sections(refs: pd.DataFrame, short: pd.Series) -> list[str]:
    """One collapsible section per pair of articles, each naming sentence with the name marked."""
    out = []
    for (a, b), group in refs.groupby(["article_id", "named_article"], sort=False):
        table = pd.DataFrame(
            {
                "sentence": group["sentence_id"],
                "text": [mark(t, [(s, e)]) for t, s, e in zip(group["text"], group["start"], group["end"])],
            }
        )
        out.append(
            drilldown(f"{short.get(a, a)} names {short.get(b, b)}", table, open_=len(out) < 2, raw_html_cols=("text",))
        )
    return out


def describe_references(refs: pd.DataFrame, names: pd.DataFrame) -> str:
    """One line: how many articles name another, or why none can be found."""
    if names.empty:
        quoted = refs["article_id"].nunique()
        return (
            "No article's author is known by a full name (from the manifest's author column, a byline, a "
            "signature or a note on the author), so only a title given in full could show one article answering another; "
            + (
                "none is."
                if refs.empty
                else f"{plural(quoted, 'article')} {'gives' if quoted == 1 else 'give'} another's title in full."
            )
        )
    if refs.empty:
        return f"No article names another article's author ({plural(len(names), 'author')} known) or gives its title."
    pairs = refs[["article_id", "named_article"]].drop_duplicates()
    n = pairs["article_id"].nunique()
    verbs = "names another's author or gives" if n == 1 else "name another's author or give"
    return (
        f"{plural(n, 'article')} {verbs} its title "
        f"({plural(len(pairs), 'pair')} of articles, {plural(len(refs), 'sentence')}). Read these first: a named "
        "reply is the surest link between two articles."
    )


__all__ = ["authors", "cross_references", "describe_references", "reference_sections", "reference_summary"]
