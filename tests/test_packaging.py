"""Packaging: the frozen executable, its icons and platform files, the release workflow.

The `frozen` test builds the one-folder executable with PyInstaller (minutes) and runs its
self-test; it runs only when selected (`pytest -m frozen`, a step of .ci/run). The others
are quick checks of the files the build and the release workflow use.
"""

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ce_desktop import __version__

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"ce_desktop_packaging_{name}",
                                                  ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


check_frozen = _load("check_frozen")
packaging_build = check_frozen.build_module

ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "resources" / "linux"
APP_ID = "io.github.cedesktop.CeDesktop"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (required in CI; .ci/run installs it)")
        pytest.skip(reason)


@pytest.mark.frozen
@pytest.mark.timeout(1800)
def test_frozen_executable_builds_and_passes_its_self_test(tmp_path):
    _require(importlib.util.find_spec("PyInstaller") is not None,
             "PyInstaller is not installed (pip install -e '.[build]')")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")],
                            capture_output=True, text=True, timeout=1500, cwd=ROOT)
    build_seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    exe = packaging_build.executable()
    assert exe.is_file()
    assert "built " in result.stdout and " MB " in result.stdout
    shipped = list(exe.parent.rglob("ce_desktop/translations/ce_desktop_zh_CN.qm"))
    assert shipped, "the Chinese interface translation is not in the build"
    assert list(exe.parent.rglob("resources/icons/ce-desktop-256.png"))
    assert list(exe.parent.rglob("ce_desktop/core/lesson/steps.json"))
    size = packaging_build.folder_size(exe.parent)
    # Measured 776 MB with every cut, 1029 MB with none: a lost cut shows here.
    assert size < 850e6, f"the build grew to {size / 1e6:.0f} MB"

    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True,
                             timeout=120)
    if sys.platform != "win32":  # a windowed Windows build has no stdout
        assert version.stdout.strip() == f"ce-desktop {__version__}"

    report = check_frozen.run_frozen_self_test(exe, tmp_path / "logs")
    assert report.problems() == [], report.stdout + report.stderr
    assert report.returncode == 0
    for check in check_frozen.CHECKS:
        assert any(line.startswith(f"ok   {check}: ") for line in report.log_lines)
    assert "Traceback" not in report.stderr
    print(f"\nfrozen build: {build_seconds:.0f} s, {size / 1e6:.0f} MB; "
          f"self-test {report.seconds:.1f} s")
    print("\n".join(report.log_lines))


def test_pytest_leaves_out_the_frozen_test_unless_asked(request):
    # `make test` must not build: the marker is deselected in addopts.
    assert "not frozen" in request.config.getini("addopts")
    markers = request.config.getini("markers")
    assert any(marker.startswith("frozen:") for marker in markers)


def test_pngs_have_the_size_their_name_says():
    from PySide6.QtGui import QImage

    sizes = sorted(int(p.stem.rsplit("-", 1)[1]) for p in ICONS.glob("ce-desktop-*.png"))
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512, 1024]
    for size in sizes:
        image = QImage(str(ICONS / f"ce-desktop-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        # Transparent corner, opaque centre: a tile, not a square.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_ico_holds_png_entries_up_to_256():
    data = (ICONS / "ce-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        assert bits == 32
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_entries_up_to_1024():
    data = (ICONS / "ce-desktop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    offset, types = 8, []
    while offset < len(data):
        ostype, length = data[offset:offset + 4].decode(), struct.unpack_from(">I", data,
                                                                               offset + 4)[0]
        assert data[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        types.append(ostype)
        offset += length
    assert offset == len(data)
    assert {"ic07", "ic08", "ic09", "ic10"} <= set(types)


def test_desktop_file_launches_the_app_with_its_icon():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "ce-desktop"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert "Education" in entry["Categories"].split(";")


def test_appstream_metainfo_names_the_desktop_file_and_this_version():
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == "MIT"
    assert next(r.get("version") for r in root.iter("release")) == __version__


def test_appstream_metainfo_validates():
    appstreamcli = shutil.which("appstreamcli")
    if appstreamcli is None:
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run([appstreamcli, "validate", "--no-net",
                             str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spec_knows_its_cuts_and_ships_the_resources():
    spec = (ROOT / "packaging" / "ce-desktop.spec").read_text(encoding="utf-8")
    assert 'CUTS = ("modules", "files", "strip")' in spec
    assert "console=False" in spec and "exclude_binaries=True" in spec  # windowed, one-folder
    assert '"NSHighResolutionCapable": True' in spec
    assert "LSMinimumSystemVersion" in spec
    # Excluding these broke the frozen app: torch imports torch.testing at start-up and
    # pyqtgraph imports QtOpenGL unconditionally (the spec's comment on EXCLUDED_MODULES;
    # docs/performance.md, "The size cuts").
    assert '"torch.testing"' not in spec
    assert '"PySide6.QtOpenGL"' not in spec
    assert '(ROOT / "ce_desktop" / "translations").glob("*.qm")' in spec
    assert '(ROOT / "ce_desktop" / "core" / "lesson").glob("*.json")' in spec


def test_archive_name_says_version_and_platform():
    tag = packaging_build.platform_tag()
    assert tag.split("-")[0] in ("linux", "windows", "macos")
    assert packaging_build.version() == __version__


def test_frozen_report_lists_every_problem():
    lines = ["self-test of x", "ok   numerics: fine", "FAIL window: no",
             "self-test: 1 of 4 checks FAILED"]
    report = check_frozen.FrozenReport(1, "\n".join(lines), "", lines, 1.0)
    problems = report.problems()
    assert "exit code 1" in problems
    assert "no 'ok' line for 'window' in the log" in problems
    assert "no 'ok' line for 'numerics' in the log" not in problems
    assert "the log does not end with the all-passed line" in problems
    good = ["self-test of x", *(f"ok   {c}: fine" for c in check_frozen.CHECKS),
            f"self-test: all {len(check_frozen.CHECKS)} checks passed"]
    assert check_frozen.FrozenReport(0, "\n".join(["log at y", *good[1:]]), "", good,
                                     1.0).problems() == []


def test_release_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.executable).parent))
    _require(actionlint is not None, "actionlint is not installed")
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_release_workflow_builds_tests_and_uploads_on_every_os():
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in text
    assert "https://download.pytorch.org/whl/cpu" in text
    assert "packaging/build.py --archive" in text
    assert "packaging/check_frozen.py" in text
    assert "actions/upload-artifact" in text
    assert "tags:" in text
