"""The command line's commands other than opening the window: train, self-test."""
