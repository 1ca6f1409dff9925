"""The front page's findings, read from the tables the notebooks wrote beside their reports
(``figures/*.csv``, ``argument-map/*.csv``) and from the processed ``articles`` table: each
article's thesis (curated or automatic), its argument fingerprint, the concepts that lead in it,
the agreement / tension matrix, and the strongest agreements and clashes with their quotes. Every
finding links to the report section that shows its evidence. Written with the csv module only:
the runner's process stays light.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from utils.paths import slugify
from utils.report.navigate import find_section, href

AGREEMENT = ("agrees", "elaborates")
TENSION = ("contradicts", "qualifies")
# The fingerprint's fifteen features in four groups, coloured as in notebook 02's figure.
GROUPS = {
    "#264653": ("claims", "reasons"),
    "#2a9d8f": (
        "statistics",
        "anecdote",
        "hypothetical cases",
        "authority",
        "named examples",
        "analogy / metaphor",
    ),
    "#e76f51": ("concessions", "rebuttals"),
    "#7b5ea7": ("questions", "directives", "reader address", "hedges", "boosters"),
}


def read_rows(path: Path, *, since: float = 0.0) -> list[dict[str, str]]:
    """The rows of a CSV file, or ``[]`` when it is missing or older than ``since`` (a file an
    earlier run left behind)."""
    if not path.is_file() or path.stat().st_mtime < since:
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Findings:
    """Everything the front page states, with where its evidence is."""

    articles: list[dict[str, str]]
    claims: dict[str, dict[str, str]]
    across: list[dict[str, str]]
    curated: bool
    fingerprints: list[dict[str, str]]
    top_concepts: list[dict[str, str]]
    count_summary: list[dict[str, str]] = field(default_factory=list)
    candidates: list[dict[str, str]] = field(default_factory=list)  # 04's candidate links, strongest first
    group_differences: list[dict[str, str]] = field(default_factory=list)  # 02's test of the two largest groups
    group_terms: list[dict[str, str]] = field(default_factory=list)  # 03's terms most typical of each side


def load_findings(report_dir: Path, processed_dir: Path, *, since: float = 0.0) -> Findings:
    """Read the findings of a run; the curated map's tables when this run wrote them, else the draft's."""
    maps = report_dir / "argument-map"
    curated = read_rows(maps / "curated-claims.csv", since=since)
    draft = read_rows(maps / "draft-claims.csv", since=since)
    relations = read_rows(maps / ("curated-relations.csv" if curated else "draft-relations.csv"), since=since)
    claims = {c["claim_id"]: {**c, "source": "automatic"} for c in draft}
    claims |= {c["claim_id"]: {**c, "source": "curated"} for c in curated}
    return Findings(
        articles=read_rows(processed_dir / "articles.csv"),
        claims=claims,
        across=[r for r in relations if r["scope"] == "across"],
        curated=bool(curated),
        fingerprints=read_rows(report_dir / "figures" / "02-fingerprints.csv", since=since),
        top_concepts=read_rows(report_dir / "figures" / "03-top-concepts.csv", since=since),
        count_summary=read_rows(report_dir / "figures" / "03-count-summary.csv", since=since),
        candidates=read_rows(report_dir / "figures" / "04-candidate-links.csv", since=since),
        group_differences=read_rows(report_dir / "figures" / "02-group-differences.csv", since=since),
        group_terms=read_rows(report_dir / "figures" / "03-two-groups-top.csv", since=since),
    )


def lexicon_share(f: Findings) -> float | None:
    """The share (%) of counted terms inside a concept hit, over the whole corpus: the per-article
    shares of 03's count summary weighted by each article's counted terms (``None`` without them)."""
    rows = [(float(r["terms inside a concept hit (%)"]), int(r["terms counted"])) for r in f.count_summary]
    total = sum(n for _, n in rows)
    return sum(pct * n for pct, n in rows) / total if total else None


def theses(f: Findings) -> dict[str, dict[str, str]]:
    """Each article's thesis: the curated one where the curated map has it, else the draft's."""
    out: dict[str, dict[str, str]] = {}
    for c in f.claims.values():
        if c["role"] == "thesis" and (c["article_id"] not in out or c["source"] == "curated"):
            out[c["article_id"]] = c
    return out


def pair_anchor(a: str, b: str) -> str:
    """The id of the section of notebook 04 listing the claim pairs of two articles."""
    lo, hi = sorted((a, b))
    return "pair-" + slugify(f"{lo}-x-{hi}")


def strongest(f: Findings, kinds: tuple[str, ...], n: int = 3) -> list[dict[str, str]]:
    """The ``n`` strongest links of the given kinds: the first kind first, then by score, then
    spread over pairs of articles (one per pair before a second from the same pair)."""
    rows = [r for r in f.across if r["relation"] in kinds]
    rows.sort(key=lambda r: (kinds.index(r["relation"]), -float(r.get("score") or 0)))
    picked, seen = [], set()
    for r in rows:
        pair = frozenset((r["source_article"], r["target_article"]))
        if pair not in seen:
            picked.append(r)
            seen.add(pair)
    picked += [r for r in rows if r not in picked]
    return picked[:n]


def fingerprint_svg(row: dict[str, str], top: float) -> str:
    """Fifteen bars on one scale (per 1,000 words), each with its name and value as a tooltip."""
    bars, x = [], 0
    for colour, names in GROUPS.items():
        for name in names:
            v = float(row.get(name) or 0)
            h = 0 if top <= 0 else round(36 * v / top, 1)
            bars.append(
                f'<rect x="{x}" y="{38 - h}" width="7" height="{h}" fill="{colour}">'
                f"<title>{html.escape(name)}: {v:g} per 1,000 words</title></rect>"
            )
            x += 9
        x += 4
    return (
        f'<svg class="atlas-fp" width="{x}" height="40" role="img" aria-label="argument fingerprint">'
        f'<line x1="0" y1="38.5" x2="{x}" y2="38.5" stroke="#ccc"/>{"".join(bars)}</svg>'
    )


def leading_features(row: dict[str, str], n: int = 3) -> str:
    """The ``n`` highest features of a fingerprint, e.g. ``claims 41.9, rebuttals 14.7 ...``."""
    names = [k for group in GROUPS.values() for k in group]
    best = sorted(names, key=lambda k: -float(row.get(k) or 0))[:n]
    return ", ".join(f"{k} {float(row.get(k) or 0):.1f}" for k in best if float(row.get(k) or 0) > 0)


def label_and_quote(c: dict[str, str]) -> str:
    """A claim's label and its quote (escaped); the label is left out when it is only the quote's
    opening, as the draft's labels are, so the page does not say the same sentence twice."""
    label, quote = c["label"].strip(), c["quote"].strip()
    opening = label.removesuffix("…").removesuffix("...").rstrip()
    said = "" if not opening or quote.startswith(opening) else html.escape(label)
    return f"{said}<blockquote>“{html.escape(quote)}”</blockquote>"


def quote_html(c: dict[str, str]) -> str:
    """A claim as id, label and quote (escaped)."""
    return f"<b>{html.escape(c['article_id'])}</b> {label_and_quote(c)}"


def _source(c: dict[str, str]) -> str:
    cls = "curated" if c["source"] == "curated" else "auto"
    text = "curated by an analyst" if cls == "curated" else "automatic draft: check it"
    return f'<span class="atlas-badge atlas-{cls}">{text}</span>'


MAX_ARTICLES = 12  # past this many, the front page shows the articles with the most links across articles


def shown_articles(f: Findings, *, limit: int = MAX_ARTICLES) -> list[str]:
    """The articles the front page shows: all of them, or past ``limit`` the ``limit`` with the
    most links across articles (ties in corpus order), so the page stays small at any size."""
    ids = [a["article_id"] for a in f.articles]
    if len(ids) <= limit:
        return ids
    degree = Counter(r["source_article"] for r in f.across) + Counter(r["target_article"] for r in f.across)
    order = {a: i for i, a in enumerate(ids)}
    return sorted(sorted(ids, key=lambda a: (-degree[a], order[a]))[:limit], key=order.get)


def findings_html(f: Findings, pages: dict[str, str]) -> str:
    """The findings part of the front page. ``pages`` maps a report's number (``02``) to its
    file name and the exported HTML is read for section anchors, so no link points nowhere."""
    texts = {k: Path(v).read_text(encoding="utf-8") for k, v in pages.items() if Path(v).exists()}

    def link(num: str, *words: str, anchor: str = "", label: str = "evidence") -> str:
        if num not in pages:
            return ""
        a = anchor if anchor and f'id="{anchor}"' in texts.get(num, "") else find_section(texts.get(num, ""), *words)
        return f'<a class="atlas-evidence" href="{href(Path(pages[num]).name, a)}">{label} →</a>'

    shown = shown_articles(f)
    keep = set(shown)
    titles = {a["article_id"]: a["title"] for a in f.articles if a["article_id"] in keep}
    out = []
    if len(shown) < len(f.articles):
        out.append(
            f'<p class="atlas-made">This corpus has {len(f.articles):,} articles; the findings below show the '
            f"{len(shown)} with the most links across articles. Every article is in the reports and in the CSV "
            "files beside them.</p>"
        )
    th = theses(f)
    rows = "".join(
        f"<tr><td><b>{html.escape(aid)}</b><br><small>{html.escape(titles.get(aid, ''))}</small></td>"
        f"<td>{label_and_quote(th[aid])}</td>"
        f"<td>{_source(th[aid])}</td></tr>"
        if aid in th
        else f"<tr><td><b>{html.escape(aid)}</b></td><td>no thesis found</td><td></td></tr>"
        for aid in titles
    )
    out.append(
        '<h2 id="theses">What does each article argue?</h2>'
        f"<p>Each article’s thesis, quoted. {link('04', 'each', 'article', 'build', label='Each article’s argument tree')} "
        f"{link('02', 'set out to prove', label='Thesis candidates with their scores')}</p>"
        f'<table class="atlas-front"><thead><tr><th>article</th><th>thesis</th><th>source</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    if f.fingerprints:
        top = max(float(v or 0) for r in f.fingerprints for k, v in r.items() if k != "article_id")
        rows = "".join(
            f"<tr><td><b>{html.escape(r['article_id'])}</b></td><td>{fingerprint_svg(r, top)}</td>"
            f"<td>{html.escape(leading_features(r))}</td></tr>"
            for r in f.fingerprints
            if r["article_id"] in keep
        )
        out.append(
            '<h2 id="fingerprints">How does each article argue?</h2>'
            "<p>Each article’s argument fingerprint: fifteen bars on one scale, per 1,000 words: claims and reasons "
            '(<span style="color:#264653">dark</span>), evidence (<span style="color:#2a9d8f">green</span>), concessions '
            'and rebuttals (<span style="color:#e76f51">red</span>), engaging the reader (<span style="color:#7b5ea7">purple</span>). '
            f"Hover a bar for its name and rate. {link('02', 'fingerprint')}</p>"
            f'<table class="atlas-front"><thead><tr><th>article</th><th>fingerprint</th><th>highest rates per 1,000 words</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    if f.top_concepts:
        by_article: dict[str, list[str]] = {}
        for r in f.top_concepts:
            if int(r["rank"]) <= 3 and r["article_id"] in keep:
                by_article.setdefault(r["article_id"], []).append(
                    f"{html.escape(r['concept'])} ({float(r['rate']):.1f})"
                )
        rows = "".join(
            f"<tr><td><b>{html.escape(a)}</b></td><td>{', '.join(c)}</td></tr>" for a, c in by_article.items()
        )
        share = lexicon_share(f)
        coverage = (
            f"About {share:.0f}% of the counted terms fall inside one of the lexicon’s concepts; 03’s term "
            "charts show the rest. "
            if share is not None
            else ""
        )
        out.append(
            '<h2 id="concepts">Which concepts dominate where?</h2>'
            f"<p>The three densest concepts of each article, uses per 1,000 words. {coverage}"
            f"{link('03', 'concepts', 'dominate', label='The whole heatmap')} "
            f"{link('03', 'concepts', 'lead', label='Each article’s leading concepts')}</p>"
            f'<table class="atlas-front"><thead><tr><th>article</th><th>leading concepts</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    out.append(matrix_html(f, link))
    out.append(clashes_html(f, link))
    out.append(groups_html(f, link))
    return "".join(out)


def groups_html(f: Findings, link, *, n: int = 8) -> str:
    """How the two largest groups differ, when the run compared groups: the ways of arguing that
    differ beyond chance (02's test over articles) and the terms most typical of each (03's
    log-odds with each term's dispersion); empty otherwise."""
    if not f.group_differences and not f.group_terms:
        return ""
    parts = []
    if f.group_differences:
        a, b = (k.removeprefix("mean in ") for k in list(f.group_differences[0])[1:3])
        clear = [r for r in f.group_differences if r["significant"] == "True"]
        items = "".join(
            f"<li>{html.escape(r['dimension'])}: {html.escape(a)} articles average {float(r[f'mean in {a}']):.1f}, "
            f"{html.escape(b)} {float(r[f'mean in {b}']):.1f} per 1,000 words (t {float(r['t']):.1f})</li>"
            for r in clear[:n]
        )
        said = (
            f"<p>{len(clear)} of {len(f.group_differences)} ways of arguing differ beyond chance between "
            f"<b>{html.escape(a)}</b> and <b>{html.escape(b)}</b> (each article's rate one observation; "
            f"Welch's t, false-discovery control): {link('02', 'groups', 'argue')}</p><ul>{items}</ul>"
            if clear
            else f"<p>No way of arguing sets <b>{html.escape(a)}</b> and <b>{html.escape(b)}</b> apart beyond "
            f"chance. {link('02', 'groups', 'argue')}</p>"
        )
        parts.append(said)
    if f.group_terms:
        sides = [k for k in f.group_terms[0] if k.startswith("more typical of ")]
        lists = []
        for side in sides:
            terms = [r[side].split(" (")[0] for r in f.group_terms if r.get(side)][:n]
            shown = ", ".join(html.escape(t) for t in terms) if terms else "no term beyond chance"
            lists.append(f"<li><b>{html.escape(side)}</b>: {shown}</li>")
        parts.append(
            "<p>The terms most typical of each (log-odds, each term's spread over the articles taken into "
            f"account, false-discovery control): {link('03', 'two', 'groups', 'side')}</p><ul>{''.join(lists)}</ul>"
        )
    return '<h2 id="groups">How do the groups differ?</h2>' + "".join(parts)


def matrix_html(f: Findings, link) -> str:
    """The agreement / tension matrix: each cell counts links and opens their claim pairs in 04."""
    ids = shown_articles(f)
    counts: dict[frozenset, list[int]] = {}
    for r in f.across:
        c = counts.setdefault(frozenset((r["source_article"], r["target_article"])), [0, 0])
        c[r["relation"] in TENSION] += 1
    kind = "curated map" if f.curated else "automatic draft (leads to check, not findings)"
    if not f.across:  # a grid of "no link" cells says nothing
        why = (
            "The curated map has no relation across articles."
            if f.curated
            else "The automatic draft links no two articles: no claims of two articles share enough specific content."
        )
        return (
            '<h2 id="matrix">Which articles agree, and which pull apart?</h2>'
            f"<p>{why} {link('04', 'automatic', 'draft', label='the draft and its candidate links')}</p>"
            + ("" if f.curated else candidates_html(f))
        )
    head = "".join(f"<th>{html.escape(b)}</th>" for b in ids)
    upright = len(ids) > 6  # past six articles the column names stand upright, so twelve columns fit the page
    rows = []
    for a in ids:
        tds = []
        for b in ids:
            if a == b:
                tds.append('<td class="atlas-diag">·</td>')
                continue
            agree, tension = counts.get(frozenset((a, b)), [0, 0])
            cls = "atlas-agree" if agree > tension else "atlas-clash" if tension > agree else ""
            said = f"{a} and {b}: {agree} agreement{'s' * (agree != 1)}, {tension} tension{'s' * (tension != 1)}"
            # upright: numbers only (named in the tooltip and the legend), so twelve columns fit
            agree_s, tension_s = (agree, tension) if upright else (f"{agree} agree", f"{tension} tension")
            text = f'<span class="atlas-agree">{agree_s}</span> / <span class="atlas-clash">{tension_s}</span>'
            if agree + tension:
                text = link("04", anchor=pair_anchor(a, b), label=text).replace(" →</a>", "</a>") or text
            else:
                text, said = '<span class="atlas-none">–</span>', f"{a} and {b}: no link"
            tds.append(f'<td class="{cls}-cell" title="{html.escape(said)}">{text}</td>')
        rows.append(f"<tr><th>{html.escape(a)}</th>{''.join(tds)}</tr>")
    return (
        '<h2 id="matrix">Which articles agree, and which pull apart?</h2>'
        f"<p>Links between the articles’ claims, from the {kind}. Each cell counts "
        '<span class="atlas-agree">agreements</span> (agrees, elaborates) / <span class="atlas-clash">tensions</span> '
        "(qualifies, contradicts); – is no link. Hover a cell for its pair, click it for the claim pairs and their "
        f"rationale. {link('04', 'pairs', 'agree')}</p>"
        '<div class="atlas-scroll">'
        f'<table class="atlas-matrix{" atlas-upright" if upright else ""}"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def candidates_html(f: Findings, *, n: int = 3) -> str:
    """The strongest candidate links (too weak to draw), when the draft draws none: leads to check."""
    if not f.candidates:
        return ""
    items = []
    for c in f.candidates[:n]:
        cls = "atlas-clash" if c.get("relation") in TENSION else "atlas-agree"
        items.append(
            f'<li><span class="{cls}">{html.escape(c.get("relation", ""))}</span> '
            f"(confidence {html.escape(c.get('confidence', ''))}): “{html.escape(c.get('claim', ''))}” and "
            f"“{html.escape(c.get('other claim', ''))}”<br><i>{html.escape(c.get('why', ''))}</i></li>"
        )
    total = len(f.candidates)
    return (
        f"<p>It lists {total} weaker candidate link{'s' * (total != 1)} to check"
        f"{', the strongest:' if total > n else ':'}</p>"
        f'<ul class="atlas-links">{"".join(items)}</ul>'
    )


def clashes_html(f: Findings, link) -> str:
    """The three strongest agreements and clashes, each with both quotes and its rationale."""
    parts = []
    for title, kinds, cls in (
        ("The strongest agreements", AGREEMENT, "atlas-agree"),
        ("The strongest clashes", TENSION, "atlas-clash"),
    ):
        items = []
        for r in strongest(f, kinds):
            a, b = f.claims.get(r["source"]), f.claims.get(r["target"])
            if not (a and b):
                continue
            why = f"<p><i>{html.escape(r['rationale'])}</i></p>" if r.get("rationale") else ""
            pair = pair_anchor(r["source_article"], r["target_article"])
            items.append(
                f'<li><span class="{cls}">{html.escape(r["relation"])}</span>'
                f'<div class="atlas-pair"><div>{quote_html(a)}</div><div>{quote_html(b)}</div></div>{why}'
                f"{link('04', anchor=pair, label='all links between these two articles')}</li>"
            )
        none = f"<p>None in this map. {link('04', 'automatic', 'draft', label='the draft and its candidate links')}</p>"
        body = f'<ol class="atlas-links">{"".join(items)}</ol>' if items else none
        parts.append(f"<h3>{title}</h3>{body}")
    note = (
        "" if f.curated else '<p class="atlas-warn">These links come from the automatic draft: read them as leads.</p>'
    )
    return f'<h2 id="agreements">Where do the authors agree and clash?</h2>{note}{"".join(parts)}'
