"""Groups of articles compared term by term: the counts table pooled by group or by period, the
terms that set each group apart (the same log-odds as for articles, from
:mod:`utils.concepts.keyness`), two groups side by side, and concept rates over time.

A group's counts are the sums of its articles' counts; its words are the sum of their words, so
every rate here is per 1,000 words of the whole group, and every number adds up from the counts
table (``03-counts-table.csv``) and the articles' groups.

Words are bursty: a film's name comes twenty times in one review and never in the next. A test
that counts tokens as if each were drawn on its own (as the log-odds z does) then finds hundreds
of "significant" terms between two random halves of a corpus (Lijffijt et al. 2016, "Significance
testing of word frequencies in corpora", *Digital Scholarship in the Humanities* 31(2)). So each
term's z between groups is divided by the square root of its dispersion over the articles
(:func:`dispersion`, the quasi-Poisson correction), and a term leans to a group only under
Benjamini-Hochberg false-discovery control.
"""

from __future__ import annotations

import re

import pandas as pd

from utils import ingest
from utils.concepts import keyness
from utils.concepts.counts import Counts
from utils.text import plural

YEAR = re.compile(r"\b(1[5-9]\d\d|2[01]\d\d)\b")
A_YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"  # a group named for a year: "2019"


def group_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id -> group`` (:func:`utils.ingest.group_of`: articles without a group are left
    out when others have one)."""
    return ingest.group_of(articles)


def period_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id -> year`` found in the ``date`` column (articles without one are left out);
    without any date, the groups when every one is a year (sub-folders ``2019/``, ``2020/``).

    Example:
        >>> period_of(pd.DataFrame({"article_id": ["a", "b"], "date": ["2019-03-01", ""]})).to_dict()
        {'a': '2019'}
        >>> period_of(pd.DataFrame({"article_id": ["a", "b"], "date": "", "group": ["2019", "2021"]})).to_dict()
        {'a': '2019', 'b': '2021'}
    """
    year = articles["date"].fillna("").astype(str).str.extract(YEAR, expand=False)
    if year.isna().all() and "group" in articles:
        groups = articles["group"].fillna("").astype(str)
        if groups.str.fullmatch(A_YEAR).all():
            year = groups
    return pd.Series(year.to_numpy(), index=articles["article_id"]).dropna()


def dispersion(table: pd.DataFrame, unit: pd.Series) -> pd.Series:
    """How much more unevenly each word term spreads over the articles than chance would spread it.

    Within each unit (group or period), an article's expected count of term w is its share of the
    unit's counted words times the unit's count of w (mu). The term's dispersion is Pearson's X^2
    over the articles, sum((y - mu)^2 / mu), divided by its degrees of freedom (articles minus
    units), and at least 1 (McCullagh & Nelder 1989, *Generalized Linear Models*, 4.5: quasi-Poisson).
    A term used evenly scores about 1; a name used twenty times in one review scores far more. With
    one article per unit there is nothing to measure and every term scores 1.

    Args:
        table: The counts table (``Counts.table``; ``kind == "word"`` rows are used).
        unit: ``article_id -> unit``; articles it does not list are left out.

    Returns:
        ``term -> dispersion``.

    Example:
        Four articles of 100 words, two per group; x is 10 and 0 uses in group g (5 expected in
        each: X^2 = 5 + 5), 5 and 5 in group h (X^2 = 0); 10 over 4 - 2 degrees of freedom is 5:

        >>> t = pd.DataFrame({"article_id": list("aabccdd"), "kind": "word", "term": list("xyyxyxy"),
        ...                   "count": [10, 90, 100, 5, 95, 5, 95]})
        >>> dispersion(t, pd.Series({"a": "g", "b": "g", "c": "h", "d": "h"})).round(2).to_dict()
        {'x': 5.0, 'y': 1.0}
    """
    t = table[(table["kind"] == "word") & table["article_id"].isin(unit.index)]
    n_d = t.groupby("article_id")["count"].sum()
    units = unit.reindex(n_d.index)
    free = len(n_d) - units.nunique()
    terms = pd.unique(t["term"])
    if free < 1:
        return pd.Series(1.0, index=terms)
    g = t["article_id"].map(unit)
    n_g = n_d.groupby(units).sum()
    y_gw = t["count"].groupby([g, t["term"]]).transform("sum")
    mu = t["article_id"].map(n_d) * y_gw / g.map(n_g)
    x2 = (t["count"] ** 2 / mu).groupby(t["term"]).sum() - t.groupby("term")["count"].sum()
    return (x2 / free).clip(lower=1.0).reindex(terms, fill_value=1.0)


def pool(table: pd.DataFrame, unit: pd.Series) -> pd.DataFrame:
    """The counts table summed over the articles of each unit (a group or a period).

    Args:
        table: The counts table (``Counts.table``).
        unit: ``article_id -> unit``; articles it does not list are left out.

    Returns:
        The counts table's columns, with ``article_id`` holding the unit's name (so the keyness
        functions compare units as they compare articles); ``n_words`` is the unit's words; and
        ``dispersion``, the term's :func:`dispersion` over the articles (1 for phrases and
        concepts), which :func:`utils.concepts.keyness.log_odds_dirichlet` divides into its z.
    """
    t = table[table["article_id"].isin(unit.index)]
    words = t.drop_duplicates("article_id").set_index("article_id")["n_words"]
    unit_words = words.groupby(unit.reindex(words.index)).sum()
    t = t.assign(article_id=t["article_id"].map(unit))
    out = t.groupby(["article_id", "kind", "term"], sort=False).agg(
        count=("count", "sum"), surface=("surface", "first")
    )
    out = out.reset_index()
    out["n_words"] = out["article_id"].map(unit_words).astype("int64")
    out["rate"] = 1000 * out["count"] / out["n_words"]
    spread = dispersion(table, unit)
    out["dispersion"] = out["term"].map(spread).where(out["kind"] == "word", 1.0).fillna(1.0).round(3)
    return out[[*table.columns, "dispersion"]].sort_values(
        ["article_id", "kind", "count", "term"], ascending=[True, True, False, True]
    )


def group_sizes(articles: pd.DataFrame, counts: Counts) -> pd.DataFrame:
    """One row per group: articles, words, terms counted."""
    g = group_of(articles)
    a = counts.articles.assign(group=counts.articles["article_id"].map(g)).dropna(subset=["group"])
    out = a.groupby("group").agg(articles=("article_id", "size"), words=("n_words", "sum"), terms=("n_terms", "sum"))
    return out.reset_index()


def distinctive_terms(pooled: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """Each group's most distinctive terms against the other groups (log-odds, highest z first).

    Returns:
        ``group, term`` (its most frequent written form), ``uses``, ``uses in the other
        groups``, ``z`` (one decimal) for the top ``n`` terms of each group that pass the
        significance line (fewer when fewer pass).
    """
    stats = keyness.log_odds_dirichlet(pooled)
    top = stats[stats["significant"] & (stats["z"] > 0)].groupby("article_id", sort=False).head(n)
    return pd.DataFrame(
        {
            "group": top["article_id"],
            "term": top["surface"],
            "uses": top["count"],
            "uses in the other groups": top["rest"],
            "z": top["z"].round(1),
        }
    ).reset_index(drop=True)


def two_groups(pooled: pd.DataFrame, a: str, b: str, *, min_count: int = 5, fdr: float = keyness.FDR) -> pd.DataFrame:
    """Every word term of groups ``a`` and ``b`` side by side: counts and rates per 1,000 words in
    each, and the log-odds z of ``a`` against ``b`` (positive: more typical of ``a``), divided by
    the square root of the term's ``dispersion`` over the articles when the pooled table has it.

    Only terms used at least ``min_count`` times in the two groups together are kept (rarer
    terms cannot be told apart from chance and would bury the chart). ``significant``: the
    Benjamini-Hochberg q over the terms compared is at most ``fdr``.

    Returns:
        ``term, surface, count_a, count_b, rate_a, rate_b, dispersion, z, p, q, significant``, by z
        (highest first).
    """
    pair = pooled[pooled["article_id"].isin([a, b]) & (pooled["kind"] == "word")]
    stats = keyness.log_odds_dirichlet(pair, min_count=1)
    z = stats[stats["article_id"] == a].set_index("term")["z"]
    z_b = stats[stats["article_id"] == b].set_index("term")["z"]
    wide = pair.pivot_table(index="term", columns="article_id", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[a, b], fill_value=0)
    words = pair.drop_duplicates("article_id").set_index("article_id")["n_words"]
    out = pd.DataFrame({"count_a": wide[a], "count_b": wide[b]})
    out = out[out["count_a"] + out["count_b"] >= min_count]
    out["rate_a"] = 1000 * out["count_a"] / words.get(a, 1)
    out["rate_b"] = 1000 * out["count_b"] / words.get(b, 1)
    spread = pair.drop_duplicates("term").set_index("term")["dispersion"] if "dispersion" in pair else None
    out["dispersion"] = spread.reindex(out.index).fillna(1.0) if spread is not None else 1.0
    # a term only one group uses has a z in that group's rows only: the other side is its mirror
    out["z"] = z.reindex(out.index).fillna(-z_b.reindex(out.index)).fillna(0.0)
    out["p"] = keyness.two_sided_p(out["z"].to_numpy())
    out["q"] = keyness.benjamini_hochberg(out["p"].to_numpy())
    out["significant"] = out["q"] <= fdr
    surface = pair.drop_duplicates("term").set_index("term")["surface"]
    out.insert(0, "surface", surface.reindex(out.index))
    return out.sort_values(["z", "count_a"], ascending=[False, False]).rename_axis("term").reset_index()


def side_table(pair: pd.DataFrame, a: str, b: str, *, n: int = 25) -> pd.DataFrame:
    """The ``n`` terms most typical of each of two groups (from :func:`two_groups`), side by side,
    each with its uses in that group and its z in that group's favour."""
    top_a = pair[pair["significant"] & (pair["z"] > 0)].head(n)
    top_b = pair[pair["significant"] & (pair["z"] < 0)].sort_values("z").head(n)

    def column(rows: pd.DataFrame, count: str, sign: int) -> list[str]:
        return [f"{s} ({c:,} uses; z {sign * z:.1f})" for s, c, z in zip(rows["surface"], rows[count], rows["z"])]

    left, right = column(top_a, "count_a", 1), column(top_b, "count_b", -1)
    size = max(len(left), len(right))
    return pd.DataFrame(
        {
            "rank": range(1, size + 1),
            f"more typical of {a}": left + [""] * (size - len(left)),
            f"more typical of {b}": right + [""] * (size - len(right)),
        }
    )


def two_group_title(pair: pd.DataFrame, a: str, b: str) -> str:
    """The chart's finding: how many terms lean significantly each way, and the strongest of each."""
    sig_a, sig_b = pair[pair["significant"] & (pair["z"] > 0)], pair[pair["significant"] & (pair["z"] < 0)]
    first = lambda rows: f" (most: {rows['surface'].iloc[0]})" if len(rows) else ""  # noqa: E731
    if sig_a.empty and sig_b.empty:
        return f"No term sets {a} and {b} apart beyond chance ({len(pair):,} compared)"
    return (
        f"{plural(len(sig_a), 'term')} {'is' if len(sig_a) == 1 else 'are'} more typical of {a}{first(sig_a)}, "
        f"{len(sig_b):,} of {b}{first(sig_b.sort_values('z'))}, of {len(pair):,} compared"
    )


def concept_trends(pooled: pd.DataFrame, *, top: int = 6) -> pd.DataFrame:
    """Concept rates per 1,000 words in each period (rows: periods in order; columns: the ``top``
    concepts most used over all periods)."""
    rows = pooled[pooled["kind"] == "concept"]
    m = rows.pivot_table(index="article_id", columns="term", values="rate", aggfunc="sum", fill_value=0.0)
    order = rows.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable").index[:top]
    m = m.reindex(columns=order, fill_value=0.0).sort_index()
    m.index.name, m.columns.name = "period", None
    return m.round(2)


def trend_drivers(table: pd.DataFrame, periods: pd.Series, trends: pd.DataFrame) -> pd.DataFrame:
    """For each period and concept of ``trends``, the share of the period's uses that its one
    most-using article gives (1.0: a single article makes the point; small: the period's articles
    share it), from the counts table and ``article_id -> period``.

    Example:
        >>> t = pd.DataFrame({"article_id": ["a", "b", "c"], "kind": "concept", "term": "cost", "count": [9, 1, 5]})
        >>> trends = pd.DataFrame({"cost": [1.0, 0.5]}, index=pd.Index(["2019", "2020"], name="period"))
        >>> trend_drivers(t, pd.Series({"a": "2019", "b": "2019", "c": "2020"}), trends)["cost"].tolist()
        [0.9, 1.0]
    """
    rows = table[
        (table["kind"] == "concept") & table["term"].isin(trends.columns) & table["article_id"].isin(periods.index)
    ]
    rows = rows.assign(period=rows["article_id"].map(periods))
    by = rows.groupby(["period", "term"])["count"]
    share = (by.max() / by.sum()).unstack()
    share = share.reindex(index=trends.index, columns=trends.columns).fillna(0.0)
    share.index.name, share.columns.name = "period", None
    return share.round(3)


def largest_two(sizes: pd.DataFrame) -> tuple[str, str]:
    """The two groups with the most articles (ties: alphabetical)."""
    s = sizes.sort_values(["articles", "group"], ascending=[False, True], kind="stable")
    return str(s["group"].iloc[0]), str(s["group"].iloc[1])
