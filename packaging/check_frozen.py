"""Run a built executable's `self-test` and check its report: `python packaging/check_frozen.py`.

Used by tests/test_packaging.py and by the release workflow on every runner. The report is
read from the self-test's log file, which a windowed Windows build (no console) also writes;
on Linux and macOS stdout must hold the same lines. Exits 0 only if every check is "ok".
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def _load_build_module():
    # Loaded by path: a module named `build` may also be installed (pypa's build).
    path = Path(__file__).resolve().parent / "build.py"
    spec = importlib.util.spec_from_file_location("ce_desktop_packaging_build", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


build_module = _load_build_module()
executable = build_module.executable

CHECKS = ("numerics", "window", "training", "loss grid", "translations", "tables")


@dataclass
class FrozenReport:
    returncode: int
    stdout: str
    stderr: str
    log_lines: list[str]
    seconds: float

    def problems(self) -> list[str]:
        """Everything wrong with this report; empty when the frozen self-test passed."""
        found = []
        if self.returncode != 0:
            found.append(f"exit code {self.returncode}")
        for check in CHECKS:
            if not any(line.startswith(f"ok   {check}: ") for line in self.log_lines):
                found.append(f"no 'ok' line for {check!r} in the log")
        passed = f"self-test: all {len(CHECKS)} checks passed"
        if not self.log_lines or self.log_lines[-1] != passed:
            found.append("the log does not end with the all-passed line")
        if sys.platform != "win32" and self.stdout.splitlines()[1:] != self.log_lines[1:]:
            found.append("stdout and the log file differ")
        return found


def run_frozen_self_test(exe: Path, log_dir: Path, timeout: float = 600) -> FrozenReport:
    env = dict(os.environ, CE_DESKTOP_LOG_DIR=str(log_dir), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    result = subprocess.run([str(exe), "self-test"], capture_output=True, text=True,
                            timeout=timeout, env=env)
    seconds = time.perf_counter() - start
    log = log_dir / "self-test.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return FrozenReport(result.returncode, result.stdout, result.stderr, lines, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", nargs="?", type=Path, default=executable(),
                        help="the frozen executable (default: dist/ce-desktop/ce-desktop)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        report = run_frozen_self_test(args.executable, Path(folder))
    print("\n".join(report.log_lines) or report.stdout)
    if report.stderr.strip():
        print(report.stderr.rstrip(), file=sys.stderr)
    problems = report.problems()
    for problem in problems:
        print(f"check_frozen: {problem}", file=sys.stderr)
    print(f"check_frozen: {args.executable} self-test took {report.seconds:.1f} s: "
          f"{'FAILED' if problems else 'passed'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
