"""The argparse model (analysis/interp/arg_parsers.py) against argparse itself: for each
declared parser and command line, the namespace gradguard infers holds what argparse puts
there, or UNKNOWN where it cannot tell; never a different value."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from gradguard.analysis.interp.arg_parsers import ArgSpec, _parse, _spec
from gradguard.analysis.values import UNKNOWN, ArgParserVal, ConstVal, ListObj, Value

# (names, keyword arguments) of each add_argument, as a script writes them
DECLARED: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("-a", "--arch"), {"default": "resnet18"}),
    (("--lr",), {"type": float, "default": "0.1"}),  # a string default is converted
    (("--epochs",), {"type": int, "default": 3}),
    (("--mlp",), {"action": "store_true"}),
    (("--no-bias",), {"action": "store_false", "dest": "bias"}),
    (("--dims",), {"type": int, "nargs": "*", "default": [1]}),
    (("--tag",), {"action": "append"}),
    (("-v", "--verbose"), {"action": "count"}),
    (("--moco-dim",), {"type": int, "default": 128}),
    (("--inplace",), {"type": int, "default": 0}),
]

COMMAND_LINES = [
    [],
    ["--mlp"],
    ["--arch", "vit", "--lr", "0.5"],
    ["-a", "vit", "--epochs=7"],
    ["--no-bias", "--dims", "3", "4", "--mlp"],
    ["--tag", "x", "--tag", "y", "-v", "-v"],
    ["--moco", "64"],  # a unique prefix of --moco-dim
    ["--inplace", "1"],
]


def _real(tokens: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    for names, kwargs in DECLARED:
        parser.add_argument(*names, **kwargs)
    parser.set_defaults(seed=0)
    return vars(parser.parse_args(tokens))


def _modelled(tokens: list[str] | None) -> dict[str, Value] | None:
    parser = ArgParserVal()
    for names, kwargs in DECLARED:
        type_name = kwargs["type"].__name__ if "type" in kwargs else None
        values = {k: _const(v) for k, v in kwargs.items() if k != "type"}
        spec = _spec([ConstVal(n) for n in names], values, type_name)
        assert isinstance(spec, ArgSpec)
        parser.specs.append(spec)
    parser.defaults["seed"] = ConstVal(0)
    given: Value = ConstVal(None)
    if tokens is not None:
        given = ListObj(items=[ConstVal(t) for t in tokens])
    return _parse(parser, given)


def _const(value: Any) -> Value:
    if isinstance(value, list):
        return ListObj(items=[ConstVal(v) for v in value])
    return ConstVal(value)


def _plain(value: Value) -> Any:
    if isinstance(value, ConstVal):
        return value.value
    if isinstance(value, ListObj):
        return [_plain(v) for v in value.items]
    return value


@pytest.mark.parametrize("tokens", COMMAND_LINES, ids=lambda t: " ".join(t) or "(none)")
def test_namespace_holds_what_argparse_puts_there(tokens: list[str]) -> None:
    real = _real(tokens)
    modelled = _modelled(tokens)
    assert modelled is not None
    assert set(modelled) == set(real)
    for dest, value in modelled.items():
        if value is not UNKNOWN:
            assert _plain(value) == real[dest], dest


def test_no_list_reads_the_defaults_as_a_run_without_arguments() -> None:
    modelled = _modelled(None)
    assert modelled is not None
    assert {k: _plain(v) for k, v in modelled.items()} == _real([])


def test_an_undeclared_option_leaves_the_namespace_unknown() -> None:
    with pytest.raises(SystemExit):
        _real(["--does-not-exist"])
    assert _modelled(["--does-not-exist"]) is None
    assert _modelled(["--lr"]) is None  # its value is missing: argparse stops too
