"""Writing output files whole or not at all, and cutting a torn last line off an appended file.

Every file the engine writes in one piece (a replay's header, an orders template, a debrief, a batch's
summary and metadata, changed rules) goes through write_atomic: a temporary file beside the target,
fsynced, then renamed over it, so a reader never sees half a file and a failed write leaves nothing.
Files that grow line by line (replays, batch CSVs) are mended with cut_torn_tail after a killed write.
"""

import os
import stat
from pathlib import Path

from wargame.errors import OutputError


def _cannot(path, why):
    return OutputError(f"{path}: cannot write: {why}")


def check_target(path, force=True, what="file", option="name", make_folder=False):
    """The Path to write to, after checking it can and may be replaced; OutputError in one line if not.
    Nothing is created: call it before any work, so a refused output costs nothing.

    Refuses an empty path, anything but a regular file (a folder, a device such as /dev/full, a link to
    one), an existing file without force, and a missing or unwritable folder (with make_folder, for
    commands that say they make their output folder, a missing folder is fine if it can be made).
    A link to a regular file is followed."""
    if path is None or not str(path).strip():
        raise OutputError("an empty path: name the file to write")
    path = Path(path)
    try:
        st = os.stat(path)  # follows links: a link to a device is a device
    except FileNotFoundError:
        st = None
        if os.path.islink(path):
            raise _cannot(path, "a link to a missing file: name a file to write") from None
    except OSError as e:
        raise _cannot(path, e.strerror or e) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _cannot(path, "it is a folder: name a file to write")
        if not stat.S_ISREG(st.st_mode):
            raise _cannot(path, "it is a device or special file, not a regular file: name a file to write")
        if not force:
            raise OutputError(f"{path}: a {what} is already there: choose another {option} or add --force")
        if path.is_symlink():
            path = Path(os.path.realpath(path))
    folder = path.parent
    if not folder.exists():
        if not make_folder:
            raise _cannot(path, f"the folder {folder} does not exist")
        while not folder.exists():  # the nearest folder that is there must take the new ones
            folder = folder.parent
    if not folder.is_dir():
        raise _cannot(path, f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot(path, f"the folder {folder} is not writable")
    return path


def _write_temp(path, data):
    """Write data (text, bytes, or a function given the open text file) to a temporary file beside path,
    fsynced; returns the temporary file's path."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, bytes):
            f = open(tmp, "wb")
        else:
            f = open(tmp, "w", encoding="utf-8", newline="")
        with f:
            if callable(data):
                data(f)
            else:
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path, data, force=True, what="file", option="name", make_folder=False):
    """Write a whole file or nothing: data is text, bytes, or a function that writes to the open text
    file (UTF-8, newlines as given). Checks the target first (see check_target); on any error, a full
    disk included, the target is untouched, no temporary file is left, and OutputError names the path.
    Returns the Path written."""
    return write_all_atomic({path: data}, force, what, option, make_folder)[0]


def write_all_atomic(files, force=True, what="file", option="name", make_folder=False):
    """Write several {path: data} files whole or not at all: every target checked, every temporary
    file written, then the renames. Returns the Paths written."""
    targets = [(check_target(p, force, what, option, make_folder), data) for p, data in files.items()]
    tmps = []
    path = None
    try:
        for path, data in targets:
            if make_folder:
                path.parent.mkdir(parents=True, exist_ok=True)
            tmps.append((_write_temp(path, data), path))
        for tmp, path in tmps:
            os.replace(tmp, path)
    except BaseException as e:
        for tmp, _ in tmps:
            tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _cannot(path, e.strerror or e) from None
        raise
    return [p for p, _ in targets]


def make_folder(path, what="folder"):
    """Make a folder (and its parents) that a command says it makes; OutputError in one line if it cannot.
    Returns the Path."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{path}: cannot make the {what}: a file is there") from None
    except OSError as e:
        raise OutputError(f"{path}: cannot make the {what}: {e.strerror or e}") from None
    return path


def cut_torn_tail(path):
    """Cut a last line without its newline (a write killed halfway) off a file written line by line;
    True if one was cut, False if the file ends cleanly or does not exist."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    if raw and not raw.endswith(b"\n"):
        with open(path, "r+b") as f:
            f.truncate(raw.rfind(b"\n") + 1)
        return True
    return False
