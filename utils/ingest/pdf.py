"""The text of a PDF (``.pdf``), read with pypdf (pure Python, its text layer only: no OCR).

Each page's text as pypdf extracts it, in order, without what stands in the page's top and bottom
margins (headers, footers, page numbers), a line in larger type written ``# ...`` as a heading;
pages are separated by a form feed on a line of its own (``\\n\\f\\n``), so the cleaner can tell
the pages apart and cut what still repeats at the top or bottom of them (running heads, page
numbers, a browser's print stamp; see :func:`running_lines`). Ligatures that PDF fonts keep as
one glyph ("ﬁ", "ﬂ") become their letters. The result is deterministic, so the offsets of every
sentence point into this text, which :func:`pdf_text` rebuilds from the file at any time.
"""

from __future__ import annotations

import io
import re
import unicodedata

from utils.ingest.decode import Decoded, DecodeError

PAGE_BREAK = "\n\f\n"
MAX_PAGES = 500  # a longer PDF is a book or a report, not an article
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# what stands alone at the top or bottom of a page: "3", "- 3 -", "Page 3", "Page 3 of 10", "3/10"
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\W*$", re.I)
# a browser's print header and footer: "12/4/26, 10:55 PM  Title | Site" and "https://... 1/3"
_PRINT_STAMP = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b|^(?:https?|file)://\S+\s+\d{1,4}/\d{1,4}\s*$", re.I
)
EDGE_LINES = 2  # lines at each end of a page that may be running heads or feet
MARGIN = 0.04  # the top and bottom share of a page where only headers, footers and page numbers stand
HEADING_SIZE = 1.2  # a line in type this much larger than the body's is a heading
MAX_HEADING_LINES = 3  # a heading wraps onto at most this many lines


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages, joined by :data:`PAGE_BREAK`.

    Raises:
        DecodeError: not a PDF pypdf can read, encrypted, too long, or with no text layer.

    Example:
        >>> pdf_text(b"not a pdf")
        Traceback (most recent call last):
        ...
        utils.ingest.decode.DecodeError: is not a readable PDF: ...
    """
    from pypdf import PdfReader  # only when a folder holds a PDF
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecodeError("is an encrypted PDF: open it and save its text as .txt")
        if len(reader.pages) > MAX_PAGES:
            raise DecodeError(f"is a PDF of {len(reader.pages):,} pages: a book or a report, not an article")
        pages = _with_headings([_page_lines(page) for page in reader.pages])
    except DecodeError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DecodeError(f"is not a readable PDF: {str(exc)[:120] or type(exc).__name__}") from None
    pages = [_LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), p).strip("\n") for p in pages]
    if not any(p.strip() for p in pages):
        raise DecodeError(
            "is a PDF with no text layer (a scanned image?): run it through OCR, or save its text as .txt"
        )
    return PAGE_BREAK.join(pages) + "\n"


def _page_lines(page) -> list[tuple[str, float]]:
    """A page's lines with the size of their largest type, without what is printed in the page's
    top and bottom :data:`MARGIN` (a browser's print header and footer, a journal's running heads,
    page numbers): pypdf's own reading order, each piece of text kept or dropped by where it stands
    (pypdf's documented visitor recipe)."""
    height = float(page.mediabox.height)
    low, high = float(page.mediabox.bottom) + MARGIN * height, float(page.mediabox.top) - MARGIN * height
    lines: list[list] = [["", 0.0]]

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]  # the text's baseline on the page
        if text.strip() and not low <= y <= high:
            return
        scale = abs(float(size or 0) * tm[3] * cm[3]) or abs(float(size or 0))
        for i, piece in enumerate(text.split("\n")):
            if i:  # a line break: every line break stays, a dropped head leaves none
                lines.append(["", 0.0])
            lines[-1][0] += piece
            if piece.strip():
                lines[-1][1] = max(lines[-1][1], scale)

    page.extract_text(visitor_text=visit)
    return [(text, size) for text, size in lines if text.strip()]


def _with_headings(pages: list[list[tuple[str, float]]]) -> list[str]:
    """Each page's text, a run of at most :data:`MAX_HEADING_LINES` lines set in type at least
    :data:`HEADING_SIZE` times the body's (the size most characters are set in) written as one
    ``# ...`` line, as the Markdown cleaner reads a heading (a heading that wraps stays one)."""
    chars: dict[float, int] = {}
    for page in pages:
        for text, size in page:
            chars[round(size, 1)] = chars.get(round(size, 1), 0) + len(text)
    body = max(chars, key=chars.get) if chars else 0.0
    out = []
    for page in pages:
        lines, i = [], 0
        while i < len(page):
            text, size = page[i]
            j = i + 1
            if body and size >= HEADING_SIZE * body:
                while j < len(page) and abs(page[j][1] - size) < 0.05 * size and j - i < MAX_HEADING_LINES:
                    j += 1
                lines.append("# " + " ".join(t.strip() for t, _ in page[i:j]))
            else:
                lines.append(text)
            i = j
        out.append("\n".join(lines))
    return out


def decode_pdf(data: bytes) -> Decoded:
    """:func:`pdf_text` as a :class:`utils.ingest.decode.Decoded` (encoding ``pdf``)."""
    return Decoded(pdf_text(data), "pdf")


def _shape(line: str) -> str:
    """A line with its digits blanked: "Page 3" and "Page 4" repeat as one running line."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def running_lines(lines: list[tuple[str, int]]) -> set[int]:
    """The start offsets of the lines that are page furniture, not the article: among the first
    and last :data:`EDGE_LINES` lines of each page, page numbers, a browser's print stamp, and any
    line that (digits aside) stands at the edge of at least half the pages (two pages at least).

    Args:
        lines: The text's lines with their start offsets (:func:`utils.ingest.clean.split_lines`),
            pages separated by a line holding only a form feed.

    Example:
        >>> text = "Op-ed | Page 1\\nFirst words of it.\\n\\f\\nOp-ed | Page 2\\nLast words.\\n2"
        >>> lines, at = text.split("\\n"), 0
        >>> starts = []
        >>> for ln in lines:
        ...     starts.append((ln, at)); at += len(ln) + 1
        >>> sorted(text[s:].split("\\n")[0] for s in running_lines(starts))
        ['2', 'Op-ed | Page 1', 'Op-ed | Page 2']
    """
    pages: list[list[tuple[str, int]]] = [[]]
    for line, start in lines:
        if line == "\f":
            pages.append([])
        elif line.strip():
            pages[-1].append((line, start))
    edges = [page[:EDGE_LINES] + page[-EDGE_LINES:] for page in pages if page]
    counts: dict[str, int] = {}
    for edge in edges:
        for shape in {_shape(line) for line, _ in edge}:
            counts[shape] = counts.get(shape, 0) + 1
    repeated = {s for s, n in counts.items() if n >= 2 and n >= len(edges) / 2}
    cut = set()
    for edge in edges:
        for line, start in edge:
            if _PAGE_NUMBER.match(line) or _PRINT_STAMP.match(line.strip()) or _shape(line) in repeated:
                cut.add(start)
    return cut
