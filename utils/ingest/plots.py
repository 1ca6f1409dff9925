"""Notebook 01's figure: how long the sentences of each article are."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from utils.plots import PALETTE


def plot_sentence_lengths(sentences: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Box plot of words per sentence for each article (headings left out), points overlaid."""
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
