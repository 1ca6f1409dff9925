"""What changes when a corpus is large: per-document tables and lists switch to summaries.

Up to ``limit`` documents a report shows every document. Past it, a per-document table shows its
distribution (the quartiles of each numeric column) and the top and bottom ``n`` documents by one
column, with the rule stated in a caption; the full table is written as CSV beside the report, so
nothing is lost, only not printed. The same rule picks which documents a drill-down lists.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from utils import display, paths

LIMIT = 40  # documents: up to this many, reports show each one
SHOWN = 10  # past it, the top and bottom this many by the column named in the caption


def is_large(n_documents: int, *, limit: int = LIMIT) -> bool:
    """True when a corpus has more than ``limit`` documents (reports then summarise)."""
    return n_documents > limit


def top_bottom(df: pd.DataFrame, *, by: str, n: int = SHOWN) -> pd.DataFrame:
    """The ``n`` rows with the highest ``by`` and the ``n`` with the lowest, highest first, with a
    ``rank`` column (1 = highest of all rows). Ties keep table order.

    Example:
        >>> top_bottom(pd.DataFrame({"x": [5, 1, 9, 3]}), by="x", n=1)["x"].tolist()
        [9, 1]
    """
    ranked = df.sort_values(by, ascending=False, kind="stable").reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    if len(ranked) <= 2 * n:
        return ranked
    return pd.concat([ranked.head(n), ranked.tail(n)], ignore_index=True)


def rule(total: int, *, by: str, n: int = SHOWN, what: str = "articles", csv: str = "") -> str:
    """The caption saying which rows a summary shows and where the rest are.

    Example:
        >>> rule(2000, by="words", n=10, csv="01-summary.csv")
        'Showing the 10 articles with the most words and the 10 with the fewest, of 2,000; all 2,000 are in 01-summary.csv.'
    """
    where = f"; all {total:,} are in {csv}." if csv else "."
    return f"Showing the {n} {what} with the most {by} and the {n} with the fewest, of {total:,}{where}"


def distribution(df: pd.DataFrame, *, what: str = "articles") -> pd.DataFrame:
    """Quartiles of every numeric column: one row per column, ``min, 25 %, median, 75 %, max, mean``.

    Example:
        >>> distribution(pd.DataFrame({"words": [1, 2, 3]}))["median"].tolist()
        [2.0]
    """
    num = df.select_dtypes("number")
    q = num.quantile([0, 0.25, 0.5, 0.75, 1]).T
    q.columns = ["min", "25 %", "median", "75 %", "max"]
    q["mean"] = num.mean()
    q.insert(0, what, len(df))
    return q.round(2).rename_axis("measure").reset_index()


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a full table as CSV beside the report (folders created) and return its path."""
    path = paths.resolve(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n")
    return path


def show_rows(
    df: pd.DataFrame,
    *,
    by: str,
    csv: str | Path,
    limit: int = LIMIT,
    n: int = SHOWN,
    what: str = "articles",
    **table_options,
) -> None:
    """Show a per-document table whole when it is small; past ``limit`` rows, show its
    distribution and its top and bottom ``n`` rows by ``by`` with the rule in a caption. The full
    table always goes to ``csv``.
    """
    write_csv(df, csv)
    if not is_large(len(df), limit=limit):
        display.show_table(df, **table_options)
        return
    display.note(f"{len(df):,} {what}: too many to list here. How the numbers are spread across them:")
    display.show_table(distribution(df, what=what))
    display.note(rule(len(df), by=by, n=n, what=what, csv=Path(csv).name))
    display.show_table(top_bottom(df, by=by, n=n), **table_options)


def pick(articles: pd.DataFrame, *, by: str = "n_words", limit: int = LIMIT, n: int = SHOWN) -> list[str]:
    """The article ids a per-article figure or list shows: all of them up to ``limit``, else the
    ``n`` highest and ``n`` lowest by ``by`` (highest first; :func:`top_bottom`)."""
    if not is_large(len(articles), limit=limit):
        return articles["article_id"].tolist()
    return top_bottom(articles, by=by, n=n)["article_id"].tolist()


def show_capped(df: pd.DataFrame, *, csv: str | Path, max_rows: int = 100, **table_options) -> None:
    """Show the first ``max_rows`` rows of a long list and write all of it to ``csv`` (the note
    under the table names the file)."""
    path = write_csv(df, csv)
    display.show_table(df, max_rows=max_rows, csv=f"{path.name}, beside this report", **table_options)


def only(df: pd.DataFrame, ids: list[str], *, column: str = "article_id") -> pd.DataFrame:
    """The rows of ``df`` whose ``column`` is one of ``ids`` (the articles a view shows)."""
    return df[df[column].isin(ids)]
