"""Where each hazard is recognised. The interpreter calls these hooks at in-place writes,
backward calls, saves and returns; each hook decides whether autograd would fail (or silently
go wrong) and emits a finding naming the in-place op and the op that saved the tensor.

Severity: error where the runtime failure is certain on that path; warning where it depends
on facts the code does not show (an argument that may or may not require grad, a graph that
is returned and backpropagated elsewhere); information for silent hazards.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .findings import Emit, Finding, Fix, Related, Severity, Span, TextEdit
from .fix_guard import guarded
from .fixes import LIST_STATE, FixBuilder
from .interp.backward_hooks import BACKWARD_HOOK_FN
from .rules import RULES
from .spans import SourceMap
from .state import CallChain, Mutation, SaveRecord, State
from .values import (
    ListObj,
    ModuleObj,
    OptimizerVal,
    SaveKey,
    Sid,
    TensorVal,
    Tri,
    TupleVal,
    Value,
    held_tensors,
)


def _report_rank(report: Finding) -> tuple[int, tuple[Span, ...], str]:
    """Most severe first, then the one whose related locations come first, then by text."""
    return (-report.severity, tuple(r.span for r in report.related), report.message)


if TYPE_CHECKING:
    from .frames import Frame

_INIT_LIKE = frozenset(
    "zero_ fill_ normal_ uniform_ copy_ constant_ kaiming_normal_ kaiming_uniform_ "
    "xavier_normal_ xavier_uniform_ trunc_normal_ orthogonal_ clamp_ mul_ div_ sub_ add_".split()
)


# what raises only when the code runs with grad mode on (GG005, inference tensors written
# outside inference mode, does not depend on it)
CALLER_GRAD_RULES = frozenset({"GG001", "GG002", "GG003", "GG004", "GG006", "GG007"})


class Detector:
    def __init__(self, src: SourceMap, fixes: FixBuilder) -> None:
        # the source of the module whose code runs now (the interpreter switches it when it
        # follows a call into another module); spans made from it carry that module's path
        self.src = src
        self.sources: dict[str, SourceMap] = src.registry  # every module's source, by path
        self.main_path = "the checked file"  # how messages name it from another module
        self._reports: dict[tuple[str, Span], list[Finding]] = {}
        # fixes one path found would break the code (by their edits): offered on no path
        self._vetoed: set[object] = set()
        # single-views fixes (by their edits) and the saves of the base or its views made
        # before the write (on any path, any loop round): a backward needing one vetoes it
        self._view_writes: dict[object, frozenset[SaveKey]] = {}
        self.problems: list[str] = []
        # a fix that fails to build is left out, and noted; its finding is still reported
        self.fixes = guarded(fixes, self.problems)
        self.tape: list[Emit] | None = None  # records emits for the incremental analysis
        # set while a function runs with its caller's grad mode unknown (analysed on its own,
        # no call with grad on seen): what fails only with grad on is a warning, not an error
        self.caller_decides = False
        # the statements of the calls that led to a statement (set by the interpreter)
        self.call_chain: Callable[[ast.stmt | None], CallChain] = lambda stmt: ()
        # the variables of the callers of the inlined calls running now, outermost first
        self.caller_envs: Callable[[], list[dict[str, Value]]] = lambda: []
        # uses of views returned by unbind/split/chunk/iteration so far: the only reads of
        # `State.multi_dirty`, so a loop round that made none did not depend on it
        self.multi_uses = 0
        # the call chains of the backwards run so far: a fix moving a call must not carry a
        # backward inside it past another one
        self.backward_chains: set[CallChain] = set()

    def _line(self, span: Span, here: Span) -> str:
        """`line 12`, or `line 12 of train.py` when `span` is in another file than `here`."""
        if span.path == here.path:
            return f"line {span.line}"
        name = (span.path or self.main_path).replace("\\", "/").rsplit("/", 1)[-1]
        return f"line {span.line} of `{name}`"

    def source_of(self, span: Span) -> SourceMap:
        return self.sources.get(span.path, self.src)

    # ------------------------------------------------------------------ emitting

    def emit(
        self,
        code: str,
        severity: Severity,
        span: Span,
        message: str,
        related: tuple[Related, ...] = (),
        fixes: tuple[Fix | None, ...] = (),
        story: tuple[Related, ...] = (),
    ) -> None:
        if self.caller_decides and severity == Severity.ERROR and code in CALLER_GRAD_RULES:
            severity = Severity.WARNING
        if self.tape is not None:
            self.tape.append((code, severity, span, message, related, fixes, story))
        real_fixes = tuple(f for f in fixes if f is not None)
        report = Finding(
            code,
            severity,
            span,
            message,
            tuple(dict.fromkeys(related)),
            real_fixes,
            tuple(dict.fromkeys(story)),
        )
        reports = self._reports.setdefault((code, span), [])
        if report not in reports:
            reports.append(report)

    @property
    def findings(self) -> dict[tuple[str, Span], Finding]:
        """One finding per rule and place. When several paths reported it, the most severe
        report speaks (among equals, the one naming the earliest related location), and the
        related locations of all are kept: the result does not depend on the order the paths
        were analysed in."""
        out: dict[tuple[str, Span], Finding] = {}
        for key, reports in self._reports.items():
            best = min(reports, key=_report_rank)
            extra = sorted(
                {r for report in reports for r in report.related if r not in best.related},
                key=lambda r: (r.span, r.message),
            )
            # a fix is safe only where every path that reported the finding found it so: the
            # same rewrite is unsafe when another call of the function passes a tensor its
            # caller still reads (a path that made it unsafe says why, in its title)
            unsafe = {f.edits: f for report in reports for f in report.fixes if not f.safe}
            joined = tuple(
                unsafe.get(f.edits, f) if f.safe else f
                for f in best.fixes
                if f.edits not in self._vetoed
            )
            # safe fixes first (stable): the preferred fix is the safe one when there is one
            fixes = tuple(sorted(joined, key=lambda fix: not fix.safe))
            out[key] = replace(best, related=best.related + tuple(extra), fixes=fixes)
        return _share_covering_fixes(self._join_adjacent_wraps(out))

    def _join_adjacent_wraps(
        self, findings: dict[tuple[str, Span], Finding]
    ) -> dict[tuple[str, Span], Finding]:
        """Findings on adjacent statements of one block whose preferred fix wraps the
        statement in `with torch.no_grad():` (weight surgery, init code) get one block around
        the whole run as their fix: fix-all then writes one `with`, not one per line (a wrap
        of one statement alone would leave the others failing)."""
        wraps = sorted(
            (f.fixes[0].wraps, key)
            for key, f in findings.items()
            if f.fixes and f.fixes[0].wraps is not None
        )
        runs: list[list[tuple[tuple[str, int, int, int], tuple[str, Span]]]] = []
        for wrap, key in wraps:
            last = runs[-1][-1][0] if runs else None
            if (
                last is not None
                and wrap[0] == last[0]
                and wrap[3] == last[3]
                and last[2] <= wrap[1] <= last[2] + 1
            ):
                runs[-1].append((wrap, key))
            else:
                runs.append([(wrap, key)])
        for run in runs:
            first = run[0][0]
            if len({w[1] for w, _ in run}) < 2:
                continue  # one statement (two findings on it): its own wrap already fits
            joined = self.fixes.wrap_lines(first[0], first[1], max(w[2] for w, _ in run), first[3])
            if joined is None:
                continue
            for _, key in run:
                f = findings[key]
                findings[key] = replace(f, fixes=(joined, *f.fixes[1:]))
        return findings

    def internal_problem(self, stmt: ast.stmt, exc: BaseException) -> None:
        self.problems.append(
            f"line {getattr(stmt, 'lineno', '?')}: analysis skipped this statement "
            f"({type(exc).__name__}: {exc})"
        )

    # ------------------------------------------------------------------ in-place writes

    def on_inplace(
        self,
        target: TensorVal,
        others: list[TensorVal],
        mut: Mutation,
        state: State,
        check_leaf: bool = True,
    ) -> None:
        if target.data_of:
            self.on_data_write(target.data_of, mut, state)
        own = 0 if mut.element else 1
        holders = _holder_names(target, state)
        if target.is_view or len(holders) > own:
            names = None if target.is_view or mut.element else tuple(holders)
            mut = replace(mut, aliased=True, alias_names=names)
        requires = target.rg
        for o in others:
            requires = requires | o.rg
        grad = state.grad
        sure = grad == Tri.YES and mut.certain
        # a write that surely raises at the op (a leaf, a multi-output or no_grad view, an
        # inference tensor) stops the program there: it changes nothing a later backward reads
        raises_here = False
        # Autograd's own order of checks: multi-output views, no_grad views, then leaves.
        # MAYBE-requires-grad is not enough here: in working code these writes hit index and
        # statistics tensors that never require grad.
        if grad != Tri.NO and target.view_kind == "multi" and requires == Tri.YES:
            op = target.view_op or "Unbind"
            raises_here = sure
            self.emit(
                "GG003",
                Severity.ERROR if sure and requires == Tri.YES else Severity.WARNING,
                mut.span,
                f"{mut.desc} modifies in place an output of `{op.lower()}`, which returns "
                f"several views; PyTorch raises here: 'Output 0 of {op} is a view and is being "
                f"modified inplace. This view is the output of a function that returns multiple "
                f"views.'",
                fixes=(
                    # an in-place layer (`self.af = nn.ReLU(inplace=True)`) stops writing in
                    # place: the one write, and no other reader sees a change
                    self._inplace_false(mut) if mut.kind == "module" else None,
                    # a leaf's pieces (parameter init) are written under no_grad
                    self.fixes.wrap_no_grad(mut.stmt, mut.span.path)
                    if target.leaf_rg == Tri.YES
                    else None
                    if target.nested_multi
                    else self._single_views(target, state),
                    self.fixes.out_of_place(mut),
                ),
                related=(target.hooked,)
                if target.view_op == BACKWARD_HOOK_FN and target.hooked is not None
                else (),
                story=self._created(target) + self._viewed(target),
            )
        elif grad != Tri.NO and target.view_kind == "custom_fn" and requires == Tri.YES:
            raises_here = sure
            hooked = target.hooked if target.view_op == BACKWARD_HOOK_FN else None
            what = (
                f"an input or output of a module with a backward hook, which the hook's "
                f"`{BACKWARD_HOOK_FN}` returned as a view"
                if hooked is not None
                else f"an output of the custom autograd.Function `{target.view_op}` that is a "
                f"view (made in its forward, or of an input) or an input returned as-is"
            )
            self.emit(
                "GG004",
                Severity.ERROR if sure else Severity.WARNING,
                mut.span,
                f"{mut.desc} modifies in place {what}; PyTorch raises "
                f"here: 'This view was created inside a custom Function (or because an input was "
                f"returned as-is) and the autograd logic to handle view+inplace would override "
                f"the custom backward associated with the custom Function, leading to incorrect "
                f"gradients. This behavior is forbidden.'",
                related=(hooked,) if hooked is not None else (),
                fixes=(
                    # an in-place layer after a hooked one (`nn.ReLU(inplace=True)`) stops
                    # writing in place
                    self._inplace_false(mut) if mut.kind == "module" else None,
                    self.fixes.out_of_place(mut),
                ),
                story=self._created(target),
            )
        elif grad != Tri.NO and target.view_kind == "no_grad" and requires == Tri.YES:
            raises_here = sure
            self.emit(
                "GG004",
                Severity.ERROR if sure and requires == Tri.YES else Severity.WARNING,
                mut.span,
                f"{mut.desc} modifies, with grad mode on, a view created under no_grad; PyTorch "
                f"raises here: '{RULES['GG004'].torch_error}'",
                fixes=(
                    # a view of a leaf that requires grad (weight surgery through a cached
                    # view): autograd never records writes to a leaf, so under no_grad is the
                    # one way the write is allowed; a copy would leave the weight unchanged
                    (self.fixes.write_into_leaf_view(mut),)
                    if target.leaf_rg == Tri.YES
                    else (
                        self._inplace_false(mut) if mut.kind == "module" else None,
                        self.fixes.view_with_grad(target.view_node),
                        self.fixes.out_of_place(mut),
                        # untracked, the base must already be in the graph for a backward
                        self.fixes.write_untracked(mut) if target.rg == Tri.YES else None,
                    )
                ),
                story=self._created(target),
            )
        elif grad != Tri.NO and check_leaf and target.leaf_rg == Tri.YES:
            msg = (
                RULES["GG001"].torch_error
                if not target.is_view
                else (
                    "a view of a leaf Variable that requires grad is being used in an in-place "
                    "operation."
                )
            )
            what = "a view of a leaf tensor" if target.is_view else "a leaf tensor"
            raises_here = sure
            self.emit(
                "GG001",
                Severity.ERROR if sure else Severity.WARNING,
                mut.span,
                f"{mut.desc} writes in place to {what} that requires grad; PyTorch raises "
                f"here: '{msg}'",
                fixes=self._leaf_fixes(mut),
                story=self._created(target),
            )
        if target.inference and not state.inference_mode:
            raises_here = raises_here or mut.certain
            self.emit(
                "GG005",
                Severity.ERROR if mut.certain else Severity.WARNING,
                mut.span,
                f"{mut.desc} updates in place a tensor created in inference mode; PyTorch raises "
                f"here: '{RULES['GG005'].torch_error}'",
                fixes=(
                    self._inplace_false(mut) if mut.kind == "module" else None,
                    self.fixes.out_of_place(mut),
                    self.fixes.inference_region_as_no_grad(_made_in(target, mut.span.path)),
                ),
                story=self._created(target),
            )
        if raises_here:
            return
        state.touch(target.sids, mut)
        if target.view_kind != "multi":
            for sid in target.sids:
                state.multi_dirty[sid] = mut

    def _single_views(self, target: TensorVal, state: State) -> Fix | None:
        """The fix that takes single views, so the write goes through to the base. What
        autograd saved of the base or its views by then is noted: a backward that needs one
        of those saves (a loop writing each piece after `norm` saved the previous one) would
        fail once the write reaches the base, and vetoes the fix (see on_backward)."""
        fix = self.fixes.single_views(target.view_node)
        if fix is not None:
            keys = frozenset(
                key for key, rec in state.saves.items() if rec.sids & target.sids and not rec.exempt
            )
            if keys:
                aged = frozenset(("old", *k) for k in keys)  # the site ran again since
                known = self._view_writes.get(fix.edits, frozenset())
                self._view_writes[fix.edits] = known | keys | aged
        return fix

    def _leaf_fixes(self, mut: Mutation) -> tuple[Fix | None, ...]:
        """A leaf keeps being a leaf only if the write moves under no_grad; rewriting it out
        of place would turn it into a non-leaf whose `.grad` stays empty."""
        if mut.kind == "module":
            return (self._inplace_false(mut),)
        if mut.kind in ("method", "augassign", "setitem"):
            return (self.fixes.wrap_no_grad(mut.stmt, mut.span.path),)
        if mut.kind == "inplace_kw" and isinstance(mut.stmt, ast.Assign):
            return (self.fixes.out_of_place(mut),)  # `y = F.relu(x, inplace=False)`
        return ()

    def _inplace_false(self, mut: Mutation) -> Fix | None:
        if mut.inplace_span is None:
            # `nn.Dropout(p, **params)` with `"inplace": True` in the dict
            return self.fixes.inplace_false_over_splat(mut.node, mut.span.path)
        text = self.source_of(mut.inplace_span).segment(mut.inplace_span)
        fix = self.fixes.inplace_false_at(
            mut.inplace_span, keyword=text.startswith("inplace"), call=mut.node
        )
        if self.fixes.input_read_after(mut):
            note = "the layer's input, read afterwards, is no longer activated"
            return replace(fix, safe=False, title=f"{fix.title} (unsafe: {note})")
        return fix

    def on_out_call(
        self, target: TensorVal, inputs: list[TensorVal], mut: Mutation, state: State, name: str
    ) -> bool:
        """`op(..., out=t)`: autograd refuses when anything involved requires grad."""
        if state.grad == Tri.NO:
            return False
        requires = target.rg
        for i in inputs:
            requires = requires | i.rg
        if requires != Tri.YES:
            return False
        sure = state.grad == Tri.YES
        if target.is_view or _other_names_hold(target, state):
            mut = replace(mut, aliased=True)  # rebinding `out` leaves the other holder as it was
        self.emit(
            "GG007",
            Severity.ERROR if sure else Severity.WARNING,
            mut.span,
            f"{mut.desc} writes its result into `out=` while an argument requires grad; "
            f"PyTorch raises here: '{name.rstrip('_')}(): {RULES['GG007'].torch_error}'",
            fixes=(
                self.fixes.factory_out_under_no_grad(mut) if target.leaf_rg == Tri.YES else None,
                # rebinding a Parameter attribute to a plain tensor raises TypeError
                None if target.param else self.fixes.out_of_place(mut),
                self.fixes.out_into_view(mut),
            ),
            story=self._created(target),
        )
        return True

    def on_data_write(self, data_of: frozenset[Sid], mut: Mutation, state: State) -> None:
        """Writes through `.data`/`.numpy()` skip the version counter: nothing will raise."""
        for rec in state.saves.values():
            if rec.sids & data_of and not rec.exempt:
                self.emit(
                    "GG008",
                    Severity.INFORMATION,
                    mut.span,
                    f"{mut.desc} writes through `.data`/NumPy to a tensor that `{rec.op}` "
                    f"({self._line(rec.span, mut.span)}) saved for backward; autograd cannot "
                    f"see this write, so gradients will be silently wrong",
                    related=self._saver_related(rec),
                )
                return

    def on_data_assign(
        self, obj: TensorVal, target: ast.Attribute, stmt: ast.stmt, state: State
    ) -> None:
        """`w.data = t` swaps the memory under a tensor that autograd may have saved."""
        mut = Mutation(
            self.src.span(stmt),
            f"`{self.src.text(stmt)}`",
            "data=",
            True,
            node=stmt,
            stmt=stmt,
            kind="data_assign",
        )
        self.on_data_write(obj.sids, mut, state)

    def on_optimizer_step(
        self,
        opt: OptimizerVal,
        node: ast.AST,
        stmt: ast.stmt,
        state: State,
    ) -> None:
        """`optimizer.step()` updates every parameter it holds in place (under no_grad)."""
        mut = Mutation(
            self.src.span(node),
            f"`{self.src.text(node)}`",
            "optimizer.step",
            True,
            node=node,
            stmt=stmt,
            kind="step",
            chain=self.call_chain(stmt),
        )
        if opt.params is None:
            sids = frozenset(s for rec in state.saves.values() if rec.param for s in rec.sids)
        else:
            sids = opt.params
        stepped = sids - state.grads_none  # a parameter whose `.grad` is None: skipped
        state.touch(stepped, mut)
        for sid in stepped:
            # views taken from a parameter by unbind/split/iteration (`list(linear.weight)`
            # kept for a regulariser) may no longer be used in autograd after the update
            state.multi_dirty[sid] = mut

    # ------------------------------------------------------------------ uses, saves, backward

    def on_use(self, value: TensorVal, node: ast.AST, state: State) -> None:
        if value.view_kind != "multi":
            return
        self.multi_uses += 1
        if state.grad == Tri.NO or value.rg == Tri.NO:
            return
        for sid in value.sids:
            mut = state.multi_dirty.get(sid)
            if mut is not None:
                op = value.view_op or "Unbind"
                self.emit(
                    "GG003",
                    Severity.ERROR if mut.certain and value.rg == Tri.YES else Severity.WARNING,
                    mut.span,
                    f"{mut.desc} modifies in place the base of views returned by `{op.lower()}`; "
                    f"using such a view afterwards ({self._line(self.src.span(node), mut.span)}) "
                    f"raises: "
                    f"'Output 0 of {op} is a view and its base or another view of its base has "
                    f"been modified inplace.'",
                    related=(Related(self.src.span(node), "the view is used here", "use"),),
                    fixes=(self.fixes.out_of_place(mut),),
                    story=self._created(value) + self._viewed(value),
                )
                return

    def on_inference_saved(
        self,
        saved: TensorVal,
        node: ast.AST,
        state: State,
        op: str,
        what: str,
        arg: ast.expr | None,
        args: Sequence[ast.expr] = (),
    ) -> None:
        """`args`: several arguments that passed inference tensors the op saves (a custom
        Function's `ctx.save_for_backward(cos, sin)`): the fix clones each."""
        if state.grad != Tri.YES:
            return
        span = self.src.span(node)
        fix = None
        given = list(args) if args else [arg] if arg is not None else []
        if given and not any(
            isinstance(a, (ast.Starred, ast.Constant, ast.List, ast.Tuple, ast.Dict)) for a in given
        ):
            # a clone made outside inference mode is a normal tensor with the same values
            edits = []
            for a in given:
                text = self.src.full_text(a)
                atomic = isinstance(a, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))
                edits.append(
                    TextEdit(self.src.span(a), f"{text}.clone()" if atomic else f"({text}).clone()")
                )
            clones = ", ".join(f"`{_short_text(e.new_text)}`" for e in edits)
            fix = Fix(
                f"Pass {clones} ({'normal tensors' if len(edits) > 1 else 'a normal tensor'}) "
                f"to `{op}`",
                tuple(edits),
            )
        are = "they are inference tensors" if len(given) > 1 else "it is an inference tensor"
        self.emit(
            "GG006",
            # an inference tensor only if a move under inference mode copied (`cache.to(x)`
            # in float32 code on the CPU returns the cache itself)
            Severity.WARNING if saved.moved else Severity.ERROR,
            span,
            f"`{op}` saves {what} for backward, but {are} (created under "
            f"inference_mode); PyTorch raises here: '{RULES['GG006'].torch_error}'",
            fixes=(fix, self.fixes.inference_region_as_no_grad(_made_in(saved, span.path))),
            story=self._created(saved),
        )

    def on_backward(self, root: TensorVal, node: ast.AST, stmt: ast.stmt, state: State) -> None:
        retain = isinstance(node, ast.Call) and any(
            k.arg in ("retain_graph", "create_graph")
            and not (isinstance(k.value, ast.Constant) and k.value.value in (False, None))
            for k in node.keywords
        )
        by_mutation: dict[Mutation, list[SaveRecord]] = {}
        for edits, keys in self._view_writes.items():
            if not keys.isdisjoint(root.deps):
                self._vetoed.add(edits)  # that write, reaching the base, would break this
        for key in sorted(root.deps, key=str):
            rec = state.saves.get(key)
            if rec is None or rec.exempt:
                continue
            if rec.allow_mutation is not None:
                if state.allow_mutation != rec.allow_mutation:
                    self.emit(
                        "GG010",
                        Severity.ERROR,
                        self.src.span(node),
                        f"backward at line {self.src.span(node).line} runs outside the "
                        f"`allow_mutation_on_saved_tensors()` context that recorded the graph "
                        f"(`{rec.op}` at {self._line(rec.span, self.src.span(node))}); PyTorch "
                        f"raises AssertionError",
                        related=self._saver_related(rec),
                        fixes=(
                            self.fixes.move_into_context(stmt, rec.span.line)
                            if rec.span.path == self.src.path
                            else None,
                            self.fixes.join_context(stmt, rec),
                            self.fixes.drop_allow_mutation(rec)
                            if not any(
                                r.dirty is not None
                                for r in state.saves.values()
                                if r.allow_mutation == rec.allow_mutation
                            )
                            else None,
                        ),
                        story=self._writes([rec]),
                    )
                    break
                continue
            if rec.dirty is None or not rec.written_after(root.deps_from):
                continue  # clean, or every generation of it this graph holds came later
            for mut in rec.writes:
                by_mutation.setdefault(mut, []).append(rec)
        chain = self.call_chain(stmt)
        self.backward_chains.add(chain)
        for mut, recs in by_mutation.items():
            self._report_saved_modified(
                recs,
                mut,
                node,
                certain_backward=root.rg == Tri.YES,
                where_stmt=stmt,
                state=state,
                backward_chain=chain,
            )
        if not retain:
            for key in root.deps:
                state.own_saves().pop(key, None)  # the graph is freed after backward

    def _report_saved_modified(
        self,
        recs: list[SaveRecord],
        mut: Mutation,
        where: ast.AST | None,
        certain_backward: bool,
        escaped: bool = False,
        where_stmt: ast.stmt | None = None,
        state: State | None = None,
        backward_chain: CallChain = (),
    ) -> None:
        rec = recs[0]
        sure = any(r.certain for r in recs) and mut.certain and certain_backward and not escaped
        related = [r for one in recs for r in self._saver_related(one)]
        if mut.via is not None and mut.via.line != mut.span.line:
            related.append(
                Related(mut.via, "(the in-place write runs inside this call)", "call", mut.op)
            )
        if where is not None:
            verb = "returned here; a backward through it" if escaped else "backward here"
            role = "returned" if escaped else "backward"
            related.append(Related(self.src.span(where), f"{verb} fails", role))
        if escaped:
            tail = (
                "the graph is returned, and a backward through it will raise: 'one of the "
                "variables needed for gradient computation has been modified by an inplace "
                "operation'"
            )
        else:
            at = self._line(self.src.span(where), mut.span) if where else "line ?"
            tail = (
                f"the backward at {at} raises: "
                f"'one of the variables needed for gradient computation has been modified by "
                f"an inplace operation'"
            )
        if rec.what in ("its output", "its result"):
            head = (
                f"{mut.desc} modifies in place the output of `{rec.op}` "
                f"({self._line(rec.span, mut.span)}), which autograd saved for backward"
            )
        else:
            head = (
                f"{mut.desc} modifies in place {rec.what}, which `{rec.op}` "
                f"({self._line(rec.span, mut.span)}) saved for backward"
            )
        self.emit(
            "GG002",
            Severity.ERROR if sure else Severity.WARNING,
            mut.span,
            f"{head}; {tail}",
            related=tuple(related),
            fixes=self._saved_fixes(recs, mut, where_stmt, state, backward_chain),
            story=self._writes(recs),
        )

    def _saved_fixes(
        self,
        recs: list[SaveRecord],
        mut: Mutation,
        backward: ast.stmt | None = None,
        state: State | None = None,
        backward_chain: CallChain = (),
    ) -> tuple[Fix | None, ...]:
        """Out-of-place rewrite (only where the rebound name keeps requiring grad and is not a
        Parameter slot), else a `.clone()` at every op that saved what the write reaches; an
        optimizer step moves below the backward that needs the old parameters (unsafe); a write
        to module state (weight surgery, running statistics) moves below it too (safe, offered
        only where nothing between can see it)."""
        if mut.kind == "module":
            return (self._inplace_false(mut),)
        if mut.kind == "step":
            here = mut.span.path == self.src.path
            holders = _graph_holders(state, recs) if here else {}
            if here:
                holders.update(_attribute_holders(state, recs))
            below = self.fixes.move_step_below(mut.stmt, backward, mut.span.path, self.src.path)
            detach = self.fixes.detach_carried(mut.stmt, backward, mut.span.path, holders)
            if detach is None and below is None:
                detach = self.fixes.detach_carried_across_calls(
                    mut.chain, backward_chain, lambda k: self._holders_in_caller(k, state, recs)
                )
            return (
                below,
                detach,
                None
                if below
                else self.fixes.reorder_across_calls(
                    mut, recs, backward_chain, self.backward_chains - {backward_chain}
                ),
            )
        move = (  # weight surgery, running statistics: module state, not the forward's values
            self.fixes.move_write_below(mut, backward, self.src.path)
            if all(r.param or r.what.startswith(("the parameter", "the buffer")) for r in recs)
            else None
        )
        if mut.kind == "renorm":  # nn.Embedding(max_norm=...): torch's documented workaround
            return (self.fixes.clone_saved_all(recs), move)
        if mut.kind in ("init", "data_assign"):
            return (move,)
        clone = self.fixes.clone_saved_all(recs)
        if mut.grad_off or mut.target_param or any(_written_on_other_paths(r, mut) for r in recs):
            # (a write that is one of several paths' writes: rewriting it alone leaves the
            # other paths writing the saved tensor; the clone at the saving op covers all)
            return (clone, move)
        return (self.fixes.out_of_place(mut), clone, move)

    def _holders_in_caller(
        self, level: int, state: State | None, recs: list[SaveRecord]
    ) -> dict[str, int | None]:
        """The names holding a tensor in a graph (or a tuple of them) in the caller running
        the call chain's statement `level` (the innermost frame's own state past the
        callers). Any graph: by the time the backward runs, the carried name may already hold
        the next round's tensor, while the one the failed graph went through is gone."""
        envs = self.caller_envs()
        env = envs[level] if level < len(envs) else (state.env if state is not None else {})
        out = _graph_holders(State(env=env), recs)
        for name, value in env.items():
            items = value.items if isinstance(value, TupleVal) else (value,)
            if (
                name.isidentifier()
                and items
                and all(isinstance(v, TensorVal) for v in items)
                and any(isinstance(v, TensorVal) and v.rg == Tri.YES for v in items)
            ):
                out.setdefault(name, _arity(value))
        return out

    def _saver_related(self, rec: SaveRecord) -> tuple[Related, ...]:
        first = Related(
            rec.span, f"`{rec.op}` saved {_saved_what(rec)} for backward here", "save", rec.op
        )
        if rec.via is not None and rec.via.line != rec.span.line:
            return (first, Related(rec.via, f"(`{rec.op}` ran inside this call)", "call", rec.op))
        return (first,)

    # ------------------------------------------------------------------ story facts

    @staticmethod
    def _created(value: TensorVal) -> tuple[Related, ...]:
        """Where the written (or saved) tensor's storage was made, when an op made it."""
        origin = value.origin
        if origin is None:
            return ()
        return (Related(origin.span, f"`{origin.op}`", "create", origin.op),)

    def _viewed(self, value: TensorVal) -> tuple[Related, ...]:
        """The multi-output view op (`x.unbind(0)`, a loop over `x`) that made the view."""
        where = value.view_node
        if not isinstance(where, tuple) or len(where) != 2 or not isinstance(where[1], ast.AST):
            return ()
        src = self.sources.get(where[0], self.src)
        op = (value.view_op or "unbind").lower()
        return (Related(src.span(where[1]), f"`{src.text(where[1])}`", "view", op),)

    @staticmethod
    def _writes(recs: list[SaveRecord]) -> tuple[Related, ...]:
        """Every in-place write to the saved tensors, in program order: each bumps the version
        the backward will find."""
        out: dict[Related, None] = {}
        for rec in recs:
            for mut in (rec.dirty, *rec.later) if rec.dirty is not None else ():
                out[Related(mut.span, mut.desc, "write", mut.op)] = None
        return tuple(out)

    # ------------------------------------------------------------------ scope exits

    def on_return(self, value: Value, state: State, stmt: ast.Return, frame: Frame) -> None:
        if not frame.standalone:
            return
        reported: set[SaveKey] = set()
        # a tensor returned, or held by the tuple, list or dict returned (`return {"features":
        # features, "cls_token": cls}`): a caller's backward through it fails
        for tensor in held_tensors(value):
            if tensor.rg == Tri.NO:
                continue
            for key in tensor.deps:
                rec = state.saves.get(key)
                if (
                    key in reported
                    or rec is None
                    or rec.dirty is None
                    or rec.exempt
                    or rec.allow_mutation is not None
                ):
                    continue
                if not rec.written_after(tensor.deps_from):
                    continue
                if rec.certain or frame.in_module_method:
                    reported.add(key)
                    for mut in rec.writes:  # each write bumps the version
                        self._report_saved_modified(
                            [rec], mut, stmt, certain_backward=False, escaped=True
                        )

    def on_function_exit(self, state: State, frame: Frame) -> None:
        """A custom Function's backward that writes into `ctx.saved_tensors`: the next backward
        through the same graph (retain_graph=True, double backward) finds them modified."""
        func = frame.func
        if func is None or func.owner is None or not func.owner.is_autograd_function:
            return
        for rec in state.saves.values():
            if rec.key[0] != "ctx-saved" or rec.dirty is None:
                continue
            for mut in (rec.dirty, *rec.later):
                self.emit(
                    "GG002",
                    Severity.WARNING,
                    mut.span,
                    f"{mut.desc} modifies in place a tensor saved with `ctx.save_for_backward` "
                    f"({self._line(rec.span, mut.span)}); a second backward through the same graph "
                    f"(retain_graph=True, double backward) raises: 'one of the variables needed "
                    f"for gradient computation has been modified by an inplace operation'",
                    related=self._saver_related(rec),
                    fixes=(self.fixes.out_of_place(mut),),
                    story=self._writes([rec]),
                )

    def check_rebinding(
        self,
        target: ast.expr,
        rhs: ast.expr,
        value: Value,
        old_value: Value,
        state: State,
        stmt: ast.stmt,
    ) -> None:
        """GG009: `w = w - lr * w.grad` replaces a leaf parameter by a non-leaf tensor."""
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return
        old = old_value
        if not isinstance(old, TensorVal) or old.leaf_rg != Tri.YES:
            return
        name = self.src.text(target)
        uses_grad = any(
            isinstance(n, ast.Attribute) and n.attr == "grad" and self.src.text(n.value) == name
            for n in ast.walk(rhs)
        )
        if not uses_grad or not isinstance(value, TensorVal):
            return
        if self.fixes.leaf_again_later(stmt, target, self.src.path):
            return  # re-wrapped as a new leaf before anything needs its `.grad`
        grad_off = state.grad == Tri.NO
        fix = (
            self.fixes.rebind_to_inplace_no_grad(
                stmt,
                already_no_grad=grad_off,
                path=self.src.path,
                param=old.param,
                held_elsewhere=_other_names_hold(old, state),
            )
            if isinstance(stmt, ast.Assign)
            else None
        )
        if fix is not None and old.param and isinstance(target, ast.Name):
            # a module's parameter under a plain name (`for p in model.parameters()`): the
            # rebinding changed nothing, the in-place update trains the model (a change of
            # behaviour, on purpose)
            fix = replace(
                fix,
                safe=False,
                title=f"{fix.title} (unsafe: the model's parameter is now updated)",
            )
        what = "a tensor that does not require grad" if grad_off else "a new, non-leaf tensor"
        self.emit(
            "GG009",
            Severity.WARNING,
            self.src.span(stmt),
            f"`{self.src.text(stmt)}` rebinds `{name}` to {what}: the next backward will not "
            f"fill `{name}.grad`; update it in place under `torch.no_grad()` instead",
            fixes=(fix,),
            story=self._created(old),
        )


def _holder_names(target: TensorVal, state: State) -> list[str]:
    """The variables holding the storage written."""
    return [
        name
        for name, value in state.env.items()
        if isinstance(value, TensorVal) and value.sids & target.sids
    ]


def _other_names_hold(target: TensorVal, state: State, own: int = 1) -> bool:
    """More variables than the `own` one written through hold the storage written (an alias
    such as `c = out.detach()`; for a list element written by index, any variable)."""
    return len(_holder_names(target, state)) > own


def _graph_holders(state: State | None, recs: list[SaveRecord]) -> dict[str, int | None]:
    """Names holding a tensor (None) or a tuple of tensors (its length) whose graph has one of
    the saves `recs`: a state an iteration hands to the next."""
    keys = {r.key for r in recs}
    out: dict[str, int | None] = {}
    for name, value in state.env.items() if state is not None else ():
        if not name.isidentifier():
            continue
        if _holds_graph(value, keys):
            out[name] = _arity(value)
        elif isinstance(value, ListObj) and any(
            isinstance(v, TensorVal) and v.deps & keys for v in (value.elem, *value.items)
        ):
            out[name] = LIST_STATE  # one state per layer, in a list
    return out


def _holds_graph(value: object, keys: set[tuple[object, ...]]) -> bool:
    """A tensor whose graph has one of the saves `keys`, or a tuple of tensors one of which
    has."""
    if isinstance(value, TensorVal):
        return bool(value.deps & keys)
    return (
        isinstance(value, TupleVal)
        and bool(value.items)
        and all(isinstance(v, TensorVal) for v in value.items)
        and any(isinstance(v, TensorVal) and v.deps & keys for v in value.items)
    )


def _arity(value: object) -> int | None:
    """A tuple's length; None for a single tensor."""
    return len(value.items) if isinstance(value, TupleVal) else None


def _made_in(value: TensorVal, default: str) -> str:
    """The file where the op that made a tensor ran."""
    return value.origin.span.path if value.origin is not None else default


def _share_covering_fixes(
    findings: dict[tuple[str, Span], Finding],
) -> dict[tuple[str, Span], Finding]:
    """A finding whose preferred fix makes only some of the edits another finding's preferred
    fix makes (a `.clone()` at two savers, where the other clones those two and two more)
    prefers that other fix: fix-all then applies the one that covers both, instead of the
    smaller one, which overlaps it and leaves the other finding failing."""
    preferred = {key: f.fixes[0] for key, f in findings.items() if f.fixes}
    for key, fix in preferred.items():
        mine = set(fix.edits)
        wider = [
            other
            for other in preferred.values()
            if other.safe >= fix.safe and mine < set(other.edits)
        ]
        if wider:
            best = max(wider, key=lambda f: len(f.edits))
            finding = findings[key]
            findings[key] = replace(finding, fixes=(best, *finding.fixes))
    return findings


# containers whose children are reached by their position: `net.rnns[0]`
_INDEXED_CONTAINERS = frozenset({"torch.nn.Sequential", "torch.nn.ModuleList"})


def _attribute_holders(state: State | None, recs: list[SaveRecord]) -> dict[str, int | None]:
    """Module attributes (`model.hidden`, `net.rnn.hx`, `net.rnns[0].hx` in a Sequential)
    holding a tensor or a tuple of tensors whose graph has one of the saves `recs`: a state
    one forward leaves for the next."""
    keys = {r.key for r in recs}
    out: dict[str, int | None] = {}

    def visit(path: str, obj: ModuleObj, depth: int, seen: set[int]) -> None:
        if depth > 3 or id(obj) in seen:
            return
        seen.add(id(obj))
        for attr, value in obj.attrs.items():
            if not attr.isidentifier():
                continue
            where = f"{path}.{attr}"
            if isinstance(value, ModuleObj):
                visit(where, value, depth + 1, seen)
            elif not (isinstance(value, TensorVal) and value.param) and _holds_graph(value, keys):
                out[where] = _arity(value)
        if (obj.sequential or obj.kind in _INDEXED_CONTAINERS) and not obj.repeated:
            # `net.rnns[0].hx` (children built from a list: their positions are not known)
            for i, child in enumerate(obj.children):
                visit(f"{path}[{i}]", child, depth + 1, seen)
            _same_state_in_siblings(path, obj.children, out)

    for name, value in state.env.items() if state is not None else ():
        if name.isidentifier() and isinstance(value, ModuleObj):
            visit(name, value, 0, set())
    return out


def _same_state_in_siblings(
    path: str, children: list[ModuleObj], out: dict[str, int | None]
) -> None:
    """Where one child of a container holds the failed graph in an attribute (`rnns[0].hx`),
    the same attribute of its siblings (`rnns[1].hx`, fed from it) is that state too: a
    detach of one layer's state alone leaves the next layer's graph reaching back into it."""
    names = {
        key[len(f"{path}[{i}].") :]
        for i in range(len(children))
        for key in list(out)
        if key.startswith(f"{path}[{i}].")
    }
    for j, child in enumerate(children):
        for name in names:
            value = child.attrs.get(name)
            if isinstance(value, TensorVal) and not value.param:
                out.setdefault(f"{path}[{j}].{name}", None)
            elif isinstance(value, TupleVal) and all(isinstance(v, TensorVal) for v in value.items):
                out.setdefault(f"{path}[{j}].{name}", len(value.items))


def _short_text(text: str, limit: int = 50) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."


def _saved_what(rec: SaveRecord) -> str:
    return "its output" if rec.what in ("its output", "its result") else rec.what


def _written_on_other_paths(rec: SaveRecord, mut: Mutation) -> bool:
    """The saved tensor is also written first on another path than `mut`'s (an `elif`)."""
    return any(m != mut for m in (rec.dirty, *rec.alts)) and mut in (rec.dirty, *rec.alts)
