"""Import statements of the analysed code, run the way Python runs them: a project module's
top level runs once per analysis, on its first import (a circular import sees the names bound
so far), and the names it binds become values of the importer: functions, classes, module
objects, tensors, registries. Imports of anything outside the project (torch, site-packages)
stay what they were: names that `imports.ImportMap` qualifies.
"""

from __future__ import annotations

import ast
from typing import Protocol

from .imports import ImportMap, canonical
from .module_cache import KeptModule, module_cache
from .modules import (
    ModuleLoader,
    ModuleRef,
    ModuleScope,
    content_key,
    parse_module,
)
from .spans import SourceMap
from .state import State
from .values import UNKNOWN, DictVal, ModuleNsVal, Value, next_serial

# a registration a kept module made into another module's dict: (that module, the dict's
# name, the key, the value)
Replay = tuple[str, str, object, object]


class ModuleHost(Protocol):
    """What the linker needs of the interpreter: the module whose code runs now, its import
    names, the checked file's scope, and a way to run an imported module's top level."""

    scope: ModuleScope
    imports: ImportMap
    main_scope: ModuleScope

    def run_module(self, scope: ModuleScope, state: State) -> None: ...

    def register_source(self, scope: ModuleScope) -> None: ...

    def effects(self, state: State) -> tuple[object, ...]: ...

    @property
    def registrations(self) -> list[tuple[dict[str, Value], str, object, Value]]: ...

    @property
    def attr_writes(self) -> list[int]: ...


# torch is known to the analysis itself: a directory named like it is never "the project's"
_NEVER_PROJECT = frozenset({"torch", "numpy", "__future__"})


class ModuleLinker:
    def __init__(self, interp: ModuleHost, loader: ModuleLoader, main_file: str) -> None:
        self.interp = interp
        self.loader = loader
        self.main_file = main_file
        self.scopes: dict[str, ModuleScope] = {}
        self._loading: list[set[str]] = []  # per module whose top level runs now: what it read
        self._loading_keys: list[str] = []
        self._text_keys: dict[str, str | None] = {}  # content key of each module, this analysis
        self._validity: dict[str, bool] = {}  # whether a kept module is still valid

    def fingerprint(self) -> frozenset[tuple[str, str]]:
        """The project modules this analysis read, with their content: a cached analysis of
        the checked file is only valid while these are the same."""
        return frozenset((key, scope.text_key) for key, scope in self.scopes.items())

    # ------------------------------------------------------------------ statements

    def exec_import(self, stmt: ast.Import | ast.ImportFrom, state: State) -> None:
        importer = self._importer()
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name.split(".")[0] in _NEVER_PROJECT:
                    continue
                chain = self._chain(importer, alias.name, state)
                if chain is None:
                    continue
                if alias.asname:
                    state.env[alias.asname] = ModuleNsVal(chain[-1])
                else:
                    state.env[alias.name.split(".")[0]] = ModuleNsVal(chain[0])
            return
        if stmt.level == 0 and (stmt.module or "").split(".")[0] in _NEVER_PROJECT:
            return
        ref = self.loader.find(importer, stmt.module or "", stmt.level)
        if ref is None:
            return
        scope = self._load_with_parents(importer, ref, stmt, state)
        for alias in stmt.names:
            if alias.name == "*":
                self._star(scope, state)
                continue
            local = alias.asname or alias.name
            value = self._member(scope, alias.name, state)
            if value is not None:
                state.env[local] = value
                continue
            qual = scope.imports.names.get(alias.name)
            if qual is not None:  # the module's own import of torch & co: the same name
                self.interp.imports.bind(local, canonical(qual))
                state.env.pop(local, None)

    def import_dotted(self, dotted: str, state: State) -> Value:
        """`importlib.import_module("a.b")`: the module `a.b` of the project (its parents run
        first), or UNKNOWN when it is not one."""
        if dotted.split(".")[0] in _NEVER_PROJECT:
            return UNKNOWN
        chain = self._chain(self._importer(), dotted, state)
        if chain is None or len(chain) != len(dotted.split(".")):
            return UNKNOWN
        return ModuleNsVal(chain[-1])

    def run_file(self, path: str, state: State) -> ModuleScope | None:
        """`runpy.run_path("configs/x.py")`: the project file's top level, run once like an
        imported module; None when the path names no file of the project."""
        ref = self.loader.locate(self._importer(), path)
        if ref is None:
            return None
        return self.load(ref, state)

    def attribute(self, ns: ModuleNsVal, name: str, state: State) -> Value:
        """`models.UNet`, `utils.normalize_`, `pkg.sub` (a submodule found on disk)."""
        scope = ns.scope
        assert isinstance(scope, ModuleScope)
        found = self._member(scope, name, state)
        return found if found is not None else UNKNOWN

    # ------------------------------------------------------------------ loading

    def _importer(self) -> str:
        path = self.interp.scope.path
        return path or self.main_file

    def _chain(self, importer: str, dotted: str, state: State) -> list[ModuleScope] | None:
        """`import a.b.c` runs `a`, then `a.b`, then `a.b.c`; each is an attribute of its
        parent package."""
        parts = dotted.split(".")
        ref = self.loader.find(importer, parts[0], 0)
        if ref is None:
            return None
        scopes = [self.load(ref, state)]
        for part in parts[1:]:
            sub = self.loader.submodule(ref, part)
            if sub is None:
                break
            child = self.load(sub, state)  # `a.b` then finds it as a submodule of `a`
            scopes.append(child)
            ref = sub
        return scopes

    def _load_with_parents(
        self, importer: str, ref: ModuleRef, stmt: ast.ImportFrom, state: State
    ) -> ModuleScope:
        """`from a.b import x` runs `a` before `a.b`: a package's `__init__` may matter."""
        if stmt.level == 0 and stmt.module and "." in stmt.module:
            self._chain(importer, stmt.module, state)
        return self.load(ref, state)

    def _member(self, scope: ModuleScope, name: str, state: State) -> Value | None:
        if name in scope.env:
            return scope.env[name]  # type: ignore[return-value]
        if scope.ref is not None and scope.ref.is_package:
            sub = self.loader.submodule(scope.ref, name)
            if sub is not None:
                return ModuleNsVal(self.load(sub, state))
        return None

    def _star(self, scope: ModuleScope, state: State) -> None:
        for name in scope.public_names():
            value = self._member(scope, name, state)
            if value is not None:
                state.env[name] = value
            elif name in scope.imports.names:
                self.interp.imports.bind(name, canonical(scope.imports.names[name]))
        if scope.imports.uses_torch:
            self.interp.imports.uses_torch = True

    def load(self, ref: ModuleRef, state: State) -> ModuleScope:
        """The module's scope; its top level runs on the first call (once per analysis), or
        is taken from the modules kept from earlier analyses while nothing it read changed."""
        key = ref.path or f"<namespace {ref.name}>"
        for loading in self._loading:
            loading.add(key)  # what an importing module's top level read
        found = self.scopes.get(key)
        if found is not None:
            return found  # loaded, or still loading: a circular import sees what it has
        kept = self._kept(key, state)
        if kept is not None:
            return kept
        text = self.loader.read(ref.path) if ref.path else None
        parsed = parse_module(ref.path, text) if ref.path and text is not None else None
        if parsed is None:
            scope = ModuleScope(
                ref, ref.path or key, None, SourceMap([], ref.path or key), _no_imports()
            )
            scope.loaded = True
            self.scopes[key] = scope
            return scope
        assert ref.path is not None and text is not None
        src = SourceMap(parsed.lines, ref.path, registry=self.interp.main_scope.src.registry)
        scope = ModuleScope(
            ref,
            ref.path,
            parsed.tree,
            src,
            parsed.imports.copy(),
            text_key=content_key(text),
        )
        self.scopes[key] = scope
        self._run_and_keep(key, scope, state)
        return scope

    # ------------------------------------------------------------------ kept modules

    def _text_key(self, key: str) -> str | None:
        """What identifies the module's text in this analysis (its loader's stamp)."""
        if key not in self._text_keys:
            self._text_keys[key] = (
                "namespace" if key.startswith("<namespace") else self.loader.stamp(key)
            )
        return self._text_keys[key]

    def _kept(self, key: str, state: State) -> ModuleScope | None:
        cache = module_cache()
        if key not in cache.entries or not self._valid(key, set()):
            return None
        if cache.batch:
            cache.confirmed.add(key)  # it and everything it read (transitively) are unchanged
        cache.hits += 1
        self._adopt_all(key, state)
        return self.scopes[key]

    def _valid(self, key: str, seen: set[str]) -> bool:
        """Kept, and neither its text nor that of any module it read (transitively) changed."""
        if key in self._validity:
            return self._validity[key]
        if key.startswith("<namespace"):
            return True  # no text of its own: what it holds is read as modules of their own
        cache = module_cache()
        entry = cache.entries.get(key)
        if entry is not None and cache.batch and key in cache.confirmed:
            return True  # it and what it read were found unchanged earlier in this batch
        seen.add(key)
        ok = (
            entry is not None
            and self._text_key(key) == entry.text_key
            and all(d in seen or self._valid(d, seen) for d in entry.deps)
        )
        self._validity[key] = ok
        return ok

    def _adopt_all(self, key: str, state: State, replays: list[Replay] | None = None) -> None:
        """The kept module and what it read, what it read first (their globals put back as
        their top levels left them, the sites they allocated at marked allocated), then the
        registrations they made in them."""
        entry = module_cache().entries.get(key)
        if entry is None:
            return  # a namespace package (never kept): loaded afresh if imported again
        outermost = replays is None
        pending: list[Replay] = [] if replays is None else replays
        self.scopes[key] = entry.scope  # a cycle back to it stops here
        for dep in entry.deps:
            if dep not in self.scopes:
                self._adopt_all(dep, state, pending)
        self._adopt(key, entry.scope)
        if not entry.allocated <= state.allocated:
            state.own_allocated().update(entry.allocated)
        pending.extend(entry.replays)
        if outermost:
            self._replay(pending)

    def _replay(self, replays: list[Replay]) -> None:
        """Registrations (`REGISTRY[name] = cls`) in program order, each registry rebuilt once:
        a registry of 1,500 models re-registered one by one is quadratic on every reuse."""
        built: dict[tuple[str, str], dict[object, object] | None] = {}
        for target_key, name, dict_key, value in replays:
            target = self.scopes.get(target_key)
            if target is None:
                continue
            slot = (target_key, name)
            if slot not in built:
                current = target.env.get(name)
                built[slot] = dict(current.items) if isinstance(current, DictVal) else None
            items = built[slot]
            if items is None:
                continue  # not a dict (or no longer one): nothing to register into
            if dict_key is not UNKNOWN:
                try:
                    items.pop(dict_key, None)  # re-registered: moves to the end, as in the code
                    items[dict_key] = value
                    continue
                except TypeError:  # a key that cannot be hashed
                    pass
            built[slot] = None  # a key we could not tell: any entry may now be anything
            target.env[name] = UNKNOWN
        for (target_key, name), items in built.items():
            target = self.scopes[target_key]
            if items is not None:
                target.env[name] = DictVal(tuple(items.items()))  # type: ignore[arg-type]
            module_cache().rebound(target.env)

    def _adopt(self, key: str, scope: ModuleScope) -> None:
        """A kept module joins this analysis: its globals as its top level left them,
        measured against this analysis's sources."""
        module_cache().restore(key)
        if scope.tree is not None:
            scope.src = SourceMap(
                scope.src.lines, scope.path, registry=self.interp.main_scope.src.registry
            )
            self.interp.register_source(scope)
        self.scopes[key] = scope

    def _run_and_keep(self, key: str, scope: ModuleScope, state: State) -> None:
        cache = module_cache()
        cache.misses += 1
        before = self.interp.effects(state)
        allocated_before = set(state.allocated)
        registered = len(self.interp.registrations)
        written = len(self.interp.attr_writes)
        first_serial = next_serial()
        read: set[str] = set()
        self._loading.append(read)
        self._loading_keys.append(key)
        try:
            self.interp.run_module(scope, state)
        finally:
            self._loading.pop()
            self._loading_keys.pop()
        # what it read must still be kept (and unchanged) when it is reused: a package it is
        # part of, still running now, is checked then
        read.discard(key)
        if self.interp.effects(state) != before or (text_key := self._text_key(key)) is None:
            return
        if any(serial < first_serial for serial in self.interp.attr_writes[written:]):
            return  # it set attributes of an object made before it ran
        owners = {id(s.env): k for k, s in self.scopes.items()}
        replays = []
        for env, name, dict_key, value in self.interp.registrations[registered:]:
            owner = owners.get(id(env))
            if owner is None:
                return  # into a dict we cannot name: run it each time
            if owner != key:  # into its own globals: kept with them (its bindings)
                replays.append((owner, name, dict_key, value))
        kept = KeptModule(scope, text_key, tuple(sorted(read)), first_serial, next_serial())
        kept.replays = tuple(replays)
        kept.allocated = frozenset(state.allocated - allocated_before)
        cache.keep(key, kept)


def _no_imports() -> ImportMap:
    return ImportMap(ast.Module(body=[], type_ignores=[]))
