"""Symbolic links in a repository from a stranger: none leaks a file from outside what is
checked (.git/config, a file outside the repository) into a report, and links that stay
inside are still checked when named, or with --follow-symlinks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plainlint.config import load_config
from plainlint.engine import check_file
from plainlint.files import MAX_LISTED, collect
from plainlint.reading import InputError, read_bytes
from plainlint.runner import RunOptions, check_targets
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs POSIX symlinks")

TOKEN = "ghp_FAKETOKEN7Qx9Lw2Zr5Kd8Vn3"  # a GitHub token's shape: not a real one
# words a report would quote back ("OSKQZ": an abbreviation not spelled out)
SECRET = "The OUTSIDESECRET password is Zebrafinch-Quokkanest. Use OSKQZ to log in."
PAGE = "<main><h1>Scans</h1>\n<p>Your prognosis is good. You need an MRI.</p></main>\n"
GUIDE = "# Your stoma\n\nEmpty the bag when it is a third full. Ask your GP about the prognosis.\n"


@pytest.fixture
def repo(tmp_path):
    """A checkout: .git/config holds a token, a secret file lies outside, pages inside."""
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    with (repo / ".git" / "config").open("a") as config:
        config.write(f'[remote "origin"]\n\turl = https://x-access-token:{TOKEN}@github.com/nhs/leaflets.git\n'
                     f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"# Deploy keys\n\n{SECRET}\n")
    (repo / "site").mkdir()
    (repo / "site" / "page.html").write_text(PAGE)
    (repo / "docs").mkdir()
    (repo / "docs" / "guide.md").write_text(GUIDE)
    (repo / "credentials.json").write_text(f'{{"token": "{TOKEN}"}}\n')  # a CI step's file in the checkout
    return repo


def run(repo: Path, *args: str, cache: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "plainlint", "check", *([] if cache else ["--no-cache"]), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def assert_no_secret(result: subprocess.CompletedProcess) -> None:
    for text in (result.stdout, result.stderr):
        assert TOKEN not in text and "FAKETOKEN" not in text
        assert not any(word in text for word in ("OUTSIDESECRET", "Zebrafinch", "Quokkanest", "OSKQZ"))


def paths_in(result: subprocess.CompletedProcess) -> dict[str, dict]:
    return {f["path"]: f for f in json.loads(result.stdout)["files"]}


# --- the leak: a link in a checked folder ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["github", "text", "json", "html", "sarif", "gitlab"])
def test_a_link_to_git_config_in_a_checked_folder_is_skipped_and_said_so(repo, fmt):
    (repo / "site" / "notes.md").symlink_to("../.git/config")
    result = run(repo, "site", "--format", fmt)
    assert_no_secret(result)
    assert result.returncode == 1, result.stderr  # the page's findings; the link is not an error
    assert "plainlint: site/notes.md: skipped, a symbolic link (--follow-symlinks follows" in result.stderr
    assert "notes.md" not in result.stdout  # not a file of the report


@pytest.mark.parametrize("how", [["site"], ["site", "--follow-symlinks"], ["site/notes.md"], ["site/notes.md", "site"]])
def test_a_link_into_git_is_never_followed(repo, how):
    (repo / "site" / "notes.md").symlink_to("../.git/config")
    (repo / "site" / "hooks.md").symlink_to("../.git/hooks", target_is_directory=True)
    result = run(repo, *how, "--format", "json")
    assert_no_secret(result)
    files = paths_in(result)
    assert "site/hooks.md" not in files and not any(".git" in p for p in files)
    if "site/notes.md" in how:  # named: the user asked for it, so not checking it is an error
        assert result.returncode == 2
        assert files["site/notes.md"]["error"] == (
            "is a symbolic link into a hidden folder (such as .git) or node_modules, so it is not read")
    else:
        assert result.returncode == 1 and "site/notes.md" not in files
        assert "site/notes.md: skipped, a symbolic link" in result.stderr


@pytest.mark.parametrize("named", [False, True])
def test_a_link_to_a_file_outside_the_repository_is_never_followed(repo, named):
    (repo / "site" / "secret.md").symlink_to(repo.parent / "outside" / "secret.md")
    (repo / "site" / "relative.md").symlink_to("../../outside/secret.md")
    (repo / "site" / "folder").symlink_to(repo.parent / "outside", target_is_directory=True)
    args = ["site/secret.md", "site/relative.md", "site/folder"] if named else ["site", "--follow-symlinks"]
    result = run(repo, *args, "--format", "json")
    assert_no_secret(result)
    why = "a symbolic link to a path outside the checked folders"
    if named:
        assert result.returncode == 2
        files = paths_in(result)
        for name in ("site/secret.md", "site/relative.md", "site/folder"):
            assert files[name]["error"] == f"is {why}, so it is not read"
    else:
        assert result.returncode == 1
        for name in ("site/secret.md", "site/relative.md", "site/folder"):
            assert f"plainlint: {name}: skipped, {why}\n" in result.stderr


def test_a_link_to_a_file_that_is_not_a_page_is_not_followed_even_inside(repo):
    (repo / "site" / "keys.md").symlink_to("../credentials.json")
    result = run(repo, "site", "--follow-symlinks")
    assert_no_secret(result)
    assert "site/keys.md: skipped, a symbolic link to a file that is not a page" in result.stderr
    result = run(repo, "site/keys.md")
    assert_no_secret(result)
    assert result.returncode == 2 and "site/keys.md: error is a symbolic link to a file that is not a page" in result.stdout


# --- links that stay inside are still checked -------------------------------------------------


def test_a_linked_page_named_on_the_command_line_is_checked_under_its_name(repo):
    """As a pre-commit hook or `git diff --name-only` passes it: the link's target is in the repository."""
    (repo / "site" / "stoma.md").symlink_to("../docs/guide.md")
    result = run(repo, "site/stoma.md", "site/page.html", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    files = paths_in(result)
    assert list(files) == ["site/stoma.md", "site/page.html"]  # in the order given
    assert files["site/stoma.md"]["error"] is None and files["site/stoma.md"]["findings"]
    assert result.stderr == ""


def test_follow_symlinks_follows_links_inside_the_repository(repo):
    (repo / "site" / "stoma.md").symlink_to("../docs/guide.md")
    (repo / "site" / "guides").symlink_to("../docs", target_is_directory=True)
    (repo / "site" / "again.md").symlink_to("page.html")  # the same page twice: checked once
    result = run(repo, "site", "--follow-symlinks", "--format", "json")
    assert result.returncode == 1 and result.stderr == ""
    assert list(paths_in(result)) == ["site/page.html", "site/guides/guide.md"]  # one name for each page
    result = run(repo, "site", "--format", "json")  # without it: the same pages as before, links skipped
    assert list(paths_in(result)) == ["site/page.html"]
    assert result.stderr.count("skipped, a symbolic link (--follow-symlinks") == 3


def test_a_named_folder_that_is_a_link_is_checked_when_it_stays_inside(repo):
    (repo / "handbook").symlink_to("docs", target_is_directory=True)
    (repo / "leak").symlink_to(repo.parent / "outside", target_is_directory=True)
    result = run(repo, "handbook", "leak", "--format", "json")
    assert_no_secret(result)
    files = paths_in(result)
    assert files["handbook/guide.md"]["findings"]
    assert files["leak"]["error"] == "is a symbolic link to a path outside the checked folders, so it is not read"


def test_a_page_reached_through_a_linked_folder_named_on_the_command_line(repo):
    (repo / "site" / "ext").symlink_to(repo.parent / "outside", target_is_directory=True)
    (repo / "site" / "int").symlink_to("../docs", target_is_directory=True)
    (repo / "site" / "git").symlink_to("../.git", target_is_directory=True)
    result = run(repo, "site/ext/secret.md", "site/int/guide.md", "site/git/config", "site/int/../.git/config",
                 "--format", "json")
    assert_no_secret(result)
    files = paths_in(result)
    assert files["site/int/guide.md"]["findings"]
    assert files["site/ext/secret.md"]["error"].startswith("is a symbolic link to a path outside the checked folders")
    assert files["site/git/config"]["error"].startswith("is a symbolic link into a hidden folder")
    assert files["site/int/../.git/config"]["error"].startswith("is a symbolic link into a hidden folder")


def test_a_folder_named_outside_the_current_folder_is_a_root(repo, tmp_path):
    """Run from elsewhere (CI's workspace above the checkout): the named folder bounds its links."""
    (repo / "site" / "stoma.md").symlink_to("../docs/guide.md")
    (repo / "site" / "notes.md").symlink_to("../.git/config")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(elsewhere, str(repo), "--follow-symlinks", "--format", "json")
    assert_no_secret(result)
    assert sorted(Path(p).name for p in paths_in(result)) == ["guide.md", "page.html"]
    assert "notes.md: skipped, a symbolic link into a hidden folder" in result.stderr


# --- loops, broken links, many links, odd names --------------------------------------------------


@pytest.mark.parametrize("follow", [[], ["--follow-symlinks"]])
def test_loops_and_broken_links_end_and_the_rest_is_checked(repo, follow):
    site = repo / "site"
    (site / "a.html").symlink_to("b.html")
    (site / "b.html").symlink_to("a.html")
    (site / "self.md").symlink_to("self.md")
    (site / "gone.html").symlink_to("nowhere.html")
    (site / "sub").mkdir()
    (site / "sub" / "up").symlink_to("..", target_is_directory=True)
    (site / "sub" / "round").symlink_to("../sub", target_is_directory=True)
    result = run(repo, "site", *follow, "--format", "json")
    assert result.returncode == 1
    assert list(paths_in(result)) == ["site/page.html"]
    for name in ("a.html", "b.html", "self.md", "gone.html"):
        why = "a broken symbolic link (its target is missing, or it loops)" if follow else "a symbolic link (--follow"
        assert f"plainlint: site/{name}: skipped, {why}" in result.stderr
    for name in ("sub/up", "sub/round"):
        why = "a symbolic link to a folder that is already being checked" if follow else "a symbolic link (--follow"
        assert f"plainlint: site/{name}: skipped, {why}" in result.stderr


@pytest.mark.parametrize("target", ["nowhere.md", "loop.md"])
def test_a_named_broken_link_is_an_error(repo, target):
    (repo / "site" / "loop.md").symlink_to("loop.md")
    if target == "nowhere.md":
        (repo / "site" / "gone.md").symlink_to(target)
    name = "site/loop.md" if target == "loop.md" else "site/gone.md"
    result = run(repo, name, "site/page.html")
    assert result.returncode == 2
    assert f"{name}: error is a broken symbolic link (its target is missing, or it loops), so it is not read" in result.stdout
    assert "site/page.html:2:" in result.stdout


def test_many_skipped_links_are_counted_not_listed_each(repo):
    for n in range(MAX_LISTED + 30):
        (repo / "site" / f"link{n:03}.md").symlink_to("page.html")
    result = run(repo, "site")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_LISTED + 1 and lines[-1] == "plainlint: and 30 more symbolic links skipped"


def test_a_skipped_links_name_cannot_drive_the_terminal(repo):
    (repo / "site" / "\x1b]52;c;ZWNobyBwd25lZA==\x07\u202e.md").symlink_to("page.html")
    result = run(repo, "site")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "site/\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\u202e.md: skipped" in result.stderr


def test_a_hard_link_is_a_file_like_any_other(repo):
    """A hard link cannot be told from the file it names: it is checked (see
    docs/security/symlinks.md; git cannot commit one, so a pull request cannot bring one)."""
    os.link(repo / "docs" / "guide.md", repo / "site" / "hard.md")
    result = run(repo, "site", "--format", "json")
    assert paths_in(result)["site/hard.md"]["findings"]


# --- the link swapped in after the files were listed ---------------------------------------------


def test_a_page_swapped_for_a_link_after_listing_is_not_read(repo, monkeypatch):
    monkeypatch.chdir(repo)
    targets, problems = collect(["site"])
    assert not problems and [t.display for t in targets] == ["site/page.html"]
    (repo / "site" / "page.html").unlink()
    (repo / "site" / "page.html").symlink_to("../.git/config")
    (target,) = targets
    with pytest.raises(InputError, match="is a symbolic link, so it is not read"):
        read_bytes(target.path)
    result = check_file(target.path, load_config(), target.display)
    assert result.error.startswith("is a symbolic link, so it is not read") and TOKEN not in str(result)


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_read_of_a_page_refuses_a_link_swapped_in(repo, monkeypatch, jobs):
    """The cache's read, the workers' and the extraction helper's: the same refusal. 16
    pages, so that two jobs start workers and the helper."""
    monkeypatch.chdir(repo)
    for n in range(15):
        (repo / "site" / f"more{n:02}.html").write_text(PAGE)
    targets = collect(["site"])[0]
    (repo / "site" / "page.html").unlink()
    (repo / "site" / "page.html").symlink_to("../.git/config")
    results = check_targets(targets, load_config(), RunOptions(jobs=jobs, keep_view=True,
                                                                 cache_dir=repo / ".plainlint_cache"))
    page = next(r for r in results if r.path == "site/page.html")
    assert page.error.startswith("is a symbolic link, so it is not read")
    assert TOKEN not in repr(results)
    assert sum(1 for r in results if r.findings) == 15


def test_a_page_replaced_between_looking_and_opening_is_not_read(repo, monkeypatch):
    """The window between lstat and open: the file opened is not the one looked at."""
    page, other = repo / "site" / "page.html", repo / "site" / "other.html"
    other.write_text(PAGE)
    real_open = os.open

    def swap_then_open(path, flags, *args, **kwargs):
        if Path(path) == page:
            os.replace(other, page)  # a new file (a new inode) under the same name
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(InputError, match="was replaced while it was read"):
        read_bytes(page)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_link_to_a_pipe_inside_is_refused_without_waiting(repo):
    os.mkfifo(repo / "docs" / "pipe.md")
    (repo / "site" / "pipe.md").symlink_to("../docs/pipe.md")
    result = run(repo, "site/pipe.md", "site", "--follow-symlinks")
    assert result.returncode == 2
    assert "site/pipe.md: error is not a regular file (a pipe, socket or device), so it is not read" in result.stdout
