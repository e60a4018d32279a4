"""Cross-module type facts from jedi, for names local inference leaves unknown.

Jedi is slow when cold (seconds for its first look at torch), so it is consulted only where
it can change a verdict: the receiver of an in-place op (or the target of an augmented
assignment) that local inference could not type. A time budget bounds it per file; answers
are cached per (line, column).
"""

from __future__ import annotations

import time
from typing import Any

TENSOR_TYPES = frozenset({"torch.Tensor", "torch._tensor.Tensor", "torch.FloatTensor"})
PARAMETER_TYPES = frozenset({"torch.nn.parameter.Parameter", "torch.nn.Parameter"})


class JediTypes:
    def __init__(
        self,
        source: str,
        path: str,
        budget_seconds: float = 5.0,
        project_root: str | None = None,
    ) -> None:
        """`project_root`: jedi's project (the user's project root, so that its own packages
        resolve as they do for us); its environment is the interpreter running gradguard,
        which the editor starts from the user's environment."""
        self.source = source
        self.path = path
        self.project_root = project_root
        self.deadline = time.monotonic() + budget_seconds
        self._script: Any = None
        self._cache: dict[tuple[int, int], str | None] = {}
        self.asked = 0
        self.answered = 0

    def _get_script(self) -> Any:
        if self._script is None:
            import jedi

            project = jedi.Project(self.project_root) if self.project_root else None
            self._script = jedi.Script(
                self.source,
                path=self.path if self.path.endswith(".py") else None,
                project=project,
            )
        return self._script

    def type_of_name(self, line: int, col: int) -> str | None:
        """Full name of the inferred type of the name at (1-based line, 0-based col)."""
        key = (line, col)
        if key in self._cache:
            return self._cache[key]
        if time.monotonic() > self.deadline:
            return None
        self.asked += 1
        result: str | None = None
        try:
            names = self._get_script().infer(line, col)
        except Exception:  # noqa: BLE001 - jedi failures only cost us precision
            names = []
        for name in names:
            full = getattr(name, "full_name", None)
            if full in TENSOR_TYPES or full in PARAMETER_TYPES:
                result = full
                break
        if result is not None:
            self.answered += 1
        self._cache[key] = result
        return result
