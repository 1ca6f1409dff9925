"""The text of an OpenDocument text (``.odt``, LibreOffice and Google Docs' export), read with the
standard library alone, as :mod:`utils.ingest.docx` reads a Word document.

An ``.odt`` file is a zip archive whose ``content.xml`` holds the body. Each paragraph
(``text:p``) and heading (``text:h``, written ``# ...``) becomes one paragraph of text, in order,
separated by a blank line; a paragraph inside a list item is written ``- ...``. Text in tables,
frames, footnotes and endnotes, and deleted tracked changes, is left out: those are not the running
argument. The result is deterministic, so every sentence's offsets point into this text, which
:func:`odt_text` rebuilds from the file at any time.
"""

from __future__ import annotations

from xml.etree import ElementTree

from utils.ingest.decode import Decoded, DecodeError
from utils.ingest.docx import zipped_xml

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# left out with all they hold: notes, tracked changes (deleted text), tables, frames, the index
_SKIP = {
    f"{TEXT}note",
    f"{TEXT}tracked-changes",
    f"{TABLE}table",
    f"{DRAW}frame",
    f"{TEXT}table-of-content",
    f"{TEXT}sequence-decls",
}


def _inline_text(el: ElementTree.Element) -> str:
    """The visible text of a paragraph or heading: its text and spans, ``text:s`` as spaces,
    tabs and line breaks as spaces, notes left out."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        elif child.tag not in _SKIP:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: ElementTree.Element, out: list[str], *, in_list: bool = False) -> None:
    """Append the paragraphs under ``el`` in document order."""
    for child in el:
        if child.tag in _SKIP:
            continue
        if child.tag in (f"{TEXT}p", f"{TEXT}h"):
            text = " ".join(_inline_text(child).split())
            if text:
                out.append(("# " if child.tag == f"{TEXT}h" else "- " if in_list else "") + text)
        else:  # sections, lists, list items: their paragraphs in order
            _blocks(child, out, in_list=in_list or child.tag == f"{TEXT}list-item")


def odt_text(data: bytes) -> str:
    """The running text of an ``.odt`` file, headings as ``# ...`` and list items as ``- ...``.

    Raises:
        DecodeError: not a zip archive, no ``content.xml``, malformed XML or no text.

    Example:
        >>> odt_text(b"not a zip")
        Traceback (most recent call last):
        ...
        utils.ingest.decode.DecodeError: is not a readable OpenDocument text (.odt): not a zip archive
    """
    root = zipped_xml(data, "content.xml", what="is not a readable OpenDocument text (.odt)")
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    out: list[str] = []
    if body is not None:
        _blocks(body, out)
    if not out:
        raise DecodeError("is an OpenDocument text with no text in its paragraphs")
    return "\n\n".join(out) + "\n"


def decode_odt(data: bytes) -> Decoded:
    """:func:`odt_text` as a :class:`utils.ingest.decode.Decoded` (encoding ``odt``)."""
    return Decoded(odt_text(data), "odt")
