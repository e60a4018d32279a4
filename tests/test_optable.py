"""The committed op table (server/gradguard/optable/data/optable.json) against the installed torch.

Three layers: (1) regenerating a sample of rows reproduces the committed rows exactly, so the
data is what the generator measures; (2) facts known from real torch runs
(/work/shared/hazards-torch-2.13.txt) hold in the table AND in a direct probe written here
independently of the generator, so a wrong table or a wrong generator fails; (3) the loader works
without torch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from gradguard.optable.table import OpTable, SaveRule, load_optable

SAMPLE_KEYS = [
    "mul",
    "div",
    "sigmoid",
    "tanh",
    "exp",
    "nn.functional.relu",
    "mm",
    "matmul",
    "add",
    "sum",
    "nn.functional.linear",
    "nn.functional.batch_norm",
    "unbind",
    "split",
    "chunk",
    "t",
    "transpose",
    "view",
    "pow",
]

M2 = "modified by an inplace operation"
M3 = "output of a function that returns multiple views"


def _committed() -> dict[str, Any]:
    text = resources.files("gradguard.optable").joinpath("data/optable.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def only(*ids: str) -> Callable[[str], bool]:
    return lambda j: j in ids


@pytest.fixture(scope="module")
def table() -> OpTable:
    return load_optable()


@pytest.fixture(scope="module")
def regenerated() -> dict[str, Any]:
    torch = pytest.importorskip("torch")
    from gradguard.optable.generate import generate

    committed = _committed()
    if committed["torch_version"] != str(torch.__version__).split("+")[0]:
        pytest.skip(f"table is for torch {committed['torch_version']}, not {torch.__version__}")
    return generate(SAMPLE_KEYS, jobs=1).table


# ----------------------------------------------------------------- (1) data == measurement


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_regenerated_row_matches_committed(regenerated: dict[str, Any], key: str) -> None:
    assert regenerated["ops"][key] == _committed()["ops"][key]


def test_regenerated_callables_match_committed(regenerated: dict[str, Any]) -> None:
    committed = {q: k for q, k in _committed()["callables"].items() if k in SAMPLE_KEYS}
    assert regenerated["callables"] == committed


def test_file_is_canonical_json() -> None:
    """Sorted keys, indent=1: regeneration diffs stay readable."""
    from gradguard.optable.generate import dumps

    text = resources.files("gradguard.optable").joinpath("data/optable.json").read_text("utf-8")
    assert dumps(json.loads(text)) == text


# ----------------------------------------------------------------- (2) known facts, both ways


def _saved_error(build: Callable[[Any], tuple[Any, Any]], torch: Any) -> str | None:
    """``out, victim = build(torch)``; modify ``victim`` in place; backward. Error text or None."""
    out, victim = build(torch)
    with torch.no_grad():
        victim.add_(0)  # a real in-place op, as user code would do
    try:
        out.sum().backward()
    except RuntimeError as e:
        return str(e)
    return None


@pytest.mark.parametrize(
    "qual", ["torch.sigmoid", "torch.tanh", "torch.exp", "torch.nn.functional.relu"]
)
def test_activation_saves_its_output(table: OpTable, qual: str) -> None:
    row = table.lookup(qual)
    assert row is not None
    assert row.saves.saves_output(only("0"))
    assert row.saves.saved_args(only("0")) == frozenset()

    torch = pytest.importorskip("torch")
    fn = {
        "torch.sigmoid": torch.sigmoid,
        "torch.tanh": torch.tanh,
        "torch.exp": torch.exp,
        "torch.nn.functional.relu": torch.nn.functional.relu,
    }[qual]

    def build(t: Any) -> tuple[Any, Any]:
        x = t.randn(3, requires_grad=True)
        y = fn(x)
        return y, y

    err = _saved_error(build, torch)
    assert err is not None and M2 in err


def test_mul_saves_other_when_only_input_requires_grad(table: OpTable) -> None:
    row = table.lookup("torch.mul")
    assert row is not None and table.lookup("Tensor.__mul__") is row
    assert row.saves.saved_args(only("0")) == frozenset({"1"})
    assert row.saves.saved_args(only("1")) == frozenset({"0"})
    assert not row.saves.saves_output(only("0", "1"))
    assert row.inplace == "mul_" and table.lookup("Tensor.__imul__") is row

    torch = pytest.importorskip("torch")

    def w_modified(t: Any) -> tuple[Any, Any]:
        x = t.randn(3, requires_grad=True)
        w = t.randn(3)
        return x * w, w

    def x_modified(t: Any) -> tuple[Any, Any]:
        x = t.randn(3, requires_grad=True) * 1  # non-leaf, may be modified in place
        w = t.randn(3)
        return x * w, x

    err = _saved_error(w_modified, torch)
    assert err is not None and M2 in err
    assert _saved_error(x_modified, torch) is None


def test_add_saves_nothing(table: OpTable) -> None:
    row = table.lookup("torch.add")
    assert row is not None
    everything = only("0", "1", "alpha")
    assert row.saves.saved_args(everything) == frozenset()
    assert not row.saves.saves_output(everything)

    torch = pytest.importorskip("torch")
    for victim in ("a", "b", "out"):

        def build(t: Any, victim: str = victim) -> tuple[Any, Any]:
            a = t.randn(3, requires_grad=True) * 1
            b = t.randn(3, requires_grad=True) * 1
            out = a + b
            return out, {"a": a, "b": b, "out": out}[victim]

        assert _saved_error(build, torch) is None


@pytest.mark.parametrize("qual", ["Tensor.unbind", "Tensor.split", "Tensor.chunk"])
def test_multi_output_views(table: OpTable, qual: str) -> None:
    row = table.lookup(qual)
    assert row is not None and row.multi_view

    torch = pytest.importorskip("torch")
    base = torch.randn(4, 3, requires_grad=True) * 1
    method = qual.split(".", 1)[1]
    outs = getattr(base, method)() if method == "unbind" else getattr(base, method)(2)
    with pytest.raises(RuntimeError, match=M3):
        outs[0].mul_(2)


@pytest.mark.parametrize("qual", ["Tensor.view", "Tensor.t", "Tensor.transpose", "torch.t"])
def test_views_share_the_version_counter(table: OpTable, qual: str) -> None:
    row = table.lookup(qual)
    assert row is not None and row.view and not row.multi_view

    torch = pytest.importorskip("torch")
    x = torch.randn(2, 3)
    y = {"view": lambda: x.view(3, 2), "t": x.t, "transpose": lambda: x.transpose(0, 1)}[
        qual.rsplit(".", 1)[1]
    ]()
    before = y._version
    x.add_(1)
    assert y._version == before + 1


def test_non_views(table: OpTable) -> None:
    for qual in ("torch.mul", "torch.sigmoid", "torch.sum", "torch.cat"):
        row = table.lookup(qual)
        assert row is not None and not row.view and not row.multi_view, qual


def test_batch_norm_saves_running_stats(table: OpTable) -> None:
    row = table.lookup("torch.nn.functional.batch_norm")
    assert row is not None
    # F.batch_norm(input, running_mean, running_var, weight, bias, training, ...)
    saved = row.saves.saved_args(only("0"))
    assert {"1", "2", "running_mean", "running_var"} <= saved

    torch = pytest.importorskip("torch")
    F = torch.nn.functional

    def build(t: Any) -> tuple[Any, Any]:
        x = t.randn(4, 3, requires_grad=True)
        rm, rv = t.zeros(3), t.ones(3)
        return F.batch_norm(x, rm, rv, training=True), rm

    err = _saved_error(build, torch)
    assert err is not None and M2 in err


def test_matmul_and_linear_save_inputs(table: OpTable) -> None:
    for qual in ("torch.mm", "torch.matmul", "Tensor.__matmul__", "torch.nn.functional.linear"):
        row = table.lookup(qual)
        assert row is not None, qual
        assert "1" in row.saves.saved_args(only("0")), qual
        assert "0" in row.saves.saved_args(only("1")), qual


def test_sum_and_cat_save_nothing(table: OpTable) -> None:
    for qual in ("torch.sum", "torch.cat"):
        row = table.lookup(qual)
        assert row is not None
        assert row.saves.saved_args(only("0")) == frozenset()
        assert not row.saves.saves_output(only("0"))


# ----------------------------------------------------------------- (3) loader without torch


def test_loader_does_not_import_torch() -> None:
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "from gradguard.optable.table import load_optable\n"
        "t = load_optable()\n"
        "r = t.lookup('torch.sigmoid')\n"
        "assert r is not None and r.key == 'sigmoid', r\n"
        "assert 'torch' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print(r)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "sigmoid" in proc.stdout


def test_save_rule_semantics() -> None:
    rule = SaveRule.from_json({"args": {"0": ["1"], "1": ["0"], "2": []}, "output": ["0"]})
    assert rule.saved_args(only("0")) == frozenset({"1"})
    assert rule.saved_args(only()) == frozenset()
    assert rule.saves_output(only("0")) and not rule.saves_output(only("1"))
    assert hash(rule) == hash(
        SaveRule.from_json({"args": {"1": ["0"], "0": ["1"]}, "output": ["0"]})
    )


def test_table_shape(table: OpTable) -> None:
    data = _committed()
    assert data["op_count"] == len(data["ops"]) == len(list(table.keys()))
    assert table.torch_version == data["torch_version"]
    assert table.row("mul") is table.lookup("torch.multiply")
    assert table.lookup("torch.no_such_op") is None
    for qual, key in data["callables"].items():
        assert key in data["ops"], qual
