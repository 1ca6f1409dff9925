"""How each sentence argues: transparent, rule-based labels with the rule and span behind each one.

Four categories of label (the names are fixed; see :data:`LABELS`):

* ``metadiscourse``: Hyland's (2005) interactional and interactive markers, from the word lists in
  ``data/lexicons/metadiscourse/``.
* ``role``: argumentative role candidates (claim, reason, six kinds of evidence, concession,
  rebuttal), from ``data/lexicons/rhetoric_role_*.txt`` plus the context rules below.
* ``question``: each question is ``answered`` (the author answers it next), ``to_reader`` or
  ``rhetorical``.
* ``directive``: ``imperative`` and ``obligation`` (you must / you should).

Every hit records the ``rule`` that fired (a lexicon file and entry, or a named context rule) and
the ``start``/``end`` of the matched span in the sentence text. Context rules (an imagined case
that runs on for several sentences, a story told in the past tense, the answer to "Why?") mark
no span (``start == end == 0``) and say in ``rule`` which sentence they follow from.

Headings are not labelled (they are titles, not argument) but they do end an imagined case or a
story. Tone (VADER compound) is per sentence in :func:`sentence_tone`.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from utils import paths
from utils.rhetoric_lexicon import Joined, Lexicon, compile_entries, find_spans, lexicon_hits, load_lexicons, overlaps

LABELS: dict[str, tuple[str, ...]] = {
    "metadiscourse": ("hedge", "booster", "attitude_marker", "self_mention", "engagement_reader", "engagement_aside",
                      "transition_contrast", "transition_cause", "transition_addition", "frame_marker", "evidential", "code_gloss"),
    "role": ("claim", "reason", "evidence_statistic", "evidence_anecdote", "evidence_hypothetical", "evidence_authority",
             "evidence_exemplar", "evidence_analogy", "concession", "rebuttal"),
    "question": ("answered", "to_reader", "rhetorical"),
    "directive": ("imperative", "obligation"),
}
EVIDENCE = tuple(label for label in LABELS["role"] if label.startswith("evidence_"))
COLUMNS = ["article_id", "sentence_id", "category", "label", "rule", "start", "end", "match"]
CORRECTIONS_FILE = paths.ANNOTATIONS / "sentence_labels.csv"
GOLD_FILE = paths.ANNOTATIONS / "gold_sentence_labels.csv"

_QUESTION_END = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")
_QUOTE_THEN_QUESTION = re.compile(r"[\"\u201d]\s*\?\s*$")
_TAG_QUESTION = re.compile(r",\s*(?:right|isn't it|aren't they|don't you think|no|yes|correct|eh|ok|okay)\s*\?\s*$", re.I)
_WH = re.compile(r"^\W*(?:(?:so|and|but|then|now|given [^,]*),?\s+)?(?:\w+\s+){0,3}?(?:why|what|how|who|whom|when|where|which)\b", re.I)
_AUX = re.compile(r"^\W*(?:is|are|was|were|am|do|does|did|can|could|would|should|will|shall|have|has|had|may|might|must|isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|shouldn't)\b", re.I)
_ANSWER_CUE = re.compile(r"^\W*(?:because|the answer|the reason|simple|simply|yes|no|it's because|that's because|here's why|the short answer|well,)\b", re.I)
_WHY = re.compile(r"^\W*(?:(?:so|and|but|then),?\s+)?(?:why\b|how come\b)", re.I)
_COUNTER_START = re.compile(r"^\W*(?:but|however|yet|still|nevertheless|nonetheless|even so)\b", re.I)
_PRONOUN = re.compile(r"(?<!\w)(?:i|we|you|me|my|our|your|us)(?!\w)")
_NAME = re.compile(r"(?<=[a-z,;:] )(?:(?:Dr|Prof|Mr|Mrs|Ms)\. )?[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))+")
_CAPITALISED = re.compile(r"[A-Z][\w'&-]+")
_DASH = r"(?: [-\u2013\u2014] |\u2014)"
_INSERT = re.compile(r"\(([^()\n]{1,150})\)|" + _DASH + r"([^\n\u2013\u2014]{1,150}?)" + _DASH + r"|" + _DASH + r"([^\n\u2013\u2014]{1,150})(?=\n|\Z)")
_SUBORDINATE_CONCESSIONS = {"although", "though", "even though", "even if", "even when", "while it is true"}
_EXTRA_PAST = ("seen", "been", "done", "gone", "known")


@dataclass
class _Context:
    """Sentences in reading order, joined for matching, with what the rules need about each row."""

    sents: pd.DataFrame
    joined: Joined
    lexicons: dict[str, Lexicon]
    heading: np.ndarray
    question: np.ndarray
    para: np.ndarray
    new_article: np.ndarray
    para_gap: np.ndarray

    def sid(self, row: int) -> str:
        return str(self.sents["sentence_id"].iat[row])

    def next_ok(self) -> np.ndarray:
        """Whether row+1 continues row's text: same article, same or next paragraph, not a heading."""
        ok = np.zeros(len(self.sents), dtype=bool)
        if len(ok) > 1:
            ok[:-1] = ~self.new_article[1:] & (self.para_gap[1:] <= 1) & ~self.heading[1:]
        return ok


def _empty_hits() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series(dtype="int64"), "category": pd.Series(dtype="str"), "label": pd.Series(dtype="str"),
                         "rule": pd.Series(dtype="str"), "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64"),
                         "match": pd.Series(dtype="str")})


def _hits(rows, category: str, label: str, rule, start=0, end=0, match="") -> pd.DataFrame:
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return _empty_hits()
    return pd.DataFrame({"row": rows, "category": category, "label": label, "rule": rule, "start": start, "end": end, "match": match})


def _paragraph_numbers(sents: pd.DataFrame) -> np.ndarray:
    """Paragraph number of each sentence, from ``paragraph_id`` / ``sentence_id`` (``...-pNN...``)."""
    for col, pattern in (("paragraph_id", r"-p(\d+)$"), ("sentence_id", r"-p(\d+)-s\d+$")):
        if col in sents:
            found = sents[col].astype("str").str.extract(pattern, expand=False)
            if found.notna().all():
                return found.astype("int64").to_numpy()
    return np.arange(len(sents), dtype=np.int64)


def _prepare(sentences: pd.DataFrame, lexicons: dict[str, Lexicon]) -> _Context:
    sents = sentences.reset_index(drop=True)
    if "is_heading" not in sents:
        sents = sents.assign(is_heading=False)
    texts = sents["text"].astype("str").tolist()
    article = sents["article_id"].astype("str").to_numpy()
    para = _paragraph_numbers(sents)
    new_article = np.ones(len(sents), dtype=bool)
    new_article[1:] = article[1:] != article[:-1]
    gap = np.zeros(len(sents), dtype=np.int64)
    gap[1:] = para[1:] - para[:-1]
    gap[new_article] = 99
    question = sents["text"].astype("str").str.contains(_QUESTION_END).to_numpy()
    return _Context(sents=sents, joined=Joined.from_texts(texts), lexicons=lexicons, heading=sents["is_heading"].to_numpy(dtype=bool),
                    question=question, para=para, new_article=new_article, para_gap=gap)


def _label_of(name: str) -> tuple[str, str] | None:
    """(category, label) a lexicon feeds, from its name; ``None`` for helper cue lists."""
    if name.startswith("metadiscourse/"):
        return "metadiscourse", name.split("/", 1)[1]
    for prefix, category in (("rhetoric_role_", "role"), ("rhetoric_directive_", "directive")):
        if name.startswith(prefix):
            return category, name[len(prefix):]
    return None


# ---------------------------------------------------------------- rules that read one sentence


def _lexicon_labels(ctx: _Context) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Hits of every label lexicon; also returns the raw hits by lexicon name for later rules."""
    out, raw = [], {}
    for name, lex in ctx.lexicons.items():
        target = _label_of(name)
        if target is None or name == "rhetoric_role_evidence_exemplar":
            continue
        found = lexicon_hits(lex, ctx.joined)
        raw[name] = found
        if not found.empty:
            rule = f"{lex.path.name}: " + found["entry"]
            if "/" in name:
                rule = name.split("/")[0] + "/" + rule
            out.append(_hits(found["row"], *target, rule, found["start"], found["end"], found["match"]))
    return (pd.concat(out, ignore_index=True) if out else _empty_hits()), raw


def _insert_labels(ctx: _Context) -> pd.DataFrame:
    """Bracket and dash inserts: an aside when it speaks to the reader, else a code gloss."""
    cues = ctx.lexicons.get("rhetoric_cues_aside")
    cue_rx = cues.pattern if cues else None
    rows, starts, ends, labels, rules = [], [], [], [], []
    text = ctx.joined.text
    for m in _INSERT.finditer(text):
        content = next(g for g in m.groups() if g is not None)
        row = int(ctx.joined.locate(np.array([m.start()]))[0])
        base = int(ctx.joined.starts[row])
        before = text[base:m.start()]
        if m.group(1) is not None:
            if len(content.strip()) <= 2 or content.strip().isdigit():
                continue
        else:
            last = before.split()[-1] if before.split() else ""
            if any(ch.isdigit() for ch in last) or (m.group(3) is not None and len(before.split()) < 4):
                continue
        low = content.lower()
        cue = cue_rx.search(low) if cue_rx else None
        if cue or _PRONOUN.search(low) or "!" in content or "?" in content:
            why = f"'{cue.group()}'" if cue else "a pronoun or ! / ?"
            labels.append("engagement_aside")
            rules.append(f"insert rule: {'bracket' if m.group(1) else 'dash'} insert with {why}")
        else:
            labels.append("code_gloss")
            rules.append(f"insert rule: {'bracket' if m.group(1) else 'dash'} insert that explains")
        rows.append(row)
        starts.append(m.start() - base + (1 if m.group(0).startswith(" ") else 0))
        ends.append(m.end() - base - (1 if m.group(0).endswith(" ") else 0))
    if not rows:
        return _empty_hits()
    out = pd.DataFrame({"row": rows, "category": "metadiscourse", "label": labels, "rule": rules, "start": starts, "end": ends})
    return out.assign(match=[ctx.sents["text"].iat[r][s:e] for r, s, e in zip(out["row"], out["start"], out["end"])])


def _imperative_labels(ctx: _Context) -> pd.DataFrame:
    """Sentences that open with an imperative verb (after an optional opener such as "In short -")."""
    verbs = ctx.lexicons.get("rhetoric_cues_imperative_verbs")
    openers = ctx.lexicons.get("rhetoric_cues_imperative_openers")
    if verbs is None or not verbs.entries:
        return _empty_hits()
    opener = compile_entries(openers.entries).pattern if openers and openers.entries else r"(?!x)x"
    rx = re.compile(r"(?:\A|(?<=\n))[\"'(\[]?(?:(?:" + opener + r")[,:]? *(?:[-\u2013\u2014] *)?)*(" + verbs.entries_pattern.pattern + r")"
                    r"(?!,| (?:is|are|was|were|has|have|had|will|would|can|could|should|must|of|'s)(?!\w))")
    found = find_spans(rx, ctx.joined, group=1)
    if found.empty:
        return _empty_hits()
    keep = ~ctx.question[found["row"].to_numpy()]
    if verbs.exclusions:
        blocked, low = compile_entries(verbs.exclusions), ctx.joined.lower
        keep &= np.array([blocked.match(low, p) is None for p in found["pos"]], dtype=bool)
    found = found[keep]
    rule = "sentence opens with the imperative verb '" + found["match"].str.lower() + "' (rhetoric_cues_imperative_verbs.txt)"
    return _hits(found["row"], "directive", "imperative", rule, found["start"], found["end"], found["match"])


def _authority_labels(ctx: _Context) -> pd.DataFrame:
    """A named source (two or more capitalised words, not at the start) with a reporting verb."""
    verbs = ctx.lexicons.get("rhetoric_cues_reporting_verbs")
    names = find_spans(_NAME, ctx.joined, case_sensitive=True)
    if names.empty or verbs is None:
        return _empty_hits()
    keep, rules = [], []
    for row, match in zip(names["row"], names["match"]):
        verb = verbs.entries_pattern.search(ctx.joined.lower, ctx.joined.starts[row], ctx.joined.starts[row] + len(ctx.sents["text"].iat[row]))
        keep.append(verb is not None)
        rules.append(f"named source '{match}' with the reporting verb '{verb.group()}'" if verb else "")
    names = names.assign(rule=rules)[keep]
    names = names.drop_duplicates("row")
    return _hits(names["row"], "role", "evidence_authority", names["rule"], names["start"], names["end"], names["match"])


def _exemplar_labels(ctx: _Context) -> pd.DataFrame:
    """Company names from the exemplar list, and exemplar cues followed by capitalised names."""
    out = []
    companies = ctx.lexicons.get("rhetoric_cues_exemplar_companies")
    if companies is not None:
        found = lexicon_hits(companies, ctx.joined)
        out.append(_hits(found["row"], "role", "evidence_exemplar", "rhetoric_cues_exemplar_companies.txt: " + found["entry"],
                         found["start"], found["end"], found["match"]))
    cues = ctx.lexicons.get("rhetoric_role_evidence_exemplar")
    if cues is not None:
        found = lexicon_hits(cues, ctx.joined)
        text = ctx.sents["text"]
        named = [bool(_CAPITALISED.search(text.iat[r][e:])) for r, e in zip(found["row"], found["end"])]
        found = found[np.array(named, dtype=bool)] if len(found) else found
        out.append(_hits(found["row"], "role", "evidence_exemplar", "rhetoric_role_evidence_exemplar.txt: " + found["entry"] + " + a name",
                         found["start"], found["end"], found["match"]))
    return pd.concat(out, ignore_index=True) if out else _empty_hits()


def _past_pattern(ctx: _Context, *, strict: bool = False) -> str:
    """Past-tense verbs: the irregular list, or a word in -ed (``strict``: only right after a
    subject such as "they", "it" or a plural noun, so that "a degraded environment" is not a story)."""
    past = ctx.lexicons.get("rhetoric_cues_past_tense")
    entries = (past.entries if past else ()) + _EXTRA_PAST
    regular = (r"(?<!\w)(?:they|he|she|it|we|i|who|you|[a-z]{3,}s) (?:[a-z]+ly )?[a-z]{2,}(?<!e)ed(?!\w)" if strict
               else r"(?<!\w)[a-z]{2,}(?<!e)ed(?!\w)")
    return r"(?:" + compile_entries(entries).pattern + "|" + regular + ")"


def _anecdote_labels(ctx: _Context) -> pd.DataFrame:
    """First person followed by a past-tense verb: "I was asked", "we've also found", "my experiment showed"."""
    between = r"(?: (?!(?:are|is|am|be|'re)(?!\w))[a-z']+){0,2}?"
    rx = re.compile(r"(?<!\w)(?:(?:i|we)(?:'ve|'d| have| had)?" + between + r"|(?:my|our) [a-z]+) " + _past_pattern(ctx))
    found = find_spans(rx, ctx.joined)
    rule = "first person + past tense: '" + found["match"] + "'"
    return _hits(found["row"], "role", "evidence_anecdote", rule, found["start"], found["end"], found["match"])


# ---------------------------------------------------------------- clean-up rules


def _quoted_spans(ctx: _Context) -> pd.DataFrame:
    """Quoted stretches (pos, start, end in the joined text), double quotes across sentences of a paragraph."""
    raw = ctx.joined.raw or ctx.joined.text
    spans = []
    marks = [(m.start(), m.group()) for m in re.finditer("[\u201c\u201d\"]", raw)]
    if marks:
        rows = ctx.joined.locate(np.array([p for p, _ in marks]))
        key = list(zip(ctx.sents["article_id"].to_numpy()[rows], ctx.para[rows]))
        open_at, open_key = None, None
        for (pos, ch), k in zip(marks, key):
            if open_at is not None and k != open_key:
                open_at = None
            if ch == "\u201c" or (ch == '"' and open_at is None):
                open_at = pos if open_at is None else open_at
                open_key = k
            elif open_at is not None:
                spans.append((open_at, pos + 1))
                open_at = None
    spans += [(m.start(), m.end()) for m in re.finditer("\u2018(?:[^\u2019\n\x00]|\u2019(?=\\w))*\u2019(?!\\w)", raw)]
    spans.sort()
    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    return pd.DataFrame({"pos": arr[:, 0], "start": 0, "end": arr[:, 1] - arr[:, 0]})


def _drop_quoted_persons(hits: pd.DataFrame, quoted: pd.DataFrame, ctx: _Context) -> pd.DataFrame:
    """Self-mentions and reader address inside quoted speech belong to the quoted speaker: drop them."""
    person = hits["label"].isin(["self_mention", "engagement_reader"]).to_numpy()
    if not person.any() or quoted.empty:
        return hits
    sub = hits[person]
    pos = ctx.joined.starts[sub["row"].to_numpy()] + sub["start"].to_numpy()
    inside = overlaps(pd.DataFrame({"pos": pos, "start": sub["start"], "end": sub["end"]}), quoted)
    drop = np.zeros(len(hits), dtype=bool)
    drop[np.flatnonzero(person)[inside]] = True
    return hits[~drop]


def _resolve_containment(hits: pd.DataFrame) -> pd.DataFrame:
    """Within person markers and within stance markers, a longer hit wins over one inside it.

    "we've all" (reader) beats "we've" (self-mention); "not sure" (hedge) beats "sure" (booster).
    """
    groups = {"self_mention": 1, "engagement_reader": 1, "hedge": 2, "booster": 2}
    grp = hits["label"].map(groups)
    sub = hits[grp.notna()].assign(group=grp[grp.notna()])
    if sub.empty:
        return hits
    spans = sub[["row", "group", "start", "end"]].drop_duplicates().sort_values(["row", "group", "start", "end"], ascending=[True, True, True, False])
    prev_end = spans.groupby(["row", "group"])["end"].cummax().groupby([spans["row"], spans["group"]]).shift(1)
    contained = spans[(prev_end >= spans["end"]).to_numpy()]
    if contained.empty:
        return hits
    key = pd.MultiIndex.from_frame(contained[["row", "group", "start", "end"]])
    drop = pd.MultiIndex.from_frame(sub[["row", "group", "start", "end"]]).isin(key)
    return hits.drop(index=sub.index[drop])


def _drop_boosters_in_concessions(hits: pd.DataFrame) -> pd.DataFrame:
    """"I've no doubt that ..., but" grants a point: its "no doubt" is not the writer boosting a claim."""
    conc = hits[hits["label"] == "concession"]
    boost = hits[hits["label"] == "booster"]
    if conc.empty or boost.empty:
        return hits
    pair = boost.reset_index().merge(conc[["row", "start", "end"]], on="row", suffixes=("", "_c"))
    inside = pair[(pair["start"] >= pair["start_c"]) & (pair["end"] <= pair["end_c"])]
    return hits.drop(index=inside["index"].unique())


# ---------------------------------------------------------------- rules that read the context


def _scenario(ctx: _Context, hyp_rows: np.ndarray, you_rows: np.ndarray) -> pd.Series:
    """For each row inside an imagined case, the sentence id that opened it (else missing).

    The case opens at a hypothetical cue (a heading counts) and runs on until a heading or a
    paragraph that neither speaks to "you" nor opens a new case.
    """
    n = len(ctx.sents)
    opener = np.zeros(n, dtype=bool)
    opener[hyp_rows] = True
    you = np.zeros(n, dtype=bool)
    you[you_rows] = True
    key = pd.Series(list(zip(ctx.sents["article_id"], ctx.para)))
    para_you = pd.Series(you).groupby(key).transform("any").to_numpy()
    para_open = pd.Series(opener).groupby(key).transform("any").to_numpy()
    first_in_para = ctx.new_article | (ctx.para_gap != 0)
    brk = ctx.new_article | (ctx.heading & ~opener) | (first_in_para & ~para_you & ~para_open)
    seg = np.cumsum(brk)
    started = pd.Series(opener).groupby(seg).cummax().to_numpy()
    origin = pd.Series(np.where(opener, ctx.sents["sentence_id"].astype("str"), None)).groupby(seg).transform("first")
    return origin.where(started & ~ctx.heading | opener)


def _question_labels(ctx: _Context, quoted: pd.DataFrame, in_case: pd.Series, you_rows: np.ndarray) -> pd.DataFrame:
    """Each question: ``answered`` (answered next), ``to_reader`` or ``rhetorical``.

    A question whose "?" follows a closing quote that opened sentences earlier ("Would you say to
    yourself something like "... I'll cross that bridge."?") is labelled where it opens.
    """
    text = ctx.sents["text"].astype("str")
    rows = np.flatnonzero(ctx.question)
    asked: dict[int, tuple[int, int, str]] = {}
    q_starts = quoted["pos"].to_numpy()
    q_ends = q_starts + quoted["end"].to_numpy()
    for row in rows:
        t = text.iat[row]
        span, note = (0, len(t.rstrip())), ""
        if _QUOTE_THEN_QUESTION.search(ctx.joined.text[ctx.joined.starts[row]:ctx.joined.starts[row] + len(t)]):
            close = ctx.joined.starts[row] + len(t.rstrip().rstrip("?").rstrip())
            i = np.flatnonzero(q_ends == close)
            if len(i):
                open_row = int(ctx.joined.locate(q_starts[i[:1]])[0])
                if open_row < row and ctx.sents["article_id"].iat[open_row] == ctx.sents["article_id"].iat[row]:
                    row, span = open_row, (0, len(ctx.joined.text[ctx.joined.starts[open_row]:q_starts[i[0]]].rstrip()))
                    note = f" (its '?' closes the quotation in {ctx.sid(int(rows[rows >= open_row].max()))})"
        asked[int(row)] = (span[0], span[1], note)
    is_q = np.zeros(len(text), dtype=bool)
    is_q[list(asked)] = True
    next_ok = ctx.next_ok()
    you = set(you_rows.tolist())
    out = []
    for row, (start, end, note) in sorted(asked.items()):
        t = text.iat[row][start:end] if end > start else text.iat[row]
        nxt = row + 1 if next_ok[row] and not is_q[row + 1] else None
        short = len(t.split()) <= 5
        fragment = not _AUX.match(t) and not _WH.match(t) and len(t.split()) <= 3
        if _TAG_QUESTION.search(t):
            label, rule = "rhetorical", "tag question (', right?')"
        elif nxt is not None and (_ANSWER_CUE.match(text.iat[nxt]) or (short and (_WH.match(t) or fragment))):
            label, rule = "answered", f"short question answered by the next sentence, {ctx.sid(nxt)}"
        elif row in you or pd.notna(in_case.iat[row]):
            label = "to_reader"
            rule = "asks the reader ('you')" if row in you else f"asks the reader to decide the imagined case opened at {in_case.iat[row]}"
        else:
            label, rule = "rhetorical", "question the author does not answer next"
        out.append((row, label, rule + note, start, end))
    if not out:
        return _empty_hits()
    q = pd.DataFrame(out, columns=["row", "label", "rule", "start", "end"]).assign(category="question")
    return q.assign(match=[text.iat[r][s:e] for r, s, e in zip(q["row"], q["start"], q["end"])])


def _narrative_labels(ctx: _Context, direct: np.ndarray, blocked: np.ndarray) -> pd.DataFrame:
    """Sentences that go on telling, in the past tense, a story the author began in the first person."""
    past_rows = find_spans(re.compile(_past_pattern(ctx, strict=True)), ctx.joined)["row"].unique()
    n = len(ctx.sents)
    past = np.zeros(n, dtype=bool)
    past[past_rows] = True
    ok = (past | direct) & ~ctx.heading & ~blocked
    prev_ok = np.concatenate([[False], ok[:-1]])
    start_run = ok & (~prev_ok | ctx.new_article | (ctx.para_gap > 1))
    run = np.cumsum(start_run)
    started = pd.Series(direct & ok).groupby(run).cummax().to_numpy()
    origin = pd.Series(np.where(direct & ok, ctx.sents["sentence_id"].astype("str"), None)).groupby(run).ffill()
    rows = np.flatnonzero(ok & started & ~direct)
    return _hits(rows, "role", "evidence_anecdote", [f"goes on with the past-tense story begun at {origin.iat[r]}" for r in rows])


def _rebuttal_labels(ctx: _Context, hits: pd.DataFrame) -> pd.DataFrame:
    """The counter-move after a concession: a contrast later in the same sentence, the main clause
    after a concessive opening ("Although ..., <main clause>"), or a next sentence that opens with
    But / However / Yet."""
    conc = hits.loc[hits["label"] == "concession", ["row", "start", "end", "match"]].reset_index(drop=True)
    if conc.empty:
        return _empty_hits()
    conc["c"] = np.arange(len(conc))
    contrast = hits.loc[hits["label"] == "transition_contrast", ["row", "start", "end", "match"]]
    pair = conc.merge(contrast, on="row", suffixes=("_c", ""))
    pair = pair[pair["start"] > pair["start_c"]].sort_values(["c", "start"]).drop_duplicates("c")
    same = pair.assign(rule="counter-move after the concession '" + pair["match_c"] + "'")
    rest = conc[~conc["c"].isin(pair["c"])]
    text = ctx.sents["text"].astype("str")
    out = [same[["row", "rule", "start", "end", "match"]]]
    sub = rest["match"].str.lower().str.strip(" ,").isin(_SUBORDINATE_CONCESSIONS) & (rest["start"] <= 3)
    commas = [text.iat[r].find(", ", e) for r, e in zip(rest["row"], rest["end"])]
    rest = rest.assign(comma=commas)
    main = rest[sub.to_numpy() & (rest["comma"] > 0).to_numpy()]
    out.append(pd.DataFrame({"row": main["row"], "rule": "main clause after the concessive clause '" + main["match"] + "'",
                             "start": main["comma"] + 2, "end": [len(text.iat[r]) for r in main["row"]],
                             "match": [text.iat[r][c + 2:] for r, c in zip(main["row"], main["comma"])]}))
    left = rest[~rest["c"].isin(main["c"])]
    nxt = left["row"].to_numpy() + 1
    ok = ctx.next_ok()[left["row"].to_numpy()]
    left, nxt = left[ok], nxt[ok]
    counter = [_COUNTER_START.match(text.iat[r]) for r in nxt]
    got = np.array([m is not None for m in counter], dtype=bool)
    out.append(pd.DataFrame({"row": nxt[got], "rule": [f"counters the concession in {ctx.sid(r)}" for r in left["row"][got]],
                             "start": [m.start() for m in counter if m], "end": [m.end() for m in counter if m],
                             "match": [m.group() for m in counter if m]}))
    df = pd.concat(out, ignore_index=True).assign(category="role", label="rebuttal")
    return df.drop_duplicates(["row", "start", "end"]).astype({"row": "int64", "start": "int64", "end": "int64"})


def _reason_after_why(ctx: _Context, questions: pd.DataFrame) -> pd.DataFrame:
    """The sentence that answers the author's own why-question gives a reason."""
    answered = questions[(questions["label"] == "answered") & questions["match"].str.match(_WHY)]
    rows = answered["row"].to_numpy() + 1
    return _hits(rows, "role", "reason", [f"answers the why-question {ctx.sid(r - 1)}" for r in rows])


def _claims_from_stance(hits: pd.DataFrame, blocked: np.ndarray) -> pd.DataFrame:
    """Directives, and statements carrying a hedge, booster or attitude marker, are claim candidates."""
    ok = ~blocked[hits["row"].to_numpy()]
    stance = hits[ok & hits["label"].isin(["hedge", "booster", "attitude_marker"]).to_numpy()]
    direct = hits[ok & (hits["category"] == "directive").to_numpy()]
    return pd.concat([
        _hits(stance["row"], "role", "claim", "stance marker in a statement: " + stance["label"] + " '" + stance["match"] + "'",
              stance["start"], stance["end"], stance["match"]),
        _hits(direct["row"], "role", "claim", "a directive recommends: " + direct["label"] + " '" + direct["match"] + "'",
              direct["start"], direct["end"], direct["match"]),
    ], ignore_index=True)


def _finish(ctx: _Context, hits: pd.DataFrame) -> pd.DataFrame:
    """Drop headings, attach ids, order the rows, fix the column types."""
    hits = hits[~ctx.heading[hits["row"].to_numpy()]]
    order = {(c, lab): i for i, (c, lab) in enumerate((c, lab) for c, labs in LABELS.items() for lab in labs)}
    hits = hits.assign(_o=[order.get(k, len(order)) for k in zip(hits["category"], hits["label"])])
    hits = hits.sort_values(["row", "_o", "start", "end"], kind="stable").drop_duplicates(["row", "category", "label", "rule", "start", "end"])
    rows = hits["row"].to_numpy()
    out = pd.DataFrame({
        "article_id": ctx.sents["article_id"].astype("str").to_numpy()[rows],
        "sentence_id": ctx.sents["sentence_id"].astype("str").to_numpy()[rows],
        "category": hits["category"].to_numpy(), "label": hits["label"].to_numpy(), "rule": hits["rule"].to_numpy(),
        "start": hits["start"].to_numpy(dtype=np.int64), "end": hits["end"].to_numpy(dtype=np.int64), "match": hits["match"].to_numpy(),
    })
    for col in ("article_id", "sentence_id", "category", "label", "rule", "match"):
        out[col] = out[col].astype("str")
    return out


def label_sentences(sentences: pd.DataFrame, *, lexicons: dict[str, Lexicon] | None = None) -> pd.DataFrame:
    """Label every sentence with metadiscourse markers, argumentative roles, questions and directives.

    Args:
        sentences: The ``sentences`` table (at least ``article_id``, ``sentence_id``, ``text``;
            ``is_heading`` and ``paragraph_id`` are used when present), in reading order.
        lexicons: Word lists (default: :func:`utils.rhetoric_lexicon.load_lexicons`).

    Returns:
        One row per hit: ``article_id, sentence_id, category, label, rule, start, end, match``
        (``start``/``end``: the matched span in the sentence text; ``0, 0`` for context rules).

    Example:
        >>> s = pd.DataFrame({"article_id": "a", "sentence_id": ["a-p01-s01", "a-p01-s02"],
        ...                   "text": ["Why is this?", "Because it might rain."]})
        >>> label_sentences(s)[["sentence_id", "label", "match"]].values.tolist()[:3]
        [['a-p01-s01', 'answered', 'Why is this?'], ['a-p01-s02', 'hedge', 'might'], ['a-p01-s02', 'transition_cause', 'Because']]
    """
    ctx = _prepare(sentences, lexicons if lexicons is not None else load_lexicons())
    if ctx.sents.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else "str") for c in COLUMNS})
    base, raw = _lexicon_labels(ctx)
    hits = pd.concat([base, _insert_labels(ctx), _imperative_labels(ctx), _authority_labels(ctx), _exemplar_labels(ctx),
                      _anecdote_labels(ctx)], ignore_index=True)
    reader = raw.get("metadiscourse/engagement_reader")
    you_rows = reader.loc[reader["entry"].str.startswith("you"), "row"].unique() if reader is not None else np.array([], dtype=np.int64)
    quoted = _quoted_spans(ctx)
    hits = _drop_boosters_in_concessions(_resolve_containment(_drop_quoted_persons(hits, quoted, ctx)))
    hyp_rows = hits.loc[hits["label"] == "evidence_hypothetical", "row"].unique()
    in_case = _scenario(ctx, hyp_rows, you_rows)
    questions = _question_labels(ctx, quoted, in_case, you_rows)
    is_q = np.zeros(len(ctx.sents), dtype=bool)
    is_q[questions["row"].to_numpy()] = True
    hyp = in_case.notna().to_numpy() & ~is_q
    continuing = np.flatnonzero(hyp & ~np.isin(np.arange(len(hyp)), hyp_rows))
    case_hits = _hits(continuing, "role", "evidence_hypothetical", [f"continues the imagined case opened at {in_case.iat[r]}" for r in continuing])
    drop = (hyp[hits["row"]] & hits["label"].isin(["evidence_statistic", "evidence_anecdote"]).to_numpy()) | \
           (is_q[hits["row"]] & (hits["label"] == "evidence_hypothetical").to_numpy())
    hits = pd.concat([hits[~drop], questions, case_hits], ignore_index=True)
    direct = np.zeros(len(hyp), dtype=bool)
    direct[hits.loc[hits["label"] == "evidence_anecdote", "row"].to_numpy()] = True
    hits = pd.concat([hits, _narrative_labels(ctx, direct, hyp | is_q), _rebuttal_labels(ctx, hits), _reason_after_why(ctx, questions)],
                     ignore_index=True)
    story = np.zeros(len(hyp), dtype=bool)
    story[hits.loc[hits["label"] == "evidence_anecdote", "row"].to_numpy()] = True
    hits = pd.concat([hits, _claims_from_stance(hits, hyp | is_q | story)], ignore_index=True)
    no_claim = (hyp | is_q)[hits["row"].to_numpy()] & (hits["label"] == "claim").to_numpy()
    return _finish(ctx, hits[~no_claim])


# ---------------------------------------------------------------- thesis, tone


_THESIS_PHRASE = re.compile(r"\b(in short|the lesson here is|the point is|the bottom line|my take is|the key is|what matters|"
                            r"the answer is|the solution is|the way out|priority|needs? to be|this is where|that is where|"
                            r"requires|in other words)\b", re.I)


def _stopwords() -> frozenset:
    from wordcloud import STOPWORDS

    return frozenset(STOPWORDS) | {"also", "will", "one", "many", "much", "make", "way", "new"}


def _word_table(ids: pd.Series, articles: pd.Series, texts: pd.Series, stop: frozenset) -> pd.DataFrame:
    """Distinct content words (3+ letters, no stop words) of each text: ``id, article_id, word``."""
    words = texts.astype("str").str.lower().str.findall(r"[a-z][a-z'-]+")
    df = pd.DataFrame({"id": ids.to_numpy(), "article_id": articles.to_numpy(), "word": words.to_numpy()}).explode("word").dropna()
    df = df[(df["word"].str.len() > 2) & ~df["word"].isin(stop)]
    return df.drop_duplicates(["id", "word"])


def _shared_words(words: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Each (sentence id, word) that a sentence shares with ``other`` (``article_id, word``)."""
    if other.empty:
        return words.iloc[:0]
    return words.merge(other[["article_id", "word"]].drop_duplicates(), on=["article_id", "word"]).sort_values(["id", "word"])


def thesis_candidates(sentences: pd.DataFrame, labels: pd.DataFrame, *, top: int = 3, titles: pd.Series | None = None) -> pd.DataFrame:
    """The sentences most likely to state each article's thesis, with a score and the reasons.

    Points: a claim +2, a thesis phrase ("in short", "the lesson here is", "needs to be" ...) +1.5,
    a concession met by a rebuttal +0.5, in the last paragraph +1 (first paragraph +0.5), repeated
    word for word in the article +1, words shared with the title +0.5 each (up to 2), words from
    the article's ten most frequent content words +0.25 each (up to 1); a question -2, part of an
    imagined case -2, narrative -1, under six words -1.

    Args:
        sentences: The sentences table.
        labels: From :func:`label_sentences` (after corrections, if any).
        top: How many per article.
        titles: Article titles indexed by ``article_id`` (optional).

    Returns:
        ``article_id, sentence_id, score, reasons``, best first within each article.
    """
    body = (sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences).reset_index(drop=True)
    cols = {"article_id": "str", "sentence_id": "str", "score": "float64", "reasons": "str"}
    if body.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
    sid, art, text = body["sentence_id"].astype("str"), body["article_id"].astype("str"), body["text"].astype("str")
    has = {lab: set(labels.loc[labels["label"] == lab, "sentence_id"]) for lab in ("claim", "concession", "rebuttal", "evidence_hypothetical", "evidence_anecdote")}
    questions = set(labels.loc[labels["category"] == "question", "sentence_id"])
    para = pd.Series(_paragraph_numbers(body))
    last, first = para.groupby(art).transform("max"), para.groupby(art).transform("min")
    phrase = text.str.extract(_THESIS_PHRASE, expand=False)
    stripped = text.str.strip()
    repeated = stripped.groupby([art, stripped]).transform("size") > 1
    stop = _stopwords()
    words = _word_table(sid, art, text, stop)
    counts = words.groupby(["article_id", "word"]).size().rename("n").reset_index().sort_values(["article_id", "n", "word"], ascending=[True, False, True])
    central = counts.groupby("article_id").head(10)
    core = _shared_words(words, central)
    title_words = (_word_table(pd.Series(titles.index.astype("str")), pd.Series(titles.index.astype("str")), pd.Series(titles.to_numpy()), stop)
                   if titles is not None and len(titles) else words.iloc[:0])
    shared = _shared_words(words, title_words)
    n_core = sid.map(core.groupby("id").size()).fillna(0).to_numpy()
    n_shared = sid.map(shared.groupby("id").size()).fillna(0).to_numpy()
    parts = pd.DataFrame({
        "a claim": np.where(sid.isin(has["claim"]), 2.0, 0.0),
        "phrase": np.where(phrase.notna(), 1.5, 0.0),
        "weighs the other side": np.where(sid.isin(has["concession"]) & sid.isin(has["rebuttal"]), 0.5, 0.0),
        "in the last paragraph": np.where((para == last) & (last != first), 1.0, 0.0),
        "in the first paragraph": np.where((para == first) & (last != first), 0.5, 0.0),
        "repeated word for word": np.where(repeated, 1.0, 0.0),
        "title": np.minimum(2.0, 0.5 * n_shared),
        "core": np.minimum(1.0, 0.25 * n_core),
        "a question": np.where(sid.isin(questions), -2.0, 0.0),
        "part of an imagined case": np.where(sid.isin(has["evidence_hypothetical"]), -2.0, 0.0),
        "narrative": np.where(sid.isin(has["evidence_anecdote"]), -1.0, 0.0),
        "very short": np.where((body["n_words"] if "n_words" in body else text.str.split().str.len()).to_numpy() < 6, -1.0, 0.0),
    })
    scored = pd.DataFrame({"article_id": art, "sentence_id": sid, "score": parts.sum(axis=1).round(2), "_order": np.arange(len(sid))})
    order = {a: i for i, a in enumerate(art.unique())}
    scored = scored.assign(_a=scored["article_id"].map(order)).sort_values(["_a", "score", "_order"], ascending=[True, False, True], kind="stable")
    best = scored.groupby("article_id", sort=False).head(top)

    picked = set(best["sentence_id"])
    lists = {k: v[v["id"].isin(picked)].groupby("id")["word"].agg(list).to_dict() for k, v in (("title", shared), ("core", core))}
    names, values, ids, phrases = list(parts.columns), parts.to_numpy(), sid.to_numpy(), phrase.to_numpy()

    def reasons(i: int) -> str:
        out = []
        for name, points in zip(names, values[i]):
            if points == 0:
                continue
            label = {"phrase": f"thesis phrase '{phrases[i]}'",
                     "title": "shares title words " + ", ".join(lists["title"].get(ids[i], [])),
                     "core": "uses key words " + ", ".join(lists["core"].get(ids[i], [])[:4])}.get(name, name)
            out.append(f"{label} ({points:+g})")
        return "; ".join(out)

    best = best.assign(reasons=[reasons(i) for i in best.index])
    return best[list(cols)].reset_index(drop=True).astype(cols)


def sentence_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER compound score (-1 most negative, +1 most positive) of every non-heading sentence.

    The VADER lexicon ships inside the ``vaderSentiment`` wheel: nothing is downloaded.

    Returns:
        ``article_id, sentence_id, position`` (0 = first sentence, 1 = last, within the article)
        and ``compound``.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    body = sentences[~sentences["is_heading"]] if "is_heading" in sentences else sentences
    analyser = SentimentIntensityAnalyzer()
    scores = [analyser.polarity_scores(t)["compound"] for t in body["text"].astype("str")]
    rank = body.groupby("article_id", sort=False).cumcount()
    size = body.groupby("article_id", sort=False)["sentence_id"].transform("size")
    return pd.DataFrame({"article_id": body["article_id"].to_numpy(), "sentence_id": body["sentence_id"].to_numpy(),
                         "position": (rank / (size - 1).clip(lower=1)).round(4).to_numpy(), "compound": scores})


# ---------------------------------------------------------------- analyst corrections


def read_annotation_csv(path: Path) -> pd.DataFrame:
    """Read an annotation CSV whose first lines may be ``#`` comments (a note on the file)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def load_corrections(path: str | Path = CORRECTIONS_FILE) -> pd.DataFrame:
    """The analyst's corrections: ``sentence_id, action (add|remove), category, label, text_start, note``.

    A missing file means no corrections.
    """
    cols = ["sentence_id", "action", "category", "label", "text_start", "note"]
    path = paths.resolve(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    df = read_annotation_csv(path)
    for c in cols:
        if c not in df:
            df[c] = ""
    return df[cols].apply(lambda s: s.str.strip())


def apply_corrections(labels: pd.DataFrame, sentences: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the analyst's corrections to automatic labels, and report what each one did.

    ``remove`` drops every hit of that label on that sentence; ``add`` adds one hit (rule
    ``analyst correction``) unless the label is already there. A correction is not applied when
    its sentence is not in this corpus, or when ``text_start`` no longer matches the sentence's
    text (the article changed): those are reported, never silently dropped.

    Returns:
        ``(labels, log)``; the log has one row per correction with ``status`` and ``changed``
        (how many label rows it removed or added).
    """
    text = sentences.set_index("sentence_id")["text"].astype("str") if len(sentences) else pd.Series(dtype="str")
    article = sentences.set_index("sentence_id")["article_id"].astype("str") if len(sentences) else pd.Series(dtype="str")
    known = {(c, lab) for c, labs in LABELS.items() for lab in labs}
    out, log = labels.copy(), []
    for c in corrections.itertuples(index=False):
        status, changed = "applied", 0
        if c.sentence_id not in text.index:
            status = "sentence not in this corpus"
        elif c.text_start and not text[c.sentence_id].startswith(c.text_start):
            status = "sentence text changed: not applied"
        elif (c.category, c.label) not in known:
            status = "unknown category/label: not applied"
        elif c.action == "remove":
            hit = (out["sentence_id"] == c.sentence_id) & (out["category"] == c.category) & (out["label"] == c.label)
            changed = int(hit.sum())
            out = out[~hit]
            status = "applied" if changed else "nothing to remove"
        elif c.action == "add":
            present = ((out["sentence_id"] == c.sentence_id) & (out["category"] == c.category) & (out["label"] == c.label)).any()
            if present:
                status = "already present"
            else:
                row = {"article_id": article[c.sentence_id], "sentence_id": c.sentence_id, "category": c.category, "label": c.label,
                       "rule": f"analyst correction: {c.note}".rstrip(": "), "start": 0, "end": 0, "match": ""}
                out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
                changed = 1
        else:
            status = f"unknown action '{c.action}': not applied"
        log.append({**c._asdict(), "status": status, "changed": changed})
    order = {s: i for i, s in enumerate(text.index)}
    out = out.assign(_o=out["sentence_id"].map(order)).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    cols = list(corrections.columns) + ["status", "changed"]
    return out, pd.DataFrame(log, columns=cols)


def describe_corrections(log: pd.DataFrame) -> str:
    """One sentence on what the corrections did (for the notebook).

    Example:
        >>> describe_corrections(pd.DataFrame({"status": ["applied", "sentence not in this corpus"], "changed": [2, 0]}))
        '2 analyst corrections on file: 1 applied, changing 2 automatic labels; 1 could not be applied (see the table).'
    """
    if log.empty:
        return "No analyst corrections on file: every label below is automatic."
    applied = log["status"].isin(["applied"])
    failed = ~log["status"].isin(["applied", "already present", "nothing to remove"])
    text = f"{len(log)} analyst corrections on file: {int(applied.sum())} applied, changing {int(log['changed'].sum())} automatic labels"
    noop = len(log) - int(applied.sum()) - int(failed.sum())
    if noop:
        text += f"; {noop} changed nothing (already as asked)"
    if failed.any():
        text += f"; {int(failed.sum())} could not be applied (see the table)"
    return text + "."


def labelled_sentences(sentences: pd.DataFrame, *, corrections: str | Path | None = CORRECTIONS_FILE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Automatic labels with the analyst's corrections applied: ``(labels, correction log)``."""
    labels = label_sentences(sentences)
    fixes = load_corrections(corrections) if corrections is not None else load_corrections(Path("/nonexistent"))
    return apply_corrections(labels, sentences, fixes)


# ---------------------------------------------------------------- speed


def benchmark(processed_dir: str | Path = "/tmp/mr_processed") -> dict[str, float]:
    """Time the corpus-scale work on a processed corpus (the movie-review benchmark by default).

    Returns:
        Seconds for reading the tables, labelling every sentence, scoring tone, and picking thesis
        candidates, plus the corpus size (``sentences``, ``words``, ``labels``).
    """
    from utils.corpus import read_tables

    t0 = time.perf_counter()
    corpus = read_tables(paths.resolve(processed_dir))
    t1 = time.perf_counter()
    labels = label_sentences(corpus.sentences)
    t2 = time.perf_counter()
    sentence_tone(corpus.sentences)
    t3 = time.perf_counter()
    thesis_candidates(corpus.sentences, labels)
    t4 = time.perf_counter()
    return {"read_tables_s": round(t1 - t0, 2), "label_sentences_s": round(t2 - t1, 2), "sentence_tone_s": round(t3 - t2, 2),
            "thesis_candidates_s": round(t4 - t3, 2), "total_s": round(t4 - t0, 2),
            "sentences": float(len(corpus.sentences)), "words": float(corpus.articles["n_words"].sum()), "labels": float(len(labels))}


if __name__ == "__main__":
    import sys

    print(benchmark(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mr_processed"))
