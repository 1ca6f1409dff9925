"""Figures for notebook 02. Each helper takes tables, draws, returns the axes and never saves.

Titles are written from the data (the caller may replace them); every figure's numbers come from
the tables in :mod:`utils.rhetoric.views`, which the notebook also shows as drill-downs.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from utils.plots import PALETTE, slant_long_labels
from utils.rhetoric.labels import EVIDENCE
from utils.rhetoric.views import NAMES

MAX_ARTICLES = 12


def _limit(ids: list[str]) -> list[str]:
    return ids[:MAX_ARTICLES]


def plot_rate_heatmap(counts: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Labels x articles. Colour: the rate per 1,000 words as a share of the highest rate in that
    row (so rare and common labels are both readable, and long and short articles comparable);
    number: the raw count (blank for none). At most :data:`MAX_ARTICLES` articles (the first ones)."""
    ids = _limit(list(dict.fromkeys(counts["article_id"])))
    sub = counts[counts["article_id"].isin(ids)]
    rate = sub.pivot_table(index=["category", "name"], columns="article_id", values="per_1000", sort=False)[ids]
    raw = sub.pivot_table(index=["category", "name"], columns="article_id", values="count", sort=False)[ids]
    scaled = rate.div(rate.max(axis=1).replace(0, np.nan), axis=0).fillna(0)
    ax = ax or plt.subplots(figsize=(max(7.0, 2.4 + 0.9 * len(ids)), 0.7 + 0.27 * len(rate)))[1]
    ax.imshow(scaled.to_numpy(), aspect="auto", cmap="YlGnBu", vmin=0, vmax=1)
    for (i, j), v in np.ndenumerate(raw.to_numpy()):
        if v:
            ax.text(
                j,
                i,
                f"{int(v)}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if scaled.iat[i, j] > 0.6 else "#1d2b33",
                in_layout=False,
            )  # inside its cell: nothing for the layout to make room for
    ax.set_xticks(range(len(ids)), ids)
    ax.set_yticks(range(len(rate)), [f"{name}" for _, name in rate.index])
    ax.tick_params(axis="both", length=0)
    ax.grid(False)
    ax.xaxis.set_ticks_position("top")
    slant_long_labels(ax, max_chars=9)  # a 0.9-inch column holds about 9 characters at 10 pt
    ax.set_xlabel("colour: rate per 1,000 words, scaled to the row's highest\nnumber: raw count (blank: none)")
    ax.xaxis.set_label_position("bottom")
    bounds = [i for i in range(1, len(rate)) if rate.index[i][0] != rate.index[i - 1][0]]
    for b in bounds:
        ax.axhline(b - 0.5, color="white", linewidth=3)
    return ax


def plot_fingerprints(table: pd.DataFrame, *, axes: np.ndarray | None = None) -> np.ndarray:
    """Small multiples: one panel per article, the same bars (per 1,000 words) on the same scale."""
    ids = _limit(list(table.index))
    cols = min(len(ids), 5)
    rows = int(np.ceil(len(ids) / cols))
    if axes is None:
        _, axes = plt.subplots(
            rows,
            cols,
            figsize=(max(7.5, 2.5 * cols + 1.2), 0.3 * len(table.columns) * rows + 1.0),
            sharex=True,
            squeeze=False,
        )
    flat = np.ravel(axes)
    top = float(table.loc[ids].to_numpy().max()) or 1.0
    colours = [
        PALETTE[0]
        if c in ("claims", "reasons")
        else PALETTE[1]
        if c in [NAMES[e] for e in EVIDENCE]
        else PALETTE[4]
        if c in ("concessions", "rebuttals")
        else PALETTE[6]
        for c in table.columns
    ]
    y = np.arange(len(table.columns))
    for i, (ax, a) in enumerate(zip(flat, ids)):
        ax.barh(y, table.loc[a].to_numpy(), color=colours)
        ax.set_title(str(a), fontsize=11)
        ax.set_xlim(0, top * 1.05)
        ax.set_ylim(len(y) - 0.5, -0.5)  # the same rows, top down, in every panel
        # the labels once per row of panels: the panels to the right get no y ticks at all
        # (hidden shared ticks would still be built, laid out and drawn for every file)
        if i % cols == 0:
            ax.set_yticks(y, list(table.columns))
        else:
            ax.set_yticks([])
        ax.grid(axis="y", visible=False)
    for ax in flat[len(ids) :]:
        ax.set_visible(False)
    flat[0].figure.supxlabel("sentences (or markers) per 1,000 words", fontsize=10)
    return axes


def plot_tone_arcs(tone: pd.DataFrame, *, axes: np.ndarray | None = None, window: int = 5) -> np.ndarray:
    """Small multiples: each sentence's VADER compound (dots) through the article, with a rolling mean."""
    ids = _limit(list(dict.fromkeys(tone["article_id"])))
    cols = min(len(ids), 5)
    rows = int(np.ceil(len(ids) / cols))
    if axes is None:
        _, axes = plt.subplots(
            rows, cols, figsize=(max(7.5, 2.6 * cols + 0.6), 2.6 * rows + 0.4), sharex=True, sharey=True, squeeze=False
        )
    flat = np.ravel(axes)
    # fixed ticks (the ones matplotlib picks for these limits): nothing to compute per file drawn
    flat[0].set_xticks([0, 25, 50, 75, 100])
    flat[0].set_yticks([-1, -0.5, 0, 0.5, 1])
    for ax, a in zip(flat, ids):
        t = tone[tone["article_id"] == a]
        x = 100 * t["position"].to_numpy()
        ax.axhline(0, color="#888", linewidth=0.8)
        ax.scatter(
            x, t["compound"], s=12, color=np.where(t["compound"] < 0, PALETTE[4], PALETTE[1]), alpha=0.8, zorder=3
        )
        ax.plot(x, t["compound"].rolling(window, center=True, min_periods=1).mean(), color=PALETTE[0], linewidth=2)
        ax.set_title(str(a), fontsize=11)
        ax.set_ylim(-1.05, 1.05)
    for ax in flat[len(ids) :]:
        ax.set_visible(False)
    for ax in np.atleast_2d(axes)[:, 0]:
        ax.set_ylabel("tone (VADER compound)")
    flat[0].figure.supxlabel("% through the article (0 = first sentence, 100 = last)", fontsize=10)
    return axes


def plot_group_profiles(profile: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """The fingerprint dimensions per 1,000 words, one bar per group side by side (at most ten
    groups, the largest)."""
    shown = profile.sort_values("articles", ascending=False, kind="stable").head(10)
    dims = [c for c in profile.columns if c not in {"group", "articles", "words", "mean tone"}]
    ax = ax or plt.subplots(figsize=(9, 0.9 + 0.32 * len(dims) * max(1, len(shown) / 2)))[1]
    y = np.arange(len(dims))
    h = 0.8 / len(shown)
    for k, (group, n, values) in enumerate(zip(shown["group"], shown["articles"], shown[dims].to_numpy(float))):
        offset = (k - (len(shown) - 1) / 2) * h
        ax.barh(y + offset, values, height=h, color=PALETTE[k % len(PALETTE)], label=f"{group} ({int(n):,} articles)")
    ax.set_yticks(y, dims)
    ax.invert_yaxis()
    ax.set_xlabel("sentences (or markers) per 1,000 words in the group's average article")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="y", visible=False)
    return ax
