"""Notebook 01's figure: how long the sentences of each article are."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from utils.plots import PALETTE, put_title


def plot_sentence_lengths(
    sentences: pd.DataFrame,
    *,
    groups: pd.Series | None = None,
    max_articles: int | None = None,
    title: str = "",
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Box plot of words per sentence for each article (headings left out), points overlaid, with
    ``title``. Past ``max_articles`` articles, one box each would be unreadable: the figure shows
    the spread of sentence lengths per group instead (:func:`plot_sentence_length_spread`) and its
    title says so."""
    n = sentences["article_id"].nunique()
    if max_articles is not None and n > max_articles:
        ax = plot_sentence_length_spread(sentences, groups, ax=ax)
        put_title(ax, f"Sentence lengths across all {n:,} articles (too many for one box each)")
        return ax
    ax = _boxes(sentences, ax=ax)
    put_title(ax, title)
    return ax


def _boxes(sentences: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    ax = ax or plt.subplots(figsize=(9, 0.5 + 0.45 * sentences["article_id"].nunique() + 1.5))[1]
    body = sentences[~sentences["is_heading"]]
    ids = sorted(body["article_id"].unique(), reverse=True)
    data = [body.loc[body["article_id"] == a, "n_words"].to_numpy() for a in ids]
    ax.boxplot(
        data,
        orientation="horizontal",
        tick_labels=ids,
        widths=0.6,
        showfliers=False,
        medianprops={"color": PALETTE[4], "linewidth": 2},
        boxprops={"color": PALETTE[0]},
    )
    for i, values in enumerate(data, start=1):
        ax.scatter(values, [i] * len(values), s=10, alpha=0.45, color=PALETTE[1], zorder=3)
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("article")
    return ax


def plot_sentence_length_spread(
    sentences: pd.DataFrame, groups: pd.Series | None = None, *, ax: plt.Axes | None = None, max_words: int = 80
) -> plt.Axes:
    """For a corpus too large for one box per article: the share of sentences of each length, one
    line per group (or one for the corpus), headings left out. Sentences longer than ``max_words``
    are counted in the last bin.

    Args:
        sentences: The sentences table.
        groups: ``article_id -> group`` (:func:`utils.ingest.group_of`; articles it leaves out
            are not drawn); ``None`` draws one line for the corpus.
    """
    ax = ax or plt.subplots(figsize=(9, 4.2))[1]
    body = sentences[~sentences["is_heading"]]
    group = body["article_id"].map(groups) if groups is not None else pd.Series("all articles", index=body.index)
    bins = np.arange(0, max_words + 2)
    for i, (name, lengths) in enumerate(body["n_words"].clip(upper=max_words).groupby(group)):  # no group: left out
        share, _ = np.histogram(lengths, bins=bins)
        label = f"{name}: {len(lengths):,} sentences, median {int(np.median(lengths))} words"
        ax.step(
            bins[:-1], 100 * share / max(len(lengths), 1), where="post", color=PALETTE[i % len(PALETTE)], label=label
        )
    ax.set_xlabel(f"words per sentence ({max_words} or more counted at {max_words})")
    ax.set_ylabel("% of sentences")
    ax.legend(frameon=False, fontsize=9)
    return ax
