"""The README stays true: commands, CLI, columns, deploy file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from timeline.cli import parser
from timeline.table import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"timeline {name}" in README, name


def test_every_event_table_column_is_documented() -> None:
    for column in COLUMNS:
        assert f"`{column}`" in README, column


def test_the_two_commands() -> None:
    assert "streamlit run app.py" in README
    block = README.split("<!-- test-command -->", 1)[1]
    assert re.search(r"```bash\n.*python -m pytest(?: --slow)?\n```", block)


def test_screenshots_in_the_readme_exist() -> None:
    for path in re.findall(r"(docs/screenshots/[\w.-]+\.png)", README):
        assert (ROOT / path).exists(), path


def _names(requirements: list[str]) -> dict[str, str]:
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower(): r.replace(" ", "") for r in requirements}


def test_cloud_requirements_match_the_project_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith(("#", "-e"))]
    assert _names(lines) == _names(project)


def test_the_first_command_installs_the_timeline_command() -> None:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    # pip install -r requirements.txt installs the project, its `timeline` script with it (and on a
    # deployment on PostgreSQL its driver, as the README's Deploy section says)
    assert "-e ." in lines or "-e .[postgres]" in lines


def test_no_dependency_file_that_cloud_would_read_first() -> None:
    for name in ("uv.lock", "Pipfile", "environment.yml"):
        assert not (ROOT / name).exists(), f"{name} would take precedence over requirements.txt on Cloud"
