"""The command line as a user runs it: separate processes, exit codes, files written."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from ce_desktop import __version__
from ce_desktop.core.lesson.steps import load_steps

#: Starts a process of its own: the app's worker or command line, or an external tool.
pytestmark = pytest.mark.process


def run_cli(*args: str, timeout: float = 120, **env_extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **env_extra)
    env.pop("QT_QPA_PLATFORM", None)  # the CLI must choose offscreen itself where it needs to
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "ce_desktop", *args],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ce-desktop {__version__}"


def test_help_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("screenshot", "self-test", "--version"):
        assert command in result.stdout


@pytest.mark.parametrize(("size", "message"), [
    (("100000", "100000"), "100000 is outside 200–8192 pixels"),
    (("0", "600"), "0 is outside 200–8192 pixels"),
    (("wide", "600"), "'wide' is not a whole number"),
])
def test_a_screenshot_size_out_of_range_exits_2_with_the_reason(tmp_path, size, message):
    path = tmp_path / "x.png"
    result = run_cli("screenshot", "--width", size[0], "--height", size[1], str(path))
    assert result.returncode == 2 and message in result.stderr
    assert not path.exists()


def test_screenshot_writes_the_window_as_png(tmp_path):
    path = tmp_path / "entropy.png"
    result = run_cli("screenshot", "--tab", "entropy", str(path))
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)
    # A real picture, not a blank window: many distinct colours (bars, curves, text).
    colours = {image.pixel(x, y) for x in range(0, 1440, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_dark_screenshot_is_dark(tmp_path):
    from PySide6.QtGui import QColor

    light, dark = tmp_path / "light.png", tmp_path / "dark.png"
    for path, theme in ((light, "light"), (dark, "dark")):
        result = run_cli("screenshot", "--tab", "entropy", "--theme", theme, str(path))
        assert result.returncode == 0, result.stderr

    def mean_lightness(path):
        image = QImage(str(path))
        values = [QColor(image.pixel(x, y)).lightness()
                  for x in range(0, 1440, 9) for y in range(0, 900, 9)]
        return sum(values) / len(values)

    assert mean_lightness(light) > 180
    assert mean_lightness(dark) < 80


def test_high_dpi_screenshot_has_the_same_layout_at_twice_the_pixels(tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    normal, double = tmp_path / "1x.png", tmp_path / "2x.png"
    assert run_cli("screenshot", "--tab", "entropy", str(normal)).returncode == 0
    result = run_cli("screenshot", "--tab", "entropy", str(double), QT_SCALE_FACTOR="2")
    assert result.returncode == 0, result.stderr
    big = QImage(str(double))
    assert (big.width(), big.height()) == (2880, 1800)
    small = big.scaled(1440, 900, Qt.AspectRatioMode.IgnoreAspectRatio,
                       Qt.TransformationMode.SmoothTransformation)
    reference = QImage(str(normal))
    differences = [abs(QColor(small.pixel(x, y)).lightness()
                       - QColor(reference.pixel(x, y)).lightness())
                   for x in range(0, 1440, 5) for y in range(0, 900, 5)]
    # Same widgets in the same places; only the anti-aliasing of edges differs (measured
    # 2.0; a layout just 40 px narrower differs by 11).
    assert sum(differences) / len(differences) < 5


def test_trainer_screenshot_shows_a_finished_tutorial_run(tmp_path):
    path = tmp_path / "trainer.png"
    result = run_cli("screenshot", "--tab", "trainer", str(path), timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)
    colours = {image.pixel(x, y) for x in range(0, 1440, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def digits_trainer_screenshot(tmp_path, section: str) -> QImage:
    """The trainer's ``section`` after a digits run, rendered at 1280 × 720."""
    path = tmp_path / f"{section}.png"
    result = run_cli("screenshot", "--tab", "trainer", "--section", section, "--dataset",
                     "digits", "--width", "1280", "--height", "720", str(path), timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 720)
    return image


def test_trainer_samples_screenshot_shows_the_worst_digits_card(tmp_path):
    image = digits_trainer_screenshot(tmp_path, "samples")
    # The card stands at the top right, over the live plots: the bar of p on the true class
    # is a solid block of p's blue there (measured: 216 samples of it; the live plots' thin
    # curves alone give 76).
    blue = sum(QColor(image.pixel(x, y)).name() == "#1f77b4"
               for x in range(580, 1270, 3) for y in range(20, 400, 3))
    assert blue > 150


def test_trainer_pinned_screenshot_draws_the_three_worst_samples_lines(tmp_path):
    from ce_desktop.ui.trainer.pinned_view import PIN_COLORS

    image = digits_trainer_screenshot(tmp_path, "pinned")
    # The Pinned page fills the lower right: each pin's colour in its lines, dots and list
    # entry (measured: 120 to 190 samples of each; the Samples screenshot has none).
    for colour in PIN_COLORS[:3]:
        found = sum(QColor(image.pixel(x, y)).name() == colour
                    for x in range(530, 1270, 2) for y in range(400, 700, 2))
        assert found > 60, colour


@pytest.mark.parametrize(
    ("section", "min_colours"),
    # Measured: 754, 1449 and 2247 distinct colours; the entropy tab has 309, and an
    # uncomputed landscape section far fewer than a computed one.
    [("curves", 400), ("logistic", 1000), ("landscape", 1500)],
)
def test_surface_screenshot_shows_each_section_with_content(tmp_path, section, min_colours):
    path = tmp_path / f"surface-{section}.png"
    result = run_cli("screenshot", "--tab", "surface", "--section", section, str(path),
                     timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)
    colours = {image.pixel(x, y) for x in range(0, 1440, 5) for y in range(0, 900, 5)}
    assert len(colours) > min_colours


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("screenshot", "--tab", "nowhere", "x.png"), "invalid choice"),
        (("screenshot", "--lang", "xx_YY", "x.png"),
         "no translation for 'xx_YY'; available: en, zh_CN"),
        (("screenshot", "--tab", "entropy", "--section", "samples", "x.png"),
         "the entropy tab has no section 'samples'"),
        (("screenshot", "--tab", "surface", "--section", "samples", "x.png"),
         "choose curves, logistic, landscape"),
    ],
)
def test_screenshot_rejects_bad_arguments(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_screenshot_in_chinese_exits_0(tmp_path):
    path = tmp_path / "entropy-zh_CN.png"
    result = run_cli("screenshot", "--lang", "zh_CN", "--tab", "entropy", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(path)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)


def test_screenshot_to_an_unwritable_path_fails_cleanly(tmp_path):
    result = run_cli("screenshot", str(tmp_path / "missing-folder" / "x.png"))
    assert result.returncode == 1
    assert "could not write" in result.stderr
    assert "Traceback" not in result.stderr


def test_self_test_passes():
    result = run_cli("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test: all" in result.stdout
    for check in ("numerics", "window", "training", "loss grid", "translations", "tables"):
        assert f"ok   {check}" in result.stdout


def test_self_test_fails_when_a_check_fails(monkeypatch, capsys):
    from ce_desktop.commands import self_test

    def broken() -> str:
        raise AssertionError("deliberately broken")

    monkeypatch.setattr(self_test, "CHECKS", [*self_test.CHECKS[:1], ("broken", broken)])
    lines: list[str] = []
    assert self_test.run_self_test(lines.append) == 1
    assert lines[0].startswith("ok   numerics")
    assert "FAIL broken: deliberately broken" in lines
    assert lines[-1] == "self-test: 1 of 2 checks FAILED"


def test_help_lists_train():
    result = run_cli("train", "--help")
    assert result.returncode == 0
    for option in ("--preset", "--config", "--epochs", "--seed", "--json", "--store"):
        assert option in result.stdout


def test_self_test_writes_its_report_to_the_log_file_it_names(tmp_path):
    log_dir = tmp_path / "logs"
    env = dict(os.environ, CE_DESKTOP_LOG_DIR=str(log_dir))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    result = subprocess.run([sys.executable, "-m", "ce_desktop", "self-test"],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    log = log_dir / "self-test.log"
    lines = result.stdout.splitlines()
    assert lines[0] == f"self-test: report also written to {log}"
    logged = log.read_text(encoding="utf-8").splitlines()
    assert logged[0].startswith("self-test of ")
    # The file holds exactly the report printed after the first line.
    assert logged[1:] == lines[1:]
    assert [line[:5] for line in logged[1:6]] == ["ok   "] * 5
    assert logged[-1] == "self-test: all 6 checks passed"


def test_self_test_log_defaults_to_the_user_log_folder(monkeypatch):
    import platformdirs

    from ce_desktop.commands import self_test

    monkeypatch.delenv("CE_DESKTOP_LOG_DIR", raising=False)
    expected = platformdirs.user_log_dir("ce-desktop", appauthor=False)
    assert self_test.log_path() == self_test.Path(expected) / "self-test.log"
    monkeypatch.setenv("CE_DESKTOP_LOG_DIR", "/somewhere/else")
    assert str(self_test.log_path()).replace("\\", "/") == "/somewhere/else/self-test.log"


def test_self_test_without_a_console_reports_only_to_the_log(monkeypatch, tmp_path):
    # A windowed Windows build: sys.stdout is None, so the log file is the only report.
    from ce_desktop.commands import self_test

    monkeypatch.setattr(self_test, "CHECKS", self_test.CHECKS[:1])
    monkeypatch.setattr(sys, "stdout", None)
    log = tmp_path / "deep" / "folder" / "self-test.log"
    assert self_test.run_self_test(log=log) == 0
    logged = log.read_text(encoding="utf-8").splitlines()
    assert len(logged) == 3
    assert logged[1].startswith("ok   numerics: ")
    assert logged[2] == "self-test: all 1 checks passed"


def test_self_test_still_runs_when_the_log_cannot_be_written(monkeypatch, tmp_path):
    from ce_desktop.commands import self_test

    def broken() -> str:
        raise AssertionError("deliberately broken")

    monkeypatch.setattr(self_test, "CHECKS", [*self_test.CHECKS[:1], ("broken", broken)])
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    lines: list[str] = []
    assert self_test.run_self_test(lines.append, log=blocker / "self-test.log") == 1
    assert lines[0].startswith(f"self-test: cannot write the log {blocker / 'self-test.log'}")
    assert lines[1].startswith("ok   numerics")
    assert lines[-1] == "self-test: 1 of 2 checks FAILED"


def test_without_a_display_the_app_says_so_in_one_line_instead_of_aborting():
    result = run_cli(timeout=60, WAYLAND_DISPLAY="")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "xvfb-run" in lines[0]
    assert "xcb" not in result.stderr and "Aborted" not in result.stderr


def test_an_internal_error_is_one_line_for_the_user_and_a_traceback_in_the_log(
        monkeypatch, tmp_path, capsys):
    import logging

    from ce_desktop import cli
    from ce_desktop.commands import self_test

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setenv("CE_DESKTOP_LOG_DIR", str(tmp_path))
    monkeypatch.setattr(self_test, "run_self_test", broken)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert cli.main(["self-test"]) == 1
    finally:
        for handler in set(root.handlers) - set(handlers):
            root.removeHandler(handler)
            handler.close()
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"ce-desktop: internal error (please report it; the details are in "
        f"{tmp_path / 'ce-desktop.log'}): KeyError: 'a bug'"]
    logged = (tmp_path / "ce-desktop.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "KeyError: 'a bug'" in logged


def test_a_training_bug_is_one_line_and_exit_1_and_its_traceback_in_the_log(tmp_path):
    # A bug planted in the trainer of a real `ce-desktop train` process.
    code = ("import sys, ce_desktop.core.training.trainer as t\n"
            "def broken(self, *a, **k):\n"
            "    raise ZeroDivisionError('planted')\n"
            "t.Trainer.epochs = broken\n"
            "from ce_desktop.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    env = os.environ | {"CE_DESKTOP_LOG_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code, "train", "--preset", "tutorial", "--epochs", "1",
         "--store", str(tmp_path / "runs.sqlite")],
        capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "ce-desktop train: internal error (please report it; the details are in the log)")
    assert "ZeroDivisionError: planted" in result.stderr
    logged = (tmp_path / "ce-desktop.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "ZeroDivisionError" in logged



def greenish_pixels(image: QImage, x0: int) -> int:
    """Pixels right of ``x0`` in the colour of the pane's "done" mark (#2ca02c, bold)."""
    count = 0
    for x in range(x0, image.width()):
        for y in range(0, image.height(), 2):
            c = QColor(image.pixel(x, y))
            if c.green() > 120 and c.red() < 90 and c.blue() < 90:
                count += 1
    return count


def test_a_lesson_step_is_rendered_done_in_chinese_at_its_size(tmp_path):
    path = tmp_path / "lesson-8.png"
    result = run_cli("screenshot", "--lesson", "8", "--lang", "zh_CN", "--width", "1280",
                     "--height", "720", str(path))
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    # Docked beside the tabs, the pane did not widen the window.
    assert (image.width(), image.height()) == (1280, 720)
    assert greenish_pixels(image, 1000) > 20  # the task's mark: done


def test_a_lesson_step_at_1024_x_640_floats_its_pane_inside_the_picture(tmp_path):
    path = tmp_path / "lesson-8-small.png"
    result = run_cli("screenshot", "--lesson", "8", "--width", "1008", "--height", "600",
                     str(path))
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    # Too narrow to dock beside the tabs, the pane floats over them: drawn in, no wider.
    assert (image.width(), image.height()) == (1008, 600)
    assert greenish_pixels(image, 760) > 20  # the task's mark, on the pane at the right


STEPS = len(load_steps())


@pytest.mark.parametrize(("number", "message"), [("99", f"the lesson has {STEPS} steps, not 99"),
                                                 ("0", "lesson steps are numbered from 1")])
def test_a_step_that_does_not_exist_exits_2(tmp_path, number, message):
    result = run_cli("screenshot", "--lesson", number, str(tmp_path / "x.png"))
    assert result.returncode == 2 and message in result.stderr
