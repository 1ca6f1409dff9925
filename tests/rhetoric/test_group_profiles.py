"""How groups argue: profiles and differences judged over articles, not sentences or pooled words."""

import pandas as pd

from utils.rhetoric import views


def _tables(questions_a: list[int], questions_b: list[int]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Articles of 1,000 words in groups A and B with the given question counts, and 20 claims each."""
    ids_a = [f"a{i}" for i in range(len(questions_a))]
    ids_b = [f"b{i}" for i in range(len(questions_b))]
    articles = pd.DataFrame(
        {"article_id": ids_a + ids_b, "group": ["A"] * len(ids_a) + ["B"] * len(ids_b), "n_words": 1000}
    )
    rows = []
    for art, q in zip(ids_a + ids_b, questions_a + questions_b):
        rows.append((art, "question", "rhetorical_question", q))
        rows.append((art, "role", "claim", 20))
    counts = pd.DataFrame(rows, columns=["article_id", "category", "label", "count"])
    counts = counts.assign(words=1000, per_1000=counts["count"].astype(float))
    tone = pd.DataFrame({"article_id": articles["article_id"], "compound": 0.0})
    return counts, articles, tone


def test_a_difference_every_article_shows_is_named():
    counts, articles, tone = _tables([5, 6, 4, 5, 7, 5, 6, 4], [1, 0, 2, 1, 1, 0, 2, 1])
    diff = views.group_differences(counts, articles, "A", "B")
    top = diff.iloc[0]
    assert top["dimension"] == "questions" and top["significant"] and top["t"] > 0
    assert not diff.set_index("dimension").loc["claims", "significant"]  # 20 everywhere: no difference
    profile = views.group_profile(counts, articles, tone)
    title = views.group_profile_title(profile, diff)
    assert " ".join(title.split()).startswith(
        "Clearest difference: A uses questions at 5.2 per 1,000 words in the average article, B at 1.0"
    )


def test_one_article_asking_forty_questions_is_one_article_not_forty_pieces_of_evidence():
    # B's average article asks more questions (5.1 per 1,000 words against 1.0); that is one article
    counts, articles, tone = _tables([1, 1, 1, 1, 1, 1, 1, 1], [40, 0, 0, 1, 0, 0, 0, 0])
    profile = views.group_profile(counts, articles, tone).set_index("group")
    assert profile.loc["B", "questions"] > 5 * profile.loc["A", "questions"]
    diff = views.group_differences(counts, articles, "A", "B")
    assert not diff["significant"].any()
    assert (
        views.group_profile_title(profile.reset_index(), diff) == "No way of arguing sets A and B apart beyond chance"
    )


def test_a_group_of_one_article_cannot_be_tested():
    counts, articles, tone = _tables([5, 6, 4], [1])
    diff = views.group_differences(counts, articles, "A", "B")
    assert diff.empty
    title = views.group_profile_title(views.group_profile(counts, articles, tone), diff)
    assert title == "A or B has too few articles to tell the groups apart"


def test_the_test_is_welchs_t():
    from scipy import stats

    qa, qb = [5, 2, 7, 4, 4, 6, 3], [1, 3, 2, 0, 4, 2, 2, 1, 3]
    counts, articles, _ = _tables(qa, qb)
    row = views.group_differences(counts, articles, "A", "B").set_index("dimension").loc["questions"]
    welch = stats.ttest_ind(qa, qb, equal_var=False)
    assert row["t"] == round(welch.statistic, 2) and row["p"] == float(f"{welch.pvalue:.2g}")


def test_the_bars_and_the_title_give_the_mean_article_rate_the_test_compared_not_the_pooled_one():
    # A's long article (4,000 words, 8 questions: 2 per 1,000) would pull A's pooled rate to 4.0 per
    # 1,000 words; its articles' mean rate is 4.7, the number the t-test compared
    counts, articles, tone = _tables([5, 6, 4, 5, 5, 6, 4, 5, 8], [1, 0, 2, 1, 1, 0, 2, 1])
    long_one = counts["article_id"] == "a8"
    counts.loc[long_one, "words"] = 4000
    counts.loc[long_one, "per_1000"] = counts.loc[long_one, "count"] / 4
    articles.loc[articles["article_id"] == "a8", "n_words"] = 4000
    profile = views.group_profile(counts, articles, tone)
    assert profile.set_index("group").loc["A", "questions"] == 4.67
    diff = views.group_differences(counts, articles, "A", "B")
    title = " ".join(views.group_profile_title(profile, diff).split())
    assert title.startswith(
        "Clearest difference: A uses questions at 4.7 per 1,000 words in the average article, B at 1.0"
    )
