"""Writing a file over in place. Apart from writer.py, which decides what is written, so that the engine's
patches (engine_patches.compacted_pages) write through it without loading the generator's modules."""
from __future__ import annotations

import os


def overwrite(path: str, data: bytes) -> None:
    """Write ``data`` over the file at ``path`` in place (made if missing), then cut what is left: the
    file keeps its inode (site/'s search files are hard links to docs/'s) and its blocks. Emptying
    it first cost 0.2 ms a small file on an ext4 disk mounted with discard: 0.4 s for the 2,000
    search files that one new report changes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)
