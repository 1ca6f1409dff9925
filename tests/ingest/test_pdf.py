"""PDF files: the text layer, without page furniture, with headings and broken sentences whole.

The fixture ``tests/fixtures/pdf/libraries-open-late.pdf`` is ``libraries-open-late.html`` (text
written for these tests) printed to PDF by headless Chromium (``--print-to-pdf``), as an analyst
saves a web page: two pages, the browser's print header (date, time, page title) and footer (the
file's address, "1/2") on each, headings in larger type, a sentence broken across the page break,
and "fi" set as a ligature.
"""

import io
import re
import shutil

import pytest

from utils import paths
from utils.ingest import ingest
from utils.ingest.decode import DecodeError
from utils.ingest.pdf import pdf_text

FIXTURE = paths.ROOT / "tests" / "fixtures" / "pdf" / "libraries-open-late.pdf"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copy(FIXTURE, folder / "libraries.pdf")
    return ingest(folder, progress=False)


def test_a_pdf_is_read_as_its_text_with_its_title_and_headings(corpus):
    [article] = corpus.articles.to_dict("records")
    assert article["format"] == "pdf" and article["title"] == "Libraries should stay open late"
    headings = corpus.sentences.loc[corpus.sentences["is_heading"], "text"].tolist()
    assert headings == [
        "Libraries should stay open late",
        "Who the evening is for",
        "What it would cost",
        "The verdict",
    ]
    assert corpus.warnings.empty


def test_the_browsers_print_header_and_footer_and_the_newsletter_line_are_not_sentences(corpus):
    text = " ".join(corpus.sentences["text"])
    for furniture in ("PM", "file:", "1/2", "2/2", "Borough Voice", "Sign up"):
        assert furniture not in text


def test_a_sentence_broken_across_the_page_break_is_one_sentence_and_ligatures_are_letters(corpus):
    body = corpus.sentences.loc[~corpus.sentences["is_heading"], "text"].tolist()
    assert (
        "But staffing two evenings a week would cost less than the annual fee the council pays for the "
        "self-service machines that sit idle at night." in body
    )
    assert any("if they fill up, as every survey suggests they will" in s for s in body)
    assert not any("\ufb01" in s for s in body)  # the "fi" ligature
    assert len(body) == 16


def test_sentence_offsets_point_into_the_pdfs_text(corpus):
    text = pdf_text(FIXTURE.read_bytes())
    for s in corpus.sentences.itertuples():  # line breaks aside ("self-" / "service" is "self-service")
        assert re.sub(r"-\s+", "-", " ".join(text[s.raw_start : s.raw_end].split())) == s.text


def _pdf(*, blank: bool = False, password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"%PDF-1.4 not really", "is not a readable PDF"),
        (_pdf(blank=True), "is a PDF with no text layer (a scanned image?): run it through OCR"),
        (_pdf(password="secret"), "is an encrypted PDF"),
    ],
)
def test_a_pdf_that_cannot_be_read_is_skipped_with_the_reason(tmp_path, data, problem):
    with pytest.raises(DecodeError, match=problem.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        pdf_text(data)
    (tmp_path / "bad.pdf").write_bytes(data)
    (tmp_path / "good.txt").write_text("Libraries should stay open late on weeknights. " * 3, encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    [warning] = corpus.warnings.to_dict("records")
    assert warning["file"] == "bad.pdf" and warning["problem"].startswith(problem) and warning["action"] == "skipped"
