"""What turns an exported notebook into a report a reader can move around in: a link back to the
index, a one-line card saying how the report was made, a search box over its sentences, the
contents (one link per section), the files it wrote as links, and the small inline script that
sorts, filters and searches its tables (``templates/atlas/atlas.js``). Pure string work on the
exported HTML: no network, no library.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from utils import paths
from utils.text import plural

SCRIPT = Path(__file__).resolve().parent / "templates" / "atlas" / "atlas.js"
SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>[^<]*</a>)?</h2>', re.S)
MADE = re.compile(r'<div class="atlas-made-by">(.*?)</div>', re.S)
BODY = re.compile(r"<body[^>]*>")
CELL_PATH = re.compile(r"<td>([^<>\s]+\.(?:csv|json|argdown|graphml|svg|png))</td>")
DOWNLOAD_KINDS = {".svg": "SVG", ".png": "PNG", ".csv": "data (CSV)", ".argdown": "Argdown", ".json": "AIF JSON"}
DOWNLOAD_KINDS[".graphml"] = "GraphML"


@dataclass(frozen=True)
class RunCard:
    """What the top card of every report says about the run."""

    corpus: str
    n_articles: int
    started: str


@lru_cache(maxsize=1)
def script() -> str:
    """The inline script every report and the index carry (sorting, filtering, search)."""
    return SCRIPT.read_text(encoding="utf-8")


def sections(page: str) -> list[tuple[str, str]]:
    """The ``(anchor, heading text)`` of every second-level heading of an exported page.

    Example:
        >>> sections('<h2 id="Why?">Why?<a class="anchor-link" href="#Why?">¶</a></h2>')
        [('Why?', 'Why?')]
    """
    return [(html.unescape(a), html.unescape(re.sub(r"<[^>]+>", "", t)).strip()) for a, t in SECTION.findall(page)]


def find_section(page: str, *words: str) -> str:
    """The anchor of the first section whose heading contains every one of ``words`` (case
    ignored), or ``""`` when none does."""
    for anchor, heading in sections(page):
        if all(w.lower() in heading.lower() for w in words):
            return anchor
    return ""


def href(page_name: str, anchor: str = "") -> str:
    """A link to a page and, if given, one of its sections, escaped for an attribute."""
    return html.escape(page_name + (f"#{anchor}" if anchor else ""), quote=True)


def downloads(report_dir: Path, prefix: str) -> list[tuple[str, list[Path]]]:
    """The files a notebook wrote beside its report, grouped by name: figures ``NN-*`` (PNG, SVG,
    and the CSV behind each) and, for the argument map, its exports. Sorted by name."""
    found = sorted((report_dir / "figures").glob(f"{prefix}-*"))
    if prefix == "04":
        found += sorted((report_dir / "argument-map").glob("*"))
    groups: dict[str, list[Path]] = {}
    for p in found:
        if p.suffix in DOWNLOAD_KINDS:
            groups.setdefault(p.name.split(".")[0], []).append(p)
    return list(groups.items())


def downloads_html(report_dir: Path, prefix: str) -> str:
    """``<p>`` listing :func:`downloads` as links relative to the report, or ``""``."""
    items = []
    for stem, files in downloads(report_dir, prefix):
        links = " · ".join(
            f'<a href="{html.escape(p.relative_to(report_dir).as_posix())}" download>{DOWNLOAD_KINDS[p.suffix]}</a>'
            for p in files
        )
        items.append(f"{html.escape(stem)} ({links})")
    return f'<p class="atlas-downloads"><b>Files:</b> {"; ".join(items)}</p>' if items else ""


def link_paths(page: str, report_dir: Path) -> str:
    """Turn table cells that hold the path of a file written beside the report into links."""
    root = report_dir.resolve()

    def link(m: re.Match) -> str:
        shown = html.unescape(m.group(1))
        path = paths.resolve(shown)
        if not (path.is_file() and path.is_relative_to(root)):
            return m.group(0)
        rel = path.relative_to(root).as_posix()
        return f'<td><a href="{html.escape(rel)}" download>{html.escape(shown)}</a></td>'

    return CELL_PATH.sub(link, page)


def top_html(page: str, *, made: str, card: RunCard, extra: str = "") -> str:
    """The block that opens every report: back link, how-made card, search box, contents."""
    toc = "".join(f'<li><a href="{href("", a)}">{html.escape(t)}</a></li>' for a, t in sections(page))
    articles = plural(card.n_articles, "article")
    return (
        '<header class="atlas-top"><a class="atlas-back" href="index.html">← All reports and the main findings</a>'
        f'<div class="atlas-made"><b>How this was made:</b> {made or "computed from the articles by visible rules"}.'
        f" Corpus <b>{html.escape(card.corpus)}</b> ({articles}), run {html.escape(card.started)}.</div>"
        '<form class="atlas-search" role="search" hidden><label for="atlas-q">Search this report’s sentences and tables: </label>'
        '<input type="search" id="atlas-q" placeholder="a word or phrase" autocomplete="off">'
        '<output id="atlas-count" for="atlas-q" aria-live="polite"></output></form>'
        f'<nav class="atlas-toc" aria-label="Contents"><b>Contents</b><ol>{toc}</ol>{extra}</nav></header>'
    )


def decorate(page: str, *, report_dir: Path, prefix: str, card: RunCard) -> str:
    """Add the top block, file links and the inline script to one exported report.

    The notebook's own line on how it was made (``report.made``) moves into the top card.
    """
    made = " ".join(m.strip() for m in MADE.findall(page)).rstrip(".")
    page = MADE.sub("", page)
    page = link_paths(page, report_dir)
    top = top_html(page, made=made, card=card, extra=downloads_html(report_dir, prefix))
    body = BODY.search(page)
    if body is None:
        raise ValueError("exported page has no <body>")
    page = page[: body.end()] + top + page[body.end() :]
    return page.replace("</body>", f"<script>{script()}</script></body>", 1)
