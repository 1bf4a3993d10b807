"""Tab 3, the trainer: configure a run, watch it learn, read its results."""
