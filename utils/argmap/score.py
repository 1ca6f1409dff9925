"""Score the argument reader against the arg-microtexts gold graphs.

``python -m utils.argmap.score GOLD_DIR [--topics heldout|train|all]`` reads every stripped
text (implicit upper-case claims removed), aligns predicted units to gold units by character
overlap and prints measure | baseline | ours | target. Implicit gold units cannot be found by
any reader: they are left out of the per-unit and per-pair measures (edges touching them are
dropped), and central-claim accuracy is given both over texts whose central claim is
explicit (the targeted figure) and over all texts (implicit central claim counted wrong).
A text with no topic or no pro/con stance (``stance="unclear"``) is scored on everything but the
stance measures.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
import time
from pathlib import Path

import pandas as pd

from utils.argmap.draft import type_by_stance
from utils.argmap.microtexts import GoldText, align, load_gold, load_short_texts, read_triggers, unit_overlap
from utils.argmap.reading import ArgumentReading, load_model, read_text
from utils.argmap.stance import reading_stance
from utils.argmap.units import repo_root, split_sentences
from utils.rhetoric.labels import label_sentences, thesis_candidates
from utils.text import load_stopwords

TARGETS = {
    "central claim accuracy (explicit CC)": 0.75,
    "role macro-F1": 0.65,
    "function macro-F1 (support/attack)": 0.70,
    "attachment F1 unlabelled": 0.50,
    "stance typing: same -> agreement": 0.75,
    "stance typing: opposite -> tension": 0.75,
}
_WORDS = re.compile(r"[a-z']+")
THESIS_RULE = "article thesis rules: top sentence holds the CC"
LINK_RULE = ("link rule on gold CCs: same -> agrees", "link rule on gold CCs: opposite -> contradicts")


def heldout_topics(path: str | Path | None = None) -> list[str]:
    """Topics never used for training or rule tuning.

    Args:
        path: Another list; default ``data/models/heldout_topics.txt``.

    Returns:
        Topic ids.
    """
    p = Path(path) if path else repo_root() / "data" / "models" / "heldout_topics.txt"
    return [s.strip() for s in p.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, str]) -> float:
    """Macro-averaged F1 over two labels.

    Args:
        gold: Gold labels.
        pred: Predicted labels, same length.
        labels: The two classes.

    Returns:
        Mean of the per-class F1 (a class absent from both gives F1 0).
    """
    out = []
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(out) / len(out)


def _f1(gold: set, pred: set) -> tuple[int, int, int]:
    return len(gold & pred), len(pred), len(gold)


def trigger_for(topic: str, triggers: dict[str, str]) -> str:
    """Trigger question of a topic, matching ids that differ slightly (``improve``/``improves``).

    Args:
        topic: Topic id of a text.
        triggers: Topic id -> question.

    Returns:
        The question, or the topic id with underscores as spaces if none matches.
    """
    if topic in triggers:
        return triggers[topic]
    words = set(topic.lower().replace("-", "_").split("_"))
    best = max(
        triggers,
        key=lambda t: len(words & set(t.lower().replace("-", "_").split("_"))),
        default=None,
    )
    if best and len(words & set(best.lower().replace("-", "_").split("_"))) >= max(2, len(words) - 1):
        return triggers[best]
    return topic.replace("_", " ")


def _text_counts(g: GoldText, r: ArgumentReading) -> dict:
    """Per-text ingredients of every measure, ours and baselines."""
    p2g, g2p = align([(u.start, u.end) for u in r.units], g)
    idx = {u.id: i for i, u in enumerate(r.units)}
    explicit = [u for u in g.units if not u.implicit]
    gold_by = {u.id: u for u in g.units}
    matched = sum(1 for u in explicit if u.id in g2p and p2g[g2p[u.id]] == u.id)
    central = next(i for i, u in enumerate(r.units) if u.is_central) if r.units else None
    role_g, role_p, role_b, fun_g, fun_p, fun_b = [], [], [], [], [], []
    for u in explicit:
        pi = g2p.get(u.id)
        pu = r.units[pi] if pi is not None else None
        role_g.append(u.role)
        role_p.append("opp" if pu is not None and pu.role == "opponent" else "pro")
        role_b.append("pro")
        if u.function != "central":
            fun_g.append(u.function)
            fun_p.append("attack" if pu is not None and pu.function == "attack" else "support")
            fun_b.append("support")
    scorable = {u.id for u in explicit if u.target is None or not gold_by[u.target].implicit}
    gold_pairs = {(u.id, u.target, u.function) for u in explicit if u.target and not gold_by[u.target].implicit}
    pred_pairs, base_pairs = set(), set()
    for i, u in enumerate(r.units):
        src = p2g[i]
        if src is None or src not in scorable:
            continue
        if u.target is not None:
            trg = p2g[idx[u.target]]
            if trg is not None and trg != src:
                pred_pairs.add((src, trg, u.function))
        if i > 0:
            trg = p2g[i - 1]
            if trg is not None and trg != src:
                base_pairs.add((src, trg, "support"))

    def unl(s):
        return {(a, b) for a, b, _ in s}

    return {
        "gold_units": len(explicit),
        "matched": matched,
        "implicit_cc": g.central.implicit,
        "cc_ok": central is not None and p2g[central] == g.central.id,
        "cc_base": bool(r.units) and p2g[0] == g.central.id,
        "role": (role_g, role_p, role_b),
        "function": (fun_g, fun_p, fun_b),
        "att_u": _f1(unl(gold_pairs), unl(pred_pairs)),
        "att_l": _f1(gold_pairs, pred_pairs),
        "att_u_base": _f1(unl(gold_pairs), unl(base_pairs)),
        "att_l_base": _f1(gold_pairs, base_pairs),
        "central_text": r.units[central].text if central is not None else "",
    }


def _sided(g: GoldText) -> bool:
    """Whether a text counts for the stance measures: it has a topic and takes a pro or con side."""
    return bool(g.topic) and g.stance in {"pro", "con"}


def _f(tp: int, np_: int, ng: int) -> float:
    return 2 * tp / (np_ + ng) if np_ + ng else 0.0


def evaluate(
    golds: list[GoldText], readings: list[ArgumentReading], *, triggers: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Compute every measure with its baseline.

    Args:
        golds: Gold texts.
        readings: The reader's output for each gold text's stripped text.
        triggers: Topic id -> trigger question.

    Returns:
        Measure name -> (baseline, ours).
    """
    rows = [_text_counts(g, r) for g, r in zip(golds, readings)]
    expl = [c for c in rows if not c["implicit_cc"]]

    def cat(key, k):
        return [x for c in rows for x in c[key][k]]

    def sums(key):
        return tuple(sum(c[key][k] for c in rows) for k in range(3))

    sided = [i for i, g in enumerate(golds) if _sided(g)]  # a topic and a pro/con stance: the stance measures' texts
    pred_stance = {i: reading_stance(readings[i], trigger_for(golds[i].topic, triggers))[0] for i in sided}
    same = opp = same_ok = opp_ok = 0
    for i, j in itertools.combinations(sided, 2):
        g, h = golds[i], golds[j]
        if g.topic != h.topic:
            continue
        agree = pred_stance[i] == pred_stance[j]
        if g.stance == h.stance:
            same, same_ok = same + 1, same_ok + agree
        else:
            opp, opp_ok = opp + 1, opp_ok + (not agree)
    nan = float("nan")
    return {
        "texts": (nan, len(rows)),
        "texts whose central claim is implicit": (nan, len(rows) - len(expl)),
        "texts with a topic and a pro or con stance": (nan, len(sided)),
        "explicit gold units": (nan, sum(c["gold_units"] for c in rows)),
        "gold units matched (mutual best overlap)": (
            nan,
            sum(c["matched"] for c in rows),
        ),
        "central claim accuracy (explicit CC)": (
            sum(c["cc_base"] for c in expl) / max(1, len(expl)),
            sum(c["cc_ok"] for c in expl) / max(1, len(expl)),
        ),
        "central claim accuracy (all, implicit = wrong)": (
            sum(c["cc_base"] for c in rows) / max(1, len(rows)),
            sum(c["cc_ok"] for c in rows) / max(1, len(rows)),
        ),
        "role macro-F1": (
            macro_f1(cat("role", 0), cat("role", 2), ("pro", "opp")),
            macro_f1(cat("role", 0), cat("role", 1), ("pro", "opp")),
        ),
        "function macro-F1 (support/attack)": (
            macro_f1(cat("function", 0), cat("function", 2), ("support", "attack")),
            macro_f1(cat("function", 0), cat("function", 1), ("support", "attack")),
        ),
        "attachment F1 unlabelled": (_f(*sums("att_u_base")), _f(*sums("att_u"))),
        "attachment F1 labelled": (_f(*sums("att_l_base")), _f(*sums("att_l"))),
        "stance per text accuracy": (
            sum(golds[i].stance == "pro" for i in sided) / max(1, len(sided)),
            sum(pred_stance[i] == golds[i].stance for i in sided) / max(1, len(sided)),
        ),
        "stance typing: same -> agreement": (
            1.0 if same else 0.0,
            same_ok / same if same else 0.0,
        ),
        "stance typing: opposite -> tension": (0.0, opp_ok / opp if opp else 0.0),
        "same-topic pairs, gold same stance": (nan, same),
        "same-topic pairs, gold opposite stance": (nan, opp),
    }


def thesis_rule(golds: list[GoldText]) -> tuple[float, float]:
    """How often the rules that pick an article's thesis in the draft
    (:func:`utils.rhetoric.labels.thesis_candidates`, on the text's sentences as one paragraph)
    rank first a sentence holding the gold central claim; texts whose central claim is implicit
    are left out.

    Returns:
        ``(baseline, ours)``: the first sentence's share and the rules' share (NaN without texts).
    """
    explicit = [g for g in golds if not g.central.implicit]
    rows, spans = [], {}
    for g in explicit:
        for k, span in enumerate(split_sentences(g.text), start=1):
            sid = f"{g.id}-p01-s{k:02d}"
            rows.append(
                {"article_id": g.id, "paragraph_id": f"{g.id}-p01", "sentence_id": sid, "text": g.text[slice(*span)]}
            )
            spans[sid] = span
    if not rows:
        return float("nan"), float("nan")
    sentences = pd.DataFrame(rows)
    top = thesis_candidates(sentences, label_sentences(sentences), top=1).set_index("article_id")["sentence_id"]
    first = sum(unit_overlap(spans[f"{g.id}-p01-s01"], g.central) > 0 for g in explicit)
    ours = sum(g.id in top and unit_overlap(spans[top[g.id]], g.central) > 0 for g in explicit)
    return first / len(explicit), ours / len(explicit)


def link_rule(golds: list[GoldText]) -> dict[str, tuple[float, float]]:
    """How the draft's rule for typing a link across articles
    (:func:`utils.argmap.draft.type_by_stance`) types the gold central claims of two texts on the
    same topic that share a content word: ``agrees`` when the writers took the same side of the
    question, ``contradicts`` when they took opposite sides. Texts whose central claim is
    implicit are left out.

    Returns:
        :data:`LINK_RULE` measure -> (baseline "every link agrees", the rule's share right).
    """
    stop = load_stopwords()
    words = {g.id: {w for w in _WORDS.findall(g.central.text.lower()) if len(w) > 2 and w not in stop} for g in golds}
    tally = {True: [0, 0], False: [0, 0]}  # same stance? -> [pairs, typed right]
    for g, h in itertools.combinations([g for g in golds if not g.central.implicit], 2):
        shared = words[g.id] & words[h.id]
        if g.topic != h.topic or not shared or not (_sided(g) and _sided(h)):
            continue
        relation, _ = type_by_stance(g.central.text, h.central.text, shared)
        same = g.stance == h.stance
        tally[same][0] += 1
        tally[same][1] += relation == ("agrees" if same else "contradicts")
    rate = {k: (v[1] / v[0] if v[0] else float("nan")) for k, v in tally.items()}
    return {LINK_RULE[0]: (1.0, rate[True]), LINK_RULE[1]: (0.0, rate[False])}


def _triggers_near(gold_dir: Path) -> dict[str, str]:
    for p in (gold_dir / "topics_triggers.md", *(d / "topics_triggers.md" for d in gold_dir.parents[:2])):
        if p.exists():
            return read_triggers(p)
    return {}


def score(
    gold_dir: str | Path,
    *,
    topics: list[str] | str | None = None,
    model: dict | None = None,
    texts: set[str] | None = None,
) -> pd.DataFrame:
    """Read every gold text and score the reading.

    Args:
        gold_dir: Folder of ``micro_*.xml`` (or the corpus root holding ``corpus/``).
        topics: ``"heldout"``, ``"train"``, ``"all"``/``None`` or an explicit list of topic ids.
        model: Reader weights (default: the stored model).
        texts: Only these text ids (default: all).

    Returns:
        A table with columns measure, baseline, ours, target.
    """
    folder = Path(gold_dir)
    golds = [g for g in load_gold(folder) if texts is None or g.id in texts]
    if isinstance(topics, str) and topics != "all":
        held = set(heldout_topics())
        golds = [g for g in golds if (g.topic in held) == (topics == "heldout")]
    elif isinstance(topics, list):
        golds = [g for g in golds if g.topic in set(topics)]
    readings = [read_text(g.text, model=model) for g in golds]
    res = evaluate(golds, readings, triggers=_triggers_near(folder))
    res[THESIS_RULE] = thesis_rule(golds)
    res.update(link_rule(golds))
    return pd.DataFrame(
        [{"measure": k, "baseline": b, "ours": o, "target": TARGETS.get(k)} for k, (b, o) in res.items()]
    )


def score_short_texts(folder: str | Path, *, model: dict | None = None) -> pd.DataFrame:
    """Read and score short texts with gold graphs in the JSON layout of ``data/dev/short_texts``
    (:func:`utils.argmap.microtexts.load_short_texts`); the same measures as :func:`score`.

    Args:
        folder: A folder holding ``texts.json`` files, at any depth.
        model: Reader weights (default: the stored model).

    Returns:
        A table with columns measure, baseline, ours, target.
    """
    golds, triggers = load_short_texts(folder)
    readings = [read_text(g.text, model=model) for g in golds]
    res = evaluate(golds, readings, triggers=triggers)
    res.update(link_rule(golds))
    return pd.DataFrame(
        [{"measure": k, "baseline": b, "ours": o, "target": TARGETS.get(k)} for k, (b, o) in res.items()]
    )


def format_table(table: pd.DataFrame, *, title: str, extra: dict[str, float] | None = None) -> str:
    """Plain-text rendering of a score table.

    Args:
        table: Output of :func:`score`.
        title: Heading line.
        extra: Measure -> value shown in a fifth column (cross-validated scores).

    Returns:
        The table as text.
    """

    def fmt(v: float | None, count: bool) -> str:
        if v is None or math.isnan(v):
            return ""
        return f"{int(v)}" if count else f"{v:.3f}"

    head = f"{'measure':<48} | {'baseline':>8} | {'ours':>8} | {'target':>6}" + (f" | {'ours CV':>8}" if extra else "")
    lines = [title, head, "-" * len(head)]
    for row in table.itertuples():
        count = row.baseline != row.baseline  # counts have no baseline
        line = f"{row.measure:<48} | {fmt(row.baseline, count):>8} | {fmt(row.ours, count):>8} | {fmt(row.target, False):>6}"
        if extra:
            line += f" | {fmt(extra.get(row.measure), count):>8}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the score tables.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status 0, or 2 when the folder holds no gold texts.
    """
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir")
    ap.add_argument("--topics", choices=("heldout", "train", "all", "both"), default="both")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    folder = Path(args.gold_dir)
    if not folder.is_dir() or not (any(folder.rglob("*.xml")) or any(folder.rglob("texts.json"))):
        print(f"{folder}: no gold texts (arg-microtexts *.xml or texts.json files) found", file=sys.stderr)
        return 2
    if not any(folder.rglob("*.xml")):
        table = score_short_texts(args.gold_dir)
        title = f"SHORT TEXTS with gold graphs in {args.gold_dir} (how each set was used: its SOURCE.md)"
        print(format_table(table, title=title) + f"\n\nscored in {time.perf_counter() - t0:.2f} s")
        return 0
    shipped = load_model()
    dev = set(shipped.get("training_texts", [])) | set(shipped.get("heldout_texts", []))
    ids = {g.id for g in load_gold(args.gold_dir)}
    if ids - dev:
        # texts outside the dev set the reader was built on (another corpus, such as part 1)
        table = score(args.gold_dir, topics="all", texts=ids - dev)
        print(format_table(table, title="NEW texts (not in the dev set the reader was trained and tuned on)") + "\n")
    cv = shipped.get("cv_scores", {})
    sections = ("heldout", "train") if args.topics == "both" else (args.topics,)
    for which in sections if ids & dev else ():
        table = score(args.gold_dir, topics=which, texts=ids & dev)
        extra = {k: v for k, v in cv.items()} if which == "train" else None
        title = {
            "heldout": "HELD-OUT topics (never trained or tuned on)",
            "train": "TRAINING topics (ours = fitted on them; ours CV = 5-fold cross-validated by topic)",
            "all": "ALL topics of the dev set",
        }[which]
        print(format_table(table, title=title, extra=extra) + "\n")
    print(f"scored in {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
