"""`python -m ce_desktop` opens the app (or runs a CLI command)."""

import sys

from ce_desktop.cli import main

# Guarded: the training process is started with "spawn", which imports this module again.
if __name__ == "__main__":
    sys.exit(main())
