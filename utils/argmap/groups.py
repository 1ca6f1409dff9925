"""Agreement and tension between groups of articles: the map's links across articles, counted by
the groups of the two articles they join (a sub-folder such as ``pos/``, or a manifest column).

Groups differ in size, so counts alone mislead (two large groups have more article pairs to link);
each row also gives the links per 100 pairs of articles, the rate a reader can compare.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from utils import display
from utils.argmap.model import AGREEMENT, TENSION, ArgumentMap, shorten


def _across(amap: ArgumentMap, groups: pd.Series) -> pd.DataFrame:
    across = amap.relations[amap.relations["scope"] == "across"]
    # a link with an article outside the groups compared is left out
    across = across[across["source_article"].isin(groups.index) & across["target_article"].isin(groups.index)]
    a = across["source_article"].map(groups)
    b = across["target_article"].map(groups)
    lo, hi = a.where(a <= b, b), b.where(a <= b, a)
    kind = across["relation"].map(lambda r: "agreement" if r in AGREEMENT else "tension" if r in TENSION else "other")
    return across.assign(group_a=lo, group_b=hi, kind=kind)


def group_agreement(amap: ArgumentMap, groups: pd.Series) -> pd.DataFrame:
    """One row per pair of groups (a group with itself included): links across articles between
    their claims, agreements, tensions, the share of tension, and links per 100 article pairs.

    Args:
        amap: The map the views show (curated or draft), every article.
        groups: ``article_id -> group`` (:func:`utils.ingest.group_of`); links with an article
            it does not list are left out.

    Returns:
        ``group, other group, article pairs, links, agreement, tension, tension share (%),
        links per 100 article pairs``; pairs of groups no link joins are listed with zeros.
    """
    rel = _across(amap, groups)
    size = groups[groups.index.isin(amap.articles["article_id"])].value_counts()
    names = sorted(size.index)
    rows = []
    for i, ga in enumerate(names):
        for gb in names[i:]:
            sub = rel[(rel["group_a"] == ga) & (rel["group_b"] == gb)]
            pairs = size[ga] * (size[ga] - 1) // 2 if ga == gb else size[ga] * size[gb]
            agree, tension = int((sub["kind"] == "agreement").sum()), int((sub["kind"] == "tension").sum())
            rows.append(
                {
                    "group": ga,
                    "other group": gb,
                    "article pairs": int(pairs),
                    "links": len(sub),
                    "agreement": agree,
                    "tension": tension,
                    "tension share (%)": round(100 * tension / (agree + tension)) if agree + tension else 0,
                    "links per 100 article pairs": round(100 * len(sub) / pairs, 2) if pairs else 0.0,
                }
            )
    return pd.DataFrame(rows)


SHUFFLES = 999  # reshuffles of the articles' groups behind the headline's chance check


def shuffle_test(amap: ArgumentMap, groups: pd.Series, *, shuffles: int = SHUFFLES, seed: int = 0) -> dict[str, float]:
    """How often chance alone gives gaps between links inside groups and links across them as
    large as the map's: the articles' groups are reshuffled ``shuffles`` times (group sizes kept),
    and each time the gap in links per article pair and the gap in tension share are recomputed.

    Returns:
        ``p_links`` and ``p_tension``: the share of reshuffles (counting the map itself) with a gap
        at least as large either way; 1.0 when there is nothing to compare.
    """
    rel = _across(amap, groups)
    ids = groups[groups.index.isin(amap.articles["article_id"])]
    if rel.empty or ids.nunique() < 2:
        return {"p_links": 1.0, "p_tension": 1.0}
    pos = pd.Series(np.arange(len(ids)), index=ids.index)
    src, tgt = pos[rel["source_article"]].to_numpy(), pos[rel["target_article"]].to_numpy()
    tension = (rel["kind"] == "tension").to_numpy()
    typed = tension | (rel["kind"] == "agreement").to_numpy()
    labels = pd.factorize(ids)[0]
    size = np.bincount(labels)
    pairs_in = int((size * (size - 1) // 2).sum())
    pairs_x = len(ids) * (len(ids) - 1) // 2 - pairs_in

    def gaps(lab: np.ndarray) -> tuple[float, float]:
        same = lab[src] == lab[tgt]
        links = same.sum() / max(pairs_in, 1) - (~same).sum() / max(pairs_x, 1)
        t_in = (tension & same).sum() / max((typed & same).sum(), 1)
        t_x = (tension & ~same).sum() / max((typed & ~same).sum(), 1)
        return abs(links), abs(t_in - t_x)

    seen = gaps(labels)
    rng = np.random.default_rng(seed)
    shuffled = np.array([gaps(rng.permutation(labels)) for _ in range(shuffles)])
    return {
        "p_links": float((1 + (shuffled[:, 0] >= seen[0] - 1e-12).sum()) / (shuffles + 1)),
        "p_tension": float((1 + (shuffled[:, 1] >= seen[1] - 1e-12).sum()) / (shuffles + 1)),
    }


def group_headline(table: pd.DataFrame, chance: dict[str, float] | None = None) -> str:
    """One sentence comparing links inside groups with links across them (from :func:`group_agreement`),
    and, with ``chance`` (:func:`shuffle_test`), whether each gap is more than reshuffling the
    articles' groups gives."""
    same = table[table["group"] == table["other group"]]
    cross = table[table["group"] != table["other group"]]

    def rate(rows: pd.DataFrame) -> tuple[float, float]:
        pairs, links = rows["article pairs"].sum(), rows["links"].sum()
        tension = rows["tension"].sum() / max(rows["agreement"].sum() + rows["tension"].sum(), 1)
        return (100 * links / pairs if pairs else 0.0), 100 * tension

    (r_in, t_in), (r_x, t_x) = rate(same), rate(cross)
    out = (
        f"Inside groups: {r_in:.2f} links per 100 article pairs, {t_in:.0f} % of them tensions; "
        f"across groups: {r_x:.2f} links per 100 article pairs, {t_x:.0f} % tensions."
    )
    if chance:

        def said(p: float) -> str:
            return f"beyond chance (p = {p:.3f})" if p <= 0.05 else f"within chance (p = {p:.2f})"

        out += (
            f" Reshuffling the articles' groups {SHUFFLES} times: the gap in links is {said(chance['p_links'])}, "
            f"the gap in tension share {said(chance['p_tension'])}."
        )
    return out


def group_pair_drilldowns(amap: ArgumentMap, groups: pd.Series, *, n: int = 10) -> list[str]:
    """One collapsible list per pair of groups joined by any link: its ``n`` highest-scored links
    (the draft's score; a curated map lists in file order), each claim with its article and quote."""
    rel = _across(amap, groups)
    claims = amap.claims.set_index("claim_id")

    def describe(cid: str) -> str:
        return f"{claims.at[cid, 'article_id']} {cid}: “{shorten(str(claims.at[cid, 'quote']), 140)}”"

    out = []
    for (ga, gb), sub in rel.groupby(["group_a", "group_b"], sort=True):
        top = sub.sort_values("score", ascending=False, kind="stable").head(n)
        table = pd.DataFrame(
            {
                "relation": top["relation"],
                "claim": top["source"].map(describe),
                "other claim": top["target"].map(describe),
                "rationale": top["rationale"],
            }
        )
        title = f"{ga} × {gb}: the {len(top)} strongest of {len(sub):,} links"
        out.append(
            f'<details class="atlas-drill"><summary>{escape(title)}</summary>{display.html_table(table)}</details>'
        )
    return out
