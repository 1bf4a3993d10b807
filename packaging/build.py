"""Build the one-folder executable: `python packaging/build.py` → dist/ce-desktop/.

Runs PyInstaller on packaging/ce-desktop.spec, then prints the folder's size and the build
time. `--archive` also packs the folder (tar.gz on Linux and macOS, zip on Windows) into
dist/ for a release; `--cuts` chooses the size cuts (see the spec; default: all).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "ce-desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_NAME = "ce-desktop"


def folder_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symbolic links not followed nor counted twice)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "ce_desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform,
                                                                          sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{system}-{machine}"


def executable(dist: Path = DIST) -> Path:
    """The built executable in the one-folder build."""
    name = f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME
    return dist / APP_NAME / name


def build(cuts: str | None = None, clean: bool = False) -> float:
    env = dict(os.environ)
    if cuts is not None:
        env["CE_DESKTOP_CUTS"] = cuts
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def archive() -> Path:
    base = DIST / f"{APP_NAME}-{version()}-{platform_tag()}"
    if sys.platform == "darwin" and (DIST / f"{APP_NAME}.app").is_dir():
        # The .app bundle is what a macOS user drags to Applications.
        root, folder = DIST, f"{APP_NAME}.app"
    else:
        root, folder = DIST, APP_NAME
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(base), "zip", root, folder))
    # tar keeps the symbolic links and executable bits a zip would lose.
    return Path(shutil.make_archive(str(base), "gztar", root, folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", help="size cuts: 'all' (default), 'none' or a comma list "
                        "of modules,files,strip")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--archive", action="store_true", help="also pack dist/ce-desktop")
    args = parser.parse_args(argv)
    seconds = build(args.cuts, args.clean)
    folder = DIST / APP_NAME
    size = folder_size(folder)
    print(f"built {folder} in {seconds:.0f} s: {size / 1e6:.0f} MB "
          f"({size / 2**20:.0f} MiB), executable {executable()}")
    if args.archive:
        path = archive()
        print(f"archived {path}: {path.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
