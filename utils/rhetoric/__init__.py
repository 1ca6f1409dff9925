"""Stage 2: how each article argues. Sentence labels from editable word lists and named rules
(``lexicon``, ``rules``, ``labels``), the tables notebook 02 shows (``views``), its figures
(``plots``) and the scores against hand labels (``quality``)."""

from utils.rhetoric import plots, quality, views
from utils.rhetoric.labels import (
    EVIDENCE,
    LABELS,
    apply_corrections,
    corrections_for,
    describe_additions,
    describe_corrections,
    label_sentences,
    lexicons_for,
    load_corrections,
    sentence_tone,
    thesis_candidates,
    write_labels,
)

__all__ = [
    "EVIDENCE",
    "LABELS",
    "apply_corrections",
    "corrections_for",
    "describe_corrections",
    "describe_additions",
    "label_sentences",
    "lexicons_for",
    "load_corrections",
    "plots",
    "quality",
    "sentence_tone",
    "thesis_candidates",
    "views",
    "write_labels",
]
