"""Stance of a claim toward a yes/no trigger question, by polarity parity.

A claim answers the question "yes" (pro) when it has the same polarity as the question.
Polarity is the parity of flips: each negation (``not``, ``n't``, ``no``, ``never`` ...), each
negative-evaluation word (``bad``, ``harmful``, ``ban`` ... in
``data/lexicons/argument/polarity_negative.txt``) and each mark of excess ("too much", "too
spoiled", "overly dependent") flips it, unless it follows a diminishing verb
("cut down on waste", "remove threats": ``polarity_shifters.txt``). Evaluation words that the claim
and the question share cancel out (``"Do video games have a bad impact?"`` /
``"They have a bad impact"`` agree), and a question offering both poles (``"good or bad"``)
keeps only the first.
"""

from __future__ import annotations

import re

from utils.argmap.reading import _OWN_VIEW_ANYWHERE
from utils.argmap.units import load_lexicon

_TOKEN = re.compile(r"[a-z']+", re.IGNORECASE)


def _six(word: str) -> str:
    """The first six letters; a verb that doubles its last consonant before "-ing"/"-ed" loses
    both ("banning", "stopped", "scrapped" -> "ban", "stop", "scrap"), so it meets its base form."""
    w = word.lower()
    m = _DOUBLED.match(w)
    return m.group(1) if m else w[:6]


def polarity_stem(word: str) -> str:
    """The key by which polarity words are matched: :func:`_six`, except that the forms of one
    lexicon word ("remove", "removed", "removing") share the key of the shortest."""
    w = word.lower()
    return _FORMS.get(w) or _six(w)


_DOUBLED = re.compile(
    r"^([a-z]{1,4}?([bdgmnprt]))\2(?:ing|ed)$"
)  # not "called", "passed": base forms ending in a double


# The words that flip polarity, built once: building them in every call of polarity_flips cost
# 0.6 s of the 2,000-review draft (44,000 calls).
_NEGATION = frozenset(w for w in load_lexicon("negation") if " " not in w)


def _forms() -> dict[str, str]:
    """Each word of the polarity lexicons -> :func:`_six` of the shortest lexicon word it extends
    ("removing" and "removed" extend "remov(e)", "harmful" extends "harm"), or of itself."""
    words = sorted(
        {w for name in ("polarity_negative", "polarity_positive") for w in load_lexicon(name) if " " not in w}, key=len
    )
    bases: list[str] = []
    out: dict[str, str] = {}
    for w in words:
        base = next((b for b in bases if len(b) >= 4 and w.startswith(b.rstrip("e") if len(b) > 4 else b)), None)
        if base is None:
            bases.append(w)
            base = w
        out[w] = _six(base)
    return out


_FORMS = _forms()
_NEGATIVE_STEMS = frozenset(polarity_stem(w) for w in load_lexicon("polarity_negative"))
_EVALUATIVE_STEMS = _NEGATIVE_STEMS | {polarity_stem(w) for w in load_lexicon("polarity_positive")}
_SHIFTERS = frozenset(load_lexicon("polarity_shifters"))
# stem -> the first stem of its group of synonyms (polarity_synonyms.txt), so "forbidden" and "banned" are one word
_GROUP = {
    polarity_stem(w): polarity_stem(line.split()[0]) for line in load_lexicon("polarity_synonyms") for w in line.split()
}
_CHANGE = frozenset(load_lexicon("change_verbs"))
_STATUS_QUO = frozenset(load_lexicon("status_quo"))
_KEEP = frozenset({"keep", "keeps", "kept", "keeping"})
_AWAY = frozenset({"off", "out", "away"})
_AWAY_SPAN = 4  # "keep cars off", "kept self-driving cars off": the particle at most this many words after "keep"
_SHIFT_SPAN = 3  # a negative word at most this many words after a diminishing verb is what it diminishes
# Words that end something as verbs ("ending the clock change", "stop the tests") but are things as
# nouns after a determiner ("the ending", "a stop", "came to a halt"): only the verb flips.
_VERB_OR_NOUN = frozenset({"ending", "stop", "stops", "halt"})
_DETERMINERS = frozenset("the a an its his her their our my your this that every each".split())


_FREE_OF = re.compile(r"(?<=[a-z])-free\b", re.IGNORECASE)  # "a car-free centre" is a centre without cars


def _tokens(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(_FREE_OF.sub(" without", text.lower().replace("\u2019", "'"))):
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
    return re.sub(
        r"\b(\w+)\s+or\s+(\w+)\b",
        lambda m: (
            m.group(1)
            if {m.group(1).lower(), m.group(2).lower()} & pos and {m.group(1).lower(), m.group(2).lower()} & neg
            else m.group(0)
        ),
        question,
    )


_TOO = re.compile(r"(?<![a-z'])'*too'*(?![a-z'])")  # each "too" token of _tokens, in the same lowered text
_TOO_BEFORE_WORD = re.compile(r"\s+(?!not\b)[a-z]", re.IGNORECASE)
_SUBJECTS = frozenset(load_lexicon("subjects"))
_ANSWER = re.compile(
    r"^\W*(?:(?:so|therefore|thus|hence|in conclusion|in short|to sum up)\s*,?\s+)?(yes|no)\b(?:\s*[,.!;:\-–—]|\s+(\w+))",
    re.IGNORECASE,
)


def answer_word(text: str) -> str | None:
    """``"yes"`` or ``"no"`` when the text opens by answering a question ("No, ...", "Yes there
    is ...", "No I would not ..."): the word followed by a mark or by a clause's subject, so "No
    one" and "No city" are not answers.

    Example:
        >>> answer_word("No, there isn't a chance."), answer_word("No one can tell."), answer_word("Yes it is.")
        ('no', None, 'yes')
        >>> answer_word("yes ban them."), answer_word("No city can afford it.")
        ('yes', None)
    """
    m = _ANSWER.match(text)
    # "yes" is never a determiner: "yes ban them" answers as "Yes, ..." does
    if not m or (m.group(2) and m.group(1).lower() == "no" and m.group(2).lower() not in _SUBJECTS):
        return None
    return m.group(1).lower()


def polarity_flips(text: str, *, shared: set[str]) -> list[str]:
    """Words that flip a text's polarity.

    An opening answer word (:func:`answer_word`) decides alone: "No, there isn't a chance" is
    one flip (its "n't" echoes the answer), "Yes there is a chance" none.

    Args:
        text: A claim or question.
        shared: Stems of evaluation words both sides use (they cancel).

    Returns:
        The flipping words in order.
    """
    answer = answer_word(text)
    if answer is not None:
        return ["no"] if answer == "no" else []
    tokens = _tokens(text)
    negative = [
        polarity_stem(t) in _NEGATIVE_STEMS
        and polarity_stem(t) not in shared
        and not (t in _VERB_OR_NOUN and i > 0 and tokens[i - 1] in _DETERMINERS)
        and not (t == "stop" and i > 0 and tokens[i - 1] == "full")  # "allowed, full stop" insists
        for i, t in enumerate(tokens)
    ]
    # each "too" in turn: excess when a word follows it, not "also" ("It helps, too, ...", "me too")
    low = text.lower().replace("\u2019", "'")
    excess = iter([bool(_TOO_BEFORE_WORD.match(low, m.end())) for m in _TOO.finditer(low)])
    flips, diminished = [], set()
    for i, t in enumerate(tokens):
        if t in _NEGATION:
            if t == "never" and i + 1 < len(tokens) and tokens[i + 1] == "before":
                continue  # "in ways never before seen" praises; it denies nothing
            flips.append(t)
            continue
        if i in diminished:
            continue
        if t in _SHIFTERS:
            bad = [j for j in range(i + 1, min(len(tokens), i + 1 + _SHIFT_SPAN)) if negative[j]]
            if bad:  # "cut down on waste": wanting less of a bad thing flips nothing
                diminished.update(bad)
                continue
        if negative[i] or _kept_away(tokens, i):  # "eliminate the toll" still evaluates the toll negatively
            flips.append(t)
        elif t == "overly" or (t == "too" and next(excess, False)):
            flips.append(t)  # excess: "too much attention", "too spoiled", "overly dependent"
    return flips


def _kept_away(tokens: list[str], i: int) -> bool:
    """True when token ``i`` is "keep" of prevention: "should be kept off public roads", "keep them out"."""
    return tokens[i] in _KEEP and any(t in _AWAY for t in tokens[i + 1 : i + 1 + _AWAY_SPAN])


def status_quo_answer(claim: str, question: str) -> list[str]:
    """The status-quo words by which a claim answers a question proposing a change with "no".

    The question must use a change verb (``change_verbs.txt``: "lowered", "stop", "introduce")
    and no status-quo word; the claim must use a status-quo word (``status_quo.txt``: "keep",
    "stay", "remain"), not as prevention ("kept off the roads").

    Example:
        >>> status_quo_answer("Schools should keep their grades.", "Should primary schools stop giving grades?")
        ['keep']
        >>> status_quo_answer("Schools should keep their grades.", "Are grades useful?")
        []
    """
    q = _tokens(question)
    if not set(q) & _CHANGE or set(q) & _STATUS_QUO:
        return []
    c = _tokens(claim)
    return [t for i, t in enumerate(c) if t in _STATUS_QUO and not _kept_away(c, i)]


_CLAUSE_BREAK = re.compile(r",\s+(?=(?:" + "|".join(sorted(_SUBJECTS, key=len, reverse=True)) + r")\b)", re.IGNORECASE)


def _clause_on(claim: str, question: str) -> str:
    """The clause of a claim that speaks to the question: a claim that opens with its subject and
    joins a second clause by a comma before another subject ("I do not believe X will replace Y,
    there is so much X cannot do") is read by the clause sharing most words with the question
    (the first on a tie)."""
    parts = _CLAUSE_BREAK.split(claim)
    first = _tokens(claim)[:1]
    if len(parts) < 2 or not first or first[0] not in _SUBJECTS:  # "Regardless of X, I ...", "If X, you ..."
        return claim
    q = {polarity_stem(t) for t in _tokens(question)}
    return max(parts, key=lambda p: len({polarity_stem(t) for t in _tokens(p)} & q))


# A reason clause inside a claim ("Helicopter parents, because they are overly protective, tend not
# to ...", "X is bad because it harms Y") gives the claim's grounds, not its answer: its evaluation
# words do not count toward the claim's polarity. Training topics: stance per text 0.926 -> 0.934.
_REASON_CLAUSE = re.compile(
    r"(?:^|,\s*|\s+)\b(?:because|since|given that|due to|so that|unless)\b[^,;.]*(?=[,;.]|$)"
    # an elliptical repeat of the claim's negation: "should not be forbidden, at least not now"
    r"|,\s*(?:or\s+)?(?:at least|certainly|definitely|surely)\s+not\b[^,;.]*(?=[,;.]|$)",
    re.IGNORECASE,
)


# "I disagree: access to the internet is a basic right": the frame answers a view just quoted, not the
# question; the words after it carry the claim's polarity.
_AGREEMENT_FRAME = re.compile(
    r"^\W*I\s+(?:(?:strongly|totally|completely|fully|really)\s+)?(?:dis)?agree\s*[:;,.!\u2013\u2014-]+\s*(?=\w)",
    re.IGNORECASE,
)


# A relative clause closing the question names whom the proposal is about ("fine social
# networks that fail to remove fake news"): its negative words are no part of what is proposed.
# "that" after a verb of saying or thinking, after "so"/"such" or after a copula opens no relative clause.
_RELATIVE = re.compile(r"\s(?:who|which|that)\s", re.IGNORECASE)
_NOT_BEFORE_RELATIVE = frozenset(
    "so such think thinks believe believes say says true clear fact mean means know feel is are was were "
    "idea claim agree likely possible".split()
)


def _drop_relative(question: str) -> str:
    """The question without a closing relative clause (for its polarity words only).

    Example:
        >>> _drop_relative("Should governments fine social networks that fail to remove fake news?")
        'Should governments fine social networks?'
        >>> _drop_relative("Is it true that games harm children?")
        'Is it true that games harm children?'
    """
    for m in _RELATIVE.finditer(question):
        before = question[: m.start()].split()
        # at least a subject, a verb and its object before it ("Should teenagers that get pregnant
        # keep ..." and "Is divorce something that ..." are cut nowhere)
        if len(before) >= 4 and before[-1].lower().strip(",") not in _NOT_BEFORE_RELATIVE:
            return question[: m.start()] + "?"
    return question


def stance(claim: str, question: str, *, after_view: bool = True) -> tuple[str, list[str]]:
    """Stance of a claim toward a yes/no question.

    An opening answer word decides alone (``"No, X should not ..."`` is con). The question's
    own negative words count only when the claim evaluates too (has a positive or negative
    word): ``"I do not believe movies have any effect"`` answers ``"Are movies damaging?"``
    with no. A claim that evaluates nothing but denies something still answers a proposed action
    ("We don't need zoos" answers "Should zoos be abolished?" with yes), and one that asks to keep things as they
    are answers a proposed change with no (:func:`status_quo_answer`). Negative words both sides
    use, or two words for one act ("forbidden" / "banned", ``polarity_synonyms.txt``), cancel.

    Args:
        claim: The central claim's text.
        question: The trigger question.
        after_view: Whether the claim follows a view the text voiced; then an opening "I disagree:"
            answers that view and is left out. Opening a text, it answers the question.

    Returns:
        ``"pro"`` or ``"con"`` and the words that flipped polarity (claim's, then question's).
    """
    first = _tokens(claim)[:1]
    if first and first[0] in {"yes", "no"}:
        return ("pro" if first[0] == "yes" else "con"), first
    question = _drop_relative(_drop_alternative(question))
    if after_view:
        claim = _AGREEMENT_FRAME.sub("", claim) or claim
    claim = _REASON_CLAUSE.sub("", _clause_on(claim, question)) or claim
    claim_stems = {polarity_stem(t) for t in _tokens(claim)} & _NEGATIVE_STEMS
    question_stems = {polarity_stem(t) for t in _tokens(question)} & _NEGATIVE_STEMS
    both = {_GROUP.get(t, t) for t in claim_stems} & {_GROUP.get(t, t) for t in question_stems}
    shared = {t for t in claim_stems | question_stems if _GROUP.get(t, t) in both}
    c = polarity_flips(claim, shared=shared)
    if {polarity_stem(t) for t in _tokens(claim)} & _EVALUATIVE_STEMS:
        q = polarity_flips(question, shared=shared)
    else:
        # A claim that evaluates nothing answers the question's evaluation by denying it ("I do not
        # believe movies have any effect" answers "Are movies damaging?" with no), but it still answers
        # a proposed action ("Should zoos be abolished?" / "We don't need zoos": yes), unless it only
        # asks to keep things as they are ("Should schools stop giving grades?" / "Keep the grades": no).
        keep = status_quo_answer(claim, question)[:1]
        # ... only when the claim denies something itself: a plain report ("Photographers wait outside
        # schools every day.") answers no proposed ban (short texts 993 -> 1,018 of 1,280 right,
        # arg-microtexts training unchanged)
        acts = [t for t in polarity_flips(question, shared=shared) if t in _CHANGE] if c else []
        q = [t for t in _tokens(question) if t in _NEGATION] + (keep or acts)
    return ("pro" if (len(c) + len(q)) % 2 == 0 else "con"), c + q


_CONTENT = re.compile(r"[a-z0-9']+")
TOPIC_FALLBACK = (
    0.2  # below this word overlap with the question, the central claim is too far off-topic to carry the stance
)


def _topic_words(text: str) -> set[str]:
    stop = set(load_lexicon("stopwords"))
    return {t[:6] for t in _CONTENT.findall(text.lower()) if len(t) > 2 and t not in stop}


def _topic_overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a) * len(b)) ** 0.5 if a and b else 0.0


# the writer's own verdict, however few of the question's words it uses
_WRITER_VIEW = re.compile(
    rf"{_OWN_VIEW_ANYWHERE.pattern}|\bi\s+(?:(?:do not|don't|dont|much|would|really|strongly)\s+)?"
    r"(?:agree|disagree|prefer|support|oppose)\b",
    re.IGNORECASE,
)


def stance_unit(reading, question: str) -> tuple[int, str]:
    """The unit whose polarity carries a reading's stance toward the question.

    The central claim, unless it shares almost no content words with the question (overlap
    below :data:`TOPIC_FALLBACK`, as when the writer left the claim implicit and the reader
    picked a premise) and gives no answer word and no view of the writer's ("I think", "I
    don't agree", "I prefer"): then the proponent, non-question unit sharing most words with the
    question, if it shares more than the central claim.

    Args:
        reading: An :class:`utils.argmap.reading.ArgumentReading` with at least one unit.
        question: The trigger question.

    Returns:
        Index of the unit and the rule that chose it (``"central_claim"`` or ``"closest_to_question"``).
    """
    q = _topic_words(question)
    central = next(i for i, u in enumerate(reading.units) if u.is_central)
    claim = reading.units[central].text
    best = _topic_overlap(_topic_words(claim), q)
    if best >= TOPIC_FALLBACK or answer_word(claim) is not None or _WRITER_VIEW.search(claim):
        # "Yes, they should." answers the question in no words of its own; "I don't agree with a
        # ban." and "I much prefer weekly episodes." give the writer's answer in words of their own
        return central, "central_claim"
    chosen, rule = central, "central_claim"
    for i, u in enumerate(reading.units):
        if u.role == "proponent" and not u.text.rstrip().endswith("?"):
            ov = _topic_overlap(_topic_words(u.text), q)
            if ov > best:
                chosen, best, rule = i, ov, "closest_to_question"
    return chosen, rule


def verdict_follows(unit: str, following: str) -> bool:
    """Whether ``following`` goes on from ``unit`` in the same sentence with "but" / "however" /
    "yet": the writer's verdict ("they usually work at first, but over time they fail")."""
    return bool(_BUT.match(following)) and not _SENTENCE_END.search(unit)


_BUT = re.compile(r"^\W*(?:but|however|yet)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\W*$")


def reading_stance(reading, question: str) -> tuple[str, list[str]]:
    """Stance of a whole reading toward a yes/no question (see :func:`stance_unit`).

    Args:
        reading: The reader's output for a text.
        question: The trigger question.

    Returns:
        ``"pro"`` or ``"con"`` and the flipping words, as :func:`stance`; ``("pro", [])`` for an empty reading.
    """
    if not reading.units:
        return "pro", []
    i, _ = stance_unit(reading, question)
    units = reading.units
    if i + 1 < len(units) and units[i + 1].role == "proponent" and verdict_follows(units[i].text, units[i + 1].text):
        i += 1  # "they usually work at first, but over time they fail": the clause after "but" is the verdict
    # "I disagree, ..." answers a view just voiced, or, opening the text, the question itself
    after_view = any(u.role == "opponent" for u in reading.units[:i])
    return stance(reading.units[i].text, question, after_view=after_view)
