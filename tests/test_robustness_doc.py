"""docs/robustness.md: at least 100 cases, and every test a row names exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE_ROW = re.compile(r"^\| (\d+) \|")
REFERENCE = re.compile(r"`(?:(test_\w+\.py)::)?(test_\w+)`")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def located(name: str) -> Path:
    """The one test file of that name anywhere under tests/ (names are unique)."""
    (path,) = (ROOT / "tests").rglob(name)
    return path


def rows() -> list[str]:
    text = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if TABLE_ROW.match(line)]


def test_the_table_has_at_least_100_numbered_cases():
    numbers = [int(TABLE_ROW.match(line).group(1)) for line in rows()]
    assert len(numbers) >= 100
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_row_names_tests_that_exist():
    for line in rows():
        references = REFERENCE.findall(line.split("|")[-2])
        assert references, f"row without a test: {line[:60]}"
        current = None
        for file_name, name in references:
            current = file_name or current  # "a.py::x, y" names y in a.py too
            assert current, f"no test file for {name}"
            assert name in functions_in(located(current)), f"{current}::{name}"
