"""Class-level attributes: `expansion = 4`, `arch_settings = {50: (Bottleneck, (3, 4, 6, 3))}`,
`block = BasicBlock`, `default_act = dict(type="ReLU")`. They are evaluated where the class is
defined and read through the class (`Bottleneck.expansion`) and through an instance that has no
attribute of that name (`self.arch_settings[depth]`); a class inherits its user bases' ones.

Only values that run nothing are taken (constants, names, attributes, tuples, lists and dicts
of them, `dict(...)` of them): a class body's calls (a logger, a tensor) are not run again.

A dataclass's annotated fields are no class attributes but what its generated `__init__` sets
on the instance: the call's arguments, else the defaults (`moe_top_k: int = 2`)."""

from __future__ import annotations

import ast

from ..state import State
from ..values import UNKNOWN, ClassVal, ModuleObj, Value
from .base import InterpreterBase


class ClassAttributes(InterpreterBase):
    def class_attributes(self, cls: ClassVal, node: ast.ClassDef, state: State) -> None:
        dataclass = _is_dataclass(node)
        for item in node.body:
            if dataclass and isinstance(item, ast.AnnAssign):
                continue  # a field: set on each instance by the generated `__init__`
            if isinstance(item, ast.Assign):
                targets, value = item.targets, item.value
            elif isinstance(item, ast.AnnAssign) and item.value is not None:
                targets, value = [item.target], item.value
            else:
                continue
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if not names or not _runs_nothing(value):
                continue
            found = self.eval(value, state, item)
            for name in names:
                cls.attrs[name] = found
        for base in cls.bases:  # the first base wins, as in the MRO
            for name, inherited in base.attrs.items():
                cls.attrs.setdefault(name, inherited)

    def construct(self, cls: ClassVal, node: ast.Call, state: State, stmt: ast.stmt) -> Value:
        """A dataclass without its own `__init__`: its fields from the call or defaults."""
        if "__init__" in cls.methods or not _is_dataclass(cls.node):
            return super().construct(cls, node, state, stmt)  # type: ignore[safe-super]
        args, kwargs = self._eval_args(node, state, stmt)
        obj = ModuleObj(kind=cls.node.name, span=self.src.span(node), cls=cls)
        for index, (name, default) in enumerate(_fields(cls)):
            if index < len(args):
                value = args[index]
            elif name in kwargs:
                value = kwargs[name]
            elif default is not None:
                value = self._default_value(default)
            else:
                value = UNKNOWN
            obj.attrs[name] = value  # a fresh object: no flow holds it yet
            self._index_tensor(obj, name, value)
        post_init = cls.methods.get("__post_init__")
        if post_init is not None:
            self._invoke(post_init, [], {}, node, state, obj)
        return obj


def _is_dataclass(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "dataclass":
            return True
    return False


def _fields(cls: ClassVal) -> list[tuple[str, ast.expr | None]]:
    """A dataclass's fields in `__init__` order: its dataclass bases' first."""
    found: dict[str, ast.expr | None] = {}
    for klass in (*reversed(cls.bases), cls):
        if not _is_dataclass(klass.node):
            continue
        for item in klass.node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                found[item.target.id] = item.value
    return list(found.items())


def _runs_nothing(node: ast.expr) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            if not (isinstance(sub.func, ast.Name) and sub.func.id == "dict"):
                return False
        elif isinstance(sub, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)):
            return False
        elif isinstance(sub, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return False
    return True
