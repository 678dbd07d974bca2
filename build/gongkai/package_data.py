"""The package's data files (gongkai/data/): each YAML file is read and parsed once a process.

With libyaml's safe loader, the same safe subset as ``yaml.safe_load`` at a tenth of its time:
the vocabulary files were parsed by the pure-Python loader at the start of every command, and
indicators.yml three times. Callers share the parsed value and must not change it.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_text(name: str) -> str:
    return resources.files("gongkai").joinpath("data", name).read_text("utf-8")


@cache
def data_yaml(name: str) -> Any:
    return yaml.load(data_text(name), Loader=SAFE_LOADER)
