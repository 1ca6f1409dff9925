"""Exports of the argument map: AIF JSON and GraphML read back unchanged; Argdown and CSV content."""

from __future__ import annotations

import dataclasses
import json

import networkx as nx
import pandas as pd
import pytest

from utils import paths
from utils.argmap import export as ex
from utils.argmap import model as argmap
from utils.ingest.read import ingest


@pytest.fixture(scope="module")
def curated():
    return argmap.load_map(ingest(paths.RAW))


@pytest.fixture(scope="module")
def tiny():
    text = """
claims:
  - {id: A, article: "000", role: thesis, type: position, label: "Small firms <get> it", concepts: [small business],
     quote: "These are the companies that really get it."}
  - {id: B, article: "000", role: evidence, type: anecdote, label: Roofer, quote: "in about 3 weeks"}
  - {id: C, article: "000", role: premise, type: consequence, label: Hiccups, quote: "there will be issues and hiccups"}
  - {id: D, article: "003", role: thesis, type: position, label: Optimise first, quote: "optimise your current services"}
relations:
  - {from: B, to: A, type: supports}
  - {from: C, to: B, type: undercuts}
  - {from: D, to: B, type: qualifies, rationale: "Small steps, not a rebuild."}
"""
    import yaml

    return argmap.parse_map(yaml.safe_load(text), ingest(paths.RAW))


def test_aif_round_trip(curated):
    back = ex.from_aif(json.loads(json.dumps(ex.to_aif(curated))))
    pd.testing.assert_frame_equal(back.claims, curated.claims)
    pd.testing.assert_frame_equal(back.relations, curated.relations)
    assert back.articles["article_id"].tolist() == ["000", "001", "002", "003", "004"]


def test_graphml_round_trip(curated, tmp_path):
    path = ex.write_graphml(curated, tmp_path / "map.graphml")
    back = ex.read_graphml(path)
    pd.testing.assert_frame_equal(back.claims, curated.claims)
    pd.testing.assert_frame_equal(back.relations, curated.relations)
    pd.testing.assert_frame_equal(back.articles, curated.articles)


def test_graphml_is_what_networkx_writes(curated, tiny, tmp_path):
    odd = tiny.claims.copy()
    odd.loc[0, "quote"] = 'Tabs\tand\r\nlines, "quotes" & <tags> \u2019 \U0001f600 \ud800'
    odd.loc[1, ["concepts", "rule"]] = ["", "a & b"]
    odd.loc[2, "claim_id"] = 'C&"<\t>\r\n'
    relations = tiny.relations.replace({"source": {"C": odd.loc[2, "claim_id"]}})
    tricky = dataclasses.replace(tiny, claims=odd, relations=relations, kind="draft")
    for amap in (curated, tiny, tricky):
        ours = ex.write_graphml(amap, tmp_path / "ours.graphml").read_bytes()
        nx.write_graphml(ex.to_graph(amap), tmp_path / "nx.graphml", prettyprint=False)
        assert ours == (tmp_path / "nx.graphml").read_bytes()


def test_aif_structure_of_a_tiny_map(tiny):
    doc = ex.to_aif(tiny)
    types = pd.Series([n["type"] for n in doc["nodes"]]).value_counts().to_dict()
    assert types == {"I": 4, "L": 4, "YA": 4, "CA": 2, "RA": 1}
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    undercut = next(n for n in doc["nodes"] if n.get("relation") == "undercuts")
    [target] = [e["toID"] for e in doc["edges"] if e["fromID"] == undercut["nodeID"]]
    assert nodes[target]["type"] == "RA"  # an undercut attacks the inference, not the claim
    assert {n["text"] for n in doc["nodes"] if n["type"] == "L"} >= {"000: in about 3 weeks"}
    assert [p["surname"] for p in doc["participants"]] == ["000", "003"]


def test_foreign_aif_without_atlas_fields():
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "P", "type": "I"},
            {"nodeID": "2", "text": "C", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}],
    }
    back = ex.from_aif(doc)
    assert back.claims["claim_id"].tolist() == ["n1", "n2"]
    assert back.relations[["source", "target", "relation"]].values.tolist() == [["n1", "n2", "supports"]]


def test_argdown_text(tiny):
    text = ex.to_argdown(tiny, title="Tiny")
    assert text.startswith("===\ntitle: Tiny\nkind: curated\n===")
    assert "[A]: Small firms <get> it #thesis #position" in text
    assert "\n    + [B]: Roofer #evidence #anecdote" in text
    assert "\n        - [C]: Hiccups #premise #consequence" in text and "// undercuts" in text
    assert "# Across articles\n\n[B]\n    - [D] // D qualifies B: Small steps, not a rebuild." in text
    assert 'quote: "in about 3 weeks"' in text


def test_export_map_writes_every_format(tiny, tmp_path):
    files = ex.export_map(tiny, tmp_path, stem="tiny")
    assert [f.name for f in files] == [
        "tiny.argdown",
        "tiny.aif.json",
        "tiny.graphml",
        "tiny-claims.csv",
        "tiny-relations.csv",
    ]
    edges = pd.read_csv(files[4], dtype=str, keep_default_na=False)
    assert edges[["source", "source_label", "relation", "target", "target_label"]].values.tolist() == [
        ["B", "Roofer", "supports", "A", "Small firms <get> it"],
        ["C", "Hiccups", "undercuts", "B", "Roofer"],
        ["D", "Optimise first", "qualifies", "B", "Roofer"],
    ]
    assert len(pd.read_csv(files[3])) == 4
