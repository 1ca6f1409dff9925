"""The automatic draft map for any corpus, and how it compares with a curated map.

The draft starts an analyst off with a map instead of a blank page. Every item says which rule
produced it (``rule``) and how strongly (``score``):

1. **Claims** (:func:`draft_claims`): the article's thesis is the best of
   :func:`utils.rhetoric.thesis_candidates`; main claims are the sentences with the most ``claim``
   role labels from :func:`utils.rhetoric.label_sentences` (4 to 8 per article, about one in four
   sentences); evidence and premises are sentences labelled as evidence, reason or concession.
2. **Links inside an article** (:func:`draft_inside_links`): a rebuttal attacks the concession it
   answers; a premise cue ("because", "for example") ties an item to the claim before it; a
   conclusion cue ("so", "in short") ties the items before a claim to it; otherwise an item
   supports the nearest claim in its paragraph, and main claims support the thesis.
3. **Links across articles** (:func:`draft_cross_links`): never all pairs. Items are blocked by
   shared concepts (:func:`utils.concepts.concept_hits`) and shared rare words: only items that
   share a concept or a word found in at most ``max_df`` items are compared (a sparse inverted
   index, so the work grows with the corpus, not with its square). Candidates are scored by the
   TF-IDF cosine of their word stems plus the IDF-weighted cosine of their concept sets, and each
   item keeps its best ``top_k``.
   Polarity cues set the relation: a negation in one item only -> ``contradicts``; a contrast
   cue ("but", "unless", "rather than") in one -> ``qualifies``; evidence next to a claim ->
   ``elaborates``; otherwise ``agrees``.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.stem.snowball import SnowballStemmer

from utils import paths, rhetoric
from utils.argmap.export import export_map
from utils.argmap.model import ArgumentMap, claims_frame, relations_frame, shorten
from utils.concepts.counts import concept_hits, load_stopwords
from utils.ingest.read import Corpus, ingest

EVIDENCE_TYPE = {
    "evidence_statistic": "statistic",
    "evidence_anecdote": "anecdote",
    "evidence_hypothetical": "hypothetical",
    "evidence_authority": "authority",
    "evidence_exemplar": "example",
    "evidence_analogy": "analogy",
}
PREMISE_CUE = re.compile(
    r"\b(because|since|for example|for instance|after all|given that|the reason is|according to|research shows|studies show)\b",
    re.I,
)
CONCLUSION_CUE = re.compile(
    r"^\W*(so|therefore|thus|hence|consequently|as a result|in short|in other words|that is why|this means|"
    r"the lesson here is|in conclusion|overall|in sum)\b",
    re.I,
)
NEGATION = re.compile(r"\b(not|no|never|cannot|nothing|none|nor|neither|without)\b|n[’']t\b", re.I)
CONTRAST = re.compile(
    r"\b(but|however|although|though|yet|unless|rather than|instead|only if|except|whereas|even so)\b", re.I
)
WORD = re.compile(r"^[^\W\d_][\w’'-]+$")
MAX_DF = 40  # a stem or concept in more draft items than this is too common to block on


# ---------------------------------------------------------------- claims


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
    out["rules"] = rules.groupby("sentence_id")["text"].agg("; ".join).reindex(out.index)
    return out[cols]


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
        theses: From :func:`utils.rhetoric.thesis_candidates` (best first per article).
        hits: From :func:`utils.concepts.concept_hits` (tags each item with its concepts).
        max_claims, min_claims: Main claims per article: a quarter of its sentences, within these bounds.
        max_support: Evidence and premise items per article, at most.
        roles: :func:`role_table` of the labels, if already computed.

    Returns:
        Claim rows (:data:`utils.argmap.CLAIM_COLUMNS`); ``claim_id`` is the sentence id.
    """
    s = corpus.sentences[~corpus.sentences["is_heading"]].set_index("sentence_id")
    roles = (role_table(labels) if roles is None else roles).reindex(s.index)
    best = theses.sort_values("score", ascending=False, kind="stable").drop_duplicates("article_id")
    best = best[best["sentence_id"].isin(s.index)].set_index("sentence_id")
    df = s[["article_id", "paragraph_id", "sentence_index", "start", "end", "text"]].join(roles)
    df["n_claim"] = df["n_claim"].fillna(0).astype("int64")
    for col in ("reason", "concession", "rebuttal"):
        df[col] = df[col].fillna(False).astype(bool)
    df["evidence"] = df["evidence"].fillna("")
    df["rules"] = df["rules"].fillna("")
    df["is_thesis"] = df.index.isin(best.index)
    per_article = df.groupby("article_id")["text"].transform("size")
    quota = (per_article / 4).round().clip(lower=min_claims, upper=max_claims)
    claim_rank = (df["n_claim"] + 0.5 * df["rebuttal"]).where(~df["is_thesis"] & (df["n_claim"] > 0), -1.0)
    order = claim_rank.groupby(df["article_id"]).rank(method="first", ascending=False)
    df["is_claim"] = (claim_rank > 0) & (order <= quota)
    support = (df["evidence"].ne("") | df["reason"] | df["concession"]) & ~df["is_claim"] & ~df["is_thesis"]
    support_rank = (df["evidence"].ne("").astype(int) * 2 + df["reason"] + df["concession"]).where(support, -1)
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
    thesis_rule = "thesis_candidates: " + best["reasons"].astype(str)
    picked["rule"] = np.where(picked["is_thesis"], picked.index.map(thesis_rule), picked["rules"])
    picked["score"] = np.select(
        [picked["is_thesis"], picked["is_claim"]],
        [picked.index.map(best["score"]).astype(float), picked["n_claim"].astype(float)],
        (picked["evidence"].ne("").astype(int) + picked["reason"] + picked["concession"]).astype(float),
    )
    concepts = (
        hits.groupby("sentence_id")["concept"].agg(lambda c: "; ".join(sorted(set(c))))
        if len(hits)
        else pd.Series(dtype="str")
    )
    picked = picked.sort_values(["article_id", "sentence_index"], kind="stable")
    rows = pd.DataFrame(
        {
            "claim_id": picked.index,
            "article_id": picked["article_id"].to_numpy(),
            "role": picked["role"].to_numpy(),
            "label": picked["text"].map(lambda t: shorten(" ".join(t.split()), 100)).to_numpy(),
            "quote": picked["text"].to_numpy(),
            "type": picked["type"].to_numpy(),
            "concepts": picked.index.map(concepts).fillna("").to_numpy(),
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


def link_article(rows: list, *, rebuttals: set[str], concessions: set[str]) -> list[dict]:
    """Support and attack links among one article's draft items.

    Args:
        rows: The article's draft items in reading order (named tuples with ``claim_id``, ``role``,
            ``paragraph_id``, ``sentence_index``, ``text``, ``article_id``).
        rebuttals, concessions: Sentence ids labelled ``rebuttal`` / ``concession``.

    Returns:
        Relation rows (``scope`` = ``inside``), each with the rule that made it.
    """
    thesis = next((r for r in rows if r.role == "thesis"), None)
    claims = [r for r in rows if r.role in ("thesis", "claim")]
    rebut = {r.claim_id: r.claim_id in rebuttals for r in rows}
    concede = {r.claim_id: r.claim_id in concessions for r in rows}
    out, linked = [], set()
    for i, r in enumerate(rows):
        if concede.get(r.claim_id):
            nxt = next(
                (q for q in rows[i + 1 :] if q.sentence_index - r.sentence_index <= 1 and rebut.get(q.claim_id)), None
            )
            if nxt is not None:
                out.append(
                    _link(
                        nxt.claim_id,
                        r.claim_id,
                        "attacks",
                        "rebuttal answers the concession before it",
                        0.8,
                        r.article_id,
                    )
                )
                linked.add(r.claim_id)
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
    for r in rows:
        if r.claim_id in linked or r.role == "thesis":
            continue
        if r.role == "claim":
            if thesis is not None:
                out.append(
                    _link(
                        r.claim_id,
                        thesis.claim_id,
                        "supports",
                        "main claim under the thesis (default)",
                        0.3,
                        r.article_id,
                    )
                )
            continue
        before = [c for c in claims if c.sentence_index < r.sentence_index and r.sentence_index - c.sentence_index <= 3]
        cue = PREMISE_CUE.search(r.text)
        same = sorted(
            (c for c in claims if c.paragraph_id == r.paragraph_id),
            key=lambda c: (abs(c.sentence_index - r.sentence_index), c.sentence_index > r.sentence_index),
        )
        near = sorted(
            (c for c in claims if abs(c.sentence_index - r.sentence_index) <= 3),
            key=lambda c: abs(c.sentence_index - r.sentence_index),
        )
        if cue and before:
            target, rule, score = before[-1], f"premise cue '{cue.group(1).lower()}' points to the claim before it", 0.7
        elif same:
            d = abs(same[0].sentence_index - r.sentence_index)
            target, rule, score = (
                same[0],
                f"nearest claim in the same paragraph ({d} sentence{'s' * (d != 1)} away)",
                0.5 / d,
            )
        elif near:
            d = abs(near[0].sentence_index - r.sentence_index)
            target, rule, score = near[0], f"nearest claim within three sentences ({d} away)", 0.3 / d
        elif thesis is not None:
            target, rule, score = thesis, "no claim nearby: supports the thesis (default)", 0.1
        else:
            continue
        out.append(_link(r.claim_id, target.claim_id, "supports", rule, score, r.article_id))
    return out


def draft_inside_links(
    claims: pd.DataFrame, corpus: Corpus, labels: pd.DataFrame, *, roles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Links inside every article (see :func:`link_article`)."""
    roles = role_table(labels) if roles is None else roles
    index = corpus.sentences.set_index("sentence_id")["sentence_index"]
    items = claims.assign(sentence_index=claims["claim_id"].map(index), text=claims["quote"]).sort_values(
        ["article_id", "sentence_index"], kind="stable"
    )
    rebuttals, concessions = set(roles.index[roles["rebuttal"]]), set(roles.index[roles["concession"]])
    rows, group, current = [], [], None
    for r in items.itertuples():
        if r.article_id != current and group:
            rows += link_article(group, rebuttals=rebuttals, concessions=concessions)
            group = []
        current = r.article_id
        group.append(r)
    if group:
        rows += link_article(group, rebuttals=rebuttals, concessions=concessions)
    return relations_frame(rows)


# ---------------------------------------------------------------- links across articles


@lru_cache(maxsize=1)
def _stemmer():

    return SnowballStemmer("english")


def item_terms(claims: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Content-word stems of each draft item: ``item, term, tf`` (stopwords from the concept lexicon's list)."""

    stop = load_stopwords()
    pos = pd.Series(np.arange(len(claims)), index=claims["claim_id"].to_numpy())
    t = tokens.loc[tokens["is_word"] & tokens["sentence_id"].isin(pos.index), ["sentence_id", "lower"]]
    forms = pd.Series(t["lower"].unique())
    keep = forms[forms.map(lambda w: len(w) > 2 and w.replace("’", "'") not in stop and bool(WORD.match(w)))]
    stem = dict(zip(keep, keep.map(lambda w: _stemmer().stem(w.replace("’", "'")))))
    t = t[t["lower"].isin(stem.keys())]
    out = pd.DataFrame({"item": t["sentence_id"].map(pos).to_numpy(), "term": t["lower"].map(stem).to_numpy()})
    return out.value_counts().rename("tf").reset_index()


def concept_masks(concepts: pd.Series) -> tuple[list[str], np.ndarray]:
    """Concept names and, per item, a boolean row saying which it mentions.

    Args:
        concepts: Each item's concepts, ``"; "``-separated.
    """
    sets = [[c.strip() for c in cs.split(";") if c.strip()] for cs in concepts]
    names = sorted({c for s in sets for c in s})
    where = {c: i for i, c in enumerate(names)}
    matrix = np.zeros((len(sets), len(names)), dtype=bool)
    for row, s in enumerate(sets):
        matrix[row, [where[c] for c in s]] = True
    return names, matrix


def candidate_pairs(claims: pd.DataFrame, terms: pd.DataFrame, *, max_df: int = MAX_DF) -> pd.DataFrame:
    """Pairs of items from different articles that share a concept or a rare stem, scored by the
    TF-IDF cosine of their stems and the IDF-weighted cosine of their concept sets.

    Blocking: only stems and concepts found in at most ``max_df`` items make pairs, so each adds
    at most ``max_df**2`` pairs and the work grows with the corpus rather than its square. The
    word cosine sums over those shared rare stems (common stems add little to TF-IDF anyway); the
    concept cosine uses every concept of both items.

    Returns:
        ``a, b`` (item positions, ``a < b``), ``shared_words``, ``shared_concepts``, ``cosine``,
        ``concept_cosine``.
    """
    n = len(claims)
    cols = ["a", "b", "shared_words", "shared_concepts", "cosine", "concept_cosine"]
    codes, _ = pd.factorize(terms["term"])
    df = np.bincount(codes) if len(codes) else np.zeros(0, dtype=np.int64)
    weight = terms["tf"].to_numpy() * np.log((n + 1) / (df[codes] + 0.5))
    items = terms["item"].to_numpy()
    norms = np.sqrt(np.bincount(items, weights=weight**2, minlength=n))
    names, member = concept_masks(claims["concepts"])
    cdf = member.sum(axis=0)
    cidf2 = np.log((n + 1) / (cdf + 0.5)) ** 2
    cnorms = np.sqrt(member.astype(float) @ cidf2) if len(names) else np.zeros(n)
    rare = (df[codes] > 1) & (df[codes] <= max_df)
    c_item, c_code = np.nonzero(member[:, (cdf > 1) & (cdf <= max_df)])
    postings = pd.DataFrame(
        {
            "item": np.concatenate([items[rare], c_item]),
            "code": np.concatenate([codes[rare], c_code + len(df)]),
            "w": np.concatenate([weight[rare], np.zeros(len(c_item))]),
            "word": np.concatenate([np.ones(rare.sum(), dtype=bool), np.zeros(len(c_item), dtype=bool)]),
        }
    )
    pairs = postings.merge(postings, on="code", suffixes=("_a", "_b"))
    article = claims["article_id"].to_numpy()
    ia, ib = pairs["item_a"].to_numpy(), pairs["item_b"].to_numpy()
    keep = (ia < ib) & (article[ia] != article[ib])
    if not keep.any():
        return pd.DataFrame(columns=cols)
    key = ia[keep].astype(np.int64) * n + ib[keep]
    keys, inverse = np.unique(key, return_inverse=True)
    word = pairs["word_a"].to_numpy()[keep]
    dot = np.bincount(inverse, weights=(pairs["w_a"].to_numpy() * pairs["w_b"].to_numpy())[keep])
    a, b = keys // n, keys % n
    shared = member[a] & member[b]
    out = pd.DataFrame(
        {
            "a": a,
            "b": b,
            "shared_words": np.bincount(inverse, weights=word).astype(np.int64),
            "shared_concepts": shared.sum(axis=1),
        }
    )
    out["cosine"] = dot / np.maximum(norms[a] * norms[b], 1e-12)
    out["concept_cosine"] = (
        (shared.astype(float) @ cidf2) / np.maximum(cnorms[a] * cnorms[b], 1e-12) if len(names) else 0.0
    )
    return out


def type_relation(a, b, *, cosine: float = 1.0) -> tuple[str, object, object, str]:
    """Relation, source, target and the polarity rule for a candidate pair of items (rows).

    A negation in one item only means ``contradicts`` only when the two share wording (word
    cosine of at least 0.1); on different words it says nothing about each other.
    """
    neg_a, neg_b = NEGATION.search(a.quote), NEGATION.search(b.quote)
    con_a, con_b = CONTRAST.search(a.quote), CONTRAST.search(b.quote)
    if bool(neg_a) != bool(neg_b) and cosine >= 0.1:
        src, tgt, cue = (a, b, neg_a) if neg_a else (b, a, neg_b)
        return "contradicts", src, tgt, f"negation '{cue.group(0)}' in one item only"
    if bool(con_a) != bool(con_b):
        src, tgt, cue = (a, b, con_a) if con_a else (b, a, con_b)
        return "qualifies", src, tgt, f"contrast cue '{cue.group(0)}' in the qualifying item"
    if (a.role == "evidence") != (b.role == "evidence"):
        src, tgt = (a, b) if a.role == "evidence" else (b, a)
        return "elaborates", src, tgt, "evidence next to a claim on the same topic"
    src, tgt = (b, a) if b.article_id > a.article_id else (a, b)
    return "agrees", src, tgt, "similar wording, no polarity cue"


def draft_cross_links(
    claims: pd.DataFrame, tokens: pd.DataFrame, *, top_k: int = 2, min_score: float = 0.3, max_df: int = MAX_DF
) -> pd.DataFrame:
    """Candidate relations across articles (blocked, scored and typed as the module describes).

    Args:
        claims: Draft items (theses, claims and support) of every article.
        tokens: The processed tokens table.
        top_k: Keep a pair when it is among the ``top_k`` best of either of its items.
        min_score: Minimum score: word cosine + concept cosine x s / (s + 1) for ``s`` shared
            concepts (so a single shared concept counts half).
        max_df: Stems and concepts in more items than this make no pairs (see :func:`candidate_pairs`).
    """
    terms = item_terms(claims, tokens)
    pairs = candidate_pairs(claims, terms, max_df=max_df)
    if pairs.empty:
        return relations_frame([])
    shared = pairs["shared_concepts"]
    pairs["score"] = pairs["cosine"] + pairs["concept_cosine"] * shared / (shared + 1)  # one shared concept counts half
    pairs = pairs[(pairs["score"] >= min_score) & ((pairs["shared_concepts"] > 0) | (pairs["shared_words"] >= 2))]
    ends = np.concatenate([pairs["a"].to_numpy(), pairs["b"].to_numpy()])
    score = np.concatenate([pairs["score"].to_numpy()] * 2)
    order = np.lexsort((-score, ends))
    rank = np.empty(len(ends), dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(ends[order])) + 1]
    rank[order] = np.arange(len(ends)) - np.repeat(starts, np.diff(np.r_[starts, len(ends)]))
    best = (rank[: len(pairs)] < top_k) | (rank[len(pairs) :] < top_k)
    pairs = pairs[best].sort_values("score", ascending=False, kind="stable")
    stems = terms[terms["item"].isin(set(pairs["a"]) | set(pairs["b"]))].groupby("item")["term"].agg(set)
    items = list(claims.itertuples())
    rows = []
    for p in pairs.itertuples():
        a, b = items[p.a], items[p.b]
        relation, src, tgt, polarity = type_relation(a, b, cosine=p.cosine)
        concepts = sorted(set(a.concepts.split("; ")) & set(b.concepts.split("; ")) - {""})
        words = sorted(stems.get(p.a, set()) & stems.get(p.b, set()))
        why = (
            f"Shared concepts: {', '.join(concepts)} (cosine {p.concept_cosine:.2f}); " if concepts else ""
        ) + f"shared words: {', '.join(words[:12]) or 'none'} (cosine {p.cosine:.2f}); {polarity}."
        rows.append(
            dict(
                relation_id="",
                source=src.claim_id,
                target=tgt.claim_id,
                relation=relation,
                scope="across",
                source_article=src.article_id,
                target_article=tgt.article_id,
                rationale=why,
                rule=f"{'concept' if concepts else 'rare-word'} block + cosine + {polarity}",
                score=round(float(p.score), 3),
            )
        )
    return relations_frame(rows)


# ---------------------------------------------------------------- the whole draft


def build_draft(
    corpus: Corpus,
    *,
    labels: pd.DataFrame | None = None,
    theses: pd.DataFrame | None = None,
    hits: pd.DataFrame | None = None,
    timings: dict[str, float] | None = None,
) -> ArgumentMap:
    """The automatic draft map of a corpus.

    Args:
        corpus: The processed tables.
        labels, theses, hits: Precomputed sentence labels, thesis candidates and concept hits
            (computed here when omitted).
        timings: If given, filled with seconds per stage.

    Returns:
        A map of kind ``draft``; relation ids are ``D00001``... in order.
    """

    timings = {} if timings is None else timings
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        timings[name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    labels = rhetoric.label_sentences(corpus.sentences) if labels is None else labels
    lap("sentence labels")
    titles = corpus.articles.set_index("article_id")["title"]
    theses = rhetoric.thesis_candidates(corpus.sentences, labels, top=3, titles=titles) if theses is None else theses
    lap("thesis candidates")
    hits = concept_hits(corpus.tokens, corpus.sentences) if hits is None else hits
    lap("concept hits")
    roles = role_table(labels)
    claims = draft_claims(corpus, labels, theses, hits, roles=roles)
    lap("draft claims")
    inside = draft_inside_links(claims, corpus, labels, roles=roles)
    lap("links inside")
    across = draft_cross_links(claims, corpus.tokens)
    lap("links across")
    relations = pd.concat([inside, across], ignore_index=True)
    relations["relation_id"] = [f"D{i:05d}" for i in range(1, len(relations) + 1)]
    arts = corpus.articles.loc[
        corpus.articles["article_id"].isin(set(claims["article_id"])), ["article_id", "title"]
    ].reset_index(drop=True)
    arts["short"] = [f"{a} {shorten(t, 40)}" for a, t in zip(arts["article_id"], arts["title"])]
    return ArgumentMap(
        claims=claims, relations=relations_frame(relations.to_dict("records")), articles=arts, kind="draft"
    )


def run_draft(corpus_dir: str | Path, out_dir: str | Path, *, timings: dict[str, float] | None = None) -> list[Path]:
    """Ingest a folder of articles and write its draft map (the ``draft`` command).

    Writes ``draft-claims.csv``, ``draft-relations.csv``, ``draft.aif.json``, ``draft.argdown``
    and ``draft.graphml`` into ``out_dir``.

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
    amap = build_draft(corpus, timings=timings)
    t = time.perf_counter()
    files = export_map(amap, out, stem="draft")
    timings["write"] = round(time.perf_counter() - t, 3)
    timings["total"] = round(time.perf_counter() - start, 3)
    return [files[3], files[4], files[1], files[0], files[2]]
