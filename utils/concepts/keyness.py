"""Distinctive terms: what sets each article apart, with statistics that say how sure we can be.

All three measures read the counts table of :func:`utils.concepts.count_corpus` (``kind`` =
``word`` rows, i.e. lemmas that are not stopwords), so they count exactly what the charts count.

- :func:`log_odds_dirichlet`: each article against all the others, log-odds ratio with an
  informative Dirichlet prior and its z-score (Monroe, Colaresi & Quinn 2008, "Fightin' Words",
  *Political Analysis* 16(4), eq. 16-22). The prior is general English (wordfreq), scaled to a
  tenth of the corpus; with hundreds of terms tested, a term counts as distinctive only under
  Benjamini-Hochberg false-discovery control (5 %).
- :func:`tfidf`: term frequency x smoothed inverse document frequency (as scikit-learn's default).
- :func:`keyness_vs_english`: each article against general English (wordfreq's frequency list),
  log-likelihood G² with the reference taken as exact (Rayson & Garside 2000 cut-offs: 3.84 is
  p < 0.05, 15.13 is p < 0.0001) and the log ratio (Hardie 2014) as effect size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from utils.concepts import counts as concepts

Z_THRESHOLD = 1.96  # two-sided p < 0.05 for one term
FDR = 0.05  # Benjamini-Hochberg false-discovery rate for log-odds terms
MIN_COUNT = 3  # below this, an article's count is flagged as too small to mean much
MIN_ARTICLE_TERMS = 300  # an article with fewer non-stopword words gives fragile statistics


def _word_rows(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["kind"] == "word"][["article_id", "term", "surface", "count", "n_words"]]


def background_prior(terms: pd.Series, corpus_counts: pd.Series, *, mix: float = 0.5) -> np.ndarray:
    """Each term's share of a background: general-English frequency (wordfreq), renormalised over
    the terms present, mixed with a little of the corpus share so terms missing from English
    (names, coinages) still get a prior (half and half by default).

    Args:
        terms: The terms (lemmas).
        corpus_counts: Each term's count in the whole corpus, aligned with ``terms``.
        mix: Weight of the corpus share (0 = English only).
    """
    uniq = pd.unique(terms)
    freq = concepts.english_frequency([str(t) for t in uniq])
    eng = terms.map(freq).fillna(0.0).to_numpy(float)
    per_term = pd.Series(eng, index=terms.to_numpy()).groupby(level=0).first()
    eng_share = eng / max(float(per_term.sum()), 1e-12)
    cc = corpus_counts.to_numpy(float)
    corpus_share = cc / max(float(corpus_counts.groupby(terms.to_numpy()).first().sum()), 1e-12)
    return (1 - mix) * eng_share + mix * corpus_share


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values): reject where q <= the chosen false-discovery rate.

    Example:
        >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.20])).round(3).tolist()
        [0.04, 0.053, 0.053, 0.2]
    """
    p = np.asarray(p, dtype=float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(q, 1.0)
    return out


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """Two-sided p-values of z-scores under the standard normal."""
    return np.array([math.erfc(abs(v) / math.sqrt(2)) for v in z], dtype=float)


def log_odds_dirichlet(
    table: pd.DataFrame,
    *,
    prior: str = "background",
    prior_scale: float = 1.0,
    prior_weight: float | None = None,
    fdr: float = FDR,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior, each article (or group) against the rest.

    For term w, article i (count y_i, total n_i) and the other articles j (y_j, n_j), with prior
    pseudo-counts a_w and a_0 = the sum of a_w:

        delta = ln[(y_i + a_w) / (n_i + a_0 - y_i - a_w)] - ln[(y_j + a_w) / (n_j + a_0 - y_j - a_w)]
        var   = 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z     = delta / sqrt(var)

    ``prior="background"`` (default): a_w = a_0 x w's share of general English
    (:func:`background_prior`), with a_0 = ``prior_weight`` (default: a tenth of the corpus's
    words), so the prior smooths rare counts without swamping the corpus. ``prior="corpus"``:
    a_w = ``prior_scale`` x w's count in the whole corpus (Monroe et al.'s choice; heavy shrinkage).
    Totals n are the article's non-stopword words; only terms the article uses are scored.

    When the table has a ``dispersion`` column (groups pooled by :func:`utils.concepts.groups.pool`),
    each z is divided by the square root of its term's dispersion over the articles: a term that
    one article repeats is weaker evidence about its group than the same count spread evenly.

    Each z gets a two-sided p-value, and ``q`` is its Benjamini-Hochberg adjustment over every
    article-term pair tested; ``significant`` means ``q <= fdr`` (at most a share ``fdr`` of the
    terms passing are expected to be false discoveries).

    Args:
        table: The counts table (``kind == "word"`` rows); ``article_id`` may hold group names.
        prior: ``"background"`` or ``"corpus"``.
        prior_scale: For ``prior="corpus"``: multiplies the corpus counts.
        prior_weight: For ``prior="background"``: the prior's total pseudo-count a_0.
        fdr: The false-discovery rate.
        min_count: Rows with a count below this are flagged ``low_count``.

    Returns:
        Columns ``article_id, term, surface, count, rest, delta, z, p, q, significant, low_count``,
        highest z first within each article. Empty when there are fewer than two articles.
    """
    t = _word_rows(table)
    cols = ["article_id", "term", "surface", "count", "rest", "delta", "z", "p", "q", "significant", "low_count"]
    if t["article_id"].nunique() < 2:
        return pd.DataFrame(columns=cols)
    total_w = t.groupby("term")["count"].sum()
    n_i = t.groupby("article_id")["count"].sum()
    big_n = float(total_w.sum())
    y_i = t["count"].to_numpy(float)
    pooled = t["term"].map(total_w)
    y_j = pooled.to_numpy(float) - y_i
    if prior == "corpus":
        a_w = prior_scale * pooled.to_numpy(float)
        a_0 = prior_scale * big_n
    elif prior == "background":
        a_0 = float(prior_weight) if prior_weight is not None else 0.1 * big_n
        a_w = a_0 * background_prior(t["term"], pooled)
    else:
        raise ValueError(f"prior must be 'background' or 'corpus', not {prior!r}")
    ni = t["article_id"].map(n_i).to_numpy(float)
    nj = big_n - ni
    delta = np.log((y_i + a_w) / (ni + a_0 - y_i - a_w)) - np.log((y_j + a_w) / (nj + a_0 - y_j - a_w))
    z = delta / np.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    if "dispersion" in table:
        spread = table.loc[t.index, "dispersion"].to_numpy(float)
        z = z / np.sqrt(np.where(np.isfinite(spread) & (spread > 1), spread, 1.0))
    p = two_sided_p(z)
    q = benjamini_hochberg(p)
    out = t.assign(
        rest=y_j.astype("int64"),
        delta=delta,
        z=z,
        p=p,
        q=q,
        significant=q <= fdr,
        low_count=t["count"] < min_count,
    )
    return out.sort_values(["article_id", "z", "term"], ascending=[True, False, True], kind="stable")[cols].reset_index(
        drop=True
    )


def tfidf(table: pd.DataFrame) -> pd.DataFrame:
    """TF-IDF of each article's words.

    tf = count / the article's non-stopword words; idf = ln((1 + N) / (1 + df)) + 1 with N
    articles and df the number of articles using the term (scikit-learn's smoothed default, so a
    term in every article still weighs 1, not 0).

    Returns:
        Columns ``article_id, term, surface, count, df, tfidf``, highest first within each article.
    """
    t = _word_rows(table).copy()
    n_docs = t["article_id"].nunique()
    df = t.groupby("term")["article_id"].nunique()
    t["df"] = t["term"].map(df).astype("int64")
    tf = t["count"] / t["article_id"].map(t.groupby("article_id")["count"].sum())
    t["tfidf"] = tf * (np.log((1 + n_docs) / (1 + t["df"])) + 1)
    t = t.sort_values(["article_id", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    return t[["article_id", "term", "surface", "count", "df", "tfidf"]].reset_index(drop=True)


def english_reference(processed_dir: str | Path) -> Callable[[list[str]], dict[str, float]]:
    """:func:`utils.concepts.english_frequency`, answered from notebook 01's ``lemmas.csv`` for
    the forms it lists (so the 320,000-word English list is not loaded again) and looked up in
    wordfreq for any other form."""
    saved = concepts.read_english(processed_dir)

    def lookup(forms: list[str]) -> dict[str, float]:
        missing = [f for f in forms if f not in saved]
        found = concepts.english_frequency(missing) if missing else {}
        return {f: saved[f] if f in saved else found[f] for f in forms}

    return lookup


def keyness_vs_english(
    table: pd.DataFrame,
    words: pd.DataFrame,
    *,
    reference: Mapping[str, float] | Callable[[list[str]], Mapping[str, float]] | None = None,
    min_count: int = MIN_COUNT,
    floor: float = 1e-8,
) -> pd.DataFrame:
    """Each article's words against general English.

    A term is a lemma, while wordfreq lists word forms, so a lemma's reference frequency f is the
    sum of the reference frequencies of the forms of it seen in the corpus (``customers`` +
    ``customer``). With n the article's words (stopwords included, as in general English), the
    expected count is E = f n, and

        G² = 2 (a ln(a / E) - (a - E))       (a = observed count; the reference is taken as exact)
        log ratio = log2((a / n) / f)        (1 = twice as frequent as in general English)

    Args:
        table: The counts table (``kind == "word"`` rows).
        words: The word table of :func:`utils.concepts.word_table` (for the forms of each lemma).
        reference: Form -> frequency, or a function giving that for a list of forms
            (default :func:`utils.concepts.english_frequency`).
        min_count: Rows with a count below this are flagged ``low_count``.
        floor: Frequency used for forms missing from the reference (flagged ``not_in_reference``).

    Returns:
        Columns ``article_id, term, surface, count, expected, g2, log_ratio, not_in_reference,
        low_count``, highest G² of over-used terms first within each article.
    """
    t = _word_rows(table).copy()
    forms = words.loc[words["is_term"], ["lemma", "form"]].drop_duplicates()
    lookup = reference if reference is not None else concepts.english_frequency
    freq = lookup(forms["form"].tolist()) if callable(lookup) else lookup
    forms = forms.assign(f=forms["form"].map(lambda f: freq.get(f, 0.0)))
    per_lemma = forms.groupby("lemma")["f"].sum()
    f = t["term"].map(per_lemma).fillna(0.0).to_numpy(float)
    t["not_in_reference"] = f <= 0
    f = np.where(f > 0, f, floor)
    a, n = t["count"].to_numpy(float), t["n_words"].to_numpy(float)
    e = f * n
    t["expected"] = e
    t["g2"] = np.sign(a - e) * 2 * (a * np.log(a / e) - (a - e))
    t["log_ratio"] = np.log2((a / n) / f)
    t["low_count"] = t["count"] < min_count
    t = t.sort_values(["article_id", "g2", "term"], ascending=[True, False, True], kind="stable")
    return t[
        ["article_id", "term", "surface", "count", "expected", "g2", "log_ratio", "not_in_reference", "low_count"]
    ].reset_index(drop=True)


def top_per_article(stats: pd.DataFrame, *, by: str, n: int = 8, min_count: int = 1) -> pd.DataFrame:
    """The ``n`` highest rows by ``by`` in each article, keeping only counts >= ``min_count``."""
    s = stats[stats["count"] >= min_count].sort_values(
        ["article_id", by, "term"], ascending=[True, False, True], kind="stable"
    )
    return s.groupby("article_id", sort=False).head(n).reset_index(drop=True)


def summarise_top(stats: pd.DataFrame, *, by: str, n: int = 6, min_count: int = 1, digits: int = 1) -> pd.DataFrame:
    """One line per article: its ``n`` highest terms by ``by``, as ``surface (value)``.

    Example:
        A row ``003 | optimising (2.3), organisation (2.3), …`` for ``by="z"``.
    """
    top = top_per_article(stats, by=by, n=n, min_count=min_count)
    shown = [f"{s} ({v:.{digits}f})" for s, v in zip(top["surface"], top[by])]
    text = top.assign(s=shown).groupby("article_id", sort=False)["s"].agg(", ".join)
    return text.rename("terms").reset_index()


def small_count_warnings(
    articles: pd.DataFrame, logodds: pd.DataFrame, *, min_terms: int = MIN_ARTICLE_TERMS, min_count: int = MIN_COUNT
) -> list[str]:
    """Plain-language warnings where counts are too small for the statistics to mean much.

    Args:
        articles: ``Counts.articles`` (``article_id, n_terms``).
        logodds: From :func:`log_odds_dirichlet`.

    Returns:
        One sentence per problem (empty when there is none).
    """
    out = []
    if len(articles) < 2:
        out.append("Only one article: there is nothing to compare it with, so no log-odds or TF-IDF is shown.")
    short = articles[articles["n_terms"] < min_terms]
    if len(short):
        out.append(
            f"{len(short):,} of {len(articles):,} articles have fewer than {min_terms} non-stopword words "
            f"({', '.join(short['article_id'].head(10))}{'…' if len(short) > 10 else ''}): a single extra use of a word moves their z-scores a lot."
        )
    sig = logodds[logodds["significant"] & (logodds["z"] > 0)]
    if len(logodds):
        low = int(sig["low_count"].sum())
        if low:
            out.append(
                f"{low} of the {len(sig)} distinctive terms are used fewer than {min_count} times "
                "in their article: treat them as hints, not findings (they are drawn pale)."
            )
        total = len(logodds)
        by_chance = int((logodds["p"] < 0.05).sum()) if "p" in logodds else 0
        out.append(
            f"{total} article-term pairs were tested. {by_chance} reach p < 0.05 one at a time, which is what "
            f"chance alone gives at this many tests; after false-discovery control ({FDR:.0%}) {len(sig)} count "
            f"as distinctive, of which at most about {math.ceil(FDR * len(sig))} may be flukes."
        )
    return out
