"""The fix builder as the detector calls it: a builder that raises gives no fix, not no finding.

Fixes are built while a finding is reported (the builders are called for its arguments), so an
exception in one of them would leave the statement's analysis, and the finding with it. Seen
through this guard, a failing builder gives what "no fix here" means for it and a note in the
report's problems, and the finding is reported with the fixes that could be built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from .fixes import FixBuilder

# what a builder gives when it fails, where it is not "no fix" (None): a predicate deciding
# whether a fix is safe says "not known to be safe"; one deciding whether to report says "report"
_ON_FAILURE: dict[str, object] = {"input_read_after": True, "leaf_again_later": False}
# setup, not fix building: a failure there is a failure of the analysis
_UNGUARDED = frozenset({"add_source"})


class _GuardedFixes:
    def __init__(self, builder: FixBuilder, problems: list[str]) -> None:
        self._builder = builder
        self._problems = problems

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._builder, name)
        if name in _UNGUARDED or name.startswith("_") or not callable(attr):
            return attr
        return self._guard(name, attr)

    def _guard(self, name: str, build: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return build(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - any failure of one fix, kept to it
                self._problems.append(
                    f"a fix was left out ({name}: {type(exc).__name__}: {exc}); "
                    f"the finding is reported without it"
                )
                return _ON_FAILURE.get(name)

        return call


def guarded(builder: FixBuilder, problems: list[str]) -> FixBuilder:
    """`builder` with each fix-building call guarded; failures are noted in `problems`."""
    return cast(FixBuilder, _GuardedFixes(builder, problems))
