"""The run store: every training run and its epochs in SQLite, and recording a run into it."""
