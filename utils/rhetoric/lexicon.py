"""Editable word lists for the rhetoric labels, each compiled into one regular expression.

A lexicon is a text file (syntax in ``data/lexicons/metadiscourse/README.md``): one entry per line,
``# `` comments, ``NOT:`` exclusions, ``*`` / ``<num>`` / ``...`` / ``^`` wildcards. All entries of a
file become **one** pattern: a prefix tree of the entries (so ``you|your|yours`` is tried as
``you(?:rs?)?``), longest match first, whole words only. It runs over the text of the whole
corpus joined into one string, never once per entry or per sentence, and only where one of its
entries can begin (:func:`lexicon_spans`).
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from utils import paths

GAP_CHARS = 150
_WORD_END = r"(?!\w|'\w)"
_NUM = r"\d(?:[\d,.]*\d)?"
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WORD_RUN = re.compile(r"(\w+)")
_NORMALISE_PAIRS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\n", " "),
    ("\t", " "),
    ("\r", " "),
    ("\u00a0", " "),
    ("\u2028", " "),
    ("\u2029", " "),
    ("\x0b", " "),
    ("\x0c", " "),
)


@dataclass(frozen=True)
class Lexicon:
    """One word list: where it came from, its entries and its compiled matcher.

    Attributes:
        name: The file name without ``.txt``, with its folder for sub-folders (``metadiscourse/hedge``).
        path: The file.
        entries: Entries, in file order.
        exclusions: ``NOT:`` entries; a hit overlapping one is dropped.
        case_sensitive: From a ``# case: sensitive`` header line.
        notes: Entry -> its trailing note (``genre``, ``seeds`` ...).
        source: The header comment (the file's source note).
    """

    name: str
    path: Path
    entries: tuple[str, ...]
    exclusions: tuple[str, ...] = ()
    case_sensitive: bool = False
    notes: dict = field(default_factory=dict, compare=False, hash=False)
    source: str = ""

    @cached_property
    def pattern(self) -> re.Pattern:
        """Entries and exclusions as one compiled pattern (a never-matching one when empty).

        Exclusions compete with the entries: where the longest match at a position is an
        exclusion ("make sure"), the entry inside it ("sure") is not matched, and
        :func:`lexicon_hits` drops the exclusion itself.
        """
        return compile_entries(self.entries + self.exclusions, case_sensitive=self.case_sensitive)

    @cached_property
    def entries_pattern(self) -> re.Pattern:
        """The entries alone, without the exclusions."""
        return compile_entries(self.entries, case_sensitive=self.case_sensitive)

    @cached_property
    def openings(self) -> Openings:
        """Where a match of :attr:`pattern` can begin (:func:`openings`)."""
        return openings(self.entries + self.exclusions, case_sensitive=self.case_sensitive)

    @cached_property
    def _entry_patterns(self) -> list[tuple[str, re.Pattern]]:
        flags = 0 if self.case_sensitive else re.IGNORECASE
        ordered = sorted(self.entries + tuple("NOT: " + e for e in self.exclusions), key=len, reverse=True)
        return [
            (e, re.compile("".join(_entry_pieces(e.removeprefix("NOT: "), boundaries=False)), flags)) for e in ordered
        ]

    def entry_for(self, matched: str) -> str:
        """The entry that produced a matched string (``NOT: ...`` for an exclusion).

        Example:
            >>> lex = parse_lexicon("might\\npossib*\\nNOT: might not", name="hedge")
            >>> lex.entry_for("Possibly"), lex.entry_for("might  not")
            ('possib*', 'NOT: might not')
        """
        key = " ".join(normalise(matched).split())
        key = key if self.case_sensitive else key.translate(_LOWER)
        literal = self._literal_entries.get(key)
        if literal is not None:
            return literal
        return next((e for e, rx in self._entry_patterns if rx.fullmatch(key)), key)

    @cached_property
    def _literal_entries(self) -> dict[str, str]:
        out = {}
        for e in self.entries + tuple("NOT: " + e for e in self.exclusions):
            bare = e.removeprefix("NOT: ")
            if not any(tok in bare for tok in ("*", "<num>", "...", "^")):
                out[bare if self.case_sensitive else bare.translate(_LOWER)] = e
        return out


def parse_lexicon(text: str, *, name: str, path: Path | None = None) -> Lexicon:
    """Parse the text of a lexicon file.

    Args:
        text: File contents.
        name: Name to give the lexicon.
        path: Where it came from (for display).

    Returns:
        The lexicon (entries stripped of trailing ``  # notes``; duplicates dropped).

    Example:
        >>> lex = parse_lexicon("# Hedges\\nmay\\nmight  # genre\\nNOT: may I", name="hedge")
        >>> lex.entries, lex.exclusions, lex.notes
        (('may', 'might'), ('may I',), {'might': 'genre'})
    """
    entries, exclusions, notes, header = [], [], {}, []
    case_sensitive = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            if comment.lower().replace(" ", "") == "case:sensitive":
                case_sensitive = True
            elif not entries and not exclusions:
                header.append(comment)
            continue
        entry, _, note = line.partition("  #")
        entry = entry.strip()
        if entry.upper().startswith("NOT:"):
            exclusions.append(entry[4:].strip())
            continue
        if entry not in entries:
            entries.append(entry)
            if note.strip():
                notes[entry] = note.strip()
    return Lexicon(
        name=name,
        path=path or Path(name),
        entries=tuple(entries),
        exclusions=tuple(exclusions),
        case_sensitive=case_sensitive,
        notes=notes,
        source=" ".join(header),
    )


def read_lexicon(path: Path, *, root: Path = paths.LEXICONS) -> Lexicon:
    """Read one lexicon file; its name is its path under ``root`` without ``.txt``."""
    name = path.relative_to(root).with_suffix("").as_posix() if path.is_relative_to(root) else path.stem
    return parse_lexicon(path.read_text(encoding="utf-8"), name=name, path=path)


def _tokens(entry: str) -> list[str]:
    """Split an entry into matcher tokens: single characters and the wildcards."""
    out, i = [], 0
    while i < len(entry):
        if entry.startswith(" ... ", i):  # a gap between words, which may also be empty ("true, but")
            out.append("<gap>")
            i += 5
            continue
        for special in ("<num>", "..."):
            if entry.startswith(special, i):
                out.append(special)
                i += len(special)
                break
        else:
            ch = entry[i]
            if ch == "*" and (i == 0 or entry[i - 1] == " "):
                out.append("<word>")
            elif ch == "*":
                out.append("<suffix>")
            else:
                out.append(ch)
            i += 1
    return out


def _is_wordy(token: str) -> bool:
    return token in ("<num>", "<word>", "<suffix>") or token.isalnum() or token == "_"


def _piece(token: str) -> str:
    return {
        "<num>": _NUM,
        "...": f"[^\\n.?!]{{0,{GAP_CHARS}}}?",
        "<gap>": f"[^\\w\\n.?!]+(?:[^\\n.?!]{{0,{GAP_CHARS}}}?[^\\w\\n.?!]+)??",
        "<word>": r"\w+(?:['-]\w+)*",
        "<suffix>": r"\w*",
        " ": "[ ]+",
        "^": r"(?:(?<=\n)|\A)",
        "<end>": _WORD_END,
    }.get(token, re.escape(token))


def _entry_pieces(entry: str, *, boundaries: bool = True) -> list[str]:
    tokens = _tokens(entry)
    pieces = [_piece(t) for t in tokens]
    if boundaries and tokens and tokens[0] != "^" and _is_wordy(tokens[0]):
        pieces.insert(0, r"(?<!\w)")
    if boundaries and tokens and _is_wordy(tokens[-1]):
        pieces.append(_WORD_END)
    return pieces


def _trie_regex(sequences: list[list[str]]) -> str:
    """A regex equivalent to the alternation of ``sequences`` (lists of pieces), as a prefix tree.

    Literal pieces are tried before wildcards, and a longer path before stopping, so the longest
    entry wins at each position.
    """
    trie: dict = {}
    for seq in sequences:
        node = trie
        for piece in seq:
            node = node.setdefault(piece, {})
        node[""] = {}

    def order(piece: str) -> tuple[int, str]:
        if piece == _WORD_END:
            return (3, piece)
        if piece.startswith("[^\\n"):
            return (2, piece)
        return (int(len(re.sub(r"\\.", "x", piece)) > 1), piece)

    def build(node: dict) -> str:
        alts = [piece + build(node[piece]) for piece in sorted((p for p in node if p), key=order)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def compile_entries(entries: tuple[str, ...] | list[str], *, case_sensitive: bool = False) -> re.Pattern:
    """Compile lexicon entries into one pattern (a prefix tree, longest entry first, whole words).

    Case-insensitive patterns are compiled in lower case and meant to run on text lowered with
    :func:`lower_ascii` (much faster than ``re.IGNORECASE`` on a long string).

    Example:
        >>> rx = compile_entries(["you", "your", "you know"])
        >>> [m.group() for m in rx.finditer("you know your way, mayou")]
        ['you know', 'your']
    """
    if not entries:
        return re.compile(r"(?!x)x")
    texts = entries if case_sensitive else [e.translate(_LOWER) for e in entries]
    return re.compile(_trie_regex([_entry_pieces(e) for e in texts]))


def normalise(text: str) -> str:
    """Curly quotes to straight ones and every whitespace character to a space (same length).

    Example:
        >>> normalise("I\u2019ve \u201cno\u201d\\ndoubt")
        'I\\'ve "no" doubt'
    """
    for old, new in _NORMALISE_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def lower_ascii(text: str) -> str:
    """Lower-case text without moving any offset (``str.lower`` can lengthen a few characters).

    Example:
        >>> lower_ascii("İs IT")
        'İs it'
    """
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


@dataclass(frozen=True)
class Joined:
    """Sentences joined into one string (``\\n`` between them) for one pass of each pattern.

    Attributes:
        text: Normalised text (original case).
        lower: The same, lower-cased A-Z.
        starts: Where each sentence starts in ``text``.
        raw: The joined text before normalising (curly quotes kept), same offsets.
    """

    text: str
    lower: str
    starts: np.ndarray
    raw: str = ""

    @classmethod
    def from_texts(cls, texts: list[str]) -> Joined:
        """Join sentence texts, then normalise the whole string once (offsets are unchanged)."""
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(texts) else np.zeros(0, dtype=np.int64)
        raw = "\x00".join(texts)
        text = normalise(raw).replace("\x00", "\n")
        return cls(text=text, lower=lower_ascii(text), starts=starts, raw=raw)

    def locate(self, positions: np.ndarray) -> np.ndarray:
        """The sentence row of each position in the joined text."""
        return np.searchsorted(self.starts, positions, side="right") - 1

    @cached_property
    def words(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every run of word characters (``\\w+``) in ``lower``: where it starts, and its form as a
        code into the list of distinct forms (the third item); one pass that every word list shares."""
        starts, codes = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        forms: dict[str, int] = {}
        # 5,000 sentences at a time (a word never spans two): the list of every word of 2,000
        # reviews at once took 110 MB
        bounds = [*self.starts[::5000].tolist(), len(self.lower)]
        for a, b in itertools.pairwise(bounds):
            pieces = _WORD_RUN.split(self.lower[a:b])  # gap, word, gap, word, ..., gap
            lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
            starts.append(a + (np.cumsum(lengths) - lengths)[1::2])
            codes.append(np.fromiter((forms.setdefault(w, len(forms)) for w in pieces[1::2]), dtype=np.int64))
        return np.concatenate(starts), np.concatenate(codes), list(forms)


def find_spans(pattern: re.Pattern, joined: Joined, *, case_sensitive: bool = False, group: int = 0) -> pd.DataFrame:
    """Every match of ``pattern`` in the joined corpus, as sentence rows and offsets.

    Returns:
        Columns ``row`` (sentence position), ``start``/``end`` (offsets in that sentence),
        ``pos`` (offset in the joined text) and ``match`` (the matched text as written, curly quotes kept).
    """
    text = joined.text if case_sensitive else joined.lower
    found = [(m.start(group), m.end(group)) for m in pattern.finditer(text) if m.start(group) >= 0]
    return _span_frame(found, joined)


def _span_frame(found: list[tuple[int, int]], joined: Joined) -> pd.DataFrame:
    """:func:`find_spans`' table of matches given as (start, end) in the joined text."""
    if not found:
        return pd.DataFrame(
            {
                "row": pd.Series(dtype="int64"),
                "start": pd.Series(dtype="int64"),
                "end": pd.Series(dtype="int64"),
                "pos": pd.Series(dtype="int64"),
                "match": pd.Series(dtype="str"),
            }
        )
    arr = np.asarray(found, dtype=np.int64)
    rows = joined.locate(arr[:, 0])
    base = joined.starts[rows]
    source = joined.raw or joined.text
    return pd.DataFrame(
        {
            "row": rows,
            "start": arr[:, 0] - base,
            "end": arr[:, 1] - base,
            "pos": arr[:, 0],
            "match": [source[s:e] for s, e in found],
        }
    )


class Openings(NamedTuple):
    """What the text holds where a match of a word list begins (:func:`openings`).

    Attributes:
        words: A run of word characters equal to one of these (``because``; ``i`` of ``i'm``).
        prefixes: A run of word characters starting with one of these (``possib`` of ``possib*``).
        digits: A run of word characters starting with a digit (entries opening with ``<num>``).
        any_word: Any run of word characters (entries opening with ``*``).
        chars: One of these characters, anywhere (entries opening with ``!``, ``$`` or ``,``).
        anywhere: Any position (entries opening with ``...``): the whole text is searched.
        sentence_start: Any sentence start (entries opening with ``^*``: "^* fear that"), not
            every word as ``*`` alone.
    """

    words: frozenset[str]
    prefixes: tuple[str, ...]
    digits: bool
    any_word: bool
    chars: frozenset[str]
    anywhere: bool
    sentence_start: bool = False


def openings(entries: tuple[str, ...] | list[str], *, case_sensitive: bool = False) -> Openings:
    """Where a match of :func:`compile_entries` of ``entries`` can begin.

    An entry opening with a letter or digit matches only where a run of word characters begins
    (its pattern starts with ``(?<!\\w)``, or ``^``), and that run is the entry's leading letters
    (followed by a space, a mark or the end of the entry, which ends the run) or starts with them
    (followed by ``*``, ``<num>`` or ``...``, which may go on with word characters).

    Example:
        >>> o = openings(["i'm sure", "possib*", "$<num>"])
        >>> sorted(o.words), o.prefixes, sorted(o.chars)
        (['i'], ('possib',), ['$'])
    """
    words, prefixes, chars = set(), [], set()
    digits = any_word = anywhere = sentence_start = False
    for entry in entries:
        tokens = _tokens(entry if case_sensitive else entry.translate(_LOWER))
        anchored = tokens[:1] == ["^"]
        if anchored:
            tokens = tokens[1:]
        if not tokens or tokens[0] == "...":
            anywhere = True
        elif tokens[0] == "<num>":
            digits = True
        elif tokens[0] in ("<word>", "<suffix>") and anchored:
            sentence_start = True
        elif tokens[0] in ("<word>", "<suffix>"):
            any_word = True
        elif not _is_wordy(tokens[0]):
            chars.add(tokens[0])
        else:
            n = next((i for i, t in enumerate(tokens) if len(t) > 1 or not _is_wordy(t)), len(tokens))
            lead, after = "".join(tokens[:n]), tokens[n] if n < len(tokens) else None
            if after is None or (len(after) == 1 and not _is_wordy(after)):
                words.add(lead)
            else:
                prefixes.append(lead)
    return Openings(frozenset(words), tuple(prefixes), digits, any_word, frozenset(chars), anywhere, sentence_start)


def lexicon_spans(lexicon: Lexicon, joined: Joined) -> pd.DataFrame:
    """:func:`find_spans` of a word list's pattern, tried only where one of its entries can begin.

    The pattern is matched at each such position (:attr:`Lexicon.openings`: the runs of word
    characters an entry opens with, from :attr:`Joined.words`, and the marks an entry opens with),
    in order, from the end of the previous match on: the same matches as searching the whole text
    (:func:`find_spans`), which tries every position. On 2,000 reviews the 25 word lists that
    :func:`utils.rhetoric.label_sentences` runs took 6.3 s that way, 2.1 s this way.
    A case-sensitive list, or one with an entry opening with ``...``, searches the whole text.
    """
    opens = lexicon.openings
    if lexicon.case_sensitive or opens.anywhere:
        return find_spans(lexicon.pattern, joined, case_sensitive=lexicon.case_sensitive)
    starts, codes, forms = joined.words
    at_form = np.fromiter(
        (
            opens.any_word
            or w in opens.words
            or (opens.digits and w[0].isdigit())
            or (bool(opens.prefixes) and w.startswith(opens.prefixes))
            for w in forms
        ),
        dtype=bool,
        count=len(forms),
    )
    text = joined.lower
    places = starts[at_form[codes]]  # in order
    if opens.chars or opens.sentence_start:
        marks = [np.array([m.start() for m in re.finditer(re.escape(c), text)], dtype=np.int64) for c in opens.chars]
        if opens.sentence_start:
            marks.append(np.asarray(joined.starts, dtype=np.int64))
        places = np.unique(np.concatenate([places, *marks]))
    found, end = [], 0
    for pos in places.tolist():
        if pos >= end and (m := lexicon.pattern.match(text, pos)):
            found.append((pos, m.end()))
            end = m.end()
    return _span_frame(found, joined)


def overlaps(spans: pd.DataFrame, blockers: pd.DataFrame) -> np.ndarray:
    """Which ``spans`` (``pos`` + length) overlap any of ``blockers`` (both from :func:`find_spans`)."""
    if spans.empty or blockers.empty:
        return np.zeros(len(spans), dtype=bool)
    b_start = blockers["pos"].to_numpy()
    b_end = b_start + (blockers["end"] - blockers["start"]).to_numpy()
    order = np.argsort(b_start, kind="stable")
    b_start, b_end = b_start[order], np.maximum.accumulate(b_end[order])
    s_start = spans["pos"].to_numpy()
    s_end = s_start + (spans["end"] - spans["start"]).to_numpy()
    i = np.searchsorted(b_start, s_end, side="left") - 1
    return (i >= 0) & (b_end[np.clip(i, 0, None)] > s_start)


def lexicon_hits(lexicon: Lexicon, joined: Joined) -> pd.DataFrame:
    """Matches of a lexicon (one pass, exclusions applied) and the entry that fired each one.

    Returns:
        :func:`find_spans` columns plus ``entry``.
    """
    hits = lexicon_spans(lexicon, joined)
    entry_of = {m: lexicon.entry_for(m) for m in hits["match"].unique()}
    hits = hits.assign(entry=hits["match"].map(entry_of).astype("str"))
    return hits[~hits["entry"].str.startswith("NOT: ")].reset_index(drop=True)


def lexicon_files(folder: Path = paths.LEXICONS) -> list[Path]:
    """The rhetoric word-list files: ``metadiscourse/*.txt`` then ``rhetoric_*.txt``, sorted."""
    return sorted((folder / "metadiscourse").glob("*.txt")) + sorted(folder.glob("rhetoric_*.txt"))


def load_lexicons(folder: Path = paths.LEXICONS) -> dict[str, Lexicon]:
    """Every rhetoric lexicon: ``metadiscourse/*.txt`` and ``rhetoric_*.txt``, keyed by name.

    Example:
        >>> "metadiscourse/hedge" in load_lexicons()
        True
    """
    return {lex.name: lex for lex in (read_lexicon(p, root=folder) for p in lexicon_files(folder))}
