"""A small sentence explorer for JupyterLab: type a word or phrase, pick a label or an article,
and read every matching sentence with the word in context. Built with ipywidgets, whose Lab
extension ships in its wheel, so it works offline. Reports never show it (an exported widget is an
empty box): they carry their own search box instead (:mod:`utils.report.navigate`).
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display

ALL = "(all)"


def label_names(labels: pd.DataFrame) -> list[str]:
    """The labels in use, as ``category: label``, sorted."""
    return sorted(set(labels["category"] + ": " + labels["label"]))


def find_sentences(
    sentences: pd.DataFrame, labels: pd.DataFrame, *, word: str = "", label: str = ALL, article: str = ALL
) -> pd.DataFrame:
    """Sentences holding ``word`` (case ignored; a phrase or part of a word), carrying ``label``
    (``category: label``) and from ``article``; headings left out.

    Returns:
        ``article_id, sentence_id, text, start, end``: ``start``/``end`` locate the first match
        (both 0 without a word).

    Example:
        >>> s = pd.DataFrame({"article_id": ["a"], "sentence_id": ["a-p01-s01"], "text": ["We act now."], "is_heading": [False]})
        >>> find_sentences(s, pd.DataFrame(columns=["sentence_id", "category", "label"]), word="ACT")[["start", "end"]].values.tolist()
        [[3, 6]]
    """
    out = sentences[~sentences["is_heading"].astype(bool)]
    if article != ALL:
        out = out[out["article_id"] == article]
    if label != ALL:
        category, name = label.split(": ", 1)
        hit = labels[(labels["category"] == category) & (labels["label"] == name)]["sentence_id"]
        out = out[out["sentence_id"].isin(hit)]
    pattern = re.compile(re.escape(word.strip()), re.I) if word.strip() else None
    spans = [pattern.search(t) if pattern else None for t in out["text"]]
    out = out.assign(start=[m.start() if m else 0 for m in spans], end=[m.end() if m else 0 for m in spans])
    if pattern:
        out = out[[m is not None for m in spans]]
    return out[["article_id", "sentence_id", "text", "start", "end"]].reset_index(drop=True)


def kwic_html(found: pd.DataFrame, *, width: int = 60, max_rows: int = 200) -> str:
    """Found sentences as keyword-in-context rows (escaped): left context, the word, right context."""
    rows = []
    for r in found.head(max_rows).itertuples():
        left, mid, right = r.text[: r.start], r.text[r.start : r.end], r.text[r.end :]
        left = ("…" + left[-width:]) if len(left) > width else left
        rows.append(
            f"<tr><td>{html.escape(r.sentence_id)}</td><td style='text-align:right'>{html.escape(left)}</td>"
            f"<td><mark>{html.escape(mid)}</mark></td><td>{html.escape(right)}</td></tr>"
        )
    more = f"<p>… and {len(found) - max_rows} more.</p>" if len(found) > max_rows else ""
    return (
        f"<p><b>{len(found)} sentence{'s' * (len(found) != 1)}</b></p>"
        f"<table><thead><tr><th>sentence</th><th>before</th><th>word</th><th>after</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


def show_explorer(sentences: pd.DataFrame, labels: pd.DataFrame) -> None:
    """Display the explorer (a word box, a label and an article menu, the matching sentences)."""
    word = widgets.Text(description="Word", placeholder="a word or phrase", continuous_update=True)
    label = widgets.Dropdown(description="Label", options=[ALL, *label_names(labels)])
    article = widgets.Dropdown(description="Article", options=[ALL, *sorted(sentences["article_id"].unique())])
    out = widgets.Output()

    def update(_=None) -> None:
        found = find_sentences(sentences, labels, word=word.value, label=label.value, article=article.value)
        out.clear_output(wait=True)
        with out:
            display(HTML(kwic_html(found)))

    for w in (word, label, article):
        w.observe(update, names="value")
    update()
    display(widgets.VBox([widgets.HBox([word, label, article]), out]))
