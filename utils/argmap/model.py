"""The argument map: claims tied to exact quotes, relations inside and across articles.

An analyst writes the map by hand in ``data/annotations/argument_map.yaml``; :func:`load_map`
checks it against the processed tables of the corpus and either returns a complete
:class:`ArgumentMap` or raises :class:`ArgumentMapError` listing every problem, so a bad file never
gives a half-drawn map. The automatic draft (:mod:`utils.argmap.draft`) produces the same
structure, so every view and export works on both:

- :mod:`utils.argmap.plots`: the whole map and the trees as figures (pure-Python layout, matplotlib);
- :mod:`utils.argmap.views`: the agreement / tension matrix, claim pairs, concept view, trees and
  quotes in context as escaped HTML and tables;
- :mod:`utils.argmap.export`: Argdown, AIF JSON, GraphML and CSV (AIF and GraphML read back);
- :mod:`utils.argmap.quality`: the draft scored against the curated map;
- :mod:`benchmarks.argmap`: the ``draft`` command timed at 200, 1,000 and 2,000 articles.

File format (YAML)::

    articles:                      # optional display names
      "000": {short: "Small firms (Human)"}
    claims:
      - id: "000.T"                # unique; letters, digits, '.', '_' and '-'
        article: "000"             # quoted, so YAML keeps the leading zeros
        role: thesis               # see ROLES
        label: "Short, fair paraphrase"
        quote: "Exact words from the cleaned article text"
        type: position             # see TYPES
        concepts: [innovation]
        paragraph: "000-p09"       # optional: pins a quote that occurs more than once
    relations:
      - {from: "000.E1", to: "000.C2", type: supports}
      - {from: "002.C3", to: "000.C3", type: agrees, rationale: "One sentence."}

Command line::

    python -m utils.argmap.model draft CORPUS_DIR OUT_DIR     # automatic draft for any folder
    python -m utils.argmap.model check [MAP_FILE]             # validate the curated map on the seeds
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd
import yaml

from utils import paths
from utils.concepts.counts import load_concepts
from utils.ingest.read import Corpus

MAP_FILE = paths.ANNOTATIONS / "argument_map.yaml"

ROLES = {
    "thesis": "the article's main position (at most one per article)",
    "claim": "a main claim the article argues for",
    "premise": "a reason given for a claim, not itself evidence",
    "evidence": "a fact, case or figure offered in support",
}
TYPES = {
    "position": "a stance asserted as such",
    "anecdote": "a first-hand story or experience",
    "statistic": "a number or measured result",
    "authority": "an appeal to a named expert or source",
    "example": "a case or exemplar generalised from",
    "hypothetical": "an imagined scenario",
    "analogy": "a comparison with something else",
    "principle": "a general rule or maxim",
    "cause": "a causal mechanism",
    "consequence": "an appeal to good or bad outcomes",
    "sign": "an observed sign taken to indicate a cause",
}
INSIDE = {
    "supports": "the source gives a reason for the target",
    "attacks": "the source gives a reason against the target",
    "undercuts": "the source denies that the target's support carries over",
}
ACROSS = {
    "agrees": "the two claims say compatible things",
    "elaborates": "the source develops or explains the target further",
    "qualifies": "the source limits the target or adds a condition",
    "contradicts": "the two claims cannot both hold as stated",
}
AGREEMENT = ("agrees", "elaborates")
TENSION = ("qualifies", "contradicts")
MAX_LABEL = 110
CLAIM_KEYS = {"id", "article", "role", "label", "quote", "type", "concepts", "paragraph", "note"}
RELATION_KEYS = {"from", "to", "type", "rationale", "note"}
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "role",
    "label",
    "quote",
    "type",
    "concepts",
    "paragraph_id",
    "sentence_ids",
    "start",
    "end",
    "rule",
    "score",
]
RELATION_COLUMNS = [
    "relation_id",
    "source",
    "target",
    "relation",
    "scope",
    "source_article",
    "target_article",
    "rationale",
    "rule",
    "score",
]


class ArgumentMapError(ValueError):
    """The map file has problems; ``errors`` lists every one of them (nothing was drawn)."""

    def __init__(self, errors: list[str], *, source: str = "argument map") -> None:
        self.errors = errors
        super().__init__(f"{source}: {len(errors)} problem(s)\n" + "\n".join(f"- {e}" for e in errors))


@dataclass(frozen=True)
class ArgumentMap:
    """A complete, validated map.

    Attributes:
        claims: One row per claim (:data:`CLAIM_COLUMNS`); ``start``/``end`` are offsets of the
            quote in the cleaned article text, ``sentence_ids`` the sentences it spans.
        relations: One row per relation (:data:`RELATION_COLUMNS`); ``scope`` is ``inside`` or
            ``across``.
        articles: ``article_id, title, short`` for every article the map covers.
        kind: ``curated`` or ``draft``.
        candidates: Draft only: links across articles whose confidence is below the drawing
            threshold, listed for the analyst but not drawn (same columns as ``relations``).
        lexicon_additions: Draft only: whether corpus-specific word-list additions were used.
    """

    claims: pd.DataFrame
    relations: pd.DataFrame
    articles: pd.DataFrame
    kind: str = "curated"
    candidates: pd.DataFrame | None = None
    lexicon_additions: bool = False


# ---------------------------------------------------------------- quotes


def first_difference(quote: str, passage: str) -> str:
    """Describe where a quote first departs from a passage.

    Example:
        >>> first_difference("it's here", "it’s here")
        'first difference at character 3: quote has "\\'" where the article has "’"'
    """
    for i, (a, b) in enumerate(zip(quote, passage)):
        if a != b:
            return f'first difference at character {i + 1}: quote has "{a}" where the article has "{b}"'
    if len(quote) > len(passage):
        return f"the quote runs on past the passage: {quote[len(passage) :][:30]!r}"
    return ""


def closest_passage(quote: str, paragraphs: pd.DataFrame) -> tuple[str, str, float]:
    """The passage of a paragraph most similar to a quote that was not found verbatim.

    Args:
        quote: The quote as written in the map.
        paragraphs: Paragraph rows (``paragraph_id``, ``text``) of the claim's article.

    Returns:
        ``(paragraph_id, passage, similarity)``; similarity in 0..1.
    """
    best = ("", "", 0.0)
    for pid, text in zip(paragraphs["paragraph_id"], paragraphs["text"]):
        matcher = SequenceMatcher(None, text, quote, autojunk=False)
        blocks = sorted(matcher.get_matching_blocks(), key=lambda b: -b.size)[:3]
        for block in blocks:
            lo = max(0, block.a - block.b - 20)
            window = text[lo : block.a - block.b + len(quote) + 20]
            aligned = [b for b in SequenceMatcher(None, window, quote, autojunk=False).get_matching_blocks() if b.size]
            passage = window[aligned[0].a : aligned[-1].a + aligned[-1].size] if aligned else window
            ratio = SequenceMatcher(None, passage, quote, autojunk=False).ratio()
            if ratio > best[2]:
                best = (pid, passage, ratio)
    return best


def locate_quote(quote: str, paragraphs: pd.DataFrame, *, paragraph_id: str = "") -> tuple[str, int, int]:
    """Find a quote verbatim in an article's paragraphs (the cleaned text notebook 01 wrote).

    Args:
        quote: The exact words.
        paragraphs: Paragraph rows of one article (``paragraph_id``, ``start``, ``text``).
        paragraph_id: If given, search only that paragraph.

    Returns:
        ``(paragraph_id, start, end)`` with offsets in the cleaned article text, first occurrence;
        ``("", -1, -1)`` when the quote is not there.
    """
    rows = paragraphs[paragraphs["paragraph_id"] == paragraph_id] if paragraph_id else paragraphs
    for pid, start, text in zip(rows["paragraph_id"], rows["start"], rows["text"]):
        at = text.find(quote)
        if at >= 0:
            return pid, int(start) + at, int(start) + at + len(quote)
    return "", -1, -1


def spanned_sentences(sentences: pd.DataFrame, article_id: str, start: int, end: int) -> list[str]:
    """Ids of the sentences of an article that overlap the span ``[start, end)``."""
    s = sentences[(sentences["article_id"] == article_id) & (sentences["start"] < end) & (sentences["end"] > start)]
    return s["sentence_id"].tolist()


# ---------------------------------------------------------------- validation


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def check_claim(
    row: dict,
    index: int,
    corpus: Corpus,
    by_article: dict[str, pd.DataFrame],
    *,
    known_concepts: frozenset[str] | None = None,
) -> tuple[dict | None, list[str]]:
    """Validate one claim entry and locate its quote.

    Args:
        row: The claim entry from the file.
        index: Its position in the file (1-based), for messages.
        corpus: The processed tables.
        by_article: Paragraph rows per article id.
        known_concepts: If given, concept tags must be among these (the concept lexicon).

    Returns:
        ``(claim_row, errors)``; ``claim_row`` is ``None`` when the entry cannot be used.
    """
    if not isinstance(row, dict):
        return None, [f"claims entry {index} is not a mapping (id: ..., article: ..., ...)"]
    cid = _text(row.get("id")) or f"#{index}"
    name = f"claim {cid!r}"
    errors = (
        [f"{name}: unknown key(s) {sorted(set(row) - CLAIM_KEYS)}; allowed: {sorted(CLAIM_KEYS)}"]
        if set(row) - CLAIM_KEYS
        else []
    )
    errors += [
        f"{name}: missing {key!r}"
        for key in ("id", "article", "role", "label", "quote", "type")
        if not _text(row.get(key))
    ]
    if row.get("id") is not None and not SAFE_ID.match(cid):
        errors.append(f"{name}: ids may use letters, digits, '.', '_' and '-' only")
    article = row.get("article")
    if isinstance(article, int):
        errors.append(f'{name}: article {article!r} must be written in quotes (e.g. "000") so YAML keeps it as text')
        article = None
    article = _text(article)
    role, kind, label, quote = (_text(row.get(k)) for k in ("role", "type", "label", "quote"))
    if role and role not in ROLES:
        errors.append(f"{name}: unknown role {role!r}; known roles: {', '.join(ROLES)}")
    if kind and kind not in TYPES:
        errors.append(f"{name}: unknown type {kind!r}; known types: {', '.join(TYPES)}")
    if len(label) > MAX_LABEL:
        errors.append(f"{name}: label is {len(label)} characters; keep labels under {MAX_LABEL}")
    concepts = row.get("concepts") or []
    if not isinstance(concepts, list):
        errors.append(f"{name}: concepts must be a list, e.g. [training, culture]")
        concepts = []
    unknown = sorted({str(c).strip().lower() for c in concepts} - known_concepts) if known_concepts is not None else []
    if unknown:
        errors.append(f"{name}: unknown concept(s) {unknown}; use names from data/lexicons/concepts.yaml")
    if article and article not in by_article:
        errors.append(f"{name}: article {article!r} is not in the corpus (articles: {', '.join(sorted(by_article))})")
    if errors or not quote:
        return None, errors
    paras = by_article[article]
    pid_pin = _text(row.get("paragraph"))
    if pid_pin and pid_pin not in set(paras["paragraph_id"]):
        return None, [f"{name}: paragraph {pid_pin!r} is not in article {article}"]
    pid, start, end = locate_quote(quote, paras, paragraph_id=pid_pin)
    if start < 0:
        near_pid, passage, ratio = closest_passage(quote, paras)
        where = f" in {pid_pin}" if pid_pin else ""
        return None, [
            f"{name}: quote not found verbatim in article {article}{where}. Closest passage ({near_pid}, "
            f"{ratio:.0%} similar): {passage!r}; {first_difference(quote, passage)}"
        ]
    sids = spanned_sentences(corpus.sentences, article, start, end)
    claim = dict(
        claim_id=cid,
        article_id=article,
        role=role,
        label=label,
        quote=quote,
        type=kind,
        concepts="; ".join(str(c).strip().lower() for c in concepts),
        paragraph_id=pid,
        sentence_ids=" ".join(sids),
        start=start,
        end=end,
        rule="curated",
        score=1.0,
    )
    return claim, []


def check_relation(
    row: dict, index: int, claims: dict[str, dict], *, declared: frozenset[str] = frozenset()
) -> tuple[dict | None, list[str]]:
    """Validate one relation entry against the valid claims.

    Args:
        row: The relation entry.
        index: Its position in the file (1-based), for messages.
        claims: Valid claims by id.
        declared: Every claim id written in the file; a relation touching a declared but invalid
            claim is skipped quietly (that claim's own error is already reported).

    Returns:
        ``(relation_row, errors)``.
    """
    if not isinstance(row, dict):
        return None, [f"relations entry {index} is not a mapping (from: ..., to: ..., type: ...)"]
    src, dst, kind, why = (_text(row.get(k)) for k in ("from", "to", "type", "rationale"))
    name = f"relation {index} ({src or '?'} {kind or '?'} {dst or '?'})"
    errors = (
        [f"{name}: unknown key(s) {sorted(set(row) - RELATION_KEYS)}; allowed: {sorted(RELATION_KEYS)}"]
        if set(row) - RELATION_KEYS
        else []
    )
    errors += [f"{name}: missing {key!r}" for key, v in (("from", src), ("to", dst), ("type", kind)) if not v]
    if kind and kind not in INSIDE and kind not in ACROSS:
        errors.append(f"{name}: unknown type {kind!r}; known: {', '.join([*INSIDE, *ACROSS])}")
    for end_name, cid in (("from", src), ("to", dst)):
        if cid and cid not in claims and cid not in declared:
            errors.append(f"{name}: {end_name!r} end {cid!r} is not a claim id in the map")
    if any(cid and cid not in claims for cid in (src, dst)):
        return None, errors
    if src and src == dst:
        errors.append(f"{name}: a claim cannot relate to itself")
    if errors:
        return None, errors
    a, b = claims[src]["article_id"], claims[dst]["article_id"]
    if kind in INSIDE and a != b:
        errors.append(
            f"{name}: {kind!r} links claims of one article, but these are in {a} and {b}; across articles use {', '.join(ACROSS)}"
        )
    if kind in ACROSS and a == b:
        errors.append(
            f"{name}: {kind!r} links claims of different articles, but both are in {a}; inside an article use {', '.join(INSIDE)}"
        )
    if kind in ACROSS and not why:
        errors.append(f"{name}: relations across articles need a one-sentence 'rationale'")
    scope = "inside" if kind in INSIDE else "across"
    return (
        None
        if errors
        else dict(
            relation_id="",
            source=src,
            target=dst,
            relation=kind,
            scope=scope,
            source_article=a,
            target_article=b,
            rationale=why,
            rule="curated",
            score=1.0,
        )
    ), errors


def check_structure(claims: list[dict], relations: list[dict]) -> list[str]:
    """Whole-map checks: one thesis per article, no duplicate relations, undercuts hit a support."""
    errors = []
    theses = pd.Series([c["article_id"] for c in claims if c["role"] == "thesis"], dtype="str")
    for article, n in theses.value_counts().items():
        if n > 1:
            errors.append(f"article {article}: {n} claims have role 'thesis'; keep one and make the others 'claim'")
    seen: set[tuple[str, str, str]] = set()
    for r in relations:
        key = (r["source"], r["target"], r["relation"])
        mirror = (r["target"], r["source"], r["relation"])
        if key in seen or (r["relation"] in ("agrees", "contradicts") and mirror in seen):
            errors.append(f"relation {r['source']} {r['relation']} {r['target']} is recorded twice")
        seen.add(key)
    supporters = {r["source"] for r in relations if r["relation"] == "supports"}
    for r in relations:
        if r["relation"] == "undercuts" and r["target"] not in supporters:
            errors.append(
                f"relation {r['source']} undercuts {r['target']}: the target must itself support a claim "
                "(an undercut denies that its support carries over)"
            )
    return errors


def parse_map(
    data: object, corpus: Corpus, *, source: str = "argument map", known_concepts: frozenset[str] | None = None
) -> ArgumentMap:
    """Validate a parsed map file against a corpus and build the map.

    Args:
        data: The YAML document (a mapping with ``claims`` and ``relations`` lists).
        corpus: The processed tables (quotes are checked in ``corpus.paragraphs``).
        source: Name used in error messages.
        known_concepts: If given, claims may only be tagged with these concepts.

    Returns:
        The complete map.

    Raises:
        ArgumentMapError: listing every problem found; nothing is returned half-built.
    """
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise ArgumentMapError(
            ["the file must be a mapping with a 'claims' list (and a 'relations' list)"], source=source
        )
    rel_rows = data.get("relations") or []
    if not isinstance(rel_rows, list):
        raise ArgumentMapError(["'relations' must be a list"], source=source)
    by_article = {a: g for a, g in corpus.paragraphs.groupby("article_id", sort=False)}
    raw_ids = pd.Series(
        [_text(r.get("id")) for r in data["claims"] if isinstance(r, dict) and _text(r.get("id"))], dtype="str"
    )
    errors = [
        f"claim {cid!r}: duplicate id ({n} claims share it); ids must be unique"
        for cid, n in raw_ids.value_counts().items()
        if n > 1
    ]
    claims: dict[str, dict] = {}
    for i, row in enumerate(data["claims"], start=1):
        claim, errs = check_claim(row, i, corpus, by_article, known_concepts=known_concepts)
        errors += errs
        if claim:
            claims.setdefault(claim["claim_id"], claim)
    relations = []
    for i, row in enumerate(rel_rows, start=1):
        rel, errs = check_relation(row, i, claims, declared=frozenset(raw_ids))
        errors += errs
        if rel:
            relations.append(rel | {"relation_id": f"R{i:03d}"})
    errors += check_structure(list(claims.values()), relations)
    if errors:
        raise ArgumentMapError(errors, source=source)
    return ArgumentMap(
        claims=claims_frame(list(claims.values())),
        relations=relations_frame(relations),
        articles=map_articles(corpus, data.get("articles") or {}, claims.values()),
        kind="curated",
    )


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Claim rows as a DataFrame with exactly :data:`CLAIM_COLUMNS`."""
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS).astype({"start": "int64", "end": "int64", "score": "float64"})


def relations_frame(rows: list[dict]) -> pd.DataFrame:
    """Relation rows as a DataFrame with exactly :data:`RELATION_COLUMNS`."""
    return pd.DataFrame(rows, columns=RELATION_COLUMNS).astype({"score": "float64"})


def map_articles(corpus: Corpus, names: dict, claims) -> pd.DataFrame:
    """``article_id, title, short`` for the articles that have claims, in corpus order."""
    used = {c["article_id"] for c in claims}
    arts = corpus.articles[corpus.articles["article_id"].isin(used)][["article_id", "title"]].copy()
    short = {str(k): _text((v or {}).get("short")) if isinstance(v, dict) else _text(v) for k, v in names.items()}
    arts["short"] = [short.get(a) or f"{a}: {shorten(t, 38)}" for a, t in zip(arts["article_id"], arts["title"])]
    return arts.reset_index(drop=True)


def shorten(text: str, width: int) -> str:
    """Cut text at a word boundary to at most ``width`` characters, adding an ellipsis."""
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"


def read_map_file(path: str | Path = MAP_FILE) -> object:
    """Parse the YAML map file.

    Raises:
        ArgumentMapError: the file is missing or is not valid YAML (with the line number).
    """
    path = paths.resolve(path)
    if not path.exists():
        raise ArgumentMapError([f"{path} does not exist"], source=str(path))
    try:
        return paths.load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ArgumentMapError([f"not valid YAML: {exc}"], source=str(path)) from None


def lexicon_concepts() -> frozenset[str]:
    """Concept names of the project's concept lexicon (``data/lexicons/concepts.yaml``)."""

    return frozenset(load_concepts()["concept"])


def load_map(corpus: Corpus, path: str | Path = MAP_FILE) -> ArgumentMap:
    """Read and validate the curated map (see :func:`parse_map`); concept tags must be in the lexicon."""
    return parse_map(read_map_file(path), corpus, source=str(path), known_concepts=lexicon_concepts())


def curated_map_for(corpus: Corpus, path: str | Path = MAP_FILE) -> ArgumentMap | None:
    """The curated map if it is about this corpus, else ``None``.

    A map none of whose articles are in the corpus belongs to another corpus (``None``); a map
    that names some of them is validated in full and raises on any problem.
    """
    data = read_map_file(path)
    ids = (
        {str(c.get("article")) for c in (data or {}).get("claims", []) if isinstance(c, dict)}
        if isinstance(data, dict)
        else set()
    )
    if not ids & set(corpus.articles["article_id"]):
        return None
    return parse_map(data, corpus, source=str(path), known_concepts=lexicon_concepts())


def coverage(amap: ArgumentMap) -> pd.DataFrame:
    """Per article: thesis present, counts of claims by role, relations inside and across."""
    c, r = amap.claims, amap.relations
    roles = pd.crosstab(c["article_id"], c["role"]).reindex(columns=list(ROLES), fill_value=0)
    inside = r[r["scope"] == "inside"].groupby("source_article").size()
    across = pd.concat(
        [r.loc[r["scope"] == "across", "source_article"], r.loc[r["scope"] == "across", "target_article"]]
    ).value_counts()
    out = amap.articles.set_index("article_id")[["short"]].join(roles).fillna(0)
    out["relations inside"] = inside.reindex(out.index, fill_value=0)
    out["relations across"] = across.reindex(out.index, fill_value=0)
    return out.reset_index().astype({k: "int64" for k in [*ROLES, "relations inside", "relations across"]})
