"""The autograd story of a finding: the tensors involved and what happened to them, in program
order (created, saved for backward at version v, viewed, written in place -> v+1, read by the
backward that needs v), which read fails, and for silent hazards what is silently wrong.

Built from what the finding carries (its location, its related locations with their roles and
its story facts) and, after a verify run, from what the run saw (`RunFacts`: real versions,
shape, dtype). Pure: renderers (JSON here, text and SVG beside the CLI) place the events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from .findings import Finding, Related, Span
from .rules import RULES

EventKind = Literal[
    "create", "view", "save", "write", "silent_write", "call", "use", "backward", "return", "rebind"
]
# how an event of the story reads (kind -> verb); also the `data-kind` values of the SVG
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]

SILENT_RULES = frozenset({"GG008", "GG009"})


@dataclass(frozen=True)
class StoryTensor:
    """One lane of the picture: a tensor (or a view or alias sharing or not its counter)."""

    id: str
    name: str
    role: str  # saved | view | alias | leaf | inference | target | parameter
    note: str = ""
    shape: tuple[int, ...] | None = None
    dtype: str | None = None


@dataclass(frozen=True)
class StoryEvent:
    kind: EventKind
    span: Span
    tensor: str  # the StoryTensor id of its lane
    op: str
    label: str  # what happens, in words
    code: str = ""  # the source at that place (one line, shortened)
    version: int | None = None  # after a write; needed by a save / backward
    found: int | None = None  # the version a failing read finds
    fails: bool = False
    focus: bool = False  # the finding's own location


@dataclass(frozen=True)
class RunWrite:
    line: int | None
    op: str | None
    version: int | None  # the tensor's version after the write


@dataclass(frozen=True)
class RunFacts:
    """What a verify run saw of one finding (lines in the checked source, 1-based)."""

    verdict: str  # confirmed | not_confirmed | not_reached
    detail: str
    label: str = ""  # what ran: "cell 2", "the file"
    shape: tuple[int, ...] | None = None
    dtype: str | None = None
    saved_version: int | None = None
    found_version: int | None = None
    writes: tuple[RunWrite, ...] = ()


@dataclass(frozen=True)
class Story:
    code: str
    rule: str
    title: str
    outcome: Literal["raises", "silent"]
    failure: str  # what PyTorch raises, or what is silently wrong
    tensors: tuple[StoryTensor, ...]
    events: tuple[StoryEvent, ...]
    edge: tuple[int, int] | None = None  # (reader, what it reads): the failing read
    facts: Literal["static", "run"] = "static"
    run: RunFacts | None = None

    @property
    def failing(self) -> StoryEvent | None:
        return next((e for e in self.events if e.fails), None)


CodeAt = Callable[[Span], str]  # the source text of a span's first line ("" when unknown)


def build_story(finding: Finding, code_at: CodeAt | None = None) -> Story:
    """The story of one finding, from the analysis alone."""
    return _Builder(finding, code_at or (lambda span: "")).build()


def with_run(story: Story, run: RunFacts) -> Story:
    """The story with what a run saw: real versions of the saved tensor and its writes, its
    shape and dtype; only a confirmed run changes the versions and the failing read."""
    if run.verdict != "confirmed":
        return replace(story, run=run)
    by_line = {w.line: w for w in run.writes if w.line is not None}
    saved = run.saved_version
    events = []
    for event in story.events:
        if event.kind in ("save", "backward", "return") and saved is not None:
            found = run.found_version if event.fails else None
            event = replace(event, version=saved, found=found if found is not None else event.found)
        elif event.kind == "write" and event.span.line in by_line and not event.span.path:
            version = by_line[event.span.line].version
            event = replace(event, version=version if version is not None else event.version)
        events.append(replace(event, label=_relabel(event)))
    tensors = tuple(
        replace(t, shape=run.shape, dtype=run.dtype) if i == 0 else t
        for i, t in enumerate(story.tensors)
    )
    return replace(story, events=tuple(events), tensors=tensors, facts="run", run=run)


# ------------------------------------------------------------------ building


_SAVED_RE = re.compile(r"^`(?P<op>[^`]+)` saved (?P<what>.+) for backward here")
_SAVES_RE = re.compile(r"^`(?P<op>[^`]+)` saves (?P<what>.+?) for backward")
_RECEIVER_RE = re.compile(r"^\s*(?:[\w.]+\s*=\s*)?(?P<name>[A-Za-z_][\w]*(?:\.(?:data|grad))?)")
_DIRECT_WRITE_RE = re.compile(
    r"\s*(?P<name>[A-Za-z_]\w*(?:\.(?:data|grad))?)\s*(?:\[|\.\w+_\s*\(|\S{1,2}=[^=])"
)
_TARGET_RE = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*)\s*(?::[^=]*)?=[^=]")


class _Builder:
    def __init__(self, finding: Finding, code_at: CodeAt) -> None:
        self.f = finding
        self.code_at = code_at
        self.tensors: list[StoryTensor] = []
        self.events: list[StoryEvent] = []
        self.roles: dict[str, list[Related]] = {}
        for rel in (*finding.related, *finding.story):
            self.roles.setdefault(rel.role, []).append(rel)

    # -- helpers

    def code(self, span: Span) -> str:
        return _shorten(self.code_at(span))

    def line_text(self, span: Span) -> str:
        return self.code_at(replace(span, col=0, end_line=span.line, end_col=10_000))

    def lane(self, name: str, role: str, note: str = "") -> str:
        for t in self.tensors:
            if t.name == name:
                return t.id
        tid = f"t{len(self.tensors)}"
        self.tensors.append(StoryTensor(tid, name, role, note))
        return tid

    def add(self, kind: EventKind, span: Span, tensor: str, op: str, label: str, **kw: Any) -> int:
        focus = span == self.f.span or (
            kind in ("write", "silent_write", "rebind") and span.line == self.f.span.line
        )
        event = StoryEvent(kind, span, tensor, op, label, self.code(span), focus=focus, **kw)
        self.events.append(event)
        return len(self.events) - 1

    def assigned_name(self, span: Span) -> str | None:
        """`y` of `y = torch.sigmoid(x)` when the span is the right-hand side."""
        text = self.line_text(span)
        match = _TARGET_RE.match(text)
        if match is None or match.end() > span.col + 1:
            return None
        return match.group("name")

    def written_op(self) -> str:
        return _op_of(self.line_text(self.f.span)[self.f.span.col :]) or ""

    def written_name(self, span: Span) -> str | None:
        """The tensor a write writes: `y` of `y.mul_(2)`, `y[0] = 0`, `y += 1`,
        `F.relu(y, inplace=True)`, `self.act(y)`, `torch.add(a, b, out=y)`."""
        code = self.line_text(span)[span.col :]
        out = re.search(r"\bout\s*=\s*(?P<name>[A-Za-z_][\w.]*)", code)
        if out:
            return out.group("name")
        direct = _DIRECT_WRITE_RE.match(code)
        if direct:
            return direct.group("name")
        call = re.match(r"\s*[\w.]+\s*\(\s*(?P<name>[A-Za-z_]\w*)\s*[,)]", code)
        if call:
            return call.group("name")
        return self.receiver(span)

    def receiver(self, span: Span) -> str | None:
        match = _RECEIVER_RE.match(self.code_at(span))
        return match.group("name") if match else None

    def create_events(self, tensor: str) -> None:
        viewed = any(t.id == tensor and t.role == "view" for t in self.tensors)
        for rel in self.roles.get("create", []):
            what = "its base created" if viewed else "created"
            self.add("create", rel.span, tensor, rel.op, f"{what} by `{rel.op}`")

    def calls_for(self, op: str, tensor: str) -> None:
        """The user's call a save or write ran inside (another function or module)."""
        for rel in self.roles.get("call", []):
            if rel.op == op and not any(
                e.kind == "call" and e.span == rel.span for e in self.events
            ):
                self.add("call", rel.span, tensor, op, f"calls the code where `{op}` runs")

    # -- per rule

    def build(self) -> Story:
        code = self.f.code
        edge: tuple[int, int] | None = None
        if code in ("GG002", "GG010"):
            edge = self.saved_modified()
        elif code == "GG008":
            edge = self.silent_write()
        elif code == "GG003":
            edge = self.multi_view()
        elif code == "GG006":
            self.inference_saved()
        elif code == "GG009":
            self.rebind()
        else:  # GG001, GG004, GG005, GG007: autograd refuses the write itself
            self.refused_write()
        if not any(e.fails for e in self.events) and self.events:
            i = next((i for i, e in enumerate(self.events) if e.focus), len(self.events) - 1)
            self.events[i] = replace(self.events[i], fails=True)
        rule = RULES.get(code)
        return Story(
            code=code,
            rule=rule.name if rule else code,
            title=self.title(),
            outcome="silent" if code in SILENT_RULES else "raises",
            failure=self.failure(),
            tensors=tuple(self.tensors),
            events=tuple(self.events),
            edge=edge,
        )

    def title(self) -> str:
        rule = RULES.get(self.f.code)
        what = rule.summary if rule else self.f.message
        snippet = self.code(self.f.span)
        return f"{self.f.code}: {what}" + (f": `{snippet}`" if snippet else "")

    def failure(self) -> str:
        rule = RULES.get(self.f.code)
        if self.f.code == "GG008":
            return (
                "nothing raises: autograd cannot see this write (no version bump), so the "
                "backward computes the gradient from the overwritten values: silently wrong"
            )
        if self.f.code == "GG009":
            return (
                "nothing raises: the name now holds a new, non-leaf tensor, so the next "
                "backward leaves its `.grad` empty and the update trains nothing"
            )
        quoted = re.search(r"raises(?: here)?: '(?P<text>.+)'", self.f.message)
        if quoted:
            return f"PyTorch raises: {quoted.group('text')}"
        return f"PyTorch raises: {rule.torch_error}" if rule else self.f.message

    def saved_lanes(self) -> list[tuple[Related, str]]:
        out = []
        for rel in self.roles.get("save", []):
            match = _SAVED_RE.match(rel.message)
            what = match.group("what") if match else "a tensor"
            op = rel.op or (match.group("op") if match else "an op")
            if what in ("its output", "its result"):
                name = self.assigned_name(rel.span) or f"output of {op}"
                note = f"output of `{op}`"
            else:
                name = what.strip("`")
                note = f"input of `{op}`"
            out.append((rel, self.lane(name, "saved", note)))
        return out

    def add_saves(self, saves: list[tuple[Related, str]], with_calls: bool) -> int | None:
        """An event per save (at version 0), after the calls that led to it when asked; the
        index of the first."""
        first: int | None = None
        for rel, tid in saves:
            if with_calls:
                self.calls_for(rel.op, tid)
            i = self.add(
                "save",
                rel.span,
                tid,
                rel.op,
                f"`{rel.op}` saves it for backward (version 0)",
                version=0,
            )
            first = i if first is None else first
        return first

    def saved_modified(self) -> tuple[int, int] | None:
        """GG002 / GG010: saved at v, written -> v+1.., read by a backward that needs v."""
        saves = self.saved_lanes()
        first_lane = (
            saves[0][1] if saves else self.lane(self.receiver(self.f.span) or "tensor", "target")
        )
        saved_names = {t.name for t in self.tensors}
        save_index = self.add_saves(saves, with_calls=True)
        writes = self.roles.get("write", [])
        if not writes and self.f.code == "GG002":
            writes = [Related(self.f.span, self.f.message, "write", "")]
        version = 0
        for rel in writes:
            version += 1
            lane = first_lane
            name = self.written_name(rel.span)
            if rel.op != "optimizer.step" and name and name not in saved_names and saves:
                lane = self.lane(
                    name, "alias", f"shares the version counter of `{self.tensors[0].name}`"
                )
            self.calls_for(rel.op, lane)
            what = (
                "optimizer.step() updates it in place"
                if rel.op == "optimizer.step"
                else (f"written in place by `{rel.op}`" if rel.op else "written in place")
            )
            self.add(
                "write", rel.span, lane, rel.op, f"{what} -> version {version}", version=version
            )
        reader = None
        backward = bool(self.roles.get("backward"))
        readers: tuple[tuple[str, EventKind], ...] = (
            ("returned", "return"),
            ("backward", "backward"),
        )
        for role, kind in readers:
            for rel in self.roles.get(role, []) if self.f.code != "GG010" else ():
                fails = reader is None and (kind == "backward" or not backward)
                label = (
                    f"backward needs version 0, finds version {version}"
                    if kind == "backward"
                    else f"returned: a backward through it needs version 0, finds {version}"
                )
                index = self.add(
                    kind,
                    rel.span,
                    first_lane,
                    "backward",
                    label,
                    version=0,
                    found=version,
                    fails=fails,
                )
                reader = index if fails else reader
        if self.f.code == "GG010":
            reader = self.add(
                "backward",
                self.f.span,
                first_lane,
                "backward",
                "backward outside the allow_mutation_on_saved_tensors() context "
                "that recorded the graph",
                fails=True,
            )
        if reader is not None and save_index is not None:
            return (reader, save_index)
        return None

    def silent_write(self) -> tuple[int, int] | None:
        """GG008: a write through `.data` / NumPy leaves the version where the save left it."""
        saves = self.saved_lanes()
        save_index = self.add_saves(saves, with_calls=False)
        base = self.tensors[0].name if self.tensors else "the tensor"
        name = self.written_name(self.f.span) or "alias"
        lane = self.lane(name, "alias", f"shares the memory of `{base}`, not its version counter")
        write = self.add(
            "silent_write",
            self.f.span,
            lane,
            self.written_op(),
            "writes the memory through an alias autograd does not track: the version stays 0",
            version=0,
            fails=True,
        )
        return (write, save_index) if save_index is not None else None

    def multi_view(self) -> tuple[int, int] | None:
        """GG003: a view from unbind/split/chunk (or its base) written in place."""
        views = self.roles.get("view", [])
        base_name = None
        for rel in views:
            base_name = self.receiver(rel.span)
        creates = self.roles.get("create", [])
        if base_name is None and creates:
            base_name = self.assigned_name(creates[0].span)
        base = self.lane(base_name or "base", "target", "the tensor the views split")
        self.create_events(base)
        uses = self.roles.get("use", [])
        written = self.written_name(self.f.span)
        view_index = None
        if uses:  # the base was written; a view read afterwards fails
            view_name = self.receiver(uses[0].span) or "view"
        else:
            view_name = written or "view"
        view_lane = self.lane(view_name, "view", "one of several views of the same base")
        for rel in views:
            op = _op_of(self.code_at(rel.span)) or rel.op
            view_index = self.add("view", rel.span, view_lane, op, f"`{op}` returns several views")
        if uses:
            self.add(
                "write",
                self.f.span,
                base,
                self.written_op(),
                "written in place: every view of it is now invalid",
            )
            use = self.add(
                "use", uses[0].span, view_lane, "", "the view is used: fails", fails=True
            )
            return (use, view_index) if view_index is not None else None
        self.add(
            "write",
            self.f.span,
            view_lane,
            self.written_op(),
            "written in place: autograd refuses (output of a function that returns multiple views)",
            fails=True,
        )
        return None

    def inference_saved(self) -> None:
        match = _SAVES_RE.match(self.f.message)
        op = match.group("op") if match else "the op"
        what = match.group("what").strip("`") if match else None
        creates = self.roles.get("create", [])
        name = what if what and what != "its output" else None
        if name is None and creates:
            name = self.assigned_name(creates[0].span)
        lane = self.lane(name or "tensor", "inference", "created under inference_mode")
        for rel in creates:
            self.add(
                "create", rel.span, lane, rel.op, f"created by `{rel.op}` as an inference tensor"
            )
        self.add(
            "save",
            self.f.span,
            lane,
            op,
            f"`{op}` saves it for backward: inference tensors cannot be saved",
            fails=True,
        )

    def rebind(self) -> None:
        name = self.receiver(self.f.span) or "w"
        lane = self.lane(name, "leaf", "a leaf that requires grad")
        self.create_events(lane)
        self.add(
            "rebind",
            self.f.span,
            lane,
            "",
            f"`{name}` rebound to a new, non-leaf tensor: `{name}.grad` stays empty",
            fails=True,
        )

    def refused_write(self) -> None:
        code = self.f.code
        role, note, why = {
            "GG001": ("leaf", "a leaf that requires grad", "a leaf that requires grad"),
            "GG004": ("view", "a view created under no_grad", "a view created under no_grad"),
            "GG005": ("inference", "created under inference_mode", "an inference tensor"),
            "GG007": ("target", "`out=` target", "`out=` while an argument requires grad"),
        }.get(code, ("target", "", "this tensor"))
        name = self.written_name(self.f.span)
        creates = self.roles.get("create", [])
        if name is None and creates:
            name = self.assigned_name(creates[0].span)
        lane = self.lane(name or "tensor", role, note)
        self.create_events(lane)
        self.add(
            "write",
            self.f.span,
            lane,
            self.written_op(),
            f"written in place: autograd refuses {why}",
            fails=True,
        )


_METHOD_RE = re.compile(r"\.(?P<op>[A-Za-z_]\w*)\s*\(")
_AUG_RE = re.compile(r"^[^=]*?(?P<op>//|\*\*|<<|>>|[-+*/@%&|^])=[^=]")
_CALL_RE = re.compile(r"(?P<op>[A-Za-z_][\w.]*)\s*\(")
_SETITEM_RE = re.compile(r"^\s*[\w.]+\s*\[.*\]\s*=[^=]")


def _op_of(code: str) -> str | None:
    """The in-place op a line of code runs: `mul_` of `y.mul_(2)`, `+=`, `setitem`, `add`
    with `out=`, `inplace=True`."""
    call = _CALL_RE.search(code)
    name = call.group("op").rsplit(".", 1)[-1] if call else None
    if "out=" in code:
        return f"{name}(out=)" if name else "out="
    if re.search(r"inplace\s*=\s*True", code):
        return f"{name}(inplace=True)" if name else "inplace=True"
    aug = _AUG_RE.match(code)
    if aug:
        return f"{aug.group('op')}="
    if _SETITEM_RE.match(code):
        return "setitem"
    method = _METHOD_RE.search(code)
    return method.group("op") if method else None


def _relabel(event: StoryEvent) -> str:
    """The label with the versions a run measured."""
    label = event.label
    if event.version is None:
        return label
    if event.kind == "save":
        return re.sub(r"\(version \d+\)", f"(version {event.version})", label)
    if event.kind == "write":
        return re.sub(r"-> version \d+", f"-> version {event.version}", label)
    if event.kind in ("backward", "return") and event.found is not None:
        label = re.sub(r"needs version \d+", f"needs version {event.version}", label)
        return re.sub(r"finds (version )?\d+", f"finds version {event.found}", label)
    return label


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ------------------------------------------------------------------ JSON

Place = Callable[[Span], dict[str, Any]]


def _default_place(span: Span) -> dict[str, Any]:
    return {
        "path": span.path,
        "line": span.line,
        "column": span.col + 1,
        "end_line": span.end_line,
        "end_column": span.end_col + 1,
    }


def story_json(story: Story, place: Place | None = None) -> dict[str, Any]:
    """The stable JSON form (README "Autograd story"); `place` turns a span into location
    fields (default: `path`, 1-based `line`/`column`, `end_line`/`end_column`)."""
    where = place or _default_place
    run = story.run
    return {
        "code": story.code,
        "rule": story.rule,
        "title": story.title,
        "outcome": story.outcome,
        "failure": story.failure,
        "facts": story.facts,
        "tensors": [
            {
                "id": t.id,
                "name": t.name,
                "role": t.role,
                "note": t.note,
                "shape": list(t.shape) if t.shape is not None else None,
                "dtype": t.dtype,
            }
            for t in story.tensors
        ],
        "events": [
            {
                **where(e.span),
                "kind": e.kind,
                "tensor": e.tensor,
                "op": e.op,
                "label": e.label,
                "code": e.code,
                "version": e.version,
                "found_version": e.found,
                "fails": e.fails,
                "focus": e.focus,
            }
            for e in story.events
        ],
        "failing_edge": None
        if story.edge is None
        else {"reader": story.edge[0], "read": story.edge[1]},
        "run": None
        if run is None
        else {
            "verdict": run.verdict,
            "detail": run.detail,
            "label": run.label,
            "saved_version": run.saved_version,
            "found_version": run.found_version,
            "shape": list(run.shape) if run.shape is not None else None,
            "dtype": run.dtype,
        },
    }


@dataclass(frozen=True)
class EventPlace:
    """Where a renderer says an event is: the document (`uri`, "" on the command line), its
    0-based line in that document, and how a person names it ("line 5", "cell 2, line 3")."""

    uri: str
    line: int
    where: str


Locate = Callable[[StoryEvent], EventPlace]
