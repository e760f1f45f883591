"""The hook in .pre-commit-hooks.yaml, run by the real pre-commit framework.

A temporary git repository uses the hook the way a project would: its .pre-commit-config.yaml
names a git repository of plainlint and a commit (``repo:`` and ``rev:``), and ``pre-commit run``
checks the staged files. The plainlint repository is a snapshot of this working tree (tracked
and untracked files, less what .gitignore leaves out) committed into a new repository, so that
uncommitted work is tested too. ``pre-commit try-repo`` would not do: it leaves out untracked
files, such as a new .pre-commit-hooks.yaml, and builds the hook's environment afresh on every call.

pre-commit makes its own virtual environment for the hook and pip-installs plainlint and its
dependencies (spaCy and the rest) into it. That takes half a minute or more, so it is done once for the
module, with pre-commit's cache (PRE_COMMIT_HOME), pip's cache and virtualenv's data in pytest's
temporary folder, never in the user's ~/.cache. The tests skip when git or pre-commit is missing,
or when the install fails because the package index cannot be reached; any other failure fails.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from tests.helpers import ROOT

GOOD = """<!DOCTYPE html>
<html lang="en"><head><title>Library cards</title></head>
<body><main>
<h1>Get a library card</h1>
<p>A library card is free. You can use it at any of our libraries.</p>
<h2>What to bring</h2>
<p>Bring something with your name and address on it, like a bank letter.</p>
</main></body></html>
"""

SENTENCE = """Applicants must complete an LRF and present documentary evidence of identity together with proof of their
residential address dated within the last three months, before the library can process the application and
issue a card for use at any branch."""

# An abbreviation that is never spelled out, in a sentence of 40 words.
BAD = f"""<!DOCTYPE html>
<html lang="en"><head><title>Library cards</title></head>
<body><main>
<h1>Get a library card</h1>
<p>{SENTENCE}</p>
</main></body></html>
"""
BAD_MD = f"# Get a library card\n\n{SENTENCE}\n"

# What plainlint says about each bad page, whether or not pre-commit runs it.
BAD_FINDINGS = {
    "bad.html": ["bad.html:5:4: warning sentence-length This sentence has 40 words",
                 'bad.html:5:32: warning unexplained-jargon "LRF" is an abbreviation'],
    "bad.md": ["bad.md:3:1: warning sentence-length This sentence has 40 words",
               'bad.md:3:29: warning unexplained-jargon "LRF" is an abbreviation'],
}

# Signs in pip's output of a package index it could not reach.
CONNECTION_FAILURES = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "Read timed out",
    "ProxyError",
    "Max retries exceeded",
)

INSTALL_TIMEOUT = 30 * 60  # seconds; pip has its own, shorter, timeouts for each request
RUN_TIMEOUT = 5 * 60


def pre_commit_command() -> list[str] | None:
    """The pre-commit of this Python if it has one (the test extras install it), else the one on PATH."""
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


def clean_environment() -> dict[str, str]:
    """This process's environment, less what would steer git or pre-commit elsewhere.

    A test run inside a git hook has GIT_DIR, GIT_INDEX_FILE and the like set for the outer
    repository; SKIP would make pre-commit skip hooks by id.
    """
    keep = ("GIT_EXEC_PATH", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM", "GIT_SSL_CAINFO")
    return {
        name: value
        for name, value in os.environ.items()
        if not (name.startswith("GIT_") and name not in keep) and not name.startswith("PRE_COMMIT") and name != "SKIP"
    }


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = run(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def new_repository(path: Path, env: dict[str, str]) -> None:
    """git init, with a local identity so that commits work on a machine without a global one."""
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", cwd=path, env=env)
    git("config", "user.name", "plainlint tests", cwd=path, env=env)
    git("config", "user.email", "plainlint-tests@example.invalid", cwd=path, env=env)
    git("config", "commit.gpgsign", "false", cwd=path, env=env)


def commit_all(path: Path, env: dict[str, str], message: str) -> str:
    git("add", "-A", cwd=path, env=env)
    git("commit", "-q", "--no-verify", "-m", message, cwd=path, env=env)
    return git("rev-parse", "HEAD", cwd=path, env=env).strip()


def snapshot_of_working_tree(dest: Path, env: dict[str, str]) -> str:
    """Copy this checkout's working tree, as it is now, into a new repository at dest and commit it."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
    new_repository(dest, env)
    for name in sorted({n for n in listed.split("\0") if n}):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree stays out
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    return commit_all(dest, env, "snapshot of the plainlint working tree")


def unreachable_index(output: str, env: dict[str, str], scratch: Path) -> str | None:
    """Why a failed install looks like the package index was out of reach, or None if it does not.

    Yes if pip's last word on a request was a connection error (not a warning that it would retry),
    or if it gave up after its last retry and then found no release; failing both, yes if pip cannot
    download setuptools, which any index has, with the same settings now.
    """
    for line in output.splitlines():
        if "Retrying (Retry(" not in line:
            sign = next((sign for sign in CONNECTION_FAILURES if sign in line), None)
            if sign:
                return sign
    if "Retrying (Retry(total=0," in output and "No matching distribution found" in output:
        return "no release found after pip's last retry to connect"
    probe = run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir", "--only-binary", ":all:",
                 "--dest", str(scratch), "setuptools"], scratch.parent, env)
    if probe.returncode != 0:
        return "pip cannot download setuptools either"
    return None


@dataclass
class Site:
    """A git repository whose .pre-commit-config.yaml uses plainlint's hook, environment installed."""

    path: Path
    env: dict[str, str]
    pre_commit: list[str]

    def run_hook_on(self, name: str, text: str) -> subprocess.CompletedProcess:
        """Stage one page and run pre-commit on the staged files, as `git commit` would; unstage it after."""
        (self.path / name).write_text(text, encoding="utf-8")
        git("add", name, cwd=self.path, env=self.env)
        try:
            return run([*self.pre_commit, "run", "--color", "never"], self.path, self.env)
        finally:
            git("rm", "-q", "--cached", name, cwd=self.path, env=self.env)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    command = pre_commit_command()
    if command is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    env = clean_environment()
    if run(["git", "rev-parse", "--is-inside-work-tree"], ROOT, env).returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout, so there is no working tree to make a hook repository from")

    tmp = tmp_path_factory.mktemp("pre-commit")
    caches = tmp / "caches"
    env.update(
        PRE_COMMIT_HOME=str(caches / "pre-commit"),
        PIP_CACHE_DIR=str(caches / "pip"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(caches / "virtualenv"),
    )
    rev = snapshot_of_working_tree(tmp / "plainlint", env)

    site = tmp / "site"
    new_repository(site, env)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {tmp / 'plainlint'}\n  rev: {rev}\n  hooks:\n  - id: plainlint\n", encoding="utf-8"
    )
    commit_all(site, env, "use plainlint's pre-commit hook")

    install = run([*command, "install-hooks", "--color", "never"], site, env, timeout=INSTALL_TIMEOUT)
    if install.returncode != 0:
        log = caches / "pre-commit" / "pre-commit.log"
        output = install.stdout + install.stderr + (log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
        reason = unreachable_index(output, env, tmp / "probe")
        if reason:
            pytest.skip(f"pre-commit could not install the hook's dependencies: the package index is out of reach ({reason})")
        pytest.fail(f"pre-commit install-hooks failed (exit {install.returncode}):\n{output}")
    yield Site(site, env, command)
    shutil.rmtree(caches, ignore_errors=True)  # the hook's environment is several hundred MB


def test_the_pages_give_the_expected_results_with_the_default_settings(tmp_path, monkeypatch):
    """The pages themselves, checked without pre-commit: a fast guard on what the slow tests expect."""
    monkeypatch.chdir(tmp_path)  # no settings file above: the defaults apply
    for name, text in [("good.html", GOOD), ("bad.html", BAD), ("bad.md", BAD_MD)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    good = runner.invoke(main, ["check", "good.html"])
    assert good.exit_code == 0, good.output
    for name, findings in BAD_FINDINGS.items():
        bad = runner.invoke(main, ["check", name])
        assert bad.exit_code == 1
        for finding in findings:
            assert finding in bad.output


@pytest.mark.parametrize("name, text", [("bad.html", BAD), ("bad.md", BAD_MD)], ids=["html", "markdown"])
def test_hook_fails_a_commit_of_a_bad_page(site, name, text):
    proc = site.run_hook_on(name, text)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "plainlint" in proc.stdout and "Failed" in proc.stdout
    assert "- exit code: 1" in proc.stdout
    for finding in BAD_FINDINGS[name]:
        assert finding in proc.stdout


def test_hook_passes_a_commit_of_a_good_page(site):
    proc = site.run_hook_on("good.html", GOOD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "plainlint" in proc.stdout and "Passed" in proc.stdout


def test_hook_leaves_other_files_alone(site):
    """types_or: [html, markdown]: a staged text file is not given to plainlint."""
    proc = site.run_hook_on("notes.txt", SENTENCE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(no files to check)Skipped" in proc.stdout
