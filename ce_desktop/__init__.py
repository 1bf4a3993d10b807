"""ce-desktop: entropy, cross-entropy and KL divergence made visible."""

__version__ = "0.1.0"
APP_NAME = "ce-desktop"
