"""Clean article text without destroying it, remembering where every character came from.

Each cleaned paragraph carries ``raw``: for every character, its offset in the decoded raw file,
so any sentence or quote can be located in the original. Cleaning only re-joins, drops and
normalises white space; it never rewrites words, quotes or dashes.

Rules (plain text and Markdown):
- Trailing comment-section boilerplate (patterns in ``data/lexicons/boilerplate.txt``) is cut from
  the end of the file, line by line, for as long as lines match or are blank. Patterns marked
  ``anywhere:`` there (share and cookie notices, comment widgets, "Tags: ..." lines) are cut
  wherever they stand as a whole line (a whole paragraph in HTML). Every cut is logged with its pattern.
- A line of at least :data:`REPEAT_MIN_WORDS` words that stands, word for word, in at least
  :data:`REPEAT_MIN_FILES` files of the corpus is the corpus's own boilerplate (a critic's rating
  legend, an author bio, an outlet's sign-off) when it is long (:data:`REPEAT_LONG_WORDS` words)
  or next to another line repeated in as many files; it is cut wherever it stands, logged as
  ``repeated in N files`` (:func:`repeated_lines` counts the lines; in HTML, whole paragraphs).
- The layout is decided per file from its own lines (:func:`line_layout`). With blank lines, a
  block's lines re-join (wrapped paragraphs), unless the lines inside blocks are mostly whole
  paragraphs (they end in sentence punctuation, or are longer than any wrap width): then each line
  is a paragraph, as in a file without blank lines.
- Without blank lines, a file is *hard-wrapped* when at least a fifth of its lines end mid-sentence
  before a lower-case continuation (002) and its lines fit a wrap width (at most
  :data:`MAX_WRAP_WIDTH` characters); then a line break ends a paragraph only after
  ``. ! ? :`` (with closing quotes). Otherwise each line is a paragraph (000, 001, 004), unless it
  starts in lower case after a line without final punctuation (a continuation).
- Short title and subtitle lines at the top (no final ``. , ; :``, capitalised, at most
  :data:`MAX_TITLE_WORDS` words; a subtitle under it up to :data:`MAX_SUBTITLE_WORDS`) are their own
  units, never glued to each other or to the body.
- A line holding only a bullet (``-``, ``o``, ``•`` ...) joins the item that follows; items that
  start ``- ``, ``* ``, ``1. `` are list items too; an interview's ``Q:`` / ``A:`` opening a paragraph is
  its marker too. The marker is kept in the ``marker`` column,
  not in the text, so it never counts as a word.
- A short single line with no final ``. ! ?``, followed by more text, is a heading; so is a short
  first line (the title). Markdown ``#`` lines and HTML ``h1``-``h6`` are headings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from utils import paths
from utils.ingest.pdf import running_lines

TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*$""")
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
BULLET_ONLY = re.compile(r"^[-–—•*o·▪◦]$")
# a bullet, a list number ("3." / "3)") or a social-media thread's counter ("3/", "3/9"; not "24/7")
BULLET_ITEM = re.compile(r"^(?P<marker>[-–•*·▪◦]|\d{1,3}[.)]|(?P<n>\d{1,2})/(?P<of>\d{1,2})?(?!\S))\s+(?=\S)")
# an interview's "Q: ..." / "A: ...", and a transcript's speaker in capitals ("LIU: ...", "DR HELEN MARSH: ...")
SPEAKER_MARK = re.compile(
    r"^(?P<marker>Q|A|Question|Answer|[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2})\s*:\s+(?=\S)"
)
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")  # a Markdown blockquote's "> " (nested: "> > ")
# an e-mail reply's quoted line in plain text ("> We should move the team ..."), not "> 50% of calls"
EMAIL_QUOTE = re.compile(r"^\s*(?:>\s?)+(?=[^\W\d_]|[\"'\u201c\u2018(])")
# a line of nothing but a section break: "---", "***", "* * *", "___", "===", "~~~"
SECTION_BREAK = re.compile(r"^(?:([-*_=~])\s*)\1(?:\s*\1)+$")
# Markdown's tables ("| Measure | 2019 |", "|---|---|") and footnote texts ("[^1]: County statistics, 2025.")
MD_TABLE_ROW = re.compile(r"^\|.*\|$|^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
MD_FOOTNOTE = re.compile(r"^\[\^[^\]\s]{1,20}\]:")
# a page number left by a PDF or print export, on a line of its own: "Page 2", "Page 2 of 5", "- 2 -", "2/5"
PAGE_MARK = re.compile(r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4})$", re.I)
WORD = re.compile(r"\w+")
MAX_HEADING_WORDS = 20
SHORT_LINE = 0.6  # in hard-wrapped text, a line shorter than this share of the wrap width is no wrapped line
MAX_TITLE_WORDS = 12
MAX_SUBTITLE_WORDS = 25  # a subtitle under the title line runs longer than the title
MAX_WRAP_WIDTH = 140  # hard-wrapped files wrap at 60-80 characters, rarely more; paragraphs on one line run longer
PER_LINE_MAX_MID = (
    0.4  # inside blank-line blocks, at most this share of lines ending mid-sentence means one paragraph a line
)
ITEMS_MIN_UNENDED = 0.8  # a slide deck's text: at least this share of its lines end without punctuation
TITLE_END = re.compile(r"""[.,;:]["'”’)\]]*$""")


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
    title: str = ""  # an HTML page's title (``<h1>`` or ``<title>``), "" when the text has none of its own
    about: dict[str, str] = field(default_factory=dict)  # title, author, date from a Markdown file's front matter


ANYWHERE = "anywhere:"
REPEAT_MIN_FILES = 3  # a line in this many files (or more) is the corpus's boilerplate ...
REPEAT_MIN_WORDS = 5  # ... when it has this many words: "I don't think so." (4) stands in 5 of 2,000 reviews as content
REPEAT_LONG_WORDS = 8  # a repeated line this long is cut even on its own (shorter ones only in a block)
_LINE_WORD = re.compile(r"\w+(?:['’]\w+)*")


LINE_BREAK = re.compile(r"\r\n?|\n")  # "\r\n", a lone "\r" (old Mac) and "\n" each end one line


def bullet_item(line: str) -> re.Match | None:
    """The list marker opening ``line`` (:data:`BULLET_ITEM`), if any; "24/7 support" opens no thread."""
    m = BULLET_ITEM.match(line)
    if m and m.group("of") and int(m.group("n")) > int(m.group("of")):
        return None
    return m


def line_key(line: str) -> str:
    """A line's identity for :func:`repeated_lines`: white space collapsed, lower case.

    Example:
        >>> line_key("  Note: some may consider  this a Spoiler. ")
        'note: some may consider this a spoiler.'
    """
    return " ".join(line.split()).lower()


def line_keys(text: str) -> set[str]:
    """The distinct :func:`line_key` of a text's lines."""
    return {line_key(ln) for ln in LINE_BREAK.split(text)}


_HTML_BLOCK = re.compile(r"<(p|li|h[1-6]|blockquote|figcaption|dd|dt)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")


def html_paragraph_keys(raw: str) -> set[str]:
    """The distinct :func:`line_key` of an HTML page's paragraphs (``<p>``, ``<li>``, headings ...),
    found by a regular expression rather than the full parse, to count them across the corpus; a
    paragraph this misreads simply never counts as repeated."""
    return {line_key(html.unescape(_HTML_TAG.sub("", m.group(2)))) for m in _HTML_BLOCK.finditer(raw)}


def repeated_lines(keys: list[set[str]], *, min_files: int = REPEAT_MIN_FILES) -> dict[str, int]:
    """Lines of at least :data:`REPEAT_MIN_WORDS` words that stand in at least ``min_files`` files.

    Args:
        keys: The :func:`line_keys` of each plain-text or Markdown file, each file once
            (byte-identical copies left out).
        min_files: How many files a line must stand in.

    Returns:
        Line key -> number of files it stands in.
    """
    files: dict[str, int] = {}
    for one in keys:
        for key in one:
            files[key] = files.get(key, 0) + 1
    return {k: n for k, n in files.items() if n >= min_files and len(_LINE_WORD.findall(k)) >= REPEAT_MIN_WORDS}


@lru_cache(maxsize=1)
def load_boilerplate_lexicon() -> tuple[tuple[str, re.Pattern, bool], ...]:
    """``(pattern as written, compiled, cut anywhere?)`` for each line of ``data/lexicons/boilerplate.txt``."""
    lines = (paths.LEXICONS / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        anywhere = ln.startswith(ANYWHERE)
        source = ln[len(ANYWHERE) :].strip() if anywhere else ln.strip()
        out.append((source, re.compile(rf"^\s*(?:{source})\s*$", re.I), anywhere))
    return tuple(out)


@lru_cache(maxsize=2)
def _any_boilerplate(anywhere_only: bool) -> re.Pattern:
    """All (or all ``anywhere:``) patterns as one expression: one match attempt per line, not forty."""
    sources = [source for source, _, anywhere in load_boilerplate_lexicon() if anywhere or not anywhere_only]
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{s})" for s in sources) + r")\s*$", re.I)


def boilerplate_match(line: str, *, anywhere_only: bool = False) -> str | None:
    """The boilerplate pattern (as written in the lexicon) that a whole line matches, or ``None``;
    Markdown emphasis around the whole line ("*Share this post*") does not hide it."""
    if not _any_boilerplate(anywhere_only).match(line):
        line = _bare(line)
        if not _any_boilerplate(anywhere_only).match(line):
            return None
    for source, pattern, anywhere in load_boilerplate_lexicon():
        if (anywhere or not anywhere_only) and pattern.match(line):
            return source
    return None


# The front matter that static-site generators and note apps put at the top of a Markdown file:
# YAML between "---" lines (Jekyll, Hugo, Eleventy, Obsidian, Pandoc) or TOML between "+++" (Hugo)
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_KEYS = {"title": ("title",), "author": ("author", "authors", "byline"), "date": ("date", "published", "pubdate")}
FRONT_MATTER_FIELDS = tuple(_FRONT_KEYS)
# keys that mark a block as front matter (Jekyll, Hugo, Eleventy, Obsidian and Pandoc use them)
_FRONT_MATTER_WORDS = {
    *(n for names in _FRONT_KEYS.values() for n in names),
    *"tags categories layout draft description slug summary lastmod permalink excerpt image keywords".split(),
    *"lang subtitle series aliases url type weight".split(),
}


def front_matter(raw: str) -> tuple[dict[str, str], int]:
    """The title, author and date a Markdown file's front matter gives, and where its text starts.

    Example:
        >>> front_matter('---\\ntitle: "Rest more"\\nauthor: [Ann Lee, Bo Ek]\\ndate: 2024-03-01\\n---\\nText.')
        ({'title': 'Rest more', 'author': 'Ann Lee, Bo Ek', 'date': '2024-03-01'}, 69)
    """
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, 0
    try:
        if m.group(1) == "---":
            fields = paths.load_yaml(m.group(2))
        else:
            import tomllib

            fields = tomllib.loads(m.group(2))
    except Exception:  # noqa: BLE001 - not front matter after all (a text that opens with a rule)
        return {}, 0
    if not isinstance(fields, dict):
        return {}, 0
    lowered = {str(k).lower(): v for k, v in fields.items()}
    if not lowered.keys() & _FRONT_MATTER_WORDS:  # "Update: we corrected ..." between two rules is text
        return {}, 0
    about = {}
    for key, names in _FRONT_KEYS.items():
        value = next((lowered[n] for n in names if lowered.get(n) not in (None, "", [])), None)
        if isinstance(value, dict):  # author: {name: Ann Lee, ...}
            value = value.get("name", "")
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", "") if isinstance(v, dict) else v) for v in value)
        if value not in (None, ""):
            about[key] = str(value).strip()
    return about, m.end()


# A memo's or an e-mail's header block at the top of the text: "To: ...", "From: ...", "Date: ...",
# "Re: ..." / "Subject: ...", one field a line, perhaps under a "MEMO" / "MEMORANDUM" line
_HEADER_FIELD = re.compile(r"^[ \t]*(to|from|date|sent|re|subject|cc|bcc)[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.I)
_HEADER_KEYS = {"title": ("subject", "re"), "author": ("from",), "date": ("date", "sent")}
_MEMO_LINE = re.compile(r"^[ \t]*(?:memo|memorandum|internal memo)[ \t]*:?[ \t]*$", re.I)


def memo_header(raw: str) -> tuple[dict[str, str], int]:
    """The title, author and date a memo's or e-mail's header gives, and where its text starts.

    A header is two or more "Field: value" lines at the very top (To, From, Date, Sent, Re, Subject,
    Cc, Bcc), one of them "From" or "To"; blank lines and a "MEMO" line may stand before them.

    Example:
        >>> memo_header("To: All staff\\nFrom: Ann Lee\\nRe: Rotas\\n\\nWe will ...")
        ({'title': 'Rotas', 'author': 'Ann Lee'}, 37)
    """
    fields: dict[str, str] = {}
    end = 0
    for line, start in split_lines(raw):
        if not fields and (not line.strip() or _MEMO_LINE.match(line)):
            continue
        m = _HEADER_FIELD.match(line)
        if not m or m.group(1).lower() in fields:
            break
        fields[m.group(1).lower()] = m.group(2)
        end = start + len(line)
    if len(fields) < 2 or not fields.keys() & {"from", "to"}:
        return {}, 0
    about = {
        k: next(fields[n] for n in names if n in fields)
        for k, names in _HEADER_KEYS.items()
        if fields.keys() & set(names)
    }
    return about, end


def split_lines(text: str) -> list[tuple[str, int]]:
    """Split text into lines (``\\n``, ``\\r\\n`` or ``\\r``), each with its raw start offset."""
    return [(m.group(1), m.start()) for m in re.finditer(r"([^\r\n]*)(?:\r\n|\r|\n|$)", text)][:-1] or [(text, 0)]


def strip_trailing_boilerplate(lines: list[tuple[str, int]], log: list[dict]) -> list[tuple[str, int]]:
    """Drop trailing lines that are comment-section boilerplate or blank, logging each one."""
    end = len(lines)
    while end > 0:
        line, start = lines[end - 1]
        pattern = boilerplate_match(line) if line.strip() else None
        if line.strip() and pattern is None:
            break
        if line.strip():
            log.append(
                {
                    "step": "boilerplate removed",
                    "raw_start": start,
                    "raw_end": start + len(line),
                    "text": line.strip(),
                    "pattern": pattern,
                }
            )
        end -= 1
    return lines[:end]


def _repeated_cuts(lines: list[tuple[str, int]], repeated: dict[str, int]) -> dict[int, int]:
    """Raw start -> number of files, for the lines to cut as repeated across the corpus: long
    ones (:data:`REPEAT_LONG_WORDS` words or more) and those next to another line repeated in as
    many files (a legend, a bio, a sign-off block); a short line repeated on its own ("What is the
    point of this?", "I give it a B+.") can be any writer's sentence and stays."""
    body = [(line_key(ln), start, ln) for ln, start in lines if ln.strip()]
    hits = [(start, repeated[k], ln) if k in repeated else None for k, start, ln in body]
    out = {}
    for i, hit in enumerate(hits):
        if hit is None:
            continue
        start, n, line = hit
        block = any(0 <= j < len(hits) and hits[j] is not None and hits[j][1] == n for j in (i - 1, i + 1))
        if block or len(_LINE_WORD.findall(line)) >= REPEAT_LONG_WORDS:
            out[start] = n
    return out


def cut_boilerplate_lines(
    lines: list[tuple[str, int]], log: list[dict], *, repeated: dict[str, int] | None = None
) -> tuple[list[tuple[str, int]], set[int]]:
    """Lines matching an ``anywhere:`` boilerplate pattern or repeated across the corpus
    (``repeated``, from :func:`repeated_lines`; see :func:`_repeated_cuts`), wherever they stand:
    their raw starts (the caller drops them, each ending the paragraph before it) and a log entry
    for each."""
    cut = set()
    again = _repeated_cuts(lines, repeated) if repeated else {}
    for line, start in lines:
        pattern = boilerplate_match(line, anywhere_only=True) if line.strip() else None
        if pattern is None and start in again:
            pattern = f"repeated in {again[start]} files"
        if pattern is not None:
            lead = len(line) - len(line.lstrip())
            log.append(
                {
                    "step": "boilerplate removed",
                    "raw_start": start + lead,
                    "raw_end": start + len(line.rstrip()),
                    "text": line.strip(),
                    "pattern": pattern,
                }
            )
            cut.add(start)
    return lines, cut


def _span(line: str, start: int) -> tuple[str, list[int]]:
    """A stripped line with its raw offsets."""
    lead = len(line) - len(line.lstrip())
    text = line.strip()
    return text, list(range(start + lead, start + lead + len(text)))


def _starts_lower(line: str) -> bool:
    """True when the first letter or digit of a line is lower-case or a digit (a continuation)."""
    m = re.search(r"[^\W_]", line)
    return bool(m) and not m.group().isupper()


def _inner_lines(lines: list[str]) -> list[str]:
    """Lines followed by another non-blank line (where a paragraph may have been wrapped), bullets left out."""
    out = []
    for a, b in zip(lines, lines[1:]):
        a = a.strip()
        if a and b.strip() and not BULLET_ONLY.match(a) and not bullet_item(a):
            out.append(a)
    return out


def line_width(lines: list[str]) -> int:
    """The width a file's lines run to: the 90th percentile length of its inner lines (0 without any)."""
    lengths = sorted(len(a) for a in _inner_lines(lines))
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a file without blank lines wraps its sentences across lines (like 002): a fifth of its
    lines end mid-sentence before a lower-case continuation, and its lines fit a wrap width."""
    full = [ln.strip() for ln in lines if ln.strip()]
    soft = sum(
        1 for a, b in zip(full, full[1:]) if not TERMINAL.search(a) and not BULLET_ONLY.match(a) and _starts_lower(b)
    )
    return len(full) > 2 and soft / len(full) >= 0.2 and line_width(lines) <= MAX_WRAP_WIDTH


def line_layout(lines: list[str]) -> str:
    """How a file marks its paragraphs, decided from its own lines.

    Returns:
        ``"blocks"``: blank lines separate paragraphs and lines inside a block are wrapped;
        ``"wrapped"``: no blank lines, hard-wrapped (:func:`is_hard_wrapped`);
        ``"lines"``: one paragraph a line (blank lines, if any, end paragraphs too);
        ``"items"``: blocks of short lines without final punctuation, none running on into a
        lower-case line (a slide deck's or a note's text): each line its own unit, the lines
        under a block's first line its list items.
    """
    if any(not t.strip() for t in lines[1:-1]):
        inner = _inner_lines(lines)
        mid = sum(not TERMINAL.search(a) for a in inner) / max(len(inner), 1)
        per_line = len(inner) >= 3 and (mid < PER_LINE_MAX_MID or line_width(lines) > MAX_WRAP_WIDTH)
        # a slide deck's or a note's items, one a line without final punctuation: no line ever
        # runs on into a lower-case next line, as a wrapped sentence does
        full = [t.strip().rstrip("*_ ") for t in lines if t.strip()]  # "**Myth: ...**" ends its sentence
        items = (
            len(inner) >= 4
            and sum(not TERMINAL.search(t) for t in full) >= ITEMS_MIN_UNENDED * len(full)
            and not any(_starts_lower(b) for a, b in zip(lines, lines[1:]) if a.strip() in inner)
        )
        return "lines" if per_line else "items" if items else "blocks"
    return "wrapped" if is_hard_wrapped(lines) else "lines"


def _title_like(line: str, *, most_words: int = MAX_TITLE_WORDS) -> bool:
    """A short capitalised line without final ``. , ; :``: a title or subtitle when it opens a file."""
    m = re.search(r"[^\W_]", line)
    return (
        bool(m)
        and (m.group().isupper() or m.group().isdigit())
        and len(WORD.findall(line)) <= most_words
        and not TITLE_END.search(line)
        and not BULLET_ONLY.match(line)
        and not bullet_item(line)
    )


def _in_capitals(line: str) -> bool:
    """A line of two or more letters, every one a capital ("ASK MAREN", "OPINION")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_lines(lines: list[str], layout: str) -> set[int]:
    """Indices of the title and subtitle lines that open a file (at most three), each its own unit;
    the lines after the title line may run to :data:`MAX_SUBTITLE_WORDS` words.

    With blank lines, only a whole first block of such lines counts (a wrapped first paragraph
    ends in punctuation); in a hard-wrapped file a title line must also be clearly shorter than
    the wrap width (a wrapped line runs to it).
    """
    width = line_width(lines)
    out: set[int] = set()
    for i, t in enumerate(lines):
        t = t.strip()
        if not t:
            if out:
                return out
            continue
        most = MAX_SUBTITLE_WORDS if out else MAX_TITLE_WORDS
        if (
            not _title_like(t, most_words=most)
            or (layout == "wrapped" and len(t) >= SHORT_LINE * width)
            or len(out) == 3
        ):
            # a masthead in capitals ("ASK MAREN") is a title line even when its block runs on
            capitals = bool(out) and all(_in_capitals(lines[j]) for j in out)
            return set() if layout == "blocks" and not capitals else out
        out.add(i)
    return set()  # nothing but titles: no body to keep them apart from


HYPHEN_BREAK = re.compile(r"(?<![\w-])(\w+)-$")  # "a necessary public ser-" at a line's end
NEXT_WORD = re.compile(r"[a-z]\w*")


def _hyphen_break(line_end: str, next_line: str) -> tuple[str, bool] | None:
    """A word hyphenated across a line break ("ser-" / "vice"): the joined word and whether its
    hyphen goes. The hyphen goes when the joined word is more frequent in English than the
    hyphenated form (wordfreq): "ser-vice" -> "service", "dis-cretionary" -> "discretionary";
    "long-term", "well-known", "job-seekers" keep theirs. ``None`` when the line does not end so,
    or the next line does not go on in lower case."""
    left, right = HYPHEN_BREAK.search(line_end), NEXT_WORD.match(next_line)
    if left is None or right is None:
        return None
    from wordfreq import zipf_frequency  # only hyphenated line ends pay for the word list

    a, b = left.group(1), right.group()
    joined, hyphenated = a + b, f"{a}-{b}"
    drop = zipf_frequency(joined.lower(), "en") > zipf_frequency(hyphenated.lower(), "en")
    return (joined if drop else hyphenated), drop


def _join(par: Paragraph, text: str, raw: list[int], break_at: int, log: list[dict]) -> None:
    """Append a wrapped line to a paragraph, the line break becoming one space, or nothing when a
    word is hyphenated across it (:func:`_hyphen_break`; the soft hyphen goes too)."""
    split = _hyphen_break(par.text, text)
    log.append(
        {
            "step": "wrapped line re-joined" if split is None else "hyphenated word re-joined",
            "raw_start": break_at,
            "raw_end": break_at + 1,
            "text": f"{par.text[-20:]}⏎{text[:20]}" if split is None else split[0],
        }
    )
    if split is None:
        par.text += " " + text
        par.raw += [break_at] + raw
    elif split[1]:  # "ser-" + "vice": the hyphen and the break go
        par.text = par.text[:-1] + text
        par.raw = par.raw[:-1] + raw
    else:  # "long-" + "term": the break goes
        par.text += text
        par.raw += raw
    par.n_lines += 1


def _breaks_before(prev: Paragraph, line: str, *, blocks: bool, wrapped: bool, width: int = 0) -> bool:
    """Decide whether ``line`` starts a new paragraph after ``prev``. In hard-wrapped text (a PDF's
    text layer, a plain-text export), a one-line paragraph well short of the wrap width without
    final punctuation ("The case for a ban") is a heading, and a capitalised line after it starts
    the next paragraph."""
    if SENTENCE_END.search(prev.text) or prev.text.endswith(":"):
        return not blocks
    if _starts_lower(line):
        return False
    if prev.kind == "list_item":
        return True
    if (
        wrapped
        and prev.n_lines == 1
        and len(prev.text) < SHORT_LINE * width
        and _title_like(prev.text, most_words=MAX_HEADING_WORDS)
    ):
        return True
    return not (blocks or wrapped)


def paragraphs_from_lines(
    lines: list[tuple[str, int]],
    log: list[dict],
    *,
    markdown: bool = False,
    repeated: dict[str, int] | None = None,
) -> list[Paragraph]:
    """Group raw lines into paragraphs following the module rules (``repeated``: lines to cut
    as the corpus's boilerplate, from :func:`repeated_lines`)."""
    lines, cut_at = cut_boilerplate_lines(lines, log, repeated=repeated)
    texts = [ln for ln, start in lines if start not in cut_at]
    layout = line_layout(texts)
    blocks, wrapped = layout == "blocks", layout == "wrapped"
    kept = [start for _, start in lines if start not in cut_at]
    titles = {kept[i] for i in title_lines(texts, layout)}
    width = line_width(texts)
    paras: list[Paragraph] = []
    cur: Paragraph | None = None
    held: Paragraph | None = None  # the paragraph a blank line closed, in case a page number follows
    after_page = False
    pending_marker: tuple[str, int] | None = None
    prev_blank = True
    for line, start in lines:
        text, raw = _span(line, start)
        quoted = bool((MD_QUOTE if markdown else EMAIL_QUOTE).match(text))
        if quoted:  # "> quoted words": the mark goes to the paragraph's marker, the words stay
            cut = MD_QUOTE.match(text).end()
            text, raw = text[cut:], raw[cut:]
        if not text or start in cut_at:
            if not after_page:
                held, cur = cur, None
            prev_blank = True
            continue
        blank_before, prev_blank = prev_blank, False
        md_cut = markdown and (
            ("Markdown table set aside" if MD_TABLE_ROW.match(text) else None)
            or ("footnote removed" if MD_FOOTNOTE.match(text) else None)
        )
        if md_cut:  # a table's cells and a footnote's source are not sentences of the argument
            log.append({"step": md_cut, "raw_start": raw[0], "raw_end": raw[-1] + 1, "text": text})
            cur = None
            continue
        if SECTION_BREAK.match(text):
            # "Title" over "=====" or "-----": the line above is a heading; otherwise a section break
            under = not blank_before and cur is not None and cur.n_lines == 1 and text[0] in "=-" and paras[-1] is cur
            if under:
                cur.kind = "heading"
            step = "heading underline removed" if under else "section break removed"
            log.append({"step": step, "raw_start": raw[0], "raw_end": raw[-1] + 1, "text": text})
            cur = None
            continue
        if PAGE_MARK.match(text):  # "Page 2 of 5": cut; a sentence broken by it goes on after it
            log.append({"step": "page number removed", "raw_start": raw[0], "raw_end": raw[-1] + 1, "text": text})
            if cur is None and held is not None and not SENTENCE_END.search(held.text):
                cur = held
            after_page = True
            continue
        after_page = False
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
        if start in titles or BACK_MATTER.match(text):  # "References" heads what follows, never joins it
            paras.append(Paragraph(text, raw, kind="heading" if BACK_MATTER.match(text) else "body"))
            cur = None
            continue
        if wrapped and cur is None and paras and paras[-1].raw[0] in titles and _starts_lower(text):
            # a long title wrapped onto a second line: "... The arguments for" / "and against"
            if not SENTENCE_END.search(paras[-1].text) and len(text) < SHORT_LINE * width:
                _join(paras[-1], text, raw, start - 1, log)
                paras[-1].kind = "heading"
                continue
        m = bullet_item(text)
        if pending_marker or m:
            marker = pending_marker[0] if pending_marker else m.group("marker")
            cut = 0 if pending_marker else m.end()
            cur = Paragraph(text[cut:], raw[cut:], kind="list_item", marker=marker)
            paras.append(cur)
            pending_marker = None
            continue
        if cur is not None and not _breaks_before(cur, text, blocks=blocks, wrapped=wrapped, width=width):
            _join(cur, text, raw, start - 1, log)
            continue
        under = layout == "items" and not blank_before and cur is not None  # a slide's bullet without its bullet
        cur = Paragraph(text, raw, kind="list_item" if under else "body", marker=">" if quoted else "")
        paras.append(cur)
    return paras


# a sentence ending inside a line (after a lower-case word, so not "Dr."), before another that starts
# with a capital: a line ending in a colon that holds one is a sentence and its lead-in, no heading
INNER_SENTENCE_END = re.compile(r"""\b[a-z][a-z0-9%)]+[.!?]["'”’)\]]*\s+["'“‘(]*[A-Z]""")


def flag_headings(paras: list[Paragraph]) -> None:
    """Mark short single-line paragraphs without final punctuation (and a short title line) as headings."""
    for i, p in enumerate(paras):
        if p.kind != "body" or p.n_lines > 1 or i == len(paras) - 1:
            continue
        n_words = len(WORD.findall(p.text))
        starts_upper = p.text[:1].isupper() or p.text[:1].isdigit()
        if p.text.rstrip().endswith(":") and INNER_SENTENCE_END.search(p.text):
            continue  # "... you are losing them. Here's why:": a sentence, then a lead-in
        if starts_upper and not SENTENCE_END.search(p.text) and n_words <= MAX_HEADING_WORDS:
            p.kind = "heading"
        elif i == 0 and len(paras) > 2 and n_words <= MAX_TITLE_WORDS and not p.text.endswith("."):
            p.kind = "heading"


_ODD_SPACE = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_FIX = re.compile(
    rf"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b-\x1f\x7f]"
)


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _rewrite(p: Paragraph, pattern: re.Pattern, log: list[dict], step: str, *, space, shown, replace=None) -> None:
    """Rewrite every match of ``pattern`` in a paragraph in place: it goes, or becomes one space
    where ``space(match, text so far)`` says so (that space points at the match's first raw
    character), or, when the pattern has a group named ``keep``, that group's text stays (with its
    raw offsets) and the rest of the match goes, or it becomes ``replace(match)`` (each character
    pointing at the match's first raw character). Each match is logged under ``step`` with
    ``shown(match)`` as its text."""
    out, raw, last = [], [], 0
    for m in pattern.finditer(p.text):
        out.append(p.text[last : m.start()])
        raw += p.raw[last : m.start()]
        if replace is not None:
            new = replace(m)
            out.append(new)
            raw += [p.raw[m.start()]] * len(new)
        elif "keep" in pattern.groupindex and m.group("keep"):
            out.append(m.group("keep"))
            raw += p.raw[m.start("keep") : m.end("keep")]
        elif space(m, out):
            out.append(" ")
            raw.append(p.raw[m.start()])
        log.append({"step": step, "raw_start": p.raw[m.start()], "raw_end": p.raw[m.end() - 1] + 1, "text": shown(m)})
        last = m.end()
    out.append(p.text[last:])
    raw += p.raw[last:]
    p.text, p.raw = "".join(out), raw


# An HTML character reference left in a text or Markdown file ("&amp;", "&nbsp;", "&#8217;"), as
# pages copied out of a content system carry them; the space before ";" is how tokenised corpora
# write it ("&nbsp ;" in the movie reviews)
HTML_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,7}) ?;")


def _entity_text(m: re.Match) -> str:
    """The character an entity stands for (a no-break space as a plain space), or the entity itself
    when it names none ("&T;")."""
    decoded = html.unescape(m.group().replace(" ", ""))
    return m.group() if decoded == m.group().replace(" ", "") else decoded.replace("\u00a0", " ")


def decode_entities(par: Paragraph, log: list[dict]) -> None:
    """Turn HTML character references in a text or Markdown file into their characters, in place
    and logged ("&amp;" -> "&", "&nbsp;" -> a space): they are markup, not words to count."""
    if "&" in par.text and HTML_ENTITY.search(par.text):
        known = [m for m in HTML_ENTITY.finditer(par.text) if _entity_text(m) != m.group()]
        if known:
            _rewrite(
                par,
                re.compile("|".join(re.escape(e) for e in sorted({m.group() for m in known}, key=len, reverse=True))),
                log,
                "HTML entity decoded",
                space=lambda m, out: False,
                shown=lambda m: m.group(),
                replace=_entity_text,
            )


def normalise_spaces(par: Paragraph, log: list[dict]) -> None:
    """Collapse runs of spaces (tabs, no-break spaces) to one space, drop zero-width characters and
    turn stray control characters (seen in real files standing in for quotes) into spaces."""
    if _FIX.search(par.text):
        _rewrite(
            par,
            _FIX,
            log,
            "space normalised",
            space=lambda m, out: m.group() not in _INVISIBLE and not (out and out[-1].endswith(" ")),
            shown=lambda m: repr(m.group()),
        )


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
        "figcaption",  # a picture's caption and credit ("Photograph: ...") are not the argument
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
        self.title: list[str] = []  # text of <title>, even though <head> is dropped
        self.h1s: list[
            dict
        ] = []  # each <h1>'s text and whether it is inside <article>/<main>, even in a dropped <header>
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
        if tag == "h1":
            self.h1s.append({"text": [], "main": "article" in self.stack or "main" in self.stack})
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
        if "title" in self.stack:
            self.title.append(data)
        if "h1" in self.stack and self.h1s:
            self.h1s[-1]["text"].append(data)
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


SITE_SEPARATOR = re.compile(r"\s+(?:[-–—·•:»]|::)\s+")


def strip_site_name(title: str) -> str:
    """A page ``<title>`` without its site name: ``"Why CX matters | Acme Blog"`` -> ``"Why CX matters"``.

    With ``|``, the part of most words is the title (``"Acme | Why CX matters | Blog"`` too; on a
    tie the first: ``"Bus fares | City Voice"``); with a dash, a short last part (at most four words,
    not ending a question or exclamation) is the site.

    Example:
        >>> strip_site_name("Is CX fluff? - Root Inc."), strip_site_name("Bus fares | City Voice")
        ('Is CX fluff?', 'Bus fares')
    """
    title = " ".join(title.split())
    if " | " in title:
        return max((p.strip() for p in title.split(" | ")), key=lambda p: len(p.split()))
    seps = list(SITE_SEPARATOR.finditer(title))
    if seps:
        head, tail = title[: seps[-1].start()], title[seps[-1].end() :]
        if head and len(tail.split()) <= 4 and not tail.endswith(("?", "!")):
            return head
    return title


def html_title(parser: _MainTextParser) -> str:
    """The page's own title: an ``<h1>`` inside ``<article>``/``<main>``, else the first ``<h1>``,
    else ``<title>`` without its site name ("" when none)."""
    h1s = [(" ".join("".join(h["text"]).split()), h["main"]) for h in parser.h1s]
    h1s = [(t, main) for t, main in h1s if t]
    for text, main in h1s:
        if main:
            return text
    if h1s:
        return h1s[0][0]
    return strip_site_name("".join(parser.title))


def paragraphs_from_html(raw: str, log: list[dict], *, parser: _MainTextParser | None = None) -> list[Paragraph]:
    """Extract the main text of an HTML page as paragraphs (``<article>``/``<main>`` when present).

    Navigation, headers, footers, scripts, styles and forms are dropped and logged.
    """
    parser = parser or _MainTextParser(raw)
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


def clean_text(raw: str, *, fmt: str, repeated: dict[str, int] | None = None) -> Cleaned:
    """Clean a decoded article into paragraphs.

    Args:
        raw: The decoded file text.
        fmt: ``"txt"``, ``"md"``, ``"html"``, ``"docx"`` / ``"odt"`` (the text :mod:`utils.ingest.docx` /
            :mod:`utils.ingest.odt` extracts) or
            ``"pdf"`` (the text :mod:`utils.ingest.pdf` extracts, read as plain text without its page
            furniture).
        repeated: Lines (paragraphs, in HTML) repeated across the corpus
            (:func:`repeated_lines`), cut as its boilerplate.

    Returns:
        The paragraphs (with raw offsets and kinds) and a log of what cleaning changed.
    """
    log: list[dict] = []
    title, about = "", {}
    # a Markdown file's front matter, else a memo's or e-mail's header: who, when and what about, not
    # the argument. Cut, keeping every later offset: the block becomes blank lines
    for applies, read, step in (
        (fmt == "md", front_matter, "front matter removed"),
        (fmt != "html", memo_header, "memo header removed"),
    ):
        if applies and not about:
            about, body = read(raw)
            if body:
                log.append({"step": step, "raw_start": 0, "raw_end": body, "text": raw[:body].strip()})
                raw = re.sub(r"[^\r\n]", " ", raw[:body]) + raw[body:]
    if fmt == "html":
        parser = _MainTextParser(raw)
        paras = paragraphs_from_html(raw, log, parser=parser)
        title = html_title(parser)
    else:
        lines = split_lines(raw)
        if fmt == "pdf":  # page breaks go; running heads, page numbers and print stamps go, logged
            furniture = running_lines(lines)
            log.extend(
                {"step": "page furniture removed", "raw_start": s, "raw_end": s + len(ln), "text": ln.strip()}
                for ln, s in lines
                if s in furniture
            )
            lines = [(ln, s) for ln, s in lines if s not in furniture and ln != "\f"]
        lines = strip_trailing_boilerplate(lines, log)
        # a Word document's or OpenDocument text's text marks its headings and list items as Markdown
        # does (utils.ingest.docx, utils.ingest.odt), a PDF's its headings (utils.ingest.pdf)
        paras = paragraphs_from_lines(lines, log, markdown=fmt in ("md", "docx", "odt", "pdf"), repeated=repeated)
    for p in paras:
        if fmt != "html":  # the HTML parser decodes them itself
            decode_entities(p, log)
        normalise_spaces(p, log)
        if fmt == "md":
            _cut_markdown_inline(p, log)
        _speaker_mark(p, log)
        _cut_inline_marks(p, log)
    paras = _split_run_in_headings([p for p in paras if p.text.strip()], log)
    if fmt == "html" and paras:
        paras = _cut_paragraph_boilerplate(paras, log, repeated=repeated)
        paras = _strip_trailing_paragraph_boilerplate(paras, log)
    flag_headings(paras)
    # a call to action may close the text only once the list of related links under it is gone
    paras = _strip_trailing_paragraph_boilerplate(_cut_related_links(paras, log), log)
    return Cleaned(_cut_byline_and_signature(_cut_back_matter(paras, log), log), log, title, about)


# A reference mark glued to the word or punctuation before it: "homework.[1]", "markers[2,3]", "size.¹"
NUMBERED_REFERENCE = r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"  # "[1]", "[2, 3]", "[4-6]"
FOOTNOTE_STEP = "footnote mark removed"  # the cleaning log's step for a reference mark cut from the text
FOOTNOTE_MARK = re.compile(
    rf"(?<=[\w.,;:!?\"'”’)])(?:{NUMBERED_REFERENCE}|\[\^[^\]\s]{{1,20}}\]|[¹²³⁰⁴-⁹]+)"
)  # "[1]", "[2, 3]", Markdown's "[^1]", "¹"
# A transcript's stage direction: "(Applause.)", "[Laughter]", "(inaudible)", "[crosstalk 00:12:03]"
_STAGE_WORDS = "applause|laughter|laughs|cheers|cheering|booing|boos|inaudible|crosstalk|music|pause|silence"
STAGE_DIRECTION = re.compile(
    rf"\s*[(\[]\s*(?:{_STAGE_WORDS})(?:\s+(?:and\s+)?(?:{_STAGE_WORDS}|continues|plays|\d{{1,2}}:\d{{2}}(?::\d{{2}})?))*"
    r"\s*\.?\s*[)\]]\.?",
    re.I,
)
# The heading of the back matter at an article's end: "References", "## Notes", "Further reading:"
BACK_MATTER = re.compile(
    r"^\W*(?:references?|bibliography|works cited|sources|notes|footnotes|endnotes|further reading|citations)\W*$", re.I
)
# a cut boilerplate line that heads a list of links ("Related posts", "You may also like")
RELATED_LINE = re.compile(
    r"^\W*(?:related|you (?:may|might) also like|read next|recommended for you|popular posts)\b", re.I
)
MAX_LINK_TITLE_WORDS = 15
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?"
# a person's full name: "Margaret Harris", "Dr Amara Osei", "Ann B. Lee" (utils.argmap.references finds them too)
PERSON = _HONORIFIC + r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}"
# "By Harriet Cole, operations director", "*By Dr Amara Osei*": a byline just under the title
BYLINE = re.compile(rf"^[\W_]*[Bb]y\s+{_HONORIFIC}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){{0,3}}[\W_]*(?:[,|–—·•-].*)?$")
# "Margaret Harris" + "Head of English, Sheffield": a name closing a letter
SIGNATURE_NAME = re.compile(rf"^[\W_]*{PERSON}\b")
# "Cheers, Anna", "Warmly, Priya", "Best wishes": a letter's or newsletter's closing words and first name
VALEDICTION = re.compile(
    r"^[\W_]*(?i:cheers|best|best wishes|all the best|warmly|warm regards|(?:kind |best )?regards|many thanks|thanks|"
    r"yours(?: sincerely| truly| faithfully)?|sincerely)\s*,?(?:\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})?[\W_]*$"
)
# "Hi Tom,", "Dear Ms Lee,", "Hello everyone!": a letter's or e-mail's greeting on its own line at the top
SALUTATION = re.compile(
    r"^[\W_]*(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b(?:\s+[\w.'\u2019-]+){0,4}"
    r"|(?:dear )?(?:sir|madam|sir or madam|all|team|colleagues|everyone))\s*[,:!]?\s*$",
    re.I,
)
# "Priya", "– Sam": a memo or e-mail signed with a first name alone, on the last line
FIRST_NAME = re.compile(r"^[\W_]*[A-Z][a-z]+(?:['\u2019-][A-Za-z]+)?[\W_]*$")
MAX_BYLINE_WORDS = 12
# "Posted on March 12, 2026 by Jordan Ellis", "Published 3 May 2025 by Ann Lee": a blog's post line
POSTED_BY = re.compile(
    rf"^[\W_]*(?:posted|published|written|updated)\b[^.!?]{{0,40}}?\bby\s+{_HONORIFIC}"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){0,3}[\W_]*$",
    re.I,
)
# "Priya Raman ·": a blog platform's author line, a name and a separator (its "Follow" button gone)
NAME_LINE = re.compile(rf"^[\W_]*{PERSON}\s*[·•|]\W*$")
# "Sam Okafor is a former deputy head and writes on education policy.": the note on the author
# that closes many op-eds; it names the writer and their trade, and is not part of the argument
AUTHOR_NOTE = re.compile(
    rf"^{_HONORIFIC}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){{1,3}}\s+(?:is|was)\s+(?:a|an|the)\b"
    r".{0,250}?\b(?:writes|writer|author of|columnist|contributor|correspondent|journalist|editor|blogger|"
    r"fellow (?:at|of)|professor (?:at|of|in)|lecturer (?:at|in)|founder of)\b"
)
MAX_AUTHOR_NOTE_WORDS = 45


def _cut_inline_marks(p: Paragraph, log: list[dict]) -> None:
    """Reference marks glued to the text ("... grade homework.[1] This essay ...") point to notes,
    not words, and a transcript's stage directions ("(Applause.)", "[Laughter]") are no one's
    words: cut both in place (logged), so they neither open the next sentence nor stand as one."""
    if p.kind == "heading":
        return
    for pattern, step in ((FOOTNOTE_MARK, FOOTNOTE_STEP), (STAGE_DIRECTION, "stage direction removed")):
        if pattern.search(p.text):
            _rewrite(p, pattern, log, step, space=lambda m, out: False, shown=lambda m: m.group().strip())


# Markdown's inline markup, in the order it is taken off: an image goes whole; a link keeps its
# words ("[the OECD report](https://...)"), emphasis and code keep what they wrap. Emphasis needs
# its marks against the words it wraps and no letter outside them: "snake_case" and "2 * 3 * 4" stay.
MD_INLINE = (
    re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"\[(?P<keep>[^\[\]\n]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"(?<![\w*])\*\*(?=\S)(?P<keep>.+?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)(?P<keep>.+?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<keep>.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(?P<keep>.+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"`(?P<keep>[^`\n]+)`"),
)


def _cut_markdown_inline(p: Paragraph, log: list[dict]) -> None:
    """Take Markdown's inline markup off a paragraph (:data:`MD_INLINE`), in place and logged:
    "**schools should ban phones.**" is a sentence, not one that opens with "**"; a link's
    address is not words of the article."""
    for pattern in MD_INLINE:
        if pattern.search(p.text):
            _rewrite(p, pattern, log, "Markdown markup removed", space=lambda m, out: False, shown=_markup_shown)


def _markup_shown(m: re.Match) -> str:
    """What a Markdown match took off, with the words it kept as "…": "**…**", "[…](https://...)"."""
    if "keep" not in m.re.groupindex:
        return m.group()
    return m.group()[: m.start("keep") - m.start()] + "…" + m.group()[m.end("keep") - m.start() :]


def _cut_paragraphs(paras: list[Paragraph], drop: set[int], log: list[dict], step: str) -> list[Paragraph]:
    """Drop the paragraphs at the given positions, logging each one under ``step``."""
    log.extend(_boilerplate_entry(paras[i], step=step) for i in sorted(drop))
    return [p for i, p in enumerate(paras) if i not in drop]


def _cut_back_matter(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """A "References" / "Notes" / "Further reading" heading in the second half of an article, and
    everything after it, is back matter: the list of sources, not the argument (logged)."""
    for i in range(len(paras) - 1, len(paras) // 2 - 1, -1):
        if paras[i].kind == "heading" and BACK_MATTER.match(paras[i].text) and i > 0:
            return _cut_paragraphs(paras, set(range(i, len(paras))), log, "back matter removed")
    return paras


def _cut_related_links(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """The titles listed under a "Related posts" / "You may also like" line that closes an article
    (the line itself is cut as boilerplate): a trailing run of short lines without final
    punctuation, right after that line, are links to other pages, not the argument (logged)."""
    heads = [e["raw_start"] for e in log if e["step"] == "boilerplate removed" and RELATED_LINE.match(str(e["text"]))]
    j = len(paras)
    while (
        j > 0
        and not SENTENCE_END.search(paras[j - 1].text)
        and len(WORD.findall(paras[j - 1].text)) <= MAX_LINK_TITLE_WORDS
    ):
        j -= 1
    if not heads or j == len(paras) or j == 0:
        return paras
    if any(paras[j - 1].raw[-1] < h < paras[j].raw[0] for h in heads):
        return _cut_paragraphs(paras, set(range(j, len(paras))), log, "related links removed")
    return paras


def _bare(text: str) -> str:
    """A line without surrounding white space and Markdown emphasis marks ("*By Ann Lee*" -> "By Ann Lee")."""
    return text.strip().strip("*_").strip()


def _short_unended(p: Paragraph) -> bool:
    text = _bare(p.text)
    return len(WORD.findall(text)) <= MAX_BYLINE_WORDS and not SENTENCE_END.search(text)


# A formal letter's address blocks at the top: a postcode or a street address marks them ("14 Beech
# Close" / "Northfield" / "NF3 7QT"; "Civic Centre, Northfield NF1 2AA"), with the date line under them
_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
_STREET = (
    r"^\W*\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'\u2019-]*\s+){1,3}(?:Close|Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Way|"
    r"Crescent|Place|Gardens|Court|Terrace|Square|Grove|Row|Hill|Park|Walk|Mews)\b"
)
ADDRESS_LINE = re.compile(rf"{_POSTCODE}|{_STREET}")
MAX_LETTERHEAD = 8  # paragraphs of address and date at most, before the letter begins


def _letterhead(paras: list[Paragraph]) -> set[int]:
    """The address blocks and date line that open a formal letter: the short unended paragraphs at
    the top, when one of them holds a postcode or a street address (:data:`ADDRESS_LINE`), up to the
    greeting or the first sentence. A date or a title alone marks nothing."""
    run = []
    for i, p in enumerate(paras[:MAX_LETTERHEAD]):
        text = _bare(p.text)
        if SENTENCE_END.search(text) or SALUTATION.match(text) or len(WORD.findall(text)) > 25:
            break
        run.append(i)
    marked = [i for i in run if ADDRESS_LINE.search(paras[i].text)]
    return set(range(0, max(marked) + 2)) & set(run) if marked else set()


def _cut_byline_and_signature(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """A byline just under the title ("By Harriet Cole, operations director"), a letter's closing
    signature (the last paragraph: a name, perhaps with a role and place, a first name alone, or
    closing words and a first name such as "Cheers, Anna" (:data:`VALEDICTION`); no sentence) and a closing
    note on the author (:data:`AUTHOR_NOTE`: "Sam Okafor is a former deputy head and writes on
    education policy.") say who wrote the text; they are not part of its argument (logged). A name
    alone under the title is a byline when that signature or note names the same person. So do a
    formal letter's address blocks and date (:func:`_letterhead`) and the greeting under them or at
    the top ("Dear Sir or Madam,", :data:`SALUTATION`)."""
    body = [i for i, p in enumerate(paras) if p.kind == "body"]
    if len(body) < 3:
        return paras
    top = [i for i in range(1, min(4, len(paras))) if paras[i].kind in {"body", "heading"}]  # under the title
    byline = {  # short and unended, it may have been taken for a heading
        i
        for i in top
        if _short_unended(paras[i])
        and (BYLINE.match(paras[i].text) or NAME_LINE.match(paras[i].text) or POSTED_BY.match(paras[i].text))
    }
    last = paras[-1]
    signed = (
        last.kind == "body"
        and _short_unended(last)
        and bool(SIGNATURE_NAME.match(last.text) or VALEDICTION.match(last.text) or FIRST_NAME.match(last.text))
    )
    # the note on the author closes the text, or stands just before a call to action or a list of links
    noted = {
        i
        for i in range(max(1, len(paras) - 3), len(paras))
        if paras[i].kind == "body"
        and len(WORD.findall(paras[i].text)) <= MAX_AUTHOR_NOTE_WORDS
        and AUTHOR_NOTE.match(_bare(paras[i].text))
    } - byline
    ends = {len(paras) - 1} if signed else noted
    # a name alone under the title ("Jo Bloggs") is the byline when the closing signature or note names them
    names = {m.group().strip() for i in ends if (m := SIGNATURE_NAME.match(_bare(paras[i].text)))}
    byline |= {i for i in top if _bare(paras[i].text) in names} - ends
    # a letter's address blocks and date; then a greeting on its own line opens the text, or stands
    # just under its title
    head = _letterhead(paras) - ends
    log.extend(_boilerplate_entry(paras[i], step="letter address removed") for i in sorted(head))
    top = max(head) + 1 if head else 0
    greeting = {i for i in (top, top + 1) if i < len(paras) and paras[i].kind in {"body", "heading"}}
    greeting = {i for i in greeting if SALUTATION.match(paras[i].text) and (i == top or paras[top].kind == "heading")}
    greeting = {i for i in greeting if i == min(greeting)} - ends
    log.extend(_boilerplate_entry(paras[i], step="salutation removed") for i in sorted(greeting))
    log.extend(_boilerplate_entry(paras[i], step="byline removed") for i in sorted(byline))
    step = "signature removed" if signed else "author's note removed"
    log.extend(_boilerplate_entry(paras[i], step=step) for i in sorted(ends))
    return [p for i, p in enumerate(paras) if i not in byline | ends | greeting | head]


def _speaker_mark(p: Paragraph, log: list[dict]) -> None:
    """An interview's "Q:" or "A:" opening a paragraph goes to its ``marker``, as a list bullet
    does, so "A: No." reads as the answer "No." to the question before it; so does a transcript's
    speaker ("OKAFOR: Karen's bank is impressive ..."), so the turn's sentences are the speaker's
    words without the name (in place, logged)."""
    m = SPEAKER_MARK.match(p.text) if p.kind == "body" else None
    if m is None:
        return
    colon = p.text.index(":", m.end("marker"))
    log.append(
        {
            "step": "speaker mark kept as the paragraph's marker",
            "raw_start": p.raw[0],
            "raw_end": p.raw[colon] + 1,
            "text": p.text[: colon + 1],
        }
    )
    p.marker, p.text, p.raw = m.group("marker") + ":", p.text[m.end() :], p.raw[m.end() :]


# A report's or a structured abstract's section named at the start of its paragraph, before a capital
# ("Background: ...", "Methods. We compared ...", "Conclusions: ...", "The case for phone. ...", "Our
# view. Start with the phone."). "Bottom line:" and "In short:"
# stay in their sentence: the thesis rules read them there as the writer summing up.
RUN_IN_HEADING = re.compile(
    r"^(?i:background|introduction|context|objectives?|aims?|purpose|methods?|methodology|design|setting|"
    r"results?|findings|discussion|interpretation|limitations?|conclusions?|recommendations?|implications|"
    r"(?:our|my|the) (?:view|verdict|recommendation)|verdict|the case (?:for|against)(?: [^\s.:]+){1,5})"
    r"\s*[:.](?=\s+[A-Z0-9\"'\u201c])"
)


def _split_run_in_headings(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """A section name that runs into its paragraph ("Conclusions: A callback option ...") becomes
    a heading of its own over the rest (logged), so the paragraph is read as that section's, as
    under a heading on its own line: "Conclusions" marks a concluding paragraph."""
    out = []
    for p in paras:
        m = RUN_IN_HEADING.match(p.text) if p.kind == "body" else None
        if m is None:
            out.append(p)
            continue
        after = p.text[m.end() :]
        rest = m.end() + len(after) - len(after.lstrip())
        log.append(
            {
                "step": "section name made a heading",
                "raw_start": p.raw[0],
                "raw_end": p.raw[m.end() - 1] + 1,
                "text": m.group(),
            }
        )
        out.append(Paragraph(m.group()[:-1].rstrip(), p.raw[: m.end() - 1], kind="heading"))
        out.append(Paragraph(p.text[rest:], p.raw[rest:], marker=p.marker, n_lines=p.n_lines))
    return out


def _boilerplate_entry(p: Paragraph, pattern: str = "", *, step: str = "boilerplate removed") -> dict:
    """The cleaning-log row of a paragraph cut whole (as boilerplate, with the pattern that matched,
    or under another ``step``)."""
    return {"step": step, "raw_start": p.raw[0], "raw_end": p.raw[-1] + 1, "text": p.text, "pattern": pattern}


def _strip_trailing_paragraph_boilerplate(paras: list[Paragraph], log: list[dict]) -> list[Paragraph]:
    """The HTML counterpart of :func:`strip_trailing_boilerplate`, on paragraphs."""
    while paras and (pattern := boilerplate_match(paras[-1].text)) is not None:
        p = paras.pop()
        log.append(_boilerplate_entry(p, pattern))
    return paras


def _cut_paragraph_boilerplate(
    paras: list[Paragraph], log: list[dict], *, repeated: dict[str, int] | None = None
) -> list[Paragraph]:
    """The HTML counterpart of :func:`cut_boilerplate_lines`: whole paragraphs matching an
    ``anywhere:`` pattern or repeated across the corpus (:func:`_repeated_cuts`)."""
    again = _repeated_cuts([(p.text, i) for i, p in enumerate(paras)], repeated) if repeated else {}
    kept = []
    for i, p in enumerate(paras):
        pattern = boilerplate_match(p.text, anywhere_only=True)
        if pattern is None and i in again:
            pattern = f"repeated in {again[i]} files"
        if pattern is None:
            kept.append(p)
        else:
            log.append(_boilerplate_entry(p, pattern))
    return kept
