"""How good are the automatic rhetoric labels? Precision and recall against hand labels.

The hand labels (``data/annotations/gold_sentence_labels.csv``, method in the ``.md`` beside it)
say, for every non-heading sentence of the five seed articles, which labels it carries. Scores are
per (sentence, label) pair: a hit is a true positive when the hand labels give that sentence that
label. They are only computed on sentences whose id *and* opening words match the hand-labelled
file, so another corpus (or a changed article) is never scored against the wrong sentences.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from utils import display, paths
from utils.rhetoric.labels import GOLD_FILE, LABELS


def load_gold(path: str | Path = GOLD_FILE) -> pd.DataFrame:
    """Hand labels: ``sentence_id, category, label, note, text_start`` (``category == 'none'``:
    a sentence read and given no label)."""
    path = paths.resolve(path)
    if not path.exists():
        return pd.DataFrame(
            {c: pd.Series(dtype="str") for c in ("sentence_id", "category", "label", "note", "text_start")}
        )
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "text_start" not in df:
        df["text_start"] = ""
    return df


def gold_sentences(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.Index:
    """Ids of the hand-labelled sentences present in this corpus with the same opening words."""
    if gold.empty or sentences.empty:
        return pd.Index([], dtype="str")
    text = sentences.set_index("sentence_id")["text"].astype("str")
    firsts = gold.drop_duplicates("sentence_id").set_index("sentence_id")["text_start"]
    ids = firsts.index.intersection(text.index)
    same = [text[i].startswith(firsts[i]) for i in ids]
    return ids[pd.Series(same, index=ids, dtype=bool).to_numpy()] if len(ids) else ids


def _pairs(df: pd.DataFrame, ids: pd.Index) -> set[tuple[str, str, str]]:
    df = df[df["sentence_id"].isin(ids) & df["category"].isin(list(LABELS))]
    return set(zip(df["sentence_id"], df["category"], df["label"]))


def score_labels(labels: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of the automatic labels per label, plus one row per category.

    Args:
        labels: Automatic labels (before analyst corrections, to score the rules themselves).
        gold: From :func:`load_gold`.
        sentences: The sentences table of the corpus.

    Returns:
        ``category, label, hand (gold count), auto, tp, fp, fn, precision, recall, f1``;
        precision/recall are missing where undefined (nothing found / nothing to find). Rows with
        ``label == 'all'`` pool the category. Empty when no hand-labelled sentence is present.
    """
    ids = gold_sentences(gold, sentences)
    cols = ["category", "label", "hand", "auto", "tp", "fp", "fn", "precision", "recall", "f1"]
    if len(ids) == 0:
        return pd.DataFrame(columns=cols)
    auto, hand = _pairs(labels, ids), _pairs(gold, ids)
    rows = []
    for category, names in LABELS.items():
        for label in (*names, "all"):

            def pick(p, category=category, label=label):
                return p[1] == category and (label == "all" or p[2] == label)

            a, h = {p for p in auto if pick(p)}, {p for p in hand if pick(p)}
            tp, fp, fn = len(a & h), len(a - h), len(h - a)
            prec = tp / (tp + fp) if tp + fp else float("nan")
            rec = tp / (tp + fn) if tp + fn else float("nan")
            f1 = 2 * prec * rec / (prec + rec) if tp else (0.0 if (tp + fp) and (tp + fn) else float("nan"))
            rows.append((category, label, len(h), len(a), tp, fp, fn, prec, rec, f1))
    out = pd.DataFrame(rows, columns=cols)
    return out.round({"precision": 2, "recall": 2, "f1": 2})


def disagreements(labels: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every (sentence, label) where the rules and the hand labels differ, with the rule that fired.

    Returns:
        ``category, label, kind`` (``found, not in hand labels`` or ``missed``), ``sentence_id``,
        ``rule``, ``hand note``, ``text`` (the matched span marked, as HTML; escaped).
    """
    ids = gold_sentences(gold, sentences)
    auto, hand = _pairs(labels, ids), _pairs(gold, ids)
    text = sentences.set_index("sentence_id")["text"].astype("str")
    notes = gold[gold["note"] != ""].groupby("sentence_id")["note"].first()
    by_pair = labels[labels["sentence_id"].isin(ids)].groupby(["sentence_id", "category", "label"])
    rows = []
    for kind, pairs in (("found, not in hand labels", auto - hand), ("missed", hand - auto)):
        for sid, category, label in pairs:
            spans, rule = [], ""
            if kind.startswith("found"):
                hits = by_pair.get_group((sid, category, label))
                spans = [(s, e) for s, e in zip(hits["start"], hits["end"]) if e > s]
                rule = "; ".join(dict.fromkeys(hits["rule"]))
            rows.append((category, label, kind, sid, rule, notes.get(sid, ""), display.mark(text[sid], spans)))
    out = pd.DataFrame(rows, columns=["category", "label", "kind", "sentence_id", "rule", "hand note", "text"])
    order = {(c, lab): i for i, (c, lab) in enumerate((c, lab) for c, labs in LABELS.items() for lab in labs)}
    out = out.assign(_o=[order[(c, lab)] for c, lab in zip(out["category"], out["label"])])
    return out.sort_values(["_o", "kind", "sentence_id"]).drop(columns="_o").reset_index(drop=True)


def score_thesis(candidates: pd.DataFrame, gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article: is the top thesis candidate one of the hand-picked thesis sentences? Is any of
    the candidates? (Only articles with hand-picked thesis sentences present.)"""
    ids = gold_sentences(gold, sentences)
    picked = gold[(gold["category"] == "thesis") & gold["sentence_id"].isin(ids)]
    art = sentences.set_index("sentence_id")["article_id"]
    picked = picked.assign(article_id=picked["sentence_id"].map(art))
    rows = []
    for article_id, group in picked.groupby("article_id"):
        cands = candidates[candidates["article_id"] == article_id]["sentence_id"].tolist()
        hand = set(group["sentence_id"])
        rows.append(
            (
                article_id,
                ", ".join(sorted(hand)),
                cands[0] if cands else "",
                bool(cands) and cands[0] in hand,
                any(c in hand for c in cands),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "hand-picked thesis sentences",
            "top candidate",
            "top is hand-picked",
            "any candidate is hand-picked",
        ],
    )


def describe_scores(scores: pd.DataFrame, *, n_sentences: int) -> str:
    """One paragraph on the scores: pooled precision/recall per category and the weakest labels."""
    if scores.empty:
        return "No hand-labelled sentence is in this corpus, so no precision or recall can be computed here."
    pooled = scores[scores["label"] == "all"]
    parts = [f"{r.category} {r.precision:.2f} / {r.recall:.2f}" for r in pooled.itertuples()]
    weak = scores[
        (scores["label"] != "all") & (scores["hand"] >= 3) & ((scores["recall"] < 0.7) | (scores["precision"] < 0.7))
    ]
    text = (
        f"Against the hand labels of {n_sentences} sentences, precision / recall pooled by category: "
        + "; ".join(parts)
        + "."
    )
    if len(weak):
        text += (
            " Weakest labels (precision or recall under 0.7, at least 3 hand labels): "
            + ", ".join(f"{r.label} (P {r.precision:.2f}, R {r.recall:.2f})" for r in weak.itertuples())
            + "."
        )
    return text


def no_failures_note(scores: pd.DataFrame) -> str:
    """What to say when no sentence is listed under the failures: no hand labels here, or none missed."""
    return (
        "The rules agree with every hand label." if len(scores) else "No hand labels here, so no disagreement to list."
    )


def failure_sections(diffs: pd.DataFrame) -> list[str]:
    """One collapsible list per label of the sentences where the rules and the hand labels differ."""
    out = []
    for (category, label), group in diffs.groupby(["category", "label"], sort=False):
        found = int((group["kind"] != "missed").sum())
        title = f"{category} / {label}: {found} found but not hand-labelled, {len(group) - found} missed"
        out.append(display.drilldown(title, group.drop(columns=["category", "label"]), raw_html_cols=("text",)))
    return out
