"""Training a classifier with cross-entropy: its settings, networks, the training loop, the
results it reports and model files."""
