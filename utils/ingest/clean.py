"""Clean article text without destroying it, remembering where every character came from.

Each cleaned paragraph carries ``raw``: for every character, its offset in the decoded raw file,
so any sentence or quote can be located in the original. Cleaning only re-joins, drops and
normalises white space; it never rewrites words, quotes or dashes.

Rules (plain text and Markdown):
- Trailing comment-section boilerplate (patterns in ``data/lexicons/boilerplate.txt``) is cut from
  the end of the file, line by line, for as long as lines match or are blank.
- Blank lines separate paragraphs when the file has them; inside a block, wrapped lines re-join.
- Without blank lines, a file is *hard-wrapped* when at least a fifth of its lines end mid-sentence
  before a lower-case continuation (002); then a line break ends a paragraph only after
  ``. ! ? :`` (with closing quotes). Otherwise each line is a paragraph (000, 001, 004).
- A line holding only a bullet (``-``, ``o``, ``•`` ...) joins the item that follows; items that
  start ``- ``, ``* ``, ``1. `` are list items too. The marker is kept in the ``marker`` column,
  not in the text, so it never counts as a word.
- A short single line with no final ``. ! ?``, followed by more text, is a heading; so is a short
  first line (the title). Markdown ``#`` lines and HTML ``h1``-``h6`` are headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from utils import paths

TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*$""")
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
BULLET_ONLY = re.compile(r"^[-–—•*o·▪◦]$")
BULLET_ITEM = re.compile(r"^(?P<marker>[-–•*·▪◦]|\d{1,3}[.)])\s+(?=\S)")
MD_HEADING = re.compile(r"^#{1,6}\s+")
WORD = re.compile(r"\w+")
MAX_HEADING_WORDS = 20
MAX_TITLE_WORDS = 12


@dataclass
class Paragraph:
    """One cleaned paragraph and where each of its characters came from."""

    text: str
    raw: list[int]
    kind: str = "body"  # body | heading | list_item
    marker: str = ""
    n_lines: int = 1


@dataclass
class Cleaned:
    """The result of cleaning one article."""

    paragraphs: list[Paragraph]
    log: list[dict] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_boilerplate_patterns() -> tuple[re.Pattern, ...]:
    """Compile the trailing-boilerplate patterns from ``data/lexicons/boilerplate.txt``."""
    lines = (paths.LEXICONS / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        re.compile(rf"^\s*(?:{ln.strip()})\s*$", re.I) for ln in lines if ln.strip() and not ln.startswith("#")
    )


def split_lines(text: str) -> list[tuple[str, int]]:
    """Split text into lines (``\\n``, ``\\r\\n`` or ``\\r``), each with its raw start offset."""
    return [(m.group(1), m.start()) for m in re.finditer(r"([^\r\n]*)(?:\r\n|\r|\n|$)", text)][:-1] or [(text, 0)]


def strip_trailing_boilerplate(lines: list[tuple[str, int]], log: list[dict]) -> list[tuple[str, int]]:
    """Drop trailing lines that are comment-section boilerplate or blank, logging each one."""
    patterns = load_boilerplate_patterns()
    end = len(lines)
    while end > 0:
        line, start = lines[end - 1]
        if line.strip() and not any(p.match(line) for p in patterns):
            break
        if line.strip():
            log.append(
                {"step": "boilerplate removed", "raw_start": start, "raw_end": start + len(line), "text": line.strip()}
            )
        end -= 1
    return lines[:end]


def _span(line: str, start: int) -> tuple[str, list[int]]:
    """A stripped line with its raw offsets."""
    lead = len(line) - len(line.lstrip())
    text = line.strip()
    return text, list(range(start + lead, start + lead + len(text)))


def _starts_lower(line: str) -> bool:
    """True when the first letter or digit of a line is lower-case or a digit (a continuation)."""
    m = re.search(r"[^\W_]", line)
    return bool(m) and not m.group().isupper()


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a file without blank lines wraps its sentences across lines (like 002)."""
    full = [ln.strip() for ln in lines if ln.strip()]
    soft = sum(
        1 for a, b in zip(full, full[1:]) if not TERMINAL.search(a) and not BULLET_ONLY.match(a) and _starts_lower(b)
    )
    return len(full) > 2 and soft / len(full) >= 0.2


def _join(par: Paragraph, text: str, raw: list[int], break_at: int, log: list[dict]) -> None:
    """Append a wrapped line to a paragraph, the line break becoming one space."""
    log.append(
        {
            "step": "wrapped line re-joined",
            "raw_start": break_at,
            "raw_end": break_at + 1,
            "text": f"{par.text[-20:]}⏎{text[:20]}",
        }
    )
    par.text += " " + text
    par.raw += [break_at] + raw
    par.n_lines += 1


def _breaks_before(prev: Paragraph, line: str, *, blocks: bool, wrapped: bool) -> bool:
    """Decide whether ``line`` starts a new paragraph after ``prev``."""
    if SENTENCE_END.search(prev.text) or prev.text.endswith(":"):
        return not blocks
    if _starts_lower(line):
        return False
    if prev.kind == "list_item":
        return True
    return not (blocks or wrapped)


def paragraphs_from_lines(lines: list[tuple[str, int]], log: list[dict], *, markdown: bool = False) -> list[Paragraph]:
    """Group raw lines into paragraphs following the module rules."""
    texts = [ln for ln, _ in lines]
    blocks = any(not t.strip() for t in texts[1:-1])
    wrapped = not blocks and is_hard_wrapped(texts)
    paras: list[Paragraph] = []
    cur: Paragraph | None = None
    pending_marker: tuple[str, int] | None = None
    for line, start in lines:
        text, raw = _span(line, start)
        if not text:
            cur = None
            continue
        if BULLET_ONLY.match(text) and not markdown or (markdown and text in "-*+"):
            pending_marker = (text, raw[0])
            log.append(
                {"step": "bullet marker joined to its item", "raw_start": raw[0], "raw_end": raw[0] + 1, "text": text}
            )
            cur = None
            continue
        m = (MD_HEADING if markdown else re.compile("(?!)")).match(text)
        if m:
            paras.append(Paragraph(text[m.end() :], raw[m.end() :], kind="heading"))
            cur = None
            continue
        m = BULLET_ITEM.match(text)
        if pending_marker or m:
            marker = pending_marker[0] if pending_marker else m.group("marker")
            cut = 0 if pending_marker else m.end()
            cur = Paragraph(text[cut:], raw[cut:], kind="list_item", marker=marker)
            paras.append(cur)
            pending_marker = None
            continue
        if cur is not None and not _breaks_before(cur, text, blocks=blocks, wrapped=wrapped):
            _join(cur, text, raw, start - 1, log)
            continue
        cur = Paragraph(text, raw)
        paras.append(cur)
    return paras


def flag_headings(paras: list[Paragraph]) -> None:
    """Mark short single-line paragraphs without final punctuation (and a short title line) as headings."""
    for i, p in enumerate(paras):
        if p.kind != "body" or p.n_lines > 1 or i == len(paras) - 1:
            continue
        n_words = len(WORD.findall(p.text))
        starts_upper = p.text[:1].isupper() or p.text[:1].isdigit()
        if starts_upper and not SENTENCE_END.search(p.text) and n_words <= MAX_HEADING_WORDS:
            p.kind = "heading"
        elif i == 0 and len(paras) > 2 and n_words <= MAX_TITLE_WORDS and not p.text.endswith("."):
            p.kind = "heading"


_ODD_SPACE = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_FIX = re.compile(
    rf"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b-\x1f\x7f]"
)


def normalise_spaces(par: Paragraph, log: list[dict]) -> None:
    """Collapse runs of spaces (tabs, no-break spaces) to one space, drop zero-width characters and
    turn stray control characters (seen in real files standing in for quotes) into spaces."""
    if not _FIX.search(par.text):
        return
    out, raw, last = [], [], 0
    for m in _FIX.finditer(par.text):
        out.append(par.text[last : m.start()])
        raw += par.raw[last : m.start()]
        invisible = m.group() in "\u200b\u200c\u200d\u2060\ufeff\u00ad"
        if not invisible and not (out and out[-1].endswith(" ")):
            out.append(" ")
            raw.append(par.raw[m.start()])
        log.append(
            {
                "step": "space normalised",
                "raw_start": par.raw[m.start()],
                "raw_end": par.raw[m.end() - 1] + 1,
                "text": repr(m.group()),
            }
        )
        last = m.end()
    out.append(par.text[last:])
    raw += par.raw[last:]
    par.text, par.raw = "".join(out), raw


class _MainTextParser(HTMLParser):
    """Collect visible text blocks from HTML with their raw offsets, dropping chrome."""

    DROP = {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "template",
        "svg",
        "button",
        "iframe",
        "head",
        "select",
    }
    BLOCK = {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "br",
        "tr",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "table",
        "dd",
        "dt",
        "figcaption",
        "title",
    }

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.blocks: list[dict] = []
        self.stack: list[str] = []
        self.drop_depth = 0
        self.dropped: list[dict] = []
        self._new_block("body")

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _new_block(self, kind: str) -> None:
        self.blocks.append({"kind": kind, "text": [], "raw": [], "tags": list(self.stack)})

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            if self.drop_depth == 0:
                self.dropped.append({"tag": tag, "raw_start": self._offset()})
            self.drop_depth += 1
        if tag in {"br", "hr", "img", "meta", "link", "input"}:
            if tag == "br":
                self._new_block("body")
            return
        self.stack.append(tag)
        if tag in self.BLOCK:
            kind = "heading" if re.fullmatch(r"h[1-6]|title", tag) else "list_item" if tag == "li" else "body"
            self._new_block(kind)

    def handle_endtag(self, tag):
        if tag in self.DROP and self.drop_depth:
            self.drop_depth -= 1
            if self.drop_depth == 0:
                self.dropped[-1]["raw_end"] = self._offset()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag in self.BLOCK:
            self._new_block("body")

    def handle_data(self, data):
        if self.drop_depth or "title" in self.stack:
            return
        start = self._offset()
        block = self.blocks[-1]
        block["text"].append(data)
        block["raw"] += _align(data, self.raw, start)


def _align(data: str, raw: str, start: int) -> list[int]:
    """Raw offsets of each character of a parsed text chunk; an entity (``&amp;``) maps to its ``&``."""
    if raw.startswith(data, start):
        return list(range(start, start + len(data)))
    out, j = [], start
    for ch in data:
        out.append(j)
        if j < len(raw) and raw[j] == ch:
            j += 1
        elif j < len(raw) and raw[j] == "&":
            end = raw.find(";", j, j + 12)
            j = end + 1 if end != -1 else j + 1
    return out


def paragraphs_from_html(raw: str, log: list[dict]) -> list[Paragraph]:
    """Extract the main text of an HTML page as paragraphs (``<article>``/``<main>`` when present).

    Navigation, headers, footers, scripts, styles and forms are dropped and logged.
    """
    parser = _MainTextParser(raw)
    parser.feed(raw)
    parser.close()
    for d in parser.dropped:
        end = d.get("raw_end", d["raw_start"])
        log.append(
            {
                "step": f"HTML <{d['tag']}> dropped",
                "raw_start": d["raw_start"],
                "raw_end": end,
                "text": raw[d["raw_start"] : end][:80],
            }
        )
    blocks = parser.blocks
    for container in ("article", "main"):
        inside = [b for b in blocks if container in b["tags"]]
        if any("".join(b["text"]).strip() for b in inside):
            blocks = inside
            break
    paras = []
    for b in blocks:
        text, raw_pos = "".join(b["text"]), b["raw"]
        text = re.sub(r"\s", " ", text)
        lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
        if text.strip():
            paras.append(Paragraph(text[lead:trail], raw_pos[lead:trail], kind=b["kind"]))
    return paras


def clean_text(raw: str, *, fmt: str) -> Cleaned:
    """Clean a decoded article into paragraphs.

    Args:
        raw: The decoded file text.
        fmt: ``"txt"``, ``"md"`` or ``"html"``.

    Returns:
        The paragraphs (with raw offsets and kinds) and a log of what cleaning changed.
    """
    log: list[dict] = []
    if fmt == "html":
        paras = paragraphs_from_html(raw, log)
    else:
        lines = strip_trailing_boilerplate(split_lines(raw), log)
        paras = paragraphs_from_lines(lines, log, markdown=fmt == "md")
    for p in paras:
        normalise_spaces(p, log)
    paras = [p for p in paras if p.text.strip()]
    if fmt == "html" and paras:
        paras = _strip_trailing_paragraph_boilerplate(paras, log)
    flag_headings(paras)
    return Cleaned(paras, log)


def _strip_trailing_paragraph_boilerplate(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """The HTML counterpart of :func:`strip_trailing_boilerplate`, on paragraphs."""
    patterns = load_boilerplate_patterns()
    while paras and any(p.match(paras[-1].text) for p in patterns):
        p = paras.pop()
        log.append({"step": "boilerplate removed", "raw_start": p.raw[0], "raw_end": p.raw[-1] + 1, "text": p.text})
    return paras
