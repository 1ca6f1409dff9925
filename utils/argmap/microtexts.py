"""Read the gold argument graphs of the arg-microtexts corpus (part 2 layout).

Each ``micro_cNNN.xml`` holds EDUs (text spans in reading order), ADUs with a role
(``pro``/``opp``), ``seg`` edges mapping EDUs to ADUs and argumentative edges
(``sup``/``exa``/``reb``/``und``/``add``). This module turns one file into a
:class:`GoldText` whose units carry character offsets into the *stripped* text: the
explicit EDUs joined by single spaces. Implicit EDUs (claims the annotators added, in
upper case in the ``.txt``) are kept as gold-only units with ``start == end == -1``.

Conversion of the graph to one (function, target) per unit, following the dependency
conversion of Peldszus & Stede: ``sup`` and ``exa`` are support; ``reb`` is attack on the
target unit; ``und`` attacks an edge and is attached to that edge's *source* unit;
``add`` (second premise of a linked argument) is support attached to the target of the
edge it joins. The central claim is the unit that is the source of no
``sup|exa|reb|und`` edge.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldUnit:
    """One gold argumentative unit (ADU).

    Attributes:
        id: ADU id (``a1`` ...).
        start: Character offset into :attr:`GoldText.text` of the first piece, ``-1`` if implicit.
        end: End offset (exclusive) of the last piece, ``-1`` if implicit.
        text: The unit's text.
        role: ``"pro"`` or ``"opp"``.
        function: ``"central"``, ``"support"`` or ``"attack"``.
        target: ADU id the unit attaches to, ``None`` for the central claim.
        edge_type: The raw edge type (``sup``, ``exa``, ``reb``, ``und``, ``add``) or ``""``.
        implicit: True if the annotators added the unit (not in the author's text).
        spans: (start, end) of each explicit EDU of the unit; a restatement at the end of a
            text can belong to the same unit as the opening claim, so pieces may be far apart.
    """

    id: str
    start: int
    end: int
    text: str
    role: str
    function: str
    target: str | None
    edge_type: str
    implicit: bool
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GoldText:
    """One gold microtext.

    Attributes:
        id: Text id (``micro_c001``).
        topic: ``topic_id`` attribute (``""`` when the file has none).
        stance: ``"pro"`` or ``"con"`` toward the trigger question (or what the file says, ``""`` if nothing).
        text: Explicit EDUs joined by single spaces (implicit claims stripped).
        units: Gold units in reading order.
    """

    id: str
    topic: str
    stance: str
    text: str
    units: list[GoldUnit] = field(default_factory=list)

    @property
    def central(self) -> GoldUnit:
        """The central claim unit."""
        return next(u for u in self.units if u.function == "central")


def _edu_spans(root: ET.Element) -> tuple[str, dict[str, tuple[int, int, str, bool]]]:
    """Join explicit EDUs with single spaces and record each EDU's span.

    Args:
        root: The ``arggraph`` element.

    Returns:
        The stripped text and a map EDU id -> (start, end, text, implicit).
    """
    pieces: list[str] = []
    spans: dict[str, tuple[int, int, str, bool]] = {}
    pos = 0
    for edu in root.iter("edu"):
        text = (edu.text or "").strip()
        implicit = edu.get("implicit") == "true"
        if implicit:
            spans[edu.get("id")] = (-1, -1, text, True)
            continue
        if pieces:
            pos += 1
        spans[edu.get("id")] = (pos, pos + len(text), text, False)
        pieces.append(text)
        pos += len(text)
    return " ".join(pieces), spans


def parse_gold(path: str | Path) -> GoldText:
    """Parse one ``micro_cNNN.xml`` file.

    Args:
        path: Path to the XML file.

    Returns:
        The gold text with units, roles, functions and targets.
    """
    root = ET.parse(path).getroot()
    text, spans = _edu_spans(root)
    roles = {a.get("id"): a.get("type") for a in root.iter("adu")}
    edges = {e.get("id"): e for e in root.iter("edge")}
    adu_edus: dict[str, list[str]] = {a: [] for a in roles}
    for e in edges.values():
        if e.get("type") == "seg":
            adu_edus.setdefault(e.get("trg"), []).append(e.get("src"))
    out_edges = {e.get("src"): e for e in edges.values() if e.get("type") in {"sup", "exa", "reb", "und", "add"}}
    units: list[GoldUnit] = []
    for adu, edus in adu_edus.items():
        parts = sorted((spans[e] for e in edus), key=lambda s: s[0])
        implicit = all(p[3] for p in parts)
        explicit = [p for p in parts if not p[3]]
        start = min(p[0] for p in explicit) if explicit else -1
        end = max(p[1] for p in explicit) if explicit else -1
        utext = " ".join(p[2] for p in (explicit or parts))
        edge = out_edges.get(adu)
        function, target, etype = "central", None, ""
        if edge is not None:
            etype = edge.get("type")
            trg = edge.get("trg")
            if etype in {"und", "add"}:
                inner = edges[trg]
                trg = inner.get("src") if etype == "und" else inner.get("trg")
                while trg in edges:  # an edge attacking an edge that attacks an edge
                    trg = edges[trg].get("src")
            function = "attack" if etype in {"reb", "und"} else "support"
            target = trg
        units.append(
            GoldUnit(
                adu,
                start,
                end,
                utext,
                roles[adu],
                function,
                target,
                etype,
                implicit,
                tuple((p[0], p[1]) for p in explicit),
            )
        )
    order = {u: i for i, u in enumerate(sorted(units, key=lambda u: (u.start < 0, u.start)))}
    units.sort(key=lambda u: order[u])
    # a text may come without a topic or a pro/con stance (stance "unclear"): it is then left out of the stance measures
    return GoldText(root.get("id"), root.get("topic_id") or "", root.get("stance") or "", text, units)


def load_gold(gold_dir: str | Path) -> list[GoldText]:
    """Parse every ``*.xml`` in a folder, or in its ``corpus`` subfolder, or else below it; where the
    files come in one folder per language (``corpus/en``, ``corpus/de``, as in arg-microtexts part 1),
    the English ones.

    Args:
        gold_dir: Folder holding ``micro_*.xml`` files, or the corpus root.

    Returns:
        Gold texts sorted by id.
    """
    folder = Path(gold_dir)
    files = sorted(folder.glob("*.xml")) or sorted((folder / "corpus").glob("*.xml"))
    if not files:
        found = sorted(folder.rglob("*.xml"))
        files = [f for f in found if "en" in f.relative_to(folder).parts[:-1]] or found
    return [parse_gold(f) for f in files]


_LANGUAGE_TAG = re.compile(r"^([a-z]{2}):\s*(.*)$")


def read_triggers(path: str | Path) -> dict[str, str]:
    """Read ``topics_triggers.md``: topic id -> trigger question.

    A question may carry a language tag (``en: Should ...``, ``de: Sollte ...``): the English
    one is used, and a topic whose only questions are in another language gets none (its
    text is then compared with the topic id's words, see :func:`utils.argmap.score.trigger_for`).

    Args:
        path: Path of the markdown file (lines ``* `topic` `` followed by the question).

    Returns:
        Map from topic id to its question (empty if the file is missing).
    """
    p = Path(path)
    if not p.exists():
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    current: str | None = None
    for line in p.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("* `") and s.endswith("`"):
            current = s[3:-1]
            found[current] = []
        elif current and s and not s.startswith("#"):
            tagged = _LANGUAGE_TAG.match(s)
            found[current].append((tagged.group(1), tagged.group(2)) if tagged else ("", s))
        elif s.startswith("#"):
            current = None
    out = {}
    for topic, lines in found.items():
        question = next((q for lang, q in lines if lang == "en"), None) or next(
            (q for lang, q in lines if not lang), None
        )
        if question:
            out[topic] = question
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two (start, end) spans share.

    Args:
        a: First span.
        b: Second span.

    Returns:
        Overlap in characters (0 if disjoint).
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def unit_overlap(span: tuple[int, int], unit: GoldUnit) -> int:
    """Characters a span shares with any piece of a gold unit.

    Args:
        span: (start, end) of a predicted unit.
        unit: A gold unit.

    Returns:
        Overlap in characters.
    """
    return sum(overlap(span, piece) for piece in unit.spans)


def align(pred: list[tuple[int, int]], gold: GoldText) -> tuple[list[str | None], dict[str, int]]:
    """Align predicted spans to gold units by character overlap.

    Args:
        pred: (start, end) of each predicted unit, in the gold text's offsets.
        gold: The gold text.

    Returns:
        For each predicted unit the id of the gold unit it overlaps most (``None`` if none),
        and for each explicit gold unit the index of the predicted unit overlapping it most
        (its representative; gold units no prediction touches are absent).
    """
    explicit = [u for u in gold.units if not u.implicit]
    p2g: list[str | None] = []
    for p in pred:
        best = max(explicit, key=lambda u: unit_overlap(p, u), default=None)
        p2g.append(best.id if best is not None and unit_overlap(p, best) > 0 else None)
    g2p: dict[str, int] = {}
    for u in explicit:
        scores = [unit_overlap(p, u) for p in pred]
        if scores and max(scores) > 0:
            g2p[u.id] = scores.index(max(scores))
    return p2g, g2p


class ShortTextError(ValueError):
    """A short-text gold file that cannot be read as the scheme says (the message names the file)."""


def load_short_texts(folder: str | Path) -> tuple[list[GoldText], dict[str, str]]:
    """Read short texts with gold argument graphs from every ``texts.json`` under a folder
    (the layout of ``data/dev/short_texts``; its ``SOURCE.md`` gives the scheme).

    Each file is a JSON list of texts: ``id``, ``topic``, ``question``, ``stance`` (``pro``/``con``),
    ``text``, ``units`` (``text``: an exact substring, in reading order; ``role``:
    ``proponent``/``opponent``; ``function``: ``central``/``support``/``attack``; ``target``: the
    index of the unit it attaches to, ``-1`` for an implicit central claim, ``null`` for the
    central claim) and ``implicit_central`` (a paraphrase when the central claim is unstated).
    Topics are prefixed with the set's folder name, so sets never share a topic.

    Args:
        folder: A folder holding ``texts.json`` files, at any depth.

    Returns:
        The gold texts and topic -> trigger question.

    Raises:
        ShortTextError: A file is not valid JSON, or a text breaks the scheme (named with its id).
    """
    golds: list[GoldText] = []
    triggers: dict[str, str] = {}
    for path in sorted(Path(folder).rglob("texts.json")):
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ShortTextError(f"{path}: not valid JSON ({err})") from err
        for o in items:
            try:
                g = _short_text(o, path.parent.name)
            except (KeyError, TypeError, ValueError) as err:
                raise ShortTextError(f"{path}: text {o.get('id', '?')}: {err}") from err
            golds.append(g)
            triggers[g.topic] = o["question"]
    return golds, triggers


def _short_text(o: dict, prefix: str) -> GoldText:
    """One text of a ``texts.json`` file as a :class:`GoldText` (see :func:`load_short_texts`)."""
    text, pos, units = o["text"], 0, []
    if o["stance"] not in {"pro", "con"}:
        raise ValueError(f"stance must be pro or con, not {o['stance']!r}")
    for k, u in enumerate(o["units"]):
        start = text.find(u["text"], pos)
        if start < 0:
            raise ValueError(f"unit {k} is not found in the text after unit {k - 1}: {u['text']!r}")
        pos = start + len(u["text"])
        target = u["target"]
        if u["function"] not in {"central", "support", "attack"}:
            raise ValueError(f"unit {k}: unknown function {u['function']!r}")
        if (target is None) != (u["function"] == "central") or (
            target is not None and not (target == -1 or 0 <= target < len(o["units"])) or target == k
        ):
            raise ValueError(f"unit {k}: target {target!r} does not fit its function {u['function']!r}")
        role = "opp" if u["role"] == "opponent" else "pro"
        tid = None if target is None else ("implicit" if target == -1 else f"u{target}")
        units.append(GoldUnit(f"u{k}", start, pos, u["text"], role, u["function"], tid, "", False, ((start, pos),)))
    centrals = sum(u.function == "central" for u in units)
    if centrals > 1 or (centrals == 0) == (not o.get("implicit_central")):
        raise ValueError("needs exactly one central unit, or none and an implicit_central paraphrase")
    if o.get("implicit_central"):
        units.append(GoldUnit("implicit", -1, -1, o["implicit_central"], "pro", "central", None, "", True, ()))
    return GoldText(o["id"], f"{prefix}:{o['topic']}", o["stance"], text, units)
