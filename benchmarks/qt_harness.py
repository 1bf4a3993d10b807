"""What the Qt benchmarks share: a quiet offscreen platform and waiting for a signal."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler

# The offscreen platform says this once per shown top-level widget; it means nothing here.
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message(_mode, _context, message: str) -> None:
    if message not in QUIET_QT_MESSAGES:
        print(message, file=sys.stderr)


def quiet_qt_messages() -> None:
    """Print Qt's messages to stderr, except the offscreen platform's meaningless ones."""
    qInstallMessageHandler(_qt_message)


def wait_for(signal, timeout_s: float) -> list | None:
    """Run a local event loop until ``signal`` fires: its arguments, or None on timeout."""
    loop = QEventLoop()
    received: list = []

    def on_signal(*args) -> None:
        received.append(list(args))
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    try:
        loop.exec()
    finally:
        signal.disconnect(on_signal)
    return received[0] if received else None


def settle(ms: int) -> None:
    """Run the event loop for ``ms``: what earlier calls queued (layouts, paints) is done."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
