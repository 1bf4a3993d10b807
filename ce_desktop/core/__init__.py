"""Qt-free numerics: importable without a display and without Qt installed."""
