"""Every path the project uses, in one place.

Paths given by an analyst (notebook parameters, ``make report CORPUS=...``) may be relative;
they are resolved against the project root, never against the notebook's working folder, so a
notebook opened by hand and the report run read and write the same files.
"""

from __future__ import annotations

import hashlib
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
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
}


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


class OutputFolderError(ValueError):
    """A corpus folder and the folders a run writes overlap (the run would read its own outputs or
    write into the analyst's folder)."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def corpus_key(corpus: Path) -> str:
    """The name of a corpus's output folders: its folder name made safe, plus the first 8 hex
    digits of the SHA-256 of its resolved path, so two folders with the same name never share one.

    Example:
        >>> corpus_key(Path("corpora/Q3 articles"))
        'Q3_articles-bcfb33ac'
    """
    digest = hashlib.sha256(str(corpus).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{slugify(corpus.name)}-{digest}"


def check_folders(corpus: Path, *outputs: Path) -> None:
    """Refuse a run whose corpus folder and output folders overlap.

    Raises:
        OutputFolderError: the corpus is inside ``data/processed`` or ``reports`` (the project's own
            outputs would be read as articles, and a manifest there overwritten), or an output
            folder is the corpus folder, inside it, or inside ``data/raw`` (a run never writes
            into the analyst's articles).
    """
    for out_root in (PROCESSED, REPORTS):
        if _inside(corpus, out_root) or _inside(out_root, corpus):
            raise OutputFolderError(
                f"{shown(corpus)}: a corpus folder cannot be inside or contain the project's output folder "
                f"{shown(out_root)}/ (its files would be read as articles or overwritten); "
                "keep your articles elsewhere, e.g. in a folder beside data/raw"
            )
    for out in outputs:
        if _inside(out, corpus) or _inside(corpus, out) or _inside(out, RAW):
            raise OutputFolderError(
                f"{shown(out)}: refusing to write outputs into (or around) the corpus folder {shown(corpus)} "
                "or data/raw; the articles and their manifest are never written"
            )


def run_dirs(corpus_dir: str | Path) -> RunDirs:
    """Output folders for a corpus: the seeds write to ``data/processed`` and ``reports``;
    any other folder to ``.../corpora/<folder-name>-<hash of its path>`` (see :func:`corpus_key`),
    so the seed outputs are never overwritten and two folders with the same name never share one.

    Raises:
        OutputFolderError: the corpus folder is inside the project's output folders.

    Example:
        >>> run_dirs("data/raw").reports == REPORTS
        True
        >>> run_dirs(RAW.parent / "new articles").reports.name.startswith("new_articles-")
        True
    """
    corpus = resolve(corpus_dir)
    if corpus == RAW:
        return RunDirs(corpus, PROCESSED, REPORTS)
    key = corpus_key(corpus)
    dirs = RunDirs(corpus, PROCESSED / "corpora" / key, REPORTS / "corpora" / key)
    check_folders(corpus, dirs.processed, dirs.reports)
    return dirs
