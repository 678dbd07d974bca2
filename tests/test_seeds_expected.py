"""Every fact in tests/seeds-expected.yml holds for the corpus built from seeds/."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import check_fact, fact_params

EXPECTED = yaml.safe_load((Path(__file__).parent / "seeds-expected.yml").read_text("utf-8"))


@pytest.mark.parametrize("seed,key,value", fact_params(EXPECTED))
def test_seed_fact(seed_corpus, seed, key, value):
    front, body = seed_corpus[seed]
    check_fact(front, body, key, value)
