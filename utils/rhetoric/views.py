"""Per-article argument profiles built from the rhetoric labels: counts, rates, comparison,
plain-English summaries, and the drill-downs that lead from every number to its sentences.

Counting rule (used everywhere): a metadiscourse label counts its **markers** (two hedges in one
sentence count two, as in Hyland's per-1,000-word rates); a role, question or directive label
counts **sentences** (a sentence is a claim once, however many cues it has). Rates are per 1,000
words of the article (``articles.n_words``), so short and long articles can be compared.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd

from utils import display
from utils.concepts.keyness import benjamini_hochberg
from utils.ingest import group_of
from utils.rhetoric.labels import EVIDENCE, LABELS
from utils.text import plural

NAMES = {
    "hedge": "hedges",
    "booster": "boosters",
    "attitude_marker": "attitude markers",
    "self_mention": "self-mentions",
    "engagement_reader": "reader address",
    "engagement_aside": "asides",
    "transition_contrast": "contrast transitions",
    "transition_cause": "cause transitions",
    "transition_addition": "addition transitions",
    "frame_marker": "frame markers",
    "evidential": "evidentials",
    "code_gloss": "code glosses",
    "claim": "claims",
    "reason": "reasons",
    "evidence_statistic": "statistics",
    "evidence_anecdote": "anecdote",
    "evidence_hypothetical": "hypothetical cases",
    "evidence_authority": "authority",
    "evidence_exemplar": "named examples",
    "evidence_analogy": "analogy / metaphor",
    "concession": "concessions",
    "rebuttal": "rebuttals",
    "answered": "questions answered next",
    "to_reader": "questions to the reader",
    "rhetorical": "rhetorical questions",
    "imperative": "imperatives",
    "obligation": "you-must / you-should",
}
FINGERPRINT = [
    "claim",
    "reason",
    *EVIDENCE,
    "concession",
    "rebuttal",
    "questions",
    "directives",
    "engagement_reader",
    "hedge",
    "booster",
]


def label_index() -> pd.DataFrame:
    """Every (category, label) in display order, with its plain name."""
    rows = [(c, lab, NAMES.get(lab, lab)) for c, labs in LABELS.items() for lab in labs]
    return pd.DataFrame(rows, columns=["category", "label", "name"])


def count_labels(
    labels: pd.DataFrame, articles: pd.DataFrame, *, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How often each label occurs in each article, zero included.

    Args:
        labels: From :func:`utils.rhetoric.label_sentences` (corrected or not).
        articles: The articles table (``article_id``, ``n_words``).
        sentences: The sentences table, in reading order. When given, a sentence repeated word for
            word in its article (a pull quote) counts once, and ``passages`` counts each run of
            consecutive sentences carrying a label once (a 25-sentence imagined case is one
            passage of hypothetical evidence).

    Returns:
        ``article_id, category, label, name, count, passages, words, per_1000`` for every article
        and label (``passages`` equals ``count`` when no sentences are given).
    """
    position = pd.Series(dtype="int64")
    if sentences is not None:
        s = sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences
        s = s.reset_index(drop=True)
        norm = s["text"].astype(str).str.split().str.join(" ").str.lower()
        long_enough = norm.str.count(" ") >= 5  # "Why?" asked twice is two questions, not a pull quote
        dup = pd.DataFrame({"article_id": s["article_id"], "norm": norm}).duplicated()  # within its article
        repeat = set(s.loc[dup & long_enough, "sentence_id"])
        labels = labels[~labels["sentence_id"].isin(repeat)]
        position = pd.Series(range(len(s)), index=s["sentence_id"].to_numpy())
    markers = labels[labels["category"] == "metadiscourse"].groupby(["article_id", "category", "label"]).size()
    others = labels[labels["category"] != "metadiscourse"].drop_duplicates(["sentence_id", "category", "label"])
    counts = pd.concat([markers, others.groupby(["article_id", "category", "label"]).size()]).rename("count")
    if len(position):
        keys = ["article_id", "category", "label"]
        o = others.assign(pos=others["sentence_id"].map(position)).dropna(subset=["pos"]).sort_values([*keys, "pos"])
        # a run starts at each label's first sentence in an article and after every gap
        starts = o["pos"].diff().ne(1) | o[keys].ne(o[keys].shift()).any(axis=1)
        run = starts.astype(int).cumsum()
        opener = o["rule"].astype(str).str.extract(r"opened at (\S+)", expand=False)
        key = opener.groupby(run).transform("first").fillna("run " + run.astype(str))
        passages = o.assign(key=key).groupby(keys)["key"].nunique().rename("passages")
    else:
        passages = counts.rename("passages")
    grid = pd.MultiIndex.from_product([articles["article_id"].astype("str"), label_index().apply(tuple, axis=1)])
    rows = [(a, c, lab, name) for a, (c, lab, name) in grid]
    out = pd.DataFrame(rows, columns=["article_id", "category", "label", "name"])
    out = out.merge(counts.reset_index(), on=["article_id", "category", "label"], how="left").fillna({"count": 0})
    out = out.merge(passages.reset_index(), on=["article_id", "category", "label"], how="left")
    out["passages"] = out["passages"].fillna(out["count"])
    words = articles.set_index(articles["article_id"].astype("str"))["n_words"]
    out["count"] = out["count"].astype("int64")
    out["passages"] = out["passages"].astype("int64")
    out["words"] = out["article_id"].map(words).astype("int64")
    out["per_1000"] = (1000 * out["count"] / out["words"].clip(lower=1)).round(2)
    return out[["article_id", "category", "label", "name", "count", "passages", "words", "per_1000"]]


def wide(counts: pd.DataFrame, value: str = "per_1000") -> pd.DataFrame:
    """Labels as rows (plain names), articles as columns."""
    table = counts.pivot_table(
        index=["category", "name"], columns="article_id", values=value, sort=False, aggfunc="first"
    )
    table.columns.name = None
    return table


def question_runs(labels: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Longest run of consecutive questions in each article (0 when it asks none)."""
    body = sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences
    is_q = body["sentence_id"].isin(labels.loc[labels["category"] == "question", "sentence_id"])
    run = (~is_q).groupby(body["article_id"]).cumsum()
    longest = is_q.groupby([body["article_id"], run]).sum().groupby(level=0).max()
    return longest.reindex(body["article_id"].unique(), fill_value=0).astype("int64")


def fingerprint_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The dimensions of the argument fingerprint, per 1,000 words: articles as rows."""
    by = counts.set_index(["article_id", "label"])["per_1000"].unstack()
    cat = counts.groupby(["article_id", "category"])["per_1000"].sum().unstack()
    out = pd.DataFrame(
        {
            **{NAMES[c]: by[c] for c in ("claim", "reason", *EVIDENCE, "concession", "rebuttal")},
            "questions": cat["question"],
            "directives": cat["directive"],
            "reader address": by["engagement_reader"],
            "hedges": by["hedge"],
            "boosters": by["booster"],
        }
    )
    return out.reindex(counts["article_id"].unique()).round(2)


def top_roles(counts: pd.DataFrame, article_id: str, *, n: int = 2) -> list[tuple[str, int]]:
    """The article's most frequent ways of arguing beyond bare claims (reasons, evidence types,
    concessions, rebuttals), as (plain name, sentences)."""
    ways = ["reason", *EVIDENCE, "concession", "rebuttal"]
    sub = counts[(counts["article_id"] == article_id) & counts["label"].isin(ways) & (counts["count"] > 0)]
    sub = sub.sort_values(["count", "label"], ascending=[False, True])
    return list(zip(sub["name"].head(n), sub["count"].head(n)))


def summarise_article(article_id: str, counts: pd.DataFrame, tone: pd.DataFrame, runs: pd.Series) -> str:
    """A plain-English paragraph on how one article argues, written from its counts and tone.

    Example output: "argues mainly through anecdote (5 sentences) and rebuttal (3); 22 claims
    (8.1 per 1,000 words) against 7 sentences of evidence; ..."
    """
    sub = counts[counts["article_id"] == article_id]
    by_label = dict(zip(sub["label"], sub["count"]))  # one row per label and article
    c = lambda lab: int(by_label.get(lab, 0))  # noqa: E731
    words = int(sub["words"].iloc[0]) if len(sub) else 0
    ways = top_roles(counts, article_id)
    if ways:
        how = "argues mainly through " + " and ".join(
            f"{name} ({plural(n, 'sentence')})" if i == 0 else f"{name} ({n})" for i, (name, n) in enumerate(ways)
        )
    else:
        how = "makes its case through bare claims, with no reasons or evidence the rules can find"
    evidence = int(sub[sub["label"].isin(EVIDENCE)]["count"].sum())
    claims = c("claim")
    rate = f" ({1000 * claims / words:.1f} per 1,000 words)" if words else ""
    parts = [how, f"{plural(claims, 'claim')}{rate} against {plural(evidence, 'sentence')} of evidence"]
    questions = c("answered") + c("to_reader") + c("rhetorical")
    if questions:
        kinds = [
            f"{c(k)} {NAMES[k].replace('questions ', '').replace(' questions', '')}"
            for k in ("answered", "to_reader", "rhetorical")
            if c(k)
        ]
        run = int(runs.get(article_id, 0))
        parts.append(
            f"asks {plural(questions, 'question')} ({', '.join(kinds)})"
            + (f", {run} of them in a row" if run >= 3 else "")
        )
    else:
        parts.append("asks no questions")
    directives = c("imperative") + c("obligation")
    parts.append(f"gives {plural(directives, 'directive')}" if directives else "gives no directives")
    parts.append(f"addresses the reader ('you', inclusive 'we') {plural(c('engagement_reader'), 'time')}")
    parts.append(f"{plural(c('hedge'), 'hedge')} against {plural(c('booster'), 'booster')}")
    t = tone[tone["article_id"] == article_id]
    if len(t):
        mean = t["compound"].mean()
        mood = "mostly positive" if mean > 0.15 else "mostly negative" if mean < -0.15 else "mixed or neutral"
        parts.append(f"word-level tone {mood} (VADER mean {mean:+.2f}; not a reading of the author's stance)")
    return "It " + "; ".join(parts) + "."


def article_summaries(
    counts: pd.DataFrame, tone: pd.DataFrame, runs: pd.Series, articles: pd.DataFrame
) -> pd.DataFrame:
    """One plain-English summary per article: ``article_id, title, summary``."""
    by_counts = dict(list(counts.groupby("article_id", sort=False)))
    by_tone = dict(list(tone.groupby("article_id", sort=False)))
    rows = [
        (
            a.article_id,
            a.title,
            summarise_article(
                a.article_id, by_counts.get(a.article_id, counts[:0]), by_tone.get(a.article_id, tone[:0]), runs
            ),
        )
        for a in articles.itertuples()
    ]
    return pd.DataFrame(rows, columns=["article_id", "title", "summary"])


CONFIDENT_THESIS = 4.0  # a thesis score below this, or within MARGIN of the runner-up, is only a candidate
MARGIN = 0.5


def thesis_flag(score: float, runner_up: float | None) -> str:
    """``"CANDIDATE ONLY (…): "`` when the best thesis sentence is weak or barely ahead of the next,
    else ``""``; the side-by-side table puts it before the thesis.

    Example:
        >>> thesis_flag(3.5, 3.5)
        'CANDIDATE ONLY (score 3.5, next 3.5): '
        >>> thesis_flag(5.25, 4.0)
        ''
    """
    weak = score < CONFIDENT_THESIS or (runner_up is not None and score - runner_up < MARGIN)
    if not weak:
        return ""
    nxt = f", next {runner_up:.1f}" if runner_up is not None else ""
    return f"CANDIDATE ONLY (score {score:.1f}{nxt}): "


def comparison_table(
    *,
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    counts: pd.DataFrame,
    tone: pd.DataFrame,
    thesis: pd.DataFrame,
    runs: pd.Series,
    ease: pd.Series,
) -> pd.DataFrame:
    """The side-by-side profile: one row per measure, one column per article (text cells).

    ``ease`` is the Flesch reading ease per article (``utils.describe.read_readability``)."""
    ids = articles["article_id"].astype("str").tolist()
    text = sentences.set_index("sentence_id")["text"]
    top = thesis.groupby("article_id").head(1).set_index("article_id")
    runner_up = thesis.groupby("article_id").nth(1).set_index("article_id")["score"]
    per = counts.set_index(["article_id", "label"])

    def n(a: str, lab: str) -> int:
        return int(per.loc[(a, lab), "count"])

    def passages(a: str, lab: str) -> int:
        return int(per.loc[(a, lab), "passages"]) if "passages" in per else n(a, lab)

    def r(a: str, labs: list[str]) -> float:
        return float(per.loc[[(a, lab) for lab in labs], "per_1000"].sum())

    rows: dict[str, list[str]] = {}
    for a in ids:
        t = tone[tone["article_id"] == a]["compound"]
        evidence = sum(n(a, e) for e in EVIDENCE)
        ways = sorted(((n(a, e), NAMES[e]) for e in EVIDENCE if n(a, e)), reverse=True)
        thesis_cell = (
            thesis_flag(top.loc[a, "score"], runner_up.get(a))
            + f"{top.loc[a, 'sentence_id']}: {textwrap.shorten(text[top.loc[a, 'sentence_id']], 120, placeholder=' …')}"
            if a in top.index
            else "(none)"
        )
        col = {
            "title": str(articles.set_index("article_id").loc[a, "title"]),
            "words / sentences": f"{int(articles.set_index('article_id').loc[a, 'n_words']):,} / {int((sentences['article_id'] == a).sum())}",
            "readability (Flesch)": f"{ease.get(a, float('nan')):.1f}",
            "most likely thesis": thesis_cell,
            "claims (per 1,000 words)": f"{n(a, 'claim')} ({r(a, ['claim']):.1f})",
            "evidence: passages / sentences (sentences per 1,000 words)": (
                f"{sum(passages(a, e) for e in EVIDENCE)} / {evidence} ({r(a, list(EVIDENCE)):.1f})"
            ),
            "claims per evidence sentence": f"{n(a, 'claim') / evidence:.1f}" if evidence else "no evidence found",
            "evidence mix": ", ".join(f"{name} {k}" for k, name in ways) or "none",
            "reasons / concessions / rebuttals": f"{n(a, 'reason')} / {n(a, 'concession')} / {n(a, 'rebuttal')}",
            "questions: answered / to reader / rhetorical": f"{n(a, 'answered')} / {n(a, 'to_reader')} / {n(a, 'rhetorical')}",
            "longest run of questions": str(int(runs.get(a, 0))),
            "directives: imperative / you-must": f"{n(a, 'imperative')} / {n(a, 'obligation')}",
            "reader address ('you', inclusive 'we')": str(n(a, "engagement_reader")),
            "self-mentions": str(n(a, "self_mention")),
            "hedges / boosters per 1,000 words": f"{r(a, ['hedge']):.1f} / {r(a, ['booster']):.1f}",
            "word-level tone (VADER, not validated on opinion writing): mean; sentences below -0.05": (
                f"{t.mean():+.2f}; {int((t < -0.05).sum())} of {len(t)}" if len(t) else "n/a"
            ),
        }
        for k, v in col.items():
            rows.setdefault(k, []).append(v)
    return pd.DataFrame(rows, index=ids).T.rename_axis("measure").reset_index()


# ---------------------------------------------------------------- drill-downs


def evidence_table(hits: pd.DataFrame, text: dict[str, str]) -> pd.DataFrame:
    """The sentences behind one count: id, number of hits, rule(s) that fired, and the text with
    the matched spans marked (HTML).

    Args:
        hits: The label rows of one article and one label, in reading order.
        text: Sentence id -> sentence text.
    """
    by_sentence: dict[str, list] = {}
    for sid, rule, start, end in zip(hits["sentence_id"], hits["rule"], hits["start"], hits["end"]):
        by_sentence.setdefault(sid, []).append((rule, start, end))
    rows = [
        (
            sid,
            len(group),
            "; ".join(dict.fromkeys(r for r, _, _ in group)),
            display.mark(text[sid], [(st, en) for _, st, en in group if en > st]),
        )
        for sid, group in by_sentence.items()
    ]
    return pd.DataFrame(rows, columns=["sentence", "hits", "rule", "text"])


def drilldown_sections(
    labels: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, max_rows: int = 200
) -> list[str]:
    """One collapsible section per article; inside, one collapsible list per label with its sentences
    (matched spans highlighted), and a line naming the labels with no occurrences."""
    sections = []
    index = label_index()
    text = dict(zip(sentences["sentence_id"], sentences["text"].astype("str")))
    groups = {key: g for key, g in labels.groupby(["article_id", "label"], sort=False)}
    for a in articles.itertuples():
        inner, empty = [], []
        n_labels = 0
        for category, label, name in index.itertuples(index=False):
            hits = groups.get((a.article_id, label))
            if hits is None:
                empty.append(name)
                continue
            n_labels += len(hits)
            table = evidence_table(hits, text)
            markers = f"{int(table['hits'].sum())} markers; " if category == "metadiscourse" else ""
            inner.append(
                display.drilldown(
                    f"{category} / {name}: {markers}sentences", table, raw_html_cols=("text",), max_rows=max_rows
                )
            )
        none = f'<p class="atlas-note">No occurrences: {html.escape(", ".join(empty))}.</p>' if empty else ""
        title = html.escape(f"{a.article_id}: {a.title}")
        present = int((labels["article_id"] == a.article_id).sum())
        sections.append(
            f'<details class="atlas-drill"><summary>{title} ({present} labels)</summary>{"".join(inner)}{none}</details>'
        )
    return sections


def label_drilldowns(labels: pd.DataFrame, sentences: pd.DataFrame, *, n: int = 20, csv: str = "") -> list[str]:
    """For a large corpus: one collapsible list per label (not per article) holding its ``n``
    sentences with the most hits (ties: reading order), matched spans highlighted; the title
    says how many sentences carry the label in all, and ``csv`` names the file with every one.
    Labels no sentence carries are named in a closing line."""
    text = dict(zip(sentences["sentence_id"], sentences["text"].astype("str")))
    order = {sid: i for i, sid in enumerate(sentences["sentence_id"])}
    article = dict(zip(sentences["sentence_id"], sentences["article_id"]))
    groups = dict(list(labels.groupby("label", sort=False)))
    where = f"; every one is in {csv}" if csv else ""
    out, empty = [], []
    for category, label, name in label_index().itertuples(index=False):
        hits = groups.get(label)
        if hits is None:
            empty.append(name)
            continue
        per = hits.groupby("sentence_id").size()
        top = sorted(per.index, key=lambda sid: (-per[sid], order.get(sid, 0)))[:n]
        table = evidence_table(
            hits[hits["sentence_id"].isin(top)].sort_values("sentence_id", key=lambda s: s.map(order)), text
        )
        table.insert(0, "article", table["sentence"].map(article))
        title = f"{category} / {name}: the {len(top)} sentences with the most hits, of {len(per):,}{where}"
        out.append(display.drilldown(title, table, raw_html_cols=("text",)))
    if empty:
        out.append(f'<p class="atlas-note">No occurrences: {html.escape(", ".join(empty))}.</p>')
    return out


def question_table(labels: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every question with its type, the rule's reason, and the sentence that follows it."""
    q = labels[labels["category"] == "question"]
    body = sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences
    ids = body["sentence_id"].tolist()
    nxt = dict(zip(ids, ids[1:] + [""]))
    art = dict(zip(body["sentence_id"], body["article_id"]))
    text = body.set_index("sentence_id")["text"].astype("str")
    follow = [text[nxt[s]] if nxt.get(s) and art.get(nxt[s]) == art[s] else "" for s in q["sentence_id"]]
    return pd.DataFrame(
        {
            "article": q["article_id"].to_numpy(),
            "sentence": q["sentence_id"].to_numpy(),
            "type": q["label"].to_numpy(),
            "why": q["rule"].to_numpy(),
            "question": q["match"].to_numpy(),
            "next sentence": follow,
        }
    )


def tone_table(tone: pd.DataFrame, sentences: pd.DataFrame, *, article_id: str) -> pd.DataFrame:
    """The sentences behind one tone arc, in order, with their VADER compound score."""
    t = tone[tone["article_id"] == article_id]
    text = sentences.set_index("sentence_id")["text"].astype("str")
    return pd.DataFrame(
        {
            "sentence": t["sentence_id"].to_numpy(),
            "position": (100 * t["position"]).round().astype("int64").astype("str").to_numpy(),
            "tone": t["compound"].map("{:+.2f}".format).to_numpy(),
            "text": t["sentence_id"].map(text).to_numpy(),
        }
    )


def tone_sections(tone: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """One collapsible tone table per article (the sentences behind each tone arc)."""
    return [
        display.drilldown(
            f"Tone, sentence by sentence: {a.article_id}", tone_table(tone, sentences, article_id=a.article_id)
        )
        for a in articles.itertuples()
    ]


def thesis_table(thesis: pd.DataFrame, sentences: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Thesis candidates with their text (claim cues marked) for display."""
    text = sentences.set_index("sentence_id")["text"].astype("str")
    claims = labels[labels["label"] == "claim"].groupby("sentence_id")
    marked = []
    for sid in thesis["sentence_id"]:
        spans = (
            [(s, e) for s, e in zip(claims.get_group(sid)["start"], claims.get_group(sid)["end"]) if e > s]
            if sid in claims.groups
            else []
        )
        marked.append(display.mark(text[sid], spans))
    rank = thesis.groupby("article_id", sort=False).cumcount() + 1
    return pd.DataFrame(
        {
            "article": thesis["article_id"],
            "rank": rank,
            "sentence": thesis["sentence_id"],
            "score": thesis["score"].map("{:.2f}".format),
            "why": thesis["reasons"],
            "text": marked,
        }
    )


def standouts(counts: pd.DataFrame, *, min_count: int = 2) -> dict[str, str]:
    """For each article, the label where its rate is highest relative to the other articles
    (at least ``min_count`` occurrences), for figure titles and summaries."""
    c = counts[counts["count"] >= min_count]
    if c.empty or counts["article_id"].nunique() < 2:
        return {}
    mean = counts.groupby("label")["per_1000"].mean()
    c = c.assign(lift=c["per_1000"] / c["label"].map(mean).replace(0, np.nan))
    best = c.sort_values(["lift", "count"], ascending=False).drop_duplicates("article_id")
    return dict(zip(best["article_id"], best["name"]))


# ---------------------------------------------------------------- titles that state the finding


def heatmap_title(counts: pd.DataFrame, *, width: int = 55) -> str:
    """A title for the heatmap naming where each article stands out most (wrapped at ``width``)."""
    stand = standouts(counts)
    if not stand:
        return "Label rates per 1,000 words" + (f" in {counts['article_id'].iloc[0]}" if len(counts) else "")
    shown = list(stand.items())[:6]
    more = " ..." if len(stand) > 6 else ""
    return textwrap.fill(
        "Where each article stands out: " + "; ".join(f"{a} {name}" for a, name in shown) + more,
        width,
        break_on_hyphens=False,
    )


def fingerprint_title(table: pd.DataFrame, *, width: int = 75) -> str:
    """A title for the fingerprints: the bar that is largest in most articles, and the exceptions."""
    if table.empty:
        return "Argument fingerprints"
    top = table.idxmax(axis=1)
    common = top.value_counts()
    lead, n = common.index[0], int(common.iloc[0])
    others = [f"{a}: {d}" for a, d in top.items() if d != lead][:4]
    text = f"The longest bar is {lead} in {n} of {len(top)} articles"
    return textwrap.fill(text + ("; " + ", ".join(others) if others else ""), width, break_on_hyphens=False)


def tone_title(tone: pd.DataFrame, *, width: int = 75) -> str:
    """A title for the tone arcs: how many articles are positive on average, with the measure's limit.

    No superlatives ("the most negative sentence"): VADER scores words, is not validated on opinion
    writing, and a critical sentence in upbeat words scores positive."""
    if tone.empty:
        return "Tone through each article"
    means = tone.groupby("article_id", sort=False)["compound"].mean()
    return textwrap.fill(
        f"Word-level tone (VADER) is positive on average in {int((means > 0).sum())} of {len(means)} articles; "
        "it scores words, not the author's stance",
        width,
    )


# ---------------------------------------------------------------- groups


def _dimensions(by: pd.DataFrame, cat: pd.DataFrame) -> dict[str, pd.Series]:
    """The profile's dimensions from a table of label rates and one of category rates (same rows)."""

    def col(frame: pd.DataFrame, key: str) -> pd.Series:
        return frame[key] if key in frame else pd.Series(0.0, index=frame.index)

    return {
        **{NAMES[k]: col(by, k) for k in ("claim", "reason", *EVIDENCE, "concession", "rebuttal")},
        "questions": col(cat, "question"),
        "directives": col(cat, "directive"),
        "reader address": col(by, "engagement_reader"),
        "hedges": col(by, "hedge"),
        "boosters": col(by, "booster"),
    }


def article_dimensions(counts: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Each article's fingerprint dimensions per 1,000 of its words (0 where it has no such
    sentence), one row per article of ``ids``."""
    c = counts[counts["article_id"].isin(ids)]
    by = c.pivot_table(index="article_id", columns="label", values="per_1000", aggfunc="sum", fill_value=0.0)
    cat = c.pivot_table(index="article_id", columns="category", values="per_1000", aggfunc="sum", fill_value=0.0)
    return pd.DataFrame(_dimensions(by, cat)).reindex(ids, fill_value=0.0)


def group_profile(counts: pd.DataFrame, articles: pd.DataFrame, tone: pd.DataFrame) -> pd.DataFrame:
    """How each group of articles argues: the fingerprint dimensions per 1,000 words in the
    group's average article (the mean of its articles' rates, so a long article counts as one, as
    in :func:`group_differences`), plus its articles, words and mean tone.

    Args:
        counts: From :func:`count_labels` (every article).
        articles: The articles table (``article_id, group``; articles
            :func:`utils.ingest.group_of` leaves out are not counted).
        tone: From :func:`utils.rhetoric.sentence_tone`.

    Returns:
        One row per group (``(no group)`` for articles without one), sorted by name.
    """
    group = group_of(articles)
    words = articles.assign(group=articles["article_id"].map(group)).groupby("group")["n_words"].sum()
    rates = article_dimensions(counts, group.index)
    out = pd.DataFrame(
        {
            "articles": group.value_counts(),
            "words": words,
            **{k: v for k, v in rates.groupby(group).mean().items()},
            "mean tone": tone.groupby(tone["article_id"].map(group))["compound"].mean(),
        }
    )
    return out.fillna(0).round(2).rename_axis("group").reset_index()


def group_differences(
    counts: pd.DataFrame, articles: pd.DataFrame, a: str, b: str, *, fdr: float = 0.05
) -> pd.DataFrame:
    """Which profile dimensions set two groups apart beyond chance, judged over their articles.

    Each article's rate per 1,000 of its words is one observation, so an article that asks forty
    questions is one article, not forty pieces of evidence. The two groups' rates are compared by
    Welch's t-test (unequal variances: a test over texts, not tokens, as Lijffijt et al. 2016
    recommend), and Benjamini-Hochberg controls the false discoveries over the dimensions.

    Args:
        counts: From :func:`count_labels`.
        articles: The articles table (``article_id, group``).
        a, b: The two groups.
        fdr: The false-discovery rate.

    Returns:
        One row per dimension: ``dimension``, ``mean in <a>``, ``mean in <b>`` (the mean of the
        articles' rates), ``t`` (positive: higher in ``a``), ``p``, ``q``, ``significant``; largest
        |t| first. No rows when either group has fewer than two articles.
    """
    from scipy import stats  # only when groups are compared: reading tables never loads SciPy

    group = group_of(articles)
    ids = group[group.isin([a, b])]
    cols = ["dimension", f"mean in {a}", f"mean in {b}", "t", "p", "q", "significant"]
    if min(int((ids == a).sum()), int((ids == b).sum())) < 2:
        return pd.DataFrame(columns=cols)
    rates = article_dimensions(counts, ids.index)
    in_a, in_b = rates[(ids == a).to_numpy()], rates[(ids == b).to_numpy()]
    n_a, n_b = len(in_a), len(in_b)
    gap = (in_a.mean() - in_b.mean()).to_numpy()
    va, vb = (in_a.var(ddof=1) / n_a).to_numpy(), (in_b.var(ddof=1) / n_b).to_numpy()
    se2 = va + vb
    spread = se2 > 0  # every article of both groups at one rate: no spread to test against
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(spread, gap / np.sqrt(se2), np.where(gap == 0, 0.0, np.sign(gap) * np.inf))
        df = np.where(spread, se2**2 / (va**2 / max(n_a - 1, 1) + vb**2 / max(n_b - 1, 1)), 1.0)
    p = np.where(np.isfinite(t), 2 * stats.t.sf(np.abs(np.nan_to_num(t, posinf=0, neginf=0)), df), 0.0)
    out = pd.DataFrame(
        {
            "dimension": rates.columns,
            f"mean in {a}": in_a.mean().round(2).to_numpy(),
            f"mean in {b}": in_b.mean().round(2).to_numpy(),
            "t": np.round(t, 2),
            "p": p,
        }
    )
    out["q"] = benjamini_hochberg(out["p"].to_numpy())
    out["significant"] = out["q"] <= fdr
    two_digits = np.vectorize(lambda v: float(f"{v:.2g}"))  # 3.2e-09, 0.033: what a reader can take in
    out[["p", "q"]] = two_digits(out[["p", "q"]].to_numpy())
    order = out["t"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order, cols].reset_index(drop=True)


def group_profile_title(profile: pd.DataFrame, differences: pd.DataFrame, *, width: int = 75) -> str:
    """A title naming the clearest dimension that sets the two groups of ``differences``
    (:func:`group_differences`) apart beyond chance (the largest |t| among the significant), with
    the two means of the articles' rates that the test compared (the bars of the profile and the
    front page give the same numbers); or saying that none does."""
    if len(profile) < 2 or len(differences.columns) < 3:
        return "How the group argues"
    a, b = (str(c).removeprefix("mean in ") for c in differences.columns[1:3])
    if differences.empty:
        return textwrap.fill(f"{a} or {b} has too few articles to tell the groups apart", width)
    clear = differences[differences["significant"]]
    if clear.empty:
        return textwrap.fill(f"No way of arguing sets {a} and {b} apart beyond chance", width, break_on_hyphens=False)
    row = clear.iloc[0]
    dim = row["dimension"]
    more, less = (a, b) if row["t"] > 0 else (b, a)
    return textwrap.fill(
        f"Clearest difference: {more} uses {dim} at {row[f'mean in {more}']:.1f} per 1,000 words in the "
        f"average article, {less} at {row[f'mean in {less}']:.1f} ({len(clear)} of {len(differences)} "
        "dimensions differ beyond chance)",
        width,
        break_on_hyphens=False,
    )
