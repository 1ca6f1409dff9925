"""Stage 1: read a folder of articles into clean, segmented, traceable tables.

``read`` finds, decodes (``decode``), cleans (``clean``) and segments (``segment``) each file;
``describe`` summarises the corpus; ``plots`` draws notebook 01's figure.
"""

from utils.ingest import plots
from utils.ingest.describe import (
    article_summary,
    cleaning_summary,
    describe_groups,
    describe_warnings,
    group_of,
    headline,
    read_readability,
    removed_text,
    sentence_drilldowns,
    sentence_length_title,
    sentence_table,
    write_summary,
)
from utils.ingest.read import Corpus, IngestError, ingest, locate_in_raw, read_table, read_tables, write_tables

read_corpus = ingest  # the name notebooks use: ``ingest.read_corpus(folder)``

__all__ = [
    "Corpus",
    "IngestError",
    "article_summary",
    "cleaning_summary",
    "describe_groups",
    "describe_warnings",
    "group_of",
    "headline",
    "ingest",
    "locate_in_raw",
    "plots",
    "read_corpus",
    "read_readability",
    "read_table",
    "read_tables",
    "removed_text",
    "sentence_length_title",
    "sentence_drilldowns",
    "sentence_table",
    "write_summary",
    "write_tables",
]
