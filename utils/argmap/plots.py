"""Views of an argument map: the whole map, the agreement/tension matrix, a concept view, one
argument tree per article, and each quote in its paragraph.

Layouts are computed here in plain Python (inches on the page), so nothing beyond matplotlib is
needed. Plot helpers take data and ``ax=None``, return the axes and never save.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from utils.argmap.model import ArgumentMap, shorten

ARTICLE_COLOURS = ["#264653", "#7b2cbf", "#2a6f97", "#8a5a00", "#b5179e", "#3a5a40", "#9d0208", "#5e548e"]
ACROSS_STYLE = {  # colour, line style, width
    "agrees": ("#2a9d8f", "solid", 2.0),
    "elaborates": ("#457b9d", "dashdot", 1.8),
    "qualifies": ("#f4a261", "dashed", 2.0),
    "contradicts": ("#d62828", "dotted", 2.6),
}
INSIDE_STYLE = {
    "supports": ("#6c757d", "solid", "+"),
    "attacks": ("#d62828", "solid", "−"),
    "undercuts": ("#d62828", "dotted", "⊘"),
}
ROLE_FILL = {"thesis": None, "claim": "#ffffff", "premise": "#ffffff", "evidence": "#f1f3f5"}
LEGEND_HEIGHT = 3.9  # inches the map legend needs
EM = 0.56  # average character width of DejaVu Sans, in em (measured 0.53; a little slack)


def article_colours(amap: ArgumentMap) -> dict[str, str]:
    """One colour per article, in the map's article order."""
    return {a: ARTICLE_COLOURS[i % len(ARTICLE_COLOURS)] for i, a in enumerate(amap.articles["article_id"])}


def wrap_label(text: str, *, width_in: float, size: float, bold: bool = False) -> list[str]:
    """Wrap text to fit a box ``width_in`` inches wide at font ``size`` points (bold runs wider)."""
    chars = max(8, int(width_in * 72 / (size * (EM + 0.07 * bold))))
    return textwrap.wrap(text, chars, break_on_hyphens=False) or [""]


def text_height(n_lines: int, size: float, *, pad: float = 0.09) -> float:
    """Height in inches of ``n_lines`` of text at ``size`` points, plus padding."""
    return n_lines * size * 1.22 / 72 + 2 * pad


def short_id(claim_id: str, article_id: str) -> str:
    """``000.C3`` -> ``C3`` inside its own article's group."""
    return claim_id[len(article_id) + 1 :] if claim_id.startswith(article_id + ".") else claim_id


# ---------------------------------------------------------------- outline of one article


def outline(amap: ArgumentMap, article_id: str) -> pd.DataFrame:
    """The article's claims as an outline: thesis first, each claim under the claim it relates to.

    A claim with several inside relations sits under the first one in the file; claims linked to
    nothing sit directly under the thesis (``relation`` empty).

    Returns:
        ``claim_id, depth, parent, relation`` in reading order (depth 0 = thesis or a root).
    """
    claims = amap.claims[amap.claims["article_id"] == article_id]
    inside = amap.relations[(amap.relations["scope"] == "inside") & (amap.relations["source_article"] == article_id)]
    rows = outline_rows(
        list(zip(claims["claim_id"], claims["role"])), list(zip(inside["source"], inside["target"], inside["relation"]))
    )
    return pd.DataFrame(rows, columns=["claim_id", "depth", "parent", "relation"])


def outline_rows(claims: list[tuple[str, str]], links: list[tuple[str, str, str]]) -> list[tuple[str, int, str, str]]:
    """:func:`outline` on plain lists: ``(claim_id, role)`` and ``(source, target, relation)``.

    Returns:
        ``(claim_id, depth, parent, relation)`` tuples in reading order.
    """
    parent = {}
    for source, target, relation in links:
        parent.setdefault(source, (target, relation))
    children = defaultdict(list)
    for cid, _ in claims:
        if cid in parent:
            children[parent[cid][0]].append(cid)
    theses = [cid for cid, role in claims if role == "thesis"]
    roots = theses + [cid for cid, _ in claims if cid not in parent and cid not in theses]
    rows, seen = [], set()

    def visit(cid: str, depth: int, up: str, rel: str) -> None:
        if cid in seen:
            return
        seen.add(cid)
        rows.append((cid, depth, up, rel))
        for child in children[cid]:
            visit(child, depth + 1, cid, parent[child][1])

    for root in roots:
        under_thesis = bool(theses) and root not in theses
        visit(root, 1 if under_thesis else 0, theses[0] if under_thesis else "", "")
    for cid, _ in claims:  # cycles: anything not reached yet
        visit(cid, 1 if theses else 0, theses[0] if theses else "", "")
    return rows


# ---------------------------------------------------------------- the whole map


def layout_map(
    amap: ArgumentMap, *, width: float = 12.5, island_width: float = 4.75, label_size: float = 10.0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place every claim: articles alternate between a left and a right column of groups, with a
    channel between them for the links across articles.

    Each group is an outline: thesis on top across the group, claims below, each supporting or
    attacking item indented under the claim it relates to.

    Returns:
        ``(nodes, groups)``: nodes with ``claim_id, article_id, x, y, w, h, lines, depth, parent,
        relation, side`` (x, y = top-left corner in inches, y growing downwards); groups with
        ``article_id, x, y, w, h, side``.
    """
    colours_side = {a: ("left" if i % 2 == 0 else "right") for i, a in enumerate(amap.articles["article_id"])}
    claims = amap.claims.set_index("claim_id")
    col_y = {"left": 0.0, "right": 0.0}
    nodes, groups = [], []
    indent, gap, head = 0.3, 0.07, 0.38
    for a in amap.articles["article_id"]:
        side = colours_side[a]
        x0 = 0.0 if side == "left" else width - island_width
        y = col_y[side] + head
        for r in outline(amap, a).itertuples():
            role = claims.at[r.claim_id, "role"]
            size = label_size + (1.2 if role == "thesis" else 0) - (0.6 if role in ("premise", "evidence") else 0)
            depth = r.depth
            w = island_width - 0.24 - indent * depth
            x = x0 + 0.12 + (indent * depth if side == "left" else 0)
            text = f"{short_id(r.claim_id, a)}  {claims.at[r.claim_id, 'label']}"
            lines = wrap_label(text, width_in=w - 0.16, size=size, bold=role == "thesis")
            h = text_height(len(lines), size, pad=0.07)
            nodes.append(
                dict(
                    claim_id=r.claim_id,
                    article_id=a,
                    role=role,
                    x=x,
                    y=y,
                    w=w,
                    h=h,
                    lines="\n".join(lines),
                    size=size,
                    depth=depth,
                    parent=r.parent,
                    relation=r.relation,
                    side=side,
                )
            )
            y += h + gap + (0.08 if role == "thesis" else 0)
        groups.append(dict(article_id=a, x=x0, y=col_y[side], w=island_width, h=y - col_y[side] + 0.05, side=side))
        col_y[side] = y + 0.45
    return pd.DataFrame(nodes), pd.DataFrame(groups)


def _add(ax: plt.Axes, patch) -> None:
    """Add a box or arrow without growing the data limits from its curve (every view here sets
    its limits itself; matplotlib's bezier extrema for 100 rounded boxes cost a quarter second)."""
    ax.add_artist(patch)


def _box(ax: plt.Axes, node, *, edge: str, fill: str, lw: float, weight: str = "normal", style: str = "normal") -> None:
    _add(
        ax,
        FancyBboxPatch(
            (node.x, -node.y - node.h),
            node.w,
            node.h,
            boxstyle="round,pad=0,rounding_size=0.05",
            fc=fill,
            ec=edge,
            lw=lw,
            zorder=3,
        ),
    )
    ax.text(
        node.x + 0.08,
        -node.y - 0.07,
        node.lines,
        va="top",
        ha="left",
        fontsize=node.size,
        fontweight=weight,
        fontstyle=style,
        zorder=4,
        linespacing=1.1,
        color="#1d1d1d",
    )


def _tint(colour: str, amount: float) -> tuple[float, float, float]:

    r, g, b = to_rgb(colour)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


def draw_groups(
    ax: plt.Axes, amap: ArgumentMap, nodes: pd.DataFrame, groups: pd.DataFrame, *, colours: dict[str, str] | None = None
) -> None:
    """Draw each article's group: frame, title, boxes and the outline connectors inside it."""
    colours = colours or article_colours(amap)
    short = amap.articles.set_index("article_id")["short"]
    for g in groups.itertuples():
        c = colours[g.article_id]
        _add(
            ax,
            FancyBboxPatch(
                (g.x, -g.y - g.h),
                g.w,
                g.h,
                boxstyle="round,pad=0,rounding_size=0.12",
                fc=_tint(c, 0.06),
                ec=_tint(c, 0.55),
                lw=1.2,
                zorder=1,
            ),
        )
        fits = int((g.w - 0.24) * 72 / (11.5 * (EM + 0.07)))
        ax.text(
            g.x + 0.12,
            -g.y - 0.06,
            shorten(short[g.article_id], fits),
            va="top",
            ha="left",
            fontsize=11.5,
            fontweight="bold",
            color=c,
            zorder=4,
        )
    by_id = nodes.set_index("claim_id")
    badges = defaultdict(list)
    for n in nodes.itertuples():
        c = colours[n.article_id]
        if n.role == "thesis":
            _box(ax, n, edge=c, fill=_tint(c, 0.22), lw=2.2, weight="bold")
        else:
            _box(
                ax,
                n,
                edge=c if n.role == "claim" else "#adb5bd",
                fill=ROLE_FILL[n.role],
                lw=1.3 if n.role == "claim" else 0.9,
                style="italic" if n.role == "evidence" else "normal",
            )
        if n.parent and n.relation:  # the outline connector runs on the outer side of the group
            p = by_id.loc[n.parent]
            colour, ls, glyph = INSIDE_STYLE[n.relation]
            xk, xn = (p.x + 0.16, n.x) if n.side == "left" else (p.x + p.w - 0.16, n.x + n.w)
            ax.plot([xk, xk, xn], [-p.y - p.h, -n.y - n.h / 2, -n.y - n.h / 2], color=colour, ls=ls, lw=1.3, zorder=2)
            badges[n.relation].append((xk, -n.y - n.h / 2))
    draw_badges(ax, badges)


def draw_badges(ax: plt.Axes, badges: dict[str, list[tuple[float, float]]], *, size: float = 70) -> None:
    """A small disc with +, − or ⊘ where an item joins the claim it supports, attacks or undercuts."""
    for relation, points in badges.items():
        colour, _, glyph = INSIDE_STYLE[relation]
        xs, ys = zip(*points)
        ax.scatter(xs, ys, s=size, c=colour, zorder=5, linewidths=0)
        ax.scatter(xs, ys, s=size * 0.45, c="white", marker=f"${glyph}$", zorder=6, linewidths=0)


def _port(node, other_x: float) -> tuple[float, float]:
    x = node.x + node.w if other_x > node.x + node.w / 2 else node.x
    return x, -node.y - node.h / 2


def draw_across(ax: plt.Axes, amap: ArgumentMap, nodes: pd.DataFrame, *, number: bool = True) -> pd.DataFrame:
    """Draw the relations across articles as curves through the channel between the columns.

    Returns:
        The drawn relations with the ``number`` shown on each curve (the list under the figure).
    """
    by_id = nodes.set_index("claim_id")
    across = amap.relations[
        (amap.relations["scope"] == "across")
        & amap.relations["source"].isin(by_id.index)
        & amap.relations["target"].isin(by_id.index)
    ].reset_index(drop=True)
    mid_x = (
        (
            nodes.loc[nodes["side"] == "left", "x"].add(nodes.loc[nodes["side"] == "left", "w"]).max()
            + nodes.loc[nodes["side"] == "right", "x"].min()
        )
        / 2
        if (nodes["side"] == "right").any()
        else nodes["x"].max()
    )
    placed: list[tuple[float, float]] = []
    rings: list[str] = []
    for i, r in enumerate(across.itertuples(), start=1):
        s, t = by_id.loc[r.source], by_id.loc[r.target]
        (x1, y1), (x2, y2) = _port(s, mid_x), _port(t, mid_x)
        colour, ls, lw = ACROSS_STYLE[r.relation]
        if s.side == t.side:  # bow into the channel: the curve's middle sits `bulge` inches off the column
            bulge = min(1.6, 0.45 + abs(y2 - y1) * 0.1) * (1 + 0.1 * (i % 4))
            rad = (1 if s.side == "left" else -1) * 2 * bulge / (y2 - y1 if abs(y2 - y1) > 0.05 else 0.05)
        else:
            rad = 0.06 * ((i % 5) - 2)
        arrow = "-|>" if r.relation in ("qualifies", "elaborates") else "-"
        patch = FancyArrowPatch(
            (x1, y1),
            (x2, y2),
            connectionstyle=f"arc3,rad={rad:.3f}",
            arrowstyle=arrow,
            mutation_scale=14,
            color=colour,
            lw=lw,
            ls=ls,
            alpha=0.9,
            zorder=2.5,
            shrinkA=1,
            shrinkB=1,
        )
        _add(ax, patch)
        if number:
            placed.append(_free_point((x1, y1), (x2, y2), rad, placed))
            rings.append(colour)
    if placed:  # numbered discs: one scatter for the discs, plain text for the numbers
        xs, ys = zip(*placed)
        ax.scatter(xs, ys, s=230, c="white", edgecolors=rings, linewidths=1.4, zorder=6)
        for i, (x, y, c) in enumerate(zip(xs, ys, rings), start=1):
            ax.text(
                x,
                y,
                str(i),
                ha="center",
                va="center_baseline",
                fontsize=9 if i < 10 else 8,
                fontweight="bold",
                color=c,
                zorder=7,
            )
    return across.assign(number=range(1, len(across) + 1))


def _free_point(
    p1: tuple[float, float],
    p2: tuple[float, float],
    rad: float,
    placed: list[tuple[float, float]],
    *,
    clearance: float = 0.3,
) -> tuple[float, float]:
    """A point on the curve at least ``clearance`` inches from the numbers already placed
    (trying the middle first), so the numbers on crossing curves do not hide each other."""
    best, best_gap = None, -1.0
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8):
        pt = _curve_point(p1, p2, rad, t=t)
        gap = min((abs(pt[0] - q[0]) ** 2 + abs(pt[1] - q[1]) ** 2) ** 0.5 for q in placed) if placed else 9.0
        if gap >= clearance:
            return pt
        if gap > best_gap:
            best, best_gap = pt, gap
    return best


def _curve_point(
    p1: tuple[float, float], p2: tuple[float, float], rad: float, *, t: float = 0.5
) -> tuple[float, float]:
    """The point at ``t`` (0..1) of an ``arc3`` curve (a quadratic Bezier) between two points."""
    (x1, y1), (x2, y2) = p1, p2
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t**2
    return a * x1 + b * cx + c * x2, a * y1 + b * cy + c * y2


def map_legend(ax: plt.Axes, *, loc: str = "lower right") -> None:
    """The legend of the whole map: roles, links inside an article, links across articles."""
    handles = [
        Patch(fc=_tint("#264653", 0.22), ec="#264653", lw=2, label="thesis (bold)"),
        Patch(fc="white", ec="#264653", label="main claim"),
        Patch(fc="white", ec="#adb5bd", label="premise"),
        Patch(fc=ROLE_FILL["evidence"], ec="#adb5bd", label="evidence (italic)"),
    ]
    handles += [
        Line2D(
            [],
            [],
            color=c,
            ls=ls,
            lw=1.5,
            marker=f"${g}$" if g != "⊘" else "o",
            markersize=7,
            label=f"{g}  {name} the claim above it",
        )
        for name, (c, ls, g) in INSIDE_STYLE.items()
    ]
    handles += [
        Line2D(
            [],
            [],
            color=c,
            ls=ls,
            lw=lw,
            label=f"{name} (across articles){' →' if name in ('qualifies', 'elaborates') else ''}",
        )
        for name, (c, ls, lw) in ACROSS_STYLE.items()
    ]
    ax.legend(
        handles=handles,
        loc=loc,
        fontsize=10,
        frameon=True,
        title="How to read the map",
        title_fontsize=10,
        handlelength=3.2,
        borderpad=0.8,
        labelspacing=0.6,
    )


def plot_argument_map(
    amap: ArgumentMap,
    *,
    ax: plt.Axes | None = None,
    width: float = 12.5,
    title: str = "",
    colours: dict[str, str] | None = None,
) -> plt.Axes:
    """The whole map: one group per article (thesis on top, claims and their support indented
    beneath), and the agreements and tensions across articles as numbered curves between groups.

    Args:
        amap: A curated or draft map.
        ax: Axes to draw on; a figure sized to the map is made if omitted.
        width: Page width in inches.
        title: A title stating the finding, drawn above the map.
        colours: Article colours (default :func:`article_colours`); pass the full map's colours
            when drawing part of it, so each article keeps its colour.

    Returns:
        The axes; ``ax.across`` holds the numbered relations (for the list under the figure).
    """
    nodes, groups = layout_map(amap, width=width)
    bottoms = {side: float((g["y"] + g["h"]).max()) for side, g in groups.groupby("side")}
    height = max(bottoms.values()) + 0.2
    free_side = min(("left", "right"), key=lambda side: bottoms.get(side, 0.0))
    legend_room = LEGEND_HEIGHT - (height - bottoms.get(free_side, 0.0))
    extra = max(0.0, legend_room)  # room under the map when neither column leaves enough for the legend
    top = 0.45 if title else 0.05
    if ax is None:
        _, ax = plt.subplots(figsize=(width, height + top + extra), layout="none")
        ax.figure.subplots_adjust(0, 0, 1, 1)
    if title:
        ax.text(
            0,
            0.4,
            textwrap.fill(title, 120, break_on_hyphens=False),
            ha="left",
            va="top",
            fontsize=12.5,
            fontweight="bold",
            color="#1d1d1d",
        )
        ax.figure.set_label(title)  # drawn as text for exact placement; the label is its alt text in reports
    draw_groups(ax, amap, nodes, groups, colours=colours)
    draw_secondary(ax, amap, nodes)
    ax.across = draw_across(ax, amap, nodes)
    ax.set_xlim(-0.05, width + 0.05)
    ax.set_ylim(-height - extra, top)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.grid(False)
    map_legend(ax, loc=f"lower {free_side}")
    return ax


def draw_secondary(ax: plt.Axes, amap: ArgumentMap, nodes: pd.DataFrame) -> None:
    """Inside relations the outline could not show (an item that supports two claims): a thin arc
    on the outer side of the group, with its badge."""
    by_id = nodes.set_index("claim_id")
    shown = set(zip(nodes["claim_id"], nodes["parent"]))
    inside = amap.relations[
        (amap.relations["scope"] == "inside")
        & amap.relations["source"].isin(by_id.index)
        & amap.relations["target"].isin(by_id.index)
    ]
    badges = defaultdict(list)
    for r in inside.itertuples():
        if (r.source, r.target) in shown:
            continue
        s, t = by_id.loc[r.source], by_id.loc[r.target]
        left = s.side == "left"
        x1, x2 = (s.x, t.x) if left else (s.x + s.w, t.x + t.w)
        y1, y2 = -s.y - s.h / 2, -t.y - t.h / 2
        rad = (-1 if left else 1) * 2 * 0.35 / (y2 - y1 if abs(y2 - y1) > 0.05 else 0.05)
        colour, ls, _ = INSIDE_STYLE[r.relation]
        _add(
            ax,
            FancyArrowPatch(
                (x1, y1),
                (x2, y2),
                connectionstyle=f"arc3,rad={rad:.3f}",
                arrowstyle="-|>",
                mutation_scale=10,
                color=colour,
                ls=ls,
                lw=1.1,
                zorder=2,
            ),
        )
        badges[r.relation].append(_curve_point((x1, y1), (x2, y2), rad))
    draw_badges(ax, badges)


# ---------------------------------------------------------------- one tree per article


def layout_tree(amap: ArgumentMap, article_id: str, *, width: float = 11.0, size: float = 8.5) -> pd.DataFrame:
    """A top-down tree of one article: thesis on top, each item under the claim it relates to.

    Leaves get equal slots from left to right and every parent is centred over its children.

    Returns:
        ``claim_id, parent, relation, depth, x, y, w, h, lines, role`` (x = centre, y = top, inches).
    """
    rows = outline(amap, article_id)
    claims = amap.claims.set_index("claim_id")
    children = defaultdict(list)
    for r in rows.itertuples():
        children[r.parent].append(r.claim_id)
    order: list[str] = []

    def leaves(cid: str) -> None:
        if not children[cid]:
            order.append(cid)
        for child in children[cid]:
            leaves(child)

    for root in rows.loc[rows["parent"] == "", "claim_id"]:
        leaves(root)
    slot = width / max(len(order), 1)
    x = {cid: (i + 0.5) * slot for i, cid in enumerate(order)}

    def centre(cid: str) -> float:
        if cid not in x:
            x[cid] = sum(centre(c) for c in children[cid]) / len(children[cid])
        return x[cid]

    out = []
    for r in rows.itertuples():
        role = claims.at[r.claim_id, "role"]
        w = min(width * 0.45, 3.6) if role == "thesis" else min(slot * 0.94, 2.4)
        head = f"{short_id(r.claim_id, article_id)} · {claims.at[r.claim_id, 'type']}"
        lines = [head] + wrap_label(claims.at[r.claim_id, "label"], width_in=w - 0.12, size=size)
        out.append(
            dict(
                claim_id=r.claim_id,
                parent=r.parent,
                relation=r.relation,
                depth=r.depth,
                x=centre(r.claim_id),
                w=w,
                h=text_height(len(lines), size, pad=0.06),
                lines="\n".join(lines),
                role=role,
            )
        )
    df = pd.DataFrame(out)
    level_h = df.groupby("depth")["h"].max()
    tops = (level_h + 0.42).cumsum().shift(fill_value=0.0)
    df["y"] = df["depth"].map(tops)
    return df


def _tree_arrow(ax: plt.Axes, start: tuple, end: tuple, *, colour: str, style: str, **kw) -> None:
    """An arrow of a per-article tree, from a claim to the claim it supports or attacks."""
    _add(ax, FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, color=colour, ls=style, zorder=2, **kw))


def plot_argument_tree(
    amap: ArgumentMap, article_id: str, *, ax: plt.Axes | None = None, width: float = 11.0
) -> plt.Axes:
    """One article's argument as a tree: arrows point from each item to the claim it supports
    (grey, +), attacks (red, −) or undercuts (red dotted, ⊘)."""
    nodes = layout_tree(amap, article_id, width=width)
    height = float((nodes["y"] + nodes["h"]).max()) + 0.1
    if ax is None:
        _, ax = plt.subplots(figsize=(width, height), layout="none")
        ax.figure.subplots_adjust(0, 0, 1, 1)
    colour = article_colours(amap)[article_id]
    by_id = nodes.set_index("claim_id")
    badges = defaultdict(list)
    for n in nodes.itertuples():
        thesis = n.role == "thesis"
        _add(
            ax,
            FancyBboxPatch(
                (n.x - n.w / 2, -n.y - n.h),
                n.w,
                n.h,
                boxstyle="round,pad=0,rounding_size=0.05",
                fc=_tint(colour, 0.22) if thesis else ROLE_FILL[n.role],
                lw=2 if thesis else 1,
                ec=colour if n.role in ("thesis", "claim") else "#adb5bd",
                zorder=3,
            ),
        )
        ax.text(
            n.x - n.w / 2 + 0.06,
            -n.y - 0.06,
            n.lines,
            va="top",
            ha="left",
            fontsize=8.5,
            linespacing=1.1,
            zorder=4,
            fontweight="bold" if thesis else "normal",
            fontstyle="italic" if n.role == "evidence" else "normal",
        )
        if n.parent and n.relation:
            p = by_id.loc[n.parent]
            c, ls, _ = INSIDE_STYLE[n.relation]
            _tree_arrow(ax, (n.x, -n.y), (p.x, -p.y - p.h), colour=c, style=ls, lw=1.3, shrinkA=0, shrinkB=0)
            badges[n.relation].append(((n.x + p.x) / 2, (-n.y - p.y - p.h) / 2))
    inside = amap.relations[(amap.relations["scope"] == "inside") & (amap.relations["source_article"] == article_id)]
    shown = set(zip(nodes["claim_id"], nodes["parent"]))
    for r in inside.itertuples():
        if (r.source, r.target) not in shown:
            s, t = by_id.loc[r.source], by_id.loc[r.target]
            c, ls, _ = INSIDE_STYLE[r.relation]
            _tree_arrow(
                ax,
                (s.x, -s.y),
                (t.x, -t.y - t.h),
                colour=c,
                style=ls,
                lw=1.0,
                connectionstyle="arc3,rad=0.15",
                alpha=0.8,
            )
    draw_badges(ax, badges, size=60)
    ax.set_xlim(0, width)
    ax.set_ylim(-height, 0.05)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_argument_trees(amap: ArgumentMap, *, width: float = 11.0) -> plt.Figure:
    """Every article's tree in one figure, one panel per article with its title."""
    heights = []
    for a in amap.articles["article_id"]:
        t = layout_tree(amap, a, width=width)
        heights.append(float((t["y"] + t["h"]).max()) + 0.45)
    fig, axes = plt.subplots(
        len(heights), 1, figsize=(width, sum(heights)), layout="none", height_ratios=heights, squeeze=False
    )
    fig.subplots_adjust(0, 0, 1, 1, hspace=0)
    short = amap.articles.set_index("article_id")["short"]
    colours = article_colours(amap)
    for ax, a, h in zip(axes[:, 0], amap.articles["article_id"], heights):
        plot_argument_tree(amap, a, ax=ax, width=width)
        ax.set_ylim(-h + 0.45, 0.4)
        ax.text(0.02, 0.36, short[a], ha="left", va="top", fontsize=11, fontweight="bold", color=colours[a])
    return fig


# ---------------------------------------------------------------- concepts and quotes
