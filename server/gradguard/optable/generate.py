"""Derive gradguard's op table from the installed PyTorch.

Which tensors an op saves for backward is an implementation detail of each torch release, so it
is measured, not written down: for every OpInfo in torch's own test database
(``common_methods_invocations.op_db``) and its first sample inputs, we make exactly one tensor
argument require grad, run the op, bump the version counter of one argument (or of the output)
with ``torch.autograd.graph.increment_version`` in a fresh run and run backward. If backward
fails with "modified by an inplace operation", that tensor was saved. The same is done for the
in-place variant; view / multi-output-view behaviour is measured on the version counters too.
Results are unioned over samples and OpInfo variants (one row per OpInfo name), so a row says
what an op *may* save. The table is written to ``data/optable.json`` and read by
:mod:`gradguard.optable.table` without importing torch.

Usage::

    python -m gradguard.optable.generate [--ops mul,sigmoid] [--out PATH] [--check] [--jobs N]
"""

from __future__ import annotations

import argparse
import functools
import inspect
import itertools
import json
import os
import signal
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from types import FrameType
from typing import Any

GENERATOR = "python -m gradguard.optable.generate"
DATA_FILE = Path(__file__).resolve().parent / "data" / "optable.json"

# First N sample inputs of each OpInfo variant (fixed => deterministic). 4 samples miss real
# cases (lerp's tensor weight, x[idx] saving idx, loss weights); 32 converges at ~25 s.
SAMPLES_PER_VARIANT = 32
VARIANT_BUDGET_SECONDS = 60.0  # wall-clock bound per OpInfo variant; later samples are dropped
SEED = 0

OUTPUT = "output"


def _probe_dtypes() -> tuple[Any, ...]:
    """Sample dtypes in order of preference: float32 is what user code mostly runs (so e.g.
    ``x.float()`` is recorded as aliasing its input); the others reach complex-only and
    integer-only ops (the latter have nothing to save, but still get view/in-place facts)."""
    import torch

    return (torch.float32, torch.float64, torch.complex64, torch.int64, torch.bool)


MODIFIED_MSG = "modified by an inplace operation"
MULTI_VIEW_MSG = "output of a function that returns multiple views"

# Python operators on torch.Tensor and the torch function each one computes. Every entry is
# checked against the installed torch (same values on a sample) before it is used.
DUNDER_OPS: dict[str, str] = {
    "__add__": "add",
    "__iadd__": "add",
    "__sub__": "sub",
    "__isub__": "sub",
    "__mul__": "mul",
    "__imul__": "mul",
    "__truediv__": "div",
    "__itruediv__": "div",
    "__div__": "div",
    "__idiv__": "div",
    "__floordiv__": "floor_divide",
    "__ifloordiv__": "floor_divide",
    "__mod__": "remainder",
    "__imod__": "remainder",
    "__pow__": "pow",
    "__ipow__": "pow",
    "__matmul__": "matmul",
    "__imatmul__": "matmul",
    "__and__": "bitwise_and",
    "__iand__": "bitwise_and",
    "__or__": "bitwise_or",
    "__ior__": "bitwise_or",
    "__xor__": "bitwise_xor",
    "__ixor__": "bitwise_xor",
    "__lshift__": "bitwise_left_shift",
    "__ilshift__": "bitwise_left_shift",
    "__rshift__": "bitwise_right_shift",
    "__irshift__": "bitwise_right_shift",
    "__neg__": "neg",
    "__abs__": "abs",
    "__invert__": "bitwise_not",
    "__pos__": "positive",
    "__eq__": "eq",
    "__ne__": "ne",
    "__lt__": "lt",
    "__le__": "le",
    "__gt__": "gt",
    "__ge__": "ge",
    "__rtruediv__": "__rdiv__",
}


class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so the probes' ``except Exception`` cannot eat it."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


# --------------------------------------------------------------------------- probing (torch)


@dataclass
class VariantResult:
    """What one OpInfo variant (op name + variant_test_name) showed over its samples."""

    index: int
    name: str
    variant: str
    supports_out: bool
    differentiable: bool
    inplace_name: str | None
    has_inplace: bool
    saves_args: dict[str, set[str]] = field(default_factory=dict)
    saves_output: set[str] = field(default_factory=set)
    inplace_args: dict[str, set[str]] = field(default_factory=dict)
    inplace_output: set[str] = field(default_factory=set)
    view_samples: int = 0
    nonview_samples: int = 0
    multi_view: bool = False
    samples_total: int = 0
    samples_ran: int = 0
    samples_probed: int = 0
    inplace_probed: int = 0
    sample_dependent: bool = False
    timed_out: bool = False
    skip_reason: str | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _is_tensor(v: object) -> bool:
    import torch

    return isinstance(v, torch.Tensor)


def _is_float(t: Any) -> bool:
    return bool(t.is_floating_point() or t.is_complex())


def _tensor_slots(sample: Any) -> list[tuple[str, Any]]:
    """(arg id, value) of every tensor / tensor-list argument of ``op(input, *args, **kwargs)``."""
    items: list[tuple[str, Any]] = [("0", sample.input)]
    items += [(str(k + 1), a) for k, a in enumerate(sample.args)]
    items += sorted(sample.kwargs.items())
    slots = []
    for sid, v in items:
        if _is_tensor(v):
            slots.append((sid, v))
        elif isinstance(v, (list, tuple)) and any(_is_tensor(e) for e in v):
            slots.append((sid, v))
    return slots


def _slot_tensors(v: Any) -> list[Any]:
    if _is_tensor(v):
        return [v]
    return [e for e in v if _is_tensor(e)]


@dataclass
class _Call:
    input: Any
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    leaves: list[Any]
    by_id: dict[str, list[Any]]


def _materialize(sample: Any, grad_id: str | None) -> _Call:
    """Fresh, unaliased copies of every tensor argument; only ``grad_id`` requires grad.

    The grad-requiring argument is a non-leaf (``leaf.clone()``), like most tensors in user
    code, so in-place variants may legally modify it.
    """
    leaves: list[Any] = []
    by_id: dict[str, list[Any]] = {}

    def copy(sid: str, v: Any) -> Any:
        if not (_is_tensor(v) or isinstance(v, (list, tuple))):
            return v
        if isinstance(v, (list, tuple)) and not any(_is_tensor(e) for e in v):
            return v
        made: list[Any] = []

        def one(t: Any) -> Any:
            c = t.detach().clone()
            if sid == grad_id and _is_float(c):
                leaf = c.requires_grad_()
                leaves.append(leaf)
                c = leaf.clone()
            made.append(c)
            return c

        if _is_tensor(v):
            new: Any = one(v)
        else:
            elems = [one(e) if _is_tensor(e) else e for e in v]
            new = list(elems) if isinstance(v, list) else tuple(elems)
        by_id[sid] = made
        return new

    inp = copy("0", sample.input)
    args = tuple(copy(str(k + 1), a) for k, a in enumerate(sample.args))
    kwargs = {k: copy(k, v) for k, v in sample.kwargs.items()}
    return _Call(inp, args, kwargs, leaves, by_id)


def _flat_tensors(out: Any) -> list[Any]:
    from torch.utils._pytree import tree_leaves

    return [o for o in tree_leaves(out) if _is_tensor(o)]


OK, NOGRAD, SAVED = "ok", "nograd", "saved"


def _error_tag(stage: str, e: BaseException) -> str:
    first = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{stage}: {type(e).__name__}: {first[:100]}"


def _run(fn: Callable[..., Any], sample: Any, grad_id: str, bump: str | None, inplace: bool) -> str:
    """One fresh forward + (optional) version bump + backward. Returns OK/NOGRAD/SAVED/error."""
    import torch

    torch.manual_seed(SEED)
    call = _materialize(sample, grad_id)
    if not call.leaves:
        return NOGRAD
    try:
        out = fn(call.input, *call.args, **call.kwargs)
    except Exception as e:
        return _error_tag("forward", e)
    outs = _flat_tensors(out)
    if inplace:
        outs = _slot_tensors(call.input) + [o for o in outs if not _same(o, call.input)]
    diff = [o for o in outs if o.requires_grad]
    if not diff:
        return NOGRAD
    try:
        if bump == OUTPUT:
            torch.autograd.graph.increment_version(outs)
        elif bump is not None:
            torch.autograd.graph.increment_version(call.by_id[bump])
    except Exception as e:
        return _error_tag("bump", e)
    try:
        torch.autograd.grad(
            diff,
            call.leaves,
            grad_outputs=[_ones_like(o) for o in diff],
            allow_unused=True,
        )
    except RuntimeError as e:
        if MODIFIED_MSG in str(e):
            return SAVED
        return _error_tag("backward", e)
    except Exception as e:
        return _error_tag("backward", e)
    return OK


def _ones_like(t: Any) -> Any:
    """A gradient for ``t``; for sparse & co. any tensor of the same layout will do."""
    import torch

    if t.layout == torch.strided:
        return torch.ones_like(t)
    return t.detach().clone()


def _same(a: Any, b: Any) -> bool:
    return _is_tensor(b) and a is b


@dataclass
class _SampleSaves:
    args: dict[str, set[str]]
    output: set[str]
    probed: bool


def _probe_saves(
    fn: Callable[..., Any],
    sample: Any,
    slots: Sequence[tuple[str, Any]],
    inplace: bool,
    errors: list[str],
) -> _SampleSaves:
    """For each float argument j: which arguments (and whether the output) get saved."""
    args: dict[str, set[str]] = {}
    output: set[str] = set()
    # With no float argument nothing can require grad, so nothing is saved: that is a result.
    probed = not any(_is_float(t) for _, v in slots for t in _slot_tensors(v))
    for j, v in slots:
        if not any(_is_float(t) for t in _slot_tensors(v)):
            continue
        base = _run(fn, sample, j, None, inplace)
        if base == NOGRAD:
            probed = True
            continue
        if base != OK:
            errors.append(base)
            continue
        probed = True
        for i, _ in slots:
            if inplace and i == "0":
                continue  # input 0 *is* the result of an in-place op: probed as OUTPUT
            r = _run(fn, sample, j, i, inplace)
            if r == SAVED:
                args.setdefault(i, set()).add(j)
            elif r != OK:
                errors.append(r)
        r = _run(fn, sample, j, OUTPUT, inplace)
        if r == SAVED:
            output.add(j)
        elif r != OK:
            errors.append(r)
    return _SampleSaves(args, output, probed)


def _probe_view(fn: Callable[..., Any], sample: Any) -> bool | None:
    """Does the output (every tensor of it) share input 0's version counter?

    None if not applicable (input 0 is not a tensor, or no tensor comes out).
    """
    import torch

    if not _is_tensor(sample.input):
        return None
    torch.manual_seed(SEED)
    call = _materialize(sample, None)
    out = fn(call.input, *call.args, **call.kwargs)
    outs = _flat_tensors(out)
    if not outs:
        return None
    before = [o._version for o in outs]
    torch.autograd.graph.increment_version(call.input)
    return all(o._version != b for o, b in zip(outs, before, strict=True))


def _probe_multi_view(fn: Callable[..., Any], sample: Any) -> bool | None:
    """Are the outputs multi-output views (in-place on them is forbidden by autograd)?"""
    import torch

    if not (_is_tensor(sample.input) and _is_float(sample.input)):
        return None
    torch.manual_seed(SEED)
    call = _materialize(sample, "0")
    out = fn(call.input, *call.args, **call.kwargs)
    if _is_tensor(out) or not isinstance(out, (list, tuple)):
        return None
    cands = [o for o in _flat_tensors(out) if o.requires_grad and _is_float(o)]
    if not cands:
        return None
    try:
        cands[0].mul_(2)
    except RuntimeError as e:
        return MULTI_VIEW_MSG in str(e)
    return False


def _signature_params(fn: Any) -> list[tuple[str, bool]] | None:
    """Parameters of a real (named) Python-visible callable: (name, may be passed positionally)."""
    if fn is None or getattr(fn, "__name__", "<lambda>") == "<lambda>":
        return None
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    out: list[tuple[str, bool]] = []
    for p in sig.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            break
        out.append((p.name, p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)))
    return out


def _inplace_callable(op: Any) -> tuple[Callable[..., Any] | None, str | None]:
    """The in-place form of an OpInfo and the name users call it by (None if unnamed)."""
    import torch

    fn = op.inplace_variant
    base = op.name.rsplit(".", 1)[-1]
    if fn is None:
        params = _signature_params(op.op)
        if params and any(name == "inplace" for name, _ in params):
            fn = functools.partial(op.op, inplace=True)
    if fn is None:
        return None, None
    name = getattr(fn, "__name__", None)
    if name and name.isidentifier() and name.endswith("_") and hasattr(torch.Tensor, name):
        return fn, name
    # Unnamed (lambda / inplace=True) variants: the conventional ``<name>_`` spelling, if the
    # installed torch has it as a Tensor method or a function.
    cand = base + "_"
    for holder in (torch.Tensor, torch.nn.functional, torch):
        if hasattr(holder, cand):
            return fn, cand
    return fn, None


def probe_variant(index: int) -> VariantResult:
    """Probe one OpInfo of op_db (by index) under the per-variant time budget."""
    import torch
    from torch.testing._internal.common_methods_invocations import op_db

    op: Any = op_db[index]
    inplace_fn, inplace_name = _inplace_callable(op)
    res = VariantResult(
        index=index,
        name=op.name,
        variant=op.variant_test_name,
        supports_out=bool(op.supports_out),
        differentiable=bool(op.supports_autograd),
        inplace_name=inplace_name,
        has_inplace=inplace_fn is not None,
    )
    t0 = time.perf_counter()
    dtype = next((d for d in _probe_dtypes() if op.supports_dtype(d, "cpu")), None)
    if dtype is None:
        res.skip_reason = "no CPU dtype to probe with"
        return res
    # SIGALRM bounds the wall time (handlers can only be installed from the main thread).
    timed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, VARIANT_BUDGET_SECONDS)
    seen: dict[tuple[str, ...], frozenset[tuple[str, str]]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.manual_seed(SEED)
            try:
                samples = list(
                    itertools.islice(
                        op.sample_inputs(
                            "cpu",
                            dtype,
                            requires_grad=bool(op.supports_autograd)
                            and (dtype.is_floating_point or dtype.is_complex),
                        ),
                        SAMPLES_PER_VARIANT,
                    )
                )
            except Exception as e:
                res.skip_reason = _error_tag("sample_inputs", e)
                return res
            res.samples_total = len(samples)
            if not samples:
                res.skip_reason = "no sample inputs"
                return res
            for sample in samples:
                _probe_one_sample(op, inplace_fn, sample, res, seen)
    except _Timeout:
        res.timed_out = True
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if res.samples_ran == 0 and res.skip_reason is None:
        common = Counter(res.errors).most_common(1)
        res.skip_reason = "timeout" if res.timed_out else (common[0][0] if common else "no run")
    res.seconds = time.perf_counter() - t0
    return res


def _probe_one_sample(
    op: Any,
    inplace_fn: Callable[..., Any] | None,
    sample: Any,
    res: VariantResult,
    seen: dict[tuple[str, ...], frozenset[tuple[str, str]]],
) -> None:
    """Probe one sample; results are merged into ``res`` only once the sample is complete."""
    slots = _tensor_slots(sample)
    errors: list[str] = []
    try:
        view = _probe_view(op.op, sample)
    except Exception as e:
        res.errors.append(_error_tag("forward", e))
        return
    res.samples_ran += 1
    try:
        multi = _probe_multi_view(op.op, sample)
    except Exception as e:
        errors.append(_error_tag("multi_view", e))
        multi = None
    saves = _probe_saves(op.op, sample, slots, False, errors)
    inplace = None
    if inplace_fn is not None and not getattr(sample, "broadcasts_input", False):
        inplace = _probe_saves(inplace_fn, sample, slots, True, errors)
    # commit
    res.errors.extend(errors)
    if view is True:
        res.view_samples += 1
    elif view is False:
        res.nonview_samples += 1
    res.multi_view |= bool(multi)
    if saves.probed:
        res.samples_probed += 1
        for i, js in saves.args.items():
            res.saves_args.setdefault(i, set()).update(js)
        res.saves_output |= saves.output
        key = tuple(sid for sid, _ in slots)
        sig = frozenset(
            [(i, j) for i, js in saves.args.items() for j in js]
            + [(OUTPUT, j) for j in saves.output]
        )
        if key in seen and seen[key] != sig:
            res.sample_dependent = True
        seen.setdefault(key, sig)
    if inplace is not None and inplace.probed:
        res.inplace_probed += 1
        for i, js in inplace.args.items():
            res.inplace_args.setdefault(i, set()).update(js)
        res.inplace_output |= inplace.output


def _init_worker() -> None:
    import torch

    torch.set_num_threads(1)
    warnings.simplefilter("ignore")
    from torch.testing._internal.common_methods_invocations import op_db  # noqa: F401


def run_probes(indices: Sequence[int], jobs: int) -> list[VariantResult]:
    """Probe the given op_db indices, in worker processes when ``jobs > 1``."""
    if jobs <= 1 or len(indices) < 8:
        return [probe_variant(i) for i in indices]
    # Expensive variants first would balance better, but cost is unknown up front; small chunks.
    ctx = get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker) as ex:
        return list(ex.map(probe_variant, indices, chunksize=2))


# --------------------------------------------------------------------------- merging rows


def _id_key(s: str) -> tuple[int, int, str]:
    return (0, int(s), "") if s.isdigit() else (1, 0, s)


def _sorted_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids), key=_id_key)


def _aliases_for(params: list[tuple[str, bool]] | None) -> dict[str, set[str]]:
    """Arg id -> all ids naming the same parameter ("1" <-> "running_mean")."""
    eq: dict[str, set[str]] = {}
    if not params:
        return eq
    for pos, (name, positional) in enumerate(params):
        ids = {name, str(pos)} if positional else {name}
        for i in ids:
            eq[i] = ids
    return eq


def _expand(ids: Iterable[str], eq: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    for i in ids:
        out |= eq.get(i, {i})
    return out


def _rule(args: dict[str, set[str]], output: set[str], eq: dict[str, set[str]]) -> dict[str, Any]:
    merged: dict[str, set[str]] = {}
    for i, js in args.items():
        for i2 in _expand([i], eq):
            merged.setdefault(i2, set()).update(_expand(js, eq))
    return {
        "args": {i: _sorted_ids(js) for i, js in sorted(merged.items()) if js},
        "output": _sorted_ids(_expand(output, eq)),
    }


@dataclass
class Row:
    key: str
    data: dict[str, Any]
    sample_dependent: bool
    view_sample_dependent: bool


def merge_rows(
    results: Sequence[VariantResult], params: dict[str, list[tuple[str, bool]] | None]
) -> tuple[dict[str, Row], dict[str, str]]:
    """Union the variants of each op name into one row; ops nothing could be probed for are
    returned separately with the most common reason."""
    by_name: dict[str, list[VariantResult]] = {}
    for r in sorted(results, key=lambda r: r.index):
        by_name.setdefault(r.name, []).append(r)
    rows: dict[str, Row] = {}
    skipped: dict[str, str] = {}
    for name, vs in sorted(by_name.items()):
        differentiable = any(v.differentiable for v in vs)
        ran = any(v.samples_ran for v in vs)
        probed = any(v.samples_probed for v in vs)
        if not ran or (differentiable and not probed):
            reasons = [v.skip_reason for v in vs if v.skip_reason] + [
                e for v in vs for e in v.errors
            ]
            skipped[name] = Counter(reasons).most_common(1)[0][0] if reasons else "no probe"
            continue
        eq = _aliases_for(params.get(name))
        s_args: dict[str, set[str]] = {}
        s_out: set[str] = set()
        i_args: dict[str, set[str]] = {}
        i_out: set[str] = set()
        for v in vs:
            for i, js in v.saves_args.items():
                s_args.setdefault(i, set()).update(js)
            s_out |= v.saves_output
            for i, js in v.inplace_args.items():
                i_args.setdefault(i, set()).update(js)
            i_out |= v.inplace_output
        inplace_probed = any(v.inplace_probed for v in vs)
        has_inplace = any(v.has_inplace for v in vs)
        inplace_name = next((v.inplace_name for v in vs if v.inplace_name), None)
        view_yes = sum(v.view_samples for v in vs)
        view_no = sum(v.nonview_samples for v in vs)
        rows[name] = Row(
            key=name,
            data={
                "differentiable": differentiable,
                "supports_out": any(v.supports_out for v in vs),
                "inplace": inplace_name,
                "view": view_yes > 0,
                "multi_view": any(v.multi_view for v in vs),
                "saves": _rule(s_args, s_out, eq),
                "inplace_saves": (
                    _rule(i_args, i_out, eq)
                    if inplace_probed or (has_inplace and not differentiable)
                    else None
                ),
            },
            sample_dependent=any(v.sample_dependent for v in vs),
            view_sample_dependent=view_yes > 0 and view_no > 0,
        )
    return rows, skipped


# --------------------------------------------------------------------------- callables


def _resolve(qualified: str) -> Any:
    import torch

    parts = qualified.split(".")
    if parts[0] == "Tensor":
        obj: Any = torch.Tensor
    elif parts[0] == "torch":
        obj = torch
    else:
        return None
    for p in parts[1:]:
        try:
            obj = getattr(obj, p)
        except Exception:
            return None
    return obj


def _method_name(fn: Any) -> str | None:
    import torch

    name = getattr(fn, "__name__", None)
    if isinstance(name, str) and name.isidentifier() and hasattr(torch.Tensor, name):
        return name
    return None


def _first_sample(op: Any, requires_grad: bool) -> Any:
    import torch

    dtypes = _probe_dtypes()[:3] if requires_grad else _probe_dtypes()
    dtype = next((d for d in dtypes if op.supports_dtype(d, "cpu")), None)
    if dtype is None:
        return None
    torch.manual_seed(SEED)
    for s in itertools.islice(
        op.sample_inputs("cpu", dtype, requires_grad=requires_grad), SAMPLES_PER_VARIANT
    ):
        if _is_tensor(s.input) and not s.kwargs:
            return s
    return None


def _same_result(a: Callable[..., Any], b: Callable[..., Any], op: Any, inplace: bool) -> bool:
    """Do two callables compute the same thing (values and backward node) on a sample?"""
    import torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sample = _first_sample(op, requires_grad=False)
            if sample is None:
                return False
            got = []
            for fn, in_place in ((a, False), (b, inplace)):
                torch.manual_seed(SEED)
                call = _materialize(sample, None)
                out = fn(call.input, *call.args)
                got.append(call.input if in_place else out)
            x, y = got
            if not (_is_tensor(x) and _is_tensor(y)) or x.shape != y.shape:
                return False
            if x.dtype != y.dtype:
                return False
            if x.is_floating_point() or x.is_complex():
                return bool(torch.allclose(x, y, equal_nan=True))
            return bool(torch.equal(x, y))
    except Exception:
        return False


def _grad_fn_name(fn: Callable[..., Any], op: Any) -> str | None:
    import torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sample = _first_sample(op, requires_grad=True)
            if sample is None or not _is_float(sample.input):
                return None
            torch.manual_seed(SEED)
            call = _materialize(sample, "0")
            out = fn(call.input, *call.args)
            gf = getattr(out, "grad_fn", None)
            return type(gf).__name__ if gf is not None else None
    except Exception:
        return None


def build_callables(keys: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Map the qualified names users write (``torch.mul``, ``Tensor.__imul__``, ...) to op keys.

    Claims are made in priority order (the op's own name, its method/in-place variants, its
    aliases, then verified equivalents and Python operators); a name claimed by two ops of the
    same priority goes to the op whose own name matches it. Returns (callables, notes).
    """
    import torch
    from torch.testing._internal.common_methods_invocations import op_db

    keys = set(keys)
    ops_by_name: dict[str, list[Any]] = {}
    for op in op_db:
        ops_by_name.setdefault(op.name, []).append(op)
    all_names = set(ops_by_name)
    claims: dict[str, tuple[int, str]] = {}  # callable -> (priority, key)
    notes: list[str] = []

    def claim(qual: str, key: str, prio: int) -> None:
        if _resolve(qual) is None:
            return
        old = claims.get(qual)
        if old is None or prio < old[0]:
            claims[qual] = (prio, key)
            return
        if old[0] == prio and old[1] != key:
            last = qual.rsplit(".", 1)[-1].rstrip("_")
            if key.rsplit(".", 1)[-1] == last and old[1].rsplit(".", 1)[-1] != last:
                claims[qual] = (prio, key)
            notes.append(f"{qual}: claimed by {old[1]} and {key}; kept {claims[qual][1]}")

    def torch_name(name: str) -> str:
        return name if name.startswith("torch.") else "torch." + name

    # 1-3: the op itself, its Tensor methods, its aliases.
    for name in sorted(all_names):
        for op in ops_by_name[name]:
            claim(torch_name(name), name, 0)
            if "." not in name and hasattr(torch.Tensor, name):
                attr = inspect.getattr_static(torch.Tensor, name)
                if op.method_variant is not None or inspect.isdatadescriptor(attr):
                    claim("Tensor." + name, name, 0)  # methods, and properties like x.T
            for fn in (op.method_variant, op.inplace_variant):
                m = _method_name(fn)
                if m:
                    claim("Tensor." + m, name, 1)
            _, iname = _inplace_callable(op)
            if iname:
                home = torch_name(name).rsplit(".", 1)[0]  # torch.nn.functional, torch, ...
                for qual in ("Tensor." + iname, f"{home}.{iname}", "torch." + iname):
                    claim(qual, name, 1)
            for alias in op.aliases:
                claim(torch_name(alias.name), name, 2)
                claim(torch_name(alias.name) + "_", name, 2)
                for fn in (alias.method_variant, alias.inplace_variant):
                    m = _method_name(fn)
                    if m:
                        claim("Tensor." + m, name, 2)
    # 4: namespaced ops also reachable as torch.X / Tensor.X when they compute the same node.
    for name in sorted(all_names):
        if "." not in name:
            continue
        base = name.rsplit(".", 1)[-1]
        if base in all_names:
            continue
        op = ops_by_name[name][0]
        for qual in ("torch." + base, "Tensor." + base):
            fn = _resolve(qual)
            if fn is None or qual in claims or not callable(fn):
                continue
            mine = _grad_fn_name(op.op, op)
            if mine is not None and mine == _grad_fn_name(fn, op):
                claim(qual, name, 3)
                claim(qual + "_", name, 3)
    # 5: Python operators.
    for dunder, target in sorted(DUNDER_OPS.items()):
        qual = "Tensor." + dunder
        fn = _resolve(qual)
        if fn is None or target not in keys or qual in claims:
            continue
        op = ops_by_name[target][0]
        in_place = dunder.startswith("__i") and dunder not in ("__invert__",)
        ref = op.op
        if _same_result(ref, fn, op, in_place):
            claim(qual, target, 4)
        else:
            notes.append(f"{qual}: not equivalent to {target} on a sample; left out")
    callables = {q: k for q, (_, k) in sorted(claims.items()) if k in keys}
    return callables, notes


# --------------------------------------------------------------------------- driver


def _torch_version() -> str:
    import torch

    return str(torch.__version__).split("+", 1)[0]


def op_params(names: Iterable[str]) -> dict[str, list[tuple[str, bool]] | None]:
    """Python-visible signatures of the public callables, for "1" <-> "running_mean" ids."""
    from torch.testing._internal.common_methods_invocations import op_db

    out: dict[str, list[tuple[str, bool]] | None] = {}
    wanted = set(names)
    for op in op_db:
        if op.name not in wanted or op.name in out:
            continue
        qual = op.name if op.name.startswith("torch.") else "torch." + op.name
        public = _resolve(qual)
        out[op.name] = _signature_params(op.op) if public is op.op else None
    return out


@dataclass
class Generated:
    table: dict[str, Any]
    skipped: dict[str, str]
    rows: dict[str, Row]
    results: list[VariantResult]
    notes: list[str]
    seconds: float


def generate(keys: Iterable[str] | None = None, jobs: int = 1) -> Generated:
    """Probe op_db (all of it, or just the OpInfos named in ``keys``) and build the table."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _generate(keys, jobs, t0)


def _generate(keys: Iterable[str] | None, jobs: int, t0: float) -> Generated:
    import torch
    from torch.testing._internal.common_methods_invocations import op_db

    torch.manual_seed(SEED)
    wanted = set(keys) if keys is not None else None
    indices = [i for i, op in enumerate(op_db) if wanted is None or op.name in wanted]
    if wanted is not None:
        missing = wanted - {op_db[i].name for i in indices}
        if missing:
            raise SystemExit(f"unknown op keys: {', '.join(sorted(missing))}")
    results = run_probes(indices, jobs)
    names = {r.name for r in results}
    rows, skipped = merge_rows(results, op_params(names))
    callables, notes = build_callables(rows)
    seconds = time.perf_counter() - t0
    table: dict[str, Any] = {
        "torch_version": _torch_version(),
        "generator": GENERATOR,
        "generated_seconds": round(seconds, 1),
        "op_count": len(rows),
        "samples_per_variant": SAMPLES_PER_VARIANT,
        "ops": {k: r.data for k, r in sorted(rows.items())},
        "skipped": dict(sorted(skipped.items())),
        "callables": callables,
    }
    return Generated(table, skipped, rows, results, notes, seconds)


def dumps(table: dict[str, Any]) -> str:
    return json.dumps(table, indent=1, sort_keys=True) + "\n"


def _summary(gen: Generated) -> Iterator[str]:
    res = gen.results
    yield (
        f"op variants probed: {len(res)}; ops in table: {len(gen.rows)}; "
        f"ops skipped: {len(gen.skipped)}; callables: {len(gen.table['callables'])}; "
        f"{gen.seconds:.1f}s"
    )
    reasons = Counter(_coarse(r) for r in gen.skipped.values())
    for reason, n in reasons.most_common(8):
        yield f"  skipped {n:4d} x {reason}"
    timed = sorted(r.name for r in res if r.timed_out)
    if timed:
        yield f"  timed out (partial samples kept): {', '.join(timed)}"
    dep = sorted(k for k, r in gen.rows.items() if r.sample_dependent)
    if dep:
        yield (
            f"  saves differ between samples with the same tensor args ({len(dep)}): "
            + ", ".join(dep)
        )
    vdep = sorted(k for k, r in gen.rows.items() if r.view_sample_dependent)
    if vdep:
        yield f"  view only for some samples ({len(vdep)}): " + ", ".join(vdep)
    slow = sorted(res, key=lambda r: -r.seconds)[:5]
    yield "  slowest: " + ", ".join(f"{r.name}[{r.variant}] {r.seconds:.1f}s" for r in slow)
    for note in gen.notes:
        yield "  note: " + note


def _coarse(reason: str) -> str:
    parts = reason.split(": ")
    return ": ".join(parts[:3])[:120]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=GENERATOR, description=__doc__.splitlines()[0])
    ap.add_argument("--ops", help="comma-separated op keys (OpInfo names) to (re)generate")
    ap.add_argument("--out", type=Path, help=f"output path (default: {DATA_FILE})")
    ap.add_argument(
        "--check", action="store_true", help="compare with the committed table instead of writing"
    )
    jobs = min(2, os.cpu_count() or 1)
    ap.add_argument("--jobs", type=int, default=jobs, help=f"worker processes (default {jobs})")
    ns = ap.parse_args(argv)
    keys = [k.strip() for k in ns.ops.split(",") if k.strip()] if ns.ops else None
    gen = generate(keys, jobs=ns.jobs)
    for line in _summary(gen):
        print(line, file=sys.stderr)
    if ns.check:
        committed = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        bad = [k for k, row in gen.table["ops"].items() if committed["ops"].get(k) != row]
        mine = gen.table["callables"]
        theirs = {q: k for q, k in committed["callables"].items() if keys is None or k in keys}
        bad += [
            f"callable {q}" for q in sorted(set(mine) | set(theirs)) if mine.get(q) != theirs.get(q)
        ]
        if keys is None:
            bad += sorted(set(committed["ops"]) - set(gen.table["ops"]))
        for k in bad:
            print(f"differs: {k}", file=sys.stderr)
        return 1 if bad else 0
    out = ns.out or (None if keys else DATA_FILE)
    text = dumps(gen.table)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(text)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
