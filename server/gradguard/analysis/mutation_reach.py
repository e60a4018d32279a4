"""Which top-level statements of a module can lead to a finding when analysed on their own.

Every hazard gradguard reports needs a write somewhere in the code that runs: an in-place
method or function (`x.add_()`, `nn.init.normal_(w)`), an augmented or subscript assignment,
`inplace=`/`out=` (or `inplace` given by position: `nn.ReLU(True)`), a write through `.data`
or `.numpy()`, an optimizer's `step()`, `.grad` read for a parameter update (GG009), or a
tensor made under `inference_mode`. A function analysed on its own (with unknown arguments)
whose text holds none of these, and which reaches no other definition of the module that
does, cannot report anything: its analysis is skipped. Over a large code base this is most
of the functions (accessors, data loading, model builders), and skipping them changed no
finding on any labelled case.

The scan is textual (a regular expression over each statement's lines, and the identifiers it
mentions for what it reaches), so it errs on the side of analysing: a match in a comment or a
string counts. Names bound to another project module's objects (when modules are followed)
count as reaching a write; the caller says which those are.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

# a write, or what makes one: see the module docstring
_WRITE = re.compile(
    r"[A-Za-z0-9]_\s*\("  # an in-place method or function: `add_(`, `normal_(` (not `__init__(`)
    r"|(?<![=!<>])(?:[-+*/@%&|^]|//|\*\*|<<|>>)=(?!=)"  # augmented assignment
    r"|\]\s*=(?!=)|\]\s*,[^\n=]*=(?!=)"  # subscript assignment, also when unpacking
    r"|\binplace\b|[(,]\s*out\s*="  # inplace= (or a variable named so), out=
    r"|[(,]\s*True\s*[,)]"  # an argument given as True by position: `nn.ReLU(True)`
    r"|\.\s*(?:data|grad|numpy|step)\b"  # .data, .grad, .numpy(), optimizer.step()
    r"|\binference_mode\b|\ballow_mutation_on_saved_tensors\b"
    r"|__i(?:add|sub|mul|matmul|truediv|floordiv|div|mod|pow|and|or|xor|lshift|rshift)__"
    r"|__setitem__"  # the dunders of in-place operators, called by name
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _bound_names(stmt: ast.stmt) -> tuple[set[str], set[str]]:
    """Names a top-level statement binds (compound statements: what their bodies bind), and
    which of them by an import."""
    names: set[str] = set()
    imported: set[str] = set()
    stack: list[ast.stmt] = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                imported.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field_name in ("body", "orelse", "finalbody"):
                stack.extend(getattr(node, field_name, ()) or ())
            for handler in getattr(node, "handlers", ()) or ():
                stack.extend(handler.body)
    return names, imported


class MutationReach:
    """Per top-level statement of one module: whether its code, or any definition of the
    module it names (transitively), holds a write. Computed lazily, once per statement."""

    def __init__(
        self,
        body: list[ast.stmt],
        lines: list[str],
        foreign: Callable[[str], bool] | None = None,
    ) -> None:
        self._body = body
        self._lines = lines
        self._foreign = foreign  # is this name bound to another project module's object?
        self._binders: dict[str, list[int]] = {}
        self._imported: set[str] = set()  # names some top-level import binds
        for index, stmt in enumerate(body):
            names, imported = _bound_names(stmt)
            for name in names - imported:
                self._binders.setdefault(name, []).append(index)
            self._imported |= imported
        self._writes: dict[int, bool] = {}  # the statement's own text holds a write
        self._names: dict[int, tuple[list[int], bool]] = {}  # what it names: binders, foreign
        self._known: dict[int, bool] = {}

    def _text(self, node: ast.AST) -> str:
        first: int = getattr(node, "lineno", 1)
        for decorator in getattr(node, "decorator_list", ()):
            first = min(first, decorator.lineno)
        last: int = getattr(node, "end_lineno", None) or first
        return "\n".join(self._lines[first - 1 : last])

    def _scan(self, index: int) -> tuple[bool, list[int], bool]:
        if index not in self._writes:
            text = self._text(self._body[index])
            self._writes[index] = _WRITE.search(text) is not None
            binders: list[int] = []
            foreign = False
            if not self._writes[index]:
                for word in set(_WORD.findall(text)):
                    found = self._binders.get(word)
                    if found is not None:
                        binders.extend(j for j in found if j != index)
                    if (
                        (found is None or word in self._imported)
                        and self._foreign is not None
                        and self._foreign(word)
                    ):
                        foreign = True
            self._names[index] = (binders, foreign)
        binders, foreign = self._names[index]
        return self._writes[index], binders, foreign

    def may_write(self, index: int) -> bool:
        """Whether analysing statement `index` on its own can meet a write: its own text, or
        that of any statement it names, transitively, holds one."""
        found = self._known.get(index)
        if found is not None:
            return found
        result = False
        seen = {index}
        todo = [index]
        while todo and not result:
            current = todo.pop()
            writes, binders, foreign = self._scan(current)
            if writes or foreign or self._known.get(current):
                result = True
                break
            for j in binders:
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        self._known[index] = result
        return result

    def function_may_write(
        self,
        index: int,
        func: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: ast.ClassDef | None,
    ) -> bool:
        """Whether analysing `func` (of top-level statement `index`) on its own can meet a
        write. A method reads what its class's `__init__` and class body set up and may call
        the methods it names; a function, what it names at module level."""
        if not self.may_write(index):
            return False
        texts = [self._text(func)]
        if owner is not None:
            methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
            for stmt in owner.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    methods[stmt.name] = stmt
                else:
                    texts.append(self._text(stmt))  # class attributes
            texts.extend(self._text(node) for node in (*owner.bases, *owner.keywords))
            texts.extend(self._text(node) for node in owner.decorator_list)
            taken = {func.name}
            if "__init__" in methods and func.name != "__init__":
                taken.add("__init__")
                texts.append(self._text(methods["__init__"]))
            position = 0
            while position < len(texts):  # the methods named, transitively
                for word in set(_WORD.findall(texts[position])):
                    if word in methods and word not in taken:
                        taken.add(word)
                        texts.append(self._text(methods[word]))
                position += 1
        for text in texts:
            if _WRITE.search(text) is not None:
                return True
        for text in texts:
            for word in set(_WORD.findall(text)):
                found = self._binders.get(word)
                if found is not None and any(j != index and self.may_write(j) for j in found):
                    return True
                if (
                    (found is None or word in self._imported)
                    and self._foreign is not None
                    and self._foreign(word)
                ):
                    return True
        return False
