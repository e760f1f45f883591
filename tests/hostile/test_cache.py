"""A cache folder committed to a pull request is data from outside: plainlint never follows
a link inside it, reads only a regular file of bounded size, trusts no result it did not
sign itself, and checks every entry's shape and ranges before use (see docs/security/cache.md)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint import cache, runner
from plainlint.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX links, pipes and devices")

PAGE = """<!doctype html>
<html lang="en"><head><title>Bin collections</title></head>
<body><main>
<h1>Bin collections</h1>
<p>Put your green bin out by 7am on your collection day. We empty it every two weeks.</p>
<h3>Garden waste</h3>
<p>Garden waste is collected under the council's discretionary household waste management
arrangements, which necessitate prior registration with the environmental services directorate
and the completion of an authorisation procedure before any collection can be undertaken.</p>
<p>Ask the HWRC team if you have more than three bags.</p>
</main></body></html>
"""
# where today's cache file lives, and the name before it (a cache from an older plainlint)
RESULT_NAMES = tuple(dict.fromkeys((getattr(cache, "FILE", "results-v1.json"), "results-v1.json")))


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A checkout with one page, this user's cache key kept in the test's own folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "bins.html").write_text(PAGE)
    return tmp_path


def check(*args: str) -> tuple[dict, str]:
    """The JSON report and what went to stderr; the run must not crash."""
    result = CliRunner().invoke(main, ["check", "site", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def clean(site) -> dict:
    return check("--no-cache")[0]


@pytest.fixture
def analysed(monkeypatch) -> list[int]:
    """How many files each run that analysed any analysed (rather than took from the cache)."""
    counts: list[int] = []
    real = runner._analyse

    def spy(targets, config, options):
        if targets:
            counts.append(len(targets))
        return real(targets, config, options)

    monkeypatch.setattr(runner, "_analyse", spy)
    return counts


def hostile_folder(site: Path) -> Path:
    folder = site / cache.DEFAULT_DIR
    folder.mkdir()
    return folder


def run_guarded(site: Path, limit_mb: int = 1200) -> subprocess.CompletedProcess:
    """A run in its own process with at most ``limit_mb`` of address space and a minute of
    time, so that an attack that reads without end fails the test rather than the machine."""
    limit = limit_mb * 1024 * 1024

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-m", "plainlint", "check", "site", "--format", "json"], cwd=site,
                          capture_output=True, text=True, timeout=60, preexec_fn=cap)


def assert_guarded_run_is_clean(site: Path, clean: dict) -> None:
    try:
        result = run_guarded(site)
    except subprocess.TimeoutExpired:
        pytest.fail("the run waited on the cache for a minute")
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr[-2000:]
    assert json.loads(result.stdout) == clean


# --- links and special files inside the cache folder ---------------------------------------


def test_a_gitignore_link_does_not_overwrite_its_target(site, clean):
    victim = site / "victim.txt"
    victim.write_text("precious\n")
    (hostile_folder(site) / ".gitignore").symlink_to("../victim.txt")
    assert check()[0] == clean
    assert victim.read_text() == "precious\n"
    assert (site / cache.DEFAULT_DIR / ".gitignore").is_symlink()  # left as it was, not followed


def test_a_dangling_cachedir_tag_link_creates_no_file(site, clean):
    target = site / "made-by-the-attack"
    (hostile_folder(site) / "CACHEDIR.TAG").symlink_to(target)
    assert check()[0] == clean
    assert not target.exists()


def test_a_results_link_is_replaced_and_its_target_left_alone(site, clean):
    victim = site / "victim.txt"
    victim.write_text("precious\n")
    folder = hostile_folder(site)
    for name in RESULT_NAMES:
        (folder / name).symlink_to("../victim.txt")
    assert check()[0] == clean
    assert victim.read_text() == "precious\n"
    assert not (folder / RESULT_NAMES[0]).is_symlink()  # the run's own results are written in its place


def test_results_linked_to_dev_zero_are_not_read(site, clean):
    folder = hostile_folder(site)
    for name in RESULT_NAMES:
        (folder / name).symlink_to("/dev/zero")
    assert_guarded_run_is_clean(site, clean)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_results_that_are_a_device_node_are_not_read(site, clean):
    folder = hostile_folder(site)
    for name in RESULT_NAMES:
        os.mknod(folder / name, 0o666 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero's
    assert_guarded_run_is_clean(site, clean)


def test_results_that_are_a_named_pipe_are_not_waited_on(site, clean):
    folder = hostile_folder(site)
    for name in RESULT_NAMES:
        os.mkfifo(folder / name)
    assert_guarded_run_is_clean(site, clean)


def test_a_results_file_over_the_size_cap_is_not_read(site, clean):
    folder = hostile_folder(site)
    for name in RESULT_NAMES:
        with open(folder / name, "wb") as handle:  # sparse: takes no disk space
            handle.truncate(1536 * 1024 * 1024)
    assert_guarded_run_is_clean(site, clean)


# --- the cache folder itself -----------------------------------------------------------------


def test_a_cache_folder_that_is_a_link_is_not_used(site, clean):
    elsewhere = site / "elsewhere"
    elsewhere.mkdir()
    (site / cache.DEFAULT_DIR).symlink_to(elsewhere, target_is_directory=True)
    report, stderr = check()
    assert report == clean
    assert list(elsewhere.iterdir()) == []
    assert stderr.count("\n") == 1 and "symbolic link" in stderr and cache.DEFAULT_DIR in stderr


def test_a_cache_folder_named_with_cache_dir_may_be_a_link(site, clean, analysed):
    real = site / "real-cache"
    real.mkdir()
    (site / "mine").symlink_to(real, target_is_directory=True)
    assert check("--cache-dir", "mine") == (clean, "")
    assert check("--cache-dir", "mine") == (clean, "")
    assert analysed == [1]  # the second run came from the cache
    assert (real / RESULT_NAMES[0]).is_file()


# --- what the entries say ---------------------------------------------------------------------


def rewrite(folder: Path, edit) -> None:
    """Change every entry of the cache in ``folder``, and save it with this user's key."""
    store = cache.ResultCache(folder)
    assert store._entries
    for entry in store._entries.values():
        edit(entry["result"])
    store._dirty = True
    store.save()


def forge(result: dict) -> None:
    finding = result["findings"][0]
    finding[2] = [-5, -5, -5, -5]
    finding[3] = "Forged: this page fails the audit; see evil.example"


def test_an_edited_entry_is_not_shown(site, clean, analysed):
    check()
    path = site / cache.DEFAULT_DIR / RESULT_NAMES[0]
    data = path.read_bytes()
    header, _, body = data.partition(b"\n") if not data.startswith(b"{") else (b"", b"", data)
    raw = json.loads(body)
    for entry in raw["entries"].values():
        forge(entry["result"])
    path.write_bytes((header + b"\n" if header else b"") + json.dumps(raw).encode())
    report, _ = check()
    assert report == clean
    assert analysed == [1, 1]


def test_a_committed_cache_signed_elsewhere_is_not_used(site, clean, analysed, monkeypatch):
    """A cache built on the attacker's machine, for the very page committed, with a message
    of the right shape: no entry written on another machine is ever used."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "attacker-home"))
    check()
    rewrite(site / cache.DEFAULT_DIR, lambda r: r["findings"][0].__setitem__(3, "Forged: see evil.example"))
    assert "Forged" in json.dumps(check()[0])  # on the attacker's machine it works
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "home-cache"))
    assert check()[0] == clean
    assert analysed == [1, 1]  # the first run, and the victim's: the attacker's second came from the cache


def _set(path: tuple, value):
    def edit(result: dict) -> None:
        target = result
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


EDITS = {
    "negative position": forge,
    "line past the end": _set(("findings", 0, 2), [900, 1, 900, 2]),
    "column past the end": _set(("findings", 0, 2), [2, 1, 2, 10**6]),
    "end before start": _set(("findings", 0, 2), [5, 9, 5, 2]),
    "position a float": _set(("findings", 0, 2), [5.0, 1, 5, 2]),
    "position a bool": _set(("findings", 0, 2), [True, 1, True, 2]),
    "unknown rule": _set(("findings", 0, 0), "audit-failed"),
    "unknown severity": _set(("findings", 0, 1), "critical"),
    "huge message": _set(("findings", 0, 3), "Forged " * 100_000),
    "message not text": _set(("findings", 0, 3), {"x": 1}),
    "bad fingerprint": _set(("findings", 0, 6), "not-hex"),
    "short finding": _set(("findings", 0), ["reading-grade", "info"]),
    "huge count": _set(("counts", 1), 10**400),
    "negative count": _set(("counts", 0), -1),
    "count a string": _set(("counts", 2), "12"),
    "counts that do not add up": _set(("counts", 3), 9999),
    "section line past the end": _set(("sections", 0, 1), 10**6),
    "section title not text": _set(("sections", 0, 0), ["x"]),
    "sections not a list": _set(("sections",), "x"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_entry_out_of_shape_or_range_is_a_miss_even_with_the_right_key(site, clean, analysed, edit):
    """If the key leaked (a shared CI cache), entries are still checked: anything out of
    shape or range is analysed again, never shown and never a traceback."""
    check()
    rewrite(site / cache.DEFAULT_DIR, edit)
    assert check()[0] == clean
    assert analysed == [1, 1]
    assert check()[0] == clean
    assert analysed == [1, 1]  # the entry analysed again replaced the bad one


def test_the_key_is_private_and_a_second_run_uses_the_cache(site, clean, analysed):
    assert check()[0] == clean
    assert check()[0] == clean
    assert analysed == [1]
    key = site / "home-cache" / "plainlint" / "key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert (key.parent.stat().st_mode & 0o077) == 0


def test_a_cache_folder_that_is_a_named_pipe_is_not_waited_on(site, clean):
    os.mkfifo(site / cache.DEFAULT_DIR)
    assert_guarded_run_is_clean(site, clean)


def test_without_a_place_for_the_key_the_run_goes_on_without_the_cache(site, clean, analysed, monkeypatch):
    (site / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "not-a-folder"))
    report, stderr = check()
    assert report == clean
    assert stderr.count("\n") == 1 and stderr.startswith("plainlint: running without the cache: cannot read its key")
    assert stderr.endswith("not-a-folder/plainlint/key: Not a directory\n")
    assert not (site / cache.DEFAULT_DIR).exists()


def test_a_damaged_key_is_replaced(site, clean, analysed):
    key = site / "home-cache" / "plainlint" / "key"
    key.parent.mkdir(parents=True)
    key.write_text("not a key\n")
    assert check() == (clean, "")
    assert len(bytes.fromhex(key.read_text())) == 32


def test_pages_in_every_encoding_and_line_ending_still_come_from_the_cache(site, analysed):
    """The entry checks take their bounds from the file's bytes: no real page may fail them."""
    pages = site / "site"
    (pages / "utf16.html").write_bytes(PAGE.encode("utf-16"))  # with its byte order mark
    (pages / "utf32.html").write_bytes(PAGE.replace("\n", "\r\n").encode("utf-32"))
    (pages / "latin1.html").write_bytes(PAGE.replace("<head>", '<head><meta charset="windows-1252">')
                                        .replace("council's", "council\u2019s caf\u00e9").encode("cp1252"))
    (pages / "crlf.md").write_bytes(b"# Bins\r\n\r\nThe HWRC team can take your bulky waste.\r\n" * 40)
    (pages / "one-line.html").write_text(PAGE.replace("\n", " "))
    (pages / "empty.md").write_text("\n\n")
    first = check()[0]
    assert not [f["error"] for f in first["files"] if f["error"]]
    assert check()[0] == first
    assert analysed == [7]
