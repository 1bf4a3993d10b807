"""An exception no code caught: a traceback in the log, one dialog in the user's language."""

import logging
import sys
import threading

from PySide6.QtWidgets import QMessageBox

from ce_desktop.ui.common import internal_errors


def raised(error: BaseException):
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_an_uncaught_error_is_logged_and_shown_once(qapp, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    with caplog.at_level(logging.ERROR):
        internal_errors.report_internal_error(*raised(KeyError("a bug")))
    assert shown == ["internal error (please report it; the details are in the log): "
                     "KeyError: 'a bug'"]
    (record,) = caplog.records
    assert record.exc_info[0] is KeyError


def test_in_chinese(qapp, monkeypatch):
    from ce_desktop.ui.common import language

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert language.install("zh_CN")
    try:
        internal_errors.report_internal_error(*raised(KeyError("a bug")))
    finally:
        language.remove()
    assert shown and "KeyError: 'a bug'" in shown[0] and "internal error" not in shown[0]


def test_another_thread_logs_without_a_dialog(qapp, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    with caplog.at_level(logging.ERROR):
        worker = threading.Thread(
            target=lambda: internal_errors.report_internal_error(*raised(ValueError("x"))))
        worker.start()
        worker.join()
    assert shown == [] and caplog.records[0].exc_info[0] is ValueError


def test_install_routes_uncaught_exceptions_here(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    internal_errors.install()
    assert sys.excepthook is internal_errors.report_internal_error
    seen = []
    monkeypatch.setattr(internal_errors, "report_internal_error",
                        lambda kind, error, trace: seen.append(kind))
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    assert seen == [ZeroDivisionError]
