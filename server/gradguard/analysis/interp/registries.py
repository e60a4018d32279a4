"""Registries of classes and functions (mmcv `Registry.register_module`, detectron2
`Registry.register`, plain `register(name)` functions): what their code asks of the values it
is given, answered where the value is known, so the registered entry keeps a known key.

- `cls.__name__` / `fn.__name__` / `nn.ReLU.__name__` is the name;
- `isinstance(name, str)`, `isinstance(cls, type)`, `inspect.isclass(cls)`, `callable(fn)` on
  a constant, a class or a function are settled;
- pure `str` methods on constants are computed (`key.find(".")`, `key.split(".", 1)`);
- a decorator that is a registry object's method (`@HEADS.register_module`, with or without
  arguments) runs like any other class decorator, and a module-level function's registering
  decorator (`@BACKBONES.register()`, `@register("resnet")`) runs too (the name stays bound to
  the function itself)."""

from __future__ import annotations

import ast

from ..imports import ImportMap
from ..state import State
from ..values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    ConstVal,
    DictVal,
    FuncVal,
    ListObj,
    ModuleNsVal,
    ModuleObj,
    TensorVal,
    TorchFnVal,
    TupleVal,
    Value,
)
from .base import InterpreterBase
from .helpers import _assumed, _class_and_bases
from .limits import MAX_DECORATOR_RUNS

_STR_METHODS = frozenset(
    {
        "find",
        "rfind",
        "split",
        "rsplit",
        "partition",
        "rpartition",
        "startswith",
        "endswith",
        "lower",
        "upper",
        "strip",
        "lstrip",
        "rstrip",
        "replace",
        "format",
        "join",
        "isdigit",
        "isidentifier",
        "count",
        "capitalize",
        "title",
        "casefold",
        "removeprefix",
        "removesuffix",
    }
)

# builtin type names `isinstance` is settled for, on constants and the objects we model
_BUILTIN_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float,),
    "bool": (bool,),
    "bytes": (bytes,),
    "list": (list,),
    "tuple": (tuple,),
    "dict": (dict,),
    "type": (type,),
}


def name_of(value: Value) -> str | None:
    """`__name__` of a class, function or torch layer class we hold."""
    if isinstance(value, ClassVal):
        return value.node.name
    if isinstance(value, FuncVal) and not isinstance(value.node, ast.Lambda):
        return value.node.name
    if isinstance(value, TorchFnVal):
        return value.qual.rsplit(".", 1)[-1]
    return None


def fold_str_method(text: str, method: str, args: list[Value], kwargs: dict[str, Value]) -> Value:
    """A pure str method on a constant with constant arguments: its result."""
    if method not in _STR_METHODS:
        return UNKNOWN
    plain: list[object] = []
    for arg in args:
        if isinstance(arg, ConstVal):
            plain.append(arg.value)
        elif method == "join" and isinstance(arg, TupleVal):
            parts = [i.value for i in arg.items if isinstance(i, ConstVal)]
            if len(parts) != len(arg.items):
                return UNKNOWN
            plain.append(parts)
        else:
            return UNKNOWN
    named: dict[str, object] = {}
    for key, arg in kwargs.items():
        if not isinstance(arg, ConstVal):
            return UNKNOWN
        named[key] = arg.value
    try:
        result = getattr(text, method)(*plain, **named)
    except Exception:  # noqa: BLE001 - a call that raises at run time: nothing known
        return UNKNOWN
    if isinstance(result, (list, tuple)):
        return TupleVal(tuple(ConstVal(r) for r in result))
    return ConstVal(result)


def fold_const_binop(op: ast.operator, left: Value, right: Value) -> Value:
    """`abbr + str(postfix)`, `"layer%d" % i` on constants (names a registry or `add_module`
    uses); ints are folded before this (loop_bounds.fold_int_binop), other numbers not."""
    if not (isinstance(left, ConstVal) and isinstance(right, ConstVal)):
        return UNKNOWN
    a, b = left.value, right.value
    if isinstance(op, ast.Add) and isinstance(a, str) and isinstance(b, str):
        return ConstVal(a + b)
    if isinstance(op, ast.Mod) and isinstance(a, str) and isinstance(b, (str, int, tuple)):
        try:
            return ConstVal(a % b)
        except (TypeError, ValueError):
            return UNKNOWN
    if isinstance(op, (ast.BitAnd, ast.BitOr)) and isinstance(a, bool) and isinstance(b, bool):
        return ConstVal(a & b if isinstance(op, ast.BitAnd) else a | b)  # `half &= on_gpu`
    return UNKNOWN


def builtin_isinstance(obj: Value, classes: ast.expr, imports: ImportMap) -> Value:
    """`isinstance(x, str)`, `isinstance(cls, type)`, `isinstance(cfg, dict)` where x is a
    value we hold exactly (None: not a question about builtin types). `torch.Tensor` among
    the classes: a tensor we made is one (`tensor_like(data, ref)` given a tensor or a list
    takes its own branch); constants, lists, dicts, classes, functions and modules are not."""
    options = classes.elts if isinstance(classes, ast.Tuple) else [classes]
    types: list[type] = []
    tensor_asked = False
    for option in options:
        if imports.qualify(option) == "torch.Tensor":
            tensor_asked = True
            continue
        if not isinstance(option, ast.Name) or option.id not in _BUILTIN_TYPES:
            return UNKNOWN
        if imports.qualify(option) not in (None, option.id, f"builtins.{option.id}"):
            return UNKNOWN  # the name is bound to something else
        types.extend(_BUILTIN_TYPES[option.id])
    if tensor_asked:
        if isinstance(obj, TensorVal):
            return UNKNOWN if _assumed(obj) else ConstVal(True)
        if not isinstance(
            obj, (ConstVal, DictVal, ListObj, TupleVal, ClassVal, TorchFnVal, FuncVal, ModuleObj)
        ):
            return UNKNOWN
        if not types:
            return ConstVal(False)
    if isinstance(obj, ConstVal):
        return ConstVal(isinstance(obj.value, tuple(types)))
    if isinstance(obj, DictVal):
        return ConstVal(dict in types)
    if isinstance(obj, ListObj):
        return ConstVal(list in types)
    if isinstance(obj, TupleVal):  # a tuple or a list written out: where both answer alike
        answers = {tuple in types, list in types}
        return ConstVal(answers.pop()) if len(answers) == 1 else UNKNOWN
    if isinstance(obj, (ClassVal, TorchFnVal)) and name_of(obj) is not None:
        if isinstance(obj, TorchFnVal) and not obj.qual.rsplit(".", 1)[-1][:1].isupper():
            return ConstVal(False) if type not in types else UNKNOWN  # `F.relu`: a function
        return ConstVal(type in types)
    if isinstance(obj, (FuncVal, ModuleObj)):
        return ConstVal(False)
    return UNKNOWN


def kind_test(test: str, obj: Value) -> Value:
    """`inspect.isclass`, `inspect.isfunction`, `callable` on a value we hold."""
    is_class = isinstance(obj, ClassVal) or (
        isinstance(obj, TorchFnVal) and obj.qual.rsplit(".", 1)[-1][:1].isupper()
    )
    is_function = isinstance(obj, FuncVal) or (isinstance(obj, TorchFnVal) and not is_class)
    if not (is_class or is_function or isinstance(obj, (ConstVal, DictVal))):
        return UNKNOWN
    if test == "isclass":
        return ConstVal(is_class)
    if test == "isfunction":
        return ConstVal(isinstance(obj, FuncVal))
    return ConstVal(is_class or is_function)  # callable


class Registries(InterpreterBase):
    def run_function_decorators(
        self, func: FuncVal, stmt: ast.FunctionDef | ast.AsyncFunctionDef, state: State
    ) -> None:
        """A function's registering decorators run for what they record (`REGISTRY[name] =
        fn`); the name stays bound to the function itself (the usual registry returns it
        unchanged; a wrapper would call it anyway)."""
        for decorator in reversed(stmt.decorator_list):
            if not isinstance(decorator, (ast.Call, ast.Attribute, ast.Name)):
                continue
            root = decorator.func if isinstance(decorator, ast.Call) else decorator
            while isinstance(root, ast.Attribute):
                root = root.value
            if not isinstance(root, ast.Name) or not isinstance(
                self.lookup(root.id, state), (ModuleObj, FuncVal, ModuleNsVal)
            ):
                continue  # torch, functools & co: nothing of the project's is registered
            found = self.eval(decorator, state, stmt)
            registering = registry_method(found)
            if registering is not None:
                if self._may_run(registering[0], registering[1]):
                    self._invoke(registering[0], [func], {}, decorator, state, registering[1])
            elif (
                isinstance(found, FuncVal)
                and not isinstance(found.node, ast.Lambda)
                and self._may_run(found, None)
            ):
                made = self._invoke(found, [func], {}, decorator, state, None)
                if (
                    isinstance(made, FuncVal)
                    and made.node is func.node
                    and made.grad_decorator is not None
                    and func.grad_decorator is None
                    and state.env.get(stmt.name) is func
                ):
                    # a decorator factory that returns the function wrapped in a grad mode
                    # (`return torch.inference_mode()(fn)`): it runs in that mode
                    func = made
                    state.env[stmt.name] = made

    def _may_run(self, decorator: FuncVal, registry: ModuleObj | None) -> bool:
        """Whether this decorator (on this registry object) is still within its budget."""
        key = (id(decorator.node), id(registry))
        runs = self.decorator_runs.get(key, 0)
        self.decorator_runs[key] = runs + 1
        return runs < MAX_DECORATOR_RUNS


def registry_method(decorator: Value) -> tuple[FuncVal, ModuleObj] | None:
    """`HEADS.register_module` (a bound method of an object of a project class) used as a
    decorator: the method and the object it runs on."""
    if not isinstance(decorator, BoundMethod):
        return None
    obj = decorator.obj
    if isinstance(obj, ModuleObj) and obj.cls is not None:
        method = obj.cls.methods.get(decorator.name)
        if method is not None:
            return method, obj
    return None


# modules whose classes no user class of the project can be a base of
_FOREIGN_BASE_ROOTS = frozenset({"torch", "abc", "typing", "builtins", "collections", "enum"})


def builtin_issubclass(cls: Value, classes: Value, imports: ImportMap) -> Value:
    """`issubclass(cls, BaseModel)` between user classes we hold (a factory scanning a module's
    `__dict__` for the model class it names): True when one of `classes` is among its bases,
    False when every base of every class in its chain is known (another user class, or one
    of torch's, typing's, the builtins'), unknown otherwise."""
    wanted = list(classes.items) if isinstance(classes, TupleVal) else [classes]
    if not isinstance(cls, ClassVal) or not wanted:
        return UNKNOWN
    chain = _class_and_bases(cls)
    for option in wanted:
        if isinstance(option, ClassVal) and option in chain:
            return ConstVal(True)
        if isinstance(option, TorchFnVal) and option.qual == "torch.nn.Module" and cls.is_module:
            return ConstVal(True)
        if not isinstance(option, ClassVal):
            return UNKNOWN  # a torch class or one we do not hold: not answered
    for klass in chain:
        user_bases = {base.node.name for base in klass.bases}
        for base in klass.node.bases:
            name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
            if name in user_bases or name == "object":
                continue
            qual = imports.qualify(base)
            if qual is None or qual.split(".", 1)[0] not in _FOREIGN_BASE_ROOTS:
                return UNKNOWN  # a base the analysis does not hold
    return ConstVal(False)
