"""Turning off PySide's scan of every imported module's source.

Once ``PySide6.QtCore`` is imported, PySide reads the source of each module imported after
it (``inspect.getsource``) to learn whether it might use ``from __feature__ import …``
(snake_case, true_property), and keeps every file it read in ``linecache``. On the first
tab's path that is about 300 modules (numpy, pyqtgraph, the app's own): 40–90 ms before the
tab is usable and about 16 MB of the window process's memory, for a feature the app never
uses. A frozen build ships no sources, so there the scan finds nothing either way.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: Where PySide keeps the scan (``PySide6.support.feature``, loaded under this name).
FEATURE_MODULE = "shibokensupport.feature"


def _uses_pyside_without_features(module: ModuleType) -> bool:
    """What the scan would conclude for each of the app's modules: it may call Qt, with no
    ``__feature__`` selected (PySide's default selection for such a module, 0)."""
    return True


def skip_source_scan() -> bool:
    """Answer PySide's per-import question without reading the module's source; True if
    the scan was found and replaced (a PySide without it is left as it is)."""
    import PySide6.QtCore  # noqa: F401  (installs the import hook and loads the feature module)

    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside_without_features
    return True
