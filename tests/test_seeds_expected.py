"""Every fact in tests/seeds-expected.yml holds for the corpus built from seeds/."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import check_fact

EXPECTED = yaml.safe_load((Path(__file__).parent / "seeds-expected.yml").read_text("utf-8"))


def _facts():
    for seed, facts in EXPECTED.items():
        for key, value in facts.items():
            yield pytest.param(seed, key, value, id=f"{seed[:3]}-{key}")


@pytest.mark.parametrize("seed,key,value", list(_facts()))
def test_seed_fact(seed_corpus, seed, key, value):
    front, body = seed_corpus[seed]
    check_fact(front, body, key, value)
