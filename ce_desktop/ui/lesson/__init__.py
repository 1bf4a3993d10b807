"""Help → Lesson: the tutorial's path as steps that drive the app (core/lesson/ holds them)."""
