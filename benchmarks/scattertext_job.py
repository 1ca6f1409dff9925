"""scattertext's side of the side-by-side (run by ``benchmarks/side_by_side.py`` with the Python of
a throwaway venv holding scattertext 0.2.2 and six; imports nothing from this project).

Usage: ``python scattertext_job.py CORPUS_DIR GROUP_A GROUP_B`` prints one JSON line: seconds from
reading the files to the z-scores (imports excluded), and the top 50 terms of each group.
"""

import json
import sys
import time
from pathlib import Path

import pandas as pd
import scattertext as st


def main() -> None:
    corpus_dir, a, b = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    start = time.perf_counter()
    files = sorted(p for p in corpus_dir.rglob("*.txt") if p.parent.name in (a, b))
    df = pd.DataFrame(
        {
            "group": [p.parent.name for p in files],
            "text": [p.read_text(encoding="utf-8", errors="replace") for p in files],
        }
    )
    corpus = st.CorpusFromPandas(
        df, category_col="group", text_col="text", nlp=st.whitespace_nlp_with_sentences
    ).build()
    built = time.perf_counter()
    priors = st.PriorFactory(corpus).use_all_categories().get_priors()
    freq = corpus.get_term_freq_df()
    scorer = st.LogOddsRatioInformativeDirichletPrior(priors, 10, "none")  # prior = corpus counts, as ours
    z = pd.Series(
        scorer.get_zeta_i_j_given_separate_counts(freq[f"{a} freq"].to_numpy(), freq[f"{b} freq"].to_numpy()),
        index=freq.index,
    )
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - start,
                "build_seconds": built - start,
                "top_a": z.sort_values(ascending=False).index[:50].tolist(),
                "top_b": z.sort_values().index[:50].tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
