"""Side by side with scattertext 0.2.2: the same two-group comparison (log-odds ratio with an
informative Dirichlet prior, the corpus counts as the prior) from the same files, in the same run.

scattertext goes into a throwaway venv in a temporary folder (it also needs ``six``, which it does
not declare); when the package registry cannot be reached the comparison is skipped with a note.
Both sides run as their own process and time themselves from reading the files to the z-scores
(imports excluded): ours is ingest (read, clean, segment), counting (lemmas, stopwords) and the
log-odds of :func:`utils.concepts.groups.two_groups`; scattertext's is ``CorpusFromPandas`` with
its whitespace tokenizer, ``PriorFactory(...).use_all_categories()`` and
``LogOddsRatioInformativeDirichletPrior(priors, 10, "none")``. The overlap compares the two
top-50 lists of the first group (ours by lemma, scattertext's by token, unigrams and bigrams).

Usage (ours alone): ``python -m benchmarks.side_by_side DIR GROUP_A GROUP_B``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from utils.concepts import count_corpus, groups
from utils.ingest import ingest

PACKAGES = ("scattertext==0.2.2", "six==1.17.0")
INSTALL_TIMEOUT = 600


def install(venv: Path) -> str | None:
    """Create ``venv`` and install scattertext into it; returns a note when that failed."""
    uv = shutil.which("uv")
    try:
        if uv:
            subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True, capture_output=True)
            cmd = [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), *PACKAGES]
        else:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            cmd = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *PACKAGES]
        subprocess.run(cmd, check=True, capture_output=True, timeout=INSTALL_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        err = getattr(exc, "stderr", b"") or b""
        return f"scattertext could not be installed (registry unreachable?): {err.decode(errors='replace')[-200:]}"
    return None


def ours(corpus_dir: Path, a: str, b: str) -> dict:
    """Our side: ingest, count and log-odds of group ``a`` against ``b``; seconds and top 50 terms."""
    start = time.perf_counter()
    corpus = ingest(corpus_dir, group_by="folder")
    counts = count_corpus(corpus)
    pair = groups.two_groups(groups.pool(counts.table, groups.group_of(corpus.articles)), a, b)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "top_a": pair["surface"].head(50).str.lower().tolist(),
        "top_b": pair.sort_values("z")["surface"].head(50).str.lower().tolist(),
    }


def _run_json(cmd: list[str]) -> dict:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def side_by_side(corpus_dir: Path, tmp: Path, *, a: str = "pos", b: str = "neg") -> dict[str, float]:
    """Both sides on the same folder; the figures for the bench table (empty when skipped)."""
    note = install(tmp / "scattertext-venv")
    if note:
        print(f"(side by side with scattertext skipped: {note})")
        return {}
    job = Path(__file__).with_name("scattertext_job.py")
    try:
        theirs = _run_json([str(tmp / "scattertext-venv" / "bin" / "python"), str(job), str(corpus_dir), a, b])
        mine = _run_json([sys.executable, "-m", "benchmarks.side_by_side", str(corpus_dir), a, b])
    except subprocess.CalledProcessError as exc:
        print(f"(side by side with scattertext failed: {(exc.stderr or '')[-300:]})")
        return {}
    overlap = len(set(theirs["top_a"]) & set(mine["top_a"]))
    print(f"top 50 of {a}, ours:        {', '.join(mine['top_a'][:50])}")
    print(f"top 50 of {a}, scattertext: {', '.join(theirs['top_a'][:50])}")
    return {
        f"{a} vs {b}, ours: ingest + count + log-odds (s)": mine["seconds"],
        f"{a} vs {b}, scattertext 0.2.2: corpus + log-odds (s)": theirs["seconds"],
        "  ours / scattertext": mine["seconds"] / theirs["seconds"],
        f"  top-50 terms of {a} in both lists": overlap,
    }


if __name__ == "__main__":
    print(json.dumps(ours(Path(sys.argv[1]), sys.argv[2], sys.argv[3])))
