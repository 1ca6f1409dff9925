"""Turn the bytes of an article file into text, or say clearly why we cannot.

Order of trust: a byte-order mark; strict UTF-8; a UTF-16 pattern of NUL bytes; then, for legacy
8-bit files, strict cp1252 *and* charset-normalizer's candidates, checked against each other
(a single charset guess is not trusted: charset-normalizer alone was seen to read cp1252 as cp1250).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# ftfy (pip package, data inside it) repairs mojibake: UTF-8 that was read as cp1252 before it reached us.
from ftfy import fix_encoding
from ftfy.badness import BADNESS_RE

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


MAX_CONTROL_RATIO = 0.02  # real articles carry a few stray control characters; binary files far more
LEGACY_ENCODINGS = ("cp1252", "gbk", "big5", "shift_jis", "cp437", "cp850")  # tried in this order of trust
CJK_SHARE_FOR_CJK_TEXT = 0.2  # CJK below this share of the letters is suspect in a Latin-script text

# Implausible in English / Latin-script text, whatever the context:
_SUSPECT = re.compile(
    r"[\x80-\x9f\ufffd\ue000-\uf8ff\uff61-\uff9f]"  # C1 controls, U+FFFD, private use, half-width katakana
    r"|(?<=[^\W\d_])[\u2500-\u259f]|[\u2500-\u259f](?=[^\W\d_])"  # box drawing touching a letter (not DOS line art)
    r"|[\u00a1-\u00bf]{2}"  # two Latin-1 symbols in a row: GBK / Big5 punctuation read as cp1252 ("¡°", "¡¯")
    r"|(?<=[^\W\d_])[‚„†‡ˆ‰‹›¡¢¤¦¨¬¯±¶¸¿ˇ]"  # a symbol straight after a letter: DOS "é" read as cp1252 ("caf‚")
    r"|(?<=[a-z])[\u00c0-\u00de](?=[a-z])"  # a capital inside a lower-case word: cp1252 "’" read as cp437 ("itÆs")
    r"|([\u00c0-\u00ff])\1\1"  # three identical Latin-1 letters: DOS box lines read as cp1252 ("ÄÄÄ", "ÍÍÍ")
)
_CJK = re.compile(
    r"[\u1100-\u11ff\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_ASCII_LETTER = re.compile(r"[A-Za-z]")


class DecodeError(ValueError):
    """The bytes are not readable text; the message says why."""


@dataclass(frozen=True)
class Decoded:
    """One decoded article file and how much to trust the reading."""

    text: str
    encoding: str
    repair: str = ""  # what was repaired after decoding ("" when nothing was)
    warning: str = ""  # why the text may still be mis-decoded ("" when it reads as plausible text)


def suspicious(text: str) -> list[tuple[int, int]]:
    """Spans of characters implausible in English / Latin-script text, a sign of a wrong decoding.

    C1 controls, U+FFFD, private-use and box-drawing characters; Latin-1 symbols in pairs or stuck
    to a letter; ftfy's mojibake sequences ("â€™", "Ã©"); and CJK characters when they are a small
    minority among Latin letters (a Chinese or Japanese article is not suspect). Pure ASCII is
    never suspect (checked first, so plain files cost nothing).

    Example:
        >>> [("It¡¯s fine"[s:e]) for s, e in suspicious("It¡¯s fine")]
        ['¡¯']
    """
    if text.isascii():
        return []
    spans = {m.span() for m in _SUSPECT.finditer(text)} | {m.span() for m in BADNESS_RE.finditer(text)}
    cjk = [m.span() for m in _CJK.finditer(text)]
    if cjk and len(cjk) < CJK_SHARE_FOR_CJK_TEXT * (len(cjk) + len(_ASCII_LETTER.findall(text))):
        spans.update(cjk)
    return sorted(spans)


def describe_suspicious(text: str, spans: list[tuple[int, int]], *, examples: int = 3) -> str:
    """A short, readable list of where the suspicious characters are, e.g. ``'¡¯' in "It¡¯s fine"``."""
    out, seen = [], set()
    for s, e in spans:
        chars = text[s:e]
        if chars in seen:
            continue
        seen.add(chars)
        context = " ".join(text[max(0, s - 15) : e + 15].split())
        out.append(f'{chars!r} in "…{context}…"')
        if len(out) == examples:
            break
    return "; ".join(out)


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
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    return None


def _legacy_candidates(data: bytes) -> list[tuple[str, str]]:
    """Strict decodings of a legacy file, fewest implausible characters (controls included) first,
    then most trusted first. charset-normalizer is asked only when no code page of
    :data:`LEGACY_ENCODINGS` gives a plausible reading (it is the slow part)."""
    found = []

    def consider(names):
        for name in names:
            if any(n == name for _, _, _, n in found):
                continue
            try:
                text = data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
            found.append((len(suspicious(text)) + len(_CONTROL.findall(text)), len(found), text, name))

    consider(LEGACY_ENCODINGS)
    if not found or min(found)[0] > 0:
        consider([m.encoding for m in from_bytes(data)][:3])
        consider(["latin-1"])
    return [(text, name) for _, _, text, name in sorted(found)]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of :func:`decode_article` (the text after any repair).

    Example:
        >>> decode_bytes("café".encode("cp1252"))
        ('café', 'cp1252')
    """
    decoded = decode_article(data)
    return decoded.text, decoded.encoding


def decode_article(data: bytes) -> Decoded:
    """Decode an article file, judge the reading, repair mojibake, and say what is still suspect.

    Args:
        data: The file's bytes.

    Returns:
        The text with the BOM removed (otherwise as decoded, or as repaired by ftfy when
        ``repair`` says so: deterministic, so character offsets into it locate quotes again),
        the encoding, the repair and a warning naming suspicious characters left in the text.

    Raises:
        DecodeError: empty, binary (NUL bytes outside UTF-16) or undecodable.

    Example:
        >>> decode_article("It’s “fine”".encode("gbk"))
        Decoded(text='It’s “fine”', encoding='gbk', repair='', warning='')
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
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text, enc = utf16
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
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
    repair, warning = "", ""
    bad = suspicious(text)
    if bad:
        fixed = fix_encoding(text)
        fixed_bad = suspicious(fixed)
        if len(fixed_bad) < len(bad):
            repair = f"mojibake repaired by ftfy.fix_encoding ({len(bad) - len(fixed_bad)} sequence(s))"
            text, bad = fixed, fixed_bad
    if control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(
            f"cannot be decoded as text: its best reading ({enc}) is {control_ratio(text):.1%} control or "
            "replacement characters (binary or corrupt)"
        )
    if not text.strip():
        raise DecodeError("the file is empty (only white space)")
    if bad:
        warning = (
            f"may be mis-decoded: read as {enc}, {len(bad)} character(s) implausible in English text, e.g. "
            f"{describe_suspicious(text, bad)}"
        )
    return Decoded(text, enc, repair, warning)
