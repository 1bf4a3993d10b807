"""`python -m ce_desktop` opens the app (or runs a CLI command)."""

import sys

from ce_desktop.cli import main

sys.exit(main())
