"""What each process imports: kernels that only read tables never load NLTK, splitting sentences
and the argument map load NLTK without SciPy's statistics or scikit-learn, and the report runner
never loads pandas. Each check runs in a fresh interpreter, because this test process has imported
everything already."""

from __future__ import annotations

import subprocess
import sys

from utils import paths


def loaded(code: str, modules: tuple[str, ...]) -> dict[str, bool]:
    probe = f"{code}\nimport sys\nprint(' '.join(str(m in sys.modules) for m in {modules!r}))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=paths.ROOT, capture_output=True, text=True, check=True)
    return dict(zip(modules, (w == "True" for w in out.stdout.split())))


def test_reading_tables_and_counting_never_load_nltk():
    code = "from utils import concepts, ingest, plots, report, rhetoric, scale\ningest.read_tables"
    assert loaded(code, ("nltk", "scipy", "sklearn")) == {"nltk": False, "scipy": False, "sklearn": False}


def test_splitting_sentences_loads_nltk_when_it_is_needed_without_scipy_stats_or_sklearn():
    code = (
        "from utils.ingest import segment\nassert segment.sentence_spans('Dr. Smith came. Why?') == [(0, 15), (16, 20)]"
    )
    modules = ("nltk", "scipy.stats", "sklearn")
    assert loaded(code, modules) == {"nltk": True, "scipy.stats": False, "sklearn": False}


def test_the_argument_map_loads_nltk_stemmer_without_scipy_stats_or_sklearn():
    code = "from utils import argmap\nfrom utils.argmap import draft\nassert draft._stemmer().stem('running') == 'run'"
    modules = ("nltk", "scipy.stats", "sklearn")
    assert loaded(code, modules) == {"nltk": True, "scipy.stats": False, "sklearn": False}


def test_what_nltk_skipped_can_still_be_imported_afterwards():
    code = (
        "from utils.ingest import segment\nsegment.sentence_splitter()\n"
        "import sklearn.linear_model, scipy.stats\nassert scipy.stats.norm.cdf(0) == 0.5"
    )
    assert loaded(code, ("sklearn", "scipy.stats")) == {"sklearn": True, "scipy.stats": True}


def test_modules_already_imported_stay_as_they_are():
    code = (
        "import sklearn\nmod = sklearn\nfrom utils.ingest import segment\nsegment.sentence_splitter()\n"
        "import sys\nassert sys.modules['sklearn'] is mod"
    )
    assert loaded(code, ("sklearn", "nltk")) == {"sklearn": True, "nltk": True}


def test_the_report_runner_never_loads_pandas_but_notebooks_still_reach_the_display_helpers():
    assert loaded("from utils.report import runner", ("pandas",)) == {"pandas": False}
    code = "from utils import report\nfrom utils.report import note\nassert report.card and note is report.note"
    assert loaded(code, ("pandas",)) == {"pandas": True}
