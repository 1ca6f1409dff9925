"""Ingest a folder of articles into tidy, traceable tables, and read them back with a schema check.

Tables (one row per ...):
- ``articles``: article; id, file, title, author, group, date, encoding (and ``repair``: what decoding repaired, "" when nothing), SHA-256 and computed counts.
  ``group`` is what the article is compared by (:func:`article_group`: its sub-folder, or a
  manifest column such as ``outlet``); ``date`` is the manifest's ``date`` (or ``year``) as written.
- ``paragraphs``: paragraph; kind (body / heading / list_item), list marker, text.
- ``sentences``: sentence; id ``<article>-p<NN>-s<NN>``, offsets into the cleaned text
  (``start``/``end``) and into the decoded raw file (``raw_start``/``raw_end``, ``raw_line``).
- ``tokens``: token; offsets into the cleaned text, ``is_word`` for word counts.
- ``cleaning``: each thing cleaning removed or re-joined, with its raw offsets (and, for boilerplate,
  the lexicon ``pattern`` that matched).
- ``warnings``: each file that was skipped, and why; and each file kept with a doubt (a reading
  with characters implausible in English text), with examples.

Per-file problems (empty, binary, undecodable, no words, too large, duplicate, unsafe name, broken
or looping link) skip that file with a warning; a corpus-level problem (no readable article, a bad manifest) stops before anything
is written. Outputs are written to a staging folder and moved into place only when complete, and
never into the corpus folder itself.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import sys
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from tqdm import tqdm

from utils import paths, tables
from utils.ingest.clean import (
    FOOTNOTE_STEP,
    FRONT_MATTER_FIELDS,
    LINE_BREAK,
    REPEAT_MIN_FILES,
    clean_text,
    html_paragraph_keys,
    line_keys,
    repeated_lines,
)
from utils.ingest.decode import Decoded, DecodeError, decode_article
from utils.ingest.docx import decode_docx
from utils.ingest.odt import decode_odt
from utils.ingest.pdf import decode_pdf
from utils.ingest.segment import sentence_spans
from utils.tables import SCHEMA, SchemaError  # noqa: F401 - SchemaError re-exported
from utils.text import TOKEN, is_word, load_stopwords, straighten

MAX_BYTES = 5_000_000
FORMATS = paths.FORMATS
MANIFEST_NAMES = ("articles.csv", "articles.yaml", "articles.yml")
FOLDER = "folder"  # group_by value: the first sub-folder of each file (``pos/``, ``neg/``)
YEAR = re.compile(r"\b(1[5-9]\d\d|2[01]\d\d)\b")
PROGRESS_MIN_FILES = 20
# A corpus folder's own documentation (README.md, SOURCE.md, LICENSE.txt ...) is not an article:
# skipped with a warning unless the manifest lists it.
DOC_NAMES = frozenset(
    {"readme", "source", "sources", "license", "licence", "copying", "changelog", "citation", "notice"}
)


class IngestError(RuntimeError):
    """A corpus-level problem: nothing was written."""


@dataclass
class Corpus:
    """The processed tables of one corpus."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    cleaning: pd.DataFrame
    warnings: pd.DataFrame


@dataclass
class _Skip(Exception):
    problem: str


# ---------------------------------------------------------------- finding and reading files


def unsafe_name_problem(name: str) -> str | None:
    """Why a file name or id could escape an output folder, or ``None`` when it is safe.

    Example:
        >>> unsafe_name_problem("..\\\\..\\\\evil.txt") is not None
        True
    """
    if "/" in name or "\\" in name or name.startswith("..") or name in {".", ""}:
        return f"name {name!r} contains a path separator or '..' and would escape the output folder"
    if any(ord(c) < 32 for c in name):
        return f"name {name!r} contains control characters"
    return None


def read_manifest(corpus_dir: Path) -> dict[str, dict]:
    """Read ``articles.csv`` / ``articles.yaml`` from a corpus folder, keyed by file name.

    Columns: ``file``, and optionally ``id`` (blank or missing: the id comes from the file name, as
    for a file the manifest does not list), ``title``, ``author`` and any others (``group``,
    ``outlet``, ``date`` ...), kept as text for :func:`article_group`.

    Raises:
        IngestError: the manifest is malformed or points outside the folder.
    """
    for name in MANIFEST_NAMES:
        path = corpus_dir / name
        if path.exists():
            break
    else:
        return {}
    try:
        if path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        else:
            rows = paths.load_yaml(path.read_text(encoding="utf-8")) or []
    except (UnicodeDecodeError, csv.Error, yaml.YAMLError) as exc:
        raise IngestError(f"{path}: manifest cannot be read: {exc}") from None
    out: dict[str, dict] = {}
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("file"):
            raise IngestError(f"{path}: row {i} needs a 'file' (the article's file name in the folder)")
        file = str(row["file"])
        target = (corpus_dir / file).resolve()
        if not target.is_relative_to(corpus_dir.resolve()):
            raise IngestError(f"{path}: row {i}: file {file!r} points outside the corpus folder")
        cells = {str(k).strip().lower(): ("" if v is None else str(v)).strip() for k, v in row.items() if k}
        out[file] = {"title": "", "author": "", **cells}
    return out


def manifest_columns(manifest: dict[str, dict]) -> list[str]:
    """The columns a manifest has beyond ``id`` and ``file``, in the order first seen."""
    return list(dict.fromkeys(k for row in manifest.values() for k in row if k not in {"id", "file"}))


def check_group_by(group_by: str | None, manifest: dict[str, dict], corpus_dir: Path) -> None:
    """Stop before reading anything when ``group_by`` names a column the manifest lacks (an
    ``author`` or a ``date`` may still come from Markdown front matter).

    Raises:
        IngestError: the column is missing (the message lists the columns there are).
    """
    if group_by in (None, "", FOLDER):
        return
    columns = manifest_columns(manifest)
    # a Markdown file's front matter may give an author or a date (utils.ingest.clean.front_matter)
    if group_by.lower() not in columns and group_by.lower() not in FRONT_MATTER_FIELDS:
        there = ", ".join(c for c in columns if c not in {"title"}) or "none"
        raise IngestError(
            f"{corpus_dir}: cannot group by {group_by!r}: the manifest (articles.csv) has no such column "
            f"(its columns: {there}); use 'folder' to group by sub-folder"
        )


def article_group(rel: str, meta: dict, group_by: str | None) -> str:
    """The group an article belongs to, or ``""`` when it has none.

    Args:
        rel: The file's path inside the corpus folder (``pos/cv000.txt``).
        meta: Its manifest row (empty when the manifest does not list it).
        group_by: ``"folder"`` (its first sub-folder), a manifest column (``group``, ``author``,
            ``outlet``, ``date`` ...; a ``date`` groups by year), or ``None``: the sub-folder when
            the file sits in one, else the manifest's ``group`` column.

    Example:
        >>> article_group("pos/cv000.txt", {}, None), article_group("a.txt", {"date": "2019-03-01"}, "date")
        ('pos', '2019')
    """
    folder = rel.split("/")[0] if "/" in rel else ""
    if group_by in (None, ""):
        return folder or meta.get("group", "")
    if group_by == FOLDER:
        return folder
    value = meta.get(group_by.lower(), "")
    if group_by.lower() in {"date", "year"}:
        found = YEAR.search(value)
        return found.group(1) if found else ""
    return value


def not_an_article_place(corpus_dir: Path, p: Path) -> bool:
    """Whether a file sits where no article does: a hidden file or folder (.DS_Store, ._resource
    forks, .git; a "..name" is not hidden but unsafe), or the resources folder a browser saves beside
    a page ("Op-ed_files/" beside "Op-ed.html": its scripts, styles and embedded frames).

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp()); _ = (d / "Op-ed.html").write_text("<p>Hi</p>")
        >>> (d / "Op-ed_files").mkdir(); _ = (d / "Op-ed_files" / "saved_resource.html").write_text("<p>Ad</p>")
        >>> not_an_article_place(d, d / "Op-ed_files" / "saved_resource.html"), not_an_article_place(d, d / "Op-ed.html")
        (True, False)
    """
    parts = p.relative_to(corpus_dir).parts
    if any(part.startswith(".") and not part.startswith("..") for part in parts):
        return True
    folder = corpus_dir
    for part in parts[:-1]:
        if part.endswith("_files") and any((folder / f"{part[:-6]}{s}").is_file() for s in (".html", ".htm")):
            return True
        folder = folder / part
    return False


def find_article_files(corpus_dir: Path) -> list[Path]:
    """Article files (``.txt``, ``.md``, ``.html`` ...) in a folder and its sub-folders, sorted by path."""
    found = [
        p
        for p in corpus_dir.rglob("*")
        if p.suffix.lower() in FORMATS and p.is_file() and not not_an_article_place(corpus_dir, p)
    ]
    return sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix())


# Documents an analyst may drop in that are not read: each is named with what to do instead.
UNREAD_DOCUMENTS = {
    ".doc": "an old-style Word document (.doc; save it as .docx)",
    ".rtf": "a Rich Text file",
    ".pages": "a Pages document",
    ".epub": "an e-book",
}


def find_unread_documents(corpus_dir: Path) -> list[tuple[str, str]]:
    """Old Word, Rich Text and other documents in the folder, which are not read, as ``(relative
    path, problem)``, so that the analyst learns why an article is missing rather than finding it gone.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp()); _ = (d / "op-ed.rtf").write_bytes(b"{\\rtf1")
        >>> find_unread_documents(d)[0][1].startswith("is a Rich Text file; only")
        True
    """
    out = []
    for p in corpus_dir.rglob("*"):
        rel = p.relative_to(corpus_dir)
        kind = UNREAD_DOCUMENTS.get(p.suffix.lower())
        if kind and p.is_file() and not not_an_article_place(corpus_dir, p):
            out.append(
                (
                    rel.as_posix(),
                    f"is {kind}; only {', '.join(sorted(FORMATS))} files are read: save its text as .txt "
                    "(or the page as .html) and run again",
                )
            )
    return sorted(out)


def find_bad_links(corpus_dir: Path) -> list[tuple[str, str]]:
    """Symbolic links in a folder that lead nowhere (broken) or back to themselves (a loop), as
    ``(relative path, problem)``: article-named links, and links without a suffix (perhaps to a folder)."""
    out = []
    for p in corpus_dir.rglob("*"):
        rel = p.relative_to(corpus_dir)
        if not p.is_symlink() or any(part.startswith(".") and not part.startswith("..") for part in rel.parts):
            continue
        if p.suffix and p.suffix.lower() not in FORMATS:
            continue
        try:
            p.stat()
        except OSError as exc:
            target = os.readlink(p)
            if exc.errno == errno.ELOOP:
                out.append((rel.as_posix(), f"is a symbolic link that loops (via {target!r}); not read"))
            else:
                out.append(
                    (rel.as_posix(), f"is a broken symbolic link: its target {target!r} does not exist; not read")
                )
    return sorted(out)


def read_article_bytes(path: Path, corpus_dir: Path, *, max_bytes: int) -> bytes:
    """Read one file's bytes after the safety checks that do not need its content."""
    problem = unsafe_name_problem(path.name)
    if problem:
        raise _Skip(problem)
    if not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise _Skip(f"is a link to {path.resolve()}, outside the corpus folder")
    size = path.stat().st_size
    if size > max_bytes:
        raise _Skip(f"is {size:,} bytes, over the {max_bytes:,}-byte limit for one article")
    return path.read_bytes()


# ---------------------------------------------------------------- one article to rows


def article_rows(
    article_id: str, raw: str, *, fmt: str, repeated: dict[str, int] | None = None
) -> dict[str, list[dict]]:
    """Clean and segment one decoded article into rows for every table.

    Args:
        article_id: The article's id (already checked safe).
        raw: The decoded file text.
        fmt: ``txt``, ``md`` or ``html``.
        repeated: Lines repeated across the corpus, cut as its boilerplate
            (:func:`utils.ingest.clean.repeated_lines`).

    Returns:
        ``{"paragraphs": [...], "sentences": [...], "tokens": {...}, "cleaning": [...]}``; the
        tokens as ``token``, ``start``, ``end`` and ``is_word`` lists (in reading order) and
        ``per_sentence`` (how many tokens each sentence has): :func:`token_frame` makes the table.
    """
    cleaned = clean_text(raw, fmt=fmt, repeated=repeated)
    if not cleaned.paragraphs:
        raise _Skip("has no text left after cleaning (only boilerplate or markup)")
    line_starts = _line_starts(raw)
    paras, sents, cleaning = [], [], [{"article_id": article_id, "pattern": "", **row} for row in cleaned.log]
    # where cleaning cut a reference mark ("homework.[1]"): the sentence it closes cites a numbered note
    note_marks = sorted(row["raw_start"] for row in cleaned.log if row["step"] == FOOTNOTE_STEP)
    toks: dict[str, list] = {"token": [], "start": [], "end": [], "is_word": [], "per_sentence": []}
    word_flag: dict[str, bool] = {}  # is_word of each distinct token (most tokens repeat)
    offset, word_offset = 0, 0
    for p_i, par in enumerate(cleaned.paragraphs, start=1):
        pid = f"{article_id}-p{p_i:02d}"
        paras.append(
            dict(
                article_id=article_id,
                paragraph_id=pid,
                paragraph_index=p_i,
                kind=par.kind,
                marker=par.marker,
                start=offset,
                end=offset + len(par.text),
                raw_start=par.raw[0],
                raw_end=par.raw[-1] + 1,
                n_lines=par.n_lines,
                text=par.text,
            )
        )
        sent_spans = [(0, len(par.text))] if par.kind == "heading" else sentence_spans(par.text)
        for s_i, (s, e) in enumerate(sent_spans, start=1):
            sid = f"{pid}-s{s_i:02d}"
            text = par.text[s:e]
            found = list(TOKEN.finditer(text))
            words_here = [m.group() for m in found]
            word_flag.update((t, is_word(t)) for t in set(words_here).difference(word_flag))
            flags = [word_flag[t] for t in words_here]
            words = sum(flags)
            base = offset + s
            toks["token"] += words_here
            toks["start"] += [base + m.start() for m in found]
            toks["end"] += [base + m.end() for m in found]
            toks["is_word"] += flags
            toks["per_sentence"].append(len(found))
            raw_start = par.raw[s]
            sents.append(
                dict(
                    article_id=article_id,
                    paragraph_id=pid,
                    sentence_id=sid,
                    sentence_index=len(sents) + 1,
                    is_heading=par.kind == "heading",
                    start=offset + s,
                    end=offset + e,
                    raw_start=raw_start,
                    raw_end=par.raw[e - 1] + 1,
                    raw_line=_line_of(line_starts, raw_start),
                    word_offset=word_offset,
                    n_words=words,
                    notes=0,
                    text=text,
                )
            )
            word_offset += words
        offset += len(par.text) + 2  # paragraphs are joined by a blank line in the cleaned text
    if not word_offset:
        raise _Skip("has no words (only punctuation, symbols or markup); an article needs at least one word")
    starts = [row["raw_start"] for row in sents]
    for mark in note_marks:  # the last sentence starting before the mark is the one it follows
        k = bisect_right(starts, mark) - 1
        if k >= 0:
            sents[k]["notes"] += 1
    return {
        "paragraphs": paras,
        "sentences": sents,
        "tokens": toks,
        "cleaning": cleaning,
        "title": cleaned.title or cleaned.about.get("title", ""),
        "about": cleaned.about,
    }


def _line_starts(text: str) -> list[int]:
    """Offsets where lines start; ``\\r\\n``, a lone ``\\r`` (old Mac) and ``\\n`` each end one line."""
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset)


# ---------------------------------------------------------------- the whole folder


@dataclass
class _Read:
    """What reading one file gave: a problem, or the decoded text (then the article's rows)."""

    rel: str
    problem: str | None = None
    digest: str = ""
    article_id: str = ""
    meta: dict = field(default_factory=dict)
    encoding: str = ""
    repair: str = ""
    doubt: str = ""  # why the reading may be wrong, for a warning (the article is kept)
    fmt: str = ""
    size: int = 0
    raw: str = ""
    art: dict | None = None


def decode_file(data: bytes, suffix: str) -> Decoded:
    """An article file's text: a Word document's or an OpenDocument text's paragraphs
    (:mod:`utils.ingest.docx`, :mod:`utils.ingest.odt`), a PDF's text layer (:mod:`utils.ingest.pdf`),
    else the decoded bytes (:func:`utils.ingest.decode.decode_article`). Raises ``DecodeError``."""
    readers = {"docx": decode_docx, "odt": decode_odt, "pdf": decode_pdf}
    return readers.get(FORMATS.get(suffix.lower(), ""), decode_article)(data)


def _load_one(task: tuple[Path, Path, dict, int]) -> _Read:
    """Read, decode and check one file (its rows come from :func:`_rows_of`)."""
    path, corpus_dir, meta, max_bytes = task
    rel = path.relative_to(corpus_dir).as_posix()
    try:
        if not meta and path.stem.lower() in DOC_NAMES:
            raise _Skip(
                f"is named like the folder's documentation ({path.stem}), not an article: "
                "list it in the manifest (articles.csv) or rename it to read it as one"
            )
        data = read_article_bytes(path, corpus_dir, max_bytes=max_bytes)
        try:
            decoded = decode_file(data, path.suffix)
        except DecodeError as exc:
            raise _Skip(str(exc)) from None
        article_id = meta.get("id") or paths.slugify(path.stem)
        problem = unsafe_name_problem(article_id) or (
            None
            if paths.slugify(article_id) == article_id
            else f"id {article_id!r} may only use letters, digits, _ and -"
        )
        if problem:
            raise _Skip(problem)
    except _Skip as skip:
        return _Read(rel, skip.problem)
    except OSError as exc:
        return _Read(rel, f"cannot be read: {exc.strerror}")
    return _Read(
        rel,
        None,
        hashlib.sha256(data).hexdigest(),
        article_id,
        meta,
        decoded.encoding,
        decoded.repair,
        decoded.warning,
        FORMATS[path.suffix.lower()],
        len(data),
        decoded.text,
    )


NEAR_COPY_SHARE = 0.5  # a file with more of its distinct lines repeated is a near copy, not boilerplate


def corpus_boilerplate(reads: list[_Read]) -> tuple[dict[str, int], dict[str, str]]:
    """Lines repeated across the files (:func:`clean.repeated_lines`; paragraphs of HTML pages),
    each distinct file counted once; and the files that are mostly such lines (near copies of
    each other, say two drafts of one article), which keep them, with a note for a warning.

    Returns:
        ``(repeated, near_copies)``: line key -> number of files; file -> the warning's text.
    """
    keys, seen = {}, set()
    for r in reads:
        if r.problem is None and r.digest not in seen:
            seen.add(r.digest)
            keys[r.rel] = html_paragraph_keys(r.raw) if r.fmt == "html" else line_keys(r.raw)
    # a line in two files already makes a near copy (a review posted twice); it is the corpus's
    # boilerplate, cut from every file, only from REPEAT_MIN_FILES files on
    in_two = repeated_lines(list(keys.values()), min_files=2)
    repeated = {k: n for k, n in in_two.items() if n >= REPEAT_MIN_FILES}
    near: dict[str, str] = {}
    for rel, own in keys.items():
        shared, lines = own & in_two.keys(), own - {""}
        if shared and len(shared) > NEAR_COPY_SHARE * len(lines):
            near[rel] = (
                f"{len(shared)} of its {len(lines)} lines stand word for word in other files, most "
                f"in {_likeliest_original(rel, shared, keys)}: a near copy? Kept whole (no line cut as the "
                "corpus's boilerplate)"
            )
    return repeated, near


def _likeliest_original(rel: str, shared: set[str], keys: dict[str, set[str]]) -> str:
    """The other file holding most of ``shared`` (ties: the first in reading order)."""
    return max((f for f in keys if f != rel), key=lambda f: len(keys[f] & shared))


def _rows_in_turn(reads: list[_Read | None], repeated: dict[str, int], near_copies: dict[str, str]):
    """Yield each read file with its rows (:func:`_rows_of`), letting go of it in ``reads``: only
    the file in hand holds its rows as Python lists (holding all 2,000 reviews' rows at once took
    notebook 01's kernel from 511 to 736 MB)."""
    for i, one in enumerate(reads):
        reads[i] = None
        yield _rows_of(one, None if one.rel in near_copies else repeated)


def _rows_of(one: _Read, repeated: dict[str, int] | None) -> _Read:
    """Clean and segment a read file into its rows (``one.art``), or record why it is skipped."""
    if one.problem is None:
        try:
            one.art = article_rows(one.article_id, one.raw, fmt=one.fmt, repeated=repeated)
        except _Skip as skip:
            one.problem = skip.problem
        one.raw = ""  # the rows hold what is needed; drop the text as the files go by
    return one


def ingest(
    corpus_dir: str | Path, *, max_bytes: int = MAX_BYTES, group_by: str | None = None, progress: bool = True
) -> Corpus:
    """Read every article in a folder into tables.

    Args:
        corpus_dir: The folder (absolute or relative to the project root).
        max_bytes: Files larger than this are skipped with a warning.
        group_by: What the ``group`` column holds (:func:`article_group`): ``"folder"``, a
            manifest column, or ``None`` for the sub-folder (else the manifest's ``group``).
        progress: Show a progress bar (on stderr) for :data:`PROGRESS_MIN_FILES` files or more.

    Returns:
        The tables; skipped files are listed in ``warnings``.

    Raises:
        IngestError: the folder is missing, has a bad manifest, or no readable article.
    """
    corpus_dir = paths.resolve(corpus_dir)
    if not corpus_dir.is_dir():
        raise IngestError(f"{corpus_dir}: corpus folder does not exist")
    manifest = read_manifest(corpus_dir)
    check_group_by(group_by, manifest, corpus_dir)
    files = find_article_files(corpus_dir)
    unread = find_unread_documents(corpus_dir)
    if not files:
        also = f"; not read: {'; '.join(f'{rel} {problem}' for rel, problem in unread)}" if unread else ""
        raise IngestError(f"{corpus_dir}: no articles found (looked for {', '.join(sorted(FORMATS))} files){also}")
    rows: dict[str, list] = {"articles": [], "paragraphs": [], "sentences": [], "cleaning": [], "warnings": []}
    rows["warnings"] += [
        {"file": rel, "problem": problem, "action": "skipped"} for rel, problem in find_bad_links(corpus_dir) + unread
    ]
    # The token columns grow article by article. Compact from the start (on 2,000 reviews, 1.5
    # million tokens, this keeps notebook 01 about 250 MB smaller): offsets in 8-byte arrays, not
    # lists of int objects; each distinct token string kept once (``sys.intern``).
    tokens = {"token": [], "start": array("q"), "end": array("q"), "is_word": [], "per_sentence": array("q")}
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    tasks = [(path, corpus_dir, manifest.get(path.relative_to(corpus_dir).as_posix(), {}), max_bytes) for path in files]
    reads = [_load_one(task) for task in tasks]
    repeated, near_copies = corpus_boilerplate(reads)
    for one in tqdm(
        _rows_in_turn(reads, repeated, near_copies),
        total=len(tasks),
        desc="ingesting",
        unit="file",
        file=sys.stderr,
        disable=not progress or len(files) < PROGRESS_MIN_FILES,
        mininterval=1,
    ):
        problem = one.problem
        if problem is None and one.digest in seen_hash:
            problem = f"is byte-for-byte identical to {seen_hash[one.digest]}; kept that one"
        elif problem is None and one.article_id in seen_id:
            problem = f"has the id {one.article_id!r}, already used by {seen_id[one.article_id]}"
        if problem is not None:
            rows["warnings"].append({"file": one.rel, "problem": problem, "action": "skipped"})
            continue
        seen_hash[one.digest], seen_id[one.article_id] = one.rel, one.rel
        if one.doubt:
            rows["warnings"].append(
                {"file": one.rel, "problem": one.doubt, "action": "kept as read; check its encoding"}
            )
        if one.rel in near_copies:
            rows["warnings"].append({"file": one.rel, "problem": near_copies[one.rel], "action": "kept"})
        art, meta = one.art, one.meta
        toks = art["tokens"]
        words = {t for t, w in zip(toks["token"], toks["is_word"]) if w}
        paras = art["paragraphs"]
        rows["articles"].append(
            dict(
                article_id=one.article_id,
                file=one.rel,
                title=meta.get("title") or art["title"] or _title_from_rows(paras),
                author=meta.get("author") or art["about"].get("author", ""),
                group=article_group(one.rel, {**art["about"], **{k: v for k, v in meta.items() if v}}, group_by),
                date=meta.get("date") or meta.get("year") or art["about"].get("date", ""),
                format=one.fmt,
                encoding=one.encoding,
                repair=one.repair,
                sha256=one.digest,
                bytes=one.size,
                n_paragraphs=len(paras),
                n_headings=sum(p["kind"] == "heading" for p in paras),
                n_sentences=len(art["sentences"]),
                n_words=sum(toks["is_word"]),
                n_types=len({w.lower() for w in words}),
                n_chars=paras[-1]["end"],
            )
        )
        for key in ("paragraphs", "sentences", "cleaning"):
            rows[key] += art[key]
        for k, column in tokens.items():
            column.extend(map(sys.intern, toks[k]) if k == "token" else toks[k])
    for file in sorted(set(manifest) - {a["file"] for a in rows["articles"]} - {w["file"] for w in rows["warnings"]}):
        rows["warnings"].append(
            {"file": file, "problem": "is listed in the manifest but not found in the folder", "action": "skipped"}
        )
    if not rows["articles"]:
        detail = "; ".join(f"{w['file']}: {w['problem']}" for w in rows["warnings"])
        raise IngestError(f"{corpus_dir}: no readable article ({detail})")
    frames = {name: _frame(name, rows[name]) for name in rows}
    token_table = token_frame(tokens, frames["sentences"])
    doubts = pd.concat([not_english(token_table, frames["articles"]), too_short(frames["articles"])], ignore_index=True)
    if len(doubts):
        frames["warnings"] = pd.concat([frames["warnings"], doubts], ignore_index=True)
    return Corpus(tokens=token_table, **frames)


SHORT_WORDS = 10  # fewer words than this is a title or a line, not an argument


def too_short(articles: pd.DataFrame) -> pd.DataFrame:
    """Warnings for articles of fewer than :data:`SHORT_WORDS` words (a title on its own, a stray
    line): kept, but one sentence is all their thesis, labels and rates rest on.

    Example:
        >>> too_short(pd.DataFrame({"file": ["a.txt", "b.txt"], "n_words": [3, 400]}))["problem"].tolist()
        ['has only 3 words: too short to argue much; its thesis, labels and rates rest on a line or two']
    """
    short = articles[articles["n_words"] < SHORT_WORDS]
    return pd.DataFrame(
        {
            "file": short["file"].astype(str),
            "problem": [
                f"has only {n} word{'s' if n != 1 else ''}: too short to argue much; its thesis, labels and rates "
                "rest on a line or two"
                for n in short["n_words"]
            ],
            "action": "kept",
        },
        columns=["file", "problem", "action"],
    )


ENGLISH_MIN_SHARE = 0.15  # English articles: 34-63% of words are on the stopword list (2,000 reviews, seeds); German 0%
ENGLISH_MIN_WORDS = 20  # shorter articles are not judged


def not_english(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Warnings for articles that look as if they are not in English: fewer than
    :data:`ENGLISH_MIN_SHARE` of their words are on the English stopword list (``the``, ``and``,
    ``of`` ...). Such an article is kept, but every word list, the reader and the readability formula
    are English, so its labels and scores mean little.

    Returns:
        Rows of the warnings table (``file, problem, action``), one per doubtful article.
    """
    words = tokens[tokens["is_word"]]
    stop = load_stopwords()
    common = words["lower"].cat.categories.map(lambda w: straighten(w) in stop).to_numpy(dtype=bool)
    hit = pd.Series(common[words["lower"].cat.codes.to_numpy()], index=words.index)
    by = words["article_id"].astype(str).to_numpy()
    share = hit.groupby(by).mean()
    n = hit.groupby(by).size()
    doubtful = share[(share < ENGLISH_MIN_SHARE) & (n >= ENGLISH_MIN_WORDS)]
    files = articles.set_index("article_id")["file"]
    rows = [
        {
            "file": files[a],
            "problem": f"looks as if it is not in English: {v:.0%} of its words are common English words "
            "(English articles have 30-60%); the word lists, the argument reader and the readability formula are English",
            "action": "kept; read its labels and scores with care",
        }
        for a, v in doubtful.items()
    ]
    return _frame("warnings", rows)


def token_frame(columns: dict, sentences: pd.DataFrame) -> pd.DataFrame:
    """The tokens table from the token columns of :func:`article_rows`, all articles in order.

    Whole-column work, not per token: each distinct token is lower-cased once, and the sentence
    and article of each token come from how many tokens each sentence has. On 2,000 reviews (1.5
    million tokens) ingestion took 13.2-15.2 s building the columns token by token, 9.4-11.9 s
    this way (three runs each, alternated).

    Args:
        columns: ``token``, ``start``, ``end``, ``is_word`` and ``per_sentence``, concatenated over
            the articles in the order of ``sentences``.
        sentences: The sentences table.

    Returns:
        The table with the schema's columns and types (text columns categorical, categories sorted).
    """
    per_sentence = np.asarray(columns["per_sentence"], dtype=np.int64)
    token_codes, forms = pd.factorize(np.asarray(columns["token"], dtype=object), sort=True)
    lower_codes, lower_forms = pd.factorize(pd.Index(forms, dtype="str").str.lower(), sort=True)

    def repeated(values: pd.Series) -> pd.Categorical:
        codes, cats = pd.factorize(values, sort=True)
        return pd.Categorical.from_codes(np.repeat(codes, per_sentence), categories=cats)

    first = np.repeat(np.cumsum(per_sentence) - per_sentence, per_sentence)
    out = pd.DataFrame(
        {
            "article_id": repeated(sentences["article_id"]),
            "sentence_id": repeated(sentences["sentence_id"]),
            "token_index": np.arange(len(first), dtype=np.int64) - first + 1,
            "start": np.asarray(columns["start"], dtype=np.int64),
            "end": np.asarray(columns["end"], dtype=np.int64),
            "token": pd.Categorical.from_codes(token_codes, categories=pd.Index(forms, dtype="str")),
            "lower": pd.Categorical.from_codes(lower_codes[token_codes], categories=lower_forms),
            "is_word": np.asarray(columns["is_word"], dtype=bool),
        }
    )
    return out.astype(SCHEMA["tokens"])


def _title_from_rows(paras: list[dict]) -> str:
    first = paras[0]
    text = first["text"] if first["kind"] == "heading" else first["text"].split(". ")[0]
    return text if len(text) <= 90 else text[:87].rstrip() + "..."


def _frame(name: str, data) -> pd.DataFrame:
    """A DataFrame with exactly the schema's columns and types."""
    cols = SCHEMA[name]
    df = pd.DataFrame(data, columns=list(cols)) if isinstance(data, list) else pd.DataFrame(data)
    return df.astype(cols)


# ---------------------------------------------------------------- writing and reading


def write_tables(corpus: Corpus, out_dir: str | Path) -> Path:
    """Write every table of ``corpus`` as CSV, all or nothing (:func:`utils.tables.write_tables`).
    Refuses to write into ``data/raw``.

    Returns:
        The output folder.
    """
    try:
        return tables.write_tables({f.name: getattr(corpus, f.name) for f in fields(Corpus)}, out_dir)
    except PermissionError as exc:
        raise IngestError(str(exc)) from None


def read_table(name: str, processed_dir: str | Path) -> pd.DataFrame:
    """Read one processed table (:func:`utils.tables.read_table`)."""
    return tables.read_table(name, processed_dir)


def read_tables(processed_dir: str | Path, *, without: tuple[str, ...] = ()) -> Corpus:
    """Read all processed tables of a corpus, each checked against its schema.

    Args:
        processed_dir: The folder notebook 01 wrote.
        without: Tables a notebook does not need (``("tokens",)``: on 2,000 reviews the token
            table is 1.3 million rows and about 300 MB in memory); they come back empty, with
            their columns.
    """
    return Corpus(
        **{
            f.name: _frame(f.name, []) if f.name in without else tables.read_table(f.name, processed_dir)
            for f in fields(Corpus)
        }
    )


def locate_in_raw(corpus_dir: str | Path, article: pd.Series, raw_start: int, raw_end: int) -> str:
    """The passage of the original file between two raw offsets (from the sentences table).

    Example:
        ``locate_in_raw("data/raw", articles.iloc[0], s.raw_start, s.raw_end)`` returns the
        sentence as it stands in the file, line breaks and all (in a Word document, as it stands
        in the text :func:`utils.ingest.docx.docx_text` reads from it; in a PDF, in the text
        :func:`utils.ingest.pdf.pdf_text` reads from it).
    """
    path = paths.resolve(corpus_dir) / article["file"]
    return decode_file(path.read_bytes(), path.suffix).text[raw_start:raw_end]
