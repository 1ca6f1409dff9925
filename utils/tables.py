"""The contract of every processed table: its columns and types, one writer, one checked reader.

Notebook 01 writes the corpus tables; later notebooks write what they share (``summary``,
``lemmas``, ``sentence_labels``). Every write goes to a uniquely named file in the same folder and
is renamed into place, so a reader sees the old table or the new one, never half of one, and two
writers never share a temporary file. :func:`read_table` checks the columns and types, so a stale
or hand-edited table fails with its path instead of giving wrong numbers later.

Two kinds of CSV, on purpose:

- *Processed tables* (``data/processed/...``, written by :func:`write_table`) are exact: code reads
  them back, and a title ``=HYPERLINK(...)`` stays exactly that.
- *Spreadsheet CSVs* (everything under ``reports/``: the CSV beside each figure, 03's counts
  tables, the argument-map CSV exports such as ``draft-claims.csv``; written by
  :func:`write_spreadsheet_csv`) are for people to open in Excel, LibreOffice or Google Sheets,
  which run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
  formula. Such text cells get a leading ``'`` (OWASP's advice on CSV injection), which the
  spreadsheet shows as text. Numbers are left alone: ``-1.5`` stays a number.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from pandas.api.types import union_categoricals

from utils import paths

SCHEMA: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "str",
        "file": "str",
        "title": "str",
        "author": "str",
        "group": "str",  # what the article is compared by: sub-folder or manifest column ("" = none)
        "date": "str",  # the manifest's date (or year) as written ("" = none)
        "format": "str",
        "encoding": "str",
        "repair": "str",
        "sha256": "str",
        "bytes": "int64",
        "n_paragraphs": "int64",
        "n_headings": "int64",
        "n_sentences": "int64",
        "n_words": "int64",
        "n_types": "int64",
        "n_chars": "int64",
    },
    "paragraphs": {
        "article_id": "str",
        "paragraph_id": "str",
        "paragraph_index": "int64",
        "kind": "str",
        "marker": "str",
        "start": "int64",
        "end": "int64",
        "raw_start": "int64",
        "raw_end": "int64",
        "n_lines": "int64",
        "text": "str",
    },
    "sentences": {
        "article_id": "str",
        "paragraph_id": "str",
        "sentence_id": "str",
        "sentence_index": "int64",
        "is_heading": "bool",
        "start": "int64",
        "end": "int64",
        "raw_start": "int64",
        "raw_end": "int64",
        "raw_line": "int64",
        "word_offset": "int64",
        "n_words": "int64",
        "notes": "int64",
        "text": "str",
    },
    # 1.5 million rows on 2,000 reviews: its text columns are categorical (each distinct string
    # stored once, a small integer code per row); in the CSV they are plain text
    "tokens": {
        "article_id": "category",
        "sentence_id": "category",
        "token_index": "int64",
        "start": "int64",
        "end": "int64",
        "token": "category",
        "lower": "category",
        "is_word": "bool",
    },
    "cleaning": {
        "article_id": "str",
        "step": "str",
        "raw_start": "int64",
        "raw_end": "int64",
        "text": "str",
        "pattern": "str",
    },
    "warnings": {"file": "str", "problem": "str", "action": "str"},
    # written by notebook 01 for the later notebooks
    "summary": {
        "article_id": "str",
        "title": "str",
        "words": "int64",
        "sentences": "int64",
        "paragraphs": "int64",
        "headings": "int64",
        "mean sentence length (words)": "float64",
        "vocabulary density": "float64",
        "Flesch reading ease": "float64",
    },
    "lemmas": {"form": "str", "lemma": "str", "count": "int64", "english": "float64"},
    # written by notebook 02: every automatic label with the rule that fired and the words it matched
    "sentence_labels": {
        "article_id": "str",
        "sentence_id": "str",
        "category": "str",
        "label": "str",
        "rule": "str",
        "start": "int64",
        "end": "int64",
        "match": "str",
    },
}
CORPUS_TABLES = ("articles", "paragraphs", "sentences", "tokens", "cleaning", "warnings")


class SchemaError(ValueError):
    """A processed table does not have the expected columns or types."""


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` with exactly the schema's columns, in order, cast to the schema's types.

    Raises:
        SchemaError: a column is missing or cannot take its type.
    """
    cols = SCHEMA[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise SchemaError(f"table {name!r} lacks the column(s) {missing}")
    try:
        return df[list(cols)].astype(cols)
    except (ValueError, TypeError) as exc:
        raise SchemaError(f"table {name!r}: a column has the wrong type: {exc}") from None


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula (OWASP)


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Example:
        >>> neutralise("=1+2"), neutralise("-3 points"), neutralise(-3)
        ("'=1+2", "'-3 points", -3)
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    r"""A copy of ``df`` with every text cell, column name and index label :func:`neutralise`\ d."""
    out = df.rename(index=neutralise, columns=neutralise)
    for col in range(out.shape[1]):
        values = out.iloc[:, col]
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            out.isetitem(col, values.astype(object).map(neutralise))
    return out


def write_spreadsheet_csv(df: pd.DataFrame, path: str | Path, *, index: bool = False) -> Path:
    """Write a CSV meant for spreadsheets (see the module docstring), formulas neutralised, whole
    or not at all (a unique temporary file renamed into place).

    Args:
        df: The table.
        path: The CSV file.
        index: Write the index as the first column(s).

    Returns:
        The file written.
    """
    path = paths.resolve(path)
    _check_target(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(path.parent, path.stem)
    try:
        spreadsheet_safe(df).to_csv(tmp, index=index, lineterminator="\n")
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _temp_beside(folder: Path, stem: str) -> str:
    """A new empty temporary file in ``folder``, to be renamed over the real one, with the mode a
    file written the plain way gets (``mkstemp`` makes it readable by its owner only, and the
    rename would carry that onto a report an analyst shares)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return tmp


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n")


def _check_target(folder: Path) -> None:
    if folder == paths.RAW or folder.is_relative_to(paths.RAW):
        raise PermissionError(f"{folder}: refusing to write processed tables into data/raw")


def write_table(df: pd.DataFrame, name: str, folder: str | Path) -> Path:
    """Write one table as ``<folder>/<name>.csv``, whole or not at all.

    Args:
        df: The table; it is checked against :data:`SCHEMA` first.
        name: A key of :data:`SCHEMA`.
        folder: The processed-tables folder.

    Returns:
        The file written.
    """
    folder = paths.resolve(folder)
    _check_target(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = conform(df, name)
    tmp = _temp_beside(folder, name)
    try:
        _write_csv(table, Path(tmp))
        out = folder / f"{name}.csv"
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out


def write_tables(frames: dict[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write several tables all or nothing: into a staging folder first, moved into place only
    when every one is complete, so an error never leaves a mixed set.

    Returns:
        The folder.
    """
    folder = paths.resolve(folder)
    _check_target(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {name: conform(df, name) for name, df in frames.items()}
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    try:
        for name, df in tables.items():
            _write_csv(df, staging / f"{name}.csv")
        for name in tables:
            os.replace(staging / f"{name}.csv", folder / f"{name}.csv")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


# Rows per part when reading a table. Reading the 1.5 million tokens of 2,000 reviews in one go
# held every cell as a string object at once: a process that reads and counts them (as notebook 03
# does) held 575 MB afterwards instead of 464 MB (peak 563 -> 495 MB; in 03's kernel 494 -> 481 MB,
# 381 -> 361 MB held). Same table (compared column by column); no slower (1.0-1.1 s, was 1.2-1.6 s).
READ_CHUNK_ROWS = 200_000


def _join_parts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from parts read in turn: category columns joined with the union of their
    categories (sorted, as one read gives them), each column's parts freed as it is joined."""
    out = {}
    for c in list(parts[0].columns):
        pieces = [p.pop(c) for p in parts]
        if isinstance(pieces[0].dtype, pd.CategoricalDtype):
            out[c] = union_categoricals(pieces, sort_categories=True)
        else:
            out[c] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(out)


def read_table(name: str, folder: str | Path) -> pd.DataFrame:
    """Read one processed table and check it against :data:`SCHEMA`.

    Text stays text (an empty cell is ``""``, never NaN); an empty float cell is NaN.

    Raises:
        FileNotFoundError: the table is missing (run notebook 01 first).
        SchemaError: columns are missing, extra, or of the wrong type.
    """
    path = paths.resolve(folder) / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path}: missing; run notebooks/01-ingest-articles.ipynb (or `make report`) first")
    cols = SCHEMA[name]
    categories = [c for c, t in cols.items() if t == "category"]
    # Read in parts of READ_CHUNK_ROWS rows, each part's category columns encoded at once, so the
    # millions of temporary strings of a large table never exist together (see READ_CHUNK_ROWS).
    # Text and category columns are parsed as text, so "000" stays "000", never the number 0.
    parts = [
        part.astype({c: "category" for c in categories if c in part})
        for part in pd.read_csv(
            path,
            dtype={c: "str" for c, t in cols.items() if t in ("str", "category")},
            keep_default_na=False,
            na_values={c: [""] for c, t in cols.items() if t == "float64"},
            chunksize=READ_CHUNK_ROWS,
        )
    ]
    df = parts[0] if len(parts) == 1 else _join_parts(parts)
    if list(df.columns) != list(cols):
        missing, extra = set(cols) - set(df.columns), set(df.columns) - set(cols)
        raise SchemaError(
            f"{path}: columns do not match the schema (missing {sorted(missing)}, unexpected {sorted(extra)})"
        )
    try:
        return df.astype(cols)
    except (ValueError, TypeError) as exc:
        raise SchemaError(f"{path}: a column has the wrong type: {exc}") from None
