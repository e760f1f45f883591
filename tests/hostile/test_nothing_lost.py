"""Nothing lost: plainlint never writes to the files it checks, and an interrupted run
leaves no half-written report, temporary file or baseline behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint import atomic
from plainlint.cli import main
from plainlint.reporters import FORMATS
from tests.helpers import ROOT

PAGES = sorted((ROOT / "bench" / "jargon_eval" / "dev3" / "pages").glob("*.html"))
MARKDOWN = "---\ntitle: Scans\n---\nYour prognosis is good.\r\nYou need an MRI.\n"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under ``folder``: its bytes, modification time and permissions."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            out[str(path.relative_to(folder))] = (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return out


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    for page in PAGES[:4]:
        shutil.copy(page, site / page.name)
    (site / "sub" / "notes.md").write_text(MARKDOWN)
    (site / "sub" / "latin1.html").write_bytes("<p>Caf\u00e9</p>".encode("latin-1"))  # unreadable: reported
    (site / "readonly.html").write_text("<h1>Read only</h1><p>Your prognosis.</p>")
    (site / "readonly.html").chmod(0o444)
    old = time.time() - 86400 * 365  # a year old: a rewrite would show
    for path in site.rglob("*"):
        os.utime(path, (old, old))
    return site


def run(*args: str) -> int:
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False).exit_code


def test_checking_never_writes_to_the_checked_files(site, tmp_path):
    before = snapshot(site)
    out = tmp_path / "reports"
    out.mkdir()
    for fmt in FORMATS:
        assert run("site", "--format", fmt) == 2
        assert run("site", "--format", fmt, "-o", str(out / f"report.{fmt}")) == 2
        assert run("site", "--format", fmt, "--no-cache", "-j", "1") == 2
    baseline = tmp_path / "baseline.json"
    assert run("site", "--baseline", str(baseline)) == 2  # records
    assert run("site", "--baseline", str(baseline), "--format", "json", "-o", str(out / "new.json")) == 2
    assert run("site", "--baseline", str(baseline), "--update-baseline") == 2
    assert run("site/readonly.html", "site/sub/notes.md", "--format", "html", "-o", str(out / "two.html")) == 1
    assert snapshot(site) == before
    assert sorted(p.name for p in out.iterdir()) == sorted([f"report.{f}" for f in FORMATS] + ["new.json", "two.html"])


class _Interrupted(KeyboardInterrupt):
    pass


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n')
    real_fdopen = os.fdopen

    def half_then_interrupt(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        real_write = handle.write

        def write(text):
            real_write(text[: len(text) // 2])
            handle.flush()
            raise _Interrupted

        handle.write = write
        return handle

    monkeypatch.setattr(atomic.os, "fdopen", half_then_interrupt)
    with pytest.raises(_Interrupted):
        atomic.write_atomically(target, json.dumps({"new": list(range(10_000))}))
    assert target.read_text() == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.fixture
def big_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    # 4,800 pages: about 15 s of checking on two workers here, so the interrupt at 3 s lands
    # while pages are checked even on a machine several times faster (960 pages took 3.7 s,
    # and a run that finished first made this test fail)
    for n in range(200):
        for page in PAGES:
            shutil.copy(page, site / f"{n}-{page.name}")
    return site


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one process", "workers"])
def test_interrupting_a_run_leaves_no_partial_report_or_baseline(big_site, jobs):
    folder = big_site.parent
    (folder / "out.json").write_text('{"old": true}\n')
    args = [sys.executable, "-m", "plainlint", "check", "site", "--no-cache", "-j", jobs, "--format", "json",
            "-o", "out.json", "--baseline", "baseline.json"]
    # as from a terminal: a job started in the background (CI runners, "cmd &") inherits an
    # ignored SIGINT, Python then installs no KeyboardInterrupt handler, and the run finished
    # as if never interrupted (exit 0), which made this test fail for a reason of its own
    process = subprocess.Popen(args, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)  # imports done, pages being checked
    assert process.poll() is None, "the run ended before it could be interrupted: check more pages"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert b"Traceback" not in err, err.decode()
    assert sorted(p.name for p in folder.iterdir()) == ["out.json", "site"]  # no baseline, no temporary file
    assert (folder / "out.json").read_text() == '{"old": true}\n'
