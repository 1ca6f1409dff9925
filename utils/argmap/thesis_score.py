"""Score the draft's thesis of long articles against a gold file, with two baselines beside it.

A gold folder holds ``raw/`` (the articles, any format ingestion reads) and ``gold.csv`` with the
columns ``file, thesis, also, note``: ``thesis`` is the body sentence that best states the
writer's main position, quoted as it stands in the file; ``also`` a second sentence that states it
as well (or empty). The draft's thesis (:func:`utils.argmap.draft.draft_theses`, its first
candidate) is right when it is that sentence (or ``also``): the two agree on their first 60
characters, or one holds the other, after quotes, dashes, emphasis marks and white space are
evened out. The baselines are the article's first and last body sentence.

``data/dev/long_articles/`` holds such sets, each with its history in ``SOURCE.md``.

Command line:
    python -m utils theses data/dev/long_articles/set*
"""

from __future__ import annotations

import argparse
import re
import time
import unicodedata
from pathlib import Path

import pandas as pd

from utils import rhetoric
from utils.argmap.draft import draft_theses
from utils.ingest.read import ingest
from utils.rhetoric.lexicon import normalise

GOLD_FILE = "gold.csv"
PREFIX = 60  # characters of each sentence compared


def _even(text: str) -> str:
    t = normalise(unicodedata.normalize("NFKC", str(text))).replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", t)).strip().lower()


def same_sentence(a: str, b: str) -> bool:
    """Whether two quotes are the same sentence: equal first :data:`PREFIX` characters, or one holds
    the other, once quotes, dashes, emphasis marks and white space are evened out.

    Example:
        >>> same_sentence("**Keep** the tills open.", "Keep the tills open."), same_sentence("Keep them.", "Ban them.")
        (True, False)
    """
    a, b = _even(a), _even(b)
    if not a or not b:
        return False
    k = min(PREFIX, len(a), len(b))
    return a[:k] == b[:k] or a in b or b in a


def score_theses(folder: str | Path, *, top: int = 3) -> pd.DataFrame:
    """One row per gold article: the draft's thesis and whether it, one of its first ``top``
    candidates, or a baseline (first / last body sentence) is the gold thesis.

    Args:
        folder: A folder with ``raw/`` and ``gold.csv`` (see the module docstring).
        top: How many candidates count for ``in_top``.

    Returns:
        ``file, gold, draft, right, in_top, first, last``.

    Raises:
        FileNotFoundError: No ``gold.csv`` in ``folder``.
        ValueError: A gold row names a file that ingestion did not read.
    """
    folder = Path(folder)
    gold = pd.read_csv(folder / GOLD_FILE, dtype=str).fillna("")
    corpus = ingest(folder / "raw", progress=False)
    ranked = draft_theses(corpus, rhetoric.label_sentences(corpus.sentences), top=top)
    text = corpus.sentences.set_index("sentence_id")["text"].astype("str")
    body = corpus.sentences[~corpus.sentences["is_heading"]]
    article = dict(zip(corpus.articles["file"], corpus.articles["article_id"]))
    missing = sorted(set(gold["file"]) - set(article))
    if missing:
        raise ValueError(f"{folder / GOLD_FILE}: no article was read from {', '.join(missing)}")
    rows = []
    for r in gold.itertuples():
        aid = article[r.file]

        def hit(sentence: str, r=r) -> bool:
            return same_sentence(sentence, r.thesis) or bool(r.also) and same_sentence(sentence, r.also)

        picks = [text[s] for s in ranked.loc[ranked["article_id"] == aid, "sentence_id"]]
        own = body.loc[body["article_id"] == aid, "text"].astype("str")
        rows.append(
            {
                "file": r.file,
                "gold": r.thesis,
                "draft": picks[0] if picks else "",
                "right": bool(picks) and hit(picks[0]),
                "in_top": any(hit(p) for p in picks[:top]),
                "first": len(own) > 0 and hit(own.iloc[0]),
                "last": len(own) > 0 and hit(own.iloc[-1]),
            }
        )
    return pd.DataFrame(rows, columns=["file", "gold", "draft", "right", "in_top", "first", "last"])


def format_scores(name: str, scored: pd.DataFrame, *, top: int = 3) -> str:
    """One line: the draft's thesis right, in the top ``top``, and the two baselines, out of n."""
    n = len(scored)
    return (
        f"{name}: thesis right {int(scored['right'].sum())}/{n}, in the top {top} {int(scored['in_top'].sum())}/{n}"
        f" (baselines: first body sentence {int(scored['first'].sum())}/{n}, last {int(scored['last'].sum())}/{n})"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: one line per gold folder, and the misses with ``--misses``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="folders with raw/ and gold.csv")
    ap.add_argument("--misses", action="store_true", help="list each article whose draft thesis is not the gold one")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    for folder in args.folders:
        scored = score_theses(folder)
        print(format_scores(Path(folder).name, scored))
        if args.misses:
            for r in scored[~scored["right"]].itertuples():
                print(f"  {r.file}\n    draft: {r.draft[:150]}\n    gold:  {r.gold[:150]}")
    print(f"scored in {time.perf_counter() - start:.2f} s")
    return 0
