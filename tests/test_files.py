"""Writing files whole or not at all (wargame/files.py), through the helper and through the commands
that write: a refused or failed write is one line naming the path, exit 1, and the target untouched."""

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import wargame.files
from wargame.cli import main
from wargame.errors import OutputError
from wargame.files import cut_torn_tail, write_all_atomic, write_atomic

from helpers import play_to_file

DEVICE = Path("/dev/full")
needs_device = pytest.mark.skipif(not DEVICE.exists(), reason="no /dev/full here")


def leftovers(folder):
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp"))


# --- the helper -------------------------------------------------------------------------------------

def test_writes_text_bytes_or_through_a_function(tmp_path):
    write_atomic(tmp_path / "a.txt", "é\n")
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    write_atomic(tmp_path / "c.csv", lambda f: f.write("x,y\r\n"))
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "é\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "c.csv").read_bytes() == b"x,y\r\n"
    assert leftovers(tmp_path) == []


def test_an_existing_file_needs_force(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(OutputError, match=r"a\.txt: a replay is already there: choose another --out or add --force"):
        write_atomic(target, "new", force=False, what="replay", option="--out")
    assert target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


@pytest.mark.parametrize("kind", ["empty", "folder", "device", "link to device", "dangling link",
                                  "missing folder", "parent is a file"])
def test_refused_targets_are_one_line_and_untouched(tmp_path, kind):
    if kind in ("device", "link to device") and not DEVICE.exists():
        pytest.skip("no /dev/full here")
    target = {"empty": "", "folder": tmp_path / "dir", "device": DEVICE, "link to device": tmp_path / "full",
              "dangling link": tmp_path / "dangling", "missing folder": tmp_path / "nope" / "a.txt",
              "parent is a file": tmp_path / "file" / "a.txt"}[kind]
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x")
    (tmp_path / "full").symlink_to(DEVICE)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError) as info:
        write_atomic(target, "data", force=True)
    message = str(info.value)
    assert "\n" not in message and (str(target) in message or kind == "empty"), message
    assert (tmp_path / "dir").is_dir() and list((tmp_path / "dir").iterdir()) == []
    assert (tmp_path / "file").read_text() == "x"
    assert not (tmp_path / "nope").exists() and not (tmp_path / "nowhere").exists()
    assert leftovers(tmp_path) == []


def test_an_unwritable_folder_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(wargame.files.os, "access", lambda path, mode: False)  # root may write anywhere
    with pytest.raises(OutputError, match="is not writable"):
        write_atomic(tmp_path / "a.txt", "data")
    assert not (tmp_path / "a.txt").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_named(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="is not writable"):
            write_atomic(folder / "a.txt", "data")
    finally:
        folder.chmod(0o700)


def test_a_full_disk_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def fill(f):
        f.write("half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with pytest.raises(OutputError, match=r"a\.txt: cannot write: No space left on device"):
        write_atomic(target, fill)
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_an_interrupt_leaves_no_temporary_file(tmp_path):
    def stop(f):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.txt", stop)
    assert list(tmp_path.iterdir()) == []


def test_the_data_is_synced_before_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(wargame.files.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(wargame.files.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_atomic(tmp_path / "a.txt", "data")
    assert calls == ["fsync", "replace"]


def test_several_files_are_checked_before_any_is_written(tmp_path):
    with pytest.raises(OutputError):
        write_all_atomic({tmp_path / "a.txt": "a", tmp_path / "nope" / "b.txt": "b"})
    assert list(tmp_path.iterdir()) == []
    write_all_atomic({tmp_path / "new" / "a.txt": "a", tmp_path / "new" / "b.txt": "b"}, make_folder=True)
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["a.txt", "b.txt"]


def test_a_torn_last_line_is_cut(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"a":1}\n{"b":')
    assert cut_torn_tail(path) is True and path.read_bytes() == b'{"a":1}\n'
    assert cut_torn_tail(path) is False and path.read_bytes() == b'{"a":1}\n'
    assert cut_torn_tail(tmp_path / "none") is False


# --- through the commands --------------------------------------------------------------------------

def run(args, code):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    path = tmp_path_factory.mktemp("kept") / "game.jsonl"
    play_to_file(path, turns=1)
    return path


def commands(kept, target):
    return {
        "debrief --html": ["debrief", kept, "--html", target, "--force"],
        "play --out": ["play", "us-stays", "--turns", "1", "--out", target, "--force"],
        "orders template --out": ["orders", "template", "us-stays", "--side", "eu", "--out", target, "--force"],
    }


@pytest.mark.parametrize("command", ["debrief --html", "play --out", "orders template --out"])
@pytest.mark.parametrize("kind", ["empty", "folder", "device", "link to device", "parent is a file", "full disk"])
def test_commands_refuse_a_bad_target_in_one_line(kept, tmp_path, monkeypatch, command, kind):
    if kind in ("device", "link to device") and not DEVICE.exists():
        pytest.skip("no /dev/full here")
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x")
    (tmp_path / "full").symlink_to(DEVICE)
    (tmp_path / "old.txt").write_text("old")
    target = {"empty": "", "folder": tmp_path / "dir", "device": DEVICE, "link to device": tmp_path / "full",
              "parent is a file": tmp_path / "file" / "out", "full disk": tmp_path / "old.txt"}[kind]
    if kind == "full disk":
        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(wargame.files.os, "fsync", full)
    out = run(commands(kept, target)[command], 1).output
    assert out.count("\n") == 1 and out.startswith("Error: "), out
    assert str(target) in out or kind == "empty", out
    assert (tmp_path / "old.txt").read_text() == "old" and (tmp_path / "file").read_text() == "x"
    assert list((tmp_path / "dir").iterdir()) == [] and leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["play --out", "orders template --out"])
def test_commands_do_not_make_a_missing_folder(kept, tmp_path, command):
    target = tmp_path / "nope" / "out"
    out = run(commands(kept, target)[command], 1).output
    assert out == f"Error: {target}: cannot write: the folder {target.parent} does not exist\n"
    assert not (tmp_path / "nope").exists()


def test_a_full_disk_mid_game_is_one_line_and_the_game_resumes(tmp_path, monkeypatch):
    import wargame.replay
    calls = []
    real = os.fsync

    def full_on_third_turn(fd):
        calls.append(fd)
        if len(calls) == 4:  # the header, turns 1 and 2, then turn 3
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)
    monkeypatch.setattr(wargame.replay.os, "fsync", full_on_third_turn)
    target = tmp_path / "g.jsonl"
    out = run(["play", "us-stays", "--turns", "4", "--out", target], 1).output
    assert out.splitlines()[-1] == (f"Error: {target}: cannot write: No space left on device; every turn before "
                                    f"this one is kept (resume with 'wargame resume {target}')")
    monkeypatch.undo()
    run(["resume", target], 0)
    play_to_file(tmp_path / "whole.jsonl", turns=4)
    assert target.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()


def test_a_batch_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "batch"
    out = run(["batch", "us-stays", "--runs", "1", "--out", target], 1).output
    assert out == f"Error: {target}: cannot make the batch folder: Not a directory\n"
    assert (tmp_path / "file").read_text() == "x"
