"""Dicts read by attribute: `class Munch(dict)` with `__getattr__` returning `self[key]`, and
the libraries that do the same (`munch`, `easydict`, `addict`, `ml_collections`). Training
scripts keep their models and options in them (`model = Munch(bert=..., decoder=...)`, then
`model.decoder(...)`, `{k: model[k].parameters() for k in model}`): an instance is held as the
dict it is (`DictVal`), so its entries stay known whichever way they are read.

Reading an attribute of a dict that names one of its keys is an entry only an attribute dict
has (a plain dict would raise `AttributeError`); dict methods keep their meaning. Setting one
(`nets.wd = wd`) writes the entry.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..state import State
from ..values import UNKNOWN, ClassVal, ConstVal, DictVal, MapVal, PartialVal, Value
from .base import InterpreterBase
from .config_dicts import merge_keywords
from .helpers import _class_and_bases

# library classes whose instances are dicts read by attribute, built as `dict(...)` is
ATTR_DICT_CLASSES = frozenset(
    {
        "munch.Munch",
        "munch.munchify",
        "easydict.EasyDict",
        "addict.Dict",
        "addict.addict.Dict",
        "attrdict.AttrDict",
        "ml_collections.ConfigDict",
        "ml_collections.config_dict.ConfigDict",
    }
)
_ATTR_DICT_NAMES = frozenset(qual.rsplit(".", 1)[1] for qual in ATTR_DICT_CLASSES)
# what a dict has besides its entries: never read as an entry
_DICT_ATTRIBUTES = frozenset(dir(dict)) | {"__dict__", "__class__"}


class AttrDicts(InterpreterBase):
    def _call_value(
        self, callee: Value, node: ast.Call, state: State, stmt: ast.stmt
    ) -> Value | None:
        if isinstance(callee, ClassVal) and self.builds_dict(callee, state):
            return self.dict_from_call(node, state, stmt, callee)
        return super()._call_value(callee, node, state, stmt)  # type: ignore[safe-super]

    def eval_call(self, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if last in _ATTR_DICT_NAMES:
            if self.imports.qualify(func) in ATTR_DICT_CLASSES:
                return self.dict_from_call(node, state, stmt)
        return super().eval_call(node, state, stmt)  # type: ignore[safe-super]

    def getattr_(self, obj: Value, node: ast.Attribute, state: State, quiet: bool = False) -> Value:
        if node.attr not in _DICT_ATTRIBUTES:
            if isinstance(obj, DictVal):
                found = obj.get(node.attr)
                if found is not None:
                    return found
                method = obj.cls.methods.get(node.attr) if obj.cls is not None else None
                if method is not None:  # `hp.overwrite(config)`: the method, given the dict
                    return PartialVal(method, ((node.value, obj),), ())
            elif isinstance(obj, MapVal):  # keys not known one by one: any entry
                return obj.value
        return super().getattr_(obj, node, state, quiet)  # type: ignore[safe-super]

    def bind(self, target: ast.expr, value: Value, state: State, stmt: ast.stmt) -> None:
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.attr not in _DICT_ATTRIBUTES
        ):
            held = self.eval_quiet(target.value, state)
            if isinstance(held, DictVal):  # `nets.wd = wd` on an attribute dict: its entry
                self._dict_setitem(target.value.id, held, ConstVal(target.attr), value, state)
                return
        super().bind(target, value, state, stmt)  # type: ignore[safe-super]

    def builds_dict(self, cls: ClassVal, state: State) -> bool:
        """A user class deriving from `dict` (or an attribute-dict library class) whose
        construction is the dict's: no `__init__` of its own, or one that only hands its
        arguments to the dict's and points `__dict__` at itself."""
        if not any(
            self._names_dict(base, state) for k in _class_and_bases(cls) for base in k.node.bases
        ):
            return False
        init = cls.methods.get("__init__")
        return init is None or _passes_through(init.node)

    def _names_dict(self, base: ast.expr, state: State) -> bool:
        """A base class expression naming `dict` or an attribute-dict library class."""
        if isinstance(base, ast.Name) and base.id == "dict" and "dict" not in state.env:
            return True
        qual = self.imports.qualify(base)
        return qual in ATTR_DICT_CLASSES or qual in ("collections.OrderedDict", "builtins.dict")

    def dict_from_call(
        self, node: ast.Call, state: State, stmt: ast.stmt, cls: ClassVal | None = None
    ) -> Value:
        """`Cls(**kw)`, `Cls(mapping, **kw)`, `Cls(pairs)`: the dict `dict(...)` would make
        (an instance of `cls`, a user's dict subclass, whose methods it keeps)."""
        if len(node.args) > 1 or any(isinstance(a, ast.Starred) for a in node.args):
            self._eval_args(node, state, stmt)
            return UNKNOWN
        items: dict[object, Value] = {}
        known = True
        if node.args:
            first = self.eval(node.args[0], state, stmt)
            if isinstance(first, DictVal):
                items.update(first.items)
            elif not node.keywords:
                made = self.dict_of_pairs(first, node, state)  # pairs, a generator of them
                return replace(made, cls=cls) if isinstance(made, DictVal) else made
            else:
                known = False
        known = merge_keywords(node, lambda e: self.eval(e, state, stmt), items, []) and known
        return DictVal(tuple(items.items()), cls=cls) if known else UNKNOWN


def _passes_through(init: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    """`super().__init__(*args, **kwargs)`, `dict.__init__(self, ...)`, `self.__dict__ = self`
    and a docstring: nothing else."""
    if not isinstance(init, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for stmt in init.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # the docstring
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute)
            and stmt.value.func.attr == "__init__"
        ):
            continue
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Attribute)
            and stmt.targets[0].attr == "__dict__"
        ):
            continue
        return False
    return True
