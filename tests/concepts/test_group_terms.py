"""Groups compared term by term: dispersion over the articles and false-discovery control."""

import numpy as np
import pandas as pd
import pytest

from utils.concepts import groups


def _corpus(*, planted: int = 0, burst: int = 30, seed: int = 3) -> tuple[pd.DataFrame, pd.Series]:
    """40 articles of 500 words drawn from the same 300 common English words, each with its own
    name used ``burst`` times (a film's title in its review), in two groups of 20 made at random;
    ``planted`` uses of 'zeppelin' in every article of group A."""
    from wordfreq import top_n_list, word_frequency

    vocab = [w for w in top_n_list("en", 1200) if w.isalpha() and len(w) > 3][:300]
    f = np.array([word_frequency(w, "en") for w in vocab])
    rng = np.random.default_rng(seed)
    ids = [f"r{i:02d}" for i in range(40)]
    unit = pd.Series(rng.permutation(["A"] * 20 + ["B"] * 20), index=ids)
    rows = []
    for i, art in enumerate(ids):
        counts = rng.multinomial(500, f / f.sum())
        rows += [(art, w, int(c)) for w, c in zip(vocab, counts) if c]
        rows.append((art, f"name{i:02d}", burst))
        if planted and unit[art] == "A":
            rows.append((art, "zeppelin", planted))
    t = pd.DataFrame(rows, columns=["article_id", "term", "count"])
    t = t.assign(kind="word", surface=t["term"], n_words=t.groupby("article_id")["count"].transform("sum"))
    t["rate"] = 1000 * t["count"] / t["n_words"]
    return t, unit


def _leaning(t: pd.DataFrame, unit: pd.Series) -> pd.DataFrame:
    pair = groups.two_groups(groups.pool(t, unit), "A", "B", min_count=1)
    return pair[pair["significant"]]


def test_two_random_halves_of_a_corpus_differ_in_no_term():
    t, unit = _corpus()
    assert _leaning(t, unit).empty
    # counted token by token, every article's repeated name (30 uses, none in the other group)
    # leans to its group: that is what the dispersion takes out
    pooled = groups.pool(t, unit).assign(dispersion=1.0)
    naive = groups.two_groups(pooled, "A", "B", min_count=1)
    assert naive.loc[naive["significant"], "term"].str.startswith("name").sum() == 40


def test_a_term_every_article_of_one_group_uses_is_found():
    t, unit = _corpus(planted=3)
    lean = _leaning(t, unit)
    assert lean["term"].tolist() == ["zeppelin"] and (lean["z"] > 0).all()


def test_dispersion_is_one_for_an_even_term_and_large_for_a_bursty_one():
    t, unit = _corpus(planted=3)
    spread = groups.dispersion(t, unit)
    # name00: 30 uses where 1.5 are expected, 0 where 1.5 are expected in the 19 other articles of
    # its group: X^2 = 30^2 / 1.5 - 30 = 570, over 40 - 2 degrees of freedom = 15
    assert spread["zeppelin"] == pytest.approx(1.0) and spread["name00"] == pytest.approx(15.0, rel=0.05)
    common = spread[[w for w in spread.index if not w.startswith("name") and w != "zeppelin"]]
    assert common.median() < 1.5


def test_groups_of_one_article_each_get_no_dispersion():
    t, _ = _corpus()
    one_each = pd.Series(["A", "B"], index=["r00", "r01"])
    assert (groups.dispersion(t, one_each) == 1.0).all()


def test_the_pooled_table_carries_each_terms_dispersion_for_the_csv():
    t, unit = _corpus(planted=3)
    pooled = groups.pool(t, unit)
    assert set(pooled["article_id"]) == {"A", "B"}
    assert pooled.loc[pooled["term"] == "name00", "dispersion"].iloc[0] > 10
    # every count adds up from the articles' counts
    assert pooled["count"].sum() == t["count"].sum()


def test_the_charts_title_says_when_no_term_sets_the_groups_apart():
    t, unit = _corpus()
    pair = groups.two_groups(groups.pool(t, unit), "A", "B", min_count=1)
    assert (
        groups.two_group_title(pair, "A", "B") == f"No term sets A and B apart beyond chance ({len(pair):,} compared)"
    )
    t, unit = _corpus(planted=3)
    pair = groups.two_groups(groups.pool(t, unit), "A", "B", min_count=1)
    assert groups.two_group_title(pair, "A", "B").startswith("1 term is more typical of A (most: zeppelin), 0 of B")


def test_the_two_group_chart_names_no_term_over_another():
    import matplotlib.pyplot as plt

    from utils.concepts import plots

    # eight terms leaning to A at almost the same spot: their names would print over each other
    pair = pd.DataFrame(
        {
            "surface": [f"term{i}" for i in range(8)],
            "rate_a": [1.0 + 0.001 * i for i in range(8)],
            "rate_b": [0.1] * 8,
            "z": [9.0 - i for i in range(8)],
            "significant": True,
        }
    )
    ax = plots.plot_two_groups(pair, "A", "B")
    renderer = ax.figure.canvas.get_renderer()
    names = [t for t in ax.texts if t.get_text().startswith("term")]
    boxes = [t.get_window_extent(renderer) for t in names]
    assert names[0].get_text() == "term0"  # the strongest keeps its name
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert len(names) < 8
    plt.close(ax.figure)


def test_years_as_sub_folders_are_periods_and_the_trend_chart_says_how_many_articles_each_pools():
    import matplotlib.pyplot as plt

    from utils.concepts import plots

    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "date": "", "group": ["2019", "2019", "2021"]})
    periods = groups.period_of(articles)
    assert periods.to_dict() == {"a": "2019", "b": "2019", "c": "2021"}
    mixed = articles.assign(group=["2019", "pos", "2021"])  # not every group is a year: no periods
    assert groups.period_of(mixed).empty
    trends = pd.DataFrame({"leadership": [1.5, 2.0]}, index=pd.Index(["2019", "2021"], name="period"))
    ax = plots.plot_trends(trends, sizes=periods.value_counts())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019\n2 articles", "2021\n1 article"]
    plt.close(ax.figure)


def test_a_trend_point_one_article_makes_is_drawn_hollow_and_said_in_the_legend():
    import matplotlib.pyplot as plt

    from utils.concepts import plots

    # 2021's "cost": 9 of its 10 uses come from article c
    table = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "a", "c"],
            "kind": "concept",
            "term": ["cost", "cost", "cost", "cost", "leadership", "leadership"],
            "count": [3, 3, 9, 1, 2, 2],
        }
    )
    periods = pd.Series({"a": "2019", "b": "2019", "c": "2021", "d": "2021"})
    trends = pd.DataFrame(
        {"cost": [1.0, 3.0], "leadership": [0.5, 0.5]}, index=pd.Index(["2019", "2021"], name="period")
    )
    drivers = groups.trend_drivers(table, periods, trends)
    assert drivers["cost"].tolist() == [0.5, 0.9] and drivers["leadership"].tolist() == [1.0, 1.0]
    ax = plots.plot_trends(trends, sizes=periods.value_counts(), drivers=drivers)
    hollow = [c for c in ax.collections if c.get_label() == "_lone"]
    # cost: only 2021 (0.9 > half); leadership: both points (one article each)
    assert [len(c.get_offsets()) for c in hollow] == [1, 2]
    assert "hollow: one article gives most uses" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(ax.figure)
