"""The text of a Word document (``.docx``), read with the standard library alone.

A ``.docx`` file is a zip archive whose ``word/document.xml`` holds the paragraphs. Each body
paragraph becomes one paragraph of text, in order, separated by a blank line; a paragraph styled
as a heading (``Heading 1`` ... ``Title``, ``Subtitle``) is written ``# ...`` and a list
paragraph ``- ...``, so the Markdown cleaner sees headings and list items as Word marked them.
Text in tables, headers, footers, footnotes, comments and deleted tracked changes is left out:
those are not the running argument. The result is deterministic, so the offsets of every
sentence (``raw_start``, ``raw_end``) point into this text, which :func:`docx_text` rebuilds
from the file at any time.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from utils.ingest.decode import Decoded, DecodeError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 50_000_000  # a document.xml larger than this is not an article (or is a zip bomb)
_HEADING_STYLES = ("heading", "title", "subtitle")


def _paragraph_text(p: ElementTree.Element) -> str:
    """The visible text of one ``w:p``: runs' text, tabs, line breaks as spaces."""
    parts = []
    for node in p.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif node.tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def zipped_xml(data: bytes, part: str, *, what: str) -> ElementTree.Element:
    """The parsed XML of one part of a zipped document (a Word document's ``word/document.xml``,
    an OpenDocument text's ``content.xml``).

    Raises:
        DecodeError: ``what``, then why: not a zip archive, no such part, too large, malformed XML.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(part)
            if info.file_size > MAX_XML_BYTES:
                raise DecodeError(f"{what}: its text part is {info.file_size:,} bytes")
            return ElementTree.fromstring(archive.read(info))
    except zipfile.BadZipFile:
        raise DecodeError(f"{what}: not a zip archive") from None
    except KeyError:
        raise DecodeError(f"{what}: it has no {part}") from None
    except ElementTree.ParseError as exc:
        raise DecodeError(f"{what}: its XML is malformed ({exc})") from None


def docx_text(data: bytes) -> str:
    """The running text of a ``.docx`` file, headings as ``# ...`` and list items as ``- ...``.

    Raises:
        DecodeError: not a zip archive, no ``word/document.xml``, malformed XML or no text.

    Example:
        >>> docx_text(b"not a zip")
        Traceback (most recent call last):
        ...
        utils.ingest.decode.DecodeError: is not a readable Word document (.docx): not a zip archive
    """
    root = zipped_xml(data, "word/document.xml", what="is not a readable Word document (.docx)")
    body = root.find(f"{W}body")
    out = []
    for el in [] if body is None else body:
        if el.tag != f"{W}p":  # tables, section properties
            continue
        text = _paragraph_text(el).strip()
        if not text:
            continue
        style = el.find(f"{W}pPr/{W}pStyle")
        name = (style.get(f"{W}val", "") if style is not None else "").lower()
        if name.startswith(_HEADING_STYLES):
            text = "# " + text
        elif el.find(f"{W}pPr/{W}numPr") is not None or name.startswith("list"):
            text = "- " + text
        out.append(text)
    if not out:
        raise DecodeError("is a Word document with no text in its paragraphs")
    return "\n\n".join(out) + "\n"


def decode_docx(data: bytes) -> Decoded:
    """:func:`docx_text` as a :class:`utils.ingest.decode.Decoded` (encoding ``docx``)."""
    return Decoded(docx_text(data), "docx")
