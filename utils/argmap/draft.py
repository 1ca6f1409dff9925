"""The automatic draft map for any corpus, and how it compares with a curated map.

The draft starts an analyst off with a map instead of a blank page. Every item says which rule
produced it and what the argument reader decided (``rule``), and how strongly (``score``):

1. **Claims** (:func:`draft_claims`, :func:`draft_theses`): the article's thesis is the
   best of :func:`utils.rhetoric.thesis_candidates` (rules), or in a short one-paragraph text
   the argument reader's central claim; main claims are the sentences with
   the most ``claim`` labels from :func:`utils.rhetoric.label_sentences` (rules); evidence and
   premises are sentences labelled as evidence, reason or concession. The argument reader
   (:func:`utils.argmap.reading.read_text`, logistic models with stored weights) then reads each
   article's items and adds its decision (role, function, top features) to each item's rule.
2. **Links inside an article** (:func:`link_article`): a rebuttal attacks the concession it
   answers and a premise cue ("because") ties an item to the claim before it (rules); otherwise
   the reader says which sentence an item attaches to and whether it
   supports or attacks it; items it leaves unattached go to the nearest claim or the thesis, with
   the reader's support / attack.
3. **Links across articles** (:func:`draft_cross_links`): only between claims (theses and main
   claims), only when they share words that are specific both in general English (``wordfreq``)
   and in this corpus; words found in a fifth of the claims, or common in English, never link
   on their own (except the corpus's topic words, rare in English, between two theses: the
   articles' answers to one question), and a link is drawn only when two of the shared words are
   rare in English. The
   relation comes from each claim's stance toward the shared words (parity of negations and negative-evaluation words in the part of the sentence that holds them), so two
   negated claims agree. Every link has a confidence; weak ones are *candidates* for the analyst,
   not drawn.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from wordfreq import zipf_frequency

from utils import paths, rhetoric, tables
from utils.argmap.export import export_map
from utils.argmap.model import ArgumentMap, claims_frame, relations_frame, shorten
from utils.argmap.reading import ArgumentReading, _content, read_text
from utils.argmap.references import cross_references
from utils.argmap.stance import polarity_flips, polarity_stem, verdict_follows
from utils.argmap.units import split_units
from utils.concepts.counts import concept_hits, load_stopwords
from utils.ingest.read import Corpus, ingest
from utils.rhetoric.lexicon import normalise
from utils.rhetoric.rules import ENUMERATED_RULE, NAMED_POINT_RULE, VIEW_VERB, bare_grant, sign_off_pattern
from utils.text import alternation, import_nltk, read_word_list

SnowballStemmer = import_nltk("stem.snowball").SnowballStemmer

EVIDENCE_TYPE = {
    "evidence_statistic": "statistic",
    "evidence_anecdote": "anecdote",
    "evidence_hypothetical": "hypothetical",
    "evidence_authority": "authority",
    "evidence_exemplar": "example",
    "evidence_analogy": "analogy",
}
_CUES = paths.LEXICONS / "rule_cues"
PREMISE_CUE = re.compile(rf"\b({alternation(read_word_list(_CUES / 'premise_cues.txt'))})\b", re.I)
CONCLUSION_CUE = re.compile(rf"^\W*({alternation(read_word_list(_CUES / 'conclusion_openers.txt'))})\b", re.I)
WORD = re.compile(r"^[^\W\d_][\w’'-]+$")
MAX_DF = 40  # a stem or concept in more draft items than this is too common to block on
BROAD_ZIPF = 6.0  # words this common in general English (the, make, new) carry no weight; in more than a fifth of the claims, neither
ANCHOR_ZIPF = 4.5  # a link needs one shared word rarer than this in general English (cure 4.3; customers 4.8)
LINK_SCALE = 2.0  # confidence of a link across articles = 1 - exp(-weight of shared specific words / LINK_SCALE)
DRAW_AT = 0.6  # links across articles at this confidence or more are drawn; below, listed as candidates
MIN_CANDIDATE = 0.3  # below this confidence a pair is not even a candidate
COPY_SIMILARITY = 0.9  # two claims whose word sequences match this closely are one text copied, not two views
SHORT_TEXT = 10  # sentences: a one-paragraph article this short gets the argument reader's central claim as its thesis


# ---------------------------------------------------------------- claims

# A numbered heading: "1. Trees cool streets", "2) Cut the forms", "#3: Name a person", "Reason 4 - ..."
LIST_POINT = re.compile(
    r"^\W{0,3}(?:#?\d{1,2}\s*[.):\-–]|(?:reason|step|tip|way|lesson|rule|point)\s+#?\d{1,2}\s*[.):\-–])\s*\w+\W+\w",
    re.IGNORECASE,
)
MIN_POINTS = 2  # numbered headings an article needs before they count as the points it lists


_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]$")  # a list item's marker: "1.", "2)", "(3)"


def _item_headings(sentences: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.Series:
    """Numbered list items that stand as headings in plain text: a one-line item of two words or
    more without final punctuation, with a body paragraph after it ("1. Trees cool streets" over
    the paragraph that backs it). A run of items with no text between them is a list, not headings."""
    p = paragraphs.sort_values(["article_id", "paragraph_index"], kind="stable")
    nxt_body = (p["kind"].shift(-1) == "body") & (p["article_id"].shift(-1) == p["article_id"])
    text = p["text"].astype("str").str.strip()
    heads = (
        (p["kind"] == "list_item")
        & p["marker"].astype("str").str.strip().str.match(_NUMBERED)
        & (p["n_lines"] == 1)
        & ~text.str.contains(r"[.!?:;…]$")
        & (text.str.split().str.len() >= 2)
        & nxt_body
    )
    return sentences["paragraph_id"].isin(set(p.loc[heads, "paragraph_id"]))


def list_points(sentences: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> pd.Series:
    """Which sentences are the points a listicle lists: numbered headings of two words or more
    ("1. Trees cool streets", "2. Cut the forms"), not questions, in an article with at least
    :data:`MIN_POINTS` of them; with ``paragraphs``, also the numbered lines that stand as headings
    in plain text (:func:`_item_headings`). A list article's headings are its main claims; its
    other headings ("The bottom line", "But what about the cost?") are not.

    Returns:
        A boolean Series aligned with ``sentences``.
    """
    text = sentences["text"].astype("str")
    point = sentences["is_heading"].astype(bool) & text.str.match(LIST_POINT) & ~text.str.rstrip().str.endswith("?")
    if paragraphs is not None and {"kind", "marker", "n_lines"} <= set(paragraphs.columns):
        point |= _item_headings(sentences, paragraphs) & ~text.str.rstrip().str.endswith("?")
    return point & (point.groupby(sentences["article_id"]).transform("sum") >= MIN_POINTS)


def _sections(s: pd.DataFrame, starts: pd.Series, kept: pd.Series) -> dict[str, str]:
    """Body sentence id -> the section start (a heading, or a point) in force for it, for the
    sections whose start is in ``kept``; ``s`` sorted in reading order, ``starts`` and ``kept``
    boolean and aligned with it."""
    head = s["sentence_id"].where(s["is_heading"].astype(bool) | starts)
    # the heading or point in force for each sentence: the last one before it in its article
    current = head.groupby(s["article_id"]).ffill()
    under = current.where(current.isin(set(s.loc[kept, "sentence_id"])))
    body = ~s["is_heading"].astype(bool) & ~starts & under.notna()
    return dict(zip(s.loc[body, "sentence_id"], under[body]))


def point_sections(sentences: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> dict[str, str]:
    """The listed point (:func:`list_points`) whose section holds each body sentence: the sentences
    after a point up to the next heading or point.

    Returns:
        Sentence id -> the point's sentence id, for sentences under a point only.
    """
    s = sentences.sort_values(["article_id", "sentence_index"], kind="stable")
    point = list_points(s, paragraphs)
    return _sections(s, point, point)


# A heading that announces one side of a question: "The case for the change", "Arguments against",
# "In favour of a ban", "Against: ..."
SIDE_HEADING = re.compile(
    r"\b(?:case|argument|arguments|reasons?|evidence)\s+(?:for|against)\b|\bin\s+favou?r\s+of\b|^\W*(?:for|against)\b"
    r"|^\W*(?:yes|no)\b\s*[,:.!\u2013\u2014-]",  # a point-counterpoint's sides: "YES, says ...", "NO: ..."
    re.IGNORECASE,
)


# a side heading's own words, which say nothing about the question ("case", "arguments"), as stems
_SCAFFOLD = frozenset({"case", "argume", "reason", "eviden", "favour", "favor"})


def side_sections(sentences: pd.DataFrame) -> dict[str, str]:
    """The heading naming a side ("The case for the change", :data:`SIDE_HEADING`) over each body
    sentence of its section, as text.

    Returns:
        Sentence id -> the heading's text, for sentences under such a heading only.
    """
    s = sentences.sort_values(["article_id", "sentence_index"], kind="stable")
    # the article's title names no section ("The case for X, answered")
    title = s.groupby("article_id").cumcount().eq(0)
    side = s["is_heading"].astype(bool) & s["text"].astype("str").str.contains(SIDE_HEADING) & ~title
    text = dict(zip(s["sentence_id"], s["text"].astype("str")))
    return {sid: text[head] for sid, head in _sections(s, pd.Series(False, index=s.index), side).items()}


# A moderator naming a debater's side: "Speaking for the motion, Karen Liu.", "against the motion, David Okafor"
_MOTION_SIDE = re.compile(
    r"\b(?:(?P<against>against|opposing)|for|in favou?r of|proposing|supporting)\s+the\s+(?:motion|resolution)\b", re.I
)


def speaker_sides(sentences: pd.DataFrame, paragraphs: pd.DataFrame | None) -> dict[str, tuple[str, str, str]]:
    """In a debate transcript, the side of each speaker's turns: a turn is a paragraph whose marker
    is a speaker in capitals ("LIU:", cut from the text by cleaning), and a speaker's side is what
    a sentence naming them says ("Speaking for the motion, Karen Liu." / "And against the motion,
    David Okafor."). Speakers no sentence places on a side (the moderator) have none.

    Returns:
        Sentence id -> (``"for"`` or ``"against"``, the speaker, the sentence that names the side),
        for the sentences of sided speakers' turns only.
    """
    if paragraphs is None or "marker" not in paragraphs or sentences.empty:
        return {}
    marker = paragraphs.set_index("paragraph_id")["marker"].astype("str")
    # cleaning gives a speaker mark its colon ("LIU:"); an interview's questions and answers are no debaters
    named = marker.str.endswith(":") & ~marker.isin(["Q:", "A:", "Question:", "Answer:"])
    speaker = marker[named].str[:-1]
    if speaker.empty:
        return {}
    body = sentences[~sentences["is_heading"].astype(bool)]
    out: dict[str, tuple[str, str, str]] = {}
    for _, rows in body[body["paragraph_id"].isin(speaker.index)].groupby("article_id", sort=False):
        names = set(speaker[speaker.index.isin(rows["paragraph_id"])])
        if len(names) < 2:
            continue
        article = body[body["article_id"] == rows["article_id"].iloc[0]]
        side: dict[str, tuple[str, str]] = {}
        for sid, text in zip(article["sentence_id"], article["text"].astype("str")):
            found = list(_MOTION_SIDE.finditer(text))
            if len(found) != 1:  # none, or both sides in one sentence: whose is which is unclear
                continue
            words = {w.lower() for w in re.findall(r"[\w'\u2019-]+", text)}
            for name in names:
                if name.split()[-1].lower() in words:
                    side[name] = ("against" if found[0].group("against") else "for", sid)
        for sid, pid in zip(rows["sentence_id"], rows["paragraph_id"]):
            name = speaker[pid]
            if name in side:
                out[sid] = (side[name][0], name, side[name][1])
    return out


def role_table(labels: pd.DataFrame) -> pd.DataFrame:
    """Per labelled sentence: number of ``claim`` hits, its first evidence label, reason /
    concession / rebuttal flags, and the rules that fired (``label: rule; ...``)."""
    role = labels.loc[labels["category"] == "role", ["sentence_id", "label", "rule"]]
    cols = ["n_claim", "evidence", "reason", "concession", "rebuttal", "rules"]
    if role.empty:
        return pd.DataFrame(columns=cols)
    flags = pd.crosstab(role["sentence_id"], role["label"])
    out = pd.DataFrame(index=flags.index)
    out["n_claim"] = flags["claim"] if "claim" in flags else 0
    ev = role[role["label"].isin(list(EVIDENCE_TYPE))].drop_duplicates("sentence_id").set_index("sentence_id")["label"]
    out["evidence"] = ev.reindex(out.index).fillna("")
    for col in ("reason", "concession", "rebuttal"):
        out[col] = flags[col].gt(0) if col in flags else False
    text = (role["label"] + ": " + role["rule"].astype(str)).rename("text")
    rules = pd.concat([role["sentence_id"], text], axis=1).drop_duplicates()
    out["rules"] = out.index.map(_joined(rules["sentence_id"], rules["text"]))
    return out[cols]


def _joined(keys: pd.Series, texts: pd.Series) -> dict:
    """Each key's texts joined with ``"; "``, in row order (one pass, not a pandas group per key)."""
    by_key: dict = {}
    for key, text in zip(keys, texts):
        by_key.setdefault(key, []).append(text)
    return {key: "; ".join(parts) for key, parts in by_key.items()}


PLAIN_RULE = "a plain statement"  # how the rule of such a claim begins
MIN_PLAIN_WORDS = 6  # a plain statement shorter than this ("Money, mostly.") is too thin to stand as a claim
# What keeps a sentence from standing as a plain statement of the writer's: a quotation opening it,
# someone's view reported ("Reyes says ...", "Helen Marsh wants ...": the verbs of rhetoric's
# :data:`utils.rhetoric.rules.VIEW_VERB`, and a few more), the past tense of a story or a
# method ("she fell", "chats were assigned"), a condition, or an announcement ("Here is what ..."); nor
# does a sign-off inviting replies (rhetoric's sign-off cues)
NOT_PLAIN = re.compile(
    r"^\W*[\"'\u201c\u2018]|[\"\u201d\u2019]\W*$"
    rf"|{VIEW_VERB.pattern}|\b(?:reports|reported|wants|wanted|told|tells|writes|wrote)\b"
    r"|\b(?:was|were|had|did|went|came|fell|rang|ran|put|got|gave|took|began|became|saw|left|felt|kept|held|"
    r"stood|spent|sent|lost|paid|met|heard|knew|brought|bought|won|sold|led)\b"
    r"|\b(?!(?:is|are|be|been|being|am|get|gets|not|so|too|very|more|most|less|well|the|a|an|this|that|these|"
    r"those|my|your|our|their|his|her|its|some|many|all|no|of|in|on|at|by|for|with|and|or)\b)"
    r"[a-z]+\s+(?:[a-z]+ly\s+)?[a-z]{2,}(?<!e)ed\b"
    r"|^\W*(?:if|when|unless|here is|here are|here's)\b",
    re.IGNORECASE,
)
# the rules of rhetoric's numbered points ("First, ...", "The second reason is ..."), as the rules column has them
NUMBERED_POINT = re.compile("claim: (?:" + ENUMERATED_RULE + "|" + NAMED_POINT_RULE + ")")
RECOMMENDATION = re.compile(r"\b(?:should|must|ought to)\b(?!.*\?\s*$)", re.IGNORECASE)


def draft_claims(
    corpus: Corpus,
    labels: pd.DataFrame,
    theses: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    max_claims: int = 8,
    min_claims: int = 4,
    max_support: int = 6,
    roles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Candidate thesis, main claims, evidence and premises for every article.

    Args:
        corpus: The processed tables.
        labels: From :func:`utils.rhetoric.label_sentences`.
        theses: From :func:`draft_theses` (best first per article; the first is the thesis).
        hits: From :func:`utils.concepts.concept_hits` (tags each item with its concepts).
        max_claims, min_claims: Main claims per article: a quarter of its sentences, within these
            bounds. An article with fewer sentences carrying a claim cue than ``min_claims`` gets
            its plain statements (:data:`NOT_PLAIN` says what is not one) as claims, in reading
            order, up to it.
        max_support: Evidence and premise items per article, at most.
        roles: :func:`role_table` of the labels, if already computed.

    Returns:
        Claim rows (:data:`utils.argmap.CLAIM_COLUMNS`); ``claim_id`` is the sentence id.
    """
    points = list_points(corpus.sentences, corpus.paragraphs)
    kept = ~corpus.sentences["is_heading"] | points
    s = corpus.sentences[kept].set_index("sentence_id")
    roles = (role_table(labels) if roles is None else roles).reindex(s.index)
    best = theses.drop_duplicates("article_id")
    best = best[best["sentence_id"].isin(s.index)].set_index("sentence_id")
    df = s[["article_id", "paragraph_id", "sentence_index", "start", "end", "text"]].join(roles)
    df["n_claim"] = df["n_claim"].fillna(0).astype("int64")
    for col in ("reason", "concession", "rebuttal"):
        df[col] = df[col].fillna(False).astype(bool)
    df["evidence"] = df["evidence"].fillna("")
    df["rules"] = df["rules"].fillna("")
    # every listed point is a main claim, outside the quota: it is what the article lists
    is_point = points[kept].to_numpy()  # df keeps the rows and order of s
    df.loc[is_point, "rules"] = "listed point: a numbered heading, one of the points the article lists"
    df.loc[is_point, "n_claim"] = df.loc[is_point, "n_claim"].clip(lower=1)  # its score: one claim, the heading's
    df["is_thesis"] = df.index.isin(best.index)
    per_article = df.groupby("article_id")["text"].transform("size")
    quota = (per_article / 4).round().clip(lower=min_claims, upper=max_claims)
    # A sentence that grants or reports the other side without answering it is not the author's claim.
    other_side = df["concession"] & ~df["rebuttal"]
    # a recommendation ("Schools should drop it ...", "Talk to the ones who leave.") is what an essay
    # argues for, and a numbered point ("Second, free buses help ...") one of its reasons: each ranks
    # above a plain claim of the same weight, which otherwise wins by coming first
    directs = set(labels.loc[labels["category"] == "directive", "sentence_id"])
    recommends = df.index.isin(directs) | df["text"].astype("str").str.contains(RECOMMENDATION).to_numpy()
    numbered = df["rules"].str.contains(NUMBERED_POINT).to_numpy()
    claim_rank = (df["n_claim"] + 0.5 * df["rebuttal"] + 0.5 * (recommends | numbered)).where(
        ~df["is_thesis"] & (df["n_claim"] > 0) & ~other_side & ~is_point, -1.0
    )
    order = claim_rank.groupby(df["article_id"]).rank(method="first", ascending=False)
    df["is_claim"] = ((claim_rank > 0) & (order <= quota)) | (is_point & ~df["is_thesis"])
    # An article whose claims carry few cue words (plain statements: "Most service is designed from
    # the inside out.") gets its plain statements as claims, in reading order, up to the minimum,
    # each saying so in its rule; not questions, stories, evidence or either side of a concession.
    asked = set(labels.loc[labels["category"] == "question", "sentence_id"])
    short_of = (min_claims - df["is_claim"].groupby(df["article_id"]).transform("sum")).clip(lower=0)
    plain = (
        (short_of > 0)
        & ~df["is_thesis"]
        & ~df["is_claim"]
        & (df["n_claim"] == 0)
        & df["evidence"].eq("")
        & ~df["concession"]
        & ~df["rebuttal"]
        & ~df.index.isin(asked)
    )
    # the text is read only in the articles short of claims: the regular expressions over every
    # sentence of the 2,000 reviews cost 2.5 s of the draft (make bench: 3.9 -> 1.4 s), for the few that need them
    text = df.loc[plain, "text"].astype("str")
    plain[plain] = (
        (text.str.split().str.len() >= MIN_PLAIN_WORDS)
        & ~text.str.rstrip().str.endswith(("?", ":"))
        & ~text.str.contains(NOT_PLAIN)
        & ~text.map(normalise).str.lower().str.contains(sign_off_pattern())  # "I would welcome your comments."
    ).to_numpy()
    filler = plain & (plain.astype(int).groupby(df["article_id"]).cumsum() <= short_of)
    df.loc[filler, "is_claim"] = True
    df.loc[filler, "rules"] = f"{PLAIN_RULE}, with no claim cue, kept so the article has {min_claims} claims"
    # a sentence that only grants the point before it ("Perhaps.") says nothing as an item of its own
    says_nothing = df["text"].astype("str").map(bare_grant).astype(bool)
    support = (
        (df["evidence"].ne("") | df["reason"] | df["concession"] | df["rebuttal"])
        & ~df["is_claim"]
        & ~df["is_thesis"]
        & ~says_nothing
    )
    # a rebuttal is the writer answering the other side, kept before evidence (which often comes in
    # runs of like items), and so is the concession it answers (one of the next two sentences of the
    # article rebuts it): the pair stays together. A concession left unanswered (a study's
    # "Limitations") is the one attack on the thesis the writer grants: it too goes before evidence
    same_article = df["article_id"].to_numpy()
    answered = np.zeros(len(df), dtype=bool)
    rebut = df["rebuttal"].to_numpy()
    for step in (1, 2):
        answered[:-step] |= rebut[step:] & (same_article[step:] == same_article[:-step])
    support_rank = (
        df["evidence"].ne("").astype(int) * 2
        + df["reason"]
        + df["concession"] * np.where(answered, 3, 2.5)
        + 3 * df["rebuttal"]
    ).where(support, -1)
    df["is_support"] = support & (
        support_rank.groupby(df["article_id"]).rank(method="first", ascending=False) <= max_support
    )
    picked = df[df["is_thesis"] | df["is_claim"] | df["is_support"]].copy()
    picked["role"] = np.select(
        [picked["is_thesis"], picked["is_claim"], picked["evidence"].ne("")], ["thesis", "claim", "evidence"], "premise"
    )
    picked["type"] = np.where(
        picked["role"] == "evidence",
        picked["evidence"].map(EVIDENCE_TYPE).fillna("position"),
        np.where(picked["reason"] & (picked["role"] == "premise"), "cause", "position"),
    )
    thesis_rule = "thesis: " + best["reasons"].astype(str)
    picked["rule"] = np.where(picked["is_thesis"], picked.index.map(thesis_rule), picked["rules"])
    picked["score"] = np.select(
        [picked["is_thesis"], picked["is_claim"]],
        [picked.index.map(best["score"]).astype(float), picked["n_claim"].astype(float)],
        (picked["evidence"].ne("").astype(int) + picked["reason"] + picked["concession"]).astype(float),
    )
    concepts = {}
    if len(hits):  # each sentence's concepts, once each, in alphabetical order
        tags = hits[["sentence_id", "concept"]].astype({"concept": str}).drop_duplicates().sort_values("concept")
        concepts = _joined(tags["sentence_id"], tags["concept"])
    picked = picked.sort_values(["article_id", "sentence_index"], kind="stable")
    rows = pd.DataFrame(
        {
            "claim_id": picked.index,
            "article_id": picked["article_id"].to_numpy(),
            "role": picked["role"].to_numpy(),
            "label": picked["text"].map(lambda t: shorten(" ".join(t.split()), 100)).to_numpy(),
            "quote": picked["text"].to_numpy(),
            "type": picked["type"].to_numpy(),
            "concepts": pd.Series(picked.index.map(concepts), dtype=object).fillna("").to_numpy(),
            "paragraph_id": picked["paragraph_id"].to_numpy(),
            "sentence_ids": picked.index,
            "start": picked["start"].to_numpy(),
            "end": picked["end"].to_numpy(),
            "rule": picked["rule"].to_numpy(),
            "score": picked["score"].to_numpy(),
        }
    )
    return claims_frame(rows.to_dict("records"))


# ---------------------------------------------------------------- links inside an article


def _link(source: str, target: str, relation: str, rule: str, score: float, article: str) -> dict:
    return dict(
        relation_id="",
        source=source,
        target=target,
        relation=relation,
        scope="inside",
        source_article=article,
        target_article=article,
        rationale="",
        rule=rule,
        score=round(score, 3),
    )


def _features(pairs: list[tuple[str, float]], *, n: int = 4) -> str:
    """Top features of a reader decision as ``name +0.83, ...`` (strongest first)."""
    return ", ".join(f"{k} {v:+.2f}" for k, v in pairs[:n])


def read_sentences(ids: list[str], texts: list[str]) -> tuple[ArgumentReading, dict[str, str]]:
    """The argument reader on some sentences of one article, joined by spaces in reading order.

    Returns:
        The :class:`utils.argmap.reading.ArgumentReading` and, for each unit id, its sentence's id.
    """
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    reading = read_text(" ".join(texts))
    return reading, {u.id: ids[int(np.searchsorted(starts, u.start, side="right")) - 1] for u in reading.units}


def _reader_pick(sentences: pd.DataFrame) -> tuple[str, str] | None:
    """The id of the sentence holding the reader's central claim of these sentences (one article,
    reading order) and the claim's top features; ``None`` when the reader finds no unit."""
    reading, where = read_sentences(sentences["sentence_id"].tolist(), sentences["text"].astype(str).tolist())
    if not reading.units:
        return None
    return where[reading.central.id], _features(reading.central.top_features, n=3)


# thesis reasons that say the writer claims something (a conclusion section states the writer's finding)
_CLAIMED = re.compile(r"a claim \(|thesis phrase|conclusion cue|under a concluding heading")
NO_CLAIM = (
    "no sentence makes a claim of the writer's own (a news report, or views only quoted from others): "
    "the opening sentence stands for the article"
)


# A news headline that ends by naming who reports its finding: "Free breakfasts linked to better
# attendance, study finds", "Economy will shrink next year, IMF warns", "..., heads say"
NEWS_HEADLINE = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,4}(?:finds|found|says|say|said|shows|show|warns|warn|suggests|suggest|reveals|reports)"
    r"\W*$",
    re.I,
)
NEWS_LEDE = (
    "a news report (its headline says who found it: '{}'): the opening sentence, the report's lede, "
    "states the finding the article is about"
)


def _opening_without_claims(ranked: pd.DataFrame, body: pd.DataFrame, titles: pd.Series | None = None) -> pd.DataFrame:
    """In an article none of whose candidates makes a claim, cites a thesis phrase or concludes (a
    news report quoting both sides; "A spokesperson said employers 'must ...'" is theirs), the
    opening sentence, which states what the article is about, goes first as its thesis. So it does
    in a news report whose headline names who reports the finding (:data:`NEWS_HEADLINE`): its
    other sentences' hedges ("likely to be welcomed") are the reporter's, not a thesis."""
    tops = ranked.drop_duplicates("article_id")
    weak = set(tops.loc[~tops["reasons"].str.contains(_CLAIMED), "article_id"])
    news = {}
    if titles is not None:
        heads = titles.dropna().astype("str")
        for article, title in heads.items():
            m = NEWS_HEADLINE.search(title)
            if m:
                news[article] = m.group().strip(" ,")
    if not weak and not news:
        return ranked
    opening = body[body["article_id"].isin(weak | set(news))].drop_duplicates("article_id").set_index("article_id")
    parts = []
    for article, rows in ranked.groupby("article_id", sort=False):
        if article not in opening.index:
            parts.append(rows)
            continue
        sid = opening.at[article, "sentence_id"]
        own = rows[rows["sentence_id"] == sid]
        why = NEWS_LEDE.format(news[article]) if article in news else NO_CLAIM
        first = pd.DataFrame(
            {
                "article_id": [article],
                "sentence_id": [sid],
                "score": [float(own["score"].iloc[0]) if len(own) else 0.0],
                "reasons": [why + (f"; the rules: {own['reasons'].iloc[0]}" if len(own) else "")],
            }
        )
        parts += [first, rows[rows["sentence_id"] != sid].head(len(rows) - 1)]
    return pd.concat(parts, ignore_index=True)


def draft_theses(corpus: Corpus, labels: pd.DataFrame, *, lexicons: dict | None = None, top: int = 3) -> pd.DataFrame:
    """Thesis candidates of every article, best first: :func:`utils.rhetoric.thesis_candidates`
    (rules written for long articles), except in a short text (one paragraph of at most
    :data:`SHORT_TEXT` sentences), where the argument reader's central claim comes first.

    On short texts the reader, learned from them, finds the central claim more often than the
    rules. On the microtext dev set (one paragraph, 2-7 sentences each), the sentence each picks
    holds the gold central claim in about 0.88 of the training topics' texts for the reader
    (cross-validated by topic) against 0.68 for the rules, and in 0.74 against 0.57 of the
    held-out topics' texts. An article where no candidate makes a claim (a news report), or whose
    headline names who reports its finding (", study finds"), gets its opening sentence
    (:func:`_opening_without_claims`).

    Args:
        corpus: The processed tables.
        labels: From :func:`utils.rhetoric.label_sentences`.
        lexicons: Word lists (default: the default lists).
        top: Candidates per article.

    Returns:
        :func:`utils.rhetoric.thesis_candidates`' columns; in a short text the reader's pick is
        first, with its score from the rules and its reasons saying the reader chose it.
    """
    titles = corpus.articles.set_index("article_id")["title"]
    body = corpus.sentences[~corpus.sentences["is_heading"]]
    shape = body.groupby("article_id", sort=False).agg(
        paragraphs=("paragraph_id", "nunique"), sentences=("sentence_id", "size")
    )
    short = set(shape.index[(shape["paragraphs"] == 1) & (shape["sentences"] <= SHORT_TEXT)])
    # one pass of the rules; in a short text every sentence is ranked, so the reader's pick has its reasons
    ranked = rhetoric.thesis_candidates(
        corpus.sentences, labels, top=max(top, SHORT_TEXT) if short else top, titles=titles, lexicons=lexicons
    )
    ranked = _opening_without_claims(ranked, body, titles)
    if not short:
        return ranked
    short_rows = dict(tuple(body[body["article_id"].isin(short)].groupby("article_id", sort=False)))
    parts = []
    for article, rows in ranked.groupby("article_id", sort=False):
        pick = _reader_pick(short_rows[article]) if article in short_rows else None
        if pick is None:
            parts.append(rows.head(top))
            continue
        sid, features = pick
        said = f"the argument reader's central claim, used for a short one-paragraph text ({features}); the rules: "
        first = rows[rows["sentence_id"] == sid]
        parts += [first.assign(reasons=said + first["reasons"]), rows[rows["sentence_id"] != sid].head(top - 1)]
    return pd.concat(parts, ignore_index=True)


def read_articles(corpus: Corpus, sentence_ids: set[str]) -> pd.DataFrame:
    """The argument reader (:func:`utils.argmap.reading.read_text`) applied, per article, to the
    sentences in ``sentence_ids`` (the draft's items), in reading order.

    The reader reads the article's argument skeleton that the rules surfaced: it splits it into
    units below the sentence and decides, for each, its role (proponent / opponent), function
    (support / attack) and the unit it attaches to (within four units, or the central claim).
    Reading the items only, not every sentence, keeps a 2,000-review draft within its time.

    Returns:
        One row per unit: ``sentence_id, unit, role, function, target_sentence, is_central,
        confidence, why`` (``why``: the reader's rules and top features, for the audit trail).
    """
    s = corpus.sentences[~corpus.sentences["is_heading"] & corpus.sentences["sentence_id"].isin(sentence_ids)]
    arts = set(s["article_id"])
    rows = []
    for _, para in s[s["article_id"].isin(arts)].groupby("article_id", sort=False):
        reading, where = read_sentences(para["sentence_id"].tolist(), para["text"].astype(str).tolist())
        for u in reading.units:
            rules = "; ".join(u.rules)
            rows.append(
                dict(
                    sentence_id=where[u.id],
                    unit=u.text,
                    role=u.role,
                    function=u.function,
                    target_sentence=where.get(u.target, "") if u.target else "",
                    is_central=u.is_central,
                    confidence=round(float(u.confidence), 3),
                    why=(f"rules {rules}; " if rules else "") + _features(u.top_features),
                )
            )
    cols = ["sentence_id", "unit", "role", "function", "target_sentence", "is_central", "confidence", "why"]
    return pd.DataFrame(rows, columns=cols)


def sentence_reading(units: pd.DataFrame) -> pd.DataFrame:
    """One reader decision per sentence: the unit that attaches outside its own sentence with the
    highest confidence (else the sentence's first unit).

    Returns:
        Indexed by ``sentence_id``: ``role, function, target_sentence, is_central, confidence, why``.
    """
    if units.empty:
        return units.set_index("sentence_id")
    u = units.assign(outside=units["target_sentence"].ne(units["sentence_id"]) & units["target_sentence"].ne(""))
    u = u.assign(_order=np.arange(len(u))).sort_values(["outside", "confidence"], ascending=False, kind="stable")
    best = u.drop_duplicates("sentence_id").set_index("sentence_id")
    best["is_central"] = units.groupby("sentence_id")["is_central"].any()
    opponent = units["role"].eq("opponent").groupby(units["sentence_id"]).all()
    best["role"] = np.where(opponent.reindex(best.index).to_numpy(dtype=bool), "opponent", "proponent")
    # a point granted and answered in one sentence ("The critics have a point about X, but they are
    # wrong about Y"): the writer's answer is the sentence's move, so it argues for the writer's side
    voiced = units["role"].eq("opponent").groupby(units["sentence_id"]).any().reindex(best.index).to_numpy(dtype=bool)
    answered = ~best["outside"].to_numpy(dtype=bool) & best["function"].eq("attack").to_numpy() & voiced
    answered &= best["role"].eq("proponent").to_numpy()
    best.loc[answered, "function"] = "support"
    best.loc[answered, "why"] = "a point granted and answered in one sentence; " + best.loc[answered, "why"]
    return best.drop(columns=["outside", "_order", "unit"])


def link_article(
    rows: list,
    *,
    rebuttals: set[str],
    concessions: set[str],
    reading: dict | None = None,
    sections: dict[str, str] | None = None,
    sides: dict[str, str] | None = None,
    speakers: dict[str, tuple[str, str, str]] | None = None,
) -> list[dict]:
    """Support and attack links among one article's draft items.

    Args:
        rows: The article's draft items in reading order (named tuples with ``claim_id``, ``role``,
            ``paragraph_id``, ``sentence_index``, ``text``, ``article_id``).
        rebuttals, concessions: Sentence ids labelled ``rebuttal`` / ``concession``.
        reading: The rows of :func:`sentence_reading` (the reader's function and attachment per
            sentence) as a dict by sentence id (``to_dict("index")``); without it only the cue
            rules below decide.
        sections: :func:`point_sections`: in a list article, items under a numbered heading back
            that point, and each point supports the thesis.
        sides: :func:`side_sections`: in a two-sided article, items under "The case for X"
            support the thesis when the heading takes its side toward the words they share
            (:func:`type_by_stance`), and attack it otherwise.
        speakers: :func:`speaker_sides`: in a debate transcript, what a debater says supports the
            thesis (the motion, or a sentence of their own side) when they speak on its side, and
            attacks it otherwise.

    Returns:
        Relation rows (``scope`` = ``inside``), each with the rule (and the reader's features) that made it.
    """
    reads = reading or {}
    thesis = next((r for r in rows if r.role == "thesis"), None)
    claims = [r for r in rows if r.role in ("thesis", "claim")]
    by_id = {r.claim_id: r for r in rows}
    rebut = {r.claim_id: r.claim_id in rebuttals for r in rows}
    concede = {r.claim_id: r.claim_id in concessions for r in rows}
    # the reader's central claims among this article's items (a link's target is one of them)
    reader_central = {r.claim_id for r in rows if reads.get(r.claim_id, {}).get("is_central")}
    out, linked = [], set()
    for i, r in enumerate(rows):
        if rebut.get(r.claim_id):
            # a rebuttal answers the nearest concession before it: the sentence before, or one
            # earlier in its paragraph ("Of course ... Nobody denies that. Yet ..." when the middle
            # sentence is not a drafted item)
            granted = next(
                (
                    q
                    for q in reversed(rows[:i])
                    if concede.get(q.claim_id)
                    and (r.sentence_index - q.sentence_index <= 1 or q.paragraph_id == r.paragraph_id)
                ),
                None,
            )
            if granted is not None:
                out.append(
                    _link(
                        r.claim_id,
                        granted.claim_id,
                        "attacks",
                        "rebuttal answers the concession before it",
                        0.8,
                        r.article_id,
                    )
                )
                linked.add(r.claim_id)  # the concession itself still attacks the claim it grants against
        cue = CONCLUSION_CUE.match(r.text)
        if cue and r.role in ("claim", "thesis"):
            for q in rows[:i]:
                if q.paragraph_id == r.paragraph_id and q.role in ("evidence", "premise") and q.claim_id not in linked:
                    out.append(
                        _link(
                            q.claim_id,
                            r.claim_id,
                            "supports",
                            f"conclusion cue '{cue.group(1)}' in the target",
                            0.7,
                            r.article_id,
                        )
                    )
                    linked.add(q.claim_id)
    under = sections or {}
    points = set(under.values())
    thesis_words = _content(thesis.text) - _SCAFFOLD if thesis is not None else set()
    for r in rows:
        if r.claim_id in linked or r.role == "thesis":
            continue
        if r.claim_id in points and thesis is not None:
            out.append(
                _link(r.claim_id, thesis.claim_id, "supports", "a listed point backs the thesis", 0.6, r.article_id)
            )
            continue
        read = reads.get(r.claim_id)
        other_side = concede.get(r.claim_id) and not rebut.get(r.claim_id)  # grants or reports the other side
        turn = (speakers or {}).get(r.claim_id)
        if turn and not other_side:
            side, name, named = turn
            thesis_side = (speakers or {}).get(thesis.claim_id, ("for",))[0]  # a moderator's motion is "for"
            relation = "supports" if side == thesis_side else "attacks"
            rule = f"said by {name}, who speaks {side} the motion ({named})"
            out.append(_link(r.claim_id, thesis.claim_id, relation, rule, 0.6, r.article_id))
            continue
        heading = (sides or {}).get(r.claim_id)
        own = (sides or {}).get(thesis.claim_id)
        if heading and own and not other_side:
            # the thesis stands in a side's own section (a point-counterpoint's "NO, says ..."):
            # that side's items back it, the other side's oppose it
            same = heading == own
            rule = f"in the section '{heading}', {'the thesis' if same else 'the other side'}'s (the thesis is under '{own}')"
            out.append(_link(r.claim_id, thesis.claim_id, "supports" if same else "attacks", rule, 0.6, r.article_id))
            continue
        shared = _content(heading) & thesis_words if heading else set()  # stems: the stance unit finds them as text
        if shared and not other_side:
            relation, why = type_by_stance(heading, thesis.text, shared)
            side = "the thesis's side" if relation == "agrees" else "the other side"
            rule = f"in the section '{heading}', which argues {side} ({why})"
            out.append(
                _link(
                    r.claim_id,
                    thesis.claim_id,
                    "supports" if relation == "agrees" else "attacks",
                    rule,
                    0.6,
                    r.article_id,
                )
            )
            continue
        # evidence the writer cites (a statistic, a study, a story of their own) is theirs: the reader,
        # trained on short texts, may call a long cited case the opponent's, but only a concession is.
        # Nor does the reader's "opponent" alone make an attack: on an op-ed's unmarked sentences it is
        # a near coin toss (a closing call to action, "The real risk is overwork, not idleness."); the
        # attack needs its function or a concession cue. Over 41 outside corpora 4 links became
        # supports, all rightly; the seeds' inside-link score did not move.
        attack = other_side or (r.role != "evidence" and read is not None and read["function"] == "attack")
        relation = "attacks" if attack else "supports"
        reasons = [f"concession ({r.role}): grants or reports the other side"] if other_side else []
        if read is not None:
            reasons.append(
                f"reader: {read['role']}, {read['function']} (attachment confidence {read['confidence']:.2f}; {read['why']})"
            )
        said = "; ".join(reasons)
        before = [c for c in claims if c.sentence_index < r.sentence_index and r.sentence_index - c.sentence_index <= 3]
        cue = PREMISE_CUE.search(r.text)
        if cue and before and r.role != "claim":
            rule = f"premise cue '{cue.group(1).lower()}' points to the claim before it"
            out.append(
                _link(
                    r.claim_id, before[-1].claim_id, relation, rule + (f"; {said}" if said else ""), 0.7, r.article_id
                )
            )
            continue
        target_id = read["target_sentence"] if read is not None else ""
        # an essay's paragraph opens with its point and then backs it: evidence or a premise goes
        # under the claim earlier in its own paragraph, not a claim the reader found elsewhere
        opener = next(
            (
                c
                for c in claims
                if c.role == "claim" and c.paragraph_id == r.paragraph_id and c.sentence_index < r.sentence_index
            ),
            None,
        )
        elsewhere = target_id not in by_id or by_id[target_id].paragraph_id != r.paragraph_id
        point = under.get(r.claim_id)
        if r.role in ("evidence", "premise", "claim") and not other_side and opener is None and point in by_id:
            rule = f"backs the point its section lists ({point})" + (f"; {said}" if said else "")
            out.append(_link(r.claim_id, point, relation, rule, 0.6, r.article_id))
            continue
        if r.role in ("evidence", "premise") and not other_side and opener is not None and elsewhere:
            rule = f"backs the claim that opens its paragraph ({opener.claim_id})" + (f"; {said}" if said else "")
            out.append(_link(r.claim_id, opener.claim_id, relation, rule, 0.6, r.article_id))
            continue
        if target_id and target_id != r.claim_id and target_id in by_id:
            if thesis is not None and target_id in reader_central and target_id != thesis.claim_id:
                # The reader attaches to its own central claim, and judged support or attack against
                # it; the draft's main claim is the thesis, which only the other side attacks.
                said = f"the reader's central claim is {target_id}; the thesis stands for it; " + said
                target_id, relation = thesis.claim_id, "attacks" if other_side else "supports"
            out.append(_link(r.claim_id, target_id, relation, said, float(read["confidence"]), r.article_id))
            continue
        if r.role == "claim" or (other_side and thesis is not None):
            if thesis is not None:
                rule = ("the other side, against the thesis" if other_side else "main claim under the thesis") + (
                    f"; {said}" if said else ""
                )
                out.append(_link(r.claim_id, thesis.claim_id, relation, rule, 0.3, r.article_id))
            continue
        same = sorted(
            (c for c in claims if c.paragraph_id == r.paragraph_id),
            key=lambda c: (abs(c.sentence_index - r.sentence_index), c.sentence_index > r.sentence_index),
        )
        near = sorted(
            (c for c in claims if abs(c.sentence_index - r.sentence_index) <= 3),
            key=lambda c: abs(c.sentence_index - r.sentence_index),
        )
        if same:
            d = max(1, abs(same[0].sentence_index - r.sentence_index))
            target, rule, score = (
                same[0],
                f"nearest claim in the same paragraph ({d} sentence{'s' * (d != 1)} away)",
                0.5 / d,
            )
        elif near:
            d = max(1, abs(near[0].sentence_index - r.sentence_index))
            target, rule, score = near[0], f"nearest claim within three sentences ({d} away)", 0.3 / d
        elif thesis is not None:
            target, rule, score = thesis, "no claim nearby: under the thesis", 0.1
        else:
            continue
        out.append(
            _link(r.claim_id, target.claim_id, relation, rule + (f"; {said}" if said else ""), score, r.article_id)
        )
    return out


def draft_inside_links(
    claims: pd.DataFrame,
    corpus: Corpus,
    labels: pd.DataFrame,
    *,
    roles: pd.DataFrame | None = None,
    reading: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Links inside every article (see :func:`link_article`); ``reading`` is :func:`sentence_reading`."""
    roles = role_table(labels) if roles is None else roles
    index = corpus.sentences.set_index("sentence_id")["sentence_index"]
    items = claims.assign(sentence_index=claims["claim_id"].map(index), text=claims["quote"]).sort_values(
        ["article_id", "sentence_index"], kind="stable"
    )
    rebuttals, concessions = set(roles.index[roles["rebuttal"]]), set(roles.index[roles["concession"]])
    # One pass over the items and the reading as a dict by sentence id: itertuples per article and
    # .loc per item took 3.1 s on 2,000 reviews, this 0.6 s.
    reads = {} if reading is None else reading.to_dict("index")
    by_article: dict[str, list] = {}
    for item in items.itertuples():
        by_article.setdefault(item.article_id, []).append(item)
    sections = point_sections(corpus.sentences, corpus.paragraphs)
    sides = side_sections(corpus.sentences)
    speakers = speaker_sides(corpus.sentences, corpus.paragraphs)
    rows = []
    for group in by_article.values():
        rows += link_article(
            group,
            rebuttals=rebuttals,
            concessions=concessions,
            reading=reads,
            sections=sections,
            sides=sides,
            speakers=speakers,
        )
    return relations_frame(rows).drop_duplicates(["source", "target"]).reset_index(drop=True)  # first rule wins


# ---------------------------------------------------------------- links across articles


@lru_cache(maxsize=1)
def _stemmer():
    return SnowballStemmer("english")


def specificity(words: pd.Series, *, broad_zipf: float = BROAD_ZIPF) -> np.ndarray:
    """How specific each word is against general English: ``(broad_zipf - zipf) / 2``, at least 0.

    ``zipf`` is the word's frequency in general English on the Zipf scale (``wordfreq``: 7 for
    "the", 5.5 for "service", 4.3 for "cure", 2.8 for "quagmire"); words at least as common
    as ``broad_zipf`` score 0 and never link two claims on their own.

    Example:
        >>> specificity(pd.Series(["service", "cure"])).round(2).tolist()
        [0.25, 0.84]
    """
    zipf = np.array([zipf_frequency(str(w).replace("’", "'"), "en") for w in words], dtype=float)
    return np.clip((broad_zipf - zipf) / 2, 0.0, 2.0)


def claim_terms(claims: pd.DataFrame, tokens: pd.DataFrame, *, broad_share: float = 0.2) -> pd.DataFrame:
    """Specific content stems of each claim, weighted by rarity in general English and in the corpus.

    Args:
        claims: The claims (theses and main claims) that may link.
        tokens: The processed tokens table.
        broad_share: A stem in more than this share of the claims (and at least 3) is broad here.

    Returns:
        ``item, term, word, weight, anchor, topic``: ``weight`` = specificity (:func:`specificity`)
        x the stem's inverse document frequency over the claims; ``anchor``: the word is rarer
        than :data:`ANCHOR_ZIPF` in general English (a link needs one). Broad stems are dropped,
        except the corpus's ``topic`` words: broad here but rare in English ("chatbots" in a
        corpus about chatbots), weighted by their specificity alone; only two theses link
        through them (:func:`shared_pairs`).
    """
    stop = load_stopwords()
    pos = pd.Series(np.arange(len(claims)), index=claims["claim_id"].to_numpy())
    t = tokens.loc[tokens["is_word"] & tokens["sentence_id"].isin(pos.index), ["sentence_id", "lower"]].astype("str")
    forms = pd.Series(t["lower"].unique())
    keep = forms[forms.map(lambda w: len(w) > 2 and w.replace("’", "'") not in stop and bool(WORD.match(w)))]
    spec = dict(zip(keep, specificity(keep)))
    anchor = {w: zipf_frequency(w.replace("’", "'"), "en") < ANCHOR_ZIPF for w in keep}
    stem = dict(zip(keep, keep.map(lambda w: _stemmer().stem(w.replace("’", "'")))))
    t = t[t["lower"].isin(stem.keys())]
    out = pd.DataFrame(
        {
            "item": t["sentence_id"].map(pos).to_numpy(),
            "term": t["lower"].map(stem).to_numpy(),
            "word": t["lower"].to_numpy(),
            "spec": t["lower"].map(spec).to_numpy(),
            "anchor": t["lower"].map(anchor).to_numpy(dtype=bool),
        }
    )
    out = out.sort_values("spec", ascending=False, kind="stable").drop_duplicates(["item", "term"])
    n = len(claims)
    df = out.groupby("term")["item"].transform("size")
    out["weight"] = out["spec"] * np.log((n + 1) / (df + 0.5))
    out["topic"] = (df > max(3, broad_share * n)).to_numpy() & out["anchor"].to_numpy()
    out.loc[out["topic"], "weight"] = out.loc[out["topic"], "spec"]
    broad = ((df > max(3, broad_share * n)) & ~out["topic"]) | (out["spec"] <= 0)
    return out[~broad].drop(columns="spec").reset_index(drop=True)


def shared_pairs(claims: pd.DataFrame, terms: pd.DataFrame, *, max_df: int = MAX_DF) -> pd.DataFrame:
    """Pairs of claims from different articles that share specific stems, with the summed weight.

    Blocking by an inverted index over stems found in 2 to ``max_df`` claims, so the work grows
    with the corpus, not with its square. A pair whose shared words are all common in general
    English (none rarer than :data:`ANCHOR_ZIPF`: customers, service, staff) is dropped. When the
    two claims use different forms of a stem, its commoner form (lower weight) counts. The
    corpus's topic words (``topic`` in :func:`claim_terms`) count only between two theses: two
    articles' main points about the corpus's own subject meet there, where they agree or clash.

    Returns:
        ``a, b`` (claim positions, ``a < b``), ``shared`` (number of shared stems), ``anchors``
        (how many of them are rarer than :data:`ANCHOR_ZIPF`), ``weight``.
    """
    cols = ["a", "b", "shared", "anchors", "weight"]
    df = terms.groupby("term")["item"].transform("size")
    post = terms.loc[(df > 1) & (df <= max_df), ["item", "term", "weight", "anchor", "topic"]]
    pairs = post.merge(post, on="term", suffixes=("_a", "_b"))
    article = claims["article_id"].to_numpy()
    thesis = (claims["role"] == "thesis").to_numpy()
    ia, ib = pairs["item_a"].to_numpy(), pairs["item_b"].to_numpy()
    theses = thesis[ia] & thesis[ib]
    pairs = pairs[(ia < ib) & (article[ia] != article[ib]) & (~pairs["topic_a"].to_numpy() | theses)]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    # the two claims may use different forms of a stem (environment / environments): the stem
    # counts with its commoner form, so the result does not depend on which claim comes first
    pairs = pairs.assign(
        weight=np.minimum(pairs["weight_a"], pairs["weight_b"]), anchor=pairs["anchor_a"] & pairs["anchor_b"]
    )
    out = pairs.groupby(["item_a", "item_b"]).agg(
        shared=("term", "size"), weight=("weight", "sum"), anchors=("anchor", "sum")
    )
    out = out[out["anchors"] > 0].reset_index()
    return out.rename(columns={"item_a": "a", "item_b": "b"})[cols]


@lru_cache(maxsize=100_000)
def _unit_texts(text: str) -> tuple[str, ...]:
    return tuple(u.text for u in split_units(text)) or (text,)


def stance_unit(text: str, words: set[str]) -> str:
    """The unit of a claim (:func:`utils.argmap.units.split_units`) that holds most of ``words``:
    the part of the sentence that speaks about the shared point; or the clause after it when that
    goes on with "but" / "however" / "yet", the writer's verdict ("Training helps, but it is not the
    cure"). On the gold central claims of the microtext training topics, same side -> agrees 0.865
    -> 0.885 (0.885 -> 0.890 on the short texts), opposite sides unchanged; asking the "but" clause
    to name the shared point too gained nothing."""
    units = _unit_texts(text)
    lower = [u.lower() for u in units]
    i = max(range(len(units)), key=lambda i: sum(w in lower[i] for w in words))
    if i + 1 < len(units) and verdict_follows(units[i], units[i + 1]):
        return units[i + 1]
    return units[i]


def type_by_stance(a_text: str, b_text: str, words: set[str]) -> tuple[str, str]:
    """``agrees`` or ``contradicts`` from each claim's stance toward the shared point.

    Each claim's polarity is the parity of the negations and negative-evaluation words
    (:func:`utils.argmap.stance.polarity_flips`) in its unit about the shared words; evaluation
    words both use cancel. Same parity: the two take the same side (two negated claims agree).

    Returns:
        The relation and the reason, naming the flipping words of each side.

    Example:
        >>> type_by_stance("Training is not the cure.", "Training staff is no cure for slow service.", {"training", "cure"})[0]
        'agrees'
    """
    ua, ub = stance_unit(a_text, words), stance_unit(b_text, words)
    stems = {polarity_stem(w) for w in re.findall(r"[a-z']+", ua.lower())} & {
        polarity_stem(w) for w in re.findall(r"[a-z']+", ub.lower())
    }
    fa, fb = polarity_flips(ua, shared=stems), polarity_flips(ub, shared=stems)
    same = len(fa) % 2 == len(fb) % 2

    def said(flips: list[str]) -> str:
        return ", ".join(f"'{f}'" for f in flips) if flips else "no negation"

    why = f"stance toward the shared point: {said(fa)} vs {said(fb)} -> {'same' if same else 'opposite'} side"
    return ("agrees" if same else "contradicts"), why


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPEN_QUESTION = re.compile(r"\bwhether\b", re.I)  # "will vote on whether to end the scheme" takes no side


def is_copy(a: str, b: str, *, at: float = COPY_SIMILARITY) -> bool:
    """Whether two sentences are one text copied (a review posted twice, a syndicated column, a
    quote both articles carry): the same lower-case words in the same order, or word sequences
    that match at least ``at`` (difflib's ratio: a rating or a word added) with the same negations
    and negative words (:func:`utils.argmap.stance.polarity_flips`), so "never" added is a new view.

    Example:
        >>> is_copy("The horror is carried out very well.", "the horror is = carried out very well ."), is_copy(
        ...     "Longer hours cure sluggish productivity.", "Longer hours never cure sluggish productivity.")
        (True, False)
    """
    wa, wb = _WORDS.findall(a.lower()), _WORDS.findall(b.lower())
    if wa == wb:
        return True
    close = SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= at
    return close and sorted(polarity_flips(a, shared=set())) == sorted(polarity_flips(b, shared=set()))


def link_confidence(weight: float | np.ndarray, *, scale: float = LINK_SCALE) -> float | np.ndarray:
    """Confidence of a link from the summed weight of its shared specific words: ``1 - exp(-weight / scale)``."""
    return 1.0 - np.exp(-np.asarray(weight, dtype=float) / scale)


def draft_cross_links(
    claims: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    top_k: int = 2,
    min_confidence: float = MIN_CANDIDATE,
    draw_at: float = DRAW_AT,
    max_df: int = MAX_DF,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Links across articles between claims (theses and main claims) that share specific content.
    Two claims that are one sentence copied (:func:`is_copy`) are not two writers meeting: they
    make no link.

    Args:
        claims: Draft items; only theses and main claims link (not plain statements that only
            fill an article's claims: :data:`PLAIN_RULE`).
        tokens: The processed tokens table.
        top_k: Keep a pair when it is among the ``top_k`` best of either of its claims.
        min_confidence: Below this a pair is not listed at all.
        draw_at: Links at or above this confidence that share at least two words rarer than
            :data:`ANCHOR_ZIPF` in general English are drawn; the rest are candidates (one rare
            word plus common ones such as need, change, hear is a shared topic, not a shared point).
        max_df: Stems in more claims than this make no pairs.

    Returns:
        ``(drawn, candidates)``, both relation tables; ``score`` is the confidence.
    """
    # a plain statement kept only to fill an article's claims is no point the writer marks: it links nothing
    filler = (
        claims["rule"].astype("str").str.startswith(PLAIN_RULE)
        if "rule" in claims
        else pd.Series(False, index=claims.index)
    )
    mains = claims[claims["role"].isin(["thesis", "claim"]) & ~filler].reset_index(drop=True)
    terms = claim_terms(mains, tokens)
    pairs = shared_pairs(mains, terms, max_df=max_df)
    if pairs.empty:
        return relations_frame([]), relations_frame([])
    pairs["confidence"] = link_confidence(pairs["weight"].to_numpy())
    pairs = pairs[pairs["confidence"] >= min_confidence]
    ends = np.concatenate([pairs["a"].to_numpy(), pairs["b"].to_numpy()])
    score = np.concatenate([pairs["confidence"].to_numpy()] * 2)
    order = np.lexsort((-score, ends))
    rank = np.empty(len(ends), dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(ends[order])) + 1] if len(ends) else np.zeros(0, dtype=np.int64)
    rank[order] = np.arange(len(ends)) - np.repeat(starts, np.diff(np.r_[starts, len(ends)]))
    pairs = pairs[(rank[: len(pairs)] < top_k) | (rank[len(pairs) :] < top_k)].sort_values(
        "confidence", ascending=False, kind="stable"
    )
    words: dict[int, dict[str, str]] = {}
    for item, term, word in zip(terms["item"], terms["term"], terms["word"]):
        words.setdefault(int(item), {})[term] = word
    topic = set(terms.loc[terms["topic"], "term"])
    items = list(mains.itertuples())
    drawn, candidates = [], []
    for p in pairs.itertuples():
        a, b = items[p.a], items[p.b]
        if is_copy(a.quote, b.quote):
            continue
        shared = sorted(set(words.get(p.a, {})) & set(words.get(p.b, {})))
        forms = {words[p.a][t] for t in shared} | {words[p.b][t] for t in shared}
        relation, why = type_by_stance(a.quote, b.quote, forms)
        open_question = next((c.claim_id for c in (a, b) if _OPEN_QUESTION.search(c.quote)), None)
        if open_question:
            why += f"; but {open_question} reports an open question ('whether'), which takes no side"
        src, tgt = (b, a) if b.article_id > a.article_id else (a, b)
        row = dict(
            relation_id="",
            source=src.claim_id,
            target=tgt.claim_id,
            relation=relation,
            scope="across",
            source_article=src.article_id,
            target_article=tgt.article_id,
            rationale=f"Shared specific words: {', '.join(words[p.a][t] + (' (the corpus topic)' if t in topic else '') for t in shared[:10])}; {why}.",
            rule=f"claims sharing specific words (weight {p.weight:.2f}) + stance parity",
            score=round(float(p.confidence), 3),
        )
        (drawn if p.confidence >= draw_at and p.anchors >= 2 and not open_question else candidates).append(row)
    return relations_frame(drawn), relations_frame(candidates)


REPLY_CONFIDENCE = 0.9  # a reply that names its target and answers it: the writer says whom they answer
# "I still disagree.", "Whitlock is wrong about ...": the reply's verdict on its target, whatever point
# it grants on the way ("I agree with Whitlock on one point")
_DISAGREEMENT = re.compile(
    r"(?<![\w'’])(?:I|we) (?:still |strongly |respectfully |simply |fundamentally )?disagree(?![\w'’])"
    r"(?! with (?:\w+ )?(?:on|about) (?:one|a few|some) )|(?:I|we) could(?:n't|n’t| not) disagree more",
    re.I,
)
_AGREEMENT = re.compile(
    r"(?<![\w'’])(?:I|we) (?:fully |entirely |largely )?agree(?![\w'’])|\b(?:is|are) right\b|\brightly\b", re.I
)


def reply_links(claims: pd.DataFrame, corpus: Corpus, labels: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Links between the theses of two articles when one names the other's author or gives its
    title (:func:`utils.argmap.references.cross_references`), typed by how the naming paragraphs
    answer it: a stated disagreement ("I still disagree") contradicts it whatever point is granted, a
    rebuttal after a point granted qualifies it, a rebuttal or contrast alone contradicts it, agreement without either ("I agree", "rightly") agrees. Without any of these
    the link is a candidate ("qualifies", confidence 0.5) for the analyst to type.

    Returns:
        ``(drawn, candidates)`` relation tables, each link's rule naming the sentences.
    """
    refs = cross_references(corpus)
    theses = claims[claims["role"] == "thesis"].drop_duplicates("article_id").set_index("article_id")["claim_id"]
    if refs.empty or theses.empty:
        return relations_frame([]), relations_frame([])
    sents = corpus.sentences.set_index("sentence_id")
    by_label = labels.groupby("label")["sentence_id"].agg(set)
    rebut, concede = by_label.get("rebuttal", set()), by_label.get("concession", set())
    contrast = by_label.get("transition_contrast", set())
    drawn, candidates = [], []
    for (b, a), group in refs.groupby(["article_id", "named_article"], sort=False):
        if a not in theses.index or b not in theses.index:
            continue
        paras = set(sents.loc[group["sentence_id"], "paragraph_id"])
        near = sents[sents["paragraph_id"].isin(paras)].index
        answers = sorted(near.intersection(list(rebut | contrast)))
        granted = sorted(near.intersection(list(concede)))
        agreeing = [i for i in near if _AGREEMENT.search(str(sents.at[i, "text"]))]
        disagreeing = [i for i in near if _DISAGREEMENT.search(str(sents.at[i, "text"]))]
        if disagreeing:
            relation, how = "contradicts", f"says it disagrees ({disagreeing[0]})"
        elif answers and granted:
            relation, how = "qualifies", f"grants a point ({granted[0]}) and answers it ({answers[0]})"
        elif answers:
            relation, how = "contradicts", f"answers it ({answers[0]})"
        elif agreeing:
            relation, how = "agrees", f"agrees with it ({agreeing[0]})"
        else:
            relation, how = "qualifies", "names it without a cue to how it stands"
        named = group["how"].iloc[0].replace("author ", "its author ")
        row = dict(
            relation_id="",
            source=theses[b],
            target=theses[a],
            relation=relation,
            scope="across",
            source_article=b,
            target_article=a,
            rationale=f"{b} names {a} ({named}, in {', '.join(group['sentence_id'])}) and {how}.",
            rule="a reply naming its target's author or title + how the naming paragraphs answer it",
            score=REPLY_CONFIDENCE if answers or agreeing or disagreeing else 0.5,
        )
        (drawn if answers or agreeing or disagreeing else candidates).append(row)
    return relations_frame(drawn), relations_frame(candidates)


# ---------------------------------------------------------------- the whole draft


def build_draft(
    corpus: Corpus,
    *,
    labels: pd.DataFrame | None = None,
    theses: pd.DataFrame | None = None,
    hits: pd.DataFrame | None = None,
    lexicons: dict | None = None,
    timings: dict[str, float] | None = None,
) -> ArgumentMap:
    """The automatic draft map of a corpus.

    Args:
        corpus: The processed tables.
        labels, theses, hits: Precomputed sentence labels, thesis candidates and concept hits
            (computed here when omitted).
        lexicons: Word lists (default: :func:`utils.rhetoric.lexicons_for` the corpus).
        timings: If given, filled with seconds per stage.

    Returns:
        A map of kind ``draft``; relation ids are ``D00001``... in order; links across articles
        below the drawing threshold are in ``candidates`` (ids ``C00001``...).
    """

    timings = {} if timings is None else timings
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        timings[name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    if lexicons is None:
        lexicons, additions = rhetoric.lexicons_for(corpus.articles)
    else:
        additions = False
    labels = rhetoric.label_sentences(corpus.sentences, lexicons=lexicons) if labels is None else labels
    lap("sentence labels")
    if theses is None:
        theses = draft_theses(corpus, labels, lexicons=lexicons)
    lap("thesis candidates")
    hits = concept_hits(corpus.tokens, corpus.sentences) if hits is None else hits
    lap("concept hits")
    roles = role_table(labels)
    claims = draft_claims(corpus, labels, theses, hits, roles=roles)
    lap("draft claims")
    reading = sentence_reading(read_articles(corpus, set(claims["claim_id"])))
    claims = with_reading(claims, reading)
    lap("argument reader")
    inside = draft_inside_links(claims, corpus, labels, roles=roles, reading=reading)
    lap("links inside")
    across, candidates = draft_cross_links(claims, corpus.tokens)
    replies, maybe = reply_links(claims, corpus, labels)
    across = pd.concat([replies, across], ignore_index=True).drop_duplicates(["source", "target"])  # the reply first
    candidates = pd.concat([maybe, candidates], ignore_index=True)
    lap("links across")
    relations = pd.concat([inside, across], ignore_index=True)
    relations["relation_id"] = [f"D{i:05d}" for i in range(1, len(relations) + 1)]
    candidates["relation_id"] = [f"C{i:05d}" for i in range(1, len(candidates) + 1)]
    arts = corpus.articles.loc[
        corpus.articles["article_id"].isin(set(claims["article_id"])), ["article_id", "title"]
    ].reset_index(drop=True)
    arts["short"] = [f"{a} {shorten(t, 40)}" for a, t in zip(arts["article_id"], arts["title"])]
    return ArgumentMap(
        claims=claims,
        relations=relations_frame(relations.to_dict("records")),
        articles=arts,
        kind="draft",
        candidates=candidates,
        lexicon_additions=additions,
    )


def with_reading(claims: pd.DataFrame, reading: pd.DataFrame) -> pd.DataFrame:
    """Append the reader's decision (role, function, confidence, top features) to each item's
    ``rule``, so the audit trail shows both the labelling rules and the learned reading."""
    if reading.empty:
        return claims
    r = reading.reindex(claims["claim_id"])
    said = (
        "reader: "
        + r["role"]
        + ", "
        + r["function"]
        + np.where(r["is_central"].fillna(False), ", central claim of the article", "")
        + " ("
        + r["why"]
        + ")"
    ).fillna("")
    rule = claims["rule"].astype(str).to_numpy()
    return claims.assign(rule=[f"{a}; {b}" if a and b else a or b for a, b in zip(rule, said.to_numpy())])


def run_draft(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    timings: dict[str, float] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[Path]:
    """Ingest a folder of articles and write its draft map (the ``draft`` command).

    Files that ingestion skips or keeps with a doubt are passed to ``on_warning`` as one line
    each (``file: problem (action)``), so the command line can say which files the draft left out.

    Writes ``draft-claims.csv``, ``draft-relations.csv``, ``draft-candidate-links.csv`` (links
    across articles too weak to draw), ``draft.aif.json``, ``draft.argdown`` and ``draft.graphml``
    into ``out_dir``.

    Raises:
        ValueError: ``out_dir`` is the corpus folder, inside it, or inside ``data/raw`` (articles stay untouched).
    """

    corpus_dir, out = paths.resolve(corpus_dir), paths.resolve(out_dir)
    if out.is_relative_to(corpus_dir) or out.is_relative_to(paths.RAW):
        raise ValueError(f"{out}: write the draft somewhere else than the corpus folder or data/raw")
    timings = {} if timings is None else timings
    start = time.perf_counter()
    corpus = ingest(corpus_dir)
    timings["ingest"] = round(time.perf_counter() - start, 3)
    for w in corpus.warnings.itertuples():
        if on_warning is not None:
            on_warning(f"{w.file}: {w.problem} ({w.action})")
    amap = build_draft(corpus, timings=timings)
    t = time.perf_counter()
    files = export_map(amap, out, stem="draft")
    candidates = out / "draft-candidate-links.csv"
    tables.write_spreadsheet_csv(amap.candidates, candidates)
    timings["write"] = round(time.perf_counter() - t, 3)
    timings["total"] = round(time.perf_counter() - start, 3)
    return [files[3], files[4], candidates, files[1], files[0], files[2]]
