"""Diagnostics one unit's analysis found in another open document (the hazard in `utils.py`
that `train.py`'s call causes), and the reverse dependencies that say which units to analyse
again when a module changes.

A document shows its own unit's diagnostics plus every other unit's contribution to it; a
contribution is replaced by that unit's next result and dropped when the unit closes.
"""

from __future__ import annotations

from lsprotocol import types


class CrossFileBook:
    def __init__(self) -> None:
        self._contributions: dict[str, dict[str, list[types.Diagnostic]]] = {}  # uri -> unit
        self._modules: dict[str, frozenset[str]] = {}  # unit -> files of modules it read

    def contribute(self, unit: str, by_uri: dict[str, list[types.Diagnostic]]) -> set[str]:
        """Replace `unit`'s contributions; returns the URIs whose diagnostics changed."""
        changed: set[str] = set()
        for uri, units in list(self._contributions.items()):
            if unit in units and uri not in by_uri:
                del units[unit]
                changed.add(uri)
                if not units:
                    del self._contributions[uri]
        for uri, items in by_uri.items():
            units = self._contributions.setdefault(uri, {})
            if units.get(unit) != items:
                changed.add(uri)
            units[unit] = items
        return changed

    def for_uri(self, uri: str, besides: str | None = None) -> list[types.Diagnostic]:
        """What other units found in this document (one diagnostic per place and code)."""
        out: list[types.Diagnostic] = []
        seen: set[tuple[object, ...]] = set()
        for unit, items in sorted(self._contributions.get(uri, {}).items()):
            if unit == besides:
                continue
            for item in items:
                key = (item.range.start.line, item.range.start.character, item.code)
                if key not in seen:
                    seen.add(key)
                    out.append(item)
        return out

    def record_modules(self, unit: str, files: frozenset[str]) -> None:
        self._modules[unit] = files

    def dependents(self, files: set[str]) -> list[str]:
        """Units whose last analysis read any of these files."""
        return sorted(unit for unit, read in self._modules.items() if read & files)

    def forget(self, unit: str) -> set[str]:
        self._modules.pop(unit, None)
        return self.contribute(unit, {})
