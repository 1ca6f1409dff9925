"""Stage 4: the argument map. The curated map and its checks (``model``), the automatic draft
(``draft``), exports to other tools (``export``), what notebook 04 shows (``views``) and draws
(``plots``), the issue view (``issues``), articles that name one another (``references``), and the draft scored
against the curated map (``quality``)."""

from utils.argmap import draft, export, groups, issues, plots, quality, references, views
from utils.argmap.draft import draft_theses
from utils.argmap.model import ArgumentMap, ArgumentMapError, coverage, curated_map_for, load_map

__all__ = [
    "ArgumentMap",
    "ArgumentMapError",
    "coverage",
    "curated_map_for",
    "draft",
    "draft_theses",
    "export",
    "issues",
    "groups",
    "load_map",
    "plots",
    "quality",
    "references",
    "views",
]
