"""Agreement and tension between groups: links across articles counted by the groups they join."""

from __future__ import annotations

import pandas as pd

from utils.argmap.groups import group_agreement, group_headline
from utils.argmap.model import ArgumentMap


def tiny_map() -> ArgumentMap:
    """Articles a1, a2 (group x), b1 (group y), c1 (no group); four links across articles."""
    links = [
        ("a1", "a2", "agrees"),  # x with x
        ("a1", "b1", "contradicts"),  # x with y
        ("b1", "a2", "qualifies"),  # y with x, the other way round
        ("a1", "c1", "agrees"),  # c1 is in no group compared: left out
    ]
    relations = pd.DataFrame(
        [
            {"source_article": s, "target_article": t, "relation": r, "scope": "across", "score": 1.0}
            for s, t, r in links
        ]
        + [{"source_article": "a1", "target_article": "a1", "relation": "supports", "scope": "inside", "score": 1.0}]
    )
    articles = pd.DataFrame({"article_id": ["a1", "a2", "b1", "c1"]})
    return ArgumentMap(claims=pd.DataFrame(), relations=relations, articles=articles, kind="draft")


def test_links_are_counted_once_per_unordered_pair_of_groups():
    table = group_agreement(tiny_map(), pd.Series({"a1": "x", "a2": "x", "b1": "y"})).set_index(
        ["group", "other group"]
    )
    assert table.loc[("x", "x"), ["article pairs", "links", "agreement", "tension"]].tolist() == [1, 1, 1, 0]
    assert table.loc[("x", "y"), ["article pairs", "links", "agreement", "tension"]].tolist() == [2, 2, 0, 2]
    assert table.loc[("x", "y"), "links per 100 article pairs"] == 100.0
    assert table.loc[("y", "y"), ["article pairs", "links"]].tolist() == [0, 0]
    assert table.loc[("x", "y"), "tension share (%)"] == 100


def test_the_headline_compares_links_inside_and_across_groups():
    table = group_agreement(tiny_map(), pd.Series({"a1": "x", "a2": "x", "b1": "y"}))
    assert group_headline(table) == (
        "Inside groups: 100.00 links per 100 article pairs, 0 % of them tensions; "
        "across groups: 100.00 links per 100 article pairs, 100 % tensions."
    )


def _links_map(links: list[tuple[str, str, str]], articles: list[str]) -> ArgumentMap:
    relations = pd.DataFrame(
        [
            {"source_article": s, "target_article": t, "relation": r, "scope": "across", "score": 1.0}
            for s, t, r in links
        ]
    )
    return ArgumentMap(
        claims=pd.DataFrame(), relations=relations, articles=pd.DataFrame({"article_id": articles}), kind="draft"
    )


def test_reshuffling_the_groups_tells_a_real_gap_from_chance():
    from utils.argmap.groups import shuffle_test

    # 20 articles in two groups of 10; every link joins two articles of the same group
    ids = [f"x{i}" for i in range(10)] + [f"y{i}" for i in range(10)]
    groups = pd.Series(["x"] * 10 + ["y"] * 10, index=ids)
    inside = [(f"{g}{i}", f"{g}{(i + 1) % 10}", "agrees") for g in "xy" for i in range(10)]
    chance = shuffle_test(_links_map(inside, ids), groups)
    assert chance["p_links"] <= 0.01
    table = group_agreement(_links_map(inside, ids), groups)
    assert group_headline(table, chance).endswith(
        f"the gap in links is beyond chance (p = {chance['p_links']:.3f}), the gap in tension share within chance (p = 1.00)."
    )
    # 9 links among the 90 pairs inside groups, 10 among the 100 across: the same rate, no gap
    same = [(f"x{i}", f"x{i + 1}", "agrees") for i in range(5)] + [
        (f"y{i}", f"y{i + 1}", "contradicts") for i in range(4)
    ]
    across = [(f"x{i}", f"y{i}", "agrees" if i % 2 else "contradicts") for i in range(10)]
    even = shuffle_test(_links_map(same + across, ids), groups)
    assert even["p_links"] == 1.0 and even["p_tension"] > 0.05
