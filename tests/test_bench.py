"""`python bench/load.py --quick`: the benchmark's smoke test. It checks correctness only (no
errors, every decision recorded once and posted to the audit channel exactly once, through the
429/500 stretch and the SIGKILL); the timings it prints are not asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_every_dialog_and_posts_each_decision_once() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "every run correct" in done.stdout
    for run in ("bare Bolt", "infoshare (sqlite)", "429 + 500s", "SIGKILL + restart"):
        assert run in done.stdout, run
    assert " 0 lost, 0 posted twice" in done.stdout
    assert "restart took" in done.stdout


def test_checkpoint_benchmark_commits_every_transaction_in_both_modes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "wal_checkpoint.py"), "--commits", "250",
         "--rounds", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "all committed" in done.stdout
    assert "checkpoint at the commit: loop's longest stall" in done.stdout
    assert "checkpoint in a worker: loop's longest stall" in done.stdout
