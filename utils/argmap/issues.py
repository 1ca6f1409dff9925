"""The issue view of an argument map: the links across articles grouped by the point they share,
each article's position on that point side by side, agreement and clash marked. A reader follows
one point at a time instead of one drawing of every curve; hovering or focusing a claim shows its
quote. All text is escaped.
"""

from __future__ import annotations

import heapq
from collections import Counter
from html import escape

import pandas as pd

from utils.argmap.model import AGREEMENT, TENSION, ArgumentMap

# How a claim stands towards the point, by relation and by which end of it the claim is.
STANCE = {
    ("agrees", True): "agrees",
    ("agrees", False): "agrees",
    ("elaborates", True): "elaborates the point",
    ("elaborates", False): "is elaborated by the point",
    ("qualifies", True): "qualifies the point",
    ("qualifies", False): "is qualified by the point",
    ("contradicts", True): "contradicts",
    ("contradicts", False): "contradicts",
}


def issue_groups(amap: ArgumentMap) -> list[tuple[str, pd.DataFrame]]:
    """Group the links across articles by the claim they meet at.

    The claim with the most links across articles still unplaced becomes a point (ties: the claim
    listed first); its links form the group; repeat until every link across articles is in one
    group. Largest groups first.

    Returns:
        ``(point claim id, its links)`` pairs; each link once in all the groups.
    """
    across = amap.relations[amap.relations["scope"] == "across"]
    ends = list(zip(across["source"], across["target"]))
    order = {cid: i for i, cid in enumerate(amap.claims["claim_id"])}
    links_of: dict[str, list[int]] = {}
    for i, pair in enumerate(ends):
        for cid in set(pair):
            links_of.setdefault(cid, []).append(i)
    degree = Counter({cid: len(ix) for cid, ix in links_of.items()})
    # A heap of (-degree, order, claim); an entry whose degree has dropped since is skipped.
    heap = [(-d, order.get(cid, 0), cid) for cid, d in degree.items()]
    heapq.heapify(heap)
    placed: set[int] = set()
    groups = []
    while heap:
        neg, _, hub = heapq.heappop(heap)
        if -neg != degree[hub] or degree[hub] == 0:
            continue
        mine = [i for i in links_of[hub] if i not in placed]
        placed.update(mine)
        for i in mine:
            for cid in set(ends[i]):
                degree[cid] -= 1
                if cid != hub and degree[cid]:
                    heapq.heappush(heap, (-degree[cid], order.get(cid, 0), cid))
        groups.append((hub, across.iloc[mine]))
    return sorted(groups, key=lambda g: -len(g[1]))


def claim_span(claim: pd.Series) -> str:
    """A claim's id and label; its quote shows on hover or keyboard focus (and in print)."""
    return (
        f'<span class="atlas-claim" tabindex="0"><b>{escape(claim["claim_id"])}</b> {escape(claim["label"])}'
        f'<span class="atlas-quote">“{escape(claim["quote"])}”</span></span>'
    )


def describe_origin(curated: bool) -> str:
    """The report's line on how its map was made."""
    if curated:
        return "argument map curated by an analyst, every quote checked word for word against its article"
    return "automatic draft of the argument map (no curated map for this corpus): check every item against its quote"


TOP_POINTS = 40  # points shown in full; the rest are counted, and every link is in the exported relations


def issue_sections(
    amap: ArgumentMap, *, open_: bool = True, top: int = TOP_POINTS, csv: str = "argument-map/draft-relations.csv"
) -> list[str]:
    """One collapsible section per point: the point's claim first, then each claim linked to it,
    with its article, how it stands towards the point (agreement teal, tension orange) and the
    link's rationale.

    Past ``top`` points (a large corpus) only the ``top`` with the most links are shown, under a
    note that says so and names ``csv``, the exported table with every link. Only the first three
    sections start open.
    """
    claims = amap.claims.set_index("claim_id", drop=False)
    short = amap.articles.set_index("article_id")["short"]
    groups = issue_groups(amap)
    out = []
    if len(groups) > top:
        n_links = sum(len(g) for _, g in groups)
        shown = sum(len(g) for _, g in groups[:top])
        out.append(
            f'<p class="atlas-note">Showing the {top} points with the most links ({shown:,} of {n_links:,} links '
            f"across articles), of {len(groups):,} points; every link is in {escape(csv)}.</p>"
        )
        groups = groups[:top]
    for n, (hub, links) in enumerate(groups, start=1):
        flag = " open" if open_ and n <= 3 else ""
        point = claims.loc[hub]
        agree = int(links["relation"].isin(AGREEMENT).sum())
        tension = int(links["relation"].isin(TENSION).sum())
        cards = [
            f'<div class="atlas-pos atlas-point"><div class="atlas-art">{escape(str(short.get(point["article_id"], point["article_id"])))}</div>'
            f'{claim_span(point)}<div class="atlas-stance">the point</div></div>'
        ]
        for link in links.itertuples():
            is_source = link.target == hub
            other = claims.loc[link.source if is_source else link.target]
            cls = "atlas-agree" if link.relation in AGREEMENT else "atlas-clash"
            mark = "✔" if link.relation in AGREEMENT else "✖"
            why = f'<div class="atlas-why">{escape(str(link.rationale))}</div>' if str(link.rationale).strip() else ""
            cards.append(
                f'<div class="atlas-pos"><div class="atlas-art">{escape(str(short.get(other["article_id"], other["article_id"])))}</div>'
                f'{claim_span(other)}<div class="atlas-stance {cls}">{mark} {STANCE[(link.relation, is_source)]}</div>{why}</div>'
            )
        title = f"Point {n}: {point['label']} ({agree} agreement{'s' * (agree != 1)}, {tension} tension{'s' * (tension != 1)})"
        out.append(
            f'<details class="atlas-drill atlas-issue"{flag}><summary>{escape(title)}</summary>'
            f'<div class="atlas-issue-grid">{"".join(cards)}</div></details>'
        )
    if not groups:
        out.append('<p class="atlas-note">No link across articles in this map.</p>')
    return out
