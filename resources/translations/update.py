"""Re-extract the interface's strings and recompile the translations: ``python update.py``.

1. ``pyside6-lupdate`` reads every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` string
   in every module under ``ce_desktop/ui``, ``ce_desktop/core`` and ``ce_desktop/backend``
   (the core's messages, see
   ``core/messages.py``) and merges them into ``ce_desktop_<lang>.ts`` here (strings no
   longer in the code are dropped; new ones arrive marked unfinished).
2. Translate the unfinished messages (Qt Linguist, ``pyside6-linguist``, or any editor).
3. Run this script again: ``pyside6-lrelease`` compiles each .ts into
   ``ce_desktop/translations/ce_desktop_<lang>.qm``, the file the app loads.

``tests/ui/test_translations.py`` fails while a string is untranslated or a .qm is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
#: The translated languages; English is the source language and needs no file.
LANGUAGES = ("zh_CN",)
QM_DIR = ROOT / "ce_desktop" / "translations"


def sources() -> list[Path]:
    """Every Python file whose strings are shown in the interface."""
    package = ROOT / "ce_desktop"
    # Every subpackage too: a module moved into a feature folder keeps its strings.
    return sorted(path for layer in ("ui", "core", "backend")
                  for path in (package / layer).rglob("*.py"))


def ts_path(language: str) -> Path:
    return HERE / f"ce_desktop_{language}.ts"


def qm_path(language: str) -> Path:
    return QM_DIR / f"ce_desktop_{language}.qm"


def tool(name: str) -> str:
    """A Qt tool from the running Python's environment (the venv), else from PATH."""
    local = Path(sys.executable).parent / name
    for candidate in (local, local.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def lupdate(ts: Path) -> None:
    """Merge the sources' strings into ``ts`` (created if missing)."""
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "relative",
         *(str(path) for path in sources()), "-ts", str(ts)],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    for language in LANGUAGES:
        lupdate(ts_path(language))
        lrelease(ts_path(language), qm_path(language))
        print(f"{ts_path(language).relative_to(ROOT)} -> {qm_path(language).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
