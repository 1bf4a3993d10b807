"""Where heavy jobs run: in a child process (the app), or in the calling thread (the
explicit fallback, and tests). Both take the same :class:`~ce_desktop.core.jobs.Job` and
hand back the same events. Imports no Qt, and nothing here imports torch in the caller."""

from ce_desktop.backend.runners import InProcessRunner, ProcessRunner, Runner, default_runner

__all__ = ["InProcessRunner", "ProcessRunner", "Runner", "default_runner"]
