"""The corpus, then the site, in one command (`gongkai build`, which `make site` runs).

The corpus is made in a forked process while this one imports the site's code and the engine's:
those imports and first reads, about 0.5 s, would otherwise follow the corpus stage in every
publish. The site stage then runs here, in a process whose heap never held the corpus stage's, so
its own forks (the search index, the engine on every core) do not carry it. Without fork, the two
stages run one after the other in this process.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

from .forking import Forked

Made = TypeVar("Made")
Built = TypeVar("Built")


def load_site_code() -> None:
    """Import what the site stage and the engine run, and read what every site build reads first: the
    gazetteer and the code hashes of its stages. NumPy too: the search index's process, forked from
    this one, then starts with it loaded (0.17 s of that process's path)."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config.defaults  # noqa: F401
    import numpy  # noqa: F401

    from .corpus.place import gazetteer
    from .site import build, generate  # noqa: F401
    from .state import SITE, code_hash

    gazetteer()
    for stage in (SITE, build.ENGINE):
        code_hash(stage.module)


def corpus_then_site(make_corpus: Callable[[], Made], make_site: Callable[[Made], Built]) -> Built:
    """``make_site(make_corpus())``, the corpus made in a forked process (which may start its own
    workers) while this one loads the site's code. ``make_corpus`` returns what ``make_site`` needs to
    know of it (picklable); an exception in it is raised here as one GongkaiError line."""
    corpus = Forked("making the corpus", make_corpus, daemon=False)
    load_site_code()
    return make_site(corpus.result())


def leave(code: int) -> NoReturn:
    """End the process now, with ``code``, once its output is flushed: tearing down a heap that held a
    whole site build (the interpreter frees every object, one by one) took 0.2–0.3 s of every publish,
    and the system frees it at once. Only once every file and the state are closed (they are, by then:
    each is written in a with block or a finally)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said on it
            pass
    os._exit(code)
