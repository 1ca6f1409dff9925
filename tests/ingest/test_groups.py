"""Groups come from sub-folders or from a manifest column, and a missing column stops the run."""

from __future__ import annotations

import pytest

from utils.ingest import IngestError, describe_groups, group_of, ingest
from utils.ingest.read import article_group

TEXT = "A short article about {}. It has two sentences.\n"


def write(folder, files: dict[str, str], manifest: str = ""):
    for rel, topic in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(TEXT.format(topic), encoding="utf-8")
    if manifest:
        (folder / "articles.csv").write_text(manifest, encoding="utf-8")
    return folder


@pytest.mark.parametrize("group_by", [None, "folder"])
def test_sub_folders_are_the_groups(tmp_path, group_by):
    write(tmp_path, {"pos/a.txt": "joy", "pos/b.txt": "sun", "neg/c.txt": "rain"})
    groups = ingest(tmp_path, group_by=group_by).articles.set_index("article_id")["group"].to_dict()
    assert groups == {"a": "pos", "b": "pos", "c": "neg"}


MANIFEST = "id,file,title,author,outlet,date\na,a.txt,A,Ann,Daily,2019-03-01\nb,b.txt,B,Bo,Weekly,12 May 2021\nc,c.txt,C,Cy,Daily,\n"


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("outlet", {"a": "Daily", "b": "Weekly", "c": "Daily"}),
        ("author", {"a": "Ann", "b": "Bo", "c": "Cy"}),
        ("date", {"a": "2019", "b": "2021", "c": ""}),
        (None, {"a": "", "b": "", "c": ""}),  # no sub-folders and no group column: no groups
    ],
)
def test_a_manifest_column_gives_the_groups(tmp_path, group_by, expected):
    write(tmp_path, {"a.txt": "joy", "b.txt": "sun", "c.txt": "rain"}, MANIFEST)
    articles = ingest(tmp_path, group_by=group_by).articles.set_index("article_id")
    assert articles["group"].to_dict() == expected
    assert articles["date"].to_dict() == {"a": "2019-03-01", "b": "12 May 2021", "c": ""}


def test_a_manifest_group_column_is_used_when_there_are_no_sub_folders(tmp_path):
    write(tmp_path, {"a.txt": "joy", "b.txt": "sun"}, "id,file,group\na,a.txt,left\nb,b.txt,right\n")
    assert ingest(tmp_path).articles["group"].tolist() == ["left", "right"]


def test_grouping_by_a_column_the_manifest_lacks_stops_naming_the_columns(tmp_path):
    write(tmp_path, {"a.txt": "joy"}, MANIFEST)
    with pytest.raises(IngestError, match=r"cannot group by 'party'.*its columns: author, outlet, date"):
        ingest(tmp_path, group_by="party")


def test_one_group_gets_a_clear_message_not_a_comparison(tmp_path):
    corpus = ingest(write(tmp_path, {"only/a.txt": "joy", "only/b.txt": "sun"}))
    assert corpus.articles["group"].tolist() == ["only", "only"]
    assert describe_groups(corpus.articles).startswith("No groups to compare: every article is in one group.")


def test_article_group_reads_the_first_sub_folder_only():
    assert article_group("pos/2019/a.txt", {}, None) == "pos"
    assert article_group("a.txt", {"group": "x"}, "folder") == ""


def test_an_article_outside_the_group_folders_is_left_out_of_the_comparisons(tmp_path):
    corpus = ingest(write(tmp_path, {"pos/a.txt": "joy", "neg/b.txt": "rain", "notes.md": "where it came from"}))
    assert group_of(corpus.articles).to_dict() == {"b": "neg", "a": "pos"}
    assert describe_groups(corpus.articles) == (
        "Groups compared in the later notebooks: 2 (neg 1 article, pos 1 article). "
        "1 article in no group is left out of the comparisons."
    )
