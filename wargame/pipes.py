"""Standard output that a closed pipe cannot stop: `wargame play chaotic | head -2` plays on to the end.

Python ignores SIGPIPE, so writing to a pipe whose reader has gone raises BrokenPipeError. Python's
documentation (the signal module, "Note on SIGPIPE") advises pointing the stream at os.devnull so
nothing more fails. We do that on the first failed write and carry on: the output is discarded, the
command finishes its work (a game is played to the end and its replay kept) and exits with its own
status, without a traceback or an "Exception ignored" line at exit.
"""

import errno
import os
import sys


def _closed_pipe(error):
    return isinstance(error, BrokenPipeError) or getattr(error, "errno", None) == errno.EPIPE


class PipeSafeStream:
    """Wraps sys.stdout or sys.stderr: a write to a closed pipe sends this and later output to os.devnull."""

    def __init__(self, stream):
        self._stream = stream
        self.closed_pipe = False

    def _to_devnull(self):
        self.closed_pipe = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def write(self, text):
        try:
            return self._stream.write(text)
        except OSError as e:
            if not _closed_pipe(e):
                raise
            self._to_devnull()
            return len(text)

    def flush(self):
        try:
            self._stream.flush()
        except OSError as e:
            if not _closed_pipe(e):
                raise
            self._to_devnull()
            try:
                self._stream.flush()  # the data still buffered goes to os.devnull now
            except OSError:
                pass

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _real_file(stream):
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def guard_standard_streams():
    """Wrap sys.stdout and sys.stderr (when they are real files, not a test runner's buffers);
    returns a function that puts the original streams back."""
    originals = {}
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, PipeSafeStream) and _real_file(stream):
            originals[name] = stream
            setattr(sys, name, PipeSafeStream(stream))

    def restore():
        for name, stream in originals.items():
            if isinstance(getattr(sys, name), PipeSafeStream):
                try:
                    getattr(sys, name).flush()  # what is still buffered goes out, or to os.devnull
                except (OSError, ValueError):
                    pass  # a full disk under a redirected stdout: the command's own exit code stands
                setattr(sys, name, stream)
    return restore
