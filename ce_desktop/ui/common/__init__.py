"""Widgets, styles, settings, jobs and export shared by the tabs."""
