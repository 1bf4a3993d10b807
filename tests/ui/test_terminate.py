"""A plain kill (SIGTERM) ends the app as Ctrl+Q does: settings saved, workers ended, no
semaphore leaked."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import worker_pids

pytestmark = [pytest.mark.process,
              pytest.mark.skipif(sys.platform != "linux", reason="reads /proc for the workers")]


def test_sigterm_closes_the_window_and_ends_the_workers(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               CE_DESKTOP_LOG_DIR=str(tmp_path / "log"))
    app = subprocess.Popen([sys.executable, "-m", "ce_desktop"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The warm-up's worker process: the app is then fully up (a busy machine is slow).
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while not workers and time.monotonic() < deadline:
            assert app.poll() is None, "the app exited on its own"
            time.sleep(0.2)
            workers = worker_pids(app.pid)
        assert workers, "no worker process was started"
        time.sleep(1.0)  # idle in the event loop: no Python runs until the signal wakes it
        app.send_signal(signal.SIGTERM)
        returncode = app.wait(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
        _, stderr = app.communicate(timeout=30)
    assert returncode == 0, stderr
    assert "leaked semaphore" not in stderr
    assert "Traceback" not in stderr
    assert list((tmp_path / "config").rglob("ce-desktop.ini")), "the settings were not saved"
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
