"""Ingestion of the seeds (counts checked by reading) and of bad input (each case a test)."""

from __future__ import annotations

import hashlib
import os

import pandas as pd
import pytest

from utils import paths, tables, text
from utils.ingest import read as corpus_mod
from utils.ingest.describe import describe_warnings
from utils.ingest.read import IngestError, SchemaError, ingest, read_table, read_tables, write_tables

SEED_SHA256 = {
    "000_cd8cf142a1fb80d6.txt": "992770188ca64436c349a0691f5358e23682bfc46c577449ca689418013a4221",
    "001_dd2fc212d422a886.txt": "3461efafb0ae9532295de8de97194b02231273faf5b471032dbc0ef6cac1d3e0",
    "002_e4f1177def158cd9.txt": "f53c5a5d23e3348ae99622d4b510b4b74b4b6bdc8db7563ac7149daed18decfb",
    "003_2ed7d436f1100728.txt": "6559738e3d6cde5181af05f30757588892193f6ff839e6020acc303240dacfee",
    "004_9ef262ab4fdf9790.txt": "8da234a86f8647d425194b37cd627f2395739f05daacf1bf378f632ae669d887",
}


def test_seed_files_are_byte_for_byte_the_shared_seeds():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.RAW.glob("*.txt")}
    assert found == SEED_SHA256


# How the counts below were verified: I read each file in a text editor and counted by hand.
# - Paragraphs: 000, 001 and 004 have one paragraph per line (000: 10 lines; 001: 18 lines;
#   004: 20 lines after the trailing "Leave a Reply"). 003 separates paragraphs with blank lines
#   (21 blocks: 18 prose/heading blocks plus its 3 numbered items, each its own unit). 002 is
#   hard-wrapped with no blank lines; I marked a paragraph end after each line ending in . ! ? or :
#   and at each bullet, which gives 17 (11 prose paragraphs, 6 bullet items: 4 "-" and 2 "o").
# - Headings: 003 "Services isn't the frontline staff", "Services isn't technology", "All you need
#   is baby steps"; 004 the title line, "Imagine you are in this situation", "Context-structure
#   drives behaviour: ...", "The critical importance of courage: ...".
# - Sentences: I counted sentence-final . ? ! by hand, a heading counting as one unit and a list
#   item without a full stop as one. 003's "blueprints. and to take pilot tests" is one sentence
#   (a typo'd full stop before lower case); 004's quoted monologue "“Now is not ... come to it.”?"
#   is six sentences, the closing ”? belonging to the last.
SEED_COUNTS = {  # article: (paragraphs, headings, list items, sentences)
    "000": (10, 0, 0, 20),
    "001": (18, 0, 0, 36),
    "002": (17, 0, 6, 34),
    "003": (21, 3, 3, 36),
    "004": (20, 4, 5, 55),
}


@pytest.mark.parametrize("article_id", sorted(SEED_COUNTS))
def test_seed_counts_match_a_reading_by_hand(seeds, article_id):
    paras = seeds.paragraphs[seeds.paragraphs["article_id"] == article_id]
    sents = seeds.sentences[seeds.sentences["article_id"] == article_id]
    got = (len(paras), int((paras["kind"] == "heading").sum()), int((paras["kind"] == "list_item").sum()), len(sents))
    assert got == SEED_COUNTS[article_id]


@pytest.mark.parametrize(
    "article_id, heading",
    [
        ("003", "Services isn’t the frontline staff"),
        ("003", "All you need is baby steps"),
        ("004", "Imagine you are in this situation"),
    ],
)
def test_headings_are_their_own_units_not_glued_to_the_next_sentence(seeds, article_id, heading):
    s = seeds.sentences
    row = s[(s["article_id"] == article_id) & (s["text"] == heading)]
    assert len(row) == 1 and bool(row["is_heading"].iloc[0])


def test_002_wrapped_sentence_rejoins_and_points_back_to_its_raw_lines(seeds):
    s = seeds.sentences.set_index("sentence_id")
    assert (
        s.at["002-p01-s01", "text"]
        == "This past month I was asked to speak at the Consero Customer Experience Conference at the Biltmore Hotel in Miami."
    )
    raw = (paths.RAW / "002_e4f1177def158cd9.txt").read_text(encoding="utf-8")
    passage = raw[s.at["002-p01-s01", "raw_start"] : s.at["002-p01-s01", "raw_end"]]
    assert (
        passage
        == "This past month I was asked to speak at the Consero Customer Experience Conference at the\nBiltmore Hotel in Miami."
    )
    assert s.at["002-p12-s01", "text"] == "Managers are empowered to act like owners"


def test_every_sentence_locates_in_the_raw_file(seeds):
    for art in seeds.articles.itertuples():
        raw = (paths.RAW / art.file).read_text(encoding="utf-8")
        for s in seeds.sentences[seeds.sentences["article_id"] == art.article_id].itertuples():
            assert " ".join(raw[s.raw_start : s.raw_end].split()) == " ".join(s.text.split())


def test_sentence_offsets_index_the_cleaned_text(seeds):
    paras = seeds.paragraphs[seeds.paragraphs["article_id"] == "004"]
    clean = "\n\n".join(paras["text"])
    for s in seeds.sentences[seeds.sentences["article_id"] == "004"].itertuples():
        assert clean[s.start : s.end] == s.text


def test_word_counts_are_computed_from_tokens(seeds):
    words = seeds.tokens[seeds.tokens["is_word"]].groupby("article_id").size()
    assert words.to_dict() == seeds.articles.set_index("article_id")["n_words"].to_dict()
    assert seeds.articles.set_index("article_id").at["003", "n_words"] == 477


def test_token_table_is_each_sentence_tokenised_in_order(tmp_path):
    """The token table is built column-wise; it must equal tokenising sentence by sentence: the
    token index restarts in each sentence (past 99 too), offsets index the cleaned text, lower and
    is_word follow the token, and the text columns are categorical with sorted categories."""
    long = " ".join(f"Point {i} holds." for i in range(120))
    (tmp_path / "b.txt").write_text("Title B\n\nWe don’t agree — at 65.5% it isn’t CX!\n\n" + long, encoding="utf-8")
    (tmp_path / "a.txt").write_text("A small one. It ends here.", encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    clean = {a: "\n\n".join(g["text"]) for a, g in corpus.paragraphs.groupby("article_id", observed=True, sort=False)}
    expected = []
    for s in corpus.sentences.itertuples():
        for i, (a, b, t) in enumerate(text.token_spans(s.text), start=1):
            expected.append((s.article_id, s.sentence_id, i, s.start + a, s.start + b, t, t.lower(), text.is_word(t)))
    got = corpus.tokens.astype({c: "str" for c in ("article_id", "sentence_id", "token", "lower")})
    assert list(got.itertuples(index=False, name=None)) == expected
    assert len(corpus.sentences) == 2 + 1 + 1 + 120 and "b-p03-s120" in set(corpus.sentences["sentence_id"])
    for t in corpus.tokens.sample(50, random_state=0).itertuples():
        assert clean[t.article_id][t.start : t.end] == t.token
    for col in ("article_id", "sentence_id", "token", "lower"):
        cats = corpus.tokens[col].cat.categories
        assert list(cats) == sorted(cats) and cats.dtype == "str"
    assert corpus.articles.set_index("article_id")["n_types"].to_dict() == {
        a: g.loc[g["is_word"], "lower"].nunique() for a, g in corpus.tokens.groupby("article_id", observed=True)
    }


def test_a_sentence_counts_the_reference_marks_cleaning_cut_after_it(tmp_path):
    (tmp_path / "essay.txt").write_text(
        "Marking machines\n\nMany teachers use AI tools to grade homework.[1] This essay argues that machines "
        "should not mark.\n\nScoring engines reward long essays.[2, 3]\n",
        encoding="utf-8",
    )
    corpus = ingest(tmp_path, progress=False)
    notes = corpus.sentences.set_index("sentence_id")["notes"]
    assert notes.to_dict() == {"essay-p01-s01": 0, "essay-p02-s01": 1, "essay-p02-s02": 0, "essay-p03-s01": 1}
    cut = corpus.cleaning[corpus.cleaning["step"] == "footnote mark removed"]
    assert cut["text"].tolist() == ["[1]", "[2, 3]"]


def test_manifest_titles_and_authors_are_used(seeds):
    a = seeds.articles.set_index("article_id")
    assert a.at["000", "author"].startswith("Human")
    assert a.at["003", "title"] == "Optimise the services you have before investing in new CX"


def test_comment_boilerplate_is_removed_from_the_seeds(seeds):
    removed = seeds.cleaning[seeds.cleaning["step"] == "boilerplate removed"]
    assert sorted(removed["text"]) == sorted(
        [
            "No comments:",
            "Post a Comment",
            "Leave a Reply",
            "Your email address will not be published.",
            "Leave a Reply",
        ]
    )
    assert not seeds.sentences["text"].str.contains("Leave a Reply|Post a Comment").any()


# ------------------------------------------------------------------ bad input


def _folder(tmp_path, files: dict[str, bytes]):
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


GOOD = b"Customer experience is not fluff. It pays. Leaders must own it.\n"


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("garbled.txt", bytes(range(1, 9)) * 100 + bytes(range(0x80, 0xA0)) * 10, "cannot be decoded"),
        ("only-boilerplate.txt", b"Leave a Reply\nYour email address will not be published.\n", "no text left"),
    ],
)
def test_a_bad_file_is_skipped_with_a_warning_naming_it(tmp_path, name, data, problem):
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, name: data}))
    assert list(corpus.articles["file"]) == ["good.txt"]
    [warning] = corpus.warnings.to_dict("records")
    assert warning["file"] == name and problem in warning["problem"] and warning["action"] == "skipped"


def test_a_file_over_the_size_limit_is_skipped(tmp_path):
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, "huge.txt": GOOD * 100}), max_bytes=1000)
    assert corpus.warnings.iloc[0]["file"] == "huge.txt"
    assert "over the 1,000-byte limit" in corpus.warnings.iloc[0]["problem"]
    assert corpus_mod.MAX_BYTES == 5_000_000


def test_the_folders_own_documentation_is_skipped_unless_the_manifest_lists_it(tmp_path):
    docs = {"README.md": b"How this corpus was collected.", "sub/SOURCE.md": b"Where it came from, in brief."}
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, "readme-notes.txt": b"An article about readmes.", **docs}))
    assert list(corpus.articles["file"]) == ["good.txt", "readme-notes.txt"]
    docs_warned = corpus.warnings[corpus.warnings["action"] == "skipped"]
    assert docs_warned["file"].tolist() == ["README.md", "sub/SOURCE.md"]
    assert docs_warned["problem"].str.contains("documentation").all()
    listed = ingest(
        _folder(tmp_path / "listed", {"good.txt": GOOD, **docs, "articles.csv": b"id,file\nsrc,sub/SOURCE.md\n"})
    )
    assert sorted(listed.articles["file"]) == ["good.txt", "sub/SOURCE.md"]  # the manifest says it is an article
    assert listed.warnings.loc[listed.warnings["action"] == "skipped", "file"].tolist() == ["README.md"]


def test_two_identical_articles_keep_the_first(tmp_path):
    corpus = ingest(_folder(tmp_path, {"a.txt": GOOD, "b.txt": GOOD}))
    assert list(corpus.articles["file"]) == ["a.txt"]
    assert corpus.warnings.iloc[0]["problem"] == "is byte-for-byte identical to a.txt; kept that one"


def test_a_file_name_that_would_escape_the_output_folder_is_skipped(tmp_path):
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, "..\\..\\evil.txt": GOOD + b"x"}))
    assert list(corpus.articles["file"]) == ["good.txt"]
    assert "would escape the output folder" in corpus.warnings.iloc[0]["problem"]


def test_a_link_to_a_file_outside_the_corpus_is_skipped(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"Not part of the corpus at all.")
    folder = _folder(tmp_path, {"good.txt": GOOD})
    os.symlink(outside, folder / "link.txt")
    corpus = ingest(folder)
    assert (
        corpus.warnings.iloc[0]["file"] == "link.txt"
        and "outside the corpus folder" in corpus.warnings.iloc[0]["problem"]
    )


def test_a_manifest_id_that_would_escape_is_skipped(tmp_path):
    folder = _folder(
        tmp_path,
        {"good.txt": GOOD, "other.txt": b"Another article entirely.", "articles.csv": b"id,file\n../../x,other.txt\n"},
    )
    corpus = ingest(folder)
    assert list(corpus.articles["article_id"]) == ["good"]
    assert "escape" in corpus.warnings.iloc[0]["problem"]


def test_a_manifest_without_ids_takes_them_from_the_file_names(tmp_path):
    manifest = b"file,title,outlet\nother.txt,Another one,Daily Reel\ngood.txt,,The Critic\n"
    corpus = ingest(
        _folder(tmp_path, {"good.txt": GOOD, "other.txt": b"Another article entirely.", "articles.csv": manifest})
    )
    articles = corpus.articles.set_index("article_id")
    assert sorted(articles.index) == ["good", "other"]
    assert articles.loc["other", "title"] == "Another one"


def test_a_manifest_row_without_a_file_stops_the_run_naming_the_row(tmp_path):
    folder = _folder(tmp_path, {"good.txt": GOOD, "articles.csv": b"id,file,title\ng,good.txt,A\nx,,B\n"})
    with pytest.raises(IngestError, match=r"articles.csv: row 2 needs a 'file'"):
        ingest(folder)


def test_a_manifest_pointing_outside_the_folder_stops_the_run(tmp_path):
    folder = _folder(tmp_path, {"good.txt": GOOD, "articles.csv": b"id,file\nx,../outside.txt\n"})
    with pytest.raises(IngestError, match="points outside the corpus folder"):
        ingest(folder)


def test_a_folder_with_no_articles_stops_with_a_clear_error(tmp_path):
    folder = _folder(tmp_path, {"notes.rtf": b"{\\rtf1"})
    with pytest.raises(IngestError, match="no articles found"):
        ingest(folder)


def test_a_folder_of_only_bad_files_stops_naming_each(tmp_path):
    with pytest.raises(IngestError, match=r"no readable article \(empty.txt: the file is empty"):
        ingest(_folder(tmp_path, {"empty.txt": b""}))


def test_a_missing_folder_stops(tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        ingest(tmp_path / "nope")


# ------------------------------------------------------------------ writing and reading


def test_two_runs_write_byte_identical_tables(tmp_path):
    a, b = write_tables(ingest(paths.RAW), tmp_path / "a"), write_tables(ingest(paths.RAW), tmp_path / "b")
    for f in sorted(p.name for p in a.iterdir()):
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_tables_round_trip_with_their_schema(tmp_path, seeds):
    back = read_tables(write_tables(seeds, tmp_path / "p"))
    pd.testing.assert_frame_equal(back.sentences, seeds.sentences)
    pd.testing.assert_frame_equal(back.tokens, seeds.tokens)


def test_a_table_with_wrong_columns_fails_the_schema_check(tmp_path, seeds):
    out = write_tables(seeds, tmp_path / "p")
    seeds.sentences.drop(columns=["raw_line"]).to_csv(out / "sentences.csv", index=False)
    with pytest.raises(SchemaError, match=r"sentences.csv: columns do not match the schema \(missing \['raw_line'\]"):
        read_table("sentences", out)


def test_a_missing_table_says_which_notebook_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="01-ingest-articles"):
        read_table("articles", tmp_path)


def test_a_failed_write_leaves_the_previous_tables_untouched(tmp_path, seeds, monkeypatch):
    out = write_tables(seeds, tmp_path / "p")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    original = tables._write_csv

    def failing(df, path):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return original(df, path)

    monkeypatch.setattr(tables, "_write_csv", failing)
    smaller = ingest(_folder(tmp_path, {"good.txt": GOOD}))
    with pytest.raises(OSError, match="disk full"):
        write_tables(smaller, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_refuses_to_write_into_data_raw(seeds):
    with pytest.raises(IngestError, match="refusing to write"):
        write_tables(seeds, paths.RAW / "processed")


def test_ingesting_never_writes_the_corpus_folder(tmp_path):
    folder = _folder(tmp_path, {"a.txt": GOOD, "empty.txt": b""})
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
    write_tables(ingest(folder), tmp_path / "out")
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()} == before


def test_a_large_folder_shows_a_progress_bar(tmp_path, capsys):
    folder = _folder(tmp_path, {f"a{i:02d}.txt": GOOD + str(i).encode() for i in range(corpus_mod.PROGRESS_MIN_FILES)})
    ingest(folder)
    assert "ingesting" in capsys.readouterr().err
    ingest(folder, progress=False)  # what a report run asks for: nothing for the export to keep
    assert capsys.readouterr().err == ""


ENGLISH = (
    "Leaders say “customer-first” isn’t fluff — it’s how they act… every day.\n"
    "Staff said “we’re proud”, and the ‘numbers’ agreed with them.\n"
) * 3


def test_east_asian_punctuation_is_decoded_right_and_the_encoding_recorded(tmp_path):
    corpus = ingest(
        _folder(
            tmp_path,
            {
                "good.txt": GOOD,
                "gbk.txt": ENGLISH.encode("gbk"),
                # not the same text: two files of one text are near copies, warned as such
                "big5.txt": ENGLISH.replace("Leaders say", "Owners say")
                .replace("Staff said", "Crews said")
                .encode("big5"),
            },
        )
    )
    a = corpus.articles.set_index("file")
    assert a.at["gbk.txt", "encoding"] == "gbk" and a.at["big5.txt", "encoding"] == "big5"
    assert not corpus.tokens["token"].str.contains("¡|§|¯").any()  # the junk that used to rank as top terms
    assert corpus.warnings.empty


def test_mojibake_is_repaired_and_the_repair_recorded_per_article(tmp_path):
    mojibake = ENGLISH.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, "moji.txt": mojibake}))
    a = corpus.articles.set_index("file")
    assert (
        a.at["moji.txt", "encoding"] == "utf-8"
        and "ftfy" in a.at["moji.txt", "repair"]
        and a.at["good.txt", "repair"] == ""
    )
    assert "isn’t" in set(corpus.tokens["token"]) and not corpus.tokens["token"].str.contains("â").any()
    assert corpus.warnings.empty
    sent = corpus.sentences[corpus.sentences["text"].str.startswith("Staff")].iloc[0]
    art = corpus.articles[corpus.articles["file"] == "moji.txt"].iloc[0]
    assert corpus_mod.locate_in_raw(tmp_path / "corpus", art, sent.raw_start, sent.raw_end) == sent.text


def test_a_suspicious_reading_that_cannot_be_repaired_is_kept_with_a_warning_naming_file_and_characters(tmp_path):
    data = b"Service is how a firm keeps its promises to people.\n" * 3 + "Our 東 team agreed.\n".encode()
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, "odd.txt": data}))
    assert set(corpus.articles["file"]) == {"good.txt", "odd.txt"}
    [w] = corpus.warnings.to_dict("records")
    assert (
        w["file"] == "odd.txt"
        and "may be mis-decoded" in w["problem"]
        and "'東'" in w["problem"]
        and w["action"].startswith("kept")
    )


import ftfy.bad_codecs  # noqa: E402,F401  (registers "sloppy-windows-1252", to make mojibake as real tools did)


@pytest.mark.parametrize(
    "name, data",
    [
        ("marks.txt", b"!!! ... ??? --- ***\n"),
        ("marks.md", "“…” — ‘’ ¡¿\n".encode()),
        ("marks.html", b"<html><body><p>...</p><p>!!!</p></body></html>"),
    ],
)
def test_a_file_without_words_is_skipped_with_a_no_words_warning(tmp_path, name, data):
    corpus = ingest(_folder(tmp_path, {"good.txt": GOOD, name: data}))
    assert list(corpus.articles["file"]) == ["good.txt"] and (corpus.articles["n_words"] > 0).all()
    [w] = corpus.warnings.to_dict("records")
    assert w["file"] == name and "no words" in w["problem"] and w["action"] == "skipped"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, codec):
    corpus = ingest(
        _folder(tmp_path, {"good.txt": GOOD, "wide.txt": "Remote work is here to stay. Teams adapt.\n".encode(codec)})
    )
    a = corpus.articles.set_index("file")
    assert a.at["wide.txt", "encoding"] == codec and a.at["wide.txt", "n_words"] == 8
    assert corpus.warnings["problem"].str.startswith("has only 8 words").all()  # no doubt about its encoding


def test_symlink_loops_and_broken_links_are_skipped_with_a_warning_naming_each(tmp_path):
    folder = _folder(tmp_path, {"good.txt": GOOD})
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("ping.md", folder / "pong.md")
    os.symlink("pong.md", folder / "ping.md")
    os.symlink("gone.txt", folder / "broken.txt")
    corpus = ingest(folder)
    assert list(corpus.articles["file"]) == ["good.txt"]
    problems = dict(zip(corpus.warnings["file"], corpus.warnings["problem"]))
    assert set(problems) == {"loop.txt", "ping.md", "pong.md", "broken.txt"}
    assert "loops" in problems["loop.txt"] and "loops" in problems["ping.md"] and "broken" in problems["broken.txt"]
    assert (corpus.warnings["action"] == "skipped").all()


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_raw_line_counts_a_lone_cr_as_one_line_break(tmp_path, newline):
    lines = ["First line here.", "Second line here.", "Third line here.", "The fourth line is the one we look for."]
    corpus = ingest(_folder(tmp_path, {"mac.txt": newline.join(lines).encode() + newline.encode()}))
    s = corpus.sentences.set_index("text")
    assert s.at[lines[3], "raw_line"] == 4 and s.at[lines[1], "raw_line"] == 2
    art = corpus.articles.iloc[0]
    assert (
        corpus_mod.locate_in_raw(tmp_path / "corpus", art, s.at[lines[3], "raw_start"], s.at[lines[3], "raw_end"])
        == lines[3]
    )


def test_an_html_page_without_a_manifest_title_takes_its_h1_not_its_first_sentence(tmp_path):
    page = (
        b"<html><head><title>Why culture matters | Acme Blog</title></head><body><header><nav>Home</nav>"
        b"<h1>Why culture matters</h1></header><article><p>Culture beats strategy. Every time.</p>"
        b"<p>Tags: culture, leadership</p><div>Please enable JavaScript to view the comments powered by Disqus.</div>"
        b"</article></body></html>"
    )
    only_title = b"<html><head><title>Remote work, reconsidered - Acme</title></head><body><p>Teams adapt. They do.</p></body></html>"
    corpus = ingest(_folder(tmp_path, {"page.html": page, "other.html": only_title}))
    titles = corpus.articles.set_index("file")["title"].to_dict()
    assert titles == {"page.html": "Why culture matters", "other.html": "Remote work, reconsidered"}
    cuts = corpus.cleaning[corpus.cleaning["step"] == "boilerplate removed"]
    assert list(cuts["text"]) == [
        "Tags: culture, leadership",
        "Please enable JavaScript to view the comments powered by Disqus.",
    ]
    assert (cuts["pattern"] != "").all() and (cuts["article_id"] == "page").all()


def test_boilerplate_cuts_name_their_pattern_and_other_cleaning_steps_have_none(seeds):
    cuts = seeds.cleaning["step"] == "boilerplate removed"
    assert (seeds.cleaning.loc[cuts, "pattern"] != "").all() and (seeds.cleaning.loc[~cuts, "pattern"] == "").all()


GERMAN = (
    "Warum wir mehr Radwege brauchen\n\nStädte sollten mehr Radwege bauen. Das senkt den Verkehr, die "
    "Luftverschmutzung und den Lärm. Kinder können sicher zur Schule fahren, und ältere Menschen bleiben "
    "länger beweglich. Jeder Euro für Radwege spart später Geld für Straßen und Krankenhäuser.\n"
)


def test_an_article_not_in_english_is_kept_with_a_warning(tmp_path):
    (tmp_path / "radwege.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "lanes.txt").write_text(
        "Why cities need cycle lanes\n\nCities should build more cycle lanes. They cut traffic, noise and "
        "the pollution that makes children ill, and every euro spent on them is saved on roads later.\n",
        encoding="utf-8",
    )
    (tmp_path / "kurz.txt").write_text("Radwege sind gut für alle Städte.\n", encoding="utf-8")  # too short to judge
    corpus = ingest(tmp_path, progress=False)
    assert sorted(corpus.articles["article_id"]) == ["kurz", "lanes", "radwege"]
    w = corpus.warnings
    assert w.loc[w["file"] == "kurz.txt", "problem"].str.startswith("has only 6 words").all()  # short, not judged
    w = w[w["file"] != "kurz.txt"]
    assert w["file"].tolist() == ["radwege.txt"]
    assert w["problem"].iloc[0].startswith("looks as if it is not in English: 0% of its words are common English")
    assert w["action"].iloc[0].startswith("kept")
    assert describe_warnings(w) == "1 file kept with a doubt to check."


LEGEND = [
    "* * * * * Perfection, see it twice and tell your friends.",
    "* * * Pretty good, bring a friend along.",
    "* * A little creaky, but still better than staying home.",
]


def _review(i: int, body: str, *, legend: bool = True) -> str:
    lines = [
        f"Film {i} opens with a long and quiet scene at sea.",
        f"Its hero is {i} years old.",
        "It runs long.",
        body,
    ]
    if i in (1, 2, 3):
        lines.append("What is the point of this?")  # short, on its own: any writer's sentence
    return "\n".join(lines + (LEGEND if legend else [])) + "\n"


def test_lines_repeated_across_files_are_cut_as_the_corpus_boilerplate_and_logged(tmp_path):
    bodies = ["The acting is wooden.", "A fine cast saves it.", "The plot collapses.", "I smiled.", "I slept."]
    for i, body in enumerate(bodies):
        (tmp_path / f"r{i}.txt").write_text(_review(i, body, legend=i != 4), encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    texts = corpus.sentences.groupby("article_id")["text"].apply(" ".join)
    assert not texts.str.contains("bring a friend along|staying home|Perfection").any()
    assert texts.str.contains("What is the point of this?", regex=False).sum() == 3
    assert all(texts[f"r{i}"].endswith(body) or "point of this" in texts[f"r{i}"] for i, body in enumerate(bodies))
    cut = corpus.cleaning[corpus.cleaning["pattern"] == "repeated in 4 files"]
    assert sorted(cut["article_id"].unique()) == ["r0", "r1", "r2", "r3"] and len(cut) == 12
    raw = (tmp_path / "r1.txt").read_text(encoding="utf-8")
    assert all(raw[r.raw_start : r.raw_end] == r.text for r in cut[cut["article_id"] == "r1"].itertuples())


def test_a_line_in_only_two_files_or_in_copies_of_one_file_stays(tmp_path):
    (tmp_path / "a.txt").write_text(_review(0, "Dull."), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_review(2, "Grand."), encoding="utf-8")
    (tmp_path / "b_copy.txt").write_text(_review(2, "Grand."), encoding="utf-8")  # byte for byte: counted once
    corpus = ingest(tmp_path, progress=False)
    assert not corpus.cleaning["pattern"].fillna("").str.startswith("repeated").any()
    assert corpus.sentences["text"].str.contains("bring a friend along").sum() == 2


def test_near_copies_keep_their_shared_lines_with_a_warning(tmp_path):
    story = [f"Paragraph {k} of the press release says the same thing in many words." for k in range(6)]
    for i in range(3):
        (tmp_path / f"draft{i}.txt").write_text("\n".join([f"Draft {i}.", *story]) + "\n", encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    assert (corpus.articles["n_sentences"] == 7).all()
    near = corpus.warnings[corpus.warnings["problem"].str.contains("near copy")]
    assert sorted(near["file"]) == ["draft0.txt", "draft1.txt", "draft2.txt"]
    assert (near["action"] == "kept").all()
    said = near.set_index("file")["problem"]
    assert said["draft1.txt"].startswith("6 of its 7 lines stand word for word in other files, most in draft0.txt")


def test_a_review_posted_twice_is_a_near_copy_even_in_two_files_only(tmp_path):
    # the movie-review corpus holds such a pair: one review filed twice, a few words apart
    review = [f"Line {k} of this review weighs the film and finds it wanting again." for k in range(8)]
    (tmp_path / "cv412.txt").write_text("\n".join(review) + "\n", encoding="utf-8")
    (tmp_path / "cv656.txt").write_text("\n".join([*review[:7], "A last line that differs."]) + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text(_review(0, "Dull."), encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    near = corpus.warnings[corpus.warnings["problem"].str.contains("near copy")].set_index("file")["problem"]
    assert sorted(near.index) == ["cv412.txt", "cv656.txt"]
    assert near["cv656.txt"].startswith("7 of its 8 lines stand word for word in other files, most in cv412.txt")
    assert (corpus.articles["n_sentences"] == 8).sum() == 2  # kept whole: a line in two files is no boilerplate


def test_a_paragraph_repeated_across_html_pages_is_cut_as_the_sites_boilerplate(tmp_path):
    bio = "<p><em>Maria Lopez is a senior editor at The Ledger and has covered schools for twelve years.</em></p>"
    for i, claim in enumerate(["Schools should open later.", "Homework should be shorter.", "Exams should go."]):
        page = f"<html><body><article><h1>Essay {i}</h1><p>{claim} Pupils learn better rested.</p>{bio}</article></body></html>"
        (tmp_path / f"essay{i}.html").write_text(page, encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    assert not corpus.sentences["text"].str.contains("Maria Lopez").any()
    cut = corpus.cleaning[corpus.cleaning["pattern"] == "repeated in 3 files"]
    assert sorted(cut["article_id"]) == ["essay0", "essay1", "essay2"]
    raw = (tmp_path / "essay1.html").read_text(encoding="utf-8")
    row = cut[cut["article_id"] == "essay1"].iloc[0]
    assert raw[row["raw_start"] : row["raw_end"]] == row["text"]


def test_broken_pdf_and_word_files_and_rich_text_are_named_as_not_read_and_a_title_alone_is_flagged_short(tmp_path):
    (tmp_path / "op-ed.txt").write_text("Cities should run more buses. " * 10, encoding="utf-8")
    (tmp_path / "draft.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "scan.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "memo.rtf").write_bytes(b"{\\rtf1 Cities should run more buses.}")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG")
    (tmp_path / "title.txt").write_text("Just a title\n", encoding="utf-8")
    corpus = ingest(tmp_path, progress=False)
    warned = corpus.warnings.set_index("file")
    assert warned.loc["draft.docx", "problem"].startswith("is not a readable Word document (.docx)")
    assert (
        warned.loc["scan.PDF", "problem"].startswith("is not a readable PDF")
        and warned.loc["scan.PDF", "action"] == "skipped"
    )
    assert warned.loc["memo.rtf", "problem"].startswith("is a Rich Text file; only")
    assert "chart.png" not in warned.index  # not a document anyone meant as an article
    assert (
        warned.loc["title.txt", "problem"].startswith("has only 3 words")
        and warned.loc["title.txt", "action"] == "kept"
    )
    assert "op-ed.txt" not in warned.index
    only_docs = tmp_path / "docs"
    only_docs.mkdir()
    (only_docs / "essay.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(IngestError, match=r"no articles found .*essay.doc is an old-style Word document"):
        ingest(only_docs, progress=False)


def _docx(paragraphs_xml: str) -> bytes:
    """A minimal Word document: the zip archive with its ``word/document.xml``."""
    import io
    import zipfile

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + paragraphs_xml
        + "<w:sectPr/></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _check_ban_document(tmp_path, fmt: str, data: bytes, broken: str) -> None:
    """The same short article as a word-processor document (``fmt``: docx, odt) and a broken one
    beside it: its sentences, headings, list item and traceable offsets, and the broken file's
    warning."""
    (tmp_path / f"ban.{fmt}").write_bytes(data)
    (tmp_path / f"broken.{fmt}").write_bytes(b"PK\x03\x04 not really a zip")
    corpus = ingest(tmp_path, progress=False)
    art = corpus.articles.set_index("article_id").loc["ban"]
    assert (art["format"], art["encoding"], art["title"]) == (fmt, fmt, "Lock the phones away")
    sents = corpus.sentences[corpus.sentences["article_id"] == "ban"]
    assert sents["text"].tolist() == [
        "Lock the phones away",
        "Schools should ban smartphones for the whole day.",
        "What changed",
        "Pupils talk at lunch again.",
        "Ban them, and let teachers teach.",
    ]
    assert sents["is_heading"].tolist() == [True, False, True, False, False]
    paras = corpus.paragraphs.set_index("paragraph_id")
    assert (paras.loc["ban-p04", "kind"], paras.loc["ban-p04", "marker"]) == ("list_item", "-")
    s = sents.iloc[1]
    located = corpus_mod.locate_in_raw(
        tmp_path, art.rename(None).to_dict() | {"file": f"ban.{fmt}"}, s["raw_start"], s["raw_end"]
    )
    assert located == s["text"]
    assert corpus.warnings.set_index("file").loc[f"broken.{fmt}", "problem"].startswith(broken)


def test_a_word_document_is_read_with_its_headings_list_items_and_traceable_offsets(tmp_path):
    def p(text, style="", numbered=False):
        props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:numPr/>" if numbered else "")
        return f"<w:p><w:pPr>{props}</w:pPr>{text}</w:p>"

    body = (
        p("<w:r><w:t>Lock the phones away</w:t></w:r>", style="Title")
        + p(
            '<w:r><w:t xml:space="preserve">Schools should </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ban</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> smartphones for the whole day.</w:t></w:r>'
            "<w:del><w:r><w:delText>Deleted words.</w:delText></w:r></w:del>"
        )
        + p("<w:r><w:t>What changed</w:t></w:r>", style="Heading1")
        + p("<w:r><w:t>Pupils talk at lunch again.</w:t></w:r>", numbered=True)
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>112</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        + p("<w:r><w:t>Ban them, and let teachers teach.</w:t></w:r>")
    )
    _check_ban_document(tmp_path, "docx", _docx(body), "is not a readable Word document (.docx)")


def _odt(body_xml: str) -> bytes:
    """A minimal OpenDocument text: the zip archive with its ``mimetype`` and ``content.xml``."""
    import io
    import zipfile

    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        "<office:body><office:text>" + body_xml + "</office:text></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", xml)
    return buf.getvalue()


def test_an_opendocument_text_is_read_with_its_headings_list_items_and_traceable_offsets(tmp_path):
    body = (
        '<text:h text:outline-level="1">Lock the phones away</text:h>'
        "<text:p>Schools should <text:span>ban</text:span> smartphones<text:s/>for the whole day."
        "<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted words.</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="2">What changed</text:h>'
        "<text:list><text:list-item><text:p>Pupils talk at lunch again.</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>112</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>Ban them, and let teachers teach.</text:p>"
    )
    _check_ban_document(tmp_path, "odt", _odt(body), "is not a readable OpenDocument text (.odt)")


FRONT = (
    '---\ntitle: "The four-day week is overdue"\nauthor: Maya Lindqvist\ndate: 2024-03-01\ntags: [work]\n---\n\n'
    "Firms should stop treating the five-day week as a law of nature. Rested people do not quit.\n"
)
TOML_FRONT = (
    '+++\ntitle = "Not so fast"\nauthor = "Owen Pryce"\ndate = 2023-04-10\n+++\n'
    "Small firms should not be pushed into a shorter week by law.\n"
)


def test_markdown_front_matter_gives_title_author_and_date_and_is_cut(tmp_path):
    corpus = ingest(_folder(tmp_path, {"week.md": FRONT.encode(), "fast.md": TOML_FRONT.encode()}), progress=False)
    a = corpus.articles.set_index("article_id")
    assert a.loc["week", ["title", "author", "date"]].tolist() == [
        "The four-day week is overdue",
        "Maya Lindqvist",
        "2024-03-01",
    ]
    assert a.loc["fast", ["title", "author", "date"]].tolist() == ["Not so fast", "Owen Pryce", "2023-04-10"]
    first = corpus.sentences.groupby("article_id")["text"].first()
    assert first["week"].startswith("Firms should stop") and first["fast"].startswith("Small firms")
    cut = corpus.cleaning[corpus.cleaning["step"] == "front matter removed"].set_index("article_id")
    assert cut.loc["week", "text"].startswith("---\ntitle:") and cut.loc["week", "raw_start"] == 0
    raw = FRONT
    s = corpus.sentences[corpus.sentences["article_id"] == "week"].iloc[0]
    assert raw[s.raw_start : s.raw_end] == s.text  # offsets still point into the file


def test_the_manifest_wins_over_front_matter_and_a_date_in_front_matter_groups_by_year(tmp_path):
    files = {"week.md": FRONT.encode(), "fast.md": TOML_FRONT.encode(), "articles.csv": b"file,author\nweek.md,M. L.\n"}
    corpus = ingest(_folder(tmp_path, files), group_by="date", progress=False)
    a = corpus.articles.set_index("article_id")
    assert a.loc["week", "author"] == "M. L." and a.loc["fast", "author"] == "Owen Pryce"
    assert a["group"].to_dict() == {"week": "2024", "fast": "2023"}


@pytest.mark.parametrize("first", ["A standfirst in one line.", "Update: we corrected a figure on 3 May."])
def test_a_rule_at_the_top_of_a_markdown_file_is_no_front_matter(tmp_path, first):
    # the second parses as YAML ({"Update": ...}) but names no front-matter field
    text = f"---\n{first}\n---\n\nThe article itself starts here, and it argues.\n".encode()
    corpus = ingest(_folder(tmp_path, {"rule.md": text}), progress=False)
    assert corpus.sentences["text"].tolist()[:2] == [first, "The article itself starts here, and it argues."]
    assert "front matter removed" not in set(corpus.cleaning["step"])


def test_the_resources_folder_a_browser_saves_beside_a_page_is_not_read(tmp_path):
    page = b"<html><body><article><h1>Ban phones</h1><p>Schools should ban phones for the whole day.</p></article></body></html>"
    files = {
        "Op-ed.html": page,
        "Op-ed_files/saved_resource.html": b"<html><body><p>Advertisement: buy a new phone today and save.</p></body></html>",
        "Op-ed_files/app.js": b"var x = 1;",
        "Op-ed_files/embedded.pdf": b"%PDF-1.4",
        "field_files/notes.txt": b"These field notes are an article of their own, with no page beside the folder.",
    }
    corpus = ingest(_folder(tmp_path, files), progress=False)
    assert sorted(corpus.articles["file"]) == ["Op-ed.html", "field_files/notes.txt"]
    assert corpus.warnings.empty
