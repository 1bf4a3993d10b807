"""The background warm-up loads the training stack once, off the calling thread."""

import subprocess
import sys


def test_warm_up_imports_torch_and_sklearn_in_a_background_thread():
    code = (
        "import sys, threading\n"
        "from ce_desktop.core import warmup\n"
        "assert 'torch' not in sys.modules\n"
        "assert warmup.start_warm_up() is True\n"
        "assert warmup.start_warm_up() is False\n"
        "assert warmup.finished.wait(120)\n"
        "print(sorted(t.name for t in threading.enumerate()))\n"
        "print('torch' in sys.modules, 'sklearn.metrics' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=180, check=True).stdout.splitlines()
    assert out[-1] == "True True"
