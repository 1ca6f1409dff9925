"""Charts of notebook 03 (concept frequency), in the house style of :mod:`utils.plots`.

Each helper takes a table from :mod:`utils.concepts.views` or :mod:`utils.concepts.keyness` and returns
the axes (single panels) or the figure (faceted panels); none saves (use ``plots.save_fig``).
Sizes grow with the number of articles and stop at a cap: with more than ``max_articles``
articles, faceted charts show the first ``max_articles`` and say so in their caption.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from wordcloud import WordCloud

from utils.concepts.views import term_labels
from utils.plots import PALETTE, put_title, slant_long_labels  # noqa: F401 - put_title: the notebooks call concepts.plots.put_title
from utils.text import plural

RATE_CMAP = LinearSegmentedColormap.from_list("atlas_rate", ["#ffffff", "#cfe6e3", PALETTE[1], PALETTE[0]])
CLOUD_CAPTION = "Bigger words occur more often (the same counts as the bar chart, which gives exact values); colour and position mean nothing."
CLOUD_SEED = 7
SERIES = [PALETTE[i] for i in (0, 4, 1, 6, 3, 5, 7, 8, 2, 9)]  # distinct colours for a few series


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def _panel_title(article_id: str, titles: dict[str, str] | None, *, width: int) -> str:
    """``id: title`` shortened to ``width`` characters (the id alone when the title is unknown)."""
    title = (titles or {}).get(article_id, "")
    return _short(f"{article_id}: {title}" if title else article_id, width)


def _empty_panel(ax: plt.Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=8, color="#6b777d")
    ax.set_xticks([])
    ax.set_yticks([])


def _truncation_note(shown: int, total: int) -> str:
    return f"Showing the first {shown} of {total} articles; the CSV has all." if total > shown else ""


def _ink(rgb) -> str:
    r, g, b = to_rgb(rgb)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else "#1d2b33"


def _facets(top: pd.DataFrame, articles, *, max_articles: int, max_cols: int, panel_h: float):
    """One panel per article (at most ``max_articles``); narrower panels when there are many.

    Returns:
        ``(fig, axes, shown article ids, many, total number of articles)``.
    """
    ids = list(articles) if articles is not None else list(dict.fromkeys(top["article_id"]))
    shown = ids[:max_articles]
    many = len(shown) > 9
    fig, axes = _grid(len(shown) or 1, max_cols=5 if many else max_cols, panel_w=3.2 if many else 3.4, panel_h=panel_h)
    return fig, axes, shown, many, len(ids)


def _panels(axes, shown: list, top: pd.DataFrame, *, titles, many: bool, empty: str):
    """Title each article's panel and yield ``(ax, its rows, bottom-up)``; panels with no rows
    say ``empty`` instead."""
    for ax, a in zip(axes.flat, shown):
        d = top[top["article_id"] == a].iloc[::-1]
        ax.set_title(_panel_title(a, None if many else titles, width=24 if many else 32), fontsize=9)
        if d.empty:
            _empty_panel(ax, empty)
        else:
            yield ax, d


def _grid(n: int, *, max_cols: int, panel_w: float, panel_h: float) -> tuple[plt.Figure, np.ndarray]:
    cols = max(1, min(n, max_cols))
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(min(16, 1 + panel_w * cols), 0.8 + panel_h * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes


# ---------------------------------------------------------------- concepts


def _unused_note(unused: list[str], *, width: int = 70) -> str:
    """The x-label line naming the lexicon's concepts that no article uses ("" when there are none)."""
    if not unused:
        return ""
    note = f"Not shown, no hit in any article ({len(unused)}): " + ", ".join(unused)
    return textwrap.fill(note, width=width, break_on_hyphens=False)


def plot_concept_heatmap(
    rates: pd.DataFrame, counts: pd.DataFrame, *, ax: plt.Axes | None = None, max_articles: int = 30
) -> plt.Axes:
    """Concept x article heatmap: colour = rate per 1,000 words, number in the cell = count.

    Args:
        rates: From ``concepts_views.concept_matrix(value="rate")``.
        counts: From ``concepts_views.concept_matrix(value="count")`` (same shape).
        max_articles: Columns shown at most (the first ones); the x label says when cut.

    Concepts with no hit in any article are left out (the x label names them), unless none has one.
    """
    total = rates.shape[1]
    hit = counts.sum(axis=1) > 0
    unused = list(counts.index[~hit]) if hit.any() else []
    if unused:
        rates, counts = rates[hit], counts[hit]
    rates, counts = rates.iloc[:, :max_articles], counts.iloc[:, :max_articles]
    n_c, n_a = rates.shape
    ax = ax or plt.subplots(figsize=(min(16, max(7.5, 3.5 + 0.5 * n_a)), 1.4 + 0.3 * n_c))[1]
    vmax = max(float(rates.to_numpy().max()), 1e-9)
    im = ax.pcolormesh(
        np.arange(n_a + 1) - 0.5, np.arange(n_c + 1) - 0.5, rates.to_numpy(), cmap=RATE_CMAP, vmin=0, vmax=vmax
    )
    ax.set_ylim(n_c - 0.5, -0.5)
    font = 8 if n_a <= 12 else 6.5
    for i in range(n_c):
        for j in range(n_a):
            k = int(counts.iat[i, j])
            if k:
                ax.text(
                    j,
                    i,
                    str(k),
                    ha="center",
                    va="center",
                    fontsize=font,
                    color=_ink(RATE_CMAP(rates.iat[i, j] / vmax)),
                    in_layout=False,
                )
    ax.set_xticks(range(n_a), rates.columns, rotation=0 if n_a <= 12 else 90, fontsize=9 if n_a <= 12 else 7)
    if n_a <= 12:
        slant_long_labels(ax, max_chars=6)  # a 0.5-inch column holds about 6 characters at 9 pt
    ax.set_yticks(range(n_c), rates.index, fontsize=9)
    ax.grid(False)
    ax.set_xlabel(
        "\n".join(
            filter(
                None,
                [
                    "article (number in a cell = count; blank = none)",
                    _truncation_note(n_a, total),
                    _unused_note(unused),
                ],
            )
        )
    )
    ax.set_ylabel("concept")
    ax.figure.colorbar(im, ax=ax, label="uses per 1,000 words", shrink=0.8, pad=0.03)
    return ax


def plot_top_concepts(
    top: pd.DataFrame,
    *,
    articles: list[str] | None = None,
    titles: dict[str, str] | None = None,
    max_articles: int = 30,
    max_cols: int = 3,
) -> plt.Figure:
    """One small bar chart per article: its densest concepts (rate per 1,000 words, count labelled).

    Args:
        top: From ``concepts_views.top_concepts`` (``article_id, rank, concept, count, rate``).
        articles: Article ids in panel order (default: those in ``top``); an article without a
            concept hit gets a panel that says so.
        titles: Article id -> title, shortened after each panel's id (ids only above 9 panels).
        max_articles: Panels shown at most (the first articles).
    """
    n = int(top["rank"].max()) if len(top) else 1
    fig, axes, shown, many, total = _facets(
        top, articles, max_articles=max_articles, max_cols=max_cols, panel_h=0.55 + 0.26 * n
    )
    xmax = float(top["rate"].max()) * 1.25 if len(top) else 1
    for ax, d in _panels(axes, shown, top, titles=titles, many=many, empty="no concept hits"):
        ax.barh(range(len(d)), d["rate"], color=PALETTE[1])
        ax.set_yticks(range(len(d)), d["concept"])
        ax.set_ylim(len(d) - n - 0.5, len(d) - 0.5)  # same bar thickness in every panel, top-aligned
        for y, (r, k) in enumerate(zip(d["rate"], d["count"])):
            ax.text(r + xmax * 0.01, y, str(k), va="center", fontsize=7, color="#44525a", in_layout=False)
        ax.set_xlim(0, xmax)
        ax.tick_params(axis="y", labelsize=8)
        ax.grid(axis="y", visible=False)
    fig.supxlabel(
        "\n".join(
            filter(None, ["uses per 1,000 words (number at the bar end = count)", _truncation_note(len(shown), total)])
        ),
        fontsize=9,
    )
    fig.supylabel("concept", fontsize=9)
    return fig


def plot_dispersion(
    disp: pd.DataFrame, *, concepts: list[str], articles: list[str], ax: plt.Axes | None = None, max_articles: int = 30
) -> plt.Axes:
    """Where chosen concepts occur along each article (0 % = first word, 100 % = last word).

    Args:
        disp: From ``concepts_views.dispersion_table``.
        concepts: The concepts to draw, one colour each (offset within an article's row).
        articles: Article ids, top to bottom.
        max_articles: Rows shown at most (the first articles).
    """
    shown = articles[:max_articles]
    ax = ax or plt.subplots(figsize=(10, min(14.0, 1.6 + len(shown) * (0.22 + 0.08 * len(concepts)))))[1]
    row = {a: i for i, a in enumerate(shown)}
    offsets = np.linspace(-0.28, 0.28, len(concepts)) if len(concepts) > 1 else [0.0]
    for k, (c, off) in enumerate(zip(concepts, offsets)):
        d = disp[(disp["concept"] == c) & disp["article_id"].isin(row)]
        ax.scatter(
            100 * d["position"],
            d["article_id"].map(row) + off,
            marker="|",
            s=90,
            linewidths=1.6,
            color=SERIES[k % len(SERIES)],
            label=f"{c} ({len(d)})",
        )
    ax.set_yticks(range(len(shown)), shown, fontsize=9 if len(shown) <= 12 else 7)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(-1, 101)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(
        "\n".join(
            filter(None, ["position in the article (% of its words)", _truncation_note(len(shown), len(articles))])
        )
    )
    ax.set_ylabel("article")
    # below the x label, in the figure's own layout (an axes legend at a fixed offset sat on the
    # label of a short chart)
    handles, labels = ax.get_legend_handles_labels()
    ax.figure.legend(
        handles, labels, loc="outside lower center", ncols=min(4, len(concepts)), frameon=False, fontsize=8
    )
    return ax


def plot_cooccurrence(matrix: pd.DataFrame, *, ax: plt.Axes | None = None, top: int = 15) -> plt.Axes:
    """Lower-triangle heatmap: sentences in which two concepts occur together.

    Args:
        matrix: From ``concepts.cooccurrence`` (diagonal = sentences with the concept).
        top: Keep the concepts found in the most sentences.
    """
    m = matrix.iloc[:top, :top]
    n = len(m)
    ax = ax or plt.subplots(figsize=(2.8 + 0.42 * n, 1.6 + 0.36 * n))[1]
    if n < 2:
        ax.text(0.5, 0.5, "fewer than two concepts occur", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    vals = m.to_numpy().astype(float)[1:, :-1]  # lower triangle without the diagonal
    mask = np.tril(np.ones_like(vals, dtype=bool))
    shown = np.where(mask, vals, np.nan)
    vmax = max(float(np.nanmax(shown)), 1.0)
    im = ax.pcolormesh(
        np.arange(n) - 0.5, np.arange(n) - 0.5, np.ma.masked_invalid(shown), cmap=RATE_CMAP, vmin=0, vmax=vmax
    )
    ax.set_ylim(n - 1.5, -0.5)
    ax.set_aspect("equal")
    for i, j in zip(*np.nonzero(mask)):
        if vals[i, j]:
            ax.text(
                j,
                i,
                str(int(vals[i, j])),
                ha="center",
                va="center",
                fontsize=7,
                color=_ink(RATE_CMAP(vals[i, j] / vmax)),
                in_layout=False,
            )
    labels = [f"{c} ({int(m.iat[i, i])})" for i, c in enumerate(m.index)]
    ax.set_yticks(range(n - 1), labels[1:], fontsize=8)
    ax.set_xticks(range(n - 1), labels[:-1], rotation=90, fontsize=8)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(
        "concept (in brackets: sentences with the concept)"
        + (f"; the {top} most frequent of {len(matrix)}" if len(matrix) > top else "")
    )
    ax.figure.colorbar(im, ax=ax, label="sentences with both", shrink=0.7, pad=0.01)
    return ax


# ---------------------------------------------------------------- terms and word clouds


def plot_top_terms(terms: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Horizontal bars of term counts, most frequent at the top, labelled like the word clouds.

    Args:
        terms: From ``concepts_views.top_terms`` (or one panel of ``cloud_table``; a ``label``
            column is used when present).
    """

    labels = terms["label"] if "label" in terms else term_labels(terms)
    ax = ax or plt.subplots(figsize=(7, 0.8 + 0.24 * len(terms)))[1]
    colors = [PALETTE[0] if k == "word" else PALETTE[3] for k in terms["kind"]]
    ax.barh(labels.iloc[::-1], terms["count"].iloc[::-1], color=colors[::-1])
    ax.set_xlabel("count (dark = single word, orange = phrase)")
    ax.set_ylabel("term (most frequent written form)")
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", visible=False)
    return ax


def cloud_frequencies(terms: pd.DataFrame) -> dict[str, int]:
    """The ``{label: count}`` a word cloud is drawn from (same labels as :func:`plot_top_terms`)."""

    labels = terms["label"] if "label" in terms else term_labels(terms)
    return {str(k): int(v) for k, v in zip(labels, terms["count"]) if v > 0}


CLOUD_SIZE = (460, 280)  # width, height of a cloud's layout in pixels


def make_word_cloud(
    terms: pd.DataFrame,
    *,
    width: int = CLOUD_SIZE[0],
    height: int = CLOUD_SIZE[1],
    scale: float = 1.0,
    random_state: int = CLOUD_SEED,
):
    """A ``wordcloud.WordCloud`` built with ``generate_from_frequencies`` from a terms table.

    The cloud never tokenises anything itself: it draws exactly the counts it is given. Colours
    come from the house palette at random (fixed ``random_state``): they mean nothing. The layout
    is computed at ``width`` x ``height`` and drawn ``scale`` times larger (sharp text, fast layout).
    """

    rng_colors = PALETTE[:2] + PALETTE[3:5] + PALETTE[6:9]

    def color(word, font_size, position, orientation, random_state=None, **kw):
        return rng_colors[random_state.randint(0, len(rng_colors) - 1)]

    wc = WordCloud(
        width=width,
        height=height,
        scale=scale,
        background_color="white",
        random_state=random_state,
        prefer_horizontal=0.95,
        max_words=len(terms) or 1,
        relative_scaling=0.5,
        min_font_size=7,
        font_step=2,
        margin=2,
        color_func=color,
        collocations=False,
        normalize_plurals=False,
    )
    freqs = cloud_frequencies(terms)
    return wc.generate_from_frequencies(freqs) if freqs else wc


def plot_word_cloud(terms: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Put :func:`make_word_cloud` of a terms table on an axes (no ticks, no frame)."""
    ax = ax or plt.subplots(figsize=(5, 3))[1]
    if len(terms):
        ax.imshow(make_word_cloud(terms, **kwargs).to_array(), interpolation="antialiased")
    else:
        ax.text(0.5, 0.5, "no terms", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def plot_word_clouds(
    clouds: pd.DataFrame, *, titles: dict[str, str] | None = None, n_articles: int | None = None, max_cols: int = 3
) -> plt.Figure:
    """A grid of word clouds, one per panel of ``concepts_views.cloud_table`` (corpus first).

    Args:
        clouds: From ``cloud_table``.
        titles: Article id -> title (shortened above each panel).
        n_articles: Articles in the corpus (to say when panels were cut).
    """
    panels = list(dict.fromkeys(clouds["panel"]))
    fig, axes = _grid(len(panels), max_cols=max_cols, panel_w=3.5, panel_h=2.35)
    for ax, p in zip(axes.flat, panels):
        plot_word_cloud(clouds[clouds["panel"] == p], ax=ax)
        ax.set_title(p if p == "all articles" else _panel_title(p, titles, width=40), fontsize=9)
    note = _truncation_note(sum(p != "all articles" for p in panels), n_articles) if n_articles else ""
    caption = " ".join(filter(None, [CLOUD_CAPTION, note]))
    # 9 pt: about 14 characters an inch; one panel is too narrow for the caption on one line
    fig.supxlabel(textwrap.fill(caption, int(fig.get_figwidth() * 14), break_on_hyphens=False), fontsize=9)
    return fig


# ---------------------------------------------------------------- distinctive terms


def plot_distinctive_terms(
    top: pd.DataFrame,
    *,
    threshold: float = 1.96,
    articles: list[str] | None = None,
    titles: dict[str, str] | None = None,
    max_articles: int = 30,
    max_cols: int = 3,
) -> plt.Figure:
    """One panel per article: z-scores of its most distinctive terms, with the threshold drawn.

    Bars over the threshold are dark, others mid-tone; terms used fewer than ``MIN_COUNT`` times
    in the article (``low_count``) are pale and hatched.

    Args:
        top: From ``keyness.top_per_article(log_odds_dirichlet(...), by="z")``.
        threshold: The z line to draw (1.96 = two-sided p < 0.05 for one term).
        articles: Article ids in panel order (default: those in ``top``).
        titles: Article id -> title (ids only above 9 panels).
        max_articles: Panels shown at most (the first articles).
    """
    n = int(top.groupby("article_id").size().max()) if len(top) else 1
    fig, axes, shown, many, total = _facets(
        top, articles, max_articles=max_articles, max_cols=max_cols, panel_h=0.6 + 0.24 * n
    )
    xmax = max(float(top["z"].max()) if len(top) else 0, threshold) * 1.12
    xmin = min(0.0, float(top["z"].min()) * 1.1) if len(top) else 0.0
    for ax, d in _panels(axes, shown, top, titles=titles, many=many, empty="nothing to compare"):
        colors = [
            ("#d9dee1" if low else PALETTE[0] if z > threshold else PALETTE[1])
            for z, low in zip(d["z"], d["low_count"])
        ]
        bars = ax.barh(range(len(d)), d["z"], color=colors)
        ax.set_yticks(range(len(d)), [_short(s, 22) for s in d["surface"]])
        ax.set_ylim(len(d) - n - 0.5, len(d) - 0.5)
        for bar, low in zip(bars, d["low_count"]):
            if low:
                bar.set_hatch("///")
                bar.set_edgecolor("#9aa5ab")
        ax.axvline(threshold, color=PALETTE[4], linestyle="--", linewidth=1)
        ax.set_xlim(xmin, xmax)
        ax.tick_params(axis="y", labelsize=8)
        ax.grid(axis="y", visible=False)
    fig.supxlabel(
        "\n".join(
            filter(
                None,
                [
                    f"z-score of the log-odds ratio, this article vs the rest (dashed line: z = {threshold}; "
                    "dark = over it; pale hatched = too few uses)",
                    _truncation_note(len(shown), total),
                ],
            )
        ),
        fontsize=9,
    )
    return fig


def plot_two_groups(pair: pd.DataFrame, a: str, b: str, *, label: int = 12, ax: plt.Axes | None = None) -> plt.Axes:
    """Each term's rate in group ``a`` (x) against group ``b`` (y), per 1,000 words, log scales:
    terms on the diagonal are used alike; of the ``label`` most significant terms of each side,
    those whose names fit without covering a stronger term's name are named. Colour: teal leans to ``a``, orange to ``b``, grey not significant. A term one group
    never uses sits on that group's floor line (half the smallest rate seen).

    Args:
        pair: From :func:`utils.concepts.groups.two_groups`.
    """
    ax = ax or plt.subplots(figsize=(8.5, 8))[1]
    positive = pd.concat([pair["rate_a"], pair["rate_b"]])
    floor = float(positive[positive > 0].min()) / 2 if (positive > 0).any() else 0.001
    x, y = pair["rate_a"].clip(lower=floor), pair["rate_b"].clip(lower=floor)
    lean_a, lean_b = pair["significant"] & (pair["z"] > 0), pair["significant"] & (pair["z"] < 0)
    colour = np.where(lean_a, PALETTE[1], np.where(lean_b, PALETTE[3], "#c4c9cc"))
    ax.scatter(x, y, s=9, c=colour, alpha=0.6, linewidths=0, rasterized=True)  # thousands of dots: one image in the SVG
    top = max(float(x.max()), float(y.max())) * 1.5
    ax.plot([floor, top], [floor, top], color="#888", linewidth=0.8, linestyle="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(floor * 0.8, top)
    ax.set_ylim(floor * 0.8, top)
    named = pd.concat([pair[lean_a].head(label), pair[lean_b].sort_values("z").head(label)])
    named = named.reindex(named["z"].abs().sort_values(ascending=False, kind="stable").index)
    renderer, placed = ax.figure.canvas.get_renderer(), []
    for term, xi, yi, z in zip(named["surface"], x[named.index], y[named.index], named["z"]):
        text = ax.annotate(
            str(term),
            (xi, yi),
            xytext=(4, -3) if z > 0 else (-4, 3),
            textcoords="offset points",
            ha="left" if z > 0 else "right",
            fontsize=8,
            color=PALETTE[0] if z > 0 else PALETTE[4],
        )
        box = text.get_window_extent(renderer).expanded(1.05, 1.15)
        if any(box.overlaps(other) for other in placed):  # the stronger term keeps its place
            text.remove()
        else:
            placed.append(box)
    ax.set_xlabel(f"uses per 1,000 words in {a}")
    ax.set_ylabel(f"uses per 1,000 words in {b}")
    return ax


ONE_ARTICLE = 0.5  # a trend point where one article gives more than this share of the uses is drawn hollow


def plot_trends(
    trends: pd.DataFrame,
    *,
    sizes: pd.Series | None = None,
    drivers: pd.DataFrame | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Concept rates per 1,000 words by period (from :func:`utils.concepts.groups.concept_trends`);
    with ``sizes`` (period -> articles), each period's label says how many articles it pools, so a
    period of two articles is not read like one of two hundred; with ``drivers``
    (:func:`utils.concepts.groups.trend_drivers`), a point that one article makes (more than
    :data:`ONE_ARTICLE` of the period's uses) is drawn hollow."""
    ax = ax or plt.subplots(figsize=(9, 4.5))[1]
    for i, concept in enumerate(trends.columns):
        colour = SERIES[i % len(SERIES)]
        ax.plot(trends.index, trends[concept], marker="o", color=colour, label=concept)
        if drivers is not None and concept in drivers:
            lone = drivers[concept].reindex(trends.index).fillna(0).to_numpy() > ONE_ARTICLE
            if lone.any():
                ax.scatter(
                    np.flatnonzero(lone),
                    trends[concept].to_numpy()[lone],
                    s=60,
                    facecolors="white",
                    edgecolors=colour,
                    linewidths=1.8,
                    zorder=3,
                    label="_lone",
                )
    if any(c.get_label() == "_lone" for c in ax.collections):  # say once what a hollow point means
        ax.scatter(
            [],
            [],
            s=60,
            facecolors="white",
            edgecolors="#555",
            linewidths=1.8,
            label="hollow: one article gives most uses",
        )
    if sizes is not None:
        ax.set_xticks(range(len(trends.index)))
        ax.set_xticklabels([f"{p}\n{plural(int(sizes.get(p, 0)), 'article')}" for p in trends.index])
    ax.set_xlabel("period")
    ax.set_ylabel("uses per 1,000 words")
    ax.legend(fontsize=8, frameon=False, ncol=2)
    return ax
