"""Encodings we must read, and files we must refuse with a clear reason."""

import codecs
import random

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", to make mojibake as real tools did)
import pytest

from utils.ingest.decode import DecodeError, decode_article, decode_bytes, suspicious

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
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its NUL pattern
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


# ------------------------------------------------------------------ judging the reading

ENGLISH = (
    "The “customer-first” culture isn’t fluff — it’s how leaders act… every day.\n"
    "Staff said “we’re proud”, and the ‘numbers’ agreed.\n"
) * 5


@pytest.mark.parametrize("encoding", ["gbk", "big5", "shift_jis"])
def test_mostly_ascii_text_with_east_asian_punctuation_is_read_in_its_code_page(encoding):
    # cp1252 decodes these bytes without an error ("it¡¯s", "¡°customer"); the junk used to rank as top terms.
    text = ENGLISH.replace("—", "-") if encoding == "shift_jis" else ENGLISH  # Shift-JIS has no em dash
    data = text.encode(encoding)
    assert decode_article(data) == (decoded := decode_article(data)) and decoded.text == text
    assert (decoded.encoding, decoded.repair, decoded.warning) == (encoding, "", "")


@pytest.mark.parametrize("encoding", ["cp437", "cp850"])
def test_dos_code_page_accents_are_read_in_the_dos_code_page(encoding):
    text = "The café served a naïve crème brûlée to the façade of élite critics. Déjà vu.\n" * 3
    decoded = decode_article(text.encode(encoding))
    assert decoded.text == text and decoded.encoding in {"cp437", "cp850"} and decoded.warning == ""


def test_dos_box_drawing_is_read_as_box_drawing_not_as_cp1252_letters():
    text = "┌──────────┐\n│ Summary  │\n└──────────┘\nThe results are in, and they are clear.\n"
    decoded = decode_article(text.encode("cp437"))
    assert decoded.text == text and decoded.encoding == "cp437"


def test_utf8_read_as_cp1252_upstream_is_repaired_by_ftfy_and_the_repair_recorded():
    mojibake = ENGLISH.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")  # "itâ€™s" saved as UTF-8
    decoded = decode_article(mojibake)
    assert decoded.text == ENGLISH and decoded.encoding == "utf-8"
    assert "ftfy.fix_encoding" in decoded.repair and decoded.warning == ""


def test_ftfy_repair_never_straightens_quotes_or_changes_line_breaks():
    text = "It’s “fine”.\r\nCafé.\rNext.\n"
    assert decode_article(text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")).text == text


def test_implausible_characters_that_cannot_be_repaired_are_kept_with_a_warning_showing_them():
    data = (
        "Our leaders act every day and the staff agree with them.\n".encode("ascii") * 5 + "Good 東 service.\n".encode()
    )
    decoded = decode_article(data)
    assert "東" in decoded.text
    assert (
        "may be mis-decoded" in decoded.warning and "'東'" in decoded.warning and "Good 東 service" in decoded.warning
    )


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        ENGLISH,
        "naïve façade, résumé, Dvořák, Straße, São Paulo, ¿Qué? ¡Hola! 10°C, ½, «mot», © 2024™",
        "東京は大きい都市です。人口は多いです。" * 5,  # a Japanese article is not suspect
        "Section one ends here.\n\n———\n\n★★★ Five stars → worth it ✓ 🙂 • next • last\n",  # separators, arrows, emoji
    ],
)
def test_plausible_text_is_not_suspect(text):
    assert suspicious(text) == []
    assert decode_article(text.encode("utf-8")).warning == ""


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_plain_ascii_utf16_without_bom_is_detected(codec):
    # ASCII in UTF-16 is also valid UTF-8 (with a NUL every other byte): it used to be refused as control characters.
    text = "Customer experience is not fluff. It pays.\n" * 4
    assert decode_bytes(text.encode(codec)) == (text, codec)
