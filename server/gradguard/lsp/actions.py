"""Code actions: one quick-fix per fix of a diagnostic (the engine's first fix preferred),
"disable for this line", and fix-all for a file (`source.fixAll.gradguard`) or a whole notebook
(`notebook.source.fixAll.gradguard`).

Quick-fixes come from the diagnostic's `data`; when the client did not send it back they are
recomputed from the stored result. Actions whose edits target a document version that is no
longer current are left out rather than offered and refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from ..analysis import Finding, Fix, Span
from .client_features import ClientFeatures
from .convert import SOURCE, lsp_range
from .edit_plans import DocumentEdit, EditPlan, diagnostic_data, plan_from_edits, plans_from_data
from .results import UnitResult

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.gradguard"
NOTEBOOK_FIX_ALL_KIND = f"{types.CodeActionKind.Notebook.value}.{FIX_ALL_KIND}"
PROVIDED_KINDS = [types.CodeActionKind.QuickFix.value, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND]

IsCurrent = Callable[[DocumentEdit], bool]


def kind_requested(kind: str, only: Sequence[str] | None) -> bool:
    """LSP's `only` filter: a requested kind matches itself and its sub-kinds."""
    if only is None:
        return not kind.startswith(types.CodeActionKind.Notebook.value)
    return any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


def workspace_edit(plan: EditPlan, features: ClientFeatures) -> types.WorkspaceEdit:
    if features.document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=change.uri, version=change.version
                    ),
                    edits=list(change.edits),
                )
                for change in plan.changes
            ]
        )
    return types.WorkspaceEdit(changes={c.uri: list(c.edits) for c in plan.changes})


def quick_fixes(
    uri: str,
    diagnostics: Sequence[types.Diagnostic],
    result: UnitResult | None,
    is_current: IsCurrent,
    features: ClientFeatures,
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        fixes, suppress = plans_from_data(diagnostic.data)
        if not fixes and suppress is None and result is not None:
            fixes, suppress = plans_from_data(_data_from_result(uri, diagnostic, result))
        for index, plan in enumerate(fixes):
            if all(is_current(change) for change in plan.changes):
                actions.append(_action(plan, diagnostic, index == 0, features))
        if suppress is not None and all(is_current(change) for change in suppress.changes):
            actions.append(_action(suppress, diagnostic, False, features))
    return actions


def fix_all(
    result: UnitResult,
    kind: str,
    only_uri: str | None,
    is_current: IsCurrent,
    features: ClientFeatures,
    unsafe: bool = False,
) -> types.CodeAction | None:
    """Every finding's preferred fix that does not overlap one taken before, as one edit.

    With `only_uri` (fix-all requested for one notebook cell) only findings in that cell whose
    fixes stay inside it are taken; unsafe fixes only with `unsafe` (setting `fixAll.unsafe`).
    """
    snapshot = result.snapshot

    def inside(span: Span) -> bool:
        located = lsp_range(snapshot, span, result.encoding)
        return only_uri is None or (located is not None and located[0] == only_uri)

    def one_cell(fix: Fix) -> bool:  # a `with` block cannot span notebook cells
        if fix.wraps is None:
            return True
        located = [lsp_range(snapshot, e.span, result.encoding) for e in fix.edits]
        return len({where[0] for where in located if where is not None}) == 1

    fixes = choose_fixes(
        result.findings,
        lambda finding, fix: (
            inside(finding.span) and all(inside(e.span) for e in fix.edits) and one_cell(fix)
        ),
        unsafe=unsafe,
    )
    edits = [edit for fix in fixes for edit in fix.edits]
    where = "notebook" if kind == NOTEBOOK_FIX_ALL_KIND else "file"
    count = f"{len(fixes)} problem{'s' if len(fixes) != 1 else ''}"
    plan = plan_from_edits(
        snapshot, f"gradguard: fix {count} in this {where}", edits, result.encoding
    )
    if plan is None or not all(is_current(change) for change in plan.changes):
        return None
    return types.CodeAction(title=plan.title, kind=kind, edit=workspace_edit(plan, features))


def choose_fixes(
    findings: Sequence[Finding], accept: Callable[[Finding, Fix], bool], unsafe: bool = False
) -> list[Fix]:
    """Preferred fixes in finding order, skipping any that touches text an earlier one edits.
    Fix-all takes safe fixes only unless `unsafe` (a finding whose fixes are all unsafe keeps
    its quick-fix); fixes come safe first, so a safe one still wins where there is one."""
    chosen: list[Fix] = []
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for finding in findings:
        fix = next((f for f in finding.fixes if (f.safe or unsafe) and accept(finding, f)), None)
        if fix is None:
            continue
        boxes = [((e.span.line, e.span.col), (e.span.end_line, e.span.end_col)) for e in fix.edits]
        if any(_overlap(box, other) for box in boxes for other in taken):
            continue
        chosen.append(fix)
        taken.extend(boxes)
    return chosen


def _overlap(
    a: tuple[tuple[int, int], tuple[int, int]], b: tuple[tuple[int, int], tuple[int, int]]
) -> bool:
    """Ranges share text, or start at the same point (two insertions there have no order)."""
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def _action(
    plan: EditPlan, diagnostic: types.Diagnostic, preferred: bool, features: ClientFeatures
) -> types.CodeAction:
    return types.CodeAction(
        title=plan.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=preferred or None,
        edit=workspace_edit(plan, features),
    )


def _data_from_result(uri: str, diagnostic: types.Diagnostic, result: UnitResult) -> object:
    """The data the diagnostic would have carried: found by code and place in the result."""
    for finding in result.findings:
        if finding.code != diagnostic.code:
            continue
        located = lsp_range(result.snapshot, finding.span, result.encoding)
        if located == (uri, diagnostic.range):
            return diagnostic_data(result.snapshot, finding, result.encoding)
    return None
