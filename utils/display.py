"""Small display helpers that make a notebook read like a report, in JupyterLab and in HTML.

Everything that shows article text goes through :func:`html.escape` (or pandas' escaping), so an
article containing ``<script>`` shows it as text and runs nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown, display

from utils import paths

COMMENTARY_FILE = paths.ANNOTATIONS / "commentary.yaml"


def card(*, purpose: str, inputs: str, outputs: str, run_first: str = "nothing") -> None:
    """Show the notebook's card: purpose, inputs, outputs and what must run first."""
    rows = [("Purpose", purpose), ("Inputs", inputs), ("Outputs", outputs), ("Run first", run_first)]
    body = "".join(f"<tr><th>{k}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    display(HTML(f'<div class="atlas-card"><table>{body}</table></div>'))


def note(text: str, *, kind: str = "note") -> None:
    """Show a short boxed message (``kind`` = ``note`` or ``warn``); the text is escaped."""
    cls = "atlas-warn" if kind == "warn" else "atlas-card"
    display(HTML(f'<div class="{cls}">{html.escape(text)}</div>'))


def _cell(v: object) -> str:
    """A table cell's text: a whole number of five digits or more with thousands separators
    ("499,500", which the report's sorter still reads as a number), anything else as it prints.

    Example:
        >>> [_cell(v) for v in (499500, 2026, 3.25, True, "x")]
        ['499,500', '2026', '3.25', 'True', 'x']
    """
    if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) and abs(v) >= 10_000:
        return f"{v:,}"
    return str(v)


def html_table(df: pd.DataFrame, *, max_rows: int = 200, raw_html_cols: tuple[str, ...] = (), csv: str = "") -> str:
    """An escaped HTML table; only ``raw_html_cols`` (built by :func:`mark`) pass through unescaped.

    Longer tables are cut at ``max_rows`` with a line saying how many rows were left out and, when
    the caller wrote the whole table to ``csv``, where they are. Built
    directly (the same markup as ``DataFrame.to_html``, about ten times faster on small tables).
    """
    shown = df.head(max_rows)
    if isinstance(shown.columns, pd.MultiIndex):
        shown = shown.copy()
        for col in shown.columns:
            if col not in raw_html_cols:
                shown[col] = shown[col].map(lambda v: html.escape(str(v)))
        out = shown.to_html(index=False, escape=False, border=0)
    else:
        raw = [c in raw_html_cols for c in shown.columns]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        rows = zip(*(shown[c].tolist() for c in shown.columns))
        body = "".join(
            "<tr>" + "".join(f"<td>{v if r else html.escape(_cell(v))}</td>" for r, v in zip(raw, row)) + "</tr>"
            for row in rows
        )
        out = f'<table class="dataframe"><thead><tr style="text-align: right;">{head}</tr></thead><tbody>{body}</tbody></table>'
    if len(df) > max_rows:
        where = f"; every row is in {html.escape(csv)}" if csv else " not shown"
        out += f'<p class="atlas-note">… {len(df) - max_rows:,} more rows{where}.</p>'
    return out


def show_table(df: pd.DataFrame, **kwargs) -> None:
    """Display :func:`html_table`."""
    display(HTML(html_table(df, **kwargs)))


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each ``(start, end)`` span in ``<mark>``.

    Example:
        >>> mark("a <b> c", [(2, 5)])
        'a <mark class="atlas-span">&lt;b&gt;</mark> c'
    """
    out, last = [], 0
    for s, e in sorted(spans):
        if s < last:
            continue
        out += [html.escape(text[last:s]), f'<mark class="atlas-span">{html.escape(text[s:e])}</mark>']
        last = e
    out.append(html.escape(text[last:]))
    return "".join(out)


def drilldown(title: str, df: pd.DataFrame, *, open_: bool = False, **kwargs) -> str:
    """A collapsible section (``<details>``) holding an escaped table; returns its HTML."""
    flag = " open" if open_ else ""
    return f'<details class="atlas-drill"{flag}><summary>{html.escape(title)} ({len(df)})</summary>{html_table(df, **kwargs)}</details>'


def show_drilldowns(sections: list[str]) -> None:
    """Display several :func:`drilldown` sections at once."""
    display(HTML("".join(sections)))


def made(text: str) -> None:
    """Say in one line how this report's results were made (curated or automatic, and from what);
    the exported report shows it in the card at its top. The text is escaped."""
    display(HTML(f'<div class="atlas-made-by">{html.escape(text)}</div>'))


def commentary_for(corpus_dir: str | Path, *, file: str | Path = COMMENTARY_FILE) -> dict[str, str]:
    """An analyst's commentary on one corpus: ``{key: markdown}``, or ``{}`` when the file is
    about another corpus (its ``corpus:`` folder is not ``corpus_dir``) or missing. Commentary
    written for one corpus's figures never reaches another corpus's report."""
    path = paths.resolve(file)
    if not path.is_file():
        return {}
    data = paths.load_yaml(path.read_text(encoding="utf-8")) or {}
    if paths.resolve(str(data.get("corpus", ""))) != paths.resolve(corpus_dir) or not data.get("corpus"):
        return {}
    return {str(k): str(v).strip() for k, v in (data.get("notes") or {}).items()}


def commentary(key: str, *, corpus_dir: str | Path, file: str | Path = COMMENTARY_FILE) -> None:
    """Show the analyst's note ``key`` on this corpus (see :func:`commentary_for`); shows nothing
    for a corpus the commentary is not about."""
    text = commentary_for(corpus_dir, file=file).get(key)
    if text:
        display(Markdown(f"**An analyst’s reading of these articles.** {text}"))
