"""The argument reader on tiny texts written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from utils.argmap.microtexts import read_triggers
from utils.argmap.reading import load_model, read_text
from utils.argmap.score import heldout_topics, trigger_for
from utils.argmap.stance import stance
from utils.argmap.units import split_sentences, split_units


def _unit_with(reading, words: str):
    return next(u for u in reading.units if words in u.text)


def test_concession_then_thesis_puts_the_claim_after_but():
    r = read_text("Of course cheap flights are tempting. But we should take the train.")
    central = r.central
    assert "take the train" in central.text
    conceded = _unit_with(r, "cheap flights")
    assert conceded.role == "opponent"
    assert conceded.function == "attack"
    assert conceded.target == central.id


def test_answer_to_a_concession_attacks_the_objection_not_the_claim():
    r = read_text(
        "Homework should be abolished. It takes time away from play. "
        "Admittedly, practice helps memory. Yet practice can happen in class."
    )
    assert "abolished" in r.central.text
    objection = _unit_with(r, "practice helps memory")
    answer = _unit_with(r, "happen in class")
    assert (objection.role, objection.function, objection.target) == (
        "opponent",
        "attack",
        r.central.id,
    )
    assert (answer.role, answer.function, answer.target) == (
        "proponent",
        "attack",
        objection.id,
    )


def test_claim_and_reason_in_one_sentence_are_two_units_with_offsets():
    text = "Anyway. Cities should ban cars because the air makes children ill."
    units = split_units(text)
    assert [u.text for u in units] == [
        "Anyway.",
        "Cities should ban cars",
        "because the air makes children ill.",
    ]
    assert [(u.start, u.end) for u in units[1:]] == [(8, 30), (31, 66)]
    assert all(text[u.start : u.end] == u.text for u in units)
    r = read_text(text[8:])
    claim, reason = _unit_with(r, "ban cars"), _unit_with(r, "because")
    assert claim.is_central and (claim.start, claim.end) == (0, 22)
    assert (reason.function, reason.target, reason.role) == (
        "support",
        claim.id,
        "proponent",
    )


def test_sentence_splitter_keeps_abbreviations_and_splits_questions():
    text = "Dr. Smith agrees. Is it true? Yes!"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Dr. Smith agrees.",
        "Is it true?",
        "Yes!",
    ]


def test_question_answer_thesis():
    r = read_text(
        "Should schools start later in the morning? Yes, teenagers need more sleep. "
        "Tired pupils learn less in the morning."
    )
    assert r.central.text.startswith("Yes, teenagers need more sleep")
    question = _unit_with(r, "Should schools")
    assert not question.is_central
    assert "answer_to_opening_question" in r.central.rules


def test_objection_list_is_one_opponent_unit_that_the_author_attacks():
    r = read_text(
        "Zoos must close. Some people claim that animals love cages, that keepers know best, "
        "and that lions enjoy the crowds. However, animals suffer in captivity."
    )
    objection = _unit_with(r, "Some people claim")
    assert "lions enjoy the crowds" in objection.text  # the list is not cut into pieces
    assert objection.role == "opponent" and objection.function == "attack"
    answer = _unit_with(r, "However")
    assert answer.role == "proponent" and answer.target == objection.id
    assert "Zoos must close" in r.central.text


def test_concluding_recommendation_is_the_central_claim():
    r = read_text(
        "Buses are cheap. Trains are fast and clean. Bikes cost nothing at all. "
        "That's why the city must stop building roads."
    )
    assert "stop building roads" in r.central.text


def test_a_recommendation_with_therefore_after_its_modal_closes_the_argument():
    r = read_text(
        "Buses are cheap. Trains are fast and clean. Bikes cost nothing at all. "
        "The city should therefore stop building roads."
    )
    assert "stop building roads" in r.central.text and r.central.rules == ["concluding_recommendation"]
    # "therefore" with no modal before it is not a recommendation: the model decides
    r = read_text("Buses are cheap. Trains are fast and clean. Bikes cost nothing at all. Roads are therefore useless.")
    assert r.central.rules == []


def test_a_closing_recommendation_outranks_an_opening_statement_that_recommends_nothing():
    r = read_text(
        "Plastic bags are not biodegradable. They pollute rivers and seas for centuries. "
        "Cheap cloth bags exist. Shops should charge for every plastic bag."
    )
    assert "Shops should charge" in r.central.text and r.central.rules == ["closing_recommendation"]
    # an opening that already recommends keeps its place, and a need is no recommendation
    r = read_text(
        "Shops should charge for plastic bags. They pollute rivers and seas for centuries. "
        "Shoppers must bring their own bags."
    )
    assert "Shops should charge" in r.central.text and "closing_recommendation" not in r.central.rules
    r = read_text("Plastic bags pollute rivers and seas. Cheap cloth bags exist. Children need to learn this.")
    assert "closing_recommendation" not in r.central.rules


def test_those_who_marks_an_opponent_only_with_what_they_hold():
    from utils.argmap.reading import _cue_set, _ngrams

    def opponent(t: str) -> bool:
        return bool(_ngrams(t) & _cue_set("opponent"))

    assert opponent("Those who argue for a ban forget the cost.")
    assert opponent("There are those who would say that bags are cheap.")
    assert not opponent("Unhappy customers answered far more often than those who had a fine call.")


def test_title_overlap_only_with_a_title():
    text = (
        "Noise keeps children awake at night. Lorries pass the school every minute. "
        "The town must build a bypass road. Fresh air matters too."
    )
    plain = read_text(text)
    titled = read_text(text, title="A bypass road for the town")
    assert plain.title is None and not any("overlap_title" in k for u in plain.units for k, _ in u.top_features)
    assert "Noise" in plain.central.text  # without a title the opening sentence wins
    assert "bypass road" in titled.central.text
    assert "overlap_title" in dict(titled.central.top_features)


def test_model_json_has_provenance_and_every_unit_explains_itself():
    model = load_model()
    assert set(model["models"]) == {"central", "role", "function", "attach"}
    for m in model["models"].values():
        assert m["weights"] and isinstance(m["intercept"], float)
    assert model["sklearn_version"] and model["date"] and model["cv_scores"]
    assert not set(model["training_topics"]) & set(heldout_topics())
    assert len(model["training_texts"]) == model["n_training_texts"] and model["heldout_texts"]
    r = read_text("Phones distract drivers. Therefore phones should be banned in cars, because crashes cost lives.")
    assert len(r.units) == 3
    for u in r.units:
        assert u.top_features, u
        assert all(isinstance(k, str) and isinstance(v, float) and v != 0.0 for k, v in u.top_features)


def test_stance_parity_with_shared_words_and_answers():
    q = "Do video games have a bad impact on family life?"
    assert stance("Video games have a bad impact on families.", q)[0] == "pro"
    assert stance("Video games are good for families.", q)[0] == "con"
    assert stance("Video games don't harm family life.", q)[0] == "con"
    assert stance("No, games should not be blamed.", "Should games be blamed?")[0] == "con"
    assert stance("Hunting is bad for nature.", "Is hunting good or bad for nature?")[0] == "con"
    assert stance("Hunting is good for nature.", "Is hunting good or bad for nature?")[0] == "pro"


def test_stance_reads_the_main_clause_not_its_reason_and_moral_verdicts_flip():
    q = "Are helicopter parents good for their children?"
    # "overly" and "not" would cancel out; the reason clause is the grounds, not the answer
    assert stance("Helicopter parents, because they are overly protective, tend not to let children cope.", q) == (
        "con",
        ["not"],
    )
    assert stance("Helicopter parents are bad because they harm their children.", q)[0] == "con"
    assert stance("Because they protect too much, helicopter parents are bad for children.", q)[0] == "con"
    assert stance("Removing their horns is kind of cruel.", "Should the horns of wild rhinos be removed?")[0] == "con"


def test_read_triggers(tmp_path):
    p = tmp_path / "topics_triggers.md"
    p.write_text(
        "# Topics\n\n* `car_ban`\n\n  Should cities ban cars?\n\n* `zoos`\n  Are zoos good?\n",
        encoding="utf-8",
    )
    assert read_triggers(p) == {
        "car_ban": "Should cities ban cars?",
        "zoos": "Are zoos good?",
    }


def test_read_triggers_takes_the_english_question_of_a_tagged_pair(tmp_path):
    # a question in another language is never the trigger: the text would be compared with it
    p = tmp_path / "topics_triggers.md"
    p.write_text(
        "* `trash`\n\n  de: Sollte man den Müll trennen?\n  en: Should one separate the trash?\n\n"
        "* `city_job`\n\n  de: Sollte wir unseren Müll weiterhin trennen?\n\n"
        "* `zoos`\n\n  Are zoos good?\n",
        encoding="utf-8",
    )
    triggers = read_triggers(p)
    assert triggers == {"trash": "Should one separate the trash?", "zoos": "Are zoos good?"}
    assert trigger_for("city_job", triggers) == "city job"


def test_restatement_at_the_end_is_the_claim_and_the_opening_restates_it():
    r = read_text(
        "Cities should ban cars. The air is dirty and children get ill. "
        "Shops lose nothing either. In short, cities should ban cars."
    )
    assert r.central.text == "In short, cities should ban cars."
    opening = r.units[0]
    assert (opening.function, opening.target) == ("support", r.central.id)
    assert "restatement_of_central" in opening.rules
    assert "restatement_of_central" not in r.units[1].rules


def test_ironic_concession_is_the_opponent_voice():
    r = read_text(
        "Of course, cars make our cities so lovely and quiet. "
        "But we should ban them from the centre, because children breathe the fumes."
    )
    ironic = _unit_with(r, "lovely and quiet")
    assert r.central.text == "But we should ban them from the centre,"
    assert (ironic.role, ironic.function, ironic.target) == (
        "opponent",
        "attack",
        r.central.id,
    )
    reason = _unit_with(r, "fumes")
    assert (reason.role, reason.function, reason.target) == (
        "proponent",
        "support",
        r.central.id,
    )


def test_stance_falls_back_to_the_unit_closest_to_the_question():
    from utils.argmap.reading import ArgumentReading, Unit
    from utils.argmap.stance import reading_stance, stance_unit

    q = "Are zoos good for animals?"
    units = [
        Unit(
            "u1",
            0,
            30,
            "Zoos are bad for wild animals.",
            role="proponent",
            function="support",
            target="u2",
        ),
        Unit(
            "u2",
            31,
            60,
            "Freedom matters most of all.",
            function="central",
            is_central=True,
        ),
    ]
    off_topic = ArgumentReading("", None, units)
    assert stance_unit(off_topic, q) == (0, "closest_to_question")
    assert reading_stance(off_topic, q)[0] == "con"
    units[1].text = "Zoos are good for animals."
    assert stance_unit(ArgumentReading("", None, units), q) == (1, "central_claim")
    units[0].role = "opponent"
    units[1].text = "Freedom matters most of all."
    assert stance_unit(ArgumentReading("", None, units), q) == (
        1,
        "central_claim",
    )  # an objection never carries the stance


IRONIC = (
    "Want to lose your customers fast? Follow these simple rules. "
    "Rule one: never answer the phone. Rule two: when a customer complains, blame the customer. "
    "Rule three: make every refund take six weeks. "
    "Of course, nobody should actually run a business like this. "
    "Treat every complaint as a gift, and your customers will stay."
)


def test_an_ironic_list_of_rules_is_the_view_the_author_takes_back():
    r = read_text(IRONIC)
    assert r.central.text == "Treat every complaint as a gift, and your customers will stay."
    rules = [u for u in r.units if u.text.startswith("Rule ")]
    assert len(rules) == 3
    for u in rules:
        assert (u.role, u.function, u.target) == ("opponent", "attack", r.central.id), u.text
    opening = _unit_with(r, "lose your customers fast")
    assert opening.role == "opponent" and "ironic_list_is_opponent" in opening.rules
    back = _unit_with(r, "nobody should actually")
    assert (back.role, back.function, back.target) == ("proponent", "attack", opening.id)


def test_a_list_the_author_means_is_not_read_as_irony():
    r = read_text(IRONIC.replace("Of course, nobody should actually run a business like this. ", ""))
    assert not any({"ironic_list_is_opponent", "disavowal_attacks_ironic_list"} & set(u.rules) for u in r.units)


def test_a_reported_view_rejected_without_but_is_answered_by_the_central_claim():
    r = read_text(
        "Some believe that printed newspapers will soon disappear. This is very unlikely to happen. "
        "Paper needs no battery. Many readers like to hold a page."
    )
    assert r.central.text == "This is very unlikely to happen."
    assert r.central.rules == ["author_view_after_concession"]
    view = _unit_with(r, "newspapers will soon disappear")
    assert (view.role, view.function, view.target) == ("opponent", "attack", r.central.id)


def test_a_view_the_text_reports_is_never_its_central_claim():
    r = read_text(
        "One could argue that tolls would drive shoppers away from the city centre. "
        "There is also the worry about noise. Let us charge drivers, not the shops."
    )
    assert "charge drivers" in r.central.text
    assert r.central.rules == ["not_a_reported_view"]
    assert _unit_with(r, "One could argue").role == "opponent"


def test_unit_length_is_read_against_the_texts_own_units_so_long_sentences_are_not_an_opponents():
    from utils.argmap.reading import _describe, unit_features

    long = (
        "When the city of Dunkirk in France abolished bus fares in 2018, bus use rose by 85 percent within "
        "two years, and a survey found that almost half of the new riders had made the same trips by car. "
    )
    short = "Fares fell. Riders came back. Buses filled up. Roads cleared."
    for text, i in ((long * 3, 1), (short + " " + long, 4)):
        infos = _describe(split_units(text))
        feats = unit_features(infos, i)
        if text.startswith("When"):
            assert abs(feats["log_tokens"]) < 0.05  # as long as its neighbours: nothing stands out
        else:
            assert feats["log_tokens"] > 1.0  # far longer than its neighbours
    # the long cited case among sentences of its own length is the writer's, not the opponent's
    r = read_text(long * 2 + "Free buses cut congestion.")
    assert all(u.role == "proponent" for u in r.units if "Dunkirk" in u.text)


def test_a_sentence_that_starts_in_lower_case_is_still_a_sentence():
    text = "After a year you forget a lot. you also start work later. That is all, etc. and so on."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "After a year you forget a lot.",
        "you also start work later.",
        "That is all, etc. and so on.",
    ]


def test_contractions_written_without_an_apostrophe_negate():
    q = "Should cities ban cars from their centres?"
    assert stance("I dont think cars should be banned from the centre.", q)[0] == "con"
    assert stance("Banning cars doesnt help anyone.", q)[0] == "con"


def test_keeping_things_as_they_are_answers_a_proposed_change_with_no():
    assert stance("Schools should keep their marks.", "Should schools stop giving marks?")[0] == "con"
    assert stance("The age limit should stay where it is.", "Should the age limit be lowered?")[0] == "con"
    # not when the question itself asks about keeping
    assert stance("We should keep the night trains.", "Should we keep the night trains?")[0] == "pro"
    # "keep X off" is prevention, not the status quo
    assert stance("Robot taxis should be kept off the roads for now.", "Should robot taxis be allowed?")[0] == "con"


def test_a_claim_that_something_is_needed_lets_the_questions_negative_verb_count():
    assert stance("I think marks in primary school are necessary.", "Should schools stop giving marks?")[0] == "con"


def test_a_claim_with_no_evaluation_still_answers_a_proposed_action():
    assert stance("We do not need zoos any more.", "Should zoos be abolished?")[0] == "pro"
    assert stance("Lions have no place in a circus.", "Should lions in circuses be banned?")[0] == "pro"
    # an evaluative question is still answered by denying it
    assert (
        stance("I do not believe films have any effect on couples.", "Are romantic films damaging to couples?")[0]
        == "con"
    )


def test_verbs_that_double_their_last_consonant_meet_their_base_form():
    assert stance("I am against banning night flights.", "Should night flights be banned?")[0] == "con"
    assert stance("Scrapping the fee would be wrong.", "Should the fee be scrapped?")[0] == "con"


def test_an_answer_word_after_a_conclusion_connective_decides():
    assert stance("So no, I would not lock dogs inside all day.", "Should dogs be kept indoors?")[0] == "con"
    assert stance("Therefore, yes.", "Should dogs be kept indoors?")[0] == "pro"


def test_disagreeing_with_a_quoted_view_is_not_disagreeing_with_the_question():
    q = "Should broadband be a basic right?"
    assert stance("I disagree: broadband is a basic right today.", q)[0] == "pro"
    assert stance("I disagree with making broadband a right.", q)[0] == "con"


def test_negative_words_in_a_closing_relative_clause_of_the_question_do_not_count():
    q = "Should the state fine websites that fail to remove hate speech?"
    assert stance("Fining websites for hate speech is a dangerous idea.", q)[0] == "con"
    assert stance("Fining websites for hate speech is a good idea.", q)[0] == "pro"


def test_verdicts_of_excess_and_getting_rid_of_flip_polarity():
    assert stance("A general ban on fireworks is overkill.", "Should fireworks be banned?")[0] == "con"
    assert stance("Cities should get rid of rental bikes.", "Should rental bikes be banned?")[0] == "pro"


def test_a_yes_or_no_central_claim_carries_the_stance_though_it_names_nothing():
    from utils.argmap.stance import reading_stance, stance_unit

    q = "Should children under twelve be allowed to use smartphones?"
    r = read_text(
        "Yes, they should. Children without smartphones are left out of group chats. "
        "Some say screens are harmful, but parents can set limits."
    )
    assert "Yes, they should" in r.central.text
    assert stance_unit(r, q) == (0, "central_claim")
    assert reading_stance(r, q)[0] == "pro"


def test_a_reported_view_answered_after_a_grant_gives_the_claim_after_but():
    r = read_text(
        "Many parents say that school uniforms are expensive. I understand this, but uniforms "
        "are still the fairer choice. Children compare brands all day. Cheap uniforms exist."
    )
    assert "fairer choice" in r.central.text
    assert _unit_with(r, "expensive").role == "opponent"


def test_a_plain_statement_answered_by_still_i_think_is_conceded():
    r = read_text(
        "Privacy online matters and nobody likes being watched. Still, I think police should be "
        "able to read public posts. Threats are often announced there first."
    )
    assert "police should be able" in r.central.text
    assert _unit_with(r, "nobody likes").role == "opponent"


def test_a_lone_no_ends_its_sentence_but_a_numbered_no_does_not():
    text = "No. Cloning pets would open a door. See No. 5 below."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "No.",
        "Cloning pets would open a door.",
        "See No. 5 below.",
    ]


def test_an_opening_answer_is_split_from_the_reason_spliced_on_with_a_comma():
    assert [u.text for u in split_units("yes they should be cheaper, trains are for everyone.")] == [
        "yes they should be cheaper,",
        "trains are for everyone.",
    ]


def test_two_words_for_one_negative_act_cancel_like_one_word():
    q = "Should fireworks be banned?"
    assert stance("Forbidding fireworks would be wrong.", q)[0] == "con"
    assert stance("Fireworks should be prohibited.", q)[0] == "pro"


def test_the_forms_of_one_polarity_word_share_one_key():
    from utils.argmap.stance import polarity_stem

    assert polarity_stem("removing") == polarity_stem("removed") == polarity_stem("remove")
    assert polarity_stem("harmful") == polarity_stem("harm")
    assert polarity_stem("banning") == polarity_stem("ban")
    assert polarity_stem("important") != polarity_stem("impossible")
    assert polarity_stem("disagree") != polarity_stem("disadvantage")


def test_purpose_conditions_and_repeated_negations_do_not_flip_the_claim():
    q = "Should organ donation be opt-out?"
    assert stance("Donation should be opt-out, so that nobody is forgotten.", q)[0] == "pro"
    assert stance("Donation should be opt-out unless people say no.", q)[0] == "pro"
    assert stance("Fireworks should not be banned, at least not now.", "Should fireworks be banned?")[0] == "con"


def test_forbidding_rarely_and_a_full_stop():
    assert stance("Boxing should be forbidden.", "Should boxing be allowed?")[0] == "con"
    assert stance("Referendums should be used rarely.", "Should referendums be used more often?")[0] == "con"
    assert stance("Sunday opening should be allowed, full stop.", "Should shops open on Sundays?")[0] == "pro"


# One central claim per text, each picked by a cue rule: (text, words the central claim holds).
CENTRAL_CLAIM_CASES = [
    pytest.param(
        "Free museums sound wonderful at first. Who would be against free culture? But I believe "
        "entry fees are fair. Somebody has to pay the guards. Visitors value what they pay for.",
        "entry fees are fair",
        id="view-answered-after-a-rhetorical-question",
    ),
    pytest.param(
        "Many drivers will hate this, because they love speed. Nevertheless I think a limit of "
        "thirty is needed. Slower cars kill fewer children. It also makes streets quieter.",
        "limit of thirty",
        id="view-answered-after-its-own-reason",
    ),
    pytest.param(
        "Doctors say that teenagers sleep later. Even so, I think school should start at eight. "
        "Parents leave for work early. Also jobs start early too, so pupils should get used to it.",
        "start at eight",
        id="text-opening-by-answering-a-view-argues-for-the-answer",
    ),
    pytest.param(
        "no I dont think cooking needs its own school subject. Families cook differently. "
        "Some say pupils eat badly, this is a problem of prices, so we should tax sugar instead.",
        "no I dont think cooking",
        id="opening-answer-beats-a-closing-recommendation",
    ),
    pytest.param(
        "I am in favour of free school meals for every child. Hungry children cannot learn. It's true "
        "that rich families do not need them. yet that is exactly why they should pay more tax.",
        "free school meals",
        id="opening-in-favour-beats-a-closing-recommendation",
    ),
    pytest.param(
        "People often say pensioners don't use the internet. Maybe that is true for some, but many "
        "do. Online banking saves them trips. So yes, teaching pensioners to go online makes sense.",
        "So yes",
        id="so-yes-concludes",
    ),
    pytest.param(
        "Our tax forms are far too complicated. Many people never claim what they are owed. Of course "
        "a flat tax costs money. But the savings in paperwork are large. So for me the answer is yes, "
        "introduce a flat tax.",
        "So for me the answer is yes",
        id="the-answer-is-yes-concludes",
    ),
    pytest.param(
        "Everybody says drones will deliver our parcels. Maybe in ten years this is true. But for now "
        "I am sure they should stay out of cities. The batteries are weak.",
        "stay out of cities",
        id="grant-naming-when-it-holds",
    ),
    pytest.param(
        "A trip to the deep sea is dangerous. Some divers will get hurt. Even so, I think we should "
        "explore the ocean floor. Every expedition teaches us something.",
        "explore the ocean floor",
        id="own-view-two-sentences-after-a-statement",
    ),
    pytest.param(
        "Night trains test the patience of any traveller. The beds are narrow and the stops are many. "
        "Each passenger must want the slow journey for it to work. For this reason I think they suit "
        "holidays but will fail as everyday transport.",
        "For this reason I think",
        id="closing-view-after-a-conclusion-cue",
    ),
]


@pytest.mark.parametrize(("text", "words"), CENTRAL_CLAIM_CASES)
def test_cue_rules_pick_the_central_claim(text, words):
    assert words in read_text(text).central.text


def test_the_clause_after_but_in_the_central_claims_sentence_carries_the_stance():
    from utils.argmap.stance import reading_stance

    q = "Do long distance relationships work?"
    r = read_text(
        "Distance tests every couple. Letters and calls help for a while. For this reason I think "
        "they usually work at first, but over time they fail to meet what a couple needs."
    )
    assert reading_stance(r, q)[0] == "con"
    r = read_text("Distance relationships work. Couples who talk every day stay close. Some say calls are not enough.")
    assert reading_stance(r, q)[0] == "pro"


def test_a_central_claim_in_the_writers_own_words_carries_the_stance():
    from utils.argmap.stance import reading_stance, stance_unit

    q = "Should motorways have a speed limit everywhere?"
    r = read_text(
        "I don't agree with this idea at all. A speed limit on motorways everywhere would only change something "
        "on a few empty roads at night. Drivers who feel watched look at the speedometer, not at the road."
    )
    assert r.central.text.startswith("I don't agree")
    # it shares almost no words with the question, but it is the writer's own verdict
    assert stance_unit(r, q) == (0, "central_claim")
    assert reading_stance(r, q)[0] == "con"


@pytest.mark.parametrize(
    "claim, question, side",
    [
        # "X-free" is "without X"
        ("I think the old town should stay car-free.", "Should cars be allowed in the old town?", "con"),
        ("The old town should be car-free.", "Should cars be banned from the old town?", "pro"),
        # two words for ending something name one act; a crime is a negative verdict
        ("Fur farms should be phased out and abolished.", "Should fur farming be banned?", "pro"),
        ("Begging should no longer be a crime.", "Should begging be legalised?", "pro"),
        ("Begging is a crime and should stay one.", "Should begging be legalised?", "con"),
        # keeping something private answers a proposal to publish it
        (
            "Still, I believe the results should stay private.",
            "Should schools publish every teacher's exam results?",
            "con",
        ),
        ("Schools should keep these figures internal.", "Should schools publish every teacher's exam results?", "con"),
        # to avoid something is to answer no to it; avoiding a harm still answers yes
        ("Governments should avoid tariffs.", "Should governments use tariffs to protect farmers?", "con"),
        ("We should avoid harm to children.", "Should children be protected?", "pro"),
        # "closing" is a form of "closed"
        ("I am in favour of keeping Sunday closing.", "Should shops stay closed on Sundays?", "pro"),
        # a plain report answers no proposed act; a claim that denies something still does
        ("Photographers wait outside the school gates every day.", "Should paparazzi be banned near schools?", "pro"),
        ("We don't need zoos.", "Should zoos be abolished?", "pro"),
        ("Nobody needs a licence for that.", "Should dog licences be abolished?", "pro"),
    ],
)
def test_stance_reads_acts_by_what_they_do(claim, question, side):
    assert stance(claim, question)[0] == side


def test_refusing_and_rejecting_name_one_act_so_the_claims_own_verdict_decides():
    q = "Should employers be allowed to reject applicants with tattoos?"
    assert stance("Refusing people for their tattoos is unfair.", q) == ("con", ["unfair"])


def test_a_concluded_recommendation_before_the_last_sentence_and_a_closing_evaluation_are_the_claim():
    r = read_text(
        "Most towns lose their cinema within ten years of a multiplex opening nearby. "
        "That is why councils should protect small cinemas with lower business rates. "
        "A cinema keeps a high street alive in the evening. Some say the market should decide, "
        "but the market never pays for a town centre."
    )
    assert r.central.text.startswith("That is why councils should") and r.central.rules == ["concluding_recommendation"]
    r = read_text(
        "Small farms already fill in forms for every animal they own. A second register would cost them days. "
        "The big producers have staff for this. Therefore a national register for backyard hens is not a good idea."
    )
    assert "not a good idea" in r.central.text and r.central.rules == ["concluding_view"]


def test_a_short_closing_verdict_and_a_closing_yes_after_an_opening_phrase_are_the_claim():
    r = read_text(
        "Rubbish has to go somewhere. Burning it poisons the air we breathe. "
        "Shipping it abroad only moves the problem to poorer countries. Landfills are necessary."
    )
    assert r.central.text == "Landfills are necessary." and r.central.rules == ["closing_verdict"]
    # a pronoun's verdict refers back to something else; it is not the claim by this rule
    r = read_text(
        "Rubbish has to go somewhere. Burning it poisons the air we breathe. "
        "Shipping it abroad only moves the problem to poorer countries. That is bad."
    )
    assert "closing_verdict" not in r.central.rules
    r = read_text(
        "A big family costs a lot more money. Children with siblings learn to share early. "
        "They are never bored at home. In the long run, yes, a larger family is better for children."
    )
    assert r.central.text.startswith("In the long run, yes") and r.central.rules == ["concluding_answer"]
