"""How good is the automatic draft? It is compared with the curated map, sentence by sentence.

A curated claim counts as *found* when a draft item is one of the sentences its quote spans. A
curated link across articles counts as found when a draft link joins sentences of both of its
claims (either direction); the *relaxed* match only asks for the same two paragraphs. Precision
is the share of draft items (or links) that match something curated; recall the share of curated
ones the draft found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from utils import display, rhetoric, scale
from utils.argmap.draft import DRAW_AT, build_draft, draft_theses
from utils.argmap.model import AGREEMENT, ArgumentMap, curated_map_for
from utils.argmap.reading import load_model
from utils.concepts.counts import concept_hits
from utils.ingest.read import Corpus
from utils.text import plural


def _sentences(claims: pd.DataFrame) -> pd.Series:
    """Claim id -> set of the sentence ids its quote spans."""
    return claims.set_index("claim_id")["sentence_ids"].map(lambda s: set(s.split()))


def claim_matches(curated: ArgumentMap, draft: ArgumentMap) -> pd.DataFrame:
    """One row per curated claim: whether the draft found its sentence, and as what.

    Returns:
        ``claim_id, article_id, role, label, found, draft_item, draft_role``.
    """
    role_of = draft.claims.set_index("claim_id")["role"]
    by_sentence = {s: cid for cid, ss in _sentences(draft.claims).items() for s in ss}
    rows = []
    for c in curated.claims.itertuples():
        hit = next((by_sentence[s] for s in c.sentence_ids.split() if s in by_sentence), "")
        rows.append(
            dict(
                claim_id=c.claim_id,
                article_id=c.article_id,
                role=c.role,
                label=c.label,
                found=bool(hit),
                draft_item=hit,
                draft_role=role_of.get(hit, ""),
            )
        )
    return pd.DataFrame(rows)


def claim_quality(curated: ArgumentMap, draft: ArgumentMap, theses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: curated claims found (recall), draft items that are curated (precision), and
    whether the draft's thesis is the curated one (and whether it is among the top candidates).

    Args:
        curated: The analyst's map.
        draft: The automatic draft.
        theses: Optional :func:`utils.rhetoric.thesis_candidates` output (for "in top 3").
    """
    m = claim_matches(curated, draft)
    curated_sents = set().union(*_sentences(curated.claims).tolist()) if len(curated.claims) else set()
    d = draft.claims.assign(curated=draft.claims["sentence_ids"].map(lambda s: bool(set(s.split()) & curated_sents)))
    thesis_sents = (
        curated.claims[curated.claims["role"] == "thesis"]
        .set_index("article_id")["sentence_ids"]
        .map(lambda s: set(s.split()))
    )
    draft_thesis = draft.claims[draft.claims["role"] == "thesis"].set_index("article_id")["claim_id"]
    rows = []
    for a in curated.articles["article_id"]:
        mine, theirs = m[m["article_id"] == a], d[d["article_id"] == a]
        main = mine[mine["role"].isin(["thesis", "claim"])]
        top = set(theses.loc[theses["article_id"] == a, "sentence_id"]) if theses is not None else set()
        rows.append(
            {
                "article_id": a,
                "curated claims": len(mine),
                "found": int(mine["found"].sum()),
                "recall": round(mine["found"].mean(), 2) if len(mine) else float("nan"),
                "thesis + main claims found": f"{int(main['found'].sum())} of {len(main)}",
                "draft items": len(theirs),
                "precision": round(theirs["curated"].mean(), 2) if len(theirs) else float("nan"),
                "thesis found": draft_thesis.get(a, "") in thesis_sents.get(a, set()),
                "thesis in top 3": bool(top & thesis_sents.get(a, set())) if theses is not None else pd.NA,
            }
        )
    out = pd.DataFrame(rows)
    main = m[m["role"].isin(["thesis", "claim"])]
    total = {
        "article_id": "all",
        "curated claims": len(m),
        "found": int(m["found"].sum()),
        "recall": round(m["found"].mean(), 2) if len(m) else float("nan"),
        "thesis + main claims found": f"{int(main['found'].sum())} of {len(main)}",
        "draft items": len(d),
        "precision": round(d["curated"].mean(), 2) if len(d) else float("nan"),
        "thesis found": f"{int(out['thesis found'].sum())} of {len(out)}",
        "thesis in top 3": f"{int(out['thesis in top 3'].sum())} of {len(out)}" if theses is not None else pd.NA,
    }
    return pd.concat(
        [out.astype({"thesis found": "object", "thesis in top 3": "object"}), pd.DataFrame([total])], ignore_index=True
    )


def _ends(amap: ArgumentMap, *, level: str, scope: str = "across") -> pd.DataFrame:
    """Each relation across articles (or inside them) with the sentence (or paragraph) sets of both ends."""
    claims = amap.claims.set_index("claim_id")
    where = _sentences(amap.claims) if level == "sentence" else claims["paragraph_id"].map(lambda p: {p})
    r = amap.relations[amap.relations["scope"] == scope]
    return r.assign(src=r["source"].map(where), dst=r["target"].map(where))


def _match(a, b) -> bool:
    return bool((a.src & b.src and a.dst & b.dst) or (a.src & b.dst and a.dst & b.src))


def _directed_match(a, b) -> bool:
    return bool(a.src & b.src and a.dst & b.dst)


def _scored(
    cur: pd.DataFrame, dra: pd.DataFrame, match, kind, *, kind_name: str
) -> tuple[list[bool], list[bool], dict]:
    """Which curated links (of :func:`_ends`) a draft link matches, which draft links match a
    curated one, and the counts: links, found, recall, correct, precision and, under
    ``kind_name``, how many found links got the right kind (``kind(relation)`` equal on both sides)."""
    cur_rows, dra_rows = list(cur.itertuples()), list(dra.itertuples())
    cur_found, same_kind = [], 0
    for c in cur_rows:
        hits = [d for d in dra_rows if match(c, d)]
        cur_found.append(bool(hits))
        same_kind += any(kind(d.relation) == kind(c.relation) for d in hits)
    dra_found = [any(match(c, d) for c in cur_rows) for d in dra_rows]
    found, correct = sum(cur_found), sum(dra_found)
    counts = {
        "curated links": len(cur_rows),
        "draft links": len(dra_rows),
        "curated found": found,
        "recall": round(found / len(cur_rows), 2) if cur_rows else float("nan"),
        "draft correct": correct,
        "precision": round(correct / len(dra_rows), 2) if dra_rows else float("nan"),
        kind_name: same_kind,
    }
    return cur_found, dra_found, counts


def link_quality(curated: ArgumentMap, draft: ArgumentMap) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Precision and recall of the draft's links across articles (matched in either direction).

    Returns:
        ``(summary, curated_links, draft_links)``: summary has one row per match level
        (``sentence``, ``paragraph``) with counts, precision, recall and how many matched links
        also got the right family (agreement vs tension); ``curated_links`` lists every curated
        link with ``found`` (sentence level); ``draft_links`` every draft link with ``matches``.
    """
    summary, cur_out, dra_out = [], None, None
    for level in ("sentence", "paragraph"):
        cur, dra = _ends(curated, level=level), _ends(draft, level=level)
        cur_found, dra_found, counts = _scored(
            cur, dra, _match, lambda r: r in AGREEMENT, kind_name="found with the right family"
        )
        summary.append({"match": level, **counts})
        if level == "sentence":
            # boolean even when empty: a draft with no link across articles must still filter by it
            cur_out = cur.drop(columns=["src", "dst"]).assign(found=pd.Series(cur_found, index=cur.index, dtype=bool))
            dra_out = dra.drop(columns=["src", "dst"]).assign(matches=pd.Series(dra_found, index=dra.index, dtype=bool))
    return pd.DataFrame(summary), cur_out, dra_out


def inside_link_quality(curated: ArgumentMap, draft: ArgumentMap) -> pd.DataFrame:
    """Precision and recall of the draft's links inside articles against the curated ones.

    A draft link matches a curated one when its source quotes a sentence of the curated source and
    its target a sentence of the curated target (direction counts: "A supports B" is not "B
    supports A"); the right type is support for support, attack for attack (attacks, undercuts).

    Returns:
        One row: ``curated links, draft links, curated found, recall, draft correct, precision,
        found with the right type``.
    """
    cur, dra = _ends(curated, level="sentence", scope="inside"), _ends(draft, level="sentence", scope="inside")
    *_, counts = _scored(cur, dra, _directed_match, lambda r: r == "supports", kind_name="found with the right type")
    return pd.DataFrame([counts])


def missed_links(curated: ArgumentMap, curated_links: pd.DataFrame) -> pd.DataFrame:
    """The curated links the draft missed, with both claims' labels, for the notebook."""
    label = curated.claims.set_index("claim_id")["label"]
    miss = curated_links[~curated_links["found"]]
    return pd.DataFrame(
        {
            "claim": miss["source"] + ": " + miss["source"].map(label),
            "relation": miss["relation"],
            "other claim": miss["target"] + ": " + miss["target"].map(label),
            "rationale": miss["rationale"],
        }
    )


# ---------------------------------------------------------------- the maps notebook 04 works with


@dataclass
class Maps:
    """What notebook 04 works with: the curated map (if it is about this corpus), the draft, and
    the sentence labels, thesis candidates and concept hits behind the draft."""

    curated: ArgumentMap | None
    draft: ArgumentMap
    labels: pd.DataFrame
    theses: pd.DataFrame
    hits: pd.DataFrame

    @property
    def shown(self) -> ArgumentMap:
        """The map the views show: the curated one when there is one, else the draft."""
        return self.curated if self.curated is not None else self.draft

    @property
    def shown_name(self) -> str:
        """``"curated"`` or ``"draft"``: which map :attr:`shown` is (the stem of its exports)."""
        return "curated" if self.curated is not None else "draft"


def load_maps(
    corpus: Corpus, map_file: str | Path, *, lemmas: dict[str, str] | None = None, labels: pd.DataFrame | None = None
) -> Maps:
    """Validate the curated map against the corpus (raising on any problem) and build the draft.

    ``lemmas`` (``form -> lemma``, from :func:`utils.concepts.read_lemmas`) and ``labels`` (the
    automatic sentence labels of :func:`utils.rhetoric.label_sentences`) spare the work
    of computing them again; both are computed when not given.

    Raises:
        utils.argmap.ArgumentMapError: the curated map names articles of this corpus but has problems.
    """

    curated = curated_map_for(corpus, map_file)
    lexicons, _ = rhetoric.lexicons_for(corpus.articles)
    labels = rhetoric.label_sentences(corpus.sentences, lexicons=lexicons) if labels is None else labels
    theses = draft_theses(corpus, labels, lexicons=lexicons)
    hits = concept_hits(corpus.tokens, corpus.sentences, lemmas=lemmas)
    draft = build_draft(corpus, labels=labels, theses=theses, hits=hits)
    return Maps(curated=curated, draft=draft, labels=labels, theses=theses, hits=hits)


def describe_maps(maps: Maps, corpus: Corpus) -> str:
    """One sentence saying which map the views show and what it covers."""
    n = len(corpus.articles)
    if maps.curated is None:
        return (
            f"No curated map is about this corpus, so the views show the automatic draft: {len(maps.draft.claims):,} "
            f"items and {len(maps.draft.relations):,} relations (inside articles and across them) over "
            f"{plural(n, 'article')}. "
            "Check every item against its quote."
        )
    c = maps.curated
    return (
        f"The curated map covers {len(c.articles)} of {n} articles with {len(c.claims)} claims, each quote found verbatim, "
        f"and {len(c.relations)} relations ({int((c.relations['scope'] == 'across').sum())} across articles)."
    )


def describe_curated_and_automatic(maps: Maps) -> str:
    """The opening statement of 04: which parts of what the report shows are curated by a person,
    which are automatic, and how good the automatic reading measured.

    The reader's figures are its stored cross-validated scores (by topic, on short argumentative
    texts with gold argument graphs); the draft's link figures are measured here against the
    curated map when there is one.
    """
    cv = load_model().get("cv_scores", {})

    def fig(key: str) -> str:
        return f"{cv[key]:.2f}" if key in cv else "not measured"

    reader = (
        "The automatic reading (thesis candidates and claims from rules on sentence labels; support, attack and "
        "attachment from a transparent learned reader) measured, on short argumentative texts, cross-validated "
        f"by topic: central claim {fig('central claim accuracy (explicit CC)')}, support vs attack macro-F1 "
        f"{fig('function macro-F1 (support/attack)')}, attachment F1 {fig('attachment F1 unlabelled')} (lower on "
        "topics kept out of all tuning; on long opinion articles it was measured only against an analyst's map of "
        "five articles, so check each item). "
        f"Links across articles are drawn only at confidence {DRAW_AT:.1f} or more and when the two claims share "
        "at least two words rare in general English, or when one article names the other's author or title and "
        "answers it; weaker ones are listed as candidates for you to check."
    )
    if maps.curated is None:
        return (
            "Nothing in this report's map is curated: no analyst has mapped this corpus yet, so every item and link "
            "below is the automatic draft, a starting point to check against its quotes. " + reader
        )
    summary, _, _ = link_quality(maps.curated, maps.draft)
    row = summary.set_index("match").loc["sentence"]
    thesis = claim_quality(maps.curated, maps.draft).set_index("article_id").loc["all", "thesis found"]
    extra = " It used this corpus's own word-list additions." if maps.draft.lexicon_additions else ""
    precision = "no links drawn" if pd.isna(row["precision"]) else f"precision {row['precision']:.2f}"
    inside = inside_link_quality(maps.curated, maps.draft).iloc[0]
    inside_precision = "none drawn" if pd.isna(inside["precision"]) else f"precision {inside['precision']:.2f}"
    return (
        f"The map, trees and quotes below are curated: {len(maps.curated.claims)} claims and "
        f"{len(maps.curated.relations)} relations written by an analyst, each quote checked word for word. "
        "The draft further down is automatic. On this corpus, against the curated map, it found the thesis of "
        f"{thesis} articles, {int(row['curated found'])} of {int(row['curated links'])} links across articles "
        f"({precision}, recall {row['recall']:.2f}) and {int(inside['curated found'])} of "
        f"{int(inside['curated links'])} links inside articles ({inside_precision}).{extra} " + reader
    )


def candidate_table(draft: ArgumentMap) -> pd.DataFrame:
    """The draft's candidate links across articles (too weak to draw), strongest first, with both
    claims and why."""
    label = draft.claims.set_index("claim_id")["label"]
    c = draft.candidates if draft.candidates is not None else pd.DataFrame(columns=["source", "target"])
    return pd.DataFrame(
        {
            "claim": c["source"] + ": " + c["source"].map(label),
            "relation": c.get("relation", pd.Series(dtype=str)),
            "other claim": c["target"] + ": " + c["target"].map(label),
            "confidence": c.get("score", pd.Series(dtype=float)),
            "why": c.get("rationale", pd.Series(dtype=str)),
        }
    )


def candidate_drilldown(draft: ArgumentMap, *, csv: str | Path | None = None) -> str:
    """:func:`candidate_table` as a collapsible table for the analyst to confirm or drop: the 60
    strongest, and every candidate written to ``csv`` (named under the table) when given."""
    table = candidate_table(draft)
    name = scale.write_csv(table, csv).name if csv else ""
    return display.drilldown(
        "Candidate links across articles, not drawn (low confidence, or one rare shared word)",
        table,
        max_rows=60,
        csv=name,
    )


def miss_drilldowns(
    curated: ArgumentMap,
    draft: ArgumentMap,
    curated_links: pd.DataFrame,
    draft_links: pd.DataFrame,
    *,
    max_rows: int = 60,
) -> list[str]:
    """Collapsible lists of what the draft got wrong or missed, and what it got right."""

    label = draft.claims.set_index("claim_id")["label"]
    wrong = draft_links[~draft_links["matches"]].sort_values("score", ascending=False)
    right = draft_links[draft_links["matches"]]

    def listing(links: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "draft item": links["source"] + ": " + links["source"].map(label),
                "relation": links["relation"],
                "other item": links["target"] + ": " + links["target"].map(label),
                "rule": links["rule"],
                "score": links["score"],
            }
        )

    missed_claims = claim_matches(curated, draft)
    missed_claims = missed_claims[~missed_claims["found"]][["claim_id", "role", "label"]]
    return [
        display.drilldown("Curated links across articles the draft missed", missed_links(curated, curated_links)),
        display.drilldown("Draft links across articles that match a curated link", listing(right)),
        display.drilldown(
            "Draft links across articles that match no curated link (highest score first)",
            listing(wrong),
            max_rows=max_rows,
        ),
        display.drilldown("Curated claims the draft did not pick", missed_claims),
    ]
