"""The latest analysis result of each unit, and which documents carry its diagnostics.

Code actions, fix-all and hover read results from here instead of re-analysing. Remembering the
URIs that got diagnostics lets a later publish clear cells that were deleted or turned into
markdown, and a close clear everything the unit published.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from ..analysis import Finding
from .client_features import ClientFeatures
from .convert import diagnostics_by_uri
from .edit_plans import diagnostic_data
from .positions import Encoding
from .settings import DocumentSettings
from .snapshot import Snapshot


@dataclass(frozen=True)
class UnitResult:
    snapshot: Snapshot
    findings: tuple[Finding, ...]
    settings: DocumentSettings
    encoding: Encoding
    diagnostics: dict[str, list[types.Diagnostic]]  # every document of the unit, maybe empty


def build_result(
    snapshot: Snapshot,
    findings: tuple[Finding, ...],
    settings: DocumentSettings,
    encoding: Encoding,
    features: ClientFeatures,
) -> UnitResult:
    if settings.excluded:
        findings = ()
    # what diagnostics, hover and code actions say names lines as the user sees them
    findings = tuple(snapshot.in_user_terms(f) for f in findings)
    data = {
        index: diagnostic_data(snapshot, finding, encoding)
        for index, finding in enumerate(findings)
    }
    diagnostics = diagnostics_by_uri(snapshot, findings, settings, encoding, features, data)
    return UnitResult(snapshot, findings, settings, encoding, diagnostics)


class ResultBook:
    def __init__(self) -> None:
        self._results: dict[str, UnitResult] = {}
        self._published: dict[str, set[str]] = {}

    def get(self, key: str) -> UnitResult | None:
        return self._results.get(key)

    def record(self, key: str, result: UnitResult | None) -> None:
        if result is None:
            self._results.pop(key, None)
        else:
            self._results[key] = result

    def mark_published(self, key: str, uris: set[str]) -> list[str]:
        """Remember what was published for `key`; returns URIs published before but not now."""
        stale = self._published.get(key, set()) - uris
        self._published[key] = set(uris)
        return sorted(stale)

    def forget(self, key: str) -> list[str]:
        """Drop the unit; returns every URI that still shows its diagnostics."""
        self._results.pop(key, None)
        return sorted(self._published.pop(key, set()))
