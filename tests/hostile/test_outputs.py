"""Outputs and error paths: ``-o`` and ``--baseline`` create or replace regular files only,
never a device, pipe, socket, folder, link or a file the run reads; ``--config`` and
``--baseline`` read regular files only, up to a cap; and every failure, standard output's
included, ends with one ``plainlint: ...`` line on standard error and exit code 2."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint import atomic
from plainlint.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes, sockets and device nodes")

PAGE = "<main><h1>Scans</h1>\n<p>Your prognosis is good. You need an MRI.</p></main>\n"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
LIMIT = 2 * 1024**3  # address space for a run that would read /dev/zero for ever: it fails, not the machine


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(PAGE)
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, ["check", "--no-cache", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def plainlint(*args: str, cwd: Path, timeout: float = 60, close_stdout: bool = False,
              **kwargs) -> subprocess.CompletedProcess:
    """A real process: standard output and the exit code as a CI job sees them."""
    def start():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
        if close_stdout:
            os.close(1)

    if "stdout" not in kwargs and not close_stdout:
        kwargs["capture_output"] = True
    else:
        kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "plainlint", *args], cwd=cwd, timeout=timeout, text=True,
                          preexec_fn=start, **kwargs)


def one_line(stderr: str) -> str:
    """The one line a failure leaves on standard error."""
    assert "Traceback" not in stderr, stderr
    (line,) = stderr.splitlines()
    assert line.startswith("plainlint: ")
    return line


def what_is(path: Path) -> str:
    mode = path.lstat().st_mode
    return next(name for name in ("LNK", "CHR", "FIFO", "SOCK", "DIR", "REG") if getattr(stat, f"S_IS{name}")(mode))


def make(kind: str, path: Path) -> None:
    if kind == "device":
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of our own, not /dev/null
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "link":
        (path.parent / "victim.txt").write_text("the link's target\n")
        path.symlink_to("victim.txt")


KINDS = [pytest.param("device", marks=ROOT_ONLY), "fifo", "socket", "link"]
EXPECTED = {"device": "CHR", "fifo": "FIFO", "socket": "SOCK", "link": "LNK"}
SHOWN = {"device": "a device", "fifo": "a named pipe", "socket": "a socket", "link": "a symbolic link"}


# --- -o and --baseline replace only regular files --------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("option", [["-o"], ["--update-baseline", "--baseline"]], ids=["-o", "--baseline"])
def test_a_device_pipe_socket_or_link_is_never_replaced(project, kind, option):
    target = project / "out.json"
    make(kind, target)
    result = run("page.html", "--format", "json", *option, "out.json")
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith(f"plainlint: cannot write out.json: it is {SHOWN[kind]}, "
                                              "and plainlint replaces only regular files")
    assert what_is(target) == EXPECTED[kind]  # today: a regular file holding the report
    if kind == "link":
        assert (project / "victim.txt").read_text() == "the link's target\n"
    assert sorted(p.name for p in project.iterdir()) == sorted(["page.html", "out.json"] + (["victim.txt"] * (kind == "link")))


def test_dev_stdout_is_refused_with_the_way_to_write_to_standard_output(project):
    (project / "stdout").symlink_to("/proc/self/fd/1")  # what /dev/stdout is, without touching /dev
    result = run("page.html", "-o", "stdout")
    assert result.exit_code == 2 and "leave out -o or give -o -" in result.stderr
    assert (project / "stdout").is_symlink()
    dash = run("page.html", "-o", "-")
    assert dash.exit_code == 1 and "page.html:2:9: warning unexplained-jargon" in dash.stdout


def test_a_target_that_turns_into_a_pipe_while_the_report_is_written_is_kept(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("{}\n")
    real_fdopen = os.fdopen

    def swap_then_write(fd, *args, **kwargs):
        target.unlink()
        os.mkfifo(target)  # between the first check and the rename
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "fdopen", swap_then_write)
    with pytest.raises(OSError, match="it is a named pipe"):  # an OutputError
        atomic.write_atomically(target, "{}\n")
    assert what_is(target) == "FIFO"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


# --- nothing the run reads is written -----------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["page.html", "-o", "page.html"],
    ["page.html", "-o", "./sub/../page.html"],
    ["sub", "-o", "sub/other.md"],  # found in a folder, named differently
    ["page.html", "-o", "hard.html"],  # a hard link: the same file under another name
    ["page.html", "--baseline", "page.html", "--update-baseline"],
    ["page.html", "--config", "rules.yml", "-o", "rules.yml"],
    ["page.html", "-o", "rules.yml"],  # the settings file found by searching
], ids=["same name", "other path", "in a folder", "hard link", "baseline", "--config", "found settings"])
def test_a_file_being_checked_or_read_is_never_written(project, args):
    (project / "sub").mkdir()
    (project / "sub" / "other.md").write_text("# Notes\n\nYour prognosis is good.\n")
    os.link(project / "page.html", project / "hard.html")
    (project / "rules.yml").write_text("fail-on: error\n")
    before = {p.name: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "a file this run reads" in one_line(result.stderr)
    assert {p.name: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_the_report_and_the_baseline_cannot_be_one_file(project):
    result = run("page.html", "--baseline", "both.json", "-o", "both.json")
    assert result.exit_code == 2 and "the report and the baseline need a file each" in one_line(result.stderr)
    assert not (project / "both.json").exists()


# --- a folder that is missing, a file, or read-only: one line, exit 2, checked before the run -----


@pytest.mark.parametrize("args, message", [
    (["-o", "missing/report.json"], "cannot write missing/report.json: the folder missing does not exist"),
    (["-o", "page.html/report.json"], "cannot write page.html/report.json: a part of the path is a file"),
    (["--baseline", "missing/baseline.json"], "cannot write missing/baseline.json: the folder missing does not exist"),
    (["--baseline", "page.html/b.json"], "cannot write page.html/b.json: a part of the path is a file"),
    (["-o", "x" * 300], "File name too long"),
])
def test_an_output_in_a_missing_folder_or_under_a_file_is_one_line_and_exit_2(project, args, message):
    done = plainlint("check", "--no-cache", "page.html", *args, cwd=project)
    assert done.returncode == 2
    assert message in one_line(done.stderr)
    assert done.stdout == ""
    assert sorted(p.name for p in project.iterdir()) == ["page.html"]


def _mounts_work(tmp_path: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            f"mount -t tmpfs -o ro,size=1m tmpfs '{tmp_path}'"], capture_output=True)
    return probe.returncode == 0


def on_own_mount(project: Path, options: str, *args: str) -> subprocess.CompletedProcess:
    """plainlint with a small tmpfs mounted on project/mnt, seen by this process alone
    (a private mount namespace): nothing is left mounted, whatever happens. What is left
    in it is listed in project/left.txt."""
    script = f'mount -t tmpfs -o {options} tmpfs mnt || exit 99; "$0" -m plainlint "$@"; c=$?; ls -A mnt > left.txt; exit $c'
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                           sys.executable, *args], cwd=project, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("option", ["-o", "--baseline"])
def test_an_output_in_a_read_only_folder_is_one_line_and_exit_2(project, option):
    folder = project / "mnt"
    folder.mkdir()
    if os.geteuid() != 0:  # a folder without write permission stops anyone but root
        folder.chmod(0o555)
        done = plainlint("check", "--no-cache", "page.html", option, "mnt/out.json", cwd=project)
        reason = "Permission denied"
    elif _mounts_work(folder):  # root writes anywhere but on a read-only file system
        done = on_own_mount(project, "ro,size=1m", "check", "--no-cache", "page.html", option, "mnt/out.json")
        reason = "Read-only file system"
    else:
        pytest.skip("root, and no read-only mount can be made here (unshare and mount need CAP_SYS_ADMIN)")
    assert done.returncode == 2, done.stderr
    assert one_line(done.stderr) == f"plainlint: cannot write mnt/out.json: {reason}"


@pytest.mark.parametrize("option", ["-o", "--baseline"])
def test_an_output_on_a_full_disk_is_one_line_and_exit_2(project, option):
    folder = project / "mnt"
    folder.mkdir()
    if not _mounts_work(folder):
        pytest.skip("needs root and a mount namespace (unshare, mount) for a small file system to fill")
    for n in range(60):  # a report or baseline of 40 KB or more, on a file system of 4 KB
        (project / f"page{n}.html").write_text(PAGE.replace("Scans", f"Scans {n}"))
    pages = [f"page{n}.html" for n in range(60)]
    done = on_own_mount(project, "size=4k", "check", "--no-cache", "-j", "1", *pages, "--format", "json",
                        option, "mnt/out.json")
    assert done.returncode == 2, done.stderr
    assert one_line(done.stderr) == "plainlint: cannot write mnt/out.json: No space left on device"
    assert (project / "left.txt").read_text() == ""  # no half-written temporary file


def test_names_that_are_not_utf_8_are_shown_as_bytes(project):
    done = plainlint("check", "--no-cache", "page.html", "-o", os.fsdecode(b"\xff/report.json"), cwd=project)
    assert done.returncode == 2
    assert one_line(done.stderr) == "plainlint: cannot write \\xff/report.json: the folder \\xff does not exist"


def test_a_current_folder_that_was_removed_is_one_line_and_exit_2(project):
    gone = project / "gone"
    gone.mkdir()
    done = subprocess.run(["sh", "-c", 'cd gone && rmdir ../gone && exec "$0" -m plainlint check ../page.html',
                           sys.executable], cwd=project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert one_line(done.stderr) == "plainlint: the current folder no longer exists; cd to one that does"


# --- standard output ------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "--no-cache", "page.html"], ["rules"], ["explain", "sentence-length"],
                                  ["--version"]])
def test_standard_output_on_a_full_disk_is_one_line_and_exit_2(project, args):
    with open("/dev/full", "w") as full:
        done = plainlint(*args, cwd=project, stdout=full)
    assert done.returncode == 2
    assert one_line(done.stderr) == "plainlint: cannot write standard output: No space left on device"


@pytest.mark.parametrize("args", [["check", "--no-cache", "page.html"], ["rules"]])
def test_standard_output_closed_by_its_reader_is_one_line_and_exit_2(project, args):
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte (| head -c0, a crashed tee)
    try:
        done = plainlint(*args, cwd=project, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 2  # was 1, as if there were findings, without a word
    assert one_line(done.stderr) == ("plainlint: cannot write standard output: the reader closed it before "
                                     "the end (broken pipe)")


def test_standard_output_closed_from_the_start_is_one_line_and_exit_2(project):
    done = plainlint("check", "--no-cache", "page.html", cwd=project, close_stdout=True)
    assert done.returncode == 2
    assert one_line(done.stderr) == "plainlint: cannot write standard output: it is closed"
    written = plainlint("check", "--no-cache", "page.html", "-o", "report.txt", cwd=project, close_stdout=True)
    assert written.returncode == 1 and written.stderr == ""  # a report to a file needs no standard output
    assert "prognosis" in (project / "report.txt").read_text()


def test_a_bug_is_one_line_naming_it_and_exit_2(project):
    script = ("import plainlint.cli as cli\n"
              "def broken(): raise ValueError('a bug\\nsecond line')\n"
              "cli.main = broken\ncli.run()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.startswith("plainlint: internal error (ValueError: a bug); this is a bug in plainlint")
    shown = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PLAINLINT_TRACEBACK": "1"})
    assert "Traceback" in shown.stderr and "ValueError: a bug" in shown.stderr


# --- --config and --baseline: regular files, with a cap -------------------------------------------


@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_pipe_or_device_as_settings_or_baseline_is_refused_at_once(project, source, option):
    if source == "fifo":
        os.mkfifo(project / "fifo")  # no writer: reading it waited for ever
    done = plainlint("check", "--no-cache", "page.html", option, source, cwd=project, timeout=60)
    assert done.returncode == 2
    what = "settings file" if option == "--config" else "baseline"
    assert f"{source}: cannot read the {what}: it is not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["rules.yml", ".plainlint.yml"])
def test_settings_found_by_searching_must_be_a_regular_file_too(project, name):
    os.mkfifo(project / name)  # was skipped without a word, for a settings file further up
    done = plainlint("check", "--no-cache", "page.html", cwd=project, timeout=60)
    assert done.returncode == 2
    assert f"{name}: cannot read the settings file: it is not a regular file" in done.stderr


def test_settings_found_by_searching_are_not_read_through_a_link(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text("fail-on: never\n")  # would make this run pass
    (project / "rules.yml").symlink_to(outside)
    result = run("page.html")
    assert result.exit_code == 2
    assert "rules.yml: cannot read the settings file: it is a symbolic link, which is not followed here " \
           "(name it with --config to use it)" in result.stderr
    assert run("page.html", "--config", "rules.yml").exit_code == 0  # named: followed


def test_settings_over_one_megabyte_are_refused_without_parsing(project):
    (project / "rules.yml").write_text("fail-on: never\n" + "# a comment line\n" * 70_000)  # 1.2 MB
    result = run("page.html")
    assert result.exit_code == 2
    assert "rules.yml: cannot read the settings file: it is 1.1 MB, over the limit of 1 MB" in result.stderr


def test_a_baseline_over_the_cap_is_refused_without_reading_it(project):
    with open(project / "baseline.json", "wb") as handle:
        handle.write(b'{"baseline_version": 1, "findings": [')
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk used
    result = run("page.html", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert "baseline.json: cannot read the baseline: it is 65.0 MB, over the limit of 64 MB" in result.stderr


def test_a_deeply_nested_baseline_is_one_line_and_exit_2(project):
    (project / "baseline.json").write_text("[" * 100_000 + "]" * 100_000)
    done = plainlint("check", "--no-cache", "page.html", "--baseline", "baseline.json", cwd=project)
    assert done.returncode == 2
    assert one_line(done.stderr) == ("plainlint: baseline.json: cannot read the baseline: lists or objects "
                                     "nested too deeply")
