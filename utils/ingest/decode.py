"""Turn the bytes of an article file into text, or say clearly why we cannot.

Order of trust: a byte-order mark; strict UTF-8; a UTF-16 pattern of NUL bytes; then, for legacy
8-bit files, strict cp1252 *and* charset-normalizer's candidates, checked against each other
(a single charset guess is not trusted: charset-normalizer alone was seen to read cp1252 as cp1250).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


MAX_CONTROL_RATIO = 0.02  # real articles carry a few stray control characters; binary files far more


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why."""


def control_ratio(text: str) -> float:
    """Share of characters that are control characters or U+FFFD (0 for clean text)."""
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 text that lacks a BOM, recognised by NULs in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for share, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if share > 0.3 * half and min(even, odd) < 0.05 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _legacy_candidates(data: bytes) -> list[tuple[str, str]]:
    """Strict decodings of an 8-bit file, fewest control characters first, then most trusted first."""
    names = ["cp1252"]
    best = from_bytes(data)
    names += [m.encoding for m in best if m.encoding not in names][:3]
    names.append("latin-1")
    found = []
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        found.append((control_ratio(text), len(found), text, name))
    return [(text, name) for _, _, text, name in sorted(found)]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article file.

    Args:
        data: The file's bytes.

    Returns:
        ``(text, encoding)`` with the BOM removed; otherwise the text is as decoded, so
        character offsets into it locate quotes in the original file.

    Raises:
        DecodeError: empty, binary (NUL bytes outside UTF-16) or undecodable.

    Example:
        >>> decode_bytes("café".encode("cp1252"))
        ('café', 'cp1252')
    """
    if not data.strip():
        raise DecodeError("the file is empty (no text at all)")
    text, enc = None, None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text, enc = data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason}"
                ) from None
            break
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if text is None:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text, enc = utf16, "utf-16"
    if text is None:
        if b"\x00" in data:
            raise DecodeError("looks binary (contains NUL bytes), not a text article")
        candidates = _legacy_candidates(data)
        if not candidates:
            raise DecodeError(
                "could not be decoded: not UTF-8/UTF-16, and every 8-bit reading (cp1252, latin-1, "
                "charset-normalizer's guesses) gives control characters"
            )
        text, enc = candidates[0]
    if control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(
            f"cannot be decoded as text: its best reading ({enc}) is {control_ratio(text):.1%} control or "
            "replacement characters (binary or corrupt)"
        )
    if not text.strip():
        raise DecodeError("the file is empty (only white space)")
    return text, enc
