"""Import the training stack ahead of the first click, off the GUI thread."""

from __future__ import annotations

import contextlib
import threading
import time

_started = threading.Event()
finished = threading.Event()
"""Set once the warm-up has completed."""


def warm_up() -> float:
    """Import torch and scikit-learn and take one optimiser step; returns the seconds spent.

    The first Adam step alone imports torch._dynamo, sympy and more (~1.7 s); paying that
    while the user is still reading the window makes the first training click fast.
    """
    started = time.perf_counter()
    import sklearn.calibration  # imported for its import cost alone, as are the next ones
    import sklearn.datasets
    import sklearn.metrics
    import sklearn.model_selection  # noqa: F401
    import torch

    from ce_desktop.core import training  # noqa: F401

    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.Adam(model.parameters(), fused=True)
    model(torch.zeros(1, 2)).sum().backward()
    optimizer.step()
    finished.set()
    return time.perf_counter() - started


def _warm_up_quietly() -> None:
    # Only a head start: if it fails, the real import reports the failure when training starts.
    with contextlib.suppress(Exception):
        # The training process first: the first click waits for it. This process still
        # needs torch for the landscapes and for the model a run hands back.
        from ce_desktop.core import training_process

        training_process.prestart()
    with contextlib.suppress(Exception):
        warm_up()


def start_warm_up() -> bool:
    """Start the training process and :func:`warm_up` in a background thread, once per
    process; False if started before.

    Not a daemon thread: quitting during the warm-up waits for the imports to finish.
    Interpreter shutdown in the middle of ``import torch`` fails inside torch and prints a
    traceback (seen when the app was quit three seconds after it started).
    """
    if _started.is_set():
        return False
    _started.set()
    threading.Thread(target=_warm_up_quietly, name="warm-up", daemon=False).start()
    return True
