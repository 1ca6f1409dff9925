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

Distinctive-term statistics are in :mod:`utils.concepts.keyness`; charts in :mod:`utils.concepts.plots`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import simplemma
import wordfreq

from utils import paths, tables
from utils.text import APOSTROPHES, load_stopwords, read_word_list, token_spans

LETTER = re.compile(r"[^\W\d_]")
G2_P001 = 10.83  # chi-square critical value, 1 degree of freedom, p = 0.001
CONNECTORS = frozenset(read_word_list(paths.LEXICONS / "rule_cues" / "phrase_connectors.txt"))  # inside a phrase
TABLE_COLUMNS = ["article_id", "kind", "term", "surface", "count", "n_words", "rate"]
HIT_COLUMNS = ["article_id", "sentence_id", "concept", "surface", "start", "end", "term", "word_index"]


# ---------------------------------------------------------------- stopwords and lemmas


@lru_cache(maxsize=1)
def _english_words() -> dict[str, float]:
    # Arguments as wordfreq.word_frequency passes them, so both share one entry of wordfreq's own
    # cache: ("en") and ("en", "best") are different keys, and the list was built twice (0.15 s).
    return wordfreq.get_frequency_dict("en", "best")


def english_frequency(forms: list[str]) -> dict[str, float]:
    """Frequency of each word form in general English (wordfreq ``en``, the "best" list).

    Forms missing from the list are 0.0 (hyphenated forms are estimated by wordfreq from their
    parts).
    """
    known = _english_words()
    return {
        f: known[f] if f in known else (wordfreq.word_frequency(f, "en") if "-" in f or "'" in f else 0.0)
        for f in forms
    }


@lru_cache(maxsize=200_000)
def lemmatize(form: str) -> str:
    """The lemma of a lower-cased word (simplemma, English), kept as the form itself when
    simplemma invents a non-word (``thinking`` -> ``thinke``): a lemma more than 100 times rarer
    than its form in general English (wordfreq) is not accepted.

    Example:
        >>> [lemmatize(w) for w in ["businesses", "leaders", "thinking"]]
        ['business', 'leader', 'thinking']
    """

    lemma = simplemma.lemmatize(form, lang="en").lower()
    if lemma != form:
        known = _english_words()
        if known.get(lemma, 0.0) * 100 < known.get(form, 0.0):
            return american_spelling(form)
    return american_spelling(lemma)


_BRITISH = (  # British ending -> American ending, tried in order
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("ours", "ors"),
    ("our", "or"),
    ("tres", "ters"),
    ("tre", "ter"),
)


@lru_cache(maxsize=200_000)
def american_spelling(word: str) -> str:
    """The American spelling of a British one, so both count as one term ("organisation" and
    "organization"): only when the word ends in a British pattern (-ise, -isation, -our, -tre,
    -yse), is at least six letters long, and the American form is itself a common English word
    (Zipf frequency 2.5 or more in wordfreq), so "promise", "exercise" and "four" stay as they are.

    Example:
        >>> [american_spelling(w) for w in ["organisation", "optimise", "behaviour", "centre", "promise", "four"]]
        ['organization', 'optimize', 'behavior', 'center', 'promise', 'four']
    """
    if len(word) < 6:
        return word
    for british, american in _BRITISH:
        if word.endswith(british):
            candidate = word[: -len(british)] + american
            return candidate if wordfreq.zipf_frequency(candidate, "en") >= 2.5 else word
    return word


# ---------------------------------------------------------------- words


def lemma_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """The vocabulary of a corpus with the lemma :func:`lemmatize` gives each word form.

    Notebook 01 writes it once (:func:`write_lemmas`), so notebooks 03 and 04 count by lemma
    without loading the lemma dictionary and the English word list again (0.5-1 s each). The
    lemma check has loaded the English word list anyway, so the table also keeps each form's
    frequency in general English, which keyness against English reuses.

    Returns:
        ``form, lemma, count, english``: one row per word form (lower case, straight
        apostrophes), sorted by form; ``count`` is its number of tokens in the corpus,
        ``english`` its :func:`english_frequency`.
    """
    # Count each distinct token first, then straighten the apostrophes of each one: doing it per
    # token cost 2.1 s of notebook 01 on 2,000 reviews, this 0.4 s (the same table).
    seen = tokens.loc[tokens["is_word"], "lower"].value_counts(sort=False)
    seen = seen[seen > 0]  # a categorical column also lists the categories no word uses
    forms = seen.groupby(seen.index.astype(str).str.translate(APOSTROPHES)).sum()
    vocab = forms.rename_axis("form").reset_index(name="count").sort_values("form", kind="stable")
    vocab.insert(1, "lemma", [lemmatize(f) for f in vocab["form"]])
    vocab["english"] = vocab["form"].map(english_frequency(vocab["form"].tolist())).astype(float)
    return vocab.reset_index(drop=True).astype({"count": "int64"})


def write_lemmas(tokens: pd.DataFrame, processed_dir: str | Path) -> pd.DataFrame:
    """Write :func:`lemma_table` as the ``lemmas`` table beside the processed tables and return it."""
    table = lemma_table(tokens)
    tables.write_table(table, "lemmas", processed_dir)
    return table


def _saved_lemmas(processed_dir: str | Path) -> pd.DataFrame | None:
    try:
        return tables.read_table("lemmas", processed_dir)
    except FileNotFoundError:
        return None


def read_lemmas(processed_dir: str | Path) -> dict[str, str]:
    """``form -> lemma`` from notebook 01's ``lemmas`` table; empty when it is missing.

    Forms the table lacks (another corpus) are lemmatised on the spot by :func:`word_table`, so a
    missing table costs time, never correctness.
    """
    table = _saved_lemmas(processed_dir)
    return {} if table is None else dict(zip(table["form"], table["lemma"]))


def read_english(processed_dir: str | Path) -> dict[str, float]:
    """``form -> frequency in general English`` from notebook 01's ``lemmas`` table; empty when
    it is missing."""
    table = _saved_lemmas(processed_dir)
    return {} if table is None else dict(zip(table["form"], table["english"]))


def word_table(
    tokens: pd.DataFrame, *, stopwords: frozenset[str] | None = None, lemmas: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per word token, in document order, with what counting needs.

    Args:
        tokens: The processed ``tokens`` table (document order, as ``ingest`` writes it).
        stopwords: Words left out of term counts (default: :func:`load_stopwords`).
        lemmas: Known ``form -> lemma`` pairs (:func:`read_lemmas`); other forms are lemmatised.

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
    known = lemmas or {}
    lemma_of = np.array([known.get(f) or lemmatize(f) for f in forms], dtype=object)
    stop = np.array([f in stopwords or lem in stopwords for f, lem in zip(forms, lemma_of)], dtype=bool)
    lettered = np.array([len(LETTER.findall(f)) >= 2 for f in forms], dtype=bool)
    out = words.drop(columns="lower").assign(
        form=forms[codes],
        lemma=lemma_of[codes],
        is_stop=stop[codes],
        is_term=~stop[codes] & lettered[codes],
        chunk=chunk[tokens["is_word"].to_numpy()],
    )
    out["word_index"] = out.groupby("article_id", sort=False).cumcount()
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- collocations


def g2(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: float) -> np.ndarray:
    """Dunning's log-likelihood G² of a 2x2 table, vectorised (the same formula as NLTK's
    ``BigramAssocMeasures.likelihood_ratio``).

    Args:
        n_ii: Joint count (both parts together).
        n_ix: Count of the first part.
        n_xi: Count of the second part.
        n_xx: Total number of words.

    Example:
        >>> float(g2(np.array([2]), np.array([2]), np.array([2]), 4.0)[0]).__round__(4)
        5.5452
    """
    n_ii, n_ix, n_xi = (np.asarray(x, dtype=float) for x in (n_ii, n_ix, n_xi))
    obs = [n_ii, n_ix - n_ii, n_xi - n_ii, n_xx - n_ix - n_xi + n_ii]
    exp = [
        n_ix * n_xi / n_xx,
        n_ix * (n_xx - n_xi) / n_xx,
        (n_xx - n_ix) * n_xi / n_xx,
        (n_xx - n_ix) * (n_xx - n_xi) / n_xx,
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = [np.where(o > 0, o * np.log(o / (e + 1e-20) + 1e-20), 0.0) for o, e in zip(obs, exp)]
    return 2 * sum(terms)


def find_collocations(
    words: pd.DataFrame, *, min_freq: int = 3, min_score: float = G2_P001, top: int = 100
) -> pd.DataFrame:
    """Bigram and trigram collocations of lemmas, scored by log-likelihood (Dunning's G²).

    Candidates never cross punctuation or a sentence break; they may not start or end with a
    stopword or a word of fewer than two letters; a trigram's middle word is a term or a connector
    (:data:`CONNECTORS`: "sense of urgency", "revenue and profit", not "optimise the current").
    A bigram's G² is NLTK's ``likelihood_ratio`` (word 1 against word 2); a trigram's is the
    smaller of (word 1 + word 2 against word 3) and (word 1 against word 2 + word 3), so a
    trigram only counts when neither of its halves explains it alone.

    Args:
        words: From :func:`word_table`.
        min_freq: Minimum occurrences in the whole corpus.
        min_score: Minimum G² (10.83 is p < 0.001 for one 2x2 table).
        top: Keep at most this many of each length, best first.

    Returns:
        Columns ``phrase`` (lemmas joined by a space), ``n`` (2 or 3), ``freq``, ``g2``.
    """
    cols = {"phrase": "str", "n": "int64", "freq": "int64", "g2": "float64"}
    codes, uniques = pd.factorize(words["lemma"])
    n_words, v = len(codes), len(uniques)
    if n_words < 2:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
    edge_ok = np.zeros(v, dtype=bool)
    edge_ok[codes[words["is_term"].to_numpy()]] = True
    middle_ok = edge_ok | np.isin(np.asarray(uniques, dtype=object), list(CONNECTORS))
    chunk = words["chunk"].to_numpy()
    unigram = np.bincount(codes, minlength=v)

    def ngram_counts(n: int) -> tuple[np.ndarray, np.ndarray]:
        last = n_words - n + 1
        ok = np.ones(last, dtype=bool)
        key = codes[:last].astype(np.int64)
        for j in range(1, n):
            ok &= chunk[j : last + j] == chunk[:last]
            key = key * v + codes[j : last + j]
        return np.unique(key[ok], return_counts=True)

    bi_keys, bi_freq = ngram_counts(2)
    bigram = dict(zip(bi_keys.tolist(), bi_freq.tolist()))
    rows = []
    a, b = np.divmod(bi_keys, v)
    keep = (bi_freq >= min_freq) & edge_ok[a] & edge_ok[b]
    score = g2(bi_freq[keep], unigram[a[keep]], unigram[b[keep]], n_words)
    rows.append((np.stack([a[keep], b[keep]], axis=1), bi_freq[keep], score))
    if n_words >= 3:
        tri_keys, tri_freq = ngram_counts(3)
        ab, c = np.divmod(tri_keys, v)
        a, b = np.divmod(ab, v)
        keep = (tri_freq >= min_freq) & edge_ok[a] & edge_ok[c] & middle_ok[b]
        a, b, c, f = a[keep], b[keep], c[keep], tri_freq[keep]
        f_ab = np.array([bigram[k] for k in (a * v + b).tolist()], dtype=float)
        f_bc = np.array([bigram[k] for k in (b * v + c).tolist()], dtype=float)
        score = np.minimum(g2(f, f_ab, unigram[c], n_words), g2(f, unigram[a], f_bc, n_words))
        rows.append((np.stack([a, b, c], axis=1), f, score))
    out = []
    for grams, freq, score in rows:
        order = np.lexsort((-freq, -score))
        order = [i for i in order if score[i] >= min_score][:top]
        out += [
            {
                "phrase": " ".join(uniques[g] for g in grams[i]),
                "n": grams.shape[1],
                "freq": int(freq[i]),
                "g2": round(float(score[i]), 2),
            }
            for i in order
        ]
    return pd.DataFrame(out, columns=list(cols)).astype(cols)


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
        # Only words that can begin a wanted phrase (a lemma followed by a space in one of them)
        # start a candidate, so the joined keys are built for a few rows, not for every word.
        prefixes = {p[:i] for p in wanted for i, ch in enumerate(p) if ch == " "}
        rows = np.flatnonzero(pd.Series(lemma[:last]).isin(prefixes).to_numpy())
        keys = lemma[rows].copy()
        same = np.ones(len(rows), dtype=bool)
        for j in range(1, n):
            keys = keys + " " + lemma[rows + j]
            same &= chunk[rows + j] == chunk[rows]
        hit = same & pd.Series(keys, dtype=object).isin(wanted).to_numpy()
        found += [(r, n, k) for r, k in zip(rows[hit].tolist(), keys[hit])]
    return span_rows(words, [(r, n) for r, n, _ in found], {"term": [k for _, _, k in found]})


def span_rows(words: pd.DataFrame, found: list[tuple[int, int]], labels: dict[str, list[str]]) -> pd.DataFrame:
    """Rows for spans ``(first word row, number of words)`` of the word table, with label columns."""
    cols = ["article_id", "sentence_id", *labels, "surface", "start", "end", "word_index"]
    if not found:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in {"start", "end", "word_index"} else "str") for c in cols}
        )
    first = np.array([f[0] for f in found])
    last = first + np.array([f[1] for f in found]) - 1
    tok = words["token"].to_numpy(dtype=object)
    out = pd.DataFrame(
        {
            "article_id": words["article_id"].to_numpy()[first],
            "sentence_id": words["sentence_id"].to_numpy()[first],
            **{k: pd.Series(v, dtype="str") for k, v in labels.items()},
            "surface": [" ".join(tok[a : b + 1]) for a, b in zip(first, last)],
            "start": words["start"].to_numpy()[first],
            "end": words["end"].to_numpy()[last],
            "word_index": words["word_index"].to_numpy()[first],
        }
    )
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- concepts


def load_concepts(path: str | Path | None = None) -> pd.DataFrame:
    """Read the concept lexicon (parsed once per file version: notebook 04 asks twice).

    Args:
        path: A YAML file (default ``data/lexicons/concepts.yaml``).

    Returns:
        One row per concept, in file order: ``concept, definition, terms`` (a tuple of strings).

    Raises:
        ValueError: an entry lacks a concept name, a definition or terms, or a name repeats.
    """
    path = Path(path) if path else paths.LEXICONS / "concepts.yaml"
    return _parse_concepts(str(path), path.stat().st_mtime_ns).copy()


@lru_cache(maxsize=8)
def _parse_concepts(name: str, mtime_ns: int) -> pd.DataFrame:
    path = Path(name)
    entries = (paths.load_yaml(path.read_text(encoding="utf-8")) or {}).get("concepts") or []
    rows = []
    for i, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or not e.get("concept") or not e.get("definition") or not e.get("terms"):
            raise ValueError(f"{path}: entry {i} needs a concept, a definition and terms")
        rows.append(
            {
                "concept": str(e["concept"]).strip().lower(),
                "definition": str(e["definition"]).strip(),
                "terms": tuple(str(t).strip() for t in e["terms"]),
            }
        )
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
    return pattern == form or pattern == lemma or american_spelling(pattern) == lemma


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
    forms, lemmas, chunk = (
        words["form"].to_numpy(dtype=object),
        words["lemma"].to_numpy(dtype=object),
        words["chunk"].to_numpy(),
    )
    exact: dict[str, list[int]] = {}
    for e, (_, _, ws) in enumerate(entries):
        if not ws[0].endswith("*"):
            exact.setdefault(ws[0], []).append(e)
    wild = [(e, ws[0][:-1]) for e, (_, _, ws) in enumerate(entries) if ws[0].endswith("*")]
    lemma_of = dict(zip(forms, lemmas))
    first = []
    for u in uniques:
        found = (
            set(exact.get(u, ())) | set(exact.get(lemma_of[u], ())) | {e for e, prefix in wild if u.startswith(prefix)}
        )
        first.append(sorted(found))
    candidates = []
    for row in np.flatnonzero(np.array([bool(f) for f in first])[codes]):
        for e in first[codes[row]]:
            ws = entries[e][2]
            end = row + len(ws) - 1
            if (
                end < len(forms)
                and chunk[end] == chunk[row]
                and all(_word_matches(w, forms[row + j], lemmas[row + j]) for j, w in enumerate(ws[1:], start=1))
            ):
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
        covered[row : row + n] = True
    hits = span_rows(
        words,
        [(row, n) for row, n, _ in kept],
        {"concept": [entries[e][0] for *_, e in kept], "term": [entries[e][1] for *_, e in kept]},
    )
    return hits[HIT_COLUMNS], covered


def concept_hits(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    concepts: pd.DataFrame | None = None,
    lemmas: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Where each concept of the lexicon occurs.

    Args:
        tokens: The processed ``tokens`` table.
        sentences: The processed ``sentences`` table (accepted for the shared interface; offsets
            come from the tokens, which already point into the cleaned article text).
        concepts: A lexicon from :func:`load_concepts` (default: the project's).
        lemmas: Known ``form -> lemma`` pairs (:func:`read_lemmas`), to skip lemmatising.

    Returns:
        One row per hit: ``article_id, sentence_id, concept, surface, start, end`` (offsets in
        the cleaned article text, like tokens), plus ``term`` (the lexicon term matched) and
        ``word_index`` (0-based position among the article's words).
    """
    del sentences  # offsets come from tokens
    hits, _ = match_concepts(word_table(tokens, lemmas=lemmas), load_concepts() if concepts is None else concepts)
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


# ---------------------------------------------------------------- the counts table


def most_frequent_surface(labels: pd.Series, surfaces: pd.Series) -> pd.Series:
    """For each label, its most frequent surface form (ties: alphabetical), indexed by label.

    Example:
        >>> most_frequent_surface(pd.Series(["a", "a", "a"]), pd.Series(["Cx", "CX", "CX"])).to_dict()
        {'a': 'CX'}
    """
    n = (
        pd.DataFrame({"label": labels.to_numpy(), "surface": surfaces.to_numpy()})
        .value_counts()
        .rename("n")
        .reset_index()
    )
    n = n.sort_values(["label", "n", "surface"], ascending=[True, False, True], kind="stable")
    return n.drop_duplicates("label").set_index("label")["surface"]


def count_table(words: pd.DataFrame, phrases: pd.DataFrame, hits: pd.DataFrame, n_words: pd.Series) -> pd.DataFrame:
    """THE counts table: one row per article x term, for words, phrases and concepts.

    Args:
        words: From :func:`word_table` (only ``is_term`` rows are counted, by lemma).
        phrases: From :func:`phrase_occurrences` (``term`` = the phrase's lemmas).
        hits: From :func:`concept_hits`.
        n_words: Words per article (all words, stopwords included), indexed by ``article_id``.

    Returns:
        Columns ``article_id, kind, term, surface, count, n_words, rate``: ``kind`` is ``word``,
        ``phrase`` or ``concept``; ``surface`` the corpus-wide most frequent written form (the
        concept name for concepts); ``rate`` = count per 1,000 words of the article. Only
        non-zero counts have rows. Sorted by article, kind, count (descending), term.
    """
    terms = words.loc[words["is_term"], ["article_id", "lemma", "token"]].rename(
        columns={"lemma": "term", "token": "surface"}
    )
    parts = [
        ("word", terms),
        ("phrase", phrases[["article_id", "term", "surface"]]),
        (
            "concept",
            hits[["article_id", "concept"]].rename(columns={"concept": "term"}).assign(surface=hits["concept"]),
        ),
    ]
    frames = []
    for kind, df in parts:
        if df.empty:
            continue
        c = df.groupby(["article_id", "term"], sort=False).size().rename("count").reset_index()
        c["surface"] = c["term"].map(most_frequent_surface(df["term"], df["surface"]))
        frames.append(c.assign(kind=kind))
    if not frames:
        return pd.DataFrame(
            {
                c: pd.Series(dtype="float64" if c == "rate" else "int64" if c in {"count", "n_words"} else "str")
                for c in TABLE_COLUMNS
            }
        )
    out = pd.concat(frames, ignore_index=True)
    out["n_words"] = out["article_id"].map(n_words).astype("int64")
    out["rate"] = 1000 * out["count"] / out["n_words"]
    out = out.astype({"article_id": "str", "kind": "str", "term": "str", "surface": "str", "count": "int64"})
    kind_order = out["kind"].map({"word": 0, "phrase": 1, "concept": 2})
    out = out.assign(_k=kind_order).sort_values(
        ["article_id", "_k", "count", "term"], ascending=[True, True, False, True], kind="stable"
    )
    return out[TABLE_COLUMNS].reset_index(drop=True)


@dataclass
class Counts:
    """Everything counted once for a corpus (see :func:`count_corpus`)."""

    table: pd.DataFrame  # THE counts table (count_table)
    words: pd.DataFrame  # word tokens (word_table) plus ``covered`` by a concept hit
    phrases: pd.DataFrame  # accepted collocations (find_collocations)
    phrase_hits: pd.DataFrame  # where they occur (phrase_occurrences)
    hits: pd.DataFrame  # concept hits (concept_hits)
    concepts: pd.DataFrame  # the lexicon used (load_concepts)
    articles: pd.DataFrame  # article_id, title, n_words, n_terms, in corpus order


def count_corpus(
    corpus,
    *,
    tokens: pd.DataFrame | None = None,
    stopwords: frozenset[str] | None = None,
    concepts: pd.DataFrame | None = None,
    lemmas: dict[str, str] | None = None,
    min_freq: int = 3,
    min_g2: float = G2_P001,
    max_phrases: int = 100,
) -> Counts:
    """Count words, phrases and concepts of a corpus once.

    Args:
        corpus: A :class:`utils.ingest.Corpus` (from ``read_tables``).
        tokens: The tokens table, when ``corpus`` was read without it (default ``corpus.tokens``):
            counting keeps what it needs in ``counts.words``, so a notebook that passes the table
            here holds no second copy (with ``paragraphs`` also left out, notebook 03 ends at 418
            MB instead of 516 MB on 2,000 reviews).
        stopwords: Default :func:`load_stopwords`.
        concepts: Default :func:`load_concepts`.
        lemmas: Known ``form -> lemma`` pairs (:func:`read_lemmas`); other forms are lemmatised.
        min_freq: Minimum corpus frequency of a collocation.
        min_g2: Minimum log-likelihood G² of a collocation.
        max_phrases: At most this many bigrams and this many trigrams.

    Returns:
        A :class:`Counts`; ``counts.table`` feeds every chart and word cloud.
    """
    words = word_table(corpus.tokens if tokens is None else tokens, stopwords=stopwords, lemmas=lemmas)
    phrases = find_collocations(words, min_freq=min_freq, min_score=min_g2, top=max_phrases)
    phrase_hits = phrase_occurrences(words, phrases)
    concepts = load_concepts() if concepts is None else concepts
    hits, covered = match_concepts(words, concepts)
    words["covered"] = covered
    articles = corpus.articles[["article_id", "title", "n_words"]].copy()
    articles["n_terms"] = (
        articles["article_id"].map(words.loc[words["is_term"]].groupby("article_id").size()).fillna(0).astype("int64")
    )
    table = count_table(words, phrase_hits, hits, articles.set_index("article_id")["n_words"])
    return Counts(
        table=table,
        words=words,
        phrases=phrases,
        phrase_hits=phrase_hits,
        hits=hits,
        concepts=concepts,
        articles=articles,
    )


def write_counts(counts: Counts, folder: str | Path) -> list[Path]:
    """Write the counts table, the collocations and the concept hits as CSV (for spreadsheets).

    Returns:
        The files written: ``03-counts-table.csv``, ``03-collocations.csv``, ``03-concept-hits.csv``.
    """
    folder = paths.resolve(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, df in (
        ("03-counts-table", counts.table),
        ("03-collocations", counts.phrases),
        ("03-concept-hits", counts.hits),
    ):
        out.append(tables.write_spreadsheet_csv(df, folder / f"{name}.csv"))  # formulas neutralised
    return out
