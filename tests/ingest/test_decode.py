"""Encodings we must read, and files we must refuse with a clear reason."""

import codecs
import random

import pytest

from utils.ingest.decode import DecodeError, decode_bytes

_RNG = random.Random(1)
NOISE = bytes(_RNG.choice(range(1, 256)) for _ in range(3000))  # no NUL: not "binary"
TEXT = "The “customer-first” culture – it’s not fluff… café €5"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16"),  # no BOM: recognised by its NUL pattern
        (TEXT.encode("cp1252"), "cp1252"),  # smart quotes and the euro sign are 0x80-0x9f bytes
    ],
)
def test_decodes_the_text_exactly(data, encoding):
    assert decode_bytes(data) == (TEXT, encoding)


def test_latin1_without_cp1252_specials_reads_the_same_under_cp1252():
    # Every latin-1 byte outside 0x80-0x9f means the same in cp1252, so the reading is identical.
    text, _ = decode_bytes("naïve façade, résumé".encode("latin-1"))
    assert text == "naïve façade, résumé"


def test_charset_guess_is_not_trusted_alone():
    # charset-normalizer alone was seen to read cp1252 as cp1250; cp1252 must win here:
    # 0x9a is "š" in both, but 0x93/0x94 are curly quotes only in cp1252 (cp1250 has them too),
    # and 0x80 (euro) exists in both; what differs is 0xe6 ("æ" in cp1252, "ć" in cp1250).
    data = "Æsop’s “fables” cost €3 — æ".encode("cp1252")
    assert decode_bytes(data) == ("Æsop’s “fables” cost €3 — æ", "cp1252")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (NOISE, "control"),  # not UTF-8, no sane 8-bit reading, no charset guess
    ],
)
def test_refuses_unreadable_files_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_a_few_stray_control_characters_do_not_reject_an_article():
    # Real movie reviews carry \x12 and \x13 where quotes were; the article is still text.
    text, enc = decode_bytes(
        b"today\x12s movies are fun to watch, mostly, if you like them a lot and are patient. " * 20
    )
    assert enc == "utf-8" and "movies" in text
