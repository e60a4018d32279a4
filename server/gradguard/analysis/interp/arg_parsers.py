"""Command-line options (`argparse`), as the script run with the arguments it names.

Why: a training script's model, its widths and its branches come from `args` (`model =
models.__dict__[args.arch](...)`, `if args.mlp:`); with `args` unknown the model is unknown
and so is everything the loop does with it. A parser is followed as it is built
(`add_argument`, argument groups, `set_defaults`) and `parse_args` gives a namespace whose
attributes hold what argparse would put there: from the literal list the call passes
(`parse_args(["--mlp", "--lr", "0.1"])`), or, with no list, each option's default (the
script run without arguments, as `python train.py` does). What cannot be told (a value with a
type we do not convert, a sub-command, a custom action, an option not declared) is UNKNOWN.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..state import State
from ..values import UNKNOWN, ArgParserVal, ConstVal, ListObj, ModuleObj, TupleVal, Value
from .base import InterpreterBase

_PARSER_CLASSES = frozenset({"argparse.ArgumentParser"})
_NAMESPACE = "argparse.Namespace"
_GROUPS = frozenset({"add_argument_group", "add_mutually_exclusive_group"})
_PARSES = frozenset({"parse_args", "parse_known_args", "parse_intermixed_args"})
_CONVERTERS = {"int": int, "float": float, "str": str}


@dataclass
class ArgSpec:
    """One `add_argument(...)`: where its value goes and how argparse fills it."""

    dest: str
    options: tuple[str, ...]  # option strings (`--lr`, `-l`); empty for a positional
    action: str  # store | store_true | store_false | store_const | append | count
    default: Value
    const: Value
    convert: str | None  # "int" | "float" | "str" | None (no type=) | "?" (another type)
    nargs: object  # None, "?", "*", "+", or an int


class ArgParsing(InterpreterBase):
    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if last not in ("ArgumentParser", "Namespace", "SimpleNamespace"):
            # most calls: no name to qualify
            return super().eval_call(node, state, stmt)  # type: ignore[safe-super]
        qual = self.imports.qualify(func)
        if qual in _PARSER_CLASSES:
            self._eval_args(node, state, stmt)
            return ArgParserVal()
        if qual in (_NAMESPACE, "types.SimpleNamespace"):  # options held by name
            _, kwargs = self._eval_args(node, state, stmt)
            return self._namespace(node, dict(kwargs))
        return super().eval_call(node, state, stmt)  # type: ignore[safe-super]

    def parser_method(
        self, parser: ArgParserVal, name: str, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value:
        """`parser.add_argument(...)`, `.parse_args(...)` and the rest (the receiver is
        evaluated once, by the call)."""
        args, kwargs = self._eval_args(node, state, stmt)
        if name == "add_argument":
            spec = _spec(args, kwargs, _type_name(node))
            if spec is None:
                parser.opaque = True
            else:
                parser.specs.append(spec)
            return UNKNOWN
        if name in _GROUPS:
            return parser  # a group's arguments are the parser's
        if name == "set_defaults":
            parser.defaults.update(kwargs)
            return ConstVal(None)
        if name == "add_subparsers":
            parser.opaque = True
            return UNKNOWN
        if name in _PARSES:
            given = args[0] if args else kwargs.get("args", ConstVal(None))
            values = None if parser.opaque else _parse(parser, given)
            namespace = self._namespace(node, values) if values is not None else UNKNOWN
            if name == "parse_known_args":
                return TupleVal((namespace, ListObj()))
            return namespace
        return UNKNOWN

    def _namespace(self, node: ast.Call, values: dict[str, Value]) -> ModuleObj:
        return ModuleObj(kind=_NAMESPACE, span=self.src.span(node), attrs=values)


def _type_name(node: ast.Call) -> str | None:
    """`type=int` as written: "int", "float", "str"; "?" for any other type; None without."""
    for kw in node.keywords:
        if kw.arg == "type":
            if isinstance(kw.value, ast.Name) and kw.value.id in _CONVERTERS:
                return kw.value.id
            return "?"
    return None


def _spec(args: list[Value], kwargs: dict[str, Value], convert: str | None) -> ArgSpec | None:
    """The argument `add_argument(*args, **kwargs)` declares; None when it is not followed
    (names or an action we cannot read)."""
    names = [a.value for a in args if isinstance(a, ConstVal) and isinstance(a.value, str)]
    if not names or len(names) != len(args):
        return None
    options = tuple(n for n in names if n.startswith("-"))
    if options and len(options) != len(names):
        return None
    action_val = kwargs.get("action", ConstVal("store"))
    if not isinstance(action_val, ConstVal) or not isinstance(action_val.value, str):
        return None  # an Action class: what it stores is its own business
    action = action_val.value
    if action in ("help", "version"):
        action = "ignore"
    elif action not in ("store", "store_true", "store_false", "store_const", "append", "count"):
        return None
    dest_val = kwargs.get("dest")
    if isinstance(dest_val, ConstVal) and isinstance(dest_val.value, str):
        dest = dest_val.value
    elif options:
        longs = [o for o in options if o.startswith("--")]
        dest = (longs[0] if longs else options[0]).lstrip("-").replace("-", "_")
    else:
        dest = names[0]
    # (default, const) of the flag actions; the others take both from the call
    flag = {"store_true": (False, True), "store_false": (True, False)}.get(action)
    implicit: Value = ConstVal(flag[0] if flag else None)
    const = ConstVal(flag[1]) if flag else kwargs.get("const", ConstVal(None))
    nargs_val = kwargs.get("nargs", ConstVal(None))
    nargs = nargs_val.value if isinstance(nargs_val, ConstVal) else "?!"
    return ArgSpec(dest, options, action, kwargs.get("default", implicit), const, convert, nargs)


def _convert(spec: ArgSpec, text: str) -> Value:
    if spec.convert is None or spec.convert == "str":
        return ConstVal(text)
    if spec.convert == "?":
        return UNKNOWN
    try:
        return ConstVal(_CONVERTERS[spec.convert](text))
    except ValueError:
        return UNKNOWN


def _default(spec: ArgSpec, parser: ArgParserVal) -> Value:
    if spec.dest in parser.defaults:
        return parser.defaults[spec.dest]
    default = spec.default
    # argparse converts a string default with the option's type (`default="3", type=int`)
    if isinstance(default, ConstVal) and isinstance(default.value, str) and spec.convert:
        return _convert(spec, default.value)
    return default


def _parse(parser: ArgParserVal, given: Value) -> dict[str, Value] | None:
    """What argparse puts in the namespace for the tokens `given` (None: the script's own
    command line, taken to be empty); None where the parse cannot be told."""
    specs = [s for s in parser.specs if isinstance(s, ArgSpec)]
    values: dict[str, Value] = {s.dest: _default(s, parser) for s in specs if s.action != "ignore"}
    for dest, value in parser.defaults.items():
        values.setdefault(dest, value)
    if isinstance(given, ConstVal) and given.value is None:
        tokens: list[str] = []
    elif isinstance(given, (ListObj, TupleVal)):
        items = given.items
        if not all(isinstance(t, ConstVal) and isinstance(t.value, str) for t in items):
            return None
        tokens = [str(t.value) for t in items if isinstance(t, ConstVal)]
    else:
        return None
    positionals = [s for s in specs if not s.options]
    by_option = {o: s for s in specs for o in s.options}
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token.startswith("-") or token == "-":
            if not positionals:
                return None
            spec = positionals.pop(0)
            if spec.nargs not in (None, 1):
                return None
            values[spec.dest] = _convert(spec, token)
            continue
        name, has_value, inline = token.partition("=")
        found = by_option.get(name) or _abbreviated(name, by_option)
        if found is None:
            return None  # argparse would stop the script: an option it does not know
        spec = found
        if spec.action in ("store_true", "store_false", "store_const"):
            values[spec.dest] = spec.const
        elif spec.action == "count":
            count = values.get(spec.dest)
            before = count.value if isinstance(count, ConstVal) else None
            values[spec.dest] = ConstVal((before if isinstance(before, int) else 0) + 1)
        elif spec.action in ("store", "append"):
            taken: list[str]
            if has_value:
                taken = [inline]
            elif spec.nargs in (None, "?", 1):
                if index >= len(tokens) or tokens[index].startswith("-"):
                    if spec.nargs != "?":
                        return None  # argparse would stop: the option's value is missing
                    values[spec.dest] = spec.const
                    continue
                taken = [tokens[index]]
                index += 1
            elif spec.nargs in ("*", "+") or isinstance(spec.nargs, int):
                count_wanted = spec.nargs if isinstance(spec.nargs, int) else len(tokens)
                taken = []
                while (
                    index < len(tokens)
                    and not tokens[index].startswith("-")
                    and len(taken) < count_wanted
                ):
                    taken.append(tokens[index])
                    index += 1
            else:
                return None
            converted = [_convert(spec, t) for t in taken]
            single = spec.nargs in (None, "?")
            stored: Value = converted[0] if single else ListObj(items=list(converted))
            if spec.action == "append":
                old = values.get(spec.dest)
                before_items = old.items if isinstance(old, ListObj) else []
                stored = ListObj(items=[*before_items, stored])
            values[spec.dest] = stored
    return values


def _abbreviated(name: str, by_option: dict[str, ArgSpec]) -> ArgSpec | None:
    """`--lr` for `--lr-scheduler`? argparse takes a unique prefix of a long option."""
    if not name.startswith("--"):
        return None
    found = {id(s): s for o, s in by_option.items() if o.startswith(name)}
    return next(iter(found.values())) if len(found) == 1 else None
