"""The front page stays small on a large corpus: past a size it shows the most linked articles."""

from __future__ import annotations

from utils.report import front


def _findings(n: int) -> front.Findings:
    articles = [{"article_id": f"a{i:04d}", "title": f"Article {i}"} for i in range(n)]
    # a0007 and a0020 are linked to each other three times, a0003 to a0020 once: the most linked first
    link = {"source": "x", "target": "y", "rationale": ""}
    across = [{**link, "source_article": "a0007", "target_article": "a0020", "relation": "agrees"}] * 3
    across += [{**link, "source_article": "a0003", "target_article": "a0020", "relation": "contradicts"}]
    rows = [{"article_id": a["article_id"], "claims": "1.0"} for a in articles]
    return front.Findings(
        articles=articles, claims={}, across=across, curated=False, fingerprints=rows, top_concepts=[]
    )


def test_a_small_corpus_shows_every_article():
    assert front.shown_articles(_findings(5)) == ["a0000", "a0001", "a0002", "a0003", "a0004"]


def test_a_large_corpus_shows_the_most_linked_articles_and_says_so():
    f = _findings(2000)
    shown = front.shown_articles(f)
    assert len(shown) == front.MAX_ARTICLES
    assert {"a0003", "a0007", "a0020"} <= set(shown) and shown == sorted(shown)
    page = front.findings_html(f, pages={})
    assert "has 2,000 articles; the findings below show the 12 with the most links" in page
    assert page.count("<tr><th>a0") == front.MAX_ARTICLES  # matrix rows
    assert len(page) < 200_000  # was quadratic in the number of articles: 254 MB at 2,000


def test_the_concepts_section_says_how_much_of_the_corpus_the_lexicon_covers():
    # 03's count summary: 10% of 300 counted terms and 40% of 100 -> (30 + 40) / 400 = 17.5%
    f = _findings(2)
    f.top_concepts = [{"article_id": "a0000", "rank": "1", "concept": "service", "rate": "4.2"}]
    f.count_summary = [
        {"article_id": "a0000", "terms counted": "300", "terms inside a concept hit (%)": "10"},
        {"article_id": "a0001", "terms counted": "100", "terms inside a concept hit (%)": "40"},
    ]
    assert front.lexicon_share(f) == 17.5
    page = front.findings_html(f, pages={})
    assert "About 18% of the counted terms fall inside one of the lexicon’s concepts" in page
    f.count_summary = []  # 03 did not run: no share, no sentence
    assert front.lexicon_share(f) is None and "of the counted terms" not in front.findings_html(f, pages={})


def test_with_no_link_between_articles_the_matrix_is_one_sentence_not_a_grid_of_empty_cells():
    f = _findings(12)
    f.across = []
    page = front.findings_html(f, pages={})
    assert "The automatic draft links no two articles" in page and 'class="atlas-none"' not in page
    assert "atlas-matrix" not in page
    f.curated = True
    assert "The curated map has no relation across articles." in front.findings_html(f, pages={})
    assert "atlas-matrix" in front.findings_html(_findings(12), pages={})  # with links: the grid


def test_with_no_drawn_link_the_strongest_candidates_are_listed_as_leads():
    f = _findings(3)
    f.across = []
    f.candidates = [
        {"claim": f"a{i}: claim {i}", "relation": rel, "other claim": f"b{i}: other", "confidence": "0.5", "why": "w"}
        for i, rel in enumerate(["agrees", "contradicts", "agrees", "contradicts"])
    ]
    page = front.findings_html(f, pages={})
    assert "It lists 4 weaker candidate links to check, the strongest:" in page
    assert page.count("(confidence 0.5)") == 3 and "“a1: claim 1” and “b1: other”" in page
    assert '<span class="atlas-clash">contradicts</span>' in page
    f.curated = True  # a curated map without links says so and lists no automatic lead
    assert "candidate link" not in front.findings_html(f, pages={})


def test_a_label_that_only_opens_the_quote_is_not_said_twice():
    draft = {
        "label": "Supermarkets should charge for plastic bags in order…",
        "quote": "Supermarkets should charge for plastic bags in order to cut waste.",
    }
    curated = {
        "label": "Charging changes a habit cheaply",
        "quote": "In short, the fee changes a habit at almost no cost.",
    }
    assert (
        front.label_and_quote(draft)
        == "<blockquote>“Supermarkets should charge for plastic bags in order to cut waste.”</blockquote>"
    )
    assert front.label_and_quote(curated).startswith("Charging changes a habit cheaply<blockquote>")
    f = _findings(2)
    f.claims = {
        "a0000-p01-s01": {**draft, "article_id": "a0000", "role": "thesis", "source": "draft"},
        "a0001-p01-s01": {**curated, "article_id": "a0001", "role": "thesis", "source": "curated"},
    }
    page = front.findings_html(f, pages={})
    assert page.count("Supermarkets should charge") == 1 and page.count("Charging changes a habit cheaply") == 1


def test_matrix_cells_are_counts_named_in_their_tooltip():
    page = front.findings_html(_findings(21), pages={})
    assert 'title="a0007 and a0020: 3 agreements, 0 tensions"' in page
    assert 'title="a0003 and a0020: 0 agreements, 1 tension"' in page
    assert 'title="a0003 and a0007: no link"' in page
    assert (
        '<div class="atlas-scroll"><table class="atlas-matrix atlas-upright">' in page
    )  # names upright; scrolls if need be
    f = _findings(5)
    f.across = [{"source": "x", "target": "y", "rationale": "", "source_article": "a0001", "target_article": "a0003"}]
    f.across[0]["relation"] = "agrees"
    few = front.findings_html(f, pages={})
    assert '<table class="atlas-matrix">' in few and "1 agree</span>" in few  # five names and words fit across
    assert "3 agree</span>" not in page


def test_the_front_page_says_how_the_groups_differ_when_the_run_compared_groups():
    f = _findings(4)
    assert "How do the groups differ?" not in front.findings_html(f, pages={})  # no groups compared
    f.group_differences = [
        {"dimension": "questions", "mean in neg": "3.2", "mean in pos": "2.09", "t": "5.95", "significant": "True"},
        {"dimension": "claims", "mean in neg": "21.4", "mean in pos": "19.9", "t": "5.06", "significant": "True"},
        {"dimension": "boosters", "mean in neg": "6.3", "mean in pos": "6.2", "t": "0.47", "significant": "False"},
    ]
    f.group_terms = [
        {
            "rank": "1",
            "more typical of neg": "bad (1,280 uses; z 16.1)",
            "more typical of pos": "life (994 uses; z 6.9)",
        },
        {"rank": "2", "more typical of neg": "waste (242 uses; z 9.3)", "more typical of pos": ""},
    ]
    page = front.findings_html(f, pages={})
    assert '<h2 id="groups">How do the groups differ?</h2>' in page
    page = page[page.index('<h2 id="groups">') :]
    assert "2 of 3 ways of arguing differ beyond chance between <b>neg</b> and <b>pos</b>" in page
    assert (
        "<li>questions: neg articles average 3.2, pos 2.1 per 1,000 words (t 6.0)</li>" in page
        and "boosters" not in page
    )
    assert (
        "<li><b>more typical of neg</b>: bad, waste</li>" in page
        and "<li><b>more typical of pos</b>: life</li>" in page
    )
    f.group_differences = [{**r, "significant": "False"} for r in f.group_differences]
    assert "No way of arguing sets <b>neg</b> and <b>pos</b> apart beyond chance." in front.findings_html(f, pages={})
