"""The rules behind :func:`utils.rhetoric.label_sentences`, one function per rule.

Every function takes a :class:`Context` (the sentences in reading order, joined into one string for
one pass of each pattern) and returns hits with columns ``row, category, label, rule, start, end,
match`` (``row``: the sentence's position). Rules that read one sentence come first (word lists,
bracket and dash inserts, sentence-initial imperatives, named sources, first-person past tense);
then clean-up rules (quoted speech, overlapping markers, concessions); then rules that read the
context (an imagined case that runs on, questions and their answers, a story that goes on in the
past tense, the counter-move after a concession, claims carried by stance markers).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from utils import paths
from utils.ingest.clean import NUMBERED_REFERENCE
from utils.rhetoric.lexicon import (
    Joined,
    Lexicon,
    compile_entries,
    find_spans,
    lexicon_hits,
    overlaps,
    read_lexicon,
)
from utils.text import alternation, load_stopwords, read_word_list

_QUESTION_END = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")
_QUOTE_THEN_QUESTION = re.compile(r"[\"\u201d]\s*\?\s*$")
_CUES = paths.LEXICONS / "rule_cues"


def _cue(name: str) -> str:
    """The alternation of one cue list of ``data/lexicons/rule_cues/``."""
    return alternation(read_word_list(_CUES / f"{name}.txt"))


_TAG_QUESTION = re.compile(rf",\s*{_cue('tag_questions')}\s*\?\s*$", re.I)
_WH = re.compile(rf"^\W*(?:(?:so|and|but|then|now|given [^,]*),?\s+)?(?:\w+\s+){{0,3}}?{_cue('wh_words')}\b", re.I)
_AUX = re.compile(rf"^\W*{_cue('question_auxiliaries')}\b", re.I)
_ANSWER_CUE = re.compile(rf"^\W*{_cue('answer_cues')}\b", re.I)
_WHY = re.compile(r"^\W*(?:(?:so|and|but|then),?\s+)?(?:why\b|how come\b)", re.I)
# "So do tired teachers.", "So is the evidence.": "so" + an auxiliary + its subject means "likewise",
# neither a conclusion nor an imperative
AUXILIARIES = r"(?:do|does|did|is|are|am|was|were|can|could|will|would|have|has|had|should|must|may|might)"
SO_INVERSION = re.compile(rf"^\W*(?:and\s+)?so\s+{AUXILIARIES}\b(?!\s+not\b|n't)", re.I)
# ... and the answer labelled as such after a labelled objection ("Objection 1: ... Response: ...")
_COUNTER_START = re.compile(rf"^\W*(?:{_cue('counter_openers')}\b|(?:my\s+)?(?:response|reply|rebuttal)\s*:)", re.I)
_EXPECTATION = compile_entries(read_word_list(_CUES / "expectation_frames.txt"))  # one pass, at word starts
# "That description is wrong." / "This is simply not true." / "I think she is wrong about ...": a
# verdict on the view just reported (not "they are mistaken for tourists"), or a bare denial of it
# ("Others will say that the green belt is sacred. It is not.", "... means missing problems. It does not.")
_I_THINK = r"(?:i|we)\s+(?:think|believe|suspect|would say)\s+(?:that\s+)?"
_VERDICT = rf"(?:is|was|are|were)\s+{_cue('rejection_verdicts')}(?!\w)(?!\s+(?:as|for)\b)"
_REJECTION_START = re.compile(
    rf"^\W*(?:(?:but|and|yet)\s*,?\s+)?(?:{_I_THINK})?"
    r"(?:(?:that|this|such)(?:\s+[a-z-]+){0,2}|he|she|they|it)\s+"
    rf"(?:{_VERDICT}"
    r"|(?:(?:is|was|are|were|does|do|did)\s+not|(?:isn|aren|wasn|weren|doesn|don|didn)['\u2019]t)\W*$)"
    r"|^\W*(?:but\s+)?(?:i|we)\s+(?:was|were)\s+(?:wrong|mistaken)\b"  # the writer's own former view: "I was wrong."
    # a verdict on a view named as a thing: "Most of what managers believe about them is wrong."
    rf"|^\W*(?:(?:but|and|yet)\s*,?\s+)?(?:(?:most|much|some|all)\s+of\s+)?(?:what|everything)\s+(?:[\w'\u2019-]+\s+){{0,3}}"
    rf"(?:believe|believes|think|thinks|say|says|assume|assumes|tell\s+you|tells\s+you)\b[^.!?;]{{0,40}}?\s{_VERDICT}"
    # the writer's bare dissent: "I respectfully dissent.", "I disagree.", "I beg to differ."
    r"|^\W*(?:but\s+)?(?:i|we)\s+(?:(?:must|would|will)\s+)?(?:respectfully\s+|strongly\s+|firmly\s+)?"
    r"(?:dissent|disagree|beg\s+to\s+differ|could\s+not\s+disagree\s+more|couldn['\u2019]t\s+disagree\s+more)\W*$",
    re.I,
)
# ... or the writer's verdict on it in a later clause: "I work on the wards there, and I think he is mistaken."
_REJECTION_LATER = re.compile(
    rf"[,;]\s*(?:(?:and|but|so)\s+)?{_I_THINK}(?:he|she|they|it|this|that)\s+{_VERDICT}", re.I
)
_PRONOUN = re.compile(rf"(?<!\w){_cue('personal_pronouns')}(?!\w)")
_NAME = re.compile(r"(?<=[a-z,;:] )(?:(?:Dr|Prof|Mr|Mrs|Ms)\. )?[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))+")
_CAPITALISED = re.compile(r"[A-Z][\w'&-]+")
_DASH = r"(?: [-\u2013\u2014] |\u2014)"
_INSERT = re.compile(
    r"\(([^()\n]{1,150})\)|"
    + _DASH
    + r"([^\n\u2013\u2014]{1,150}?)"
    + _DASH
    + r"|"
    + _DASH
    + r"([^\n\u2013\u2014]{1,150})(?=\n|\Z)"
)
_SUBORDINATE_CONCESSIONS = frozenset(read_word_list(_CUES / "concessive_subordinators.txt"))
_EXTRA_PAST = tuple(read_word_list(_CUES / "past_participles.txt"))


@dataclass
class Context:
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


def empty_hits() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": pd.Series(dtype="int64"),
            "category": pd.Series(dtype="str"),
            "label": pd.Series(dtype="str"),
            "rule": pd.Series(dtype="str"),
            "start": pd.Series(dtype="int64"),
            "end": pd.Series(dtype="int64"),
            "match": pd.Series(dtype="str"),
        }
    )


def make_hits(rows, category: str, label: str, rule, start=0, end=0, match="") -> pd.DataFrame:
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return empty_hits()
    return pd.DataFrame(
        {"row": rows, "category": category, "label": label, "rule": rule, "start": start, "end": end, "match": match}
    )


def span_hits(spans: pd.DataFrame, category: str, label: str, rule) -> pd.DataFrame:
    """:func:`make_hits` for matches found in the text (``row, start, end, match`` columns, as
    :func:`utils.rhetoric.lexicon.find_spans` gives them): each hit keeps its span and words."""
    return make_hits(spans["row"], category, label, rule, spans["start"], spans["end"], spans["match"])


def paragraph_numbers(sents: pd.DataFrame) -> np.ndarray:
    """Paragraph number of each sentence, from ``paragraph_id`` / ``sentence_id`` (``...-pNN...``)."""
    for col, pattern in (("paragraph_id", r"-p(\d+)$"), ("sentence_id", r"-p(\d+)-s\d+$")):
        if col in sents:
            found = sents[col].astype("str").str.extract(pattern, expand=False)
            if found.notna().all():
                return found.astype("int64").to_numpy()
    return np.arange(len(sents), dtype=np.int64)


def prepare(sentences: pd.DataFrame, lexicons: dict[str, Lexicon]) -> Context:
    sents = sentences.reset_index(drop=True)
    if "is_heading" not in sents:
        sents = sents.assign(is_heading=False)
    texts = sents["text"].astype("str").tolist()
    article = sents["article_id"].astype("str").to_numpy()
    para = paragraph_numbers(sents)
    new_article = np.ones(len(sents), dtype=bool)
    new_article[1:] = article[1:] != article[:-1]
    gap = np.zeros(len(sents), dtype=np.int64)
    gap[1:] = para[1:] - para[:-1]
    gap[new_article] = 99
    question = sents["text"].astype("str").str.contains(_QUESTION_END).to_numpy()
    return Context(
        sents=sents,
        joined=Joined.from_texts(texts),
        lexicons=lexicons,
        heading=sents["is_heading"].to_numpy(dtype=bool),
        question=question,
        para=para,
        new_article=new_article,
        para_gap=gap,
    )


def label_of(name: str) -> tuple[str, str] | None:
    """(category, label) a lexicon feeds, from its name; ``None`` for helper cue lists."""
    if name.startswith("metadiscourse/"):
        return "metadiscourse", name.split("/", 1)[1]
    for prefix, category in (("rhetoric_role_", "role"), ("rhetoric_directive_", "directive")):
        if name.startswith(prefix):
            return category, name[len(prefix) :]
    return None


# ---------------------------------------------------------------- rules that read one sentence


def lexicon_labels(ctx: Context) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Hits of every label lexicon; also returns the raw hits by lexicon name for later rules."""
    out, raw = [], {}
    for name, lex in ctx.lexicons.items():
        target = label_of(name)
        if target is None or name == "rhetoric_role_evidence_exemplar":
            continue
        found = lexicon_hits(lex, ctx.joined)
        raw[name] = found
        if not found.empty:
            rule = f"{lex.path.name}: " + found["entry"]
            if "/" in name:
                rule = name.split("/")[0] + "/" + rule
            out.append(span_hits(found, *target, rule))
    return (pd.concat(out, ignore_index=True) if out else empty_hits()), raw


def insert_labels(ctx: Context) -> pd.DataFrame:
    """Bracket and dash inserts: an aside when it speaks to the reader, else a code gloss."""
    cues = ctx.lexicons.get("rhetoric_cues_aside")
    cue_rx = cues.pattern if cues else None
    rows, starts, ends, labels, rules = [], [], [], [], []
    text = ctx.joined.text
    for m in _INSERT.finditer(text):
        content = next(g for g in m.groups() if g is not None)
        row = int(ctx.joined.locate(np.array([m.start()]))[0])
        base = int(ctx.joined.starts[row])
        before = text[base : m.start()]
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
        return empty_hits()
    out = pd.DataFrame(
        {"row": rows, "category": "metadiscourse", "label": labels, "rule": rules, "start": starts, "end": ends}
    )
    return out.assign(match=[ctx.sents["text"].iat[r][s:e] for r, s, e in zip(out["row"], out["start"], out["end"])])


# "I'd keep the scheme", "we'd be better off": the writer's contracted "would" before a plain verb
# (not "I'd walked", "we'd been", "I'd had": a contracted "had"; not a character's "she'd like to")
_CONTRACTED_WOULD = re.compile(
    r"\b(?:i|we)['\u2019]d\s+(?!(?:been|had|got|gone|done|seen|made|taken|given|known|left|come|"
    r"become|heard|told|said|found|thought|felt|kept|lost|paid|met|sent|spent|brought|bought|run|begun|written|"
    r"eaten|fallen|forgotten|grown|shown|spoken|stolen|won|never|already|just|only|once|always)\b)(?![a-z]+ed\b)[a-z]+",
    re.I,
)


def contracted_would(ctx: Context) -> pd.DataFrame:
    """A contracted "would" before a plain verb ("I'd keep the scheme, but ...") hedges, as "would"
    does: the writer's conditional stance."""
    spans = find_spans(_CONTRACTED_WOULD, ctx.joined)
    return span_hits(spans, "metadiscourse", "hedge", "a contracted 'would' before a verb: '" + spans["match"] + "'")


def imperative_labels(ctx: Context) -> pd.DataFrame:
    """Sentences that open with an imperative verb, after an optional opener ("In short -") or a
    fronted condition or time clause ("Before you buy another tool, fix the basics.")."""
    verbs = ctx.lexicons.get("rhetoric_cues_imperative_verbs")
    openers = ctx.lexicons.get("rhetoric_cues_imperative_openers")
    if verbs is None or not verbs.entries:
        return empty_hits()
    opener = compile_entries(openers.entries).pattern if openers and openers.entries else r"(?!x)x"
    rx = re.compile(
        r"(?:\A|(?<=\n))[\"'(\[]?(?:(?:" + opener + r")[,:]? *(?:[-\u2013\u2014] *)?)*"
        # a fronted condition or time clause: "Before you buy another tool, fix the basics."
        r"(?:(?:before|if(?! only)|when|whenever|once|until|unless|after)\s[^,.;:!?()\n]{2,80},\s*)?("
        + verbs.entries_pattern.pattern
        + r")"
        r"(?!,| (?:is|are|was|were|has|have|had|will|would|can|could|should|must|of|'s)(?!\w))"
    )
    found = find_spans(rx, ctx.joined, group=1)
    if found.empty:
        return empty_hits()
    text = ctx.sents["text"].astype("str")
    keep = ~ctx.question[found["row"].to_numpy()] & np.array(
        [SO_INVERSION.match(text.iat[r]) is None for r in found["row"]], dtype=bool
    )
    if verbs.exclusions:
        blocked, low = compile_entries(verbs.exclusions), ctx.joined.lower
        keep &= np.array([blocked.match(low, p) is None for p in found["pos"]], dtype=bool)
    found = found[keep]
    rule = (
        "sentence opens with the imperative verb '"
        + found["match"].str.lower()
        + "' (rhetoric_cues_imperative_verbs.txt)"
    )
    return span_hits(found, "directive", "imperative", rule)


def _opening_source(verbs: Lexicon) -> re.Pattern:
    """A person named at the start of a sentence with credentials, then at once a reporting verb:
    "Fred Reichheld, who created it in 2003, has said ...", "Sarah Chen, an economist at Leeds,
    argues ...", "Dr. Ana Ruiz says ...". Without the aside or the title, "Maya Lindqvist says
    the four-day week is overdue." reports a view, often the one the writer goes on to reject."""
    name = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+"
    return re.compile(
        rf"(?:(?<=\n)|\A)(?:(?:Dr|Prof)\.? {name}|{name},[^,\n]{{1,100}},) (?:has |had |have )?(?:also |long |often )?"
        rf"(?:{verbs.entries_pattern.pattern})"
    )


def authority_labels(ctx: Context) -> pd.DataFrame:
    """A named source (two or more capitalised words, not at the start) with a reporting verb, or
    a person named at the start of a sentence with the reporting verb right after the name."""
    verbs = ctx.lexicons.get("rhetoric_cues_reporting_verbs")
    if verbs is None:
        return empty_hits()
    opening = find_spans(_opening_source(verbs), ctx.joined, case_sensitive=True)
    first = span_hits(
        opening,
        "role",
        "evidence_authority",
        "a person named with credentials at the sentence's start, then a reporting verb: '" + opening["match"] + "'",
    )
    names = find_spans(_NAME, ctx.joined, case_sensitive=True)
    if names.empty:
        return first
    keep, rules = [], []
    for row, match in zip(names["row"], names["match"]):
        verb = verbs.entries_pattern.search(
            ctx.joined.lower, ctx.joined.starts[row], ctx.joined.starts[row] + len(ctx.sents["text"].iat[row])
        )
        keep.append(verb is not None)
        rules.append(f"named source '{match}' with the reporting verb '{verb.group()}'" if verb else "")
    names = names.assign(rule=rules)[keep]
    names = names[~names["row"].isin(first["row"])].drop_duplicates("row")
    later = span_hits(names, "role", "evidence_authority", names["rule"])
    return pd.concat([first, later], ignore_index=True) if len(first) else later


# An academic citation: "(Hattie and Timperley, 2007)", "(Cooper et al., 2006; OECD, 2019)", "Black
# and Wiliam (1998)", "(see Smith 2020, p. 4)", a numbered reference ("... done anyway [1].", "[2, 3]",
# "[4-6]") and authors said to report something without a year ("Sharp et al. found that ...")
_AUTHORS = r"[A-Z][\w'’-]+(?:(?:,\s*[A-Z][\w'’-]+)*,?\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?"
CITATION = re.compile(
    rf"\((?:see\s+|e\.g\.,?\s+|cf\.\s+)?{_AUTHORS},?\s+(?:19|20)\d\d[a-z]?(?:,\s*pp?\.\s*\d+(?:[-–]\d+)?)?"
    rf"(?:\s*;\s*{_AUTHORS},?\s+(?:19|20)\d\d[a-z]?)*\)"
    # in running text only when the source is said to report something ("Titanic (1997) is long" cites no one)
    rf"|\b{_AUTHORS}\s+\((?:19|20)\d\d[a-z]?\),?\s+(?:\w+\s+)?(?:found|find|finds|showed|shows|show|argued|argues|"
    rf"argue|reported|reports|noted|notes|concluded|concludes|suggested|suggests|observed|observes|demonstrated|"
    rf"demonstrates|wrote|writes|estimated|estimates|claimed|claims)\b"
    rf"|{NUMBERED_REFERENCE}"
    r"|\b[A-Z][\w'’-]+\s+et\s+al\.?\s+(?:\w+\s+)?(?:found|showed|shows|reported|reports|concluded|observed|estimated)\b"
)


def citation_labels(ctx: Context) -> pd.DataFrame:
    """A source cited the academic way, by author and year ("(Hattie and Timperley, 2007)",
    "Black and Wiliam (1998) showed ..."), by a numbered reference ("[2]", or a mark glued to the
    sentence that cleaning cut: the sentences table's ``notes``) or as "Sharp et al. found":
    evidence from an authority, as a named source with a reporting verb is."""
    found = find_spans(CITATION, ctx.joined, case_sensitive=True)
    found = found[~found["match"].str.contains("\n")].drop_duplicates("row")  # one sentence, its first citation
    cited = span_hits(found, "role", "evidence_authority", "cites a source: '" + found["match"] + "'")
    if "notes" not in ctx.sents:
        return cited
    # a reference mark glued to the sentence ("... grade homework.[1]"), which cleaning cut (logged)
    rows = np.flatnonzero(ctx.sents["notes"].fillna(0).to_numpy() > 0)
    rows = rows[~np.isin(rows, found["row"].to_numpy())]
    notes = make_hits(rows, "role", "evidence_authority", "cites a numbered note (its mark is in the cleaning log)")
    return pd.concat([cited, notes], ignore_index=True)


def exemplar_labels(ctx: Context) -> pd.DataFrame:
    """Company names from the exemplar list, and exemplar cues followed by capitalised names."""
    out = []
    companies = ctx.lexicons.get("rhetoric_cues_exemplar_companies")
    if companies is not None:
        found = lexicon_hits(companies, ctx.joined)
        out.append(
            span_hits(found, "role", "evidence_exemplar", "rhetoric_cues_exemplar_companies.txt: " + found["entry"])
        )
    cues = ctx.lexicons.get("rhetoric_role_evidence_exemplar")
    if cues is not None:
        found = lexicon_hits(cues, ctx.joined)
        text = ctx.sents["text"]
        named = [bool(_CAPITALISED.search(text.iat[r][e:])) for r, e in zip(found["row"], found["end"])]
        found = found[np.array(named, dtype=bool)] if len(found) else found
        out.append(
            span_hits(
                found,
                "role",
                "evidence_exemplar",
                "rhetoric_role_evidence_exemplar.txt: " + found["entry"] + " + a name",
            )
        )
    return pd.concat(out, ignore_index=True) if out else empty_hits()


# A past year after a preposition of time: "in 2006", "since 2003", "between 1968 and 1971", "back in the 1990s".
_PAST_YEAR = re.compile(
    r"\b(?:in|since|from|until|during|between|back in)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?((?:1[5-9]|20)\d\d)s?\b",
    re.IGNORECASE,
)
_WORD_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’&-]*")
_PUBLISHED = re.compile(r"\bpublished\b", re.IGNORECASE)  # a publication date cites a source; it tells no case
_RARE_ZIPF = 4.0  # a sentence's first word rarer than this in general English reads as a name (Stockholm 3.8)


def _names_mid_sentence(ctx: Context) -> frozenset[str]:
    """Capitalised words found after the first word of some sentence of the corpus: names."""
    texts = ctx.sents["text"].astype("str")
    return frozenset(m.group() for t in texts for m in _WORD_CAPITALISED.finditer(t) if m.start() > 0)


def precedent_labels(ctx: Context) -> pd.DataFrame:
    """A named case in a past year, told in the past tense: a precedent offered as an example
    ("Stockholm tried exactly this in 2006.", "Londoners saw the same drop when their charge began
    in 2003.").

    A name is a capitalised word after the sentence's first word (not "I", not a stopword such as
    "The"), or a first word that is rare in general English or written capitalised inside another
    sentence of the corpus. The year must be past ("by 2030" is a target, not a case), and not a
    publication date ("a review published in 2023 found ..." is a source: evidence from an
    authority). Lower-cased text has no names and so no precedents.
    """
    from wordfreq import zipf_frequency  # already a dependency (the draft's word rarity)

    year_now = dt.date.today().year
    past = re.compile(past_pattern(ctx))
    stop = set(load_stopwords())
    mid_names = None
    rows, starts, ends, matches = [], [], [], []
    for row, text in enumerate(ctx.sents["text"].astype("str")):
        year = next((m for m in _PAST_YEAR.finditer(text) if int(m.group(1)) <= year_now), None)
        if year is None or ctx.heading[row] or ctx.question[row] or _PUBLISHED.search(text):
            continue
        if not past.search(text.lower()):
            continue
        names = [m for m in _WORD_CAPITALISED.finditer(text) if m.group().lower() not in stop]
        name = next((m for m in names if m.start() > 0), None)
        if name is None and names and names[0].start() == 0:
            first = names[0].group()
            mid_names = _names_mid_sentence(ctx) if mid_names is None else mid_names
            if zipf_frequency(first.lower().replace("’", "'"), "en") < _RARE_ZIPF or first in mid_names:
                name = names[0]
        if name is None:
            continue
        rows.append(row)
        starts.append(min(name.start(), year.start()))
        ends.append(max(name.end(), year.end()))
        matches.append(f"{name.group()} … {year.group()}")
    if not rows:
        return empty_hits()
    matched = pd.Series(matches, dtype="str")
    rule = "a named case in a past year, in the past tense (a precedent): '" + matched + "'"
    return make_hits(rows, "role", "evidence_exemplar", rule, starts, ends, matched)


def past_pattern(ctx: Context, *, strict: bool = False) -> str:
    """Past-tense verbs: the irregular list, or a word in -ed (``strict``: only right after a
    subject such as "they", "it" or a plural noun, so that "a degraded environment" is not a story)."""
    past = ctx.lexicons.get("rhetoric_cues_past_tense")
    entries = (past.entries if past else ()) + _EXTRA_PAST
    regular = (
        r"(?<!\w)(?:they|he|she|it|we|i|who|you|[a-z]{3,}s) (?:[a-z]+ly )?[a-z]{2,}(?<!e)ed(?!\w)"
        if strict
        else r"(?<!\w)[a-z]{2,}(?<!e)ed(?!\w)"
    )
    return r"(?:" + compile_entries(entries).pattern + "|" + regular + ")"


def anecdote_labels(ctx: Context) -> pd.DataFrame:
    """First person followed by a past-tense verb: "I was asked", "we've also found", "my experiment showed"."""
    # at most two words between, adverbs or auxiliaries (rule_cues/story_between.txt): "I have never
    # seen", "we also found"; not a verb in the present ("I welcome automated marking")
    between = rf"(?: (?:[a-z]+ly|{_cue('story_between')})){{0,2}}?"
    # not after "if", "unless", "suppose", "imagine": "If we stayed on standard time ..." is a
    # condition in the subjunctive, not a story
    rx = re.compile(
        r"(?<!if )(?<!unless )(?<!suppose )(?<!imagine )(?<!\w)(?:(?:i|we)(?:'ve|'d| have| had)?"
        + between
        + r"|(?:my|our) [a-z]+) "
        + past_pattern(ctx)
    )
    found = find_spans(rx, ctx.joined)
    rule = "first person + past tense: '" + found["match"] + "'"
    return span_hits(found, "role", "evidence_anecdote", rule)


# A scene set at a time, as a story opens: "On a wet Tuesday in February, Margaret Hollins drove eleven
# miles ...", "At half past six on a wet Tuesday evening, the committee sat down ...", "One morning in June, ..."
_DAYTIME = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|weekend|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter"
)
_SCENE_OPENER = re.compile(
    rf"^\W*(?:(?:on|at|in|one|early|late)\s+(?:[a-z'\u2019-]+\s+){{0,7}}?(?:{_DAYTIME})\b[^.!?]*?,\s)", re.I
)


def scene_labels(ctx: Context) -> pd.DataFrame:
    """A sentence that opens by setting a scene at a time and then tells, in the past tense, what
    happened ("On a wet Tuesday in February, Margaret Hollins drove eleven miles to ..."): an
    anecdote, whoever it is about."""
    text = ctx.sents["text"].astype("str")
    opens = text.str.match(_SCENE_OPENER).to_numpy(dtype=bool)
    if not opens.any():
        return empty_hits()
    past = re.compile(past_pattern(ctx, strict=True))
    rows = [r for r in np.flatnonzero(opens).tolist() if past.search(text.iat[r].lower())]
    return make_hits(rows, "role", "evidence_anecdote", "a scene set at a time, told in the past tense")


# ---------------------------------------------------------------- clean-up rules


def quoted_spans(ctx: Context) -> pd.DataFrame:
    """Quoted stretches (pos, start, end in the joined text), double quotes across sentences of a paragraph."""
    raw = ctx.joined.raw or ctx.joined.text
    spans = []
    marks = [(m.start(), m.group()) for m in re.finditer('[\u201c\u201d"]', raw)]
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


def wholly_quoted(ctx: Context, quoted: pd.DataFrame) -> np.ndarray:
    """Sentences that are quoted speech from end to end (“It's the worst deal going,” said
    after "one manager told me"): the words are someone else's, so never the author's claim.

    Returns:
        One flag per sentence.
    """
    flag = np.zeros(len(ctx.sents), dtype=bool)
    if quoted.empty:
        return flag
    text = ctx.sents["text"].astype("str")
    begin = quoted["pos"].to_numpy()
    end = begin + quoted["end"].to_numpy()
    top, bottom = ctx.joined.locate(begin), ctx.joined.locate(end - 1)  # a quote may run over sentences
    first = ctx.joined.starts[top] + [len(t) - len(t.lstrip()) for t in text.iloc[top]]
    last = ctx.joined.starts[bottom] + [len(t.rstrip(" .!?,;:")) for t in text.iloc[bottom]]
    whole = (begin <= first) & (end >= last)
    for a, b in zip(top[whole], bottom[whole]):
        flag[a : b + 1] = True
    return flag


# Another party's item, set out under its label to be answered: "Proposal 2: firms may close a complaint
# after 28 days." in a consultation response, "Motion: This house would ban ...", "Question 4: ..."
OTHERS_ITEM = re.compile(
    r"^\W*(?:proposal|question|motion|resolution|option)(?:\s+(?:\d{1,3}[a-z]?|[A-Z]|[ivx]{1,4}))?\s*[:.]\s", re.I
)


def others_items(ctx: Context) -> np.ndarray:
    """Sentences that set out another party's proposal, motion or question under its label
    (:data:`OTHERS_ITEM`): the wording is theirs, so never the writer's claim.

    Returns:
        One flag per sentence.
    """
    return ctx.sents["text"].astype("str").str.match(OTHERS_ITEM).to_numpy(dtype=bool)


def inside_quotes(hits: pd.DataFrame, labels: tuple[str, ...], quoted: pd.DataFrame, ctx: Context) -> np.ndarray:
    """Which hits carry one of ``labels`` and lie inside a quoted stretch."""
    mask = hits["label"].isin(labels).to_numpy()
    flag = np.zeros(len(hits), dtype=bool)
    if not mask.any() or quoted.empty:
        return flag
    sub = hits[mask]
    pos = ctx.joined.starts[sub["row"].to_numpy()] + sub["start"].to_numpy()
    flag[
        np.flatnonzero(mask)[overlaps(pd.DataFrame({"pos": pos, "start": sub["start"], "end": sub["end"]}), quoted)]
    ] = True
    return flag


def drop_quoted_speech(hits: pd.DataFrame, quoted: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Self-mentions, reader address, directives and claim cues inside quoted speech belong to the
    quoted speaker (A spokesperson said employers "must be able to explain ..."): drop them. Stance
    markers stay (they still colour the text the writer chose to quote), but make no claim
    (:func:`context_rules`)."""
    return hits[
        ~inside_quotes(hits, ("self_mention", "engagement_reader", "claim", "obligation", "imperative"), quoted, ctx)
    ]


# A verb reporting someone's words or view ("Critics say", "her post arguing that"; not the writer's
# "it is fair to say", "I mean by saying"), and what ends
# the reported clause before a later cue: a comma, semicolon, colon or dash, or a contrast.
_REPORTING = re.compile(
    r"(?<![\w'’])(?<!without )(?<!to )(?<!by )(?:say|says|said|saying|argue|argues|argued|arguing|write|writes|wrote|claims|claimed|claiming|"
    r"insist|insists|insisted|insisting|believe|believes|believed|think|thinks|thought|suggest|suggests|suggested|"
    r"suggesting|contend|contends|contended|maintain|maintains|maintained|urge|urges|urged|urging|warn|warns|"
    r"warned|warning|tell|tells|told)(?![\w'’])"
)
_CLAUSE_END = re.compile(r"[,;:–—]|(?<![\w'’])(?:but|yet|however|although|though)(?![\w'’])")
# the writer as the subject: "I would argue that", "we think", "This essay argues that"
_FIRST_PERSON_BEFORE = re.compile(
    r"(?<![\w'’])(?:i|we|this (?:essay|article|piece|post|paper|report|chapter|column|book))(?:['’](?:d|ve|ll|m))?"
    r"(?:\s+[\w'’]+){0,2}\s*$"
)


# The verbs that put a view in someone's mouth beyond doubt, for stance markers (a hedge or booster
# in "The district says the change would save ..." is the district's): not "tells the story",
# "writes good scenes", "maintains its focus", "a fair warning", "thought-provoking", "trains of
# thought", nor the causative "makes us believe" (the writer's verdict on a performance)
VIEW_VERB = re.compile(
    r"(?<![\w'’-])(?<!to )(?<!by )(?<!less )(?<!of )(?<!the )(?<!a )"
    r"(?<!make us )(?<!makes us )(?<!made us )(?<!make you )(?<!makes you )"
    r"(?:say|says|said|argue|argues|argued|arguing|claim|claims|claimed|claiming|insist|insists|insisted|"
    r"believe|believes|believed|think|thinks|thought|contend|contends|contended|suggest|suggests|suggested|"
    r"caution|cautions|cautioned|warn|warns|warned)(?![\w'’-])"
)


# a view named as a thing at the start of the sentence ("Most of what managers believe", "Everything critics
# say") and then judged by the main verb
_FREE_RELATIVE = re.compile(
    r"^\W*(?:(?:most|much|some|all|none|part)\s+of\s+)?(?:what|whatever|everything|all)\s+(?:[\w'\u2019-]+\s+){0,4}$"
)
_MAIN_COPULA = re.compile(r"\b(?:is|are|was|were)\b")


def reported_clause(text: str, start: int, *, verbs: re.Pattern = _REPORTING) -> bool:
    """Whether position ``start`` of a sentence lies in a clause someone else is reported to say or
    think: a reporting verb before it ("Critics say parents need to ...", "her post arguing that every
    school should ..."), whose subject is not the writer ("I would argue that", "This essay argues that"
    are the writer's own),
    with no comma, colon, dash or contrast between ("As Drucker said, firms must" endorses).
    ``verbs`` is the pattern of reporting verbs (:data:`_REPORTING` unless given).

    Example:
        >>> reported_clause("Others argue that we should teach restraint.", 24)
        True
        >>> reported_clause("I would argue that we should teach restraint.", 27)
        False
        >>> reported_clause("Most of what managers believe about them is wrong.", 41)
        False
    """
    before = text[:start].lower()
    found = list(verbs.finditer(before))
    if not found:
        return False
    verb = found[-1]
    if _FREE_RELATIVE.search(before[: verb.start()]) and _MAIN_COPULA.search(text.lower(), verb.end(), start + 5):
        return False  # "Most of what managers believe about them is wrong.": the writer's verdict on the view
    return not _CLAUSE_END.search(before, verb.end()) and not _FIRST_PERSON_BEFORE.search(before[: verb.start()])


def drop_reported_speech(hits: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Claim cues, directives and rebuttal cues in a reported clause (:func:`reported_clause`) are
    the reported speaker's, as inside quotes: "Others argue that we should teach responsible use
    rather than ban" makes no claim of the writer's and answers nobody."""
    mask = hits["label"].isin(["claim", "obligation", "rebuttal"]).to_numpy()
    if not mask.any():
        return hits
    sub = hits[mask]
    text = ctx.sents["text"].to_numpy()
    reported = [reported_clause(str(text[r]), int(s)) for r, s in zip(sub["row"], sub["start"])]
    return hits.drop(index=sub.index[np.array(reported, dtype=bool)])


def resolve_containment(hits: pd.DataFrame) -> pd.DataFrame:
    """Within person markers and within stance markers, a longer hit wins over one inside it.

    "we've all" (reader) beats "we've" (self-mention); "not sure" (hedge) beats "sure" (booster).
    """
    groups = {"self_mention": 1, "engagement_reader": 1, "hedge": 2, "booster": 2}
    grp = hits["label"].map(groups)
    sub = hits[grp.notna()].assign(group=grp[grp.notna()])
    if sub.empty:
        return hits
    spans = (
        sub[["row", "group", "start", "end"]]
        .drop_duplicates()
        .sort_values(["row", "group", "start", "end"], ascending=[True, True, True, False])
    )
    prev_end = spans.groupby(["row", "group"])["end"].cummax().groupby([spans["row"], spans["group"]]).shift(1)
    contained = spans[(prev_end >= spans["end"]).to_numpy()]
    if contained.empty:
        return hits
    key = pd.MultiIndex.from_frame(contained[["row", "group", "start", "end"]])
    drop = pd.MultiIndex.from_frame(sub[["row", "group", "start", "end"]]).isin(key)
    return hits.drop(index=sub.index[drop])


def drop_boosters_in_concessions(hits: pd.DataFrame) -> pd.DataFrame:
    """ "I've no doubt that ..., but" grants a point: its "no doubt" is not the writer boosting a claim."""
    conc = hits[hits["label"] == "concession"]
    boost = hits[hits["label"] == "booster"]
    if conc.empty or boost.empty:
        return hits
    pair = boost.reset_index().merge(conc[["row", "start", "end"]], on="row", suffixes=("", "_c"))
    inside = pair[(pair["start"] >= pair["start_c"]) & (pair["end"] <= pair["end_c"])]
    return hits.drop(index=inside["index"].unique())


CONDITIONAL = re.compile(
    r"\b(?:if(?!\s+(?:not|any)\b)|unless|whenever|otherwise)\b", re.I
)  # "if not years" is no condition
WOULD_FRAME = re.compile(r"\s+(?:not\s+)?(?:be\s+to|have\s+\w+(?:ed|en|ne)\b)", re.I)


def drop_would_in_conditionals_and_lists(hits: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """ "would" is grammar, not a hedge, in a conditional ("if ... would"), a counterfactual
    ("would have been required") or a proposal in a list ("The first goodbye would be to ...")."""
    would = hits[(hits["label"] == "hedge") & hits["match"].astype(str).str.lower().isin(["would", "wouldn't"])]
    if would.empty:
        return hits
    text = ctx.sents["text"].astype("str").to_numpy()
    drop = [
        i
        for i, row, end in zip(would.index, would["row"], would["end"])
        if CONDITIONAL.search(text[row]) or WOULD_FRAME.match(text[row], int(end))
    ]
    return hits.drop(index=drop)


# ---------------------------------------------------------------- rules that read the context


_CONCLUDING_OPENER = re.compile(rf"^\W*(?:{_cue('conclusion_openers')})\b", re.I)  # "So ...", "That is why ..."


def scenario(ctx: Context, hyp_rows: np.ndarray, you_rows: np.ndarray) -> pd.Series:
    """For each row inside an imagined case, the sentence id that opened it (else missing).

    The case opens at a hypothetical cue (a heading counts) and runs on until a heading, a
    paragraph that neither speaks to "you" nor opens a new case, or one that opens by drawing the
    conclusion ("So ...", "That's why ...").
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
    # a paragraph that opens by drawing the conclusion ("So I'm asking every employer here ...") is
    # the writer back at the argument, whoever it speaks to
    concludes = ctx.sents["text"].astype("str").str.match(_CONCLUDING_OPENER).to_numpy(dtype=bool)
    brk = (
        ctx.new_article
        | (ctx.heading & ~opener)
        | (first_in_para & ~para_you & ~para_open)
        | (first_in_para & concludes & ~opener)
    )
    seg = np.cumsum(brk)
    started = pd.Series(opener).groupby(seg).cummax().to_numpy()
    origin = pd.Series(np.where(opener, ctx.sents["sentence_id"].astype("str"), None)).groupby(seg).transform("first")
    return origin.where(started & ~ctx.heading | opener)


def question_labels(ctx: Context, quoted: pd.DataFrame, in_case: pd.Series, you_rows: np.ndarray) -> pd.DataFrame:
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
        if _QUOTE_THEN_QUESTION.search(ctx.joined.text[ctx.joined.starts[row] : ctx.joined.starts[row] + len(t)]):
            close = ctx.joined.starts[row] + len(t.rstrip().rstrip("?").rstrip())
            i = np.flatnonzero(q_ends == close)
            if len(i):
                open_row = int(ctx.joined.locate(q_starts[i[:1]])[0])
                if open_row < row and ctx.sents["article_id"].iat[open_row] == ctx.sents["article_id"].iat[row]:
                    row, span = (
                        open_row,
                        (0, len(ctx.joined.text[ctx.joined.starts[open_row] : q_starts[i[0]]].rstrip())),
                    )
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
            rule = (
                "asks the reader ('you')"
                if row in you
                else f"asks the reader to decide the imagined case opened at {in_case.iat[row]}"
            )
        else:
            label, rule = "rhetorical", "question the author does not answer next"
        out.append((row, label, rule + note, start, end))
    if not out:
        return empty_hits()
    q = pd.DataFrame(out, columns=["row", "label", "rule", "start", "end"]).assign(category="question")
    return q.assign(match=[text.iat[r][s:e] for r, s, e in zip(q["row"], q["start"], q["end"])])


_PRESENT = re.compile(
    r"(?<![\w'’])(?:is|are|am|do|does|don['’]t|doesn['’]t|isn['’]t|aren['’]t|can|cannot|can['’]t|will|won['’]t)(?![\w'’])",
    re.I,
)


def narrative_labels(ctx: Context, direct: np.ndarray, blocked: np.ndarray) -> pd.DataFrame:
    """Sentences that go on telling, in the past tense, a story begun by an anecdote (the author's own,
    in the first person, or a case they tell: "Consider what happened at ...")."""
    found = find_spans(re.compile(past_pattern(ctx, strict=True)), ctx.joined).drop_duplicates("row")
    n = len(ctx.sents)
    past = np.zeros(n, dtype=bool)
    # a present tense before the first past verb makes the sentence a general statement, not the
    # story going on ("Customers do not leave because you failed to surprise them.")
    text = ctx.sents["text"].astype("str")
    present = [
        bool(_PRESENT.search(text.iat[r][:start])) for r, start in zip(found["row"].tolist(), found["start"].tolist())
    ]
    past[found["row"].to_numpy()[~np.array(present, dtype=bool)]] = True
    ok = (past | direct) & ~ctx.heading & ~blocked
    prev_ok = np.concatenate([[False], ok[:-1]])
    start_run = ok & (~prev_ok | ctx.new_article | (ctx.para_gap > 1))
    run = np.cumsum(start_run)
    started = pd.Series(direct & ok).groupby(run).cummax().to_numpy()
    origin = pd.Series(np.where(direct & ok, ctx.sents["sentence_id"].astype("str"), None)).groupby(run).ffill()
    rows = np.flatnonzero(ok & started & ~direct)
    return make_hits(
        rows, "role", "evidence_anecdote", [f"goes on with the past-tense story begun at {origin.iat[r]}" for r in rows]
    )


def expectation_concessions(ctx: Context) -> pd.DataFrame:
    """What something is supposed to do, said just before the writer says what it does: a sentence
    with an expectation frame (``rule_cues/expectation_frames.txt``) whose next sentence opens the
    counter-move ("Hybrid work is supposed to offer the best of both worlds. In practice, it often
    delivers the worst of both.") grants the view the writer answers: a concession."""
    frames = find_spans(_EXPECTATION, ctx.joined).drop_duplicates("row")
    rows = frames["row"].to_numpy()
    text = ctx.sents["text"].astype("str")
    ok = ctx.next_ok()[rows] & np.array(
        [r + 1 < len(text) and bool(_COUNTER_START.match(text.iat[r + 1])) for r in rows], dtype=bool
    )
    hit = frames[ok]
    return span_hits(hit, "role", "concession", "an expectation the next sentence answers: '" + hit["match"] + "'")


# A section that sets out the weaknesses of the writer's own case: "Limitations", "Caveats"
_CONCEDING_HEADING = re.compile(
    r"^\W*(?:\d{1,2}[.):]?\s*)?(?:(?:study |main |some |key )?limitations?|caveats?|(?:the )?weaknesses)\W*$", re.I
)


def conceding_sections(ctx: Context) -> pd.DataFrame:
    """Every sentence under a heading that names the limits of the writer's own case ("Limitations",
    "Caveats"), up to the next heading, grants a point against it: a concession."""
    text = ctx.sents["text"].astype("str")
    opens = ctx.heading & text.str.match(_CONCEDING_HEADING).to_numpy(dtype=bool)
    if not opens.any():
        return empty_hits()
    section = np.cumsum(ctx.heading | ctx.new_article)  # a heading or a new article ends a section
    under = pd.Series(opens).groupby(section).transform("first").to_numpy(dtype=bool) & ~ctx.heading
    rows = np.flatnonzero(under)
    heads = pd.Series(np.where(opens, text, None)).groupby(section).transform("first").to_numpy()
    return make_hits(rows, "role", "concession", [f"under the heading '{heads[r]}'" for r in rows])


# A point the writer allows may hold, then sets aside: "Some of the difference may come from the
# novelty of the trial. Even so, the gap held in every week." Only the openers that concede before
# they counter ("even so", "that said"), not a plain "But", which follows a hedge in any story.
_POSSIBLE = re.compile(r"\b(?:may|might)\b", re.I)
_CONCESSIVE_COUNTER = re.compile(
    r"^\W*(?:even so|that said|having said that|all the same|nevertheless|nonetheless|still,|even then)\b", re.I
)


def possibility_concessions(ctx: Context) -> pd.DataFrame:
    """A sentence that allows something may be so ("may", "might") whose next sentence sets it
    aside ("Even so, ...", "That said, ...", "Nevertheless, ..."): the point granted, a concession."""
    text = ctx.sents["text"].astype("str")
    sets_aside = text.str.match(_CONCESSIVE_COUNTER).to_numpy(dtype=bool)
    allowed = [
        (r, m)
        for r in np.flatnonzero(ctx.next_ok()[:-1] & sets_aside[1:]).tolist()
        if (m := _POSSIBLE.search(text.iat[r]))
    ]
    rows, found = [r for r, _ in allowed], [m for _, m in allowed]
    return make_hits(
        rows,
        "role",
        "concession",
        [f"allows '{m.group()}' and the next sentence sets it aside" for m in found],
        [m.start() for m in found],
        [m.end() for m in found],
        [m.group() for m in found],
    )


# A sentence that only grants what was just said: "Perhaps.", "Maybe so.", "She might.", "That may be.",
# "There is something in this.", "Fair enough.", "Fine.", "True.", "That is a reasonable concern.", "I see the appeal."
_BARE_GRANT = re.compile(
    r"^\W*(?:(?:perhaps|maybe|possibly)(?:\s+so)?|granted|fine|sure|true|agreed|of\s+course|no\s+doubt|quite\s+so"
    r"|(?:he|she|it|they|you|we|that|this)\s+(?:may|might|could)"
    r"(?:\s+well)?(?:\s+be(?:\s+(?:so|true|right))?)?"
    r"|there\s+is\s+(?:something|some\s+truth|a\s+point)\s+in\s+(?:this|that|it)"
    r"|(?:fair|true)\s+enough|(?:a\s+)?fair\s+point|point\s+taken"
    r"|(?:that|this|it)(?:['\u2019]s|\s+is|\s+was)\s+(?:a\s+)?(?:fair|reasonable|understandable|legitimate|valid|real)"
    r"\s+(?:point|concern|worry|objection|question|fear)"
    # sympathy for the other side, in a short sentence: "I understand the pressure they are under.", "I see the appeal."
    r"|(?:i|we)\s+(?:(?:can|do)\s+)?(?:understand|appreciate|see|get|respect)\s+(?:that|this|it|why(?:(?:\s+[^\s.!?;:]+){0,5}\s+(?:it|that|this|so|way))?"
    r"|(?:the|their)\s+(?:pressure|pressures|appeal|concern|concerns|worry|worries|logic|point|argument|temptation|"
    r"frustration|fear|fears)\b[^.!?;:]{0,40}))\W*$",
    re.I,
)
_GRANT_REACH = 2  # the counter-move opens one of the next two sentences after the grant


def bare_grant(text: str) -> bool:
    """Whether a sentence only grants what was just said ("Perhaps.", "She might."): it says
    nothing on its own.

    Example:
        >>> bare_grant("Perhaps."), bare_grant("She might."), bare_grant("Perhaps the rule is wrong.")
        (True, True, False)
    """
    return bool(_BARE_GRANT.match(text))


# A grant that opens the sentence with its own counter-move: "They do, but they raise £1.2 million ...",
# "Perhaps, but ...", "Maybe so, but ..."
_GRANT_THEN_BUT = re.compile(
    r"^\W*(?:perhaps|maybe|possibly|granted|true|(?:he|she|it|they|that|this)\s+"
    r"(?:do|does|did|is|are|was|were|may|might|can|could|will|would|has|have)(?:\s+indeed)?)(?:\s+so)?,\s+(?=but\b)",
    re.I,
)


# A point granted by denying its opposite ("Surveys are not useless.", "There is nothing wrong with
# X.") or by owning a fault ("NPS has its flaws", "It is easy to blame the metric.")
_LITOTES = re.compile(
    r"(?:\bnot|n['’]t)\s+(?:entirely\s+|completely\s+|totally\s+|all\s+)?"
    r"(?:useless|worthless|pointless|meaningless|irrelevant|bad(?!\s+enough)|wrong|without\s+merit|a\s+waste|perfect)\b"
    r"|\bnothing\s+wrong\s+with\b|\bfar\s+from\s+perfect\b"
    r"|\b(?:has|have)\s+(?:its|their|his|her|our|my)\s+(?:own\s+)?(?:flaws|faults|limits|limitations|weaknesses|critics|place)\b"
    r"|^\W*it\s+is\s+easy\s+to\s+(?:blame|criticise|criticize|mock|dismiss|sneer\s+at)\b",
    re.I,
)


def granted_points(ctx: Context) -> pd.DataFrame:
    """A statement the next sentence only grants ("The minister says a wider pool would make juries
    more representative. Perhaps. But ...", "You fear she will regret it. She might."), when a
    counter-move follows within two sentences: the statement is a concession (the grant and what
    comes before the counter-move go on granting it; :func:`rebuttal_labels`). So is a statement
    whose next sentence grants it and turns at once ("Mr Pike says the charges pay for the upkeep.
    They do, but ..."); that grant is a concession too, answered in its own sentence. And a point
    granted by denying its opposite before a counter-move ("Surveys are not useless. But ...")."""
    text = ctx.sents["text"].astype("str")
    nxt = ctx.next_ok()
    turn = text.str.match(_GRANT_THEN_BUT).to_numpy(dtype=bool)
    grant = text.str.match(_BARE_GRANT).to_numpy(dtype=bool)
    litotes = text.str.contains(_LITOTES).to_numpy(dtype=bool)
    opens_counter = text.str.match(_COUNTER_START).to_numpy(dtype=bool)
    counter = opens_counter | text.str.match(_CONCESSIVE_COUNTER).to_numpy(dtype=bool)
    n = len(text)
    rows, turns = [], []
    # only the few sentences followed by a grant, or granting by litotes, are read one by one
    for r in np.flatnonzero((turn[1:] | grant[1:] | litotes[:-1]) & nxt[:-1] & ~ctx.question[:-1]).tolist():
        if turn[r + 1]:
            rows.append(r)
            turns.append((r + 1, _GRANT_THEN_BUT.match(text.iat[r + 1])))
        elif litotes[r] and (opens_counter[r + 1] or (r + 2 < n and nxt[r + 1] and opens_counter[r + 2])):
            rows.append(r)  # "Surveys are not useless. But ...", "Personalisation has its place. <why>. But ..."
        elif grant[r + 1] and r + 2 < n and nxt[r + 1]:
            for k in range(r + 2, min(n, r + 2 + _GRANT_REACH)):
                if counter[k]:
                    rows.append(r)
                    break
                if not nxt[k]:
                    break
    turned = {r - 1: m.group().strip() + " but" for r, m in turns}
    said = [turned.get(r, text.iat[r + 1].strip()) for r in rows]
    return pd.concat(
        [
            make_hits(rows, "role", "concession", [f"the next sentence grants it ('{t}')" for t in said]),
            make_hits(
                [r for r, _ in turns],
                "role",
                "concession",
                [f"grants the view before it, then turns: '{m.group().strip()} but'" for _, m in turns],
                [m.start() for _, m in turns],
                [m.end() for _, m in turns],
                [m.group().strip() for _, m in turns],
            ),
        ],
        ignore_index=True,
    )


def rebuttal_labels(ctx: Context, hits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counter-move after a concession: a contrast later in the same sentence, the main clause
    after a concessive opening ("Although ..., <main clause>"), or one of the next sentences that
    opens with But / However / Yet or rejects the view ("That description is wrong."; see
    :func:`_counter_within`).

    Returns:
        ``(rebuttals, granted)``: the rebuttal hits, and concession hits for the sentences that
        go on granting the point before its counter-move.
    """
    conc = hits.loc[hits["label"] == "concession", ["row", "start", "end", "match"]].reset_index(drop=True)
    if conc.empty:
        return empty_hits(), empty_hits()
    conc["c"] = np.arange(len(conc))
    contrast = hits.loc[hits["label"] == "transition_contrast", ["row", "start", "end", "match"]]
    pair = conc.merge(contrast, on="row", suffixes=("_c", ""))
    text = ctx.sents["text"].astype("str")
    # a contrast inside the reported view ("Others argue that we should teach X rather than ban") is theirs
    theirs = np.array([reported_clause(text.iat[r], s) for r, s in zip(pair["row"], pair["start"])], dtype=bool)
    pair = pair[(pair["start"] > pair["start_c"]).to_numpy() & ~theirs].sort_values(["c", "start"]).drop_duplicates("c")
    same = pair.assign(rule="counter-move after the concession '" + pair["match_c"] + "'")
    rest = conc[~conc["c"].isin(pair["c"])]
    out = [same[["row", "rule", "start", "end", "match"]]]
    sub = rest["match"].str.lower().str.strip(" ,").isin(_SUBORDINATE_CONCESSIONS) & (rest["start"] <= 3)
    commas = [text.iat[r].find(", ", e) for r, e in zip(rest["row"], rest["end"])]
    rest = rest.assign(comma=commas)
    main = rest[sub.to_numpy() & (rest["comma"] > 0).to_numpy()]
    out.append(
        pd.DataFrame(
            {
                "row": main["row"],
                "rule": "main clause after the concessive clause '" + main["match"] + "'",
                "start": main["comma"] + 2,
                "end": [len(text.iat[r]) for r in main["row"]],
                "match": [text.iat[r][c + 2 :] for r, c in zip(main["row"], main["comma"])],
            }
        )
    )
    # "Machines should not mark, although they can support teachers.": the main clause before a
    # trailing concessive clause is the writer's view (not "while", which mostly contrasts or times)
    cue = rest["match"].str.lower().str.strip(" ,")
    before = [text.iat[r][:s].rstrip() for r, s in zip(rest["row"], rest["start"])]
    clause = [text.iat[r][e:].lstrip()[:1].isalpha() for r, e in zip(rest["row"], rest["end"])]  # not ", though,"
    trailing = rest[
        cue.isin(_SUBORDINATE_CONCESSIONS - {"while"}).to_numpy()
        & np.array([b.endswith((",", "—", "–")) and len(b.split()) >= 3 for b in before], dtype=bool)
        & np.array(clause, dtype=bool)
    ]
    ahead = [text.iat[r][:s].rstrip().rstrip(",—– ") for r, s in zip(trailing["row"], trailing["start"])]
    out.append(
        pd.DataFrame(
            {
                "row": trailing["row"],
                "rule": "main clause before the concessive clause '" + trailing["match"] + "'",
                "start": [len(a) - len(a.lstrip()) for a in ahead],
                "end": [len(a) for a in ahead],
                "match": [a.strip() for a in ahead],
            }
        )
    )
    left = rest[~rest["c"].isin(main["c"])]
    # only a concession that opens its sentence ("Of course, ...", "Critics argue ...") may be
    # answered after sentences that go on granting it; "although"/"though" clauses have their main clause
    opens = (left["start"] <= 3) & ~left["match"].str.lower().str.strip(" ,").isin(_SUBORDINATE_CONCESSIONS)
    reach = left.assign(opens=opens).groupby("row")["opens"].any()
    found, granted = _counter_within(ctx, reach, conceded=set(conc["row"]))
    out.append(
        pd.DataFrame(
            {
                "row": [r for r, _, _ in found],
                "rule": [f"counters the concession in {ctx.sid(c)}" for _, c, _ in found],
                "start": [m.start() for _, _, m in found],
                "end": [m.end() for _, _, m in found],
                "match": [m.group() for _, _, m in found],
            }
        )
    )
    df = pd.concat(out, ignore_index=True).assign(category="role", label="rebuttal")
    rebuttals = df.drop_duplicates(["row", "start", "end"]).astype({"row": "int64", "start": "int64", "end": "int64"})
    return rebuttals, make_hits(
        [r for r, _ in granted],
        "role",
        "concession",
        [f"goes on granting the point of {ctx.sid(c)}" for _, c in granted],
    )


COUNTER_REACH = 3  # sentences after a concession in which its counter-move may come


def _counter_within(
    ctx: Context, reach: pd.Series, *, conceded: set[int]
) -> tuple[list[tuple[int, int, re.Match]], list[tuple[int, int]]]:
    """For each concession row, the next sentence if it opens with But / However / Yet or rejects
    the view; for a concession that opens its sentence (``reach`` True), the first such sentence
    among the next :data:`COUNTER_REACH` (same article, no paragraph skipped, no heading), the
    sentences before it going on granting the point ("Of course, X is not for everyone. Some jobs
    cannot be done from a kitchen table. But ..."). The search stops at another concession or a
    question.

    Args:
        reach: Concession row -> whether its counter-move may come after other sentences.

    Returns:
        ``(counters, granted)``: (counter row, concession row, match) and (row, concession row).
    """
    text = ctx.sents["text"].astype("str")
    ok = ctx.next_ok()
    counters, granted = [], []
    for c, far in reach.items():
        between = []
        r = c
        while ok[r] and r + 1 - c <= (COUNTER_REACH if far else 1):
            r += 1
            m = (
                _COUNTER_START.match(text.iat[r])
                or _REJECTION_START.match(text.iat[r])
                or _REJECTION_LATER.search(text.iat[r])
            )
            if m:
                counters.append((r, c, m))
                granted += [(b, c) for b in between]
                break
            if r in conceded or text.iat[r].rstrip().endswith("?"):
                break
            between.append(r)
    return counters, granted


def reason_after_why(ctx: Context, questions: pd.DataFrame) -> pd.DataFrame:
    """The sentence that answers the author's own why-question gives a reason."""
    answered = questions[(questions["label"] == "answered") & questions["match"].str.match(_WHY)]
    rows = answered["row"].to_numpy() + 1
    return make_hits(rows, "role", "reason", [f"answers the why-question {ctx.sid(r - 1)}" for r in rows])


# A hedge that only rounds a number ("About 1.9 million pupils", "an estimated 11%", "roughly half")
# withholds precision, not commitment: it makes a figure, not a claim.
_APPROXIMATORS = frozenset({"about", "around", "nearly", "almost", "roughly", "approximately", "estimated", "some"})
_NUMBER_NEXT = re.compile(
    r"\s*(?:[$£€]?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred"
    r"|half|a (?:third|quarter|fifth|tenth|dozen))\b)",
    re.I,
)


def _rounds_a_number(hits: pd.DataFrame, text: pd.Series) -> np.ndarray:
    """Which hedge hits are approximators of the number right after them (or in their own match)."""
    out = np.zeros(len(hits), dtype=bool)
    for k, (label, match, row, end) in enumerate(zip(hits["label"], hits["match"], hits["row"], hits["end"])):
        if label == "hedge":
            first = str(match).split()[0].lower() if str(match).strip() else ""
            if first in _APPROXIMATORS and (
                any(ch.isdigit() for ch in str(match)) or _NUMBER_NEXT.match(text.iat[row], int(end))
            ):
                out[k] = True
    return out


def claims_from_stance(hits: pd.DataFrame, blocked: np.ndarray, text: pd.Series) -> pd.DataFrame:
    """Directives, and statements carrying a hedge, booster or attitude marker, are claim candidates
    (not a hedge that only rounds a number, nor a marker in a clause someone else is reported to
    say: :func:`reported_clause`)."""
    ok = ~blocked[hits["row"].to_numpy()] & ~_rounds_a_number(hits, text)
    stance = hits[ok & hits["label"].isin(["hedge", "booster", "attitude_marker"]).to_numpy()]
    # a marker in a reported clause is the reported speaker's ("the authors caution that schools ...
    # may have differed", "Critics say it will probably fail"), as claim cues there are
    theirs = [reported_clause(text.iat[r], int(s), verbs=VIEW_VERB) for r, s in zip(stance["row"], stance["start"])]
    stance = stance[~np.array(theirs, dtype=bool)]
    direct = hits[ok & (hits["category"] == "directive").to_numpy()]
    return pd.concat(
        [
            span_hits(
                stance,
                "role",
                "claim",
                "stance marker in a statement: " + stance["label"] + " '" + stance["match"] + "'",
            ),
            span_hits(
                direct, "role", "claim", "a directive recommends: " + direct["label"] + " '" + direct["match"] + "'"
            ),
        ],
        ignore_index=True,
    )


# "First, free buses cut congestion." An ordinal opening a statement numbers one of the writer's points.
_ENUMERATED = re.compile(
    r"(?:\A|(?<=\n))[^\w\n]*(?:first|second|third|fourth|fifth|firstly|secondly|thirdly|fourthly|lastly)[ \t]*,[ \t]+(?=\S)"
)  # not "Finally,", which as often means "at last" in a story ("Finally, the war starts.")
_ENUMERATED_MIN_WORDS = 4  # "First, some background." introduces, it does not state
# "The first reason is fairness between pupils.", "Another argument is cost.": the point named as one
# of a series; short, since what follows "is" is the point itself (not "The first reason was ...", a story)
_NAMED_POINT = re.compile(
    r"(?:\A|(?<=\n))[^\w\n]*(?:the\s+(?:first|second|third|fourth|fifth|final|last|main|other|next)|another)[ \t]+"
    r"(?:reason|point|argument|benefit|advantage|problem|objection|lesson)[ \t]+is[ \t]+(?=\w)"
)


ENUMERATED_RULE = "an enumerated point"  # how the rules column names each kind of numbered point
NAMED_POINT_RULE = "a point named as one of a series"


def enumerated_points(ctx: Context, blocked: np.ndarray) -> pd.DataFrame:
    """Statements that open with an ordinal ("First, ...", "Second, ...", "Lastly, ...") or name
    their point as one of a series ("The first reason is ...", "Another argument is ...") number the
    writer's points in an essay: claim candidates, unless they tell (a past-tense verb), cite or
    imagine (``blocked``)."""
    text = ctx.sents["text"].astype("str")
    past = re.compile(past_pattern(ctx, strict=True))
    hits = []
    for pattern, min_words, rule in (
        (_ENUMERATED, _ENUMERATED_MIN_WORDS, ENUMERATED_RULE + ": '{},'"),
        (_NAMED_POINT, 1, NAMED_POINT_RULE + ": '{}'"),
    ):
        found = find_spans(pattern, ctx.joined)
        keep = [
            not blocked[r]
            and len(text.iat[r][e:].split()) >= min_words
            and not text.iat[r].rstrip().endswith(":")
            and not past.search(text.iat[r].lower())
            for r, e in zip(found["row"], found["end"])
        ]
        found = found[np.array(keep, dtype=bool)]
        marker = found["match"].str.strip().str.rstrip(",")
        why = marker.map(rule.format)
        hits.append(make_hits(found["row"], "role", "claim", why, found["start"], found["end"], marker))
    return pd.concat(hits, ignore_index=True)


# ---------------------------------------------------------------- the two passes


def sentence_rules(ctx: Context) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Every rule that reads one sentence, then the clean-up rules.

    Returns:
        ``(hits, you_rows, quoted)``: the hits; the rows that say "you" (before quoted speech is
        set aside); the quoted stretches of text.
    """
    base, raw = lexicon_labels(ctx)
    found = pd.concat(
        [
            base,
            insert_labels(ctx),
            imperative_labels(ctx),
            authority_labels(ctx),
            citation_labels(ctx),
            exemplar_labels(ctx),
            precedent_labels(ctx),
            anecdote_labels(ctx),
            scene_labels(ctx),
            contracted_would(ctx),
        ],
        ignore_index=True,
    )
    reader = raw.get("metadiscourse/engagement_reader")
    you_rows = (
        reader.loc[reader["entry"].str.startswith("you"), "row"].unique()
        if reader is not None
        else np.array([], dtype=np.int64)
    )
    quoted = quoted_spans(ctx)
    kept = drop_boosters_in_concessions(
        resolve_containment(drop_reported_speech(drop_quoted_speech(found, quoted, ctx), ctx))
    )
    return drop_would_in_conditionals_and_lists(kept, ctx), you_rows, quoted


def _rows_with(found: pd.DataFrame, label: str, n: int) -> np.ndarray:
    flag = np.zeros(n, dtype=bool)
    flag[found.loc[found["label"] == label, "row"].to_numpy()] = True
    return flag


def context_rules(ctx: Context, found: pd.DataFrame, *, you_rows: np.ndarray, quoted: pd.DataFrame) -> pd.DataFrame:
    """The rules that read neighbouring sentences, in order: the imagined case, questions, the story
    told in the past tense, rebuttals after concessions, reasons after why-questions, and claims.

    Inside an imagined case a number is not a statistic, a story is not the author's experience
    and nothing is the author's claim; a question is never a claim nor part of the case.
    """
    n = len(ctx.sents)
    hyp_rows = found.loc[found["label"] == "evidence_hypothetical", "row"].unique()
    in_case = scenario(ctx, hyp_rows, you_rows)
    questions = question_labels(ctx, quoted, in_case, you_rows)
    is_q = np.zeros(n, dtype=bool)
    is_q[questions["row"].to_numpy()] = True
    hyp = in_case.notna().to_numpy() & ~is_q
    continuing = np.flatnonzero(hyp & ~np.isin(np.arange(n), hyp_rows))
    case = make_hits(
        continuing,
        "role",
        "evidence_hypothetical",
        [f"continues the imagined case opened at {in_case.iat[r]}" for r in continuing],
    )
    rows = found["row"].to_numpy()
    drop = (hyp[rows] & found["label"].isin(["evidence_statistic", "evidence_anecdote"]).to_numpy()) | (
        is_q[rows] & (found["label"] == "evidence_hypothetical").to_numpy()
    )
    found = pd.concat([found[~drop], questions, case], ignore_index=True)
    direct = _rows_with(found, "evidence_anecdote", n)
    # a sentence that directs or holds a claim cue ("schools should ban phones", "Ban them.") does
    # not go on telling a story (one that begins it, "Consider what happened at ...", still does)
    directive = _rows_with(found, "obligation", n) | _rows_with(found, "imperative", n) | _rows_with(found, "claim", n)
    found = pd.concat(
        [
            found,
            expectation_concessions(ctx),
            possibility_concessions(ctx),
            granted_points(ctx),
            conceding_sections(ctx),
        ],
        ignore_index=True,
    )
    rejected = rejected_views(ctx, found)
    # a view the writer goes on to reject is not cited as an authority ("Your correspondent Mr Pike claims ...")
    cited = found["row"].isin(rejected["row"]) & (found["label"] == "evidence_authority")
    found = pd.concat([found[~cited], rejected], ignore_index=True)
    rebuttals, granted = rebuttal_labels(ctx, found)
    found = pd.concat(
        [
            found,
            narrative_labels(ctx, direct, hyp | is_q | (directive & ~direct)),
            rebuttals,
            granted,
            reason_after_why(ctx, questions),
        ],
        ignore_index=True,
    )
    # a point the author grants on the way to the counter-move is not the author's claim
    not_theirs = (
        hyp
        | is_q
        | sign_off_rows(ctx)
        | _rows_with(granted, "concession", n)
        | wholly_quoted(ctx, quoted)
        | others_items(ctx)
    )
    found = pd.concat(
        [
            found,
            claims_from_stance(
                found[~inside_quotes(found, ("hedge", "booster", "attitude_marker"), quoted, ctx)],
                not_theirs | _rows_with(found, "evidence_anecdote", n) | _rows_with(found, "evidence_authority", n),
                ctx.sents["text"].astype("str"),
            ),
            enumerated_points(
                ctx,
                not_theirs
                | _rows_with(found, "evidence_anecdote", n)
                | _rows_with(found, "evidence_authority", n)
                | _rows_with(found, "evidence_statistic", n)
                | _rows_with(found, "concession", n),
            ),
        ],
        ignore_index=True,
    )
    no_claim = not_theirs[found["row"].to_numpy()] & (found["label"] == "claim").to_numpy()
    return found[~no_claim]


# Verbs of holding a view that the reporting-verb list (rhetoric_cues_reporting_verbs.txt) leaves out,
# and "put it" ("That is how the minister put it last week." after an opening quotation); a ruling's
# "holds that" ("The majority holds that the airline acted fairly. I respectfully dissent.")
_BELIEF_VERBS = re.compile(
    r"\b(?:believes|believed|thinks|thought|insists|insisted|wants|wanted|put it|"
    r"holds that|held that|maintains that|maintained that|"
    # a view held by many, in the passive: "Complaints are usually treated as a cost", "It is widely assumed that"
    r"(?:is|are)\s+(?:widely|often|usually|commonly|generally|routinely)\s+(?:seen|regarded|treated|described|"
    r"considered|thought|believed|assumed|presented|sold)\b)"
)


def rejected_views(ctx: Context, found: pd.DataFrame) -> pd.DataFrame:
    """A reported view that the next sentence rejects is the view the writer answers: a concession
    ("Maya Lindqvist says the four-day week is overdue. I think she is wrong about who pays for
    it."; also in a later clause: "I work there, and I think he is mistaken."; or two sentences on,
    after one that goes on with the view), so the rejection is its rebuttal. Rows already conceded
    are left as they are."""
    text = ctx.sents["text"].astype("str")
    conceded = _rows_with(found, "concession", len(text))
    ok = ctx.next_ok()
    verbs = ctx.lexicons.get("rhetoric_cues_reporting_verbs")

    def reports(t: str) -> bool:
        low = t.lower()
        return bool(_BELIEF_VERBS.search(low) or (verbs is not None and verbs.entries_pattern.search(low)))

    rejects = (text.str.match(_REJECTION_START) | text.str.contains(_REJECTION_LATER)).to_numpy(dtype=bool)
    rows, by = [], []
    for k in np.flatnonzero(rejects).tolist():
        # the view just before, or the one before that when the sentence between goes on with it
        # ("Everyone in marketing says X. Every conference has a keynote about it. They are wrong.")
        for r in (k - 1, k - 2):
            if r < 0 or not ok[r] or (r == k - 2 and not ok[k - 1]) or ctx.question[r]:
                break
            if reports(text.iat[r]):  # the view answered: the nearest one reported
                if not conceded[r]:
                    rows.append(r)
                    by.append(k)
                break
    return make_hits(rows, "role", "concession", [f"a view that {ctx.sid(k)} rejects" for k in by])


SIGN_OFF_FILE = paths.LEXICONS / "rhetoric_cues_sign_off.txt"


@lru_cache(maxsize=1)
def sign_off_pattern() -> re.Pattern:
    """The default sign-off cues (``rhetoric_cues_sign_off.txt``) as one pattern over lower-cased,
    normalised text (:func:`utils.rhetoric.lexicon.normalise`)."""
    return read_lexicon(SIGN_OFF_FILE).pattern


def sign_off_rows(ctx: Context) -> np.ndarray:
    """Sentences that invite the reader to respond ("I'd love to hear about it!", "Let me know in
    the comments"; ``data/lexicons/rhetoric_cues_sign_off.txt``): they talk about the post, so
    they are never a claim.

    Returns:
        One flag per sentence.
    """
    flag = np.zeros(len(ctx.sents), dtype=bool)
    cues = ctx.lexicons.get("rhetoric_cues_sign_off")
    if cues is not None:
        flag[lexicon_hits(cues, ctx.joined)["row"].to_numpy()] = True
    return flag
