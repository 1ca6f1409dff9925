"""Every path the project uses, in one place.

Paths given by an analyst (notebook parameters, ``make report CORPUS=...``) may be relative;
they are resolved against the project root, never against the notebook's working folder, so a
notebook opened by hand and the report run read and write the same files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
# The article files a corpus folder may hold: suffix -> format (read by utils.ingest.read).
FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def load_yaml(text: str) -> object:
    """Parse YAML safely with libyaml's C parser when PyYAML has it (about 10x faster than the
    pure-Python one on the argument map), else the pure-Python safe loader. Same results."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def resolve(path: str | Path) -> Path:
    """Resolve a path given by an analyst against the project root.

    Args:
        path: Absolute, or relative to the project root.

    Returns:
        The absolute, normalised path.

    Example:
        >>> resolve("data/raw") == RAW
        True
    """
    p = Path(path).expanduser()
    return (p if p.is_absolute() else ROOT / p).resolve()


def shown(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the project root when inside it."""
    p = resolve(path)
    return p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else str(p)


def slugify(text: str, *, max_len: int = 60) -> str:
    """Make a safe file-name fragment: letters, digits, ``_`` and ``-`` only.

    Example:
        >>> slugify("../My Articles (2026)")
        'My_Articles_2026'
    """
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")
    return slug[:max_len] or "corpus"


@dataclass(frozen=True)
class RunDirs:
    """Where one corpus's processed tables, reports and figures go."""

    corpus: Path
    processed: Path
    reports: Path

    @property
    def figures(self) -> Path:
        """Folder for PNG/SVG figures and the CSV table behind each."""
        return self.reports / "figures"


def run_dirs(corpus_dir: str | Path) -> RunDirs:
    """Output folders for a corpus: the seeds write to ``data/processed`` and ``reports``;
    any other folder to ``.../corpora/<folder-name>`` so the seed outputs are never overwritten.

    Example:
        >>> run_dirs("data/raw").reports == REPORTS
        True
        >>> run_dirs(RAW.parent / "new articles").reports.name
        'new_articles'
    """
    corpus = resolve(corpus_dir)
    if corpus == RAW:
        return RunDirs(corpus, PROCESSED, REPORTS)
    slug = slugify(corpus.name)
    return RunDirs(corpus, PROCESSED / "corpora" / slug, REPORTS / "corpora" / slug)
