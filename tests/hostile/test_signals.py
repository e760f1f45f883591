"""A stopped run leaves nothing behind: SIGTERM, SIGINT at the terminal (sent to the whole
process group) and kill -9 of the main process, whether the extraction helper or the workers
are running, end every process of the run and remove its temporary folder.

Each run is started in a session of its own, so every process it made (even one whose parent
died and was handed to init) is found by its session id in /proc, and killed at the end of
the test whatever happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; signals as on Linux")

TOPICS = [
    "Bins and recycling", "Council tax", "Parking permits", "Libraries", "School admissions", "Housing repairs",
    "Planning applications", "Adult social care", "Blue badges", "Births and deaths", "Noise complaints",
    "Street lighting", "Potholes", "Allotments", "Pest control", "Garden waste", "Bulky items",
    "Electoral register", "Free school meals", "Housing benefit", "Leisure centres", "Parks and open spaces",
    "Food hygiene", "Licensing", "Fly-tipping", "Trees on council land", "Disabled facilities grants",
    "Travel passes", "Childcare", "Carers' support", "Registering a marriage", "Burials and cremations",
    "Business rates", "Road closures", "Winter gritting", "Dog fouling", "Public toilets", "Markets",
    "Community centres", "Youth clubs",
]  # fmt: skip
PARAGRAPHS = [
    "You can ask us about this online, by phone or at any of our offices. Most requests are dealt with "
    "within ten working days. If yours is urgent, tell us when you get in touch and we will try to help sooner.",
    "Before you apply, have your council tax reference number ready. You will find it at the top of your bill. "
    "If you cannot find it, we can look it up with your name and address.",
    "Some people need extra help to use this service. We can send you information in large print, in Braille "
    "or in another language. We can also arrange for someone to visit you at home.",
    "Notwithstanding the aforementioned provisions, applications submitted subsequent to the designated "
    "deadline shall be considered at the discretion of the relevant service manager, having due regard to "
    "the circumstances pertaining to each individual case and any mitigating factors presented.",
    "There is no charge for most of what we do. Where there is a fee, we tell you how much it is before you "
    "pay. You can pay by card online, by phone, or at the customer service centre in the town hall.",
    "If you are not happy with our decision, you can ask us to look at it again. Write to us within one month "
    "and explain why you think we got it wrong. A different officer will review your case.",
    "We keep your personal information safe. We only share it with other organisations when the law says we "
    "must, or when you have agreed to it. You can ask to see the information we hold about you.",
    "Our offices are open from 9am to 5pm, Monday to Friday. They are closed on bank holidays. Outside these "
    "hours, you can report an emergency on our out-of-hours line.",
]


def page(n: int, topic: str) -> str:
    paras = "\n".join(f"<p>{PARAGRAPHS[(n + k) % len(PARAGRAPHS)]}</p>" for k in range(4))
    return (f"<!doctype html>\n<html lang=\"en\"><head><title>{topic}</title></head>\n<body><main>\n"
            f"<h1>{topic}</h1>\n{paras}\n<h2>Contact us</h2>\n<p>Call 0300 123 4567 or email us.</p>\n"
            "</main></body></html>\n")


@pytest.fixture
def site(tmp_path) -> Path:
    """40 small council pages: enough for two workers (runner.MIN_FILES_PER_WORKER)."""
    folder = tmp_path / "site"
    folder.mkdir()
    for n, topic in enumerate(TOPICS):
        (folder / f"{topic.lower().replace(' ', '-').replace(chr(39), '')}.html").write_text(page(n, topic))
    return folder


def _stat(pid: str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ..."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:  # gone meanwhile
        return None


def alive_in_session(session: int) -> dict[int, int]:
    """Every live (not zombie) process of ``session``: pid -> parent pid."""
    found = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            fields = _stat(pid)
            if fields is not None and int(fields[3]) == session and fields[0] != "Z":
                found[int(pid)] = int(fields[1])
    return found


def children(run: subprocess.Popen) -> list[int]:
    return [pid for pid, ppid in alive_in_session(run.pid).items() if ppid == run.pid]


def ahead_folders(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("plainlint-ahead-"))


def wait_for(condition, seconds: float, step: float = 0.005):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


def start(site: Path, tmp: Path) -> subprocess.Popen:
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    # as from a terminal: a job started in the background inherits an ignored SIGINT (see
    # test_nothing_lost), and Python then installs no KeyboardInterrupt handler: reset it
    return subprocess.Popen(
        [sys.executable, "-m", "plainlint", "check", "site", "-j", "2", "--no-cache", "--format", "json",
         "-o", "out.json"],
        cwd=site.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def freeze_in(run: subprocess.Popen, phase: str, tmp: Path) -> None:
    """Stop the main process (SIGSTOP) while the helper extracts pages (one child, the
    temporary folder there: the warm-up takes most of a second) or the two workers run, so
    that the signal the test sends lands there and nowhere else."""
    wanted = 1 if phase == "helper" else 2
    assert wait_for(lambda: len(children(run)) >= wanted, 60), f"no {phase} seen: {run.communicate()}"
    os.kill(run.pid, signal.SIGSTOP)
    assert len(children(run)) == wanted
    if phase == "helper":
        assert ahead_folders(tmp)
    assert not (tmp.parent / "out.json").exists(), "the run ended before it could be stopped"


# (signal, sent to the whole group as the terminal does, what the shell sees)
HOW = {
    "SIGTERM": (signal.SIGTERM, False, -signal.SIGTERM),
    "SIGINT at the terminal": (signal.SIGINT, True, -signal.SIGINT),
    "SIGTERM to the group": (signal.SIGTERM, True, -signal.SIGTERM),  # as a CI runner cancelling a job
    "kill -9": (signal.SIGKILL, False, -signal.SIGKILL),
}


@pytest.mark.parametrize("phase", ["helper", "workers"])
@pytest.mark.parametrize("how", list(HOW))
def test_a_stopped_run_leaves_no_process_and_no_temporary_folder(site, tmp_path, how, phase):
    sig, to_group, status = HOW[how]
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = start(site, tmp)
    try:
        freeze_in(run, phase, tmp)
        if to_group:
            os.killpg(run.pid, sig)
        else:
            os.kill(run.pid, sig)
        os.kill(run.pid, signal.SIGCONT)
        _, err = run.communicate(timeout=30)
        assert run.returncode == status, err.decode()
        assert b"Traceback" not in err, err.decode()
        left = wait_for(lambda: not alive_in_session(run.pid) and not ahead_folders(tmp), 10, 0.05)
        assert left, f"left behind: processes {alive_in_session(run.pid)}, folders {ahead_folders(tmp)}"
        assert sorted(p.name for p in site.parent.iterdir()) == ["site", "tmp"]  # no report, no temporary file
    finally:
        kill_all(run)


def kill_all(run: subprocess.Popen) -> None:
    """Whatever the test saw, leave no process of ``run`` behind."""
    for pid in alive_in_session(run.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if run.poll() is None:
        run.kill()
        run.wait()


def test_the_folder_of_a_run_killed_with_its_helper_is_removed_by_the_next_run(site, tmp_path):
    """kill -9 of the whole process group while the helper extracts pages: nobody is left to
    remove the folder, so the next run does; but not a live run's folder, not another user's,
    not a file."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = start(site, tmp)
    try:
        freeze_in(run, "helper", tmp)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        assert wait_for(lambda: not alive_in_session(run.pid), 10, 0.05)
    finally:
        kill_all(run)
    stale = ahead_folders(tmp)
    assert stale and any((tmp / name).iterdir() for name in stale)  # page text, left
    keep = [f"plainlint-ahead-{os.getpid()}-livefold", f"plainlint-ahead-{run.pid}-afile", "plainlint-ahead-notes"]
    (tmp / keep[0]).mkdir(mode=0o700)
    (tmp / keep[1]).write_text("a file, not a folder")
    (tmp / keep[2]).mkdir()
    if os.geteuid() == 0:
        keep.append(f"plainlint-ahead-{run.pid}-someone")
        (tmp / keep[-1]).mkdir()
        os.chown(tmp / keep[-1], 65534, 65534)
    second = start(site, tmp)
    try:
        second.communicate(timeout=120)
        assert second.returncode == 1  # findings: the run went through
    finally:
        kill_all(second)
    assert ahead_folders(tmp) == sorted(keep)


ORPHAN = """
import os, sys, time
from multiprocessing import get_context
from plainlint import stopping

stopping._set_death_signal = lambda signum: False  # as on macOS: no PR_SET_PDEATHSIG


def child(parent):
    stopping.follow_parent(parent)
    time.sleep(60)


process = get_context("fork").Process(target=child, args=(os.getpid(),))
process.start()
print(process.pid, flush=True)
time.sleep(60)
"""


def test_where_the_kernel_cannot_tell_a_child_it_watches_for_its_parents_death():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    middle = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE, env=env, start_new_session=True)
    try:
        child = int(middle.stdout.readline())
        assert child in alive_in_session(middle.pid)
        middle.kill()
        middle.wait()
        assert wait_for(lambda: not alive_in_session(middle.pid), 10, 0.05), alive_in_session(middle.pid)
    finally:
        kill_all(middle)


def test_canary_a_process_pool_still_lets_its_workers_be_killed():
    """stopping.end_pool reaches a ProcessPoolExecutor's workers through its private
    ``_processes`` (before Python 3.14's public kill_workers). If a Python release drops
    both, this fails, rather than a stopped run leaving its workers alive."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        pool.submit(abs, -1).result()
        assert hasattr(pool, "kill_workers") or isinstance(getattr(pool, "_processes", None), dict)
