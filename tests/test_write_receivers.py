"""Augmented and subscript assignments that cannot write a tensor do not make a function worth
analysing on its own; every other one still does.

Each sample function is also run under torch with tensor arguments: the ones the analysis
drops must leave every tensor's version counter where it was (and yield no tensor from an
augmented assignment), the ones it keeps that do write must move one.
"""

from __future__ import annotations

import ast
import textwrap

import pytest
from gradguard.analysis.mutation_reach import WriteKind, write_kind
from gradguard.analysis.write_receivers import may_write_tensor

# name -> (source, whether the analysis must still count a possible tensor write)
SAMPLES: dict[str, tuple[str, bool]] = {
    "counter": (
        "def counter(xs):\n    i = 0\n    for x in xs:\n        i += 1\n    return i\n",
        False,
    ),
    "item_total": (
        "def item_total(xs):\n    total = 0\n    for x in xs:\n        total += x.sum().item()\n"
        "    return total\n",
        False,
    ),
    "tensor_total": (
        # `0 + x` makes a tensor; the second round adds in place to it
        "def tensor_total(xs):\n    total = 0\n    for x in xs:\n        total += x\n"
        "    return total\n",
        True,
    ),
    "dict_fill": (
        "def dict_fill(xs):\n    out = {}\n    for k, x in enumerate(xs):\n        out[k] = x\n"
        "    return out\n",
        False,
    ),
    "nested_subscript": (
        "def nested_subscript(xs):\n    d = {'a': xs[0]}\n    d['a'][0] = 1.0\n    return d\n",
        True,
    ),
    "list_item_augmented": (
        "def list_item_augmented(xs):\n    ys = [xs[0]]\n    ys[0] += 1\n    return ys\n",
        True,
    ),
    "rebound_to_tensor": (
        "def rebound_to_tensor(xs):\n    d = []\n    d = xs[0]\n    d[0] = 1.0\n    return d\n",
        True,
    ),
    "string_and_list": (
        "def string_and_list(xs):\n    s = ''\n    s += 'a'\n    n = []\n    n += list(xs)\n"
        "    return s, n\n",
        False,
    ),
    "item_of_parameter": (
        "def item_of_parameter(xs):\n    x = xs[0]\n    x += 1\n    return x\n",
        True,
    ),
    "enumerate_index": (
        "def enumerate_index(xs):\n    for i, x in enumerate(xs):\n        i += 1\n    return i\n",
        False,
    ),
    "enumerate_item": (
        "def enumerate_item(xs):\n    for i, x in enumerate(xs):\n        x += 1\n    return xs\n",
        True,
    ),
    "sizes": (
        "def sizes(xs):\n    n = xs[0].shape[0]\n    n //= 2\n    m = xs[0].size(0) * 2\n"
        "    m -= 1\n    return n, m\n",
        False,
    ),
    "kwargs_filled": (
        "def kwargs_filled(xs, **kwargs):\n    kwargs['a'] = xs[0]\n    return kwargs\n",
        False,
    ),
    "nested_def_writes": (
        "def nested_def_writes(xs):\n    def bump(y):\n        y += 1\n        return y\n"
        "    c = 0\n    c += 1\n    return bump(xs[0])\n",
        True,
    ),
}


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_text_scan_sees_only_receiver_writes(name: str) -> None:
    assert write_kind(SAMPLES[name][0]) is WriteKind.RECEIVER


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_receivers_that_cannot_be_tensors_are_dropped(name: str) -> None:
    source, may_write = SAMPLES[name]
    assert may_write_tensor(_function(source), source) is may_write


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_torch_agrees_with_what_is_dropped(name: str) -> None:
    torch = pytest.importorskip("torch")
    source, may_write = SAMPLES[name]
    namespace: dict[str, object] = {}
    exec(compile(source, f"<{name}>", "exec"), namespace)
    xs = [torch.ones(3), torch.ones(3)]
    before = [x._version for x in xs]
    result = namespace[name](xs)  # type: ignore[operator]
    moved = any(x._version != v for x, v in zip(xs, before, strict=True))
    if not may_write:
        assert not moved
    elif name == "tensor_total":
        # the write lands on the sum made in the first round, not on an argument
        assert isinstance(result, torch.Tensor) and result._version > 0
    else:
        assert moved, name


def test_module_level_names_are_never_assumed() -> None:
    """At module level any function may rebind a name (`global`): nothing is dropped."""
    tree = ast.parse("counts = {}\ncounts['a'] = 1\n")
    assert may_write_tensor(tree.body[1], "counts['a'] = 1")
    annotated = ast.parse("x: list[int] = []\n").body[0]
    assert not may_write_tensor(annotated, "x: list[int] = []")  # an annotation is no write


def test_an_assignment_expression_is_never_dropped() -> None:
    """`(n := xs[0])` binds a name no statement shows: the function still counts."""
    source = "def f(xs):\n    i = 0\n    if (i := xs[0]) is not None:\n        i += 1\n"
    assert may_write_tensor(_function(source), source)
