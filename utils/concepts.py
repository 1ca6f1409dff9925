"""Terms and concepts: one counts table behind every chart, table and word cloud of notebook 03.

:func:`count_corpus` runs each step once and returns a :class:`Counts`:

1. :func:`word_table`: one row per word token with its form (lower case, straight apostrophes),
   lemma (simplemma), stopword flag (``data/lexicons/stopwords.txt``) and position.
2. :func:`find_collocations`: bigram and trigram collocations (NLTK finders, log-likelihood G²,
   minimum frequency); :func:`phrase_occurrences` finds where they occur.
3. :func:`match_concepts` / :func:`concept_hits`: where the concepts of
   ``data/lexicons/concepts.yaml`` occur, with offsets in the cleaned article text.
4. :func:`count_table`: THE counts table, one row per article x term, ``kind`` = ``word``
   (a lemma), ``phrase`` (a collocation) or ``concept``, with the most frequent surface form,
   the count and the rate per 1,000 words. Every chart and the word clouds select rows from it.

Distinctive-term statistics are in :mod:`utils.keyness`; charts in :mod:`utils.concepts_plots`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from utils import paths
from utils.segment import token_spans

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
LETTER = re.compile(r"[^\W\d_]")
G2_P001 = 10.83  # chi-square critical value, 1 degree of freedom, p = 0.001
TABLE_COLUMNS = ["article_id", "kind", "term", "surface", "count", "n_words", "rate"]
HIT_COLUMNS = ["article_id", "sentence_id", "concept", "surface", "start", "end", "term", "word_index"]


# ---------------------------------------------------------------- stopwords and lemmas


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Read a stopword file: one word a line, ``#`` starts a comment.

    Args:
        path: The file (default ``data/lexicons/stopwords.txt``).

    Returns:
        The lower-cased words, apostrophes straightened.
    """
    path = Path(path) if path else paths.LEXICONS / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower().translate(APOSTROPHES) for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def _english_words() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en")


@lru_cache(maxsize=200_000)
def lemmatize(form: str) -> str:
    """The lemma of a lower-cased word (simplemma, English), kept as is when simplemma invents a
    non-word (``thinking`` -> ``thinke``): a lemma missing from wordfreq's English list is only
    accepted when the form is missing too.

    Example:
        >>> [lemmatize(w) for w in ["businesses", "leaders", "thinking"]]
        ['business', 'leader', 'thinking']
    """
    import simplemma

    lemma = simplemma.lemmatize(form, lang="en").lower()
    if lemma != form:
        known = _english_words()
        if lemma not in known and form in known:
            return form
    return lemma


# ---------------------------------------------------------------- words


def word_table(tokens: pd.DataFrame, *, stopwords: frozenset[str] | None = None) -> pd.DataFrame:
    """One row per word token, in document order, with what counting needs.

    Args:
        tokens: The processed ``tokens`` table (document order, as ``ingest`` writes it).
        stopwords: Words left out of term counts (default: :func:`load_stopwords`).

    Returns:
        Columns ``article_id, sentence_id, start, end, token, form, lemma, is_stop, is_term,
        chunk, word_index``. ``form`` is the lower-cased token with straight apostrophes;
        ``is_term`` is True for non-stopwords with at least two letters; ``chunk`` numbers the
        runs of words not separated by punctuation or a sentence break (phrases never cross
        one); ``word_index`` is the 0-based position among the article's words.
    """
    stopwords = load_stopwords() if stopwords is None else stopwords
    new_sentence = tokens["sentence_id"].ne(tokens["sentence_id"].shift()).to_numpy()
    chunk = np.cumsum(new_sentence | ~tokens["is_word"].to_numpy())
    words = tokens.loc[tokens["is_word"], ["article_id", "sentence_id", "start", "end", "token", "lower"]]
    codes, uniques = pd.factorize(words["lower"])
    forms = np.array([u.translate(APOSTROPHES) for u in uniques], dtype=object)
    lemmas = np.array([lemmatize(f) for f in forms], dtype=object)
    stop = np.array([f in stopwords or lem in stopwords for f, lem in zip(forms, lemmas)], dtype=bool)
    lettered = np.array([len(LETTER.findall(f)) >= 2 for f in forms], dtype=bool)
    out = words.drop(columns="lower").assign(
        form=forms[codes], lemma=lemmas[codes], is_stop=stop[codes], is_term=~stop[codes] & lettered[codes],
        chunk=chunk[tokens["is_word"].to_numpy()])
    out["word_index"] = out.groupby("article_id", sort=False).cumcount()
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- collocations


def find_collocations(words: pd.DataFrame, *, min_freq: int = 3, min_score: float = G2_P001, top: int = 100) -> pd.DataFrame:
    """Bigram and trigram collocations of lemmas, scored by log-likelihood (Dunning's G²).

    Candidates never cross punctuation or a sentence break; they may not start or end with a
    stopword or a word of fewer than two letters (a trigram may have a stopword in the middle:
    "sense of urgency").

    Args:
        words: From :func:`word_table`.
        min_freq: Minimum occurrences in the whole corpus.
        min_score: Minimum G² (10.83 is p < 0.001 for a bigram's 2x2 table).
        top: Keep at most this many of each length, best first.

    Returns:
        Columns ``phrase`` (lemmas joined by a space), ``n`` (2 or 3), ``freq``, ``g2``.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder, TrigramAssocMeasures, TrigramCollocationFinder

    lemmas = words["lemma"].to_numpy(dtype=object)
    cuts = np.flatnonzero(np.diff(words["chunk"].to_numpy())) + 1
    docs = [d.tolist() for d in np.split(lemmas, cuts) if len(d) > 1]
    ok_edge = dict(zip(words["lemma"], words["is_term"]))

    def bad(*ngram: str) -> bool:
        return not (ok_edge.get(ngram[0]) and ok_edge.get(ngram[-1])) or None in ngram

    rows = []
    for n, finder_cls, measure in ((2, BigramCollocationFinder, BigramAssocMeasures.likelihood_ratio),
                                   (3, TrigramCollocationFinder, TrigramAssocMeasures.likelihood_ratio)):
        finder = finder_cls.from_documents(docs)
        finder.apply_freq_filter(min_freq)
        finder.apply_ngram_filter(bad)
        scored = [(g, s) for g, s in finder.score_ngrams(measure) if s >= min_score][:top]
        rows += [{"phrase": " ".join(g), "n": n, "freq": finder.ngram_fd[g], "g2": round(s, 2)} for g, s in scored]
    return pd.DataFrame(rows, columns=["phrase", "n", "freq", "g2"]).astype({"phrase": "str", "n": "int64", "freq": "int64", "g2": "float64"})


def phrase_occurrences(words: pd.DataFrame, phrases: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence of the given phrases (lemma sequences inside one chunk).

    Returns:
        Columns ``article_id, sentence_id, term, surface, start, end, word_index`` (``surface``
        is the words as written, joined by single spaces).
    """
    found = []
    lemma = words["lemma"].to_numpy(dtype=object)
    chunk = words["chunk"].to_numpy()
    for n in (2, 3):
        wanted = set(phrases.loc[phrases["n"] == n, "phrase"])
        if not wanted or len(words) < n:
            continue
        last = len(words) - n + 1
        keys = lemma[:last].copy()
        same = np.ones(last, dtype=bool)
        for j in range(1, n):
            keys = keys + " " + lemma[j:last + j]
            same &= chunk[j:last + j] == chunk[:last]
        rows = np.flatnonzero(same & pd.Series(keys).isin(wanted).to_numpy())
        found += [(r, n, keys[r]) for r in rows]
    return _span_rows(words, [(r, n) for r, n, _ in found], {"term": [k for _, _, k in found]})


def _span_rows(words: pd.DataFrame, found: list[tuple[int, int]], labels: dict[str, list[str]]) -> pd.DataFrame:
    """Rows for spans ``(first word row, number of words)`` of the word table, with label columns."""
    cols = ["article_id", "sentence_id", *labels, "surface", "start", "end", "word_index"]
    if not found:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in {"start", "end", "word_index"} else "str") for c in cols})
    first = np.array([f[0] for f in found])
    last = first + np.array([f[1] for f in found]) - 1
    tok = words["token"].to_numpy(dtype=object)
    out = pd.DataFrame({
        "article_id": words["article_id"].to_numpy()[first], "sentence_id": words["sentence_id"].to_numpy()[first],
        **{k: pd.Series(v, dtype="str") for k, v in labels.items()},
        "surface": [" ".join(tok[a:b + 1]) for a, b in zip(first, last)],
        "start": words["start"].to_numpy()[first], "end": words["end"].to_numpy()[last],
        "word_index": words["word_index"].to_numpy()[first]})
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- concepts


def load_concepts(path: str | Path | None = None) -> pd.DataFrame:
    """Read the concept lexicon.

    Args:
        path: A YAML file (default ``data/lexicons/concepts.yaml``).

    Returns:
        One row per concept, in file order: ``concept, definition, terms`` (a tuple of strings).

    Raises:
        ValueError: an entry lacks a concept name, a definition or terms, or a name repeats.
    """
    path = Path(path) if path else paths.LEXICONS / "concepts.yaml"
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("concepts") or []
    rows = []
    for i, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or not e.get("concept") or not e.get("definition") or not e.get("terms"):
            raise ValueError(f"{path}: entry {i} needs a concept, a definition and terms")
        rows.append({"concept": str(e["concept"]).strip().lower(), "definition": str(e["definition"]).strip(),
                     "terms": tuple(str(t).strip() for t in e["terms"])})
    df = pd.DataFrame(rows, columns=["concept", "definition", "terms"])
    dupes = df["concept"][df["concept"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"{path}: concept names repeat: {dupes}")
    return df


def term_words(term: str) -> tuple[str, ...]:
    """How a lexicon term is matched: its tokens, lower-cased, apostrophes straightened.

    Example:
        >>> term_words("Customer’s front-line staff*")
        ("customer's", 'front-line', 'staff*')
    """
    parts = [t for _, _, t in token_spans(term.replace("*", "\x00"))]
    text = " ".join(parts).replace(" \x00", "*").replace("\x00", "*")
    return tuple(w.lower().translate(APOSTROPHES) for w in text.split())


def _word_matches(pattern: str, form: str, lemma: str) -> bool:
    if pattern.endswith("*"):
        return form.startswith(pattern[:-1])
    return pattern == form or pattern == lemma


def match_lexicon(words: pd.DataFrame, entries: list[tuple[str, str, tuple[str, ...]]]) -> list[tuple[int, int, int]]:
    """Leftmost-longest matches of lexicon entries in the word table; a word is used at most once.

    Args:
        words: From :func:`word_table`.
        entries: ``(label, term, words)`` triples; on a tie in length the earlier entry wins.

    Returns:
        ``(first word row, number of words, entry index)`` for each kept match, in text order.
    """
    if not entries or words.empty:
        return []
    codes, uniques = pd.factorize(words["form"])
    forms, lemmas, chunk = words["form"].to_numpy(dtype=object), words["lemma"].to_numpy(dtype=object), words["chunk"].to_numpy()
    uniq_lemma = [lemmatize(u) for u in uniques]
    first = [[e for e, (_, _, ws) in enumerate(entries) if _word_matches(ws[0], u, lem)] for u, lem in zip(uniques, uniq_lemma)]
    candidates = []
    for row in np.flatnonzero(np.array([bool(f) for f in first])[codes]):
        for e in first[codes[row]]:
            ws = entries[e][2]
            end = row + len(ws) - 1
            if end < len(forms) and chunk[end] == chunk[row] and all(
                    _word_matches(w, forms[row + j], lemmas[row + j]) for j, w in enumerate(ws[1:], start=1)):
                candidates.append((row, len(ws), e))
    kept, free_from = [], 0
    for row, n, e in sorted(candidates, key=lambda c: (c[0], -c[1], c[2])):
        if row >= free_from:
            kept.append((row, n, e))
            free_from = row + n
    return kept


def lexicon_entries(concepts: pd.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(concept, term, words)`` for every term of every concept, in lexicon order."""
    return [(c.concept, t, term_words(t)) for c in concepts.itertuples() for t in c.terms if term_words(t)]


def match_concepts(words: pd.DataFrame, concepts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Concept hits in a word table, and which word rows they cover.

    Returns:
        ``(hits, covered)``: hits as in :func:`concept_hits`; ``covered`` a boolean per word row.
    """
    entries = lexicon_entries(concepts)
    kept = match_lexicon(words, entries)
    covered = np.zeros(len(words), dtype=bool)
    for row, n, _ in kept:
        covered[row:row + n] = True
    hits = _span_rows(words, [(row, n) for row, n, _ in kept],
                      {"concept": [entries[e][0] for *_, e in kept], "term": [entries[e][1] for *_, e in kept]})
    return hits[HIT_COLUMNS], covered


def concept_hits(tokens: pd.DataFrame, sentences: pd.DataFrame, *, concepts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where each concept of the lexicon occurs.

    Args:
        tokens: The processed ``tokens`` table.
        sentences: The processed ``sentences`` table (accepted for the shared interface; offsets
            come from the tokens, which already point into the cleaned article text).
        concepts: A lexicon from :func:`load_concepts` (default: the project's).

    Returns:
        One row per hit: ``article_id, sentence_id, concept, surface, start, end`` (offsets in
        the cleaned article text, like tokens), plus ``term`` (the lexicon term matched) and
        ``word_index`` (0-based position among the article's words).
    """
    del sentences  # offsets come from tokens
    hits, _ = match_concepts(word_table(tokens), load_concepts() if concepts is None else concepts)
    return hits


def cooccurrence(hits: pd.DataFrame) -> pd.DataFrame:
    """Concept x concept: the number of sentences in which both occur.

    The diagonal is the number of sentences in which the concept occurs at all. Concepts are
    ordered by that number, largest first (ties by name).

    Example:
        Hits in s1: {a, b}, s2: {a} give ``[[2, 1], [1, 1]]`` for order ``a, b``.
    """
    pairs = hits[["sentence_id", "concept"]].drop_duplicates()
    if pairs.empty:
        return pd.DataFrame(dtype="int64")
    x = pd.crosstab(pairs["sentence_id"], pairs["concept"]).clip(upper=1)
    m = x.T @ x
    order = sorted(m.index, key=lambda c: (-m.at[c, c], c))
    m = m.loc[order, order].astype("int64")
    m.index.name = m.columns.name = "concept"
    return m
