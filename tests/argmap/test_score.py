"""The microtext gold reader and the scorer on a two-text gold folder written here.

The reader runs with a tiny hand-written model so every prediction, and so every score,
can be worked out by hand (see the comments).
"""

from __future__ import annotations

import pytest

from utils.argmap import score as score_module
from utils.argmap.microtexts import align, load_gold
from utils.argmap.score import LINK_RULE, THESIS_RULE, link_rule, macro_f1, main, score, thesis_rule

TEXT_A = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t001" topic_id="car_ban" stance="pro">
  <edu id="e1"><![CDATA[Cities should ban cars]]></edu>
  <edu id="e2"><![CDATA[because the air makes children ill.]]></edu>
  <edu id="e3"><![CDATA[Some say shops would suffer.]]></edu>
  <edu id="e4"><![CDATA[But shoppers walk more.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="opp"/><adu id="a4" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a3" type="seg"/><edge id="c8" src="e4" trg="a4" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="a1" type="reb"/>
  <edge id="c3" src="a4" trg="c2" type="und"/>
</arggraph>
"""

TEXT_B = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t002" topic_id="car_ban" stance="con">
  <edu id="e1"><![CDATA[Cars bring money to the city.]]></edu>
  <edu id="e2"><![CDATA[Shops need customers.]]></edu>
  <edu id="e3"><![CDATA[Therefore the ban goes too far.]]></edu>
  <edu id="e4" implicit="true"><![CDATA[CITIES SHOULD NOT BAN CARS.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/><adu id="a4" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a3" type="seg"/><edge id="c8" src="e4" trg="a4" type="seg"/>
  <edge id="c1" src="a1" trg="a3" type="sup"/>
  <edge id="c2" src="a2" trg="a1" type="sup"/>
  <edge id="c3" src="a3" trg="a4" type="sup"/>
</arggraph>
"""

TEXT_C = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t003" topic_id="car_ban" stance="pro">
  <edu id="e1"><![CDATA[Cars are loud.]]></edu>
  <edu id="e2"><![CDATA[Cities should ban them.]]></edu>
  <edu id="e3"><![CDATA[In short, cities should ban cars.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a2" type="seg"/>
  <edge id="c1" src="a1" trg="a2" type="sup"/>
</arggraph>
"""

# First unit is central; opponent and attack only on an opponent cue; attach to the previous unit.
TINY_MODEL = {
    "models": {
        "central": {"weights": {"first_unit": 5.0}, "intercept": -2.0},
        "role": {"weights": {"opens_opponent": 5.0}, "intercept": -2.0},
        "function": {"weights": {"opens_opponent": 5.0}, "intercept": -2.0},
        "attach": {"weights": {"dist_-1": 5.0}, "intercept": -2.0},
    }
}


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "micro_t001.xml").write_text(TEXT_A, encoding="utf-8")
    (folder / "micro_t002.xml").write_text(TEXT_B, encoding="utf-8")
    (tmp_path / "topics_triggers.md").write_text("* `car_ban`\n\n  Should cities ban cars?\n", encoding="utf-8")
    return folder


def test_gold_reader_converts_undercut_and_strips_implicit_claims(gold_dir):
    a, b = load_gold(gold_dir)
    assert (
        a.text
        == "Cities should ban cars because the air makes children ill. Some say shops would suffer. But shoppers walk more."
    )
    assert [(u.id, u.role, u.function, u.target) for u in a.units] == [
        ("a1", "pro", "central", None),
        ("a2", "pro", "support", "a1"),
        ("a3", "opp", "attack", "a1"),
        ("a4", "pro", "attack", "a3"),
    ]  # the undercut of c2 attaches to its source a3
    assert "CITIES" not in b.text and b.central.id == "a4" and b.central.implicit
    assert (b.units[1].start, b.units[1].end) == (30, 51)


def test_restatement_unit_has_two_pieces_and_aligns_by_either(tmp_path):
    (tmp_path / "micro_t003.xml").write_text(TEXT_C, encoding="utf-8")
    (c,) = load_gold(tmp_path)
    assert c.units[1].spans == ((15, 38), (39, 72))
    p2g, g2p = align([(0, 14), (15, 38), (39, 72)], c)
    assert p2g == ["a1", "a2", "a2"] and g2p == {
        "a1": 0,
        "a2": 2,
    }  # the longer piece represents a2


def test_macro_f1_by_hand():
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"], ("a", "b")) == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_score_on_two_texts_matches_hand_computation(gold_dir):
    t = score(gold_dir, topics="all", model=TINY_MODEL).set_index("measure")
    ours, base = t["ours"], t["baseline"]
    # A is read perfectly (concession rule on "Some say ... But ..."); B's central claim is implicit,
    # so only A counts for the explicit-CC accuracy; over all texts B counts wrong.
    assert ours["central claim accuracy (explicit CC)"] == 1.0 and base["central claim accuracy (explicit CC)"] == 1.0
    assert ours["central claim accuracy (all, implicit = wrong)"] == 0.5
    assert ours["explicit gold units"] == 7 and ours["gold units matched (mutual best overlap)"] == 7
    assert ours["texts whose central claim is implicit"] == 1
    # Roles: 6 pro + 1 opp, all right; baseline all-pro: pro F1 12/13, opp F1 0.
    assert ours["role macro-F1"] == 1.0
    assert base["role macro-F1"] == pytest.approx(6 / 13)
    # Functions of non-central explicit units: A s,a,a; B s,s,s (a3 supports the implicit claim).
    # Ours: B's u1 is read as central (counted as not attack) -> all right. Baseline all support: 4/6 vs 0.
    assert ours["function macro-F1 (support/attack)"] == 1.0
    assert base["function macro-F1 (support/attack)"] == pytest.approx((2 * 4 / (2 * 4 + 2)) / 2)
    # Pairs (edges to the implicit claim dropped): gold A (a2,a1),(a3,a1),(a4,a3); B (a1,a3),(a2,a1) = 5.
    # B's a3 attaches to the implicit claim, so whatever a3 is predicted to attach to is not scored.
    # Ours: A all 3; B (a2,a1) right; a1 read as central -> TP 4, P 4, G 5 -> 8/9.
    assert ours["attachment F1 unlabelled"] == pytest.approx(8 / 9)
    assert ours["attachment F1 labelled"] == pytest.approx(8 / 9)
    # Baseline previous unit, all support: A (a2,a1,s) ok, (a3,a2) no, (a4,a3) unlabelled only; B (a2,a1) ok.
    # Unlabelled TP 3, P 4, G 5 -> 6/9; labelled TP 2 -> 4/9.
    assert base["attachment F1 unlabelled"] == pytest.approx(6 / 9)
    assert base["attachment F1 labelled"] == pytest.approx(4 / 9)
    # Stance: A's claim shares "ban" with the question -> pro (right); B's read claim ("Cars bring money
    # to the city.") evaluates nothing and denies nothing, so it answers no proposed act -> pro (wrong:
    # B is against the ban); the pair is typed as agreement, so opposite -> tension is 0.
    assert ours["stance per text accuracy"] == 0.5
    assert ours["stance typing: opposite -> tension"] == 0.0
    assert ours["same-topic pairs, gold opposite stance"] == 1 and ours["same-topic pairs, gold same stance"] == 0


def test_main_scores_texts_the_shipped_reader_never_saw_with_it(gold_dir, capsys):
    assert main([str(gold_dir), "--topics", "all"]) == 0
    out = capsys.readouterr().out
    assert "NEW texts" in out and "central claim accuracy (explicit CC)" in out and "| target" in out
    assert "HELD-OUT" not in out and "TRAINING" not in out


def test_main_scores_the_dev_set_by_topic_and_new_texts_apart(gold_dir, capsys, monkeypatch):
    (gold_dir / "micro_t003.xml").write_text(TEXT_C.replace("car_ban", "bike_ban"), encoding="utf-8")
    model = {**TINY_MODEL, "training_texts": ["micro_t001"], "heldout_texts": ["micro_t003"], "cv_scores": {}}
    monkeypatch.setattr(score_module, "load_model", lambda: model)
    monkeypatch.setattr(score_module, "heldout_topics", lambda: ["bike_ban"])
    assert main([str(gold_dir)]) == 0
    out = capsys.readouterr().out
    held, train, new = (out.split(title)[1].split("\n\n")[0] for title in ("HELD-OUT", "TRAINING", "NEW texts"))
    texts = "texts                                            |          |"
    assert f"{texts}        1" in held and f"{texts}        1" in train and f"{texts}        1" in new


def test_the_article_thesis_rules_are_scored_against_the_central_claim(tmp_path):
    # A states its claim first; C's first sentence is a premise and its claim comes back "In short, ...":
    # the first-sentence baseline finds 1 of 2, the thesis rules (claim + thesis phrase) 2 of 2
    (tmp_path / "micro_t001.xml").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "micro_t003.xml").write_text(TEXT_C, encoding="utf-8")
    assert thesis_rule(load_gold(tmp_path)) == (0.5, 1.0)
    table = score(tmp_path, topics="all", model=TINY_MODEL).set_index("measure")
    assert table.loc[THESIS_RULE, ["baseline", "ours"]].tolist() == [0.5, 1.0]


TEXT_D = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t004" topic_id="car_ban" stance="con">
  <edu id="e1"><![CDATA[No, cities should not ban cars.]]></edu>
  <edu id="e2"><![CDATA[Buses cannot reach every street.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
</arggraph>
"""


def test_the_draft_link_rule_is_scored_on_gold_central_claims(tmp_path):
    # A and C (pro) say cities should ban cars; D (con) answers "No, cities should not ban cars":
    # its "not" echoes the answer, so D takes one flip and contradicts both; A and C agree.
    # Counting "No" and "not" as two flips would make D agree with both (0 of 2 right).
    # B's central claim is implicit: left out.
    for name, text in (("t001", TEXT_A), ("t002", TEXT_B), ("t003", TEXT_C), ("t004", TEXT_D)):
        (tmp_path / f"micro_{name}.xml").write_text(text, encoding="utf-8")
    assert link_rule(load_gold(tmp_path)) == {LINK_RULE[0]: (1.0, 1.0), LINK_RULE[1]: (0.0, 1.0)}
    table = score(tmp_path, topics="all", model=TINY_MODEL).set_index("measure")
    assert table.loc[list(LINK_RULE), "ours"].tolist() == [1.0, 1.0]


SHORT = [
    {
        "id": "x-t01-a",
        "topic": "car_ban",
        "question": "Should cities ban cars?",
        "stance": "pro",
        "text": "Cities should ban cars because the air makes children ill. Some say shops would suffer. But shoppers walk more.",
        "units": [
            {"text": "Cities should ban cars", "role": "proponent", "function": "central", "target": None},
            {"text": "because the air makes children ill.", "role": "proponent", "function": "support", "target": 0},
            {"text": "Some say shops would suffer.", "role": "opponent", "function": "attack", "target": 0},
            {"text": "But shoppers walk more.", "role": "proponent", "function": "attack", "target": 2},
        ],
        "implicit_central": None,
    },
    {
        "id": "x-t01-b",
        "topic": "car_ban",
        "question": "Should cities ban cars?",
        "stance": "con",
        "text": "Cars bring money to the city. Shops need customers.",
        "units": [
            {"text": "Cars bring money to the city.", "role": "proponent", "function": "support", "target": -1},
            {"text": "Shops need customers.", "role": "proponent", "function": "support", "target": 0},
        ],
        "implicit_central": "Cities should not ban cars.",
    },
]


def _write_short(folder, items):
    import json

    (folder / "set1").mkdir(parents=True)
    (folder / "set1" / "texts.json").write_text(json.dumps(items), encoding="utf-8")


def test_short_texts_are_read_with_offsets_topics_and_an_implicit_claim(tmp_path):
    from utils.argmap.microtexts import load_short_texts

    _write_short(tmp_path, SHORT)
    golds, triggers = load_short_texts(tmp_path)
    a, b = golds
    assert a.topic == b.topic == "set1:car_ban" and triggers == {"set1:car_ban": "Should cities ban cars?"}
    assert [(u.start, u.end) for u in a.units][:2] == [(0, 22), (23, 58)]
    assert a.central.text == "Cities should ban cars" and a.units[3].target == "u2" and a.units[2].role == "opp"
    assert b.central.implicit and b.central.text == "Cities should not ban cars." and b.units[0].target == "implicit"


def test_short_texts_are_scored_with_the_microtext_measures(tmp_path, capsys):
    _write_short(tmp_path, SHORT)
    t = score_module.score_short_texts(tmp_path).set_index("measure")["ours"]
    assert t["texts"] == 2 and t["texts whose central claim is implicit"] == 1
    assert t["explicit gold units"] == 6
    assert t["central claim accuracy (explicit CC)"] == 1.0  # "Some say ... But ..." is conceded
    assert main([str(tmp_path)]) == 0
    assert "SHORT TEXTS" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["units"][1].update(text="not in the text"), "unit 1 is not found"),
        (lambda t: t.update(stance="maybe"), "stance must be pro or con"),
        (lambda t: t["units"][1].update(target=None), "target None does not fit"),
        (lambda t: t.update(implicit_central="Also unstated."), "exactly one central unit"),
    ],
)
def test_a_broken_short_text_is_named_with_its_file_and_id(tmp_path, change, message):
    import copy

    from utils.argmap.microtexts import ShortTextError, load_short_texts

    items = copy.deepcopy(SHORT)
    change(items[0])
    _write_short(tmp_path, items)
    with pytest.raises(ShortTextError, match=message) as err:
        load_short_texts(tmp_path)
    assert "texts.json" in str(err.value) and "x-t01-a" in str(err.value)


def test_the_shipped_short_texts_all_follow_the_scheme():
    from utils.argmap.microtexts import load_short_texts
    from utils.paths import ROOT

    golds, triggers = load_short_texts(ROOT / "data" / "dev" / "short_texts")
    assert len(golds) == 1440 and len(triggers) == 288
    assert sum(g.central.implicit for g in golds) == 303
    assert {g.stance for g in golds} == {"pro", "con"}


def test_a_folder_without_gold_texts_is_named_not_scored_as_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    assert main([str(tmp_path)]) == 2
    assert f"{tmp_path}: no gold texts" in capsys.readouterr().err
    assert main([str(tmp_path / "missing")]) == 2


def test_texts_without_a_topic_or_a_side_are_scored_but_left_out_of_the_stance_measures(gold_dir):
    no_topic = TEXT_A.replace(' topic_id="car_ban" stance="pro"', "").replace("micro_t001", "micro_t004")
    unclear = TEXT_A.replace('stance="pro"', 'stance="unclear"').replace("micro_t001", "micro_t005")
    (gold_dir / "micro_t004.xml").write_text(no_topic, encoding="utf-8")
    (gold_dir / "micro_t005.xml").write_text(unclear, encoding="utf-8")
    t = score(gold_dir, topics="all", model=TINY_MODEL).set_index("measure")["ours"]
    assert t["texts"] == 4 and t["texts with a topic and a pro or con stance"] == 2
    assert t["same-topic pairs, gold opposite stance"] == 1 and t["same-topic pairs, gold same stance"] == 0
    assert t["central claim accuracy (explicit CC)"] == 1.0  # the two new texts are read like A


def test_a_corpus_with_one_folder_per_language_is_read_in_english(tmp_path):
    for lang, word in (("en", "Cities"), ("de", "Städte")):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "micro_t001.xml").write_text(TEXT_A.replace("Cities", word), encoding="utf-8")
    (tmp_path / "topics_triggers.md").write_text("* `car_ban`\n\n  en: Should cities ban cars?\n", encoding="utf-8")
    for where in (tmp_path, tmp_path / "corpus"):
        (text,) = load_gold(where)
        assert text.text.startswith("Cities should ban cars")
    assert score_module._triggers_near(tmp_path / "corpus" / "en") == {"car_ban": "Should cities ban cars?"}
