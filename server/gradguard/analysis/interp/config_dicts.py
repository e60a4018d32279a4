"""Dicts used as configs and registries (mmcv/mmdet/detectron2 style): `args = cfg.copy()`,
`dict(cfg, **extra)`, `{**cfg, "k": v}`, `obj_type = args.pop("type")`, `args.setdefault(
"inplace", inplace)`, `args.update(default_args)`, `registry.get(name)`, `self._module_dict[name]
= cls`, and parameters whose default is a config (`act_cfg=dict(type="ReLU")`).

A dict is held by value (`DictVal`): a method that changes it rebinds the name or module
attribute it was read from, as a subscript assignment does. A dict whose keys are not all
known is UNKNOWN, so a key absent from a `DictVal` is surely absent."""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Callable

from ..frames import Frame
from ..state import State
from ..values import (
    UNKNOWN,
    ConstVal,
    DictVal,
    FuncVal,
    ListObj,
    MapVal,
    ModuleObj,
    NamedTupleVal,
    SeqVal,
    TupleVal,
    Value,
    any_entry,
    join_all,
)
from .base import InterpreterBase
from .helpers import _is_name_like, _known_items, _truth
from .limits import MAX_DICT_ITEMS
from .registries import _STR_METHODS, fold_str_method, kind_test

# how many times one function may be on the stack while building from configs (a builder
# re-entered per nesting level: classifier -> backbone -> its blocks' activations)
MAX_BUILD_REENTRY = 4
# how many times one method may be on the stack running on different objects (nested blocks)
MAX_OBJECT_REENTRY = 6
# frames that build from configs do not count towards the frame cap, up to this many in all
MAX_BUILDING_FRAMES = 24


_DICT_METHODS = frozenset(
    {"copy", "get", "pop", "setdefault", "update", "items", "keys", "values", "clear"}
)


class ConfigDicts(InterpreterBase):
    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func = node.func
        if isinstance(func, ast.Attribute):
            attr = func.attr
            if attr in _DICT_METHODS and _is_name_like(func.value):
                receiver = self.eval_quiet(func.value, state)
                if isinstance(receiver, DictVal):
                    return self._dict_method(receiver, func, node, state, stmt)
                if isinstance(receiver, MapVal):  # `self.cpu_weights.items()`, keys unknown
                    return self.map_method(receiver, func, node, state, stmt)
                if (
                    isinstance(receiver, ModuleObj)
                    and attr in ("items", "keys", "values")
                    and self.is_module_dict(receiver)
                ):  # `for name, head in self.heads.items():` over its modules, in order
                    named = {k: v for k, v in receiver.attrs.items() if isinstance(v, ModuleObj)}
                    return self._dict_method(DictVal(tuple(named.items())), func, node, state, stmt)
            elif attr in _STR_METHODS and self._pure_text(func.value):
                text = self.eval_quiet(func.value, state) if _is_name_like(func.value) else None
                if text is None and isinstance(func.value, ast.Constant):
                    text = ConstVal(func.value.value)
                if text is None:  # `os.path.dirname(cfg.plugin_dir).split("/")`
                    text = self.eval(func.value, state, stmt)
                if isinstance(text, ConstVal) and isinstance(text.value, str):
                    args, kwargs = self._eval_args(node, state, stmt)
                    return fold_str_method(text.value, attr, args, kwargs)
            elif attr == "import_module" and self.imports.qualify(func) == (
                "importlib.import_module"
            ):
                return self.import_module_call(node, state, stmt)
            elif attr == "run_path" and self.imports.qualify(func) == "runpy.run_path":
                return self.run_path_call(node, state, stmt)
            elif attr in _PATH_FOLDS and self.imports.qualify(func) == f"os.path.{attr}":
                args, kwargs = self._eval_args(node, state, stmt)
                return fold_path_function(attr, args) if not kwargs else UNKNOWN
            elif attr in ("isclass", "isfunction") and self.imports.qualify(func) in (
                "inspect.isclass",
                "inspect.isfunction",
            ):
                args, _ = self._eval_args(node, state, stmt)
                return kind_test(attr, args[0]) if len(args) == 1 else UNKNOWN
        elif isinstance(func, ast.Name):
            if func.id == "dict":
                made = self._dict_call(node, state, stmt)
                if made is not None:
                    return made
            elif (
                func.id == "hasattr"
                and len(node.args) == 2
                and not node.keywords
                and self.lookup("hasattr", state) is UNKNOWN
            ):  # `hasattr(options, "__iter__")`: a per-layer list or one value for all
                args, _ = self._eval_args(node, state, stmt)
                return builtin_hasattr(*args) if len(args) == 2 else UNKNOWN
            elif func.id in ("max", "min") and self.lookup(func.id, state) is UNKNOWN:
                return self.fold_min_max(node, state, stmt)  # `max(shapes, key=...)`
            elif func.id == "callable" and self.lookup("callable", state) is UNKNOWN:
                args, _ = self._eval_args(node, state, stmt)
                return kind_test("callable", args[0]) if len(args) == 1 else UNKNOWN
            elif func.id == "filter" and len(node.args) == 2 and not node.keywords:
                if self.lookup("filter", state) is UNKNOWN:
                    # `filter(lambda p: p.requires_grad, model.parameters())`: some of its
                    # elements (an optimizer given them updates only those parameters)
                    args, _ = self._eval_args(node, state, stmt)
                    if len(args) == 2 and isinstance(args[1], (SeqVal, TupleVal, ListObj)):
                        return SeqVal(self.element_of(args[1], node.args[1], state))
                    return UNKNOWN
            elif func.id in _FOLDED_BUILTINS and len(node.args) == 1 and not node.keywords:
                if self.lookup(func.id, state) is UNKNOWN:
                    args, _ = self._eval_args(node, state, stmt)
                    return _fold_builtin(func.id, args[0]) if len(args) == 1 else UNKNOWN
        return super().eval_call(node, state, stmt)  # type: ignore[safe-super]

    def eval_dict_comp(self, node: ast.DictComp, state: State, stmt: ast.stmt) -> Value:
        """`{name: build(cfg) for name, cfg in heads.items()}` over known items whose filters
        settle: a dict of the elements, each built on its own; otherwise run once for its
        effects, a dict of values like the one its value expression gives (keyed_maps.py)."""
        gen = node.generators[0]
        probe = state.copy()
        items = (
            _known_items(self.eval(gen.iter, probe, stmt))
            if len(node.generators) == 1 and not gen.is_async
            else None
        )
        kept: list[Value] = []
        for item in items if items is not None and len(items) <= MAX_DICT_ITEMS else ():
            trial = probe.copy()
            self.bind(gen.target, item, trial, stmt)
            truths = [_truth(self.eval(cond, trial, stmt)) for cond in gen.ifs]
            if any(t is None for t in truths):
                items = None
                break
            if all(truths):
                kept.append(item)
        if items is None or len(items) > MAX_DICT_ITEMS:
            return self.dict_of_unknown_keys(node, state, stmt)
        out: dict[object, Value] = {}
        known = True
        for index, item in enumerate(kept):
            self.call_stack.append(("comp", node.lineno, node.col_offset, index))
            try:
                self.bind(gen.target, item, probe, stmt)
                key = self.eval(node.key, probe, stmt)
                value = self.eval(node.value, probe, stmt)
            finally:
                self.call_stack.pop()
            if isinstance(key, ConstVal):
                out[key.value] = value
            else:
                known = False
        state.continue_from(probe)  # what the elements saved and wrote; not their names
        return _dict_of(out) if known else UNKNOWN

    def _dict_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value | None:
        """`dict(cfg)`, `dict(cfg, inplace=True)`, `dict(**cfg, k=v)`: a copy with the
        keywords merged in (None: not such a call, left to the plain `dict(...)` handling)."""
        if self.lookup("dict", state) is not UNKNOWN or len(node.args) > 1:
            return None
        if node.args:
            first = node.args[0]
            if not _is_name_like(first) or not isinstance(self.eval_quiet(first, state), DictVal):
                return None
        elif all(kw.arg is not None for kw in node.keywords):
            return None  # `dict(a=1)`: the plain handling knows it
        items: dict[object, Value] = {}
        sources: list[DictVal] = []
        known = True
        if node.args:
            base = self.eval(node.args[0], state, stmt)
            if isinstance(base, DictVal):
                items.update(base.items)
                sources.append(base)
            else:
                known = False
        known = merge_keywords(node, lambda e: self.eval(e, state, stmt), items, sources) and known
        return _dict_of(items, *sources) if known else UNKNOWN

    def eval_dict(self, node: ast.Dict, state: State, stmt: ast.stmt) -> Value:
        """`{**cfg, "type": "ReLU"}`: the spread dicts' items, later keys winning."""
        if all(k is not None for k in node.keys):
            return super().eval_dict(node, state, stmt)  # type: ignore[safe-super]
        items: dict[object, Value] = {}
        known = True
        for k, v in zip(node.keys, node.values, strict=True):
            if k is None:
                spread = self.eval(v, state, stmt)
                if isinstance(spread, DictVal):
                    items.update(spread.items)
                else:
                    known = False
                continue
            key = self.eval(k, state, stmt)
            value = self.eval(v, state, stmt)
            if isinstance(key, ConstVal):
                items[key.value] = value
            else:
                known = False
        return _dict_of(items) if known else UNKNOWN

    def _dict_method(
        self, d: DictVal, func: ast.Attribute, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value:
        args, kwargs = self._eval_args(node, state, stmt)
        name = func.attr
        if name == "copy":
            return d
        if name == "items":
            return TupleVal(tuple(TupleVal((ConstVal(k), v)) for k, v in d.items))
        if name == "keys":
            return TupleVal(tuple(ConstVal(k) for k, _ in d.items))
        if name == "values":
            return TupleVal(tuple(v for _, v in d.items))
        if name == "clear":
            self._rebind_dict(func.value, DictVal(()), state)
            return ConstVal(None)
        if name == "update":
            if len(args) == 1 and not isinstance(args[0], DictVal):
                # `losses.update(self.descent_loss(x))` given (name, value) pairs
                given = self.dict_of_pairs(args[0], node, state)
                if isinstance(given, MapVal):
                    merged_any = any_entry([*(v for _, v in d.items), given.value])
                    self._rebind_dict(func.value, merged_any, state)
                    return ConstVal(None)
                args = [given]
            if len(args) > 1 or (args and not isinstance(args[0], DictVal)):
                self._rebind_dict(func.value, UNKNOWN, state)
                return ConstVal(None)
            merged = dict(d.items)
            if args and isinstance(args[0], DictVal):
                merged.update(args[0].items)
            merged.update(kwargs)
            others = [args[0]] if args and isinstance(args[0], DictVal) else []
            self._rebind_dict(func.value, _dict_of(merged, d, *others), state)
            return ConstVal(None)
        key = args[0] if args else UNKNOWN
        if not isinstance(key, ConstVal):
            if name in ("pop", "setdefault"):
                self._rebind_dict(func.value, UNKNOWN, state)  # which entry changed is unknown
            return UNKNOWN
        present = any(k == key.value for k, _ in d.items)
        found = d.get(key.value) if present else None
        default = args[1] if len(args) > 1 else kwargs.get("default")
        if name == "get":
            if found is not None:
                return found
            return default if default is not None else ConstVal(None)
        if name == "pop":
            if found is None:
                return default if default is not None else UNKNOWN  # KeyError otherwise
            rest = {k: v for k, v in d.items if k != key.value}
            self._rebind_dict(func.value, _dict_of(rest, d), state)
            return found
        # setdefault
        if found is not None:
            return found
        added = default if default is not None else ConstVal(None)
        self._rebind_dict(func.value, _dict_of({**dict(d.items), key.value: added}, d), state)
        return added

    def _rebind_dict(self, expr: ast.expr, new: Value, state: State) -> None:
        """The dict read from `expr` changed: bind the new value where it lives (a local, a
        module object's attribute; a global or closure variable through the same path as
        `d[k] = v`)."""
        if isinstance(expr, ast.Name) and expr.id not in state.env:
            current = self.lookup(expr.id, state)
            if (
                isinstance(current, DictVal)
                and isinstance(new, DictVal)
                and all(any(k == n for n, _ in new.items) for k, _ in current.items)
            ):
                # entries added or replaced, none removed: one `d[k] = v` each (the way a
                # registration into another module's dict is recorded for kept modules)
                for k, v in new.items:
                    here = self.lookup(expr.id, state)
                    if isinstance(here, DictVal) and here.get(k) is not v:
                        self._dict_setitem(expr.id, here, ConstVal(k), v, state)
                return
            self._dict_setitem(expr.id, DictVal(()), UNKNOWN, UNKNOWN, state)
            return
        self._rebind_expr(expr, new, state)

    def bind(self, target: ast.expr, value: Value, state: State, stmt: ast.stmt) -> None:
        """`self._module_dict[name] = cls` (a module object's dict attribute) and
        `cfg["MODEL"]["NAME"] = "X"` (a dict inside a dict): the dict the chain starts from
        is rebound with the entry changed."""
        if isinstance(target, ast.Subscript) and isinstance(
            target.value, (ast.Attribute, ast.Subscript)
        ):
            base = self._quiet_dict(target.value, state)
            if isinstance(base, DictVal):
                key = self.eval(target.slice, state, stmt)
                new: Value = (
                    _dict_of({**dict(base.items), key.value: value}, base)
                    if isinstance(key, ConstVal)
                    else UNKNOWN
                )
                if self._store_dict(target.value, new, state):
                    return
        super().bind(target, value, state, stmt)  # type: ignore[safe-super]

    def _pure_text(self, node: ast.expr) -> bool:
        """An expression computing a string without effects: a constant, a name, a str
        method or an os.path function applied to such (evaluating it twice changes
        nothing)."""
        if isinstance(node, ast.Constant) or _is_name_like(node):
            return True
        if not isinstance(node, ast.Call) or node.keywords:
            return False
        func = node.func
        if not isinstance(func, ast.Attribute):
            return False
        pure_call = (func.attr in _STR_METHODS and self._pure_text(func.value)) or (
            func.attr in _PATH_FOLDS and self.imports.qualify(func) == f"os.path.{func.attr}"
        )
        return pure_call and all(self._pure_text(arg) for arg in node.args)

    def _quiet_dict(self, expr: ast.expr, state: State) -> Value:
        """The dict `expr` reads (a name, an attribute, `d["k"]` with a constant key), without
        running anything."""
        if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant):
            outer = self._quiet_dict(expr.value, state)
            if isinstance(outer, DictVal):
                inner = outer.get(expr.slice.value)
                return inner if inner is not None else UNKNOWN
            slot = _list_slot(outer, expr.slice.value)
            if slot is not None:  # `ret_dicts[0]["dense_heatmap"] = ...`: a dict in a list
                assert isinstance(outer, (ListObj, TupleVal))
                return outer.items[slot]
            return UNKNOWN
        if _is_name_like(expr):
            return self.eval_quiet(expr, state)
        return UNKNOWN

    def _store_dict(self, expr: ast.expr, new: Value, state: State) -> bool:
        """Bind the changed dict where `expr` read it from; False: nowhere we can name."""
        if isinstance(expr, ast.Attribute):
            owner = self.eval_quiet(expr.value, state)
            if isinstance(owner, ModuleObj):
                self.set_attr(owner, expr.attr, new, state)
                return True
            return False
        if isinstance(expr, ast.Name):
            self._rebind_dict(expr, new, state)
            return True
        if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant):
            outer = self._quiet_dict(expr.value, state)
            if isinstance(outer, DictVal):
                key = expr.slice.value
                changed = _dict_of({**dict(outer.items), key: new}, outer)
                return self._store_dict(expr.value, changed, state)
            slot = _list_slot(outer, expr.slice.value)
            if slot is not None and isinstance(outer, ListObj):
                self._touch(outer)  # the list holds the dict: its item is replaced
                outer.items[slot] = new
                outer.elem = join_all(outer.items)
                return True
            if slot is not None and isinstance(outer, TupleVal):
                # a list literal held by value (`outs = model(x)` returning `[out]`): a new
                # sequence with the item replaced, bound where the old one was read
                items = list(outer.items)
                items[slot] = new
                return self._store_dict(expr.value, TupleVal(tuple(items)), state)
        return False

    def _default_value(self, default: ast.expr) -> Value:
        """`act_cfg=dict(type="ReLU")`, `norm_cfg={"type": "BN"}`: a config default; a tuple
        of constants (`order=("conv", "norm", "act")`); a module constant (`arch=DEFAULT_ARCH`,
        its value when the call runs)."""
        literal = _literal(default)
        if isinstance(literal, (DictVal, TupleVal)):  # `order=("conv", "norm", "act")` too
            return literal
        if isinstance(default, ast.Name) and self.frames:  # `def main(arch=DEFAULT_ARCH)`
            frame = self.frames[-1]
            named = (frame.closure or {}).get(default.id) or frame.globals.get(default.id)
            if isinstance(named, (ConstVal, DictVal, TupleVal)):
                return named
        return super()._default_value(default)  # type: ignore[safe-super]


_FOLDED_BUILTINS = frozenset({"str", "len"})


def _fold_builtin(name: str, value: Value) -> Value:
    """`str(postfix)`, `len(cfg)` on values we hold exactly (a layer named `"bn" +
    str(postfix)`)."""
    if name == "str" and isinstance(value, ConstVal):
        return ConstVal(str(value.value))
    if name == "len":
        if isinstance(value, DictVal):
            return ConstVal(len(value.items))
        if isinstance(value, TupleVal):
            return ConstVal(len(value.items))
        if isinstance(value, ConstVal) and isinstance(value.value, (str, tuple)):
            return ConstVal(len(value.value))
    return UNKNOWN


def builtin_hasattr(obj: Value, name: Value) -> Value:
    """`hasattr(x, name)` where x is a constant, a tuple or list written out, or a dict of known
    keys: what Python answers for such a value (for a tuple or list: only where both agree)."""
    if not (isinstance(name, ConstVal) and isinstance(name.value, str)):
        return UNKNOWN
    attr = name.value
    if isinstance(obj, ConstVal):
        return ConstVal(hasattr(obj.value, attr))
    if isinstance(obj, TupleVal):
        answers = {hasattr((), attr), hasattr([], attr)}
        return ConstVal(answers.pop()) if len(answers) == 1 else UNKNOWN
    if isinstance(obj, DictVal):
        return ConstVal(hasattr({}, attr))
    return UNKNOWN


def carries_config(args: list[Value], kwargs: dict[str, Value]) -> bool:
    """A call given a config dict (`dict(type="ReLU", inplace=True)`): a build step."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, DictVal) and value.get("type") is not None:
            return True
    return False


def merge_keywords(
    node: ast.Call,
    evaluate: Callable[[ast.expr], Value],
    items: dict[object, Value],
    sources: list[DictVal],
) -> bool:
    """A call's `k=v` and `**d` keywords added to `items` (the spread dicts to `sources`),
    as `dict(...)` merges them; False when a spread dict's keys are not known."""
    known = True
    for kw in node.keywords:
        value = evaluate(kw.value)
        if kw.arg is not None:
            items[kw.arg] = value
        elif isinstance(value, DictVal):
            items.update(value.items)
            sources.append(value)
        else:
            known = False  # `**unknown`: any key may be there
    return known


def too_many_frames(frames: list[Frame], cap: int) -> bool:
    """More frames than `cap`, not counting imported modules' top levels (no calls) nor,
    up to a bound, calls building from configs."""
    if len(frames) <= cap:
        return False
    calls = sum(1 for i, f in enumerate(frames) if i == 0 or f.func is not None)
    building = sum(1 for f in frames if f.building)
    return calls - building > cap or calls > cap + MAX_BUILDING_FRAMES


# os.path functions that only compute on their (string) arguments: folded on constants
# (`os.path.dirname(cfg.plugin_dir)` naming the package to import), with POSIX semantics
_PATH_FOLDS = frozenset({"dirname", "basename", "join", "splitext", "normpath", "split"})


def _list_slot(outer: Value, index: object) -> int | None:
    """The position `outer[index]` reads in a list (or list literal) known item by item;
    None otherwise."""
    if (
        isinstance(outer, (ListObj, TupleVal))
        and not isinstance(outer, NamedTupleVal)  # its fields are fixed
        and (not isinstance(outer, ListObj) or outer.ordered)
        and type(index) is int
        and -len(outer.items) <= index < len(outer.items) < ListObj.MAX_ITEMS
    ):
        return index % len(outer.items)
    return None


def fold_path_function(name: str, args: list[Value]) -> Value:
    """`os.path.<name>(*args)` on constant strings: its result (a string or a pair)."""
    texts = [a.value for a in args if isinstance(a, ConstVal) and isinstance(a.value, str)]
    if not texts or len(texts) != len(args):
        return UNKNOWN
    try:
        result = getattr(posixpath, name)(*texts)
    except TypeError:
        return UNKNOWN
    if isinstance(result, tuple):
        return TupleVal(tuple(ConstVal(part) for part in result))
    return ConstVal(result)


def reentered(frames: list[Frame], func: FuncVal, building: bool, receiver: object = None) -> bool:
    """The function is already running: a recursion is not followed, except a builder given
    a config, a few levels deep (each level a smaller config), and a call on another subject
    than every running call of it, a few levels deep: a method on another object (an
    hourglass block's forward calling its inner block's, each level a different module), a
    function given another container or constant (a nested config dict converted level by
    level)."""
    running = [f for f in frames if f.func is not None and f.func.node is func.node]
    if not running:
        return False
    if building and len(running) < MAX_BUILD_REENTRY:
        return False
    if isinstance(receiver, ConstVal) and not isinstance(
        running[-1].receiver, (DictVal, TupleVal, ListObj)
    ):
        return True  # a constant goes one level down from a container only (its leaves)
    return not (
        receiver is not None
        and len(running) < MAX_OBJECT_REENTRY
        and not any(_same_subject(f.receiver, receiver) for f in running)
    )


def _same_subject(a: object, b: object) -> bool:
    """The same object (a module, a dict, a list), or an equal constant."""
    if isinstance(a, ConstVal) and isinstance(b, ConstVal):
        return a == b
    return a is b


def _dict_of(items: dict[object, Value], *sources: DictVal) -> Value:
    """A dict of these items, remembering where the sources' keywords were written."""
    if len(items) > MAX_DICT_ITEMS:
        return UNKNOWN
    written = tuple(w for d in sources for w in d.written if w[0] in items)
    return DictVal(tuple(items.items()), written)


def _literal(node: ast.expr) -> Value:
    """A constant, a tuple of them or a config dict of them (`dict(type="GN", num_groups=32)`),
    read without running anything (a default is evaluated once, where it is written)."""
    if isinstance(node, ast.Constant):
        return ConstVal(node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_literal(e) for e in node.elts]
        return TupleVal(tuple(items)) if UNKNOWN not in items else UNKNOWN
    pairs: list[tuple[object, Value]] = []
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if not isinstance(k, ast.Constant):
                return UNKNOWN
            pairs.append((k.value, _literal(v)))
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "dict"
        and not node.args
        and all(kw.arg is not None for kw in node.keywords)
    ):
        pairs = [(kw.arg, _literal(kw.value)) for kw in node.keywords]
    else:
        return UNKNOWN
    if any(v is UNKNOWN for _, v in pairs):
        return UNKNOWN
    return DictVal(tuple(pairs))
