"""What the project calls a word, in one place: tokens, the apostrophe rule and the stopword list.

Every stage counts words through these definitions, so a count in notebook 01, a term in 03 and
a shared word in 04 mean the same thing.
"""

from __future__ import annotations

import importlib
import re
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from utils import paths

# Words keep inner apostrophes and hyphens ("don't", "customer-first", "24x7"), numbers keep
# decimals and a percent sign, every other non-space character is a punctuation token.
TOKEN = re.compile(r"\d+(?:[.,]\d+)+%?|\w+(?:['’\-]\w+)*|[^\w\s]")
HAS_ALNUM = re.compile(r"[^\W_]")
# Readability counts runs of letters (inner apostrophes allowed), as the Flesch formula counts
# words: "front-line" is two words there, one token everywhere else.
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
STOPWORDS_FILE = paths.LEXICONS / "stopwords.txt"
# Modules that ``import nltk`` loads for features we never use (association statistics, a
# scikit-learn classifier wrapper). NLTK imports both inside ``try/except ImportError``, so hiding
# them while it loads only turns those two features off.
NLTK_SKIPS = ("scipy.stats", "sklearn")


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Tokens of a text as ``(start, end, token)``.

    Example:
        >>> [t for _, _, t in token_spans("CX isn’t fluff: 65.5% agree!")]
        ['CX', 'isn’t', 'fluff', ':', '65.5%', 'agree', '!']
    """
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def is_word(token: str) -> bool:
    """True for tokens that contain a letter or digit (what word counts count).

    Example:
        >>> is_word("65.5%"), is_word("—")
        (True, False)
    """
    return bool(HAS_ALNUM.search(token))


def straighten(word: str) -> str:
    """Lower-case a word form and straighten its apostrophes (the form every count uses).

    Example:
        >>> straighten("Customer’s")
        "customer's"
    """
    return word.lower().translate(APOSTROPHES)


def read_word_list(path: str | Path) -> list[str]:
    """The entries of a one-entry-a-line word list (``#`` starts a comment line), in file order."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=8)
def _stopwords(path: str) -> frozenset[str]:
    return frozenset(straighten(w) for w in read_word_list(path))


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stopword list (``data/lexicons/stopwords.txt`` unless another file is given).

    Returns:
        Lower-cased words with straight apostrophes.
    """
    return _stopwords(str(path or STOPWORDS_FILE))


def alternation(entries: list[str]) -> str:
    """A regular-expression alternation of word-list entries, escaped, longest first (so "even so"
    is tried before "even").

    Example:
        >>> alternation(["yet", "even so", "but"])
        '(?:even\\\\ so|but|yet)'
    """
    return "(?:" + "|".join(re.escape(e) for e in sorted(entries, key=lambda e: (-len(e), e))) + ")"


def import_nltk(module: str) -> ModuleType:
    """``nltk.<module>`` (Punkt, the Snowball stemmer), imported without :data:`NLTK_SKIPS`.

    They are hidden while NLTK loads (unless already imported) and put back afterwards, so a later
    ``import sklearn`` works as usual. On the 2-core machine (medians, compiled bytecode), Punkt's
    import in notebook 01 takes 0.7 s instead of 1.7 s (``make bench`` prints both) and notebook
    04's imports 1.8 s instead of 2.9 s, with 76 MB less. In the same kernel, NLTK's Fisher test
    and ``SklearnClassifier`` are off.
    """
    hidden = [m for m in NLTK_SKIPS if m not in sys.modules]
    sys.modules.update(dict.fromkeys(hidden))
    try:
        return importlib.import_module(f"nltk.{module}")
    finally:
        for m in hidden:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]


def plural(n: int, word: str, many: str = "") -> str:
    """``3 claims``, ``1 claim``, ``1,200 sentences``: a count with its noun in the right number.

    Example:
        >>> plural(1, "thesis", "theses"), plural(2, "thesis", "theses"), plural(1200, "word")
        ('1 thesis', '2 theses', '1,200 words')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
