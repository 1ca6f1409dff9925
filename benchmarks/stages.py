"""Corpus-scale timings of each analysis stage on a processed corpus (the movie reviews)."""

from __future__ import annotations

import time
from pathlib import Path

from utils import paths
from utils.concepts import keyness
from utils.concepts.counts import (
    cooccurrence,
    count_table,
    find_collocations,
    lemmatize,
    load_concepts,
    match_concepts,
    phrase_occurrences,
    word_table,
)
from utils.ingest.read import ingest, read_tables, write_tables
from utils.rhetoric.labels import label_sentences, sentence_tone, thesis_candidates


def ingestion(corpus_dir: Path, out_dir: Path) -> dict[str, float]:
    """Ingest every file of a folder and write the tables."""
    start = time.perf_counter()
    corpus = ingest(corpus_dir)
    write_tables(corpus, out_dir)
    return {
        "ingest, tables written (s)": time.perf_counter() - start,
        "files": float(len(corpus.articles) + int((corpus.warnings["action"] == "skipped").sum())),
        "words": float(corpus.articles["n_words"].sum()),
    }


def labels(processed_dir: str | Path) -> dict[str, float]:
    """Time the corpus-scale work on a processed corpus (``make bench`` passes the movie reviews).

    Returns:
        Seconds for reading the tables, labelling every sentence, scoring tone, and picking thesis
        candidates, plus the corpus size (``sentences``, ``words``, ``labels``).
    """
    t0 = time.perf_counter()
    corpus = read_tables(paths.resolve(processed_dir))
    t1 = time.perf_counter()
    found = label_sentences(corpus.sentences)
    t2 = time.perf_counter()
    sentence_tone(corpus.sentences)
    t3 = time.perf_counter()
    thesis_candidates(corpus.sentences, found)
    t4 = time.perf_counter()
    return {
        "read_tables_s": round(t1 - t0, 2),
        "label_sentences_s": round(t2 - t1, 2),
        "sentence_tone_s": round(t3 - t2, 2),
        "thesis_candidates_s": round(t4 - t3, 2),
        "total_s": round(t4 - t0, 2),
        "sentences": float(len(corpus.sentences)),
        "words": float(corpus.articles["n_words"].sum()),
        "labels": float(len(found)),
    }


def concepts(processed_dir: str | Path) -> dict[str, float]:
    """Time the corpus-scale work of notebook 03 on a processed corpus (e.g. the movie reviews).

    Stages: reading the tables; words + lemmas; collocations; phrase occurrences; concept hits;
    the counts table; log-odds, TF-IDF and keyness against English; co-occurrence. The lemma cache
    is emptied first, so lemmatising is timed from cold.

    Returns:
        Seconds per stage, ``total (s)`` for everything after reading, and the corpus size.
    """
    lemmatize.cache_clear()
    out: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out[f"{name} (s)"] = now - clock
        clock = now

    corpus = read_tables(processed_dir)
    lap("read tables")
    start = time.perf_counter()
    words = word_table(corpus.tokens)
    lap("words and lemmas")
    phrases = find_collocations(words)
    lap("collocations")
    phrase_hits = phrase_occurrences(words, phrases)
    lap("phrase occurrences")
    hits, covered = match_concepts(words, load_concepts())
    lap("concept hits")
    table = count_table(words, phrase_hits, hits, corpus.articles.set_index("article_id")["n_words"])
    lap("counts table")
    keyness.log_odds_dirichlet(table)
    lap("log-odds z-scores")
    keyness.tfidf(table)
    lap("tf-idf")
    keyness.keyness_vs_english(table, words)
    lap("keyness vs English")
    cooccurrence(hits)
    lap("co-occurrence")
    out["total (s)"] = time.perf_counter() - start
    out["articles"] = float(len(corpus.articles))
    out["words"] = float(corpus.articles["n_words"].sum())
    return out
