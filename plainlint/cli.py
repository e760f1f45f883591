"""The command line: ``plainlint check`` and friends.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a usage, settings or input error (an unreadable file, for example).
Heavy modules (spaCy, beautifulsoup4) are imported only when checking.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from plainlint import __version__, failures
from plainlint.atomic import check_outputs, write_atomically
from plainlint.reporters import FORMATS, NEEDS_VIEW

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run() -> None:
    """The command line: `main`, then out of the process at once. Python's own exit frees
    every object of a run one by one (about 0.06 s after checking wcag-html's 647 pages) only
    for the system to take the memory back anyway; what is written is flushed first. SIGINT,
    SIGTERM and SIGHUP stop a run cleanly, then end it by that signal (see stopping.py)."""
    from plainlint import stopping

    stopping.install()
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except stopping.Stopped as stop:
        stopping.received = stop.signum
    except Exception as exc:  # noqa: BLE001 - a full disk on standard output, or a bug: one line, exit 2
        code = failures.uncaught(exc)
    if stopping.received is not None:
        failures.say(stopping.describe(stopping.received))
        stopping.die(stopping.received)
    code = failures.finish(code)
    if code is not None and not isinstance(code, int):
        sys.exit(code)  # a message to print: as ever
    os._exit(code or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plainlint")
def main() -> None:
    """Check web pages for plain language: reading grade, sentence length,
    unexplained jargon and heading structure."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="How to report: text, json, html (annotated pages), sarif, github or gitlab (CI annotations).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Settings file to use instead of the nearest rules.yml or .plainlint.yml.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 [default: from settings, warning].")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour the text report [default: on a terminal, unless NO_COLOR is set].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              help="Write the report to this file instead of standard output (- for standard output). "
                   "Only a regular file is created or replaced, never a link, device or page being checked.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules (ids, comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Do not run these rules (ids, comma-separated or repeated).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not in this file; if it does not exist, record today's findings in it.")
@click.option("--update-baseline", is_flag=True,
              help="With --baseline: record today's findings in it again (after fixing some).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 means one per core. Runs of a few files use one process.")
@click.option("--no-cache", is_flag=True, help="Analyse every file, and leave the cache alone.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where to keep the cache [default: .plainlint_cache, or $PLAINLINT_CACHE_DIR].")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links found in folders too (they are skipped, with a note on standard "
                   "error), to pages and folders inside the current folder or the paths given; never into "
                   "hidden folders such as .git or node_modules, nor to files that are not pages. Links named "
                   "on the command line are followed by that rule without this option.")
def check(paths: tuple[str, ...], fmt: str, config_path: str | None, fail_on: str | None,
          colour: bool | None, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          baseline_path: str | None, update_baseline: bool, jobs: int, no_cache: bool, cache_dir: str | None,
          follow_symlinks: bool) -> None:
    """Check pages: HTML and Markdown files, or folders searched for *.html, *.htm, *.md
    and *.markdown."""
    from plainlint.cache import default_folder as default_cache_folder
    from plainlint.config import ConfigError
    from plainlint.engine import FileResult
    from plainlint.files import collect, skipped_lines
    from plainlint.findings import Severity
    from plainlint.metrics import Grading
    from plainlint.report import summarise
    from plainlint.reporters import reporter
    from plainlint.runner import RunOptions, check_targets

    config = _settings(config_path)
    try:
        config = config.with_selection(_rule_ids(select), _rule_ids(ignore))
    except ConfigError as exc:
        _tell(f"plainlint: {exc}")
        sys.exit(EXIT_ERROR)
    if update_baseline and not baseline_path:
        _tell("plainlint: --update-baseline needs --baseline FILE")
        sys.exit(EXIT_ERROR)

    skipped: list[tuple[str, str]] = []
    targets, problems = collect(list(paths), follow_symlinks, skipped)
    for line in skipped_lines(skipped):
        _tell(line)
    output = None if output == "-" else output
    # before checking anything: no link, device or pipe, no missing folder, no file the run reads
    writes, reads = [Path(output)] if output else [], [t.path for t in targets] + [Path(f) for f in config.files[1:]]
    if baseline_path:
        (writes if update_baseline or not Path(baseline_path).exists() else reads).append(Path(baseline_path))
    _or_exit(check_outputs, writes, reads)
    run = RunOptions(jobs=jobs, keep_view=fmt in NEEDS_VIEW,
                     cache_dir=None if no_cache else (Path(cache_dir) if cache_dir else default_cache_folder()))
    results = check_targets(targets, config, run)
    results += [FileResult(path, error=problem) for path, problem in problems]
    if baseline_path:
        results = _apply_baseline(Path(baseline_path), results, update_baseline)
    report = summarise(results, Grading.from_options(config.rules["reading-grade"].options))

    if colour is None:
        colour = output is None and sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = reporter(fmt)(report, colour=colour)
    if output:
        _or_exit(write_atomically, Path(output), text)
    else:
        _or_exit(failures.print_report, text)

    threshold = config.fail_on if fail_on is None else (None if fail_on == "never" else Severity.parse(fail_on))
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if threshold is not None and any(f.severity >= threshold for r in results for f in r.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Show the settings from this file instead of the nearest rules.yml or .plainlint.yml.")
def list_rules(config_path: str | None) -> None:
    """List the rules with their settings, what they check and the guidance behind them."""
    import textwrap

    from plainlint.rules import RULES

    config = _settings(config_path)
    for rule_id, rule in RULES.items():
        settings = config.rules[rule_id]
        state = settings.severity.label if settings.enabled else "disabled"
        click.echo(f"{rule_id} ({state})")
        click.echo(f"  {rule.summary}")
        click.echo(textwrap.fill(rule.rationale, width=88, initial_indent="  ", subsequent_indent="  "))
        for option in rule.options:
            click.echo(f"  {option.name}: {_yaml_value(settings.options[option.name])}  {option.help}")
        for source in rule.sources:
            click.echo(f"  source: {source}")
        click.echo("")


@main.command("explain")
@click.argument("rule_id", metavar="RULE")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Show the settings from this file instead of the nearest rules.yml or .plainlint.yml.")
def explain(rule_id: str, config_path: str | None) -> None:
    """Explain one rule: why it matters, text it reports and text it accepts, its
    options and the guidance it follows."""
    import difflib
    import textwrap

    from plainlint.rules import RULES

    if rule_id not in RULES:
        close = [r for r in RULES if rule_id and rule_id in r] or difflib.get_close_matches(rule_id, list(RULES), n=1)
        hint = f'; did you mean "{close[0]}"?' if close else f"; the rules are: {', '.join(RULES)}"
        _tell(f'plainlint: unknown rule "{rule_id}"{hint}')
        sys.exit(EXIT_ERROR)
    rule = RULES[rule_id]
    settings = _settings(config_path).rules[rule_id]
    state = settings.severity.label if settings.enabled else "disabled"
    wrap = {"width": 88, "initial_indent": "  ", "subsequent_indent": "  "}
    click.echo(f"{rule.id} ({state}): {rule.summary}\n")
    click.echo("Why\n" + textwrap.fill(rule.rationale, **wrap))
    for bad, good in rule.examples:
        click.echo("\nReported\n" + textwrap.fill(bad, **wrap))
        click.echo("Not reported\n" + textwrap.fill(good, **wrap))
    if rule.options:
        click.echo("\nOptions (rules.yml, under rules: " + rule.id + ":)")
        for option in rule.options:
            click.echo(f"  {option.name}: {_yaml_value(settings.options[option.name])}")
            click.echo(textwrap.fill(option.help, width=88, initial_indent="      ", subsequent_indent="      "))
    click.echo("\nGuidance")
    for source in rule.sources:
        click.echo(f"  {source}")


def _tell(message: str) -> None:
    """A message on standard error. Its lines can quote a file name, a settings key or a rule
    id given: their control and bidi characters are shown escaped (safe_text.printable)."""
    from plainlint.safe_text import printable_lines

    click.echo(printable_lines(message), err=True)


def _settings(config_path: str | None):
    """The settings in force, or exit 2 with every problem listed by file and line."""
    from plainlint.config import ConfigError, load_config

    try:
        return load_config(Path(config_path) if config_path else None, search_from=Path.cwd())
    except ConfigError as exc:
        _tell(f"plainlint: invalid settings\n{exc}")
        sys.exit(EXIT_ERROR)
    except FileNotFoundError:  # from Path.cwd(): the folder was removed under the shell
        _tell("plainlint: the current folder no longer exists; cd to one that does")
        sys.exit(EXIT_ERROR)


def _rule_ids(values: tuple[str, ...]) -> list[str]:
    return [r for value in values for r in value.replace(",", " ").split()]


def _or_exit(action, *args):
    """``action(*args)``, or exit 2 with its error: an OSError or BaselineError that names
    the file and says why."""
    from plainlint.baseline import BaselineError

    try:
        return action(*args)
    except (OSError, BaselineError) as exc:
        _tell(f"plainlint: {exc}")
        sys.exit(EXIT_ERROR)


def _apply_baseline(path: Path, results: list, update: bool) -> list:
    """Record the findings in a new (or updated) baseline, or drop the ones it knows."""
    from plainlint import baseline

    if update or not path.exists():
        n = _or_exit(baseline.write, path, results)
        _tell(f"plainlint: recorded {n} finding{'s' if n != 1 else ''} in {path}; "
              "later runs with --baseline report only new ones.")
        return [baseline.with_findings(r, []) for r in results]
    known = _or_exit(baseline.load, path)
    kept, dropped = baseline.new_only(results, known)
    if dropped:
        _tell(f"plainlint: {dropped} finding{'s' if dropped != 1 else ''} left out: already in {path}.")
    return kept


def _yaml_value(value) -> str:
    """An option's value as it would be written in rules.yml."""
    import yaml

    return yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix("\n...").strip()


@main.command("lsp")
def lsp() -> None:
    """Run the language server for editors: diagnostics, hovers and quick fixes for HTML
    and Markdown, over standard input and output."""
    from plainlint.lsp.server import serve

    serve()
