"""Entry script of the frozen app: the same `main` as `python -m ce_desktop`."""

import multiprocessing
import sys

from ce_desktop.cli import main

if __name__ == "__main__":
    # The training process is this executable started again; let it run its task, not main.
    multiprocessing.freeze_support()
    sys.exit(main())
