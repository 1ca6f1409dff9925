"""Groups of articles compared term by term: the counts table pooled by group or by period, the
terms that set each group apart (the same log-odds as for articles, from
:mod:`utils.concepts.keyness`), two groups side by side, and concept rates over time.

A group's counts are the sums of its articles' counts; its words are the sum of their words, so
every rate here is per 1,000 words of the whole group, and every number adds up from the counts
table (``03-counts-table.csv``) and the articles' groups.
"""

from __future__ import annotations

import re

import pandas as pd

from utils import ingest
from utils.concepts import keyness
from utils.concepts.counts import Counts

YEAR = re.compile(r"\b(1[5-9]\d\d|2[01]\d\d)\b")


def group_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id -> group`` (:func:`utils.ingest.group_of`: articles without a group are left
    out when others have one)."""
    return ingest.group_of(articles)


def period_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id -> year`` found in the ``date`` column (articles without one are left out).

    Example:
        >>> period_of(pd.DataFrame({"article_id": ["a", "b"], "date": ["2019-03-01", ""]})).to_dict()
        {'a': '2019'}
    """
    year = articles["date"].str.extract(YEAR, expand=False)
    return pd.Series(year.to_numpy(), index=articles["article_id"]).dropna()


def pool(table: pd.DataFrame, unit: pd.Series) -> pd.DataFrame:
    """The counts table summed over the articles of each unit (a group or a period).

    Args:
        table: The counts table (``Counts.table``).
        unit: ``article_id -> unit``; articles it does not list are left out.

    Returns:
        The counts table's columns, with ``article_id`` holding the unit's name (so the keyness
        functions compare units as they compare articles); ``n_words`` is the unit's words.
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
    return out[table.columns].sort_values(["article_id", "kind", "count", "term"], ascending=[True, True, False, True])


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


def two_groups(pooled: pd.DataFrame, a: str, b: str, *, min_count: int = 5) -> pd.DataFrame:
    """Every word term of groups ``a`` and ``b`` side by side: counts and rates per 1,000 words in
    each, and the log-odds z of ``a`` against ``b`` (positive: more typical of ``a``).

    Only terms used at least ``min_count`` times in the two groups together are kept (rarer
    terms cannot be told apart from chance and would bury the chart).

    Returns:
        ``term, surface, count_a, count_b, rate_a, rate_b, z, significant``, by z (highest first).
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
    # a term only one group uses has a z in that group's rows only: the other side is its mirror
    out["z"] = z.reindex(out.index).fillna(-z_b.reindex(out.index)).fillna(0.0)
    out["significant"] = out["z"].abs() > keyness.Z_THRESHOLD
    surface = pair.drop_duplicates("term").set_index("term")["surface"]
    out.insert(0, "surface", surface.reindex(out.index))
    return out.sort_values(["z", "count_a"], ascending=[False, False]).rename_axis("term").reset_index()


def side_table(pair: pd.DataFrame, a: str, b: str, *, n: int = 25) -> pd.DataFrame:
    """The ``n`` terms most typical of each of two groups (from :func:`two_groups`), side by side,
    each with its uses in that group and its z in that group's favour."""
    top_a = pair[pair["z"] > keyness.Z_THRESHOLD].head(n)
    top_b = pair[pair["z"] < -keyness.Z_THRESHOLD].sort_values("z").head(n)

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
    sig_a, sig_b = pair[pair["z"] > keyness.Z_THRESHOLD], pair[pair["z"] < -keyness.Z_THRESHOLD]
    first = lambda rows: f" (most: {rows['surface'].iloc[0]})" if len(rows) else ""  # noqa: E731
    return (
        f"{len(sig_a):,} terms are more typical of {a}{first(sig_a)}, "
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


def largest_two(sizes: pd.DataFrame) -> tuple[str, str]:
    """The two groups with the most articles (ties: alphabetical)."""
    s = sizes.sort_values(["articles", "group"], ascending=[False, True], kind="stable")
    return str(s["group"].iloc[0]), str(s["group"].iloc[1])
