"""Imported modules' top levels, kept from one analysis to the next (per thread).

Why: every file of a project imports the same packages; running their top level again for
each file cost more than the whole analysis of the file (timm: 218 modules behind one
import). A module is kept only when running it changed nothing outside its own namespace
(no saves, heap entries, findings or problems, no grad-mode switch; the sites it allocated
tensors at are kept with it and marked again on reuse) and
every module it read is kept too; it is reused while its text and theirs are unchanged
(content keys). A later analysis that rebinds one of its globals (a registry dict extended
by a function) has the binding put back before the next reuse; one that changes an object
one of them made (a module-level layer) drops every kept module after the fact: the next
analysis runs them afresh.
"""

from __future__ import annotations

import bisect
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .modules import ModuleScope
from .values import Sid

MAX_KEPT = 4000


@dataclass
class KeptModule:
    scope: ModuleScope
    text_key: str
    deps: tuple[str, ...]  # the modules (by key) it read while it ran, itself excluded
    first_serial: int  # the objects it made are numbered first_serial .. last_serial - 1
    last_serial: int
    # its globals as its top level left them: a later analysis that rebinds one (a registry
    # dict extended by a function) changed them; the next reuse puts them back
    bindings: dict[str, object] = field(default_factory=dict)
    # registrations its top level made in other modules' dicts (decorators such as
    # `@register_model("x")`): (module key, dict name, key, value), replayed on reuse
    replays: tuple[tuple[str, str, object, object], ...] = ()
    # the tensor sites its top level (its imports' included) allocated at: marked allocated
    # again in an analysis that reuses it, as if it had run there
    allocated: frozenset[Sid] = frozenset()


@dataclass
class ModuleCache:
    entries: dict[str, KeptModule] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)  # sorted serial ranges of kept modules
    _ends: list[int] = field(default_factory=list)
    _envs: dict[int, str] = field(default_factory=dict)  # id() of kept modules' globals
    _rebound: set[str] = field(default_factory=set)  # kept modules whose globals changed
    # a batch (`gradguard check`) reads each file once, so a kept module checked against the
    # disk once in the batch stays valid for the rest of it: the next analyses skip the stat
    # of every module behind every import (fairseq: ~110 per file)
    batch: bool = False
    confirmed: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    def keep(self, key: str, kept: KeptModule) -> None:
        if len(self.entries) >= MAX_KEPT:
            self.clear()
        self.entries[key] = kept
        self.confirmed.discard(key)
        kept.bindings = dict(kept.scope.env)
        self._add_range(kept.first_serial, kept.last_serial)
        self._envs[id(kept.scope.env)] = key

    def _add_range(self, start: int, end: int) -> None:
        """Keep the serial ranges disjoint and sorted (a package's range holds its
        submodules'), merging what overlaps."""
        index = bisect.bisect_left(self._starts, start)
        if index > 0 and self._ends[index - 1] >= start:
            index -= 1
            start = self._starts[index]
        stop = index
        while stop < len(self._starts) and self._starts[stop] <= end:
            end = max(end, self._ends[stop])
            stop += 1
        self._starts[index:stop] = [start]
        self._ends[index:stop] = [end]

    def made_by_kept(self, serial: int) -> bool:
        index = bisect.bisect_right(self._starts, serial) - 1
        return index >= 0 and serial < self._ends[index]

    def rebound(self, env: object) -> None:
        """A kept module's global was rebound (by this analysis's code): undo it on reuse."""
        key = self._envs.get(id(env))
        if key is not None:
            self._rebound.add(key)

    def restore(self, key: str) -> None:
        """Its globals as its top level left them (before an analysis reuses it)."""
        if key in self._rebound:
            self._rebound.discard(key)
            kept = self.entries[key]
            kept.scope.env.clear()
            kept.scope.env.update(kept.bindings)

    def clear(self) -> None:
        self.entries.clear()
        self._starts.clear()
        self._ends.clear()
        self._envs.clear()
        self._rebound.clear()
        self.confirmed.clear()


_LOCAL = threading.local()


def module_cache() -> ModuleCache:
    cache: ModuleCache | None = getattr(_LOCAL, "cache", None)
    if cache is None:
        cache = _LOCAL.cache = ModuleCache()
    return cache


@contextmanager
def batch_run() -> Iterator[None]:
    """Analyses of files that do not change while they run (`gradguard check` over a tree):
    a kept module found unchanged once is not checked against the disk again."""
    cache = module_cache()
    cache.batch = True
    cache.confirmed.clear()
    try:
        yield
    finally:
        cache.batch = False
        cache.confirmed.clear()


def start_batch() -> None:
    """A worker process that serves one batch only: batch mode for its whole life."""
    module_cache().batch = True


_frozen_at = 0
# a batch's collections: the first generation is collected every 200,000 net allocations
# rather than 700 (an analysis allocates millions of short-lived values; measured on the
# real-code corpus with the project's modules followed: 32.4 s -> 24.8 s of CPU). Not in
# the editor's workers, where one large collection is a visible pause (see lsp/worker.py).
BATCH_GC_THRESHOLDS = (200_000, 30, 30)


def settle_for_batch() -> None:
    """For a batch of analyses in one process (`gradguard check`): once new modules were
    kept, move everything alive now out of the cyclic garbage collector's way, so that its
    full collections stop rescanning the kept modules (measured on timm: a 1.2 s pause every
    few files, 13.1 s -> 9.6 s for the repository), and collect less often. Not for
    long-lived servers: a frozen object that later becomes garbage in a cycle is never
    collected."""
    global _frozen_at
    if gc.get_threshold() != BATCH_GC_THRESHOLDS:
        gc.set_threshold(*BATCH_GC_THRESHOLDS)
    kept = len(module_cache().entries)
    if kept > _frozen_at:
        gc.freeze()
        _frozen_at = kept


def forget_kept() -> None:
    """Start over: no kept module, nothing frozen (a benchmark's next cold round)."""
    global _frozen_at
    module_cache().clear()
    gc.unfreeze()
    _frozen_at = 0
