"""Stage 3: which concepts dominate where. One counts table (``counts``) behind every chart,
word cloud and table; distinctive-term statistics (``keyness``); what notebook 03 shows
(``views``) and draws (``plots``)."""

from utils.concepts import groups, keyness, plots, views
from utils.concepts.counts import (
    Counts,
    concept_hits,
    cooccurrence,
    count_corpus,
    load_concepts,
    read_english,
    read_lemmas,
    write_counts,
    write_lemmas,
)

__all__ = [
    "Counts",
    "concept_hits",
    "cooccurrence",
    "count_corpus",
    "groups",
    "keyness",
    "load_concepts",
    "plots",
    "read_english",
    "read_lemmas",
    "views",
    "write_counts",
    "write_lemmas",
]
