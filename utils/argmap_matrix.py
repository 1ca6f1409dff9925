"""Agreement and tension between articles: the article x article matrix and the claim pairs
behind each of its cells."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from utils.argmap import ACROSS, AGREEMENT, TENSION, ArgumentMap, shorten



def agreement_matrix(amap: ArgumentMap) -> pd.DataFrame:
    """Per pair of articles (both orders): how many relations of each kind link their claims.

    Returns:
        ``article_a, article_b`` plus one column per relation across articles, ``agreement``
        (agrees + elaborates) and ``tension`` (qualifies + contradicts); every ordered pair of
        distinct articles appears, with zeros where nothing links them.
    """
    ids = amap.articles["article_id"].tolist()
    across = amap.relations[amap.relations["scope"] == "across"]
    both = pd.concat([across.rename(columns={"source_article": "article_a", "target_article": "article_b"}),
                      across.rename(columns={"source_article": "article_b", "target_article": "article_a"})])
    counts = pd.crosstab([both["article_a"], both["article_b"]], both["relation"]).reindex(columns=list(ACROSS), fill_value=0)
    grid = pd.MultiIndex.from_tuples([(a, b) for a in ids for b in ids if a != b], names=["article_a", "article_b"])
    out = counts.reindex(grid, fill_value=0).reset_index()
    out.columns.name = None
    out["agreement"] = out[list(AGREEMENT)].sum(axis=1)
    out["tension"] = out[list(TENSION)].sum(axis=1)
    return out


def plot_agreement_matrix(amap: ArgumentMap, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Article x article: each cell counts the links of each kind between the two articles' claims;
    teal cells lean to agreement, orange to tension, grey are even; the diagonal is the article."""
    from matplotlib.colors import to_rgb

    m = agreement_matrix(amap).set_index(["article_a", "article_b"])
    ids = amap.articles["article_id"].tolist()
    n = len(ids)
    ax = ax or plt.subplots(figsize=(2.1 * n + 2.2, 1.45 * n + 0.9), layout="none")[1]
    teal, orange, grey = map(to_rgb, ("#2a9d8f", "#f4a261", "#adb5bd"))
    top = max(1, int(m[["agreement", "tension"]].sum(axis=1).max()))
    claims = amap.claims.groupby("article_id").size()
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            if a == b:
                ax.add_patch(plt.Rectangle((j, i), 1, 1, fc="#f1f3f5", ec="white", lw=3))
                ax.text(j + 0.5, i + 0.5, f"{a}\n{claims.get(a, 0)} claims", ha="center", va="center", fontsize=9, color="#6c757d")
                continue
            row = m.loc[(a, b)]
            agree, tension = int(row["agreement"]), int(row["tension"])
            base = teal if agree > tension else orange if tension > agree else grey
            strength = 0.15 + 0.55 * (agree + tension) / top
            ax.add_patch(plt.Rectangle((j, i), 1, 1, fc=tuple(1 - strength * (1 - c) for c in base), ec="white", lw=3))
            head = f"{agree} agreement{'s' * (agree != 1)}\n{tension} tension{'s' * (tension != 1)}"
            detail = ", ".join(f"{int(row[k])} {k}" for k in ACROSS if row[k]) or "no link"
            ax.text(j + 0.5, i + 0.42, head, ha="center", va="center", fontsize=9.5, fontweight="bold")
            ax.text(j + 0.5, i + 0.8, textwrap.fill(detail, 26), ha="center", va="center", fontsize=7.5, color="#343a40")
    names = amap.articles["short"].map(lambda s: textwrap.fill(s, 22, break_on_hyphens=False)).tolist()
    ax.set_xticks([k + 0.5 for k in range(n)], [textwrap.fill(s, 18, break_on_hyphens=False) for s in amap.articles["short"]], fontsize=8.5)
    ax.set_yticks([k + 0.5 for k in range(n)], names, fontsize=8.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    ax.set_aspect("auto")
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.legend(handles=[Patch(fc="#93cec6", label="more agreement (agrees, elaborates)"),
                       Patch(fc="#f9cfa9", label="more tension (qualifies, contradicts)"),
                       Patch(fc="#dfe2e6", label="as much of each")],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=8.5, frameon=False)
    return ax


def relation_pairs(amap: ArgumentMap) -> pd.DataFrame:
    """The claim pairs behind each cell of the matrix: one row per relation across articles.

    Returns:
        ``pair`` (e.g. ``000 × 001``), ``relation``, ``claim``, ``other claim`` (id, label and
        quote), ``rationale``, ordered by pair and then agreement before tension.
    """
    claims = amap.claims.set_index("claim_id")
    across = amap.relations[amap.relations["scope"] == "across"].copy()
    lo = across[["source_article", "target_article"]].min(axis=1)
    hi = across[["source_article", "target_article"]].max(axis=1)
    across["pair"] = lo + " × " + hi

    def describe(cid: str) -> str:
        return f"{cid}: {claims.at[cid, 'label']} — “{shorten(claims.at[cid, 'quote'], 160)}”"

    across["rank"] = across["relation"].map({k: i for i, k in enumerate(ACROSS)})
    across = across.sort_values(["pair", "rank"], kind="stable")
    return pd.DataFrame({"pair": across["pair"], "relation": across["relation"], "claim": across["source"].map(describe),
                         "other claim": across["target"].map(describe), "rationale": across["rationale"]}).reset_index(drop=True)


def pair_summaries(amap: ArgumentMap) -> pd.DataFrame:
    """One row per pair of articles that is linked: ``pair, agreement, tension, title``."""
    pairs = relation_pairs(amap)
    kinds = pairs["relation"].map(lambda r: "agreement" if r in AGREEMENT else "tension")
    out = pd.crosstab(pairs["pair"], kinds).reindex(columns=["agreement", "tension"], fill_value=0).reset_index()
    out.columns.name = None
    out["title"] = [f"{p}: {a} agreement{'s' * (a != 1)}, {t} tension{'s' * (t != 1)}" for p, a, t in
                    zip(out["pair"], out["agreement"], out["tension"])]
    return out
