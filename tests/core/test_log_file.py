"""The log file: where an internal error's traceback goes instead of the user's screen."""

import logging

import pytest

from ce_desktop.core import log_file


@pytest.fixture
def root_handlers():
    """Take away the handlers a test adds to the root logger, whatever happens."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_errors_reach_the_file_with_their_traceback(tmp_path, root_handlers):
    path = log_file.start_log_file(tmp_path / "logs" / "app.log")
    assert path == tmp_path / "logs" / "app.log"
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        logging.getLogger("ce_desktop.somewhere").exception("it broke")
    logging.getLogger("ce_desktop.somewhere").info("routine")
    text = path.read_text(encoding="utf-8")
    assert "ERROR ce_desktop.somewhere: it broke" in text
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError" in text
    assert "routine" not in text


def test_starting_twice_adds_one_handler(tmp_path, root_handlers):
    root = logging.getLogger()
    count = len(root.handlers)
    log_file.start_log_file(tmp_path / "app.log")
    log_file.start_log_file(tmp_path / "app.log")
    assert len(root.handlers) == count + 1


def test_an_unwritable_folder_gives_none_and_changes_nothing(tmp_path, root_handlers):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    root = logging.getLogger()
    count = len(root.handlers)
    assert log_file.start_log_file(blocker / "app.log") is None
    assert len(root.handlers) == count


def test_the_log_is_rotated_not_grown_without_bound(tmp_path, root_handlers, monkeypatch):
    monkeypatch.setattr(log_file, "MAX_LOG_BYTES", 2_000)
    path = log_file.start_log_file(tmp_path / "app.log")
    for i in range(200):
        logging.getLogger("ce_desktop").warning("line %d %s", i, "x" * 40)
    assert path.stat().st_size <= 2_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.log", "app.log.1", "app.log.2"]


def test_the_folder_follows_the_environment(monkeypatch):
    import platformdirs

    monkeypatch.setenv(log_file.LOG_DIR_VARIABLE, "/somewhere/else")
    assert str(log_file.log_folder()).replace("\\", "/") == "/somewhere/else"
    monkeypatch.delenv(log_file.LOG_DIR_VARIABLE)
    assert str(log_file.log_folder()) == platformdirs.user_log_dir("ce-desktop", appauthor=False)
