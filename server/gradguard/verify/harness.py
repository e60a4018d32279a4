"""The instrumented runner that executes INSIDE the user's interpreter (a subprocess).

Standalone on purpose (standard library + torch only): the user's environment has torch but may
not have gradguard, so the parent runs this file by path (`python harness.py SPEC.json`) and it
must not import the rest of the package. It also avoids syntax newer than Python 3.8.

What it records, and why each piece is needed (DESIGN.md section 5):
- anomaly mode on (`check_nan=False`, so NaN gradients do not turn into new errors): autograd
  keeps the creation traceback of every node, which names the line of an out-of-place rebinding;
- `saved_tensors_hooks`: every tensor saved for backward, with its version, the op that saved it
  and the user's line. Any active hook switches autograd's own version check off, so the unpack
  hook re-implements it and raises autograd's exact message;
- a `TorchFunctionMode`: every torch call, with the versions of its tensor arguments before and
  after, so each in-place / `out=` write is attributed to a line; errors raised at the op
  (leaf, multi-output view, no_grad view, inference tensor, `out=`) are classified there;
- a marker call compiled in before each statement of the user's code: which lines ran (for
  "not reached" verdicts) and the check points for writes through NumPy arrays, which no torch
  op sees. (`sys.settrace` would do the same but also fires on every call into torch's own
  Python code, including the traceback anomaly mode formats for each node: 2x on small nets.)
- four patches while the code runs: `Tensor.set_` (it skips `__torch_function__`) goes through
  the same bookkeeping; `nn.Module.__init__` remembers the line that built each module, so ops
  reached through `nn.Sequential` are reported there, as the static rules do; and
  `saved_tensors_hooks.__enter__` notices user code installing hooks of its own (checkpointing,
  `allow_mutation_on_saved_tensors`), which makes the verification partial; and
  `disable_saved_tensors_hooks` (torch.func transforms refuse any active hook) steps ours aside.

A write into a saved tensor's memory through an alias with its own version counter (`.data`)
is seen by the function mode as a write to the same storage without a version change; writes
through NumPy arrays are seen by comparing checksums of the saved tensors sharing their memory.

Results are JSON lines appended to a result file as they happen, so a timeout or a crash (the
parent kills the whole process tree) loses nothing already found.
"""

from __future__ import annotations

import ast
import builtins
import faulthandler
import gc
import io
import json
import os
import re
import sys
import threading
import types
import warnings
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

MIN_TORCH = (2, 1)
MAX_MESSAGE = 4000
MAX_WATCHED_ELEMENTS = 50_000_000  # NumPy-alias watch budget: checksums run at every statement

_M2_TEXT = "one of the variables needed for gradient computation has been modified by an inplace"
_BASE_MODIFIED = "its base or another view of its base has been modified inplace"
# (substring of torch's message, rule code); the first match wins
_ERROR_KINDS = (
    (_M2_TEXT, "GG002"),
    ("a leaf Variable that requires grad is being used in an in-place operation", "GG001"),
    ("a view of a leaf Variable that requires grad is being used in an in-place", "GG001"),
    ("This view is the output of a function that returns multiple views", "GG003"),
    ("a leaf Variable that requires grad has been used in an in-place operation", "GG001"),
    ("created in no_grad mode and", "GG004"),
    ("This view was created inside a custom Function", "GG004"),  # also module backward hooks
    ("created in inference mode and", "GG005"),
    ("Inplace update to inference tensor outside InferenceMode", "GG005"),
    ("Inference tensors cannot be saved for backward", "GG006"),
    ("functions with out=... arguments don't support automatic differentiation", "GG007"),
    ("Trying to backward outside of the 'allow_mutation_on_saved_tensors' context", "GG010"),
    ("(torch.nn.Parameter or None expected)", "GG009"),  # `m.w = m.w - lr * m.w.grad`
)
_MULTI_VIEW_OPS = frozenset(
    {"unbind", "split", "chunk", "split_with_sizes", "tensor_split", "hsplit", "vsplit", "dsplit"}
)
_SWAPS_STORAGE = frozenset({"set_", "resize_", "resize_as_"})
_NUMPY_ALIAS_OPS = frozenset({"numpy", "__array__", "from_numpy", "as_tensor", "asarray"})
_POSITIONAL_INPLACE = frozenset(
    {
        "relu",
        "relu6",
        "elu",
        "selu",
        "celu",
        "leaky_relu",
        "hardtanh",
        "rrelu",
        "threshold",
        "dropout",
        "dropout1d",
        "dropout2d",
        "dropout3d",
        "alpha_dropout",
        "feature_alpha_dropout",
        "hardsigmoid",
        "hardswish",
        "silu",
        "mish",
    }
)
_DUNDER_NAMES = {
    "radd": "add",
    "rsub": "sub",
    "rmul": "mul",
    "truediv": "div",
    "rtruediv": "div",
    "floordiv": "floor_divide",
    "rfloordiv": "floor_divide",
    "rpow": "pow",
    "rmatmul": "matmul",
    "iadd": "add_",
    "isub": "sub_",
    "imul": "mul_",
    "itruediv": "div_",
}
_PLAIN, _GETTER, _SETTER, _NUMPY, _MULTI = range(5)
_USER_HOOKS = {
    "_checkpoint_hook": "torch.utils.checkpoint",
    "_recomputation_hook": "torch.utils.checkpoint",
    "_swap_with_cloned": "allow_mutation_on_saved_tensors()",
    "save_on_cpu": "save_on_cpu()",
    "saved_tensors_hooks": "saved_tensors_hooks()",
}
_NUMPY_WRITE, _DATA_ASSIGN = "numpy write", "data ="
_SILENT_WRITES = {_NUMPY_WRITE: "a write through a NumPy array", _DATA_ASSIGN: "`.data = ...`"}
_MARK = "__gradguard_ran__"
_FRAME_RE = re.compile(r'File "(.*?)", line (\d+)')


def classify_error(message: str) -> str | None:
    """The rule code of a torch error message (None for errors that are not in-place hazards)."""
    for text, code in _ERROR_KINDS:
        if text in message:
            return code
    return None


def _version(t: Any) -> int | None:
    try:
        return int(t._version)
    except Exception:  # noqa: BLE001 - inference / functional tensors have no version counter
        return None


def _storage_span(t: Any) -> tuple[int, int, int] | None:
    """(storage address, first byte, end byte) of the memory a tensor can touch."""
    try:
        key = int(t.untyped_storage().data_ptr())
        if key == 0 or t.numel() == 0:
            return None
        size = int(t.element_size())
        start = int(t.storage_offset()) * size
        extent = 1 + sum((n - 1) * abs(s) for n, s in zip(t.shape, t.stride()))  # noqa: B905
        return key, start, start + extent * size
    except Exception:  # noqa: BLE001 - sparse, nested, meta, ... tensors: not tracked
        return None


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + " [...]"


class Events:
    """Append-only JSON-lines sink: one write per event, so a killed process leaves whole lines."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def emit(self, event: str, **fields: Any) -> None:
        fields["t"] = event
        data = (json.dumps(fields, default=str) + "\n").encode("utf-8", "replace")
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def close(self) -> None:
        os.close(self._fd)


class BoundedText(io.TextIOBase):
    """A stdout/stderr stand-in for batch mode: keeps the head and the tail, counts the rest."""

    def __init__(self, limit: int) -> None:
        self._head_limit = limit * 3 // 4
        self._tail_limit = limit - self._head_limit
        self._head: list[str] = []
        self._head_size = 0
        self._tail = ""
        self._dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        size = len(s)
        room = self._head_limit - self._head_size
        if room > 0:
            self._head.append(s[:room])
            self._head_size += min(room, len(s))
            s = s[room:]
        if s:
            tail = self._tail + s
            self._dropped += max(0, len(tail) - self._tail_limit)
            self._tail = tail[-self._tail_limit :] if self._tail_limit else ""
        return size

    def text(self) -> str:
        head = "".join(self._head)
        if self._dropped:
            note = f"\n[gradguard: output truncated, {self._dropped} characters omitted]\n"
            return head + note + self._tail
        return head + self._tail


class Saved:
    """One tensor saved for backward, as seen by the pack hook."""

    __slots__ = (
        "built_line",
        "bumped_after_use",
        "checksum",
        "first_bump",
        "grad_fn_name",
        "is_output",
        "line",
        "op",
        "output_nr",
        "reported",
        "seen_version",
        "silent",
        "span",
        "stage",
        "tensor",
        "used",
        "version",
        "via_container",
        "writes",
    )

    def __init__(self, tensor: Any, version: int, op: str, line: int | None, stage: str) -> None:
        self.tensor = tensor
        self.version = version
        self.seen_version = version
        self.op = op
        self.line = line
        self.stage = stage
        self.is_output = False
        self.grad_fn_name: str | None = None
        self.output_nr = 0
        self.span: tuple[int, int, int] | None = None
        self.checksum: int | None = None
        self.built_line: int | None = None  # the `nn.Sequential` element that saved it
        self.first_bump: tuple[int | None, str, str] | None = None  # (line, op, stage)
        # every write that moved its version: (line, op, version after), for the story
        self.writes: list[tuple[int | None, str, int | None]] = []
        self.via_container = False  # the first write was attributed to an element too
        # writes autograd cannot see (`.data`, NumPy): (line, op, stage, after use, via element)
        self.silent: list[tuple[int | None, str, str, bool, bool]] = []
        self.reported = False
        self.used = False  # unpacked by a backward already (the graph was retained)
        self.bumped_after_use = False

    def saver_line(self, via_container: bool) -> int | None:
        """The element that saved, when the write also happened among a container's elements;
        otherwise the user's call."""
        if via_container and self.built_line is not None:
            return self.built_line
        return self.line


class _Handle:
    """What autograd stores in place of a saved tensor: dropping it means the graph let go."""

    __slots__ = ("__weakref__", "owner", "rid")

    def __init__(self, owner: Recorder, rid: int) -> None:
        self.owner = owner
        self.rid = rid

    def __del__(self) -> None:
        try:
            self.owner.drop(self.rid)
        except Exception:  # noqa: BLE001 - may run during interpreter shutdown
            pass


class Recorder:
    """All instrumentation state of one run (one file / cell)."""

    def __init__(self, torch: Any, path: str, events: Events, target: tuple[int, int]) -> None:
        self.torch = torch
        self.path = path
        self.events = events
        self.target = target
        self.stage = "setup"
        self.busy = False
        self.ops: list[str] = []
        self.saved: dict[int, Saved] = {}
        self.by_storage: dict[int, dict[int, Saved]] = {}
        self.watched: dict[int, Saved] = {}
        self.watched_elements = 0
        self.numpy_storages: set[int] = set()
        self.multi_views: dict[int, tuple[list[Any], int | None]] = {}
        self.pending_base_write: tuple[int | None, str] | None = None
        self.next_id = 0
        self.reported: set[tuple[str, int | None, str | None, int | None]] = set()
        self.seen_errors: dict[int, BaseException] = {}
        self.statements: list[tuple[int, int]] = []  # the lines of each marked statement
        self.ran: set[int] = set()
        self.last_line: int | None = None
        self.partial_notes: set[str] = set()
        self.user_hooks: set[str] = set()
        self.func_kinds: dict[Any, tuple[str, int]] = {}
        self.module_lines: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
        self.strip_node_suffix, self.m2_hint = _probe_m2_wording(torch)
        self.next_seq: Callable[[], int] | None = getattr(torch.autograd, "_get_sequence_nr", None)

    # ---- reporting -------------------------------------------------------------------------

    def finding(
        self,
        kind: str,
        message: str,
        inplace: tuple[int | None, str | None],
        saved_by: tuple[int | None, str] | None = None,
        detected_at: int | None = None,
        tensor: dict[str, Any] | None = None,
    ) -> None:
        if self.stage != "cell":
            return  # setup cells are verified when they are the target
        key = (kind, inplace[0], inplace[1], saved_by[0] if saved_by else None)
        if key in self.reported:
            return
        self.reported.add(key)
        self.events.emit(
            "finding",
            kind=kind,
            message=_short(message),
            inplace={"line": inplace[0], "op": inplace[1]},
            saved_by={"line": saved_by[0], "op": saved_by[1]} if saved_by else None,
            detected_at=detected_at,
            tensor=tensor,
        )

    def partial(self, note: str) -> None:
        if note not in self.partial_notes:
            self.partial_notes.add(note)
            self.events.emit("partial", note=note)

    # ---- where are we in the user's code ---------------------------------------------------

    def user_line(self) -> int | None:
        """Innermost line of the user's file on the current stack (torch internals skipped)."""
        frame: types.FrameType | None = sys._getframe(1)
        path = self.path
        while frame is not None:
            if frame.f_code.co_filename == path:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def site(self) -> tuple[int | None, int | None]:
        """(the user's line, the line that built the module doing the op when reached through
        a container), following the static rules' convention for modules.

        An op inside a module that the user's line called directly belongs to that call
        (`self.act(x)`); one reached through a container (`nn.Sequential`) belongs to the line
        that built the module (`nn.ReLU(inplace=True)` inside `nn.Sequential(...)`).
        """
        frame: types.FrameType | None = sys._getframe(1)
        path = self.path
        module_type = self.torch.nn.Module
        optimizer_type = self.torch.optim.Optimizer
        inner = outer = None
        torch_step = False  # the write is a torch optimizer's own step
        while frame is not None:
            code = frame.f_code
            if code.co_filename == path:
                if (
                    torch_step
                    and code.co_name == "step"
                    and isinstance(frame.f_locals.get("self"), optimizer_type)
                ):
                    # `super().step()` in the user's optimizer subclass: the update belongs to
                    # the line that called that step (`opt.step()`), as the static rule says
                    caller = frame.f_back
                    while caller is not None and caller.f_code.co_filename != path:
                        caller = caller.f_back
                    if caller is not None:
                        return caller.f_lineno, None
                built = None
                if inner is not None and outer is not inner:
                    built = self.module_lines.get(inner)
                return frame.f_lineno, built
            if code.co_name == "step" and isinstance(frame.f_locals.get("self"), optimizer_type):
                torch_step = True
            if code.co_name == "forward":
                owner = frame.f_locals.get("self")
                if isinstance(owner, module_type):
                    inner = inner or owner
                    outer = owner
            frame = frame.f_back
        return None, None

    def site_line(self) -> int | None:
        line, built = self.site()
        return built if built is not None else line

    def module_built(self, module: Any) -> None:
        """Remember the user's line that built a module (only when built right there)."""
        frame: types.FrameType | None = sys._getframe(2)
        while frame is not None and frame.f_code.co_name == "__init__":
            if frame.f_locals.get("self") is not module:
                break  # the __init__ of the module that builds this one as a child
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename == self.path:
            try:
                self.module_lines[module] = frame.f_lineno
            except TypeError:
                pass

    def tb_line(self, exc: BaseException) -> int | None:
        line = None
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.path:
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    def creation_line(self, t: Any) -> int | None:
        """Line that created a non-leaf tensor, from the traceback anomaly mode keeps per node."""
        try:
            trace = t.grad_fn.metadata.get("traceback_")
        except Exception:  # noqa: BLE001
            return None
        text = "".join(trace) if isinstance(trace, (list, tuple)) else str(trace or "")
        line = None
        for file, lineno in _FRAME_RE.findall(text):
            if file == self.path:
                line = int(lineno)
        return line

    def node_name(self, node: Any) -> str | None:
        if node is None:
            return None
        try:
            name = str(node.name())
        except Exception:  # noqa: BLE001
            name = type(node).__name__
        if self.strip_node_suffix:
            name = re.sub(r"Backward\d*$", "", name) or name
        return name

    # ---- saved tensors ---------------------------------------------------------------------

    def pack(self, t: Any) -> Any:
        was_busy, self.busy = self.busy, True
        try:
            return self._pack(t)
        except Exception as exc:  # noqa: BLE001 - unpack accepts a plain tensor too
            self.internal(exc)
            return t
        finally:
            self.busy = was_busy

    def _pack(self, t: Any) -> Any:
        version = _version(t)
        if version is None:
            return t
        op = self.ops[-1] if self.ops else self._callee_name()
        line, built = self.site()
        rec = Saved(None, version, op, line, self.stage)
        rec.built_line = built
        node = t.grad_fn
        # The output of the node being built has its sequence number; an input's node is older.
        # Outputs are kept as a detached alias (same storage and version counter) so the record
        # does not keep its own graph alive; inputs are kept as is, as autograd itself does.
        if node is not None and self.next_seq is not None:
            try:
                rec.is_output = int(node._sequence_nr()) == int(self.next_seq()) - 1
            except Exception:  # noqa: BLE001
                rec.is_output = False
        rec.tensor = t.detach() if rec.is_output else t
        if rec.is_output:
            rec.grad_fn_name = self.node_name(node)
            rec.output_nr = int(t.output_nr)
        rec.span = _storage_span(t)
        rid = self.next_id
        self.next_id += 1
        self.saved[rid] = rec
        if rec.span is not None:
            self.by_storage.setdefault(rec.span[0], {})[rid] = rec
            if rec.span[0] in self.numpy_storages:
                self._watch(rid, rec)
        return _Handle(self, rid)

    def unpack(self, handle: Any) -> Any:
        if not isinstance(handle, _Handle):
            return handle
        rec = self.saved.get(handle.rid)
        if rec is None:
            raise RuntimeError("gradguard: a saved tensor was released before backward used it")
        was_busy, self.busy = self.busy, True
        try:
            error = self._check_unpacked(rec)
        except Exception as exc:  # noqa: BLE001 - a gradguard bug must not change the user's run
            self.internal(exc)
            error = None
        finally:
            self.busy = was_busy
        if error is not None:
            raise error
        return rec.tensor

    def _check_unpacked(self, rec: Saved) -> RuntimeError | None:
        """Autograd's version check (off while hooks are active), plus the NumPy-alias check."""
        rec.used = True
        current = _version(rec.tensor)
        if current is not None and current != rec.version:
            error = RuntimeError(self._m2_message(rec, current))
            self.seen_errors[id(error)] = error
            rec.reported = True
            self._report_modified(rec, self.user_line(), during_backward=True)
            return error
        self._check_checksum(rec, None)
        self._report_silent(rec, self.user_line(), during_backward=True)
        return None

    def _check_checksum(self, rec: Saved, line: int | None) -> None:
        """Note (once per change) a write no version counter saw, then re-baseline."""
        if rec.checksum is None:
            return
        now = _checksum(self.torch, rec.tensor)
        if now is not None and now != rec.checksum:
            rec.checksum = now
            self._note_silent(rec, line, _NUMPY_WRITE, False)

    def _note_silent(self, rec: Saved, line: int | None, op: str, via_container: bool) -> None:
        """Kept until a backward reads the tensor (or the cell ends with the graph alive): a
        graph that is dropped unused was never wrong."""
        rec.silent.append((line, op, self.stage, rec.used, via_container))

    def drop(self, rid: int) -> None:
        rec = self.saved.pop(rid, None)
        if rec is None:
            return
        if rec.span is not None:
            group = self.by_storage.get(rec.span[0])
            if group is not None:
                group.pop(rid, None)
                if not group:
                    del self.by_storage[rec.span[0]]
        if self.watched.pop(rid, None) is not None:
            self.watched_elements -= _numel(rec.tensor)

    def _m2_message(self, rec: Saved, current: int) -> str:
        """Autograd's own M2 text (its version check is off while hooks are active)."""
        t = rec.tensor
        if rec.is_output:
            name, nr = rec.grad_fn_name, rec.output_nr
        else:
            try:
                name, nr = self.node_name(t.grad_fn), int(t.output_nr)
            except Exception:  # noqa: BLE001 - a view whose base changed may refuse its grad_fn
                name, nr = None, 0
        which = f", which is output {nr} of {name}," if name else ""
        sizes = "[" + ", ".join(str(n) for n in t.shape) + "]"
        return (
            f"{_M2_TEXT} operation: [{t.type()} {sizes}]{which} is at version {current}; "
            f"expected version {rec.version} instead.{self.m2_hint}"
        )

    def _report_modified(self, rec: Saved, detected_at: int | None, during_backward: bool) -> None:
        bump_line, bump_op = (
            (rec.first_bump[0], rec.first_bump[1]) if rec.first_bump else (None, None)
        )
        what = "output" if rec.is_output else "input"
        by = f"`{bump_op}` at line {bump_line}" if bump_op else "an operation gradguard did not see"
        message = (
            f"{by} modified in place the {what} of `{rec.op}` "
            f"(line {rec.saver_line(rec.via_container)}), which "
            f"autograd saved for backward (version {rec.version} -> {_version(rec.tensor)}); "
        )
        if during_backward:
            message += f"the backward at line {detected_at} fails: '{_M2_TEXT} operation'"
        else:
            message += "no backward ran through it here, but one through this graph would fail"
        self.finding(
            "GG002",
            message,
            (bump_line, bump_op),
            (rec.saver_line(rec.via_container), rec.op),
            detected_at=detected_at,
            tensor=_tensor_facts(rec),
        )

    def _report_silent(self, rec: Saved, detected_at: int | None, during_backward: bool) -> None:
        what = "output" if rec.is_output else "input"
        for line, op, stage, after_use, via_container in rec.silent:
            if not during_backward and (after_use or stage != "cell"):
                continue  # only a second backward would read it, and that one is checked
            saver = rec.saver_line(via_container)
            where = _SILENT_WRITES.get(op, f"`{op}`")
            where += f" at line {line}" if line is not None else " (at a line gradguard missed)"
            message = (
                f"{where} wrote into the {what} of `{rec.op}` (line {saver}), which autograd "
                "saved for backward, through an alias autograd does not track (`.data`, NumPy): "
            )
            if during_backward:
                message += f"the backward at line {detected_at} silently used the new values"
            else:
                message += "no backward ran through it here; one would silently use them"
            self.finding(
                "GG008",
                message,
                (line, op),
                (saver, rec.op),
                detected_at=detected_at,
                tensor=_tensor_facts(rec),
            )
        rec.silent = []

    def _watch(self, rid: int, rec: Saved) -> None:
        size = _numel(rec.tensor)
        if self.watched_elements + size > MAX_WATCHED_ELEMENTS:
            self.partial("too much memory shared with NumPy arrays: some writes are not checked")
            return
        rec.checksum = _checksum(self.torch, rec.tensor)
        if rec.checksum is not None:
            self.watched[rid] = rec
            self.watched_elements += size

    # ---- torch calls -----------------------------------------------------------------------

    def call(
        self,
        func: Any,
        types: Any = (),
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Any:
        """The mode's `__torch_function__`: every torch call of the user's code comes here."""
        if kwargs is None:
            kwargs = {}
        if self.busy:
            return func(*args, **kwargs)
        try:
            name, kind = self.func_kinds[func]
        except (KeyError, TypeError):
            name, kind = _func_kind(func)
            try:
                self.func_kinds[func] = (name, kind)
            except TypeError:
                pass
        if kind == _GETTER:
            result = func(*args, **kwargs)
            if name == "grad" and result is None and args:
                try:
                    self._on_grad_none(args[0])
                except Exception as exc:  # noqa: BLE001
                    self.internal(exc)
            return result
        if kind == _SETTER:
            if name == "data" and len(args) == 2:
                try:
                    self._on_set_data(args[0])
                except Exception as exc:  # noqa: BLE001
                    self.internal(exc)
            return func(*args, **kwargs)
        tensor_type = self.torch.Tensor
        tensors = _tensors_in(args, kwargs, tensor_type)
        before = [_version(t) for t in tensors]
        first_new = self.next_id  # tensors saved by this very call are not its victims
        # ops that swap a tensor's storage: look the victims up by the storage they had
        spans_before = {id(t): _storage_span(t) for t in tensors} if name in _SWAPS_STORAGE else {}
        self.ops.append(name)
        try:
            result = func(*args, **kwargs)
        except BaseException as exc:
            try:
                self._on_error(exc, _display(name, args, kwargs))
            except Exception as problem:  # noqa: BLE001
                self.internal(problem)
            raise
        finally:
            self.ops.pop()
        try:
            pairs = zip(tensors, before)  # noqa: B905 - no `strict=`: runs on older Pythons too
            bumped = [t for t, v in pairs if v is not None and _version(t) != v]
            if bumped:
                self._on_write(_display(name, args, kwargs), bumped, first_new, spans_before)
            if kind == _NUMPY:
                self._on_numpy_alias(args[0] if args else None, result, tensor_type)
            elif kind == _MULTI:
                self._on_multi_view(result, tensor_type)
        except Exception as exc:  # noqa: BLE001 - a gradguard bug must not change the user's run
            self.internal(exc)
        return result

    def internal(self, exc: BaseException) -> None:
        self.partial(f"gradguard internal error ({type(exc).__name__}: {exc}); results may miss")

    def _callee_name(self) -> str:
        """Name of the function the user's line called (the op is unknown to the mode)."""
        frame: types.FrameType | None = sys._getframe(2)
        callee = None
        while frame is not None:
            if frame.f_code.co_filename == self.path:
                return callee or "an operation"
            callee = frame.f_code.co_name
            frame = frame.f_back
        return "an operation"

    def _on_write(
        self,
        op: str,
        bumped: list[Any],
        first_new: int,
        spans_before: dict[int, tuple[int, int, int] | None],
    ) -> None:
        was_busy, self.busy = self.busy, True
        try:
            call_line, built = self.site()
            line = built if built is not None else call_line
            for t in bumped:
                span = spans_before[id(t)] if id(t) in spans_before else _storage_span(t)
                if span is None:
                    continue
                for rid, rec in list(self.by_storage.get(span[0], {}).items()):
                    if rid >= first_new or rid not in self.saved or rec.reported:
                        continue
                    current = _version(rec.tensor)
                    if current != rec.seen_version:
                        rec.seen_version = current if current is not None else rec.seen_version
                        if len(rec.writes) < 16:
                            rec.writes.append((line, op, current))
                        if rec.first_bump is None:
                            rec.first_bump = (line, op, self.stage)
                            rec.bumped_after_use = rec.used
                            rec.via_container = built is not None
                    elif rec.span is not None and _overlap(span, rec.span):
                        # same memory, separate version counter: `.data` or another alias
                        self._note_silent(rec, line, op, built is not None)
                        if rec.checksum is not None:  # explained: not a NumPy write
                            rec.checksum = _checksum(self.torch, rec.tensor)
                group = self.multi_views.get(span[0])
                if group is not None:
                    views = [ref() for ref in group[0]]
                    alive = [v for v in views if v is not None]
                    if alive and not any(v is t for v in alive):
                        self.pending_base_write = (line, op)
        finally:
            self.busy = was_busy

    def _on_error(self, exc: BaseException, op: str) -> None:
        if id(exc) in self.seen_errors:
            return
        kind = classify_error(str(exc))
        if kind is None:
            return
        self.seen_errors[id(exc)] = exc  # keeps the id unique while we remember it
        was_busy, self.busy = self.busy, True
        try:
            self.error_finding(exc, kind, op, self.site_line())
        finally:
            self.busy = was_busy

    def error_finding(
        self, exc: BaseException, kind: str, op: str | None, line: int | None
    ) -> None:
        """A runtime finding for an error torch raised at the op (or at backward)."""
        message = str(exc).split("\n", 1)[0]
        if kind == "GG002":
            site: tuple[int | None, str | None] = (None, None)
            text = f"backward at line {line} found a saved tensor modified in place: {message}"
        elif _BASE_MODIFIED in message:
            site = self.pending_base_write or (None, None)
            where = f"`{site[1]}` at line {site[0]}" if site[0] is not None else "an in-place op"
            text = f"{where} modified the base of a view; using the view at line {line} raised: "
            text += message
        else:
            site = (line, op)
            text = f"`{op}` at line {line} raised: {message}"
        self.finding(kind, text, site, None, detected_at=line)

    def _on_grad_none(self, t: Any) -> None:
        """`.grad` of a non-leaf read as None: the symptom of an out-of-place parameter update."""
        was_busy, self.busy = self.busy, True
        try:
            if not (t.requires_grad and not t.is_leaf and not t.retains_grad):
                return
            made_at = self.creation_line(t)
            op = self.node_name(t.grad_fn)
            line = self.user_line()
            message = (
                f"`.grad` read at line {line} is None: the tensor is not a leaf any more, it was "
                f"produced by `{op}` at line {made_at} (an out-of-place update such as "
                "`w = w - lr * w.grad` turns a parameter into a non-leaf that never gets a .grad)"
            )
            self.finding("GG009", message, (made_at, op), None, detected_at=line)
        finally:
            self.busy = was_busy

    def _on_set_data(self, target: Any) -> None:
        """`t.data = other` swaps the storage of a tensor autograd may have saved as an input."""
        was_busy, self.busy = self.busy, True
        try:
            span = _storage_span(target)
            if span is None:
                return
            line = self.user_line()
            for rec in list(self.by_storage.get(span[0], {}).values()):
                if rec.tensor is target and not rec.reported:
                    self._note_silent(rec, line, _DATA_ASSIGN, False)
        finally:
            self.busy = was_busy

    def _on_numpy_alias(self, source: Any, result: Any, tensor_type: Any) -> None:
        """Memory shared with NumPy can change without any torch op: watch it line by line."""
        was_busy, self.busy = self.busy, True
        try:
            for t in (source, result):
                if isinstance(t, tensor_type):
                    span = _storage_span(t)
                    if span is None:
                        continue
                    self.numpy_storages.add(span[0])
                    for rid, rec in list(self.by_storage.get(span[0], {}).items()):
                        if rid not in self.watched:
                            self._watch(rid, rec)
        finally:
            self.busy = was_busy

    def _on_multi_view(self, result: Any, tensor_type: Any) -> None:
        if not isinstance(result, (tuple, list)) or not result:
            return
        if not self.torch.is_grad_enabled():
            return
        views = [v for v in result if isinstance(v, tensor_type) and v.requires_grad]
        if not views:
            return
        span = _storage_span(views[0])
        if span is not None:
            self.multi_views[span[0]] = ([weakref.ref(v) for v in views], self.user_line())

    # ---- line tracing ----------------------------------------------------------------------

    def compile_cell(self, text: str) -> types.CodeType:
        """Compile a cell with a `__gradguard_ran__(k)` call before each statement."""
        tree = ast.parse(text, self.path)
        tree = _StatementMarks(self.statements).visit(tree)
        return compile(ast.fix_missing_locations(tree), self.path, "exec", dont_inherit=True)

    def statement_ran(self, k: int) -> None:
        if self.watched and not self.busy:
            self._check_watched()
        start, end = self.statements[k]
        self.last_line = start
        if k not in self.ran:
            self.ran.add(k)
            first, last = max(start, self.target[0]), min(end, self.target[1])
            if self.stage == "cell" and first <= last:
                self.events.emit("lines", first=first, last=last)

    def _check_watched(self) -> None:
        was_busy, self.busy = self.busy, True
        try:
            for rec in list(self.watched.values()):
                if rec.reported or _version(rec.tensor) != rec.version:
                    continue  # tracked in-place writes explain the change: GG002's business
                self._check_checksum(rec, self.last_line)
        finally:
            self.busy = was_busy

    # ---- end of the cell -------------------------------------------------------------------

    def sweep(self) -> None:
        """Saved tensors still held by a graph but modified: backward would fail (or be wrong)."""
        was_busy, self.busy = self.busy, True
        try:
            gc.collect()
            for rec in list(self.saved.values()):
                if rec.reported:
                    continue
                current = _version(rec.tensor)
                if current is not None and current != rec.version:
                    # a retained graph modified after its backward fails only on a second
                    # backward, and that one is caught at unpack: nothing to say here
                    if rec.bumped_after_use:
                        continue
                    if rec.first_bump is None or rec.first_bump[2] == "cell":
                        rec.reported = True
                        self._report_modified(rec, None, during_backward=False)
                else:
                    self._check_checksum(rec, None)
                    self._report_silent(rec, None, during_backward=False)
        finally:
            self.busy = was_busy

    # ---- installation ----------------------------------------------------------------------

    @contextmanager
    def installed(self) -> Iterator[None]:
        torch = self.torch
        graph = torch.autograd.graph
        recorder = self

        mode_base: Any = torch.overrides.TorchFunctionMode
        call = self.call

        def torch_function(
            mode: Any, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            return call(func, types, args, kwargs)

        mode_cls = type("GradguardMode", (mode_base,), {"__torch_function__": torch_function})

        hooks_cls = graph.saved_tensors_hooks
        original_enter = hooks_cls.__enter__
        module_cls = torch.nn.Module
        original_init = module_cls.__init__

        def init_module(module: Any, *args: Any, **kwargs: Any) -> None:
            original_init(module, *args, **kwargs)
            if not recorder.busy:
                recorder.module_built(module)

        def enter_user_hooks(hooks: Any) -> Any:
            kind = _USER_HOOKS.get(type(hooks).__name__, f"`{type(hooks).__name__}`")
            if kind not in recorder.user_hooks:
                recorder.user_hooks.add(kind)
                recorder.partial(
                    f"{kind} installs its own saved-tensor hooks (first at line "
                    f"{recorder.user_line()}): tensors saved while they are active are checked "
                    "by those hooks, not by gradguard"
                )
            return original_enter(hooks)

        anomaly = torch.is_anomaly_enabled()
        torch.autograd.set_detect_anomaly(True, check_nan=False)
        ours = hooks_cls(self.pack, self.unpack)
        ours.__enter__()
        # `Tensor.set_` skips __torch_function__; route it through the same bookkeeping
        tensor_cls = torch.Tensor
        own_set = tensor_cls.__dict__.get("set_")
        original_set = tensor_cls.set_

        def set_(t: Any, *args: Any, **kwargs: Any) -> Any:
            return recorder.call(original_set, (), (t, *args), kwargs)

        # code that refuses saved-tensor hooks (torch.func transforms) runs without ours
        original_disable = graph.disable_saved_tensors_hooks
        autograd_c = torch._C._autograd

        @contextmanager
        def disable_hooks(error_message: str) -> Iterator[None]:
            top = autograd_c._top_saved_tensors_default_hooks(False)
            if top is None or top[0] != recorder.pack:
                with original_disable(error_message):
                    yield
                return
            recorder.partial(
                f"code that refuses saved-tensor hooks (torch.func transforms; first at line "
                f"{recorder.user_line()}) runs without gradguard's: what it saves is not checked"
            )
            autograd_c._pop_saved_tensors_default_hooks()
            try:
                with original_disable(error_message):
                    yield
            finally:
                autograd_c._push_saved_tensors_default_hooks(recorder.pack, recorder.unpack)

        hooks_cls.__enter__ = enter_user_hooks
        module_cls.__init__ = init_module
        tensor_cls.set_ = set_
        graph.disable_saved_tensors_hooks = disable_hooks
        mode = mode_cls()
        mode.__enter__()
        builtins.__dict__[_MARK] = self.statement_ran
        try:
            yield
        finally:
            builtins.__dict__.pop(_MARK, None)
            mode.__exit__(None, None, None)
            module_cls.__init__ = original_init
            if own_set is None:
                del tensor_cls.set_
            else:
                tensor_cls.set_ = own_set
            hooks_cls.__enter__ = original_enter
            graph.disable_saved_tensors_hooks = original_disable
            ours.__exit__(None, None, None)
            torch.autograd.set_detect_anomaly(anomaly)


class _StatementMarks(ast.NodeTransformer):
    """Put `__gradguard_ran__(k)` before every statement; `k` indexes the statement's lines
    (a compound statement's header only: its body has marks of its own)."""

    def __init__(self, statements: list[tuple[int, int]]) -> None:
        self.statements = statements

    def generic_visit(self, node: ast.AST) -> ast.AST:
        super().generic_visit(node)
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                setattr(node, name, self._marked(node, block))
        return node

    def _marked(self, owner: ast.AST, block: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for i, stmt in enumerate(block):
            docstring = (
                i == 0
                and isinstance(
                    owner, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
                )
                and isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            )
            future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
            if not (docstring or future):
                out.append(self._mark(stmt))
            out.append(stmt)
        return out

    def _mark(self, stmt: ast.stmt) -> ast.stmt:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        body = getattr(stmt, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            end = max(start, body[0].lineno - 1)
        else:
            end = getattr(stmt, "end_lineno", None) or stmt.lineno
        self.statements.append((start, end))
        call = ast.Call(ast.Name(_MARK, ast.Load()), [ast.Constant(len(self.statements) - 1)], [])
        return ast.copy_location(ast.Expr(call), stmt)


def _tensor_facts(rec: Saved) -> dict[str, Any] | None:
    """The saved tensor as the story shows it: shape, dtype, the version it was saved at, the
    version it has now, and each write that moved it."""
    try:
        t = rec.tensor
        return {
            "shape": [int(n) for n in t.shape],
            "dtype": str(t.dtype),
            "saved_version": rec.version,
            "version": _version(t),
            "writes": [{"line": w[0], "op": w[1], "version": w[2]} for w in rec.writes],
        }
    except Exception:  # noqa: BLE001 - the facts are extras; the finding stands without them
        return None


def _numel(t: Any) -> int:
    try:
        return int(t.numel())
    except Exception:  # noqa: BLE001
        return 0


def _checksum(torch: Any, t: Any) -> int | None:
    """Sum of the raw bits: exact, NaN-safe, one pass over the memory."""
    try:
        d = t.detach()
        if d.is_complex():
            d = torch.view_as_real(d)
        if d.layout != torch.strided or d.device.type == "meta":
            return None
        view = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}[d.element_size()]
        with torch.no_grad():
            return int(d.view(view).sum(dtype=torch.int64).item())
    except Exception:  # noqa: BLE001
        return None


def _tensors_in(args: tuple[Any, ...], kwargs: dict[str, Any], tensor_type: Any) -> list[Any]:
    found = []
    for value in (*args, *kwargs.values()):
        if isinstance(value, tensor_type):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found.extend(v for v in value if isinstance(v, tensor_type))
    return found


def _func_kind(func: Any) -> tuple[str, int]:
    name = str(getattr(func, "__name__", "") or type(func).__name__)
    if name in ("__get__", "__set__"):
        owner = getattr(func, "__self__", None)
        attr = str(getattr(owner, "__name__", "") or "attribute")
        return attr, _GETTER if name == "__get__" else _SETTER
    if name.startswith("__") and name.endswith("__") and name not in ("__array__",):
        bare = name[2:-2]
        name = _DUNDER_NAMES.get(bare, bare)
    if name in _NUMPY_ALIAS_OPS:
        return name, _NUMPY
    if name in _MULTI_VIEW_OPS:
        return name, _MULTI
    return name, _PLAIN


def _display(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    if kwargs.get("out") is not None:
        return f"{name}(out=...)"
    if kwargs.get("inplace") is True or (
        name in _POSITIONAL_INPLACE and any(a is True for a in args[1:])
    ):
        return f"{name}(inplace=True)"
    return name


def _probe_m2_wording(torch: Any) -> tuple[bool, str]:
    """Ask the installed torch how it words M2 (node names and the hint differ by release)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        previous = torch.is_anomaly_enabled()
        torch.autograd.set_detect_anomaly(True, check_nan=False)
        try:
            x = torch.zeros(2, requires_grad=True)
            y = x.exp()
            full_name = str(y.grad_fn.name())
            y.add_(1)
            y.sum().backward()
        except RuntimeError as exc:
            message = str(exc)
        else:
            return True, ""
        finally:
            torch.autograd.set_detect_anomaly(previous)
    m = re.search(r"output \d+ of (\w+),", message)
    strip = bool(m) and m is not None and m.group(1) != full_name
    hint = message.split(" instead.", 1)[1] if " instead." in message else ""
    return strip, hint


# ---- running a job -------------------------------------------------------------------------


def _split_lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _cell_code(lines: list[str], start: int, end: int) -> str:
    """The cell's text at its own line numbers, so tracebacks and findings use file lines."""
    return "\n" * (start - 1) + "\n".join(lines[start - 1 : end]) + "\n"


def _exception_event(events: Events, exc: BaseException, line: int | None, stage: str) -> None:
    if isinstance(exc, SystemExit):
        message = f"sys.exit({exc.code!r})"
    else:
        message = _short(str(exc))
    events.emit("exception", type=type(exc).__name__, message=message, line=line, stage=stage)


_HARNESS_FRAME = re.compile(
    r'^  File "' + re.escape(os.path.abspath(__file__)) + r'", line \d+, in .*\n(?:    .*\n)?',
    re.M,
)


def _showwarning_without_harness(show: Any) -> Any:
    """Anomaly mode's "Traceback of forward call" warning lists the harness's own frames
    above the user's: drop them, so stderr reads as if the code ran plainly."""

    def showwarning(message: Any, category: Any, *args: Any, **kwargs: Any) -> None:
        text = str(message)
        if "File " in text:
            cleaned = _HARNESS_FRAME.sub("", text)
            if cleaned != text:
                message = cleaned
        show(message, category, *args, **kwargs)

    return showwarning


def run_job(torch: Any, job: dict[str, Any], events: Events, batch: bool, limit: int) -> None:
    """Run the setup cells, then the target cell, all instrumented; report as events.

    (Called straight from `main`: anomaly mode formats the whole stack for every autograd node,
    so the harness keeps few frames under the user's code.)
    """
    events.emit("start", torch=torch.__version__, python=sys.version.split()[0])
    path = str(job["path"])
    lines = _split_lines(str(job["source"]))
    stages = [("setup", int(s), int(e)) for s, e in job["setup"]]
    stages.append(("cell", int(job["target"][0]), int(job["target"][1])))
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__dict__["__builtins__"] = builtins
    saved_main, saved_path, saved_cwd = sys.modules.get("__main__"), list(sys.path), os.getcwd()
    saved_out, saved_err = sys.stdout, sys.stderr
    out_buf = err_buf = None
    if batch:
        out_buf, err_buf = BoundedText(limit), BoundedText(limit)
        sys.stdout, sys.stderr = out_buf, err_buf
    sys.modules["__main__"] = module
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    if job.get("seed") is not None:
        torch.manual_seed(int(job["seed"]))
    completed = False
    recorder = Recorder(torch, path, events, (stages[-1][1], stages[-1][2]))
    try:
        with warnings.catch_warnings(), recorder.installed():
            warnings.showwarning = _showwarning_without_harness(warnings.showwarning)
            for stage, start, end in stages:
                recorder.stage = stage
                try:
                    exec(recorder.compile_cell(_cell_code(lines, start, end)), module.__dict__)
                except SystemExit as exc:
                    if exc.code not in (None, 0):
                        _exception_event(events, exc, recorder.tb_line(exc), stage)
                    else:
                        events.emit("note", text=f"the code called sys.exit({exc.code!r})")
                    break
                except BaseException as exc:  # noqa: BLE001 - the user's error is the result
                    line = exc.lineno if isinstance(exc, SyntaxError) else recorder.tb_line(exc)
                    kind = classify_error(str(exc))
                    if kind is not None and id(exc) not in recorder.seen_errors:
                        recorder.error_finding(exc, kind, None, line)
                    _exception_event(events, exc, line, stage)
                    break
            else:
                completed = True
            recorder.sweep()  # findings are kept only when the target cell was reached
    finally:
        sys.modules["__main__"] = saved_main  # type: ignore[assignment]
        sys.path[:] = saved_path
        sys.stdout, sys.stderr = saved_out, saved_err
        try:
            os.chdir(saved_cwd)
        except OSError:
            pass
        torch.set_grad_enabled(True)
    if out_buf is not None and err_buf is not None:
        events.emit("output", stdout=out_buf.text(), stderr=err_buf.text())
    events.emit("done", completed=completed)


def _import_torch() -> tuple[Any, str | None]:
    try:
        import torch
    except BaseException as exc:  # noqa: BLE001 - any failure to import means "no torch"
        return None, f"`import torch` failed in {sys.executable}: {type(exc).__name__}: {exc}"
    version = str(getattr(torch, "__version__", "0"))
    m = re.match(r"(\d+)\.(\d+)", version)
    if m is None or (int(m.group(1)), int(m.group(2))) < MIN_TORCH:
        need = ".".join(str(n) for n in MIN_TORCH)
        return None, f"torch {version} in {sys.executable} is older than the supported {need}"
    return torch, None


def _limit_memory(limit: int | None) -> str | None:
    """Let the code map at most `limit` more bytes of address space (RLIMIT_AS) than the
    process already has with torch imported. Linux only: the parent sends no limit where the
    OS enforces it otherwise (Windows' Job Object) or not at all (macOS)."""
    if not limit:
        return None
    if sys.platform.startswith("linux"):
        try:
            import resource

            with open("/proc/self/statm", encoding="ascii") as f:
                current = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (current + limit, current + limit))
        except (ImportError, ValueError, OSError) as exc:
            return f"memory limit not applied on this system: {exc}"
        return None
    return f"memory limit not applied on {sys.platform}"


def _say_finished(path: str | None) -> None:
    """Tell the parent the code has finished (it then gives the interpreter's shutdown a short
    grace, not the whole timeout), naming the non-daemon threads that will hold it up."""
    if not path:
        return
    threads = [
        t.name for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()
    ]
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump({"threads": threads}, f)
    os.replace(partial, path)


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    faulthandler.enable()
    jobs = spec["jobs"]
    torch, problem = _import_torch()
    # after the import: torch alone maps far more address space than the code it runs needs
    memory_note = _limit_memory(spec.get("memory_limit"))
    gc.freeze()  # torch's own objects never become garbage: keep the end-of-cell gc.collect() fast
    limit = int(spec.get("output_limit", 65536))
    for job in jobs:
        gc.freeze()  # what earlier jobs left behind is not this job's garbage either
        events = Events(job["result"])
        try:
            if torch is None:
                events.emit("no_torch", message=problem)
                continue
            if memory_note:
                events.emit("note", text=memory_note)
            run_job(torch, job, events, len(jobs) > 1, limit)
        except BaseException as exc:  # noqa: BLE001 - a harness bug must still reach the parent
            events.emit("internal_error", message=f"{type(exc).__name__}: {exc}")
        finally:
            events.close()
    _say_finished(spec.get("finished"))
    return 0


if __name__ == "__main__":
    del sys.path[0]  # this file's directory must not shadow the user's modules
    sys.exit(main(sys.argv))
