"""Fixes and suppressions as versioned document edits.

An `EditPlan` is computed when a finding is published and travels in its diagnostic's `data`, so
a code action needs no re-analysis; every edit names the document version it was computed
against, and the client refuses it if the document has changed since. In a notebook, one fix may
edit several cells (the in-place write in one, the op that saved the tensor in another).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter

from ..analysis import Finding, Fix, Span, TextEdit
from ..analysis.suppression import suppression_comment
from .convert import lsp_range
from .positions import Encoding
from .snapshot import Snapshot

_converter = get_converter()


@dataclass(frozen=True)
class DocumentEdit:
    uri: str
    version: int | None
    edits: tuple[types.TextEdit, ...]


@dataclass(frozen=True)
class EditPlan:
    title: str
    changes: tuple[DocumentEdit, ...]
    safe: bool = True  # an unsafe fix (it changes what the code computes): never in fix-all

    def to_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "safe": self.safe,
            "changes": [
                {
                    "uri": change.uri,
                    "version": change.version,
                    "edits": [_converter.unstructure(edit) for edit in change.edits],
                }
                for change in self.changes
            ],
        }

    @classmethod
    def from_data(cls, raw: object) -> EditPlan | None:
        """Parse a plan back from diagnostic data (None if the client mangled it)."""
        if not isinstance(raw, dict):
            return None
        try:
            changes = tuple(
                DocumentEdit(
                    str(change["uri"]),
                    change["version"] if isinstance(change["version"], int) else None,
                    tuple(_converter.structure(edit, types.TextEdit) for edit in change["edits"]),
                )
                for change in raw["changes"]
            )
            return cls(str(raw["title"]), changes, raw.get("safe", True) is not False)
        except Exception:  # noqa: BLE001 - whatever came back, a damaged plan is skipped
            return None


def plan_from_edits(
    snapshot: Snapshot, title: str, edits: Iterable[TextEdit], encoding: Encoding
) -> EditPlan | None:
    """Engine edits (joined-source coordinates) grouped per document, order kept."""
    per_uri: dict[str, list[types.TextEdit]] = {}
    versions: dict[str, int | None] = {}
    for edit in edits:
        located = lsp_range(snapshot, edit.span, encoding)
        if located is None:
            return None
        uri, range_ = located
        per_uri.setdefault(uri, []).append(types.TextEdit(range=range_, new_text=edit.new_text))
        if edit.span.path and snapshot.foreign is not None:
            versions[uri] = snapshot.foreign.version(edit.span.path)  # another file's
    changes = []
    for uri, lsp_edits in per_uri.items():
        segment = snapshot.segment_for(uri)
        version = segment.version if segment else versions.get(uri)
        changes.append(DocumentEdit(uri, version, tuple(lsp_edits)))
    return EditPlan(title, tuple(changes)) if changes else None


def fix_plan(snapshot: Snapshot, fix: Fix, encoding: Encoding) -> EditPlan | None:
    plan = plan_from_edits(snapshot, fix.title, fix.edits, encoding)
    if plan is not None and fix.wraps is not None and len(plan.changes) > 1:
        return None  # a `with` block cannot span notebook cells
    return plan if plan is None or fix.safe else replace(plan, safe=False)


def suppression_plan(snapshot: Snapshot, finding: Finding, encoding: Encoding) -> EditPlan | None:
    """Append (or extend) `# gradguard: ignore[CODE]` on the finding's line (in the file the
    finding is in: the analysis reads suppressions there, whichever file reached it)."""
    line = finding.span.line
    if finding.path:
        lines = snapshot.foreign.lines(finding.path) if snapshot.foreign is not None else None
        if lines is None or not 1 <= line <= len(lines):
            return None
        text = lines[line - 1]
    else:
        text = snapshot.line_text(line - 1)
    if text.rstrip().endswith("\\"):
        return None  # a comment after a line continuation would be a syntax error
    new_text = suppression_comment(text, finding.code)
    if new_text == text:
        return None
    keep = _common_prefix_length(text, new_text)
    edit = TextEdit(Span(line, keep, line, len(text), finding.path), new_text[keep:])
    return plan_from_edits(snapshot, f"Disable {finding.code} for this line", [edit], encoding)


def diagnostic_data(snapshot: Snapshot, finding: Finding, encoding: Encoding) -> dict[str, Any]:
    """The `data` of a finding's diagnostic: its fixes (preferred first) and its suppression."""
    fixes = [plan for fix in finding.fixes if (plan := fix_plan(snapshot, fix, encoding))]
    suppress = suppression_plan(snapshot, finding, encoding)
    data: dict[str, Any] = {"unit": snapshot.key, "fixes": [plan.to_data() for plan in fixes]}
    if suppress is not None:
        data["suppress"] = suppress.to_data()
    return data


def plans_from_data(data: object) -> tuple[list[EditPlan], EditPlan | None]:
    """(fixes, suppression) from a diagnostic's data; empty when the data is missing or bad."""
    if not isinstance(data, dict):
        return [], None
    raw_fixes = data.get("fixes")
    fixes = [
        plan
        for raw in (raw_fixes if isinstance(raw_fixes, list) else [])
        if (plan := EditPlan.from_data(raw)) is not None
    ]
    suppress = EditPlan.from_data(data["suppress"]) if "suppress" in data else None
    return fixes, suppress


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        length += 1
    return length
