"""Articles that name one another: authors from bylines and the manifest, names and titles found in
other articles' sentences."""

from __future__ import annotations

import pandas as pd

from utils import paths
from utils.argmap.references import authors, cross_references, describe_references, reference_summary
from utils.ingest.read import ingest

BAN = (
    "# Lock the phones away, our kids will thank us\n\nBy Dana Whitfield · 6 min read\n\nSchools should ban smartphones for the whole day.\n\n"
    "Pupils talk again at lunch, and bullying fell.\n\nBan them, and let teachers teach.\n"
)
REPLY = (
    "# No, a pouch is not a policy\n\nDana Whitfield's post arguing for a ban has been shared widely.\n\n"
    "Whitfield writes that bullying fell. Young people simply moved it online.\n\n"
    "Her piece, Lock the phones away, our kids will thank us, is heartfelt. But it proves little.\n"
)
OTHER = (
    "Buses for everyone\n\nYoung riders pay the most for the worst service.\n\n"
    "Cities should run more buses, and fares should fall.\n\nAnn Young is a columnist and writes on transport.\n"
)


def _corpus(tmp_path):
    (tmp_path / "ban.md").write_text(BAN, encoding="utf-8")
    (tmp_path / "reply.md").write_text(REPLY, encoding="utf-8")
    (tmp_path / "buses.txt").write_text(OTHER, encoding="utf-8")
    return ingest(tmp_path, progress=False)


def test_authors_come_from_bylines_and_closing_notes_with_their_source(tmp_path):
    names = authors(_corpus(tmp_path)).set_index("article_id")
    assert names.loc["ban", "name"] == "Dana Whitfield" and names.loc["ban", "source"] == "byline removed"
    assert names.loc["buses", "name"] == "Ann Young" and names.loc["buses", "source"] == "author's note removed"
    assert "reply" not in names.index


def test_a_reply_naming_an_author_or_quoting_a_title_is_found_and_a_common_word_surname_is_not(tmp_path):
    corpus = _corpus(tmp_path)
    refs = cross_references(corpus)
    reply = refs[refs["article_id"] == "reply"]
    assert set(reply["named_article"]) == {"ban"}
    assert reply["sentence_id"].tolist() == ["reply-p02-s01", "reply-p03-s01", "reply-p04-s01"]
    assert set(reply["how"]) == {"author 'Dana Whitfield'", "title"}
    first = reply.iloc[0]
    assert first["text"][first["start"] : first["end"]] == "Dana Whitfield"
    surname = reply[reply["sentence_id"] == "reply-p03-s01"].iloc[0]
    assert surname["text"][surname["start"] : surname["end"]] == "Whitfield"  # the full name was given before
    # "Young people" / "Young riders" name nobody: "young" is an English word first, and no one gave "Ann Young"
    assert not ((refs["named_article"] == "buses") | (refs["article_id"] == "buses")).any()
    line = describe_references(refs, authors(corpus))
    assert line.startswith("1 article names another's author or gives its title (1 pair of articles, 3 sentences)")
    summary = reference_summary(refs, corpus.articles.set_index("article_id")["title"])
    assert summary["sentences"].tolist() == [3]


def test_without_any_known_author_the_line_says_why_nothing_can_be_named(tmp_path):
    (tmp_path / "a.txt").write_text("Cities should run more buses.\n\nFares should fall.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Buses are a waste of money.\n\nCities should build roads.\n", encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    refs = cross_references(corpus)
    assert refs.empty
    assert describe_references(refs, authors(corpus)).startswith("No article's author is known")


def test_a_reply_that_names_its_target_and_answers_it_links_the_two_theses(tmp_path):
    from utils.argmap.draft import build_draft

    amap = build_draft(_corpus(tmp_path))
    across = amap.relations[amap.relations["scope"] == "across"]
    reply = across[(across["source_article"] == "reply") & (across["target_article"] == "ban")]
    assert len(reply) == 1
    link = reply.iloc[0]
    theses = amap.claims[amap.claims["role"] == "thesis"].set_index("article_id")["claim_id"]
    assert (link["source"], link["target"]) == (theses["reply"], theses["ban"])
    assert link["relation"] in {"contradicts", "qualifies"} and link["score"] == 0.9  # "But it proves little."
    assert "its author 'Dana Whitfield', in reply-p02-s01, reply-p03-s01, reply-p04-s01" in link["rationale"]
    # without an answer, the reply is a candidate for the analyst, not a drawn link
    (tmp_path / "reply.md").write_text(
        "# A note on phones\n\nDana Whitfield's post on phones has been shared widely.\n\nSchools differ.\n",
        encoding="utf-8",
    )
    amap = build_draft(ingest(tmp_path, progress=False))
    assert not ((amap.relations["source_article"] == "reply") & (amap.relations["target_article"] == "ban")).any()
    cand = amap.candidates[
        (amap.candidates["source_article"] == "reply") & (amap.candidates["target_article"] == "ban")
    ]
    assert cand["score"].tolist() == [0.5]


def _reply_links(folder, reply: str) -> pd.DataFrame:
    """The drafted links across articles from a reply, written beside the phone-ban post."""
    from utils.argmap.draft import build_draft

    (folder / "ban.md").write_text(BAN, encoding="utf-8")
    (folder / "reply.md").write_text(reply, encoding="utf-8")
    rel = build_draft(ingest(folder, progress=False)).relations
    return rel[(rel["scope"] == "across") & (rel["source_article"] == "reply")]


def test_a_reply_that_says_it_disagrees_contradicts_its_target_whatever_point_it_grants(tmp_path):
    head = "# Phones belong in the classroom\n\nDana Whitfield's post argues for a ban."
    rest = (
        "\n\nI agree with Whitfield on one point: phones distract. But teachers can teach restraint.\n\n"
        "Schools should teach pupils to use their phones well.\n"
    )
    link = _reply_links(tmp_path, head + " I have read it twice, and I still disagree." + rest).iloc[0]
    assert link["target_article"] == "ban" and link["relation"] == "contradicts"
    assert "says it disagrees (reply-p02-s02)" in link["rationale"]
    # granting a point and answering it, without a stated disagreement, qualifies
    assert _reply_links(tmp_path, head + rest)["relation"].tolist() == ["qualifies"]


def test_a_claim_that_reports_an_open_question_takes_no_side_and_links_only_as_a_candidate(tmp_path):
    from utils.argmap.draft import build_draft

    # other articles, so that the pair's shared words are not the whole corpus's topic
    for f in (paths.ROOT / "tests" / "fixtures" / "opinion_pair").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "ban.md").write_text(BAN, encoding="utf-8")
    (tmp_path / "oped.txt").write_text(
        "Cities should end rental e-scooter schemes, because scooter crashes fill hospital wards.\n", encoding="utf-8"
    )

    def links_with(news: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        (tmp_path / "news.txt").write_text(news + "\n", encoding="utf-8")
        amap = build_draft(ingest(tmp_path, progress=False))
        pick = lambda r: r[(r["scope"] == "across") & r["source_article"].isin(["news", "oped"])]  # noqa: E731
        return pick(amap.relations), pick(amap.candidates)

    drawn, _ = links_with(
        "The council voted to end the rental e-scooter scheme after scooter crashes filled the hospital wards."
    )
    assert len(drawn) == 1
    drawn, cand = links_with(
        "The council will vote on whether to end the rental e-scooter scheme after scooter crashes filled the hospital wards."
    )
    assert drawn.empty and len(cand) == 1
    assert "reports an open question ('whether'), which takes no side" in cand["rationale"].iloc[0]


def test_two_articles_by_one_writer_do_not_answer_each_other_by_her_name(tmp_path):
    (tmp_path / "ban.md").write_text(BAN, encoding="utf-8")
    (tmp_path / "again.md").write_text(
        "# Phones, a year on and still banned\n\nBy Dana Whitfield\n\nLast year, Dana Whitfield argued for a ban.\n\n"
        "Schools should keep it.\n\nPupils are calmer.\n",
        encoding="utf-8",
    )
    refs = cross_references(ingest(tmp_path, progress=False))
    assert refs.empty
