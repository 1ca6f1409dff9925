"""Tables behind the views of an argument map: agreement and tension between articles (the
claim pairs behind each cell of the matrix), the claims about one concept, each quote in its
paragraph, and the part of a large map worth drawing. Everything shown as HTML is escaped by
:mod:`utils.display`."""

from __future__ import annotations

from html import escape

import pandas as pd

from utils import display
from utils.argmap.model import ACROSS, AGREEMENT, TENSION, ArgumentMap, shorten
from utils.argmap.plots import article_colours, outline, short_id
from utils.paths import slugify
from utils.text import plural


def agreement_matrix(amap: ArgumentMap) -> pd.DataFrame:
    """Per pair of articles (both orders): how many relations of each kind link their claims.

    Returns:
        ``article_a, article_b`` plus one column per relation across articles, ``agreement``
        (agrees + elaborates) and ``tension`` (qualifies + contradicts); every ordered pair of
        distinct articles appears, with zeros where nothing links them.
    """
    ids = amap.articles["article_id"].tolist()
    across = amap.relations[amap.relations["scope"] == "across"]
    both = pd.concat(
        [
            across.rename(columns={"source_article": "article_a", "target_article": "article_b"}),
            across.rename(columns={"source_article": "article_b", "target_article": "article_a"}),
        ]
    )
    counts = pd.crosstab([both["article_a"], both["article_b"]], both["relation"]).reindex(
        columns=list(ACROSS), fill_value=0
    )
    grid = pd.MultiIndex.from_tuples([(a, b) for a in ids for b in ids if a != b], names=["article_a", "article_b"])
    out = counts.reindex(grid, fill_value=0).reset_index()
    out.columns.name = None
    out["agreement"] = out[list(AGREEMENT)].sum(axis=1)
    out["tension"] = out[list(TENSION)].sum(axis=1)
    return out


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
    return pd.DataFrame(
        {
            "pair": across["pair"],
            "relation": across["relation"],
            "claim": across["source"].map(describe),
            "other claim": across["target"].map(describe),
            "rationale": across["rationale"],
        }
    ).reset_index(drop=True)


def pair_summaries(amap: ArgumentMap) -> pd.DataFrame:
    """One row per pair of articles that is linked: ``pair, agreement, tension, title``."""
    pairs = relation_pairs(amap)
    kinds = pairs["relation"].map(lambda r: "agreement" if r in AGREEMENT else "tension")
    out = pd.crosstab(pairs["pair"], kinds).reindex(columns=["agreement", "tension"], fill_value=0).reset_index()
    out.columns.name = None
    out["title"] = [
        f"{p}: {a} agreement{'s' * (a != 1)}, {t} tension{'s' * (t != 1)}"
        for p, a, t in zip(out["pair"], out["agreement"], out["tension"])
    ]
    return out


def _pair_anchor(pair: str) -> str:

    return "pair-" + slugify(pair.replace(" × ", "-x-"))


def pair_drilldowns(amap: ArgumentMap, *, open_: bool = True) -> list[str]:
    """One section per linked pair of articles listing the claim pairs behind its matrix cell;
    each section has the id the cell of :func:`matrix_html` links to. All text is escaped."""

    pairs = relation_pairs(amap)
    flag = " open" if open_ else ""
    return [
        f'<details class="atlas-drill" id="{_pair_anchor(row.pair)}"{flag}><summary>{escape(row.title)}</summary>'
        f"{display.html_table(pairs[pairs['pair'] == row.pair].drop(columns='pair'))}</details>"
        for row in pair_summaries(amap).itertuples()
    ]


def _cell_colour(agree: int, tension: int, top: int) -> str:
    base = (42, 157, 143) if agree > tension else (244, 162, 97) if tension > agree else (173, 181, 189)
    strength = 0.15 + 0.55 * (agree + tension) / max(top, 1)
    r, g, b = (round(255 - strength * (255 - c)) for c in base)
    return f"#{r:02x}{g:02x}{b:02x}"


def matrix_html(amap: ArgumentMap) -> str:
    """The article x article agreement / tension matrix as an HTML table (text escaped).

    Each cell counts the links between the two articles' claims (agreements: agrees, elaborates;
    tensions: qualifies, contradicts) with the detail by kind, is tinted teal when agreement
    leads, orange when tension leads, grey when even (darker = more links), and links to the
    section listing its claim pairs (:func:`pair_drilldowns`).
    """

    m = agreement_matrix(amap).set_index(["article_a", "article_b"])
    ids, short = amap.articles["article_id"].tolist(), amap.articles.set_index("article_id")["short"]
    claims = amap.claims.groupby("article_id").size()
    top = int(m[["agreement", "tension"]].sum(axis=1).max()) if len(m) else 1
    cell = "padding:.5em .6em;text-align:center !important;vertical-align:middle;border:3px solid white;min-width:8.5em"
    head = "".join(f'<th style="{cell};font-weight:600">{escape(short[a])}</th>' for a in ids)
    rows = []
    for a in ids:
        tds = [f'<th style="{cell};text-align:right !important;font-weight:600">{escape(short[a])}</th>']
        for b in ids:
            if a == b:
                tds.append(
                    f'<td style="{cell};background:#f1f3f5;color:#6c757d">{escape(a)}<br>{int(claims.get(a, 0))} claims</td>'
                )
                continue
            r = m.loc[(a, b)]
            agree, tension = int(r["agreement"]), int(r["tension"])
            detail = ", ".join(f"{int(r[k])} {k}" for k in ACROSS if r[k]) or "no link"
            text = (
                f"<b>{agree} agreement{'s' * (agree != 1)}<br>{tension} tension{'s' * (tension != 1)}</b>"
                f'<br><span style="font-size:11.5px;color:#343a40">{escape(detail)}</span>'
            )
            pair = " × ".join(sorted((a, b)))
            link = (
                f'<a href="#{_pair_anchor(pair)}" style="color:inherit;text-decoration:none">{text}</a>'
                if agree + tension
                else text
            )
            tds.append(f'<td style="{cell};background:{_cell_colour(agree, tension, top)}">{link}</td>')
        rows.append(f"<tr>{''.join(tds)}</tr>")
    key = (
        '<p class="atlas-note">Teal: more agreement (agrees, elaborates); orange: more tension (qualifies, contradicts); '
        "grey: as much of each; darker: more links. Click a cell for its claim pairs. The matrix is symmetric.</p>"
    )
    return (
        f'<table style="border-collapse:collapse;font-size:13px"><tr><th></th>{head}</tr>{"".join(rows)}</table>{key}'
    )


def map_headline(amap: ArgumentMap) -> str:
    """One sentence on agreement and tension across the map, computed from it.

    Example:
        ``"All 10 pairs of the 5 articles are linked; 19 links agree and 12 pull apart."``
    """
    n = len(amap.articles)
    if n < 2:
        return f"{plural(n, 'article')}: there is nothing to compare across articles."
    pairs = pair_summaries(amap)
    across = amap.relations[amap.relations["scope"] == "across"]
    agree = int(across["relation"].isin(AGREEMENT).sum())
    tension = int(across["relation"].isin(TENSION).sum())
    total = n * (n - 1) // 2
    if not len(pairs):
        which = (
            "The 2 articles are not linked"
            if n == 2
            else f"None of the {total:,} pairs of the {n:,} articles is linked"
        )
        if amap.kind != "draft":
            return f"{which}: the map has no relation across articles."
        return (
            f"{which}: no claims of two articles share enough specific content (weaker candidate "
            "links are listed with the automatic draft below)."
        )
    if n == 2:
        linked = "The 2 articles are"
    elif len(pairs) == total:
        linked = f"All {total:,} pairs of the {n:,} articles are"
    else:
        linked = f"{len(pairs):,} of {total:,} pairs of the {n:,} articles are"
    both = int(((pairs["agreement"] > 0) & (pairs["tension"] > 0)).sum())
    return (
        f"{linked} linked ({both:,} with both agreement and tension); "
        f"{agree:,} link{'s' * (agree != 1)} agree{'s' * (agree == 1)} and {tension:,} pull{'s' * (tension == 1)} apart."
    )


def numbered_relations(amap: ArgumentMap, across: pd.DataFrame) -> pd.DataFrame:
    """The list under the whole map: number, the two claims (id and label), relation, rationale."""
    label = amap.claims.set_index("claim_id")["label"]
    return pd.DataFrame(
        {
            "#": across["number"],
            "claim": across["source"] + ": " + across["source"].map(label),
            "relation": across["relation"],
            "other claim": across["target"] + ": " + across["target"].map(label),
            "rationale": across["rationale"],
        }
    )


def concept_mentions(amap: ArgumentMap, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of a concept by a claim: tagged with it in the map (``surface`` empty), or a
    hit (``utils.concepts.concept_hits``, offsets in the cleaned article text) inside its quote.

    Returns:
        ``row`` (position of the claim in ``amap.claims``), ``concept``, ``surface``: tags first,
        then hits in the order of the claims and, within a claim, of the hits.
    """
    c = amap.claims.reset_index(drop=True)
    tags = c["concepts"].str.split(";").explode().str.strip()
    parts = [pd.DataFrame({"row": tags.index, "concept": tags.to_numpy(), "surface": ""})]
    if hits is not None and not hits.empty:
        quotes = pd.DataFrame({"row": c.index, "article_id": c["article_id"], "start": c["start"], "end": c["end"]})
        h = hits[["article_id", "start", "end", "concept", "surface"]].astype({"concept": "str"})
        # one pass over all claims: each hit joined to the claims of its article, kept when inside the quote
        pairs = quotes.merge(h.rename(columns={"start": "hit_start", "end": "hit_end"}), on="article_id")
        inside = (pairs["hit_start"] >= pairs["start"]) & (pairs["hit_end"] <= pairs["end"])
        parts.append(pairs.loc[inside, ["row", "concept", "surface"]])
    out = pd.concat(parts, ignore_index=True)
    return out[out["concept"].fillna("").ne("")].reset_index(drop=True)


def concept_claims(amap: ArgumentMap, concept: str, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims that mention a concept: tagged with it in the map, or whose quote contains a hit
    (:func:`concept_mentions`).

    Returns:
        ``claim_id, article_id, role, label, how`` (``tagged``, ``in quote: <words>`` or both).
    """
    c = amap.claims.reset_index(drop=True)
    m = concept_mentions(amap, hits)
    m = m[m["concept"] == concept]
    tagged = c.index.isin(m.loc[m["surface"].eq(""), "row"])
    words = m[m["surface"].ne("")].groupby("row", sort=False)["surface"].agg(lambda s: ", ".join(dict.fromkeys(s)))
    found = pd.Series("", index=c.index, dtype="str")
    found.loc[words.index] = ("in quote: " + words).to_numpy()
    how = [("tagged; " if t else "") + f for t, f in zip(tagged, found)]
    out = c.assign(how=[h.strip("; ") for h in how])[tagged | found.ne("")]
    return out[["claim_id", "article_id", "role", "label", "how"]].reset_index(drop=True)


def concept_reach(amap: ArgumentMap, hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """For every concept: how many claims mention it (:func:`concept_mentions`), in how many articles.

    Returns:
        ``concept, claims, articles``, the concepts reaching most articles (then most claims) first.
    """
    m = concept_mentions(amap, hits).drop_duplicates(["row", "concept"])
    m["article_id"] = amap.claims["article_id"].to_numpy()[m["row"].to_numpy()]
    out = m.groupby("concept").agg(claims=("row", "size"), articles=("article_id", "nunique")).reset_index()
    return out.sort_values(
        ["articles", "claims", "concept"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def choose_concept(amap: ArgumentMap, wanted: str, hits: pd.DataFrame | None = None) -> tuple[str, str]:
    """The concept for the concept view: ``wanted`` when claims of two articles or more mention it
    (or of as many articles as any concept reaches), else the concept that the claims of most
    articles mention: a setting written for one corpus still gives a view across articles on
    another, where its word may turn up once in another sense ("a train" for "training").

    Returns:
        The concept and a sentence for the reader when it is not ``wanted`` ("" otherwise; also
        ``wanted`` and "" when no claim mentions any concept).
    """
    reach = concept_reach(amap, hits)
    if reach.empty:
        return wanted, ""
    top = reach.iloc[0]
    own = reach[reach["concept"] == wanted]
    if len(own) and own["articles"].iat[0] >= min(2, top["articles"]):
        return wanted, ""
    said = (
        f"Claims of only one article mention the concept {wanted!r} set in this notebook's settings "
        f"({plural(int(own['claims'].iat[0]), 'claim')})"
        if len(own)
        else f"No claim mentions the concept {wanted!r} set in this notebook's settings"
    )
    return top["concept"], (
        f"{said}, so the view shows {top['concept']!r}, the concept mentioned by claims of the most articles "
        f"({plural(int(top['claims']), 'claim')} in {plural(int(top['articles']), 'article')}). Set `concept` to one of: "
        f"{', '.join(reach['concept'].head(8))}."
    )


def submap(amap: ArgumentMap, claim_ids: list[str]) -> ArgumentMap:
    """The part of a map made of some claims and the relations among them."""
    keep = set(claim_ids)
    claims = amap.claims[amap.claims["claim_id"].isin(keep)]
    rel = amap.relations[amap.relations["source"].isin(keep) & amap.relations["target"].isin(keep)]
    arts = amap.articles[amap.articles["article_id"].isin(set(claims["article_id"]))]
    return ArgumentMap(
        claims=claims.reset_index(drop=True),
        relations=rel.reset_index(drop=True),
        articles=arts.reset_index(drop=True),
        kind=amap.kind,
    )


def quote_contexts(amap: ArgumentMap, paragraphs: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Each claim of an article with its quote highlighted inside its paragraph (escaped HTML).

    Returns:
        ``claim, role, type, label, paragraph, context``; ``context`` is HTML from
        :func:`utils.display.mark`, to be shown with ``raw_html_cols=("context",)``.
    """
    paras = paragraphs.set_index("paragraph_id")
    rows = []
    for c in amap.claims[amap.claims["article_id"] == article_id].itertuples():
        p = paras.loc[c.paragraph_id]
        rows.append(
            dict(
                claim=c.claim_id,
                role=c.role,
                type=c.type,
                label=c.label,
                paragraph=c.paragraph_id,
                context=display.mark(p["text"], [(c.start - p["start"], c.end - p["start"])]),
            )
        )
    return pd.DataFrame(rows, columns=["claim", "role", "type", "label", "paragraph", "context"])


def quote_drilldowns(amap: ArgumentMap, paragraphs: pd.DataFrame) -> list[str]:
    """One collapsible section per article: each claim with its quote marked in its paragraph."""
    return [
        display.drilldown(
            f"{a.short}: claims in context", quote_contexts(amap, paragraphs, a.article_id), raw_html_cols=("context",)
        )
        for a in amap.articles.itertuples()
    ]


TREE_ARTICLES = 30  # argument trees are folded sections: this many articles' trees stay quick to open


def display_note(part: ArgumentMap, whole: ArgumentMap, *, what: str = "This view") -> str:
    """What a view cut down by :func:`map_for_display` leaves out, and why, or "" when it shows all.

    Example:
        ``"This view shows 6 of the 10 articles: those with the most links across articles (none
        is linked, so the first 6 in the corpus's order); the CSV files at the end hold them all."``
    """
    n, m = len(part.articles), len(whole.articles)
    if n >= m:
        return ""
    linked = (whole.relations["scope"] == "across").any()
    rule = (
        "those with the most links across articles"
        if linked
        else f"no article is linked to another, so the first {n} in the corpus's order"
    )
    return f"{what} shows {n:,} of the {m:,} articles: {rule}; the CSV files at the end hold them all."


def map_for_display(amap: ArgumentMap, *, max_articles: int = 6) -> ArgumentMap:
    """The map itself, or for a large corpus the part about the ``max_articles`` articles with the
    most links across articles (a whole map of hundreds of articles cannot be read)."""
    if len(amap.articles) <= max_articles:
        return amap
    across = amap.relations[amap.relations["scope"] == "across"]
    busy = pd.concat([across["source_article"], across["target_article"]]).value_counts()
    keep = busy.index[:max_articles].tolist() or amap.articles["article_id"].iloc[:max_articles].tolist()
    keep = [a for a in amap.articles["article_id"] if a in set(keep)]
    return submap(amap, amap.claims.loc[amap.claims["article_id"].isin(keep), "claim_id"].tolist())


# ---------------------------------------------------------------- one argument tree per article (HTML)

GLYPH = {"supports": ("+", "#6c757d"), "attacks": ("−", "#d62828"), "undercuts": ("⊘", "#d62828"), "": ("•", "#adb5bd")}


def tree_html(amap: ArgumentMap, article_id: str, *, colour: str = "#264653", quotes: bool = True) -> str:
    """One article's argument as a nested HTML tree (all text escaped): the thesis on top, each
    item under the claim it supports (+), attacks (−) or undercuts (⊘), with its role, type and quote.

    Example:
        ``display.show_drilldowns([tree_html(amap, "000")])`` shows the tree of article 000.
    """

    claims = amap.claims.set_index("claim_id")
    rows = outline(amap, article_id)
    inside = amap.relations[(amap.relations["scope"] == "inside") & (amap.relations["source_article"] == article_id)]
    shown = set(zip(rows["claim_id"], rows["parent"]))
    extra = {}
    for r in inside.itertuples():
        if (r.source, r.target) not in shown:
            extra.setdefault(r.source, []).append(f"also {r.relation} {short_id(r.target, article_id)}")
    out, depth = [], -1
    for r in rows.itertuples():
        c = claims.loc[r.claim_id]
        while depth >= r.depth:
            out.append("</li></ul>")
            depth -= 1
        while depth < r.depth:
            pad = "0" if depth < 0 else "1.5em"
            line = "none" if depth < 0 else "2px solid #dee2e6"
            out.append(f'<ul style="list-style:none;margin:0;padding-left:{pad};border-left:{line}">')
            depth += 1
            if depth < r.depth:
                out.append("<li>")
        glyph, tone = GLYPH[r.relation]
        badge = (
            ""
            if c["role"] == "thesis"
            else (
                f'<span title="{escape(r.relation or "not linked")}" style="display:inline-block;width:1.25em;'
                f'text-align:center;border-radius:50%;background:{tone};color:white;font-weight:bold;margin-right:.35em">{glyph}</span>'
            )
        )
        head = f'<b>{escape(short_id(r.claim_id, article_id))}</b> <span style="color:#6c757d">{escape(c["role"])} · {escape(c["type"])}</span>'
        note = (
            f' <span style="color:#6c757d">({escape("; ".join(extra[r.claim_id]))})</span>'
            if r.claim_id in extra
            else ""
        )
        body = f"{escape(c['label'])}{note}"
        quote = (
            f'<div style="color:#555;font-size:12.5px;font-style:italic;margin:.1em 0 0 1.6em">“{escape(c["quote"])}”</div>'
            if quotes
            else ""
        )
        style = (
            f"border-left:4px solid {colour};background:#f1f5f7;padding:.35em .6em;font-weight:600"
            if c["role"] == "thesis"
            else "padding:.25em 0"
        )
        out.append(f'<li style="margin:.2em 0"><div style="{style}">{badge}{head} {body}{quote}</div>')
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    return f'<div style="font-size:14px;line-height:1.4;margin:.2em 0 .8em">{"".join(out)}</div>'


def tree_sections(amap: ArgumentMap, *, open_: bool = True) -> list[str]:
    """One collapsible section per article holding its :func:`tree_html`."""

    colours = article_colours(amap)
    flag = " open" if open_ else ""
    return [
        f'<details class="atlas-drill"{flag}><summary>{escape(a.short)}</summary>{tree_html(amap, a.article_id, colour=colours[a.article_id])}</details>'
        for a in amap.articles.itertuples()
    ]


def map_title(amap: ArgumentMap) -> str:
    """The whole map's title: how many theses, claims and links it holds (computed)."""
    r = amap.relations
    theses = int((amap.claims["role"] == "thesis").sum())
    return (
        f"{plural(len(amap.articles), 'article')}, {plural(theses, 'thesis', 'theses')} and {plural(len(amap.claims), 'claim')}; "
        f"{plural(int((r['scope'] == 'inside').sum()), 'link')} inside articles and {int((r['scope'] == 'across').sum())} across them"
    )


def concept_headline(part: ArgumentMap, concept: str) -> str:
    """Title of the concept view: how many claims in how many articles, and how many links among them."""
    n_links = len(part.relations)
    return (
        f"Claims about {concept}: {len(part.claims)} in {plural(part.claims['article_id'].nunique(), 'article')}, "
        f"{plural(n_links, 'link')} among them"
    )
