"""Stance of a claim toward a yes/no trigger question, by polarity parity.

A claim answers the question "yes" (pro) when it has the same polarity as the question.
Polarity is the parity of flips: each negation (``not``, ``n't``, ``no``, ``never`` ...) and
each negative-evaluation word (``bad``, ``harmful``, ``ban`` ... in
``data/lexicons/argument/polarity_negative.txt``) flips it. Evaluation words that the claim
and the question share cancel out (``"Do video games have a bad impact?"`` /
``"They have a bad impact"`` agree), and a question offering both poles (``"good or bad"``)
keeps only the first.
"""

from __future__ import annotations

import re

from utils.argmap.units import load_lexicon

_TOKEN = re.compile(r"[a-z']+", re.IGNORECASE)


def _stem(word: str) -> str:
    return word.lower()[:6]


def _tokens(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        t = t.strip("'")
        if t.endswith("n't"):
            out.extend([t[:-3], "n't"])
        elif t:
            out.append(t)
    return out


def _drop_alternative(question: str) -> str:
    """Keep the first pole of "good or bad" style questions."""
    pos = set(load_lexicon("polarity_positive"))
    neg = set(load_lexicon("polarity_negative"))
    return re.sub(r"\b(\w+)\s+or\s+(\w+)\b",
                  lambda m: m.group(1) if {m.group(1).lower(), m.group(2).lower()} & pos and {m.group(1).lower(), m.group(2).lower()} & neg else m.group(0),
                  question)


def polarity_flips(text: str, *, shared: set[str]) -> list[str]:
    """Words that flip a text's polarity.

    Args:
        text: A claim or question.
        shared: Stems of evaluation words both sides use (they cancel).

    Returns:
        The flipping words in order.
    """
    negation = {w for w in load_lexicon("negation") if " " not in w}
    negative = {_stem(w) for w in load_lexicon("polarity_negative")}
    flips = []
    for t in _tokens(text):
        if t in negation or (_stem(t) in negative and _stem(t) not in shared):
            flips.append(t)
    return flips


def stance(claim: str, question: str) -> tuple[str, list[str]]:
    """Stance of a claim toward a yes/no question.

    An opening answer word decides alone (``"No, X should not ..."`` is con). The question's
    own negative words count only when the claim evaluates too (has a positive or negative
    word): ``"I do not believe movies have any effect"`` answers ``"Are movies damaging?"``
    with no.

    Args:
        claim: The central claim's text.
        question: The trigger question.

    Returns:
        ``"pro"`` or ``"con"`` and the words that flipped polarity (claim's, then question's).
    """
    first = _tokens(claim)[:1]
    if first and first[0] in {"yes", "no"}:
        return ("pro" if first[0] == "yes" else "con"), first
    question = _drop_alternative(question)
    negative = {_stem(w) for w in load_lexicon("polarity_negative")}
    shared = {_stem(t) for t in _tokens(claim)} & {_stem(t) for t in _tokens(question)} & negative
    c = polarity_flips(claim, shared=shared)
    evaluative = {_stem(w) for w in load_lexicon("polarity_positive")} | negative
    q = polarity_flips(question, shared=shared) if {_stem(t) for t in _tokens(claim)} & evaluative else [
        t for t in _tokens(question) if t in set(load_lexicon("negation"))]
    return ("pro" if (len(c) + len(q)) % 2 == 0 else "con"), c + q
