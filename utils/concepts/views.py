"""Views of the counts table: the tables behind each chart of notebook 03, keyword in context,
and the one-line findings used as chart titles.

Everything here reads a :class:`utils.concepts.Counts` (counted once by
:func:`utils.concepts.count_corpus`); nothing counts again.
"""

from __future__ import annotations

import pandas as pd

from utils.concepts.counts import Counts, match_lexicon, most_frequent_surface, span_rows, term_words


def count_summary(counts: Counts) -> pd.DataFrame:
    """One row per article: words, terms counted (non-stopwords), distinct terms, phrase uses and
    concept hits, with the share of terms a concept covers."""
    t = counts.table
    by_kind = t.groupby(["article_id", "kind"])["count"].sum().unstack(fill_value=0)
    w = counts.words[counts.words["is_term"]]
    out = counts.articles[["article_id", "n_words", "n_terms"]].rename(
        columns={"n_words": "words", "n_terms": "terms counted"}
    )
    out["distinct terms"] = out["article_id"].map(w.groupby("article_id")["lemma"].nunique()).fillna(0).astype("int64")
    for kind, name in (("phrase", "phrase uses"), ("concept", "concept hits")):
        col = by_kind[kind] if kind in by_kind else pd.Series(dtype="int64")
        out[name] = out["article_id"].map(col).fillna(0).astype("int64")
    covered = w.groupby("article_id")["covered"].mean()
    out["terms inside a concept hit (%)"] = out["article_id"].map(100 * covered).fillna(0).round(0).astype("int64")
    return out.reset_index(drop=True)


LOW_FIT = 10.0  # % of counted terms inside a concept hit below which the lexicon fits the corpus poorly


def lexicon_fit(counts: Counts, *, low: float = LOW_FIT) -> str:
    """A warning when the concept lexicon covers few of the corpus's counted terms, as when it was
    written for other texts (the seeds: 31% of terms; 2,000 movie reviews: 2%); "" otherwise."""
    w = counts.words[counts.words["is_term"]]
    share = 100 * float(w["covered"].mean()) if len(w) else 0.0
    if share >= low:
        return ""
    return (
        f"Only {share:.0f}% of the terms counted here fall inside a concept of data/lexicons/concepts.yaml "
        f"(under {low:.0f}%): the lexicon was written for other texts, so the concept charts below describe a "
        "small part of these articles. The term charts (most frequent and distinctive terms, word clouds) "
        'describe them better; the frequent terms no concept covers are listed under "The lexicon, and what '
        'it misses", as candidates for concepts of your own.'
    )


def repeated_sentences(sentences: pd.DataFrame, *, min_words: int = 4) -> pd.DataFrame:
    """Sentences an article repeats word for word (pull quotes, copy-paste): they count twice.

    Returns:
        Columns ``article_id, times, sentence_ids, text`` for sentences of at least ``min_words``
        words that occur more than once in the same article.
    """
    s = sentences[sentences["n_words"] >= min_words]
    g = s.groupby(["article_id", "text"], sort=False)["sentence_id"].agg(list).reset_index()
    g = g[g["sentence_id"].map(len) > 1]
    return pd.DataFrame(
        {
            "article_id": g["article_id"],
            "times": g["sentence_id"].map(len),
            "sentence_ids": g["sentence_id"].map(", ".join),
            "text": g["text"],
        }
    ).reset_index(drop=True)


def concept_matrix(counts: Counts, *, value: str = "rate") -> pd.DataFrame:
    """Concept x article matrix of ``rate`` or ``count``, from the counts table.

    Every lexicon concept and every article has a row/column (zeros included). Concepts are
    ordered by their rate in the whole corpus, highest first.
    """
    rows = counts.table[counts.table["kind"] == "concept"]
    ids = counts.articles["article_id"].tolist()
    m = rows.pivot_table(index="term", columns="article_id", values=value, aggfunc="sum", fill_value=0)
    m = m.reindex(index=counts.concepts["concept"], columns=ids, fill_value=0)
    total = (
        counts.table[counts.table["kind"] == "concept"].groupby("term")["count"].sum().reindex(m.index, fill_value=0)
    )
    m = m.loc[total.sort_values(ascending=False, kind="stable").index]
    m.index.name, m.columns.name = "concept", "article_id"
    return m.astype("int64") if value == "count" else m


def top_terms(
    counts: Counts, *, article_id: str | None = None, kinds: tuple[str, ...] = ("word", "phrase"), n: int = 20
) -> pd.DataFrame:
    """The most frequent terms of one article, or of the corpus when ``article_id`` is None.

    This is the one selection both :func:`utils.concepts_plots.plot_top_terms` and the word
    clouds draw, so the bar chart and the cloud can never disagree.

    Returns:
        Columns ``term, surface, kind, count, rate`` (rate per 1,000 words), most frequent
        first (ties by term).
    """
    t = counts.table[counts.table["kind"].isin(kinds)]
    if article_id is not None:
        t = t[t["article_id"] == article_id]
        total = counts.articles.set_index("article_id").at[article_id, "n_words"]
    else:
        total = counts.articles["n_words"].sum()
    g = t.groupby(["term", "surface", "kind"], as_index=False)["count"].sum()
    g["rate"] = 1000 * g["count"] / total if total else 0.0
    return g.sort_values(["count", "term"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def top_concepts(counts: Counts, *, n: int = 5) -> pd.DataFrame:
    """The ``n`` concepts with the highest rate in each article (ties by concept name).

    Returns:
        Columns ``article_id, rank, concept, count, rate``.
    """
    t = counts.table[counts.table["kind"] == "concept"].rename(columns={"term": "concept"})
    t = t.sort_values(["article_id", "rate", "concept"], ascending=[True, False, True], kind="stable")
    t = t.groupby("article_id", sort=False).head(n).copy()
    t["rank"] = t.groupby("article_id", sort=False).cumcount() + 1
    return t[["article_id", "rank", "concept", "count", "rate"]].reset_index(drop=True)


def concept_summary(counts: Counts) -> pd.DataFrame:
    """The lexicon with what it found: definition, hits, articles, and the forms seen."""
    h = counts.hits
    seen = (
        h.assign(s=h["surface"].str.lower())
        .groupby("concept")["s"]
        .agg(lambda s: ", ".join(s.value_counts().index[:6]))
    )
    out = counts.concepts[["concept", "definition"]].copy()
    out["hits"] = out["concept"].map(h.groupby("concept").size()).fillna(0).astype("int64")
    out["articles"] = out["concept"].map(h.groupby("concept")["article_id"].nunique()).fillna(0).astype("int64")
    out["forms seen (most frequent first)"] = out["concept"].map(seen).fillna("")
    return out


def uncovered_terms(counts: Counts, *, top: int = 25) -> pd.DataFrame:
    """Frequent terms whose occurrences no concept covers: candidates for the lexicon.

    Returns:
        Columns ``term, surface, uncovered, total, articles`` (uncovered occurrences, all
        occurrences, articles using it uncovered), most uncovered first.
    """
    # the four columns first, then the rows: filtering all twelve columns of 1.3 million words
    # (2,000 reviews) took 137 MB at once
    w = counts.words.loc[counts.words["is_term"], ["lemma", "token", "article_id", "covered"]]
    free = w.loc[~w["covered"], ["lemma", "article_id"]]
    out = free.groupby("lemma").agg(uncovered=("lemma", "size"), articles=("article_id", "nunique"))
    out["total"] = w.groupby("lemma").size().reindex(out.index)
    out["surface"] = most_frequent_surface(w["lemma"], w["token"]).reindex(out.index)
    out = (
        out.rename_axis("term")
        .reset_index()
        .sort_values(["uncovered", "articles", "term"], ascending=[False, False, True], kind="stable")
    )
    return out[["term", "surface", "uncovered", "total", "articles"]].head(top).reset_index(drop=True)


def dispersion_table(counts: Counts, *, concepts: list[str]) -> pd.DataFrame:
    """Where chosen concepts occur: one row per hit with its relative position in the article.

    Args:
        counts: From :func:`count_corpus`.
        concepts: Concept names (from the lexicon); unknown names raise ``ValueError``.

    Returns:
        Columns ``article_id, concept, sentence_id, word_index, position`` (0 = first word,
        1 = last word of the article).
    """
    unknown = sorted(set(concepts) - set(counts.concepts["concept"]))
    if unknown:
        raise ValueError(f"unknown concept(s) {unknown}; choose from {counts.concepts['concept'].tolist()}")
    h = counts.hits[counts.hits["concept"].isin(concepts)]
    n = h["article_id"].map(counts.articles.set_index("article_id")["n_words"])
    out = h[["article_id", "concept", "sentence_id", "word_index"]].assign(
        position=h["word_index"] / (n - 1).clip(lower=1)
    )
    return out.reset_index(drop=True)


def used_concepts(counts: Counts) -> list[str]:
    """The lexicon's concepts this corpus uses, most hits first (ties in lexicon order)."""
    n = counts.hits["concept"].value_counts()
    order = {c: i for i, c in enumerate(counts.concepts["concept"])}
    return sorted(n.index, key=lambda c: (-n[c], order.get(c, len(order))))


def choose_concepts(counts: Counts, wanted: list[str], *, n: int | None = None) -> tuple[list[str], str]:
    """The concepts a chart shows: those asked for that this corpus uses, topped up with its most
    used concepts (so a setting chosen for one corpus still shows something on another).

    Args:
        counts: From :func:`count_corpus`.
        wanted: Concept names from the notebook's settings.
        n: How many to show (default: as many as asked for).

    Returns:
        The concepts, and a sentence for the reader naming any that were swapped ("" when none):
        "‘courage’ does not occur in these articles; shown instead: ‘service’."
    """
    n = len(wanted) if n is None else n
    used = used_concepts(counts)
    kept = [c for c in wanted if c in used][:n]
    missing = [c for c in wanted if c not in used]
    extra = [c for c in used if c not in kept][: n - len(kept)]
    if not missing:
        return kept, ""
    note = f"{', '.join(map(_q, missing))} {'does' if len(missing) == 1 else 'do'} not occur in these articles"
    note += f"; shown instead: {', '.join(map(_q, extra))}." if extra else "."
    return kept + extra, note


def choose_query(counts: Counts, sentences: pd.DataFrame, query: str) -> tuple[str, str]:
    """The keyword-in-context query: the one asked for, or, when it never occurs here, the
    corpus's most used concept, with a sentence saying so ("" when the query was kept)."""
    if not kwic(counts, sentences, query=query, limit=1).empty:
        return query, ""
    used = used_concepts(counts)
    if not used:
        return query, ""
    top = used[0]
    return top, f"{_q(query)} does not occur in these articles; shown instead: the most used concept, {_q(top)}."


def kwic(
    counts: Counts, sentences: pd.DataFrame, *, query: str, width: int = 60, limit: int | None = None
) -> pd.DataFrame:
    """Keyword in context for a concept name or any word or phrase.

    A query equal to a concept name shows that concept's hits; anything else is matched like a
    lexicon term (each word against the form or the lemma, ``*`` for any ending).

    Args:
        counts: From :func:`count_corpus`.
        sentences: The processed ``sentences`` table.
        query: A concept name, a word (``leader``) or a phrase (``sense of urgency``).
        width: Characters of context kept on each side (within the sentence).
        limit: Keep at most this many lines.

    Returns:
        Columns ``article_id, sentence_id, left, match, right``, in text order.
    """
    q = query.strip().lower()
    if q in set(counts.concepts["concept"]):
        spans = counts.hits[counts.hits["concept"] == q]
    else:
        kept = match_lexicon(counts.words, [(q, q, term_words(q))]) if term_words(q) else []
        spans = span_rows(counts.words, [(r, n) for r, n, _ in kept], {})
    spans = spans.head(limit) if limit else spans
    sent = sentences.set_index("sentence_id")[["start", "text"]]
    rows = []
    for s in spans.itertuples():
        base, text = sent.at[s.sentence_id, "start"], sent.at[s.sentence_id, "text"]
        a, b = s.start - base, s.end - base
        left, right = text[max(0, a - width) : a], text[b : b + width]
        rows.append(
            {
                "article_id": s.article_id,
                "sentence_id": s.sentence_id,
                "left": ("…" if a > width else "") + " ".join(left.split()),
                "match": text[a:b],
                "right": " ".join(right.split()) + ("…" if b + width < len(text) else ""),
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "left", "match", "right"])


def term_labels(terms: pd.DataFrame) -> pd.Series:
    """The label each term is shown with: its surface form, plus the lemma when two terms share it.

    Both the bar charts and the word clouds label terms with this, so they name them the same way.
    """
    dup = terms["surface"].str.lower().duplicated(keep=False)
    return terms["surface"].where(~dup, terms["surface"] + " (" + terms["term"] + ")")


def cloud_table(counts: Counts, *, n: int = 50, max_articles: int = 12) -> pd.DataFrame:
    """The terms of every word-cloud panel: the corpus, then each article (at most ``max_articles``;
    a one-article corpus has the article's panel only).

    Each panel is :func:`top_terms` of that panel, so a cloud and a bar chart of the same panel
    show the same counts.

    Returns:
        Columns ``panel`` (``all articles`` or an article id), ``term, surface, kind, count, rate,
        label``.
    """
    ids = counts.articles["article_id"].head(max_articles).tolist()
    # one article: its cloud is the corpus's, so it is drawn once
    panels = ([(None, "all articles")] if len(counts.articles) > 1 else []) + [(a, a) for a in ids]
    frames = [top_terms(counts, article_id=a, n=n).assign(panel=name) for a, name in panels]
    out = pd.concat(frames, ignore_index=True)
    out["label"] = pd.concat([term_labels(f) for f in frames], ignore_index=True)
    return out[["panel", "term", "surface", "kind", "count", "rate", "label"]]


# ---------------------------------------------------------------- findings for chart titles


def _q(text: str) -> str:
    return f"‘{text}’"


def headline_clouds(clouds: pd.DataFrame, *, n: int) -> str:
    """The title of the word clouds: of the corpus and each article, or of the one article."""
    panels = list(dict.fromkeys(clouds["panel"]))
    if "all articles" in panels or len(panels) != 1:
        return f"The {n} most frequent terms of the corpus and of each article"
    return f"The {n} most frequent terms of {panels[0]}"


def headline_heatmap(rates: pd.DataFrame) -> str:
    """The densest concept-article cell and the concept found in the most articles."""
    if rates.empty or float(rates.to_numpy().max()) == 0:
        return "No concept of the lexicon occurs in these articles"
    concept, article = rates.stack().idxmax()
    everywhere = int(((rates > 0).sum(axis=1) == rates.shape[1]).sum())
    spread = (
        f"{everywhere} of {rates.shape[0]} concepts occur in every article"
        if rates.shape[1] > 1
        else f"it uses {everywhere} of the lexicon's {rates.shape[0]} concepts"
    )
    return f"{_q(concept)} is densest in {article} ({rates.at[concept, article]:.0f} per 1,000 words); {spread}"


def headline_top_concepts(top: pd.DataFrame, *, n: int = 3) -> str:
    """The concept most often among the ``n`` densest of an article."""
    best = top[top["rank"] <= n]
    if best.empty:
        return "No concept of the lexicon occurs in these articles"
    # most articles first; among those, the best mean rank (the densest), so one article's title names its top concept
    by = best.groupby("concept").agg(articles=("article_id", "nunique"), rank=("rank", "mean"))
    by = by.sort_values(["articles", "rank"], ascending=[False, True], kind="stable")
    concept, articles = by.index[0], int(by["articles"].iloc[0])
    total = top["article_id"].nunique()
    if total == 1:
        return f"{_q(concept)} is the densest concept in {top['article_id'].iloc[0]}"
    return f"{_q(concept)} is among the {n} densest concepts in {articles} of {total} articles"


def headline_top_terms(terms: pd.DataFrame) -> str:
    """The most frequent term and its rate."""
    if terms.empty:
        return "No terms left after removing stopwords"
    t = terms.iloc[0]
    return f"{_q(t['surface'])} is the most frequent term ({t['count']} uses, {t['rate']:.0f} per 1,000 words)"


def headline_dispersion(disp: pd.DataFrame, *, concepts: list[str], n_articles: int) -> str:
    """How many articles each chosen concept reaches."""
    reach = disp.groupby("concept")["article_id"].nunique().reindex(concepts, fill_value=0)
    parts = [f"{_q(c)} in {k}" for c, k in reach.sort_values(ascending=False, kind="stable").items()]
    return "Articles where each concept occurs (of " + str(n_articles) + "): " + ", ".join(parts)


def headline_cooccurrence(matrix: pd.DataFrame) -> str:
    """The pair of concepts that share the most sentences."""
    if matrix.shape[0] < 2:
        return "Fewer than two concepts occur, so nothing co-occurs"
    m = matrix.copy()
    for c in m.index:
        m.at[c, c] = -1
    a, b = m.stack().idxmax()
    return f"{_q(a)} and {_q(b)} share the most sentences ({matrix.at[a, b]})"


def headline_distinctive(logodds: pd.DataFrame, *, threshold: float) -> str:
    """How many terms pass the threshold, and the strongest."""
    if logodds.empty:
        return "Distinctive terms need at least two articles"
    sig = logodds[logodds["z"] > threshold]
    top = logodds.loc[logodds["z"].idxmax()]
    return f"{len(sig)} terms pass z > {threshold}; the strongest is {_q(top['surface'])} in {top['article_id']} (z = {top['z']:.1f})"


def heatmap_table(rates: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The heatmap's data in long form: ``concept, article_id, count, rate`` (for the CSV)."""
    long = counts.stack().rename("count").to_frame().join(rates.stack().rename("rate").round(3))
    return long.reset_index()


def article_titles(counts: Counts) -> dict[str, str]:
    """Article id -> title, in corpus order (for chart panel titles)."""
    return dict(zip(counts.articles["article_id"], counts.articles["title"]))
