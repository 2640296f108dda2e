"""Writing output files whole or not at all: write to a temporary file beside the target, then rename."""

import os
from pathlib import Path

from wargame.errors import WargameError


def refuse_existing(path, force, what="file"):
    """WargameError if path exists and force is not given: an output is never overwritten by accident."""
    if Path(path).exists() and not force:
        raise WargameError(f"{path}: a {what} is already there: choose another name or add --force")


def write_atomic(path, text):
    """Write text to path via a temporary file and a rename, so a reader never sees half a file."""
    write_all_atomic({path: text})


def _cannot(path, e):
    return WargameError(f"{path}: cannot write: {e.strerror or e}")


def write_all_atomic(files):
    """Write several {path: text} files (making their folders): every temporary file first, then the
    renames. WargameError naming the file if one cannot be written; no temporary file is left."""
    tmps = []
    path = None
    try:
        for path, text in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmps.append((tmp, path))
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
    except BaseException as e:
        for tmp, _ in tmps:
            tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _cannot(path, e) from None
        raise
    try:
        for tmp, path in tmps:
            os.replace(tmp, path)
    except OSError as e:
        for tmp, _ in tmps:
            tmp.unlink(missing_ok=True)
        raise _cannot(path, e) from None
