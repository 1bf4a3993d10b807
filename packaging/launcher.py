"""Entry script of the frozen app: the same `main` as `python -m ce_desktop`."""

import sys

from ce_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
