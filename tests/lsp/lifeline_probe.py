"""Run in a spawned worker by test_lsp_orphans.py: the lifeline with the kernel's parent-death
signal switched off, so the portable watch alone must end the worker."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from gradguard.lsp import lifeline


def start_without_kernel_signal() -> None:
    lifeline._ask_kernel_for_parent_death_signal = lambda: False  # type: ignore[assignment]
    lifeline.watch_parent()


def main() -> None:
    """The middle process: start one worker, print its pid, wait to be killed."""
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=get_context("spawn"), initializer=start_without_kernel_signal
    )
    print(pool.submit(os.getpid).result(), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
