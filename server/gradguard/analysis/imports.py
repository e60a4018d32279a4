"""Qualified names: what `F.relu`, `nn.ReLU` or `optim.SGD` refer to, through import aliases."""

from __future__ import annotations

import ast
import bisect
from functools import lru_cache

# Spellings that mean the same module; normalised so knowledge tables hold one name each.
_CANONICAL_PREFIXES = {
    "torch.nn.modules.activation.": "torch.nn.",
    "torch.nn.modules.linear.": "torch.nn.",
    "torch.nn.modules.conv.": "torch.nn.",
    "torch.nn.modules.batchnorm.": "torch.nn.",
    "torch.nn.modules.container.": "torch.nn.",
    "torch.nn.modules.dropout.": "torch.nn.",
    "torch.nn.modules.module.": "torch.nn.",
    "torch.nn.modules.": "torch.nn.",
    "torch.nn.parameter.": "torch.nn.",
    "torch.autograd.grad_mode.": "torch.",
    "torch.optim.optimizer.": "torch.optim.",
}


@lru_cache(maxsize=1 << 16)  # a pure function of the name, asked for at every name lookup
def canonical(name: str) -> str:
    for prefix, repl in _CANONICAL_PREFIXES.items():
        if name.startswith(prefix):
            return repl + name[len(prefix) :]
    if name.startswith("torch.autograd.") and name.rsplit(".", 1)[-1] in {
        "no_grad",
        "enable_grad",
        "set_grad_enabled",
        "inference_mode",
    }:
        return "torch." + name.rsplit(".", 1)[-1]
    return name


class ImportMap:
    """Local name -> qualified name for every import in a module (any nesting level)."""

    def __init__(self, tree: ast.AST, lines: list[str] | None = None) -> None:
        """`lines` (the source's) lets the search skip top-level statements without the
        word `import` on any line, which is most of a large file."""
        self.names: dict[str, str] = {}
        self.star_modules: list[str] = []
        # what each import statement asks for, with its level: `import a.b` -> ("a", 0),
        # `from ..a import b` -> ("a", 2), `from . import b` -> ("", 1)
        self.imported: list[tuple[str, int]] = []
        for node in _statements(tree, lines):
            if isinstance(node, ast.Import):
                self.imported.extend((alias.name.split(".")[0], 0) for alias in node.names)
                for alias in node.names:
                    if alias.asname:
                        self.names[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        self.names[root] = root
            elif isinstance(node, ast.ImportFrom):
                self.imported.append((node.module or "", node.level))
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if alias.name != "*":
                        self.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                    elif node.module in ("torch", "torch.nn", "torch.nn.functional"):
                        self.star_modules.append(node.module)
        self.uses_torch = any(q == "torch" or q.startswith("torch.") for q in self.names.values())
        # qualify()'s answers by node: asked again at every run of the code (loop rounds,
        # inlined calls), the same while the names stay as they are
        self._qualified: dict[ast.expr, str | None] = {}

    def copy(self) -> ImportMap:
        """A private copy (a cached module's names: star imports add to each analysis's)."""
        clone = ImportMap.__new__(ImportMap)
        clone.names = dict(self.names)
        clone.star_modules = list(self.star_modules)
        clone.imported = self.imported
        clone.uses_torch = self.uses_torch
        clone._qualified = {}
        return clone

    def bind(self, local: str, qual: str) -> None:
        """`local` now names `qual` (a name a star import or a project module brought in)."""
        self.names[local] = qual
        self._qualified.clear()

    def torch_alias(self) -> str:
        """The local name that refers to the torch module, for code that fixes insert."""
        for local, qual in self.names.items():
            if qual == "torch":
                return local
        return "torch"

    def qualify(self, node: ast.expr) -> str | None:
        try:
            return self._qualified[node]
        except KeyError:
            pass
        found = self._qualify(node)
        self._qualified[node] = found
        return found

    def _qualify(self, node: ast.expr) -> str | None:
        if type(node) is ast.Name:  # the common case, without building a dotted name
            root = self.names.get(node.id)
            return None if root is None else canonical(root)
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        root = self.names.get(head)
        if root is None:
            return None
        return canonical(f"{root}.{rest}" if rest else root)


_DOTTED = "_gg_dotted"  # where a node keeps its dotted name once asked (trees are not edited)


def dotted_name(node: ast.AST) -> str | None:
    """`h`, `self.h`, `torch.nn.functional`: a name or attribute chain as text; None for
    anything else."""
    known: str | None = node.__dict__.get(_DOTTED, _DOTTED)
    if known is not _DOTTED:
        return known
    parts: list[str] = []
    walk = node
    while isinstance(walk, ast.Attribute):
        parts.append(walk.attr)
        walk = walk.value
    found = ".".join([walk.id, *reversed(parts)]) if isinstance(walk, ast.Name) else None
    setattr(node, _DOTTED, found)
    return found


def _statements(tree: ast.AST, lines: list[str] | None) -> list[ast.stmt]:
    """Every statement at any nesting level (imports are statements: no need to walk
    expressions, which is most of a tree) of the top-level statements that may hold one."""
    out: list[ast.stmt] = []
    body: list[ast.stmt] = list(getattr(tree, "body", []))
    if lines is not None:
        marked = [n for n, text in enumerate(lines, 1) if "import" in text]
        body = [s for s in body if _has_line(marked, s.lineno, s.end_lineno or s.lineno)]
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt):
            out.append(node)
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            stack.extend(getattr(node, field, ()))
    return out


def _has_line(sorted_lines: list[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(sorted_lines, first)
    return i < len(sorted_lines) and sorted_lines[i] <= last
