"""The hostile repository (issue 27's must-show): a pull request's checkout with symbolic
links to .git/config and to a file outside the repository, a committed hostile
.plainlint_cache/, a named pipe and a device node, checked as root in every output format,
to standard output and with -o. No byte of a file outside the checked pages reaches any
output, nothing outside the report file and the cache folder's own files is written or
created, and every run ends within its time limit.

Each run is a separate process under limits (2 GB of address space, 256 MB per file
written), so a run that reads /dev/zero or writes without end fails the test instead of
the machine."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plainlint.cache import FILE as CACHE_FILE
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                                reason="needs POSIX symlinks and named pipes")

FORMATS = ["text", "json", "html", "sarif", "github", "gitlab"]
LIMIT_S = 60  # generous: a normal run here takes 2 to 5 s on a busy machine
TOKEN = "ghp_FAKETOKEN7Qx9Lw2Zr5Kd8Vn3"  # a GitHub token's shape: not a real one
SECRET = "The OUTSIDESECRET password is Zebrafinch-Quokkanest. Use OSKQZ to log in."
VICTIM = "VICTIMFILE Marmosetlantern keep me as I am\n"
FORGED = "FORGEDCACHEMESSAGE Your scan shows nothing"
# what must never appear in any output: the token, the outside file's words, the victim's
LEAKS = (TOKEN, "FAKETOKEN", "OUTSIDESECRET", "Zebrafinch", "Quokkanest", "OSKQZ", "VICTIMFILE", "Marmosetlantern")
PAGE = "<main><h1>Scans</h1>\n<p>Your prognosis is good. You need an MRI.</p></main>\n"
SECOND = "# Your stoma\n\nEmpty the bag when it is a third full. Ask your GP about the prognosis.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 20, 256 << 20))


def plainlint(cwd: Path, *args: str, xdg: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    if xdg is not None:  # another user's cache key
        env["XDG_CACHE_HOME"] = str(xdg)
    env.pop("PLAINLINT_CACHE_DIR", None)  # the committed .plainlint_cache is the one used
    try:
        return subprocess.run([sys.executable, "-m", "plainlint", "check", *args], cwd=cwd, env=env,
                              capture_output=True, timeout=LIMIT_S, preexec_fn=_limits)
    except subprocess.TimeoutExpired as exc:  # killed: what it wrote until then is still looked at
        return subprocess.CompletedProcess(exc.cmd, None, exc.stdout or b"", exc.stderr or b"")


@pytest.fixture(scope="module")
def cached_results(tmp_path_factory) -> tuple[bytes, dict]:
    """A genuine cache of site/page.html, made by a clean run on the attacker's machine (a
    cache key of its own), to be edited: that key, and the cache's JSON body."""
    attacker = tmp_path_factory.mktemp("attacker")
    repo = attacker / "repo"
    (repo / "site").mkdir(parents=True)
    (repo / "site" / "page.html").write_text(PAGE)
    result = plainlint(repo, "site", xdg=attacker / "xdg")
    assert result.returncode == 1, result.stderr
    data = (repo / ".plainlint_cache" / CACHE_FILE).read_bytes()
    return (attacker / "xdg" / "plainlint" / "key").read_bytes(), json.loads(data[data.index(b"\n") + 1:])


def _forge(cached: tuple[bytes, dict]) -> bytes:
    """The cache with site/page.html's first finding edited: any message, an error, at
    -5:-5, signed again with the attacker's own key, as a committed cache would be."""
    key, results = cached
    results = json.loads(json.dumps(results))
    entry = results["entries"]["site/page.html"]["result"]["findings"][0]
    entry[1], entry[2], entry[3] = "error", [-5, -5, -5, -5], FORGED
    body = json.dumps(results, separators=(",", ":")).encode()
    return b"plainlint-cache 2 " + hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


@pytest.fixture
def hostile(tmp_path, cached_results):
    """The checkout of a hostile pull request, committed, with its victims outside it."""
    victims, repo = tmp_path / "victims", tmp_path / "repo"
    victims.mkdir()
    (victims / "gitignore-victim.txt").write_text(VICTIM)
    (victims / "secret.md").write_text(f"# Deploy keys\n\n{SECRET}\n")
    (victims / "cache-elsewhere").mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    with (repo / ".git" / "config").open("a") as config:
        config.write(f'[remote "origin"]\n\turl = https://x-access-token:{TOKEN}@github.com/nhs/leaflets.git\n')
    site = repo / "site"
    site.mkdir()
    (site / "page.html").write_text(PAGE)
    (site / "second.md").write_text(SECOND)  # not in the cache: the run has something to save
    (site / "notes.md").symlink_to("../.git/config")
    (site / "config.html").symlink_to(repo / ".git" / "config")
    (site / "secret.md").symlink_to(victims / "secret.md")
    (site / "relative.md").symlink_to("../../victims/secret.md")
    (site / "victims").symlink_to(victims, target_is_directory=True)
    (site / "git").symlink_to("../.git", target_is_directory=True)
    cache = repo / ".plainlint_cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(_forge(cached_results))
    (cache / ".gitignore").symlink_to(victims / "gitignore-victim.txt")
    (cache / "CACHEDIR.TAG").symlink_to(victims / "created-by-plainlint")  # dangling: must stay so
    git = ["git", "-C", str(repo), "-c", "user.name=Stranger", "-c", "user.email=stranger@example.com"]
    subprocess.run([*git, "add", "-A", "-f"], check=True, capture_output=True)
    subprocess.run([*git, "commit", "-q", "-m", "Fix a typo"], check=True, capture_output=True)
    os.mkfifo(site / "pipe.html")  # git keeps neither of these: they come with the machine
    if IS_ROOT:
        os.mknod(site / "zero.md", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero's numbers
    return tmp_path


def snapshot(top: Path) -> dict[str, tuple]:
    """Everything under ``top``, links not followed: kind, permissions, and for files their
    size, modification time and a hash, for links their target (folders: what they hold)."""
    out = {}
    for folder, dirs, files in os.walk(top):
        for name in dirs + files:
            path = Path(folder) / name
            info = os.lstat(path)
            entry: tuple = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode))
            if stat.S_ISREG(info.st_mode):
                entry += (info.st_size, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            elif stat.S_ISLNK(info.st_mode):
                entry += (os.readlink(path),)
            elif not stat.S_ISDIR(info.st_mode):
                entry += (info.st_rdev,)
            out[str(path.relative_to(top))] = entry
    return out


def unexpected_changes(before: dict, after: dict, allowed: tuple[str, ...]) -> list[str]:
    """What changed, appeared or vanished but the report and the cache folder's own files."""
    def own(name: str) -> bool:
        return name in allowed or name == "repo/.plainlint_cache" or (
            name.startswith("repo/.plainlint_cache/") and name.count("/") == 2
            and after.get(name, (stat.S_IFREG,))[0] == stat.S_IFREG)

    changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n) and not own(n))
    return [f"{n} was changed outside the report and the cache: {before.get(n)} -> {after.get(n)}" for n in changed]


def problems_of(hostile: Path, result: subprocess.CompletedProcess, written: bytes, before: dict,
                allowed: tuple[str, ...] = ()) -> list[str]:
    """Everything wrong with one run, each on a line (all of them, not the first only)."""
    problems = []
    if b"Traceback" in result.stderr:
        problems.append("a traceback: " + result.stderr.decode(errors="replace").strip().rsplit("\n", 1)[-1])
    if result.returncode is None:
        problems.append(f"the run did not end within {LIMIT_S} s")
    elif result.returncode != 2:  # the named links and the pipe cannot be checked: errors
        problems.append(f"exit code {result.returncode}, not 2")
    for where, output in (("standard output", result.stdout), ("standard error", result.stderr), ("the report", written)):
        problems += [f"{leak!r} appears in {where}" for leak in LEAKS if leak.encode() in output]
    if FORGED.encode() in written:
        problems.append("an edited cache entry (any message, at -5:-5) was shown as a finding")
    if b"page.html" not in written or b"second.md" not in written:
        problems.append("the real pages were not all reported")
    if (hostile / "victims" / "created-by-plainlint").exists():
        problems.append("a file was created through the cache's dangling CACHEDIR.TAG link")
    if (hostile / "victims" / "gitignore-victim.txt").read_text() != VICTIM:
        problems.append("the file outside behind the cache's .gitignore link was overwritten")
    return problems + unexpected_changes(before, snapshot(hostile), allowed)


ARGS = ["site", "site/notes.md", "site/secret.md", "site/victims", "site/pipe.html"]


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_repository_leaks_nothing_and_writes_nothing_outside(hostile, fmt, to_file):
    repo = hostile / "repo"
    out = hostile / "out"
    out.mkdir()
    report = out / f"report.{fmt}"
    before = snapshot(hostile)
    # to a file, links in folders are followed too: --follow-symlinks must not widen what is read
    extra = ["-o", str(report), "--follow-symlinks"] if to_file else []
    result = plainlint(repo, *ARGS, "--format", fmt, *extra)
    written = report.read_bytes() if to_file and report.exists() else result.stdout
    problems = problems_of(hostile, result, written, before, ("out/" + report.name,))
    if to_file and result.stdout:
        problems.append("the report went to standard output as well")
    assert not problems, "\n".join(problems)


def _huge(path: Path, victims: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(4 << 30)  # sparse: 4 GB of NULs, no disk used


RESULTS = {
    "dev-zero": lambda path, victims: path.symlink_to("/dev/zero"),
    "fifo": lambda path, victims: os.mkfifo(path),
    "device": lambda path, victims: os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5)),
    "secret": lambda path, victims: path.symlink_to(victims / "secret.md"),
    "huge": _huge,
    "folder-link": None,  # the cache folder itself is a link to a folder outside
}


@pytest.mark.parametrize("variant", RESULTS)
def test_a_hostile_cache_file_is_neither_read_without_end_nor_written_through(hostile, variant):
    if variant == "device" and not IS_ROOT:
        pytest.skip("mknod needs root")
    repo, victims = hostile / "repo", hostile / "victims"
    cache = repo / ".plainlint_cache"
    if variant == "folder-link":
        shutil.rmtree(cache)
        cache.symlink_to(victims / "cache-elsewhere", target_is_directory=True)
    else:
        (cache / CACHE_FILE).unlink()
        RESULTS[variant](cache / CACHE_FILE, victims)
    before = snapshot(hostile)
    result = plainlint(repo, *ARGS, "--format", "github")
    problems = problems_of(hostile, result, result.stdout, before)
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not IS_ROOT, reason="the device node needs root (mknod); the pipe is checked without it")
def test_the_device_node_and_the_pipe_are_reported_not_read(hostile):
    result = plainlint(hostile / "repo", "site", "site/zero.md", "--no-cache")
    assert result.returncode == 2
    for name in ("site/pipe.html", "site/zero.md"):
        assert f"{name}: error is not a regular file (a pipe, socket or device), so it is not read".encode() in result.stdout
