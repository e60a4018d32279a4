"""Find the file an import statement means, as Python would in script mode, without running
anything: `sys.path[0]` is the checked script's own directory, then the project's import
roots; a regular package is a directory with `__init__.py` (its submodules live there), a
directory without one is a portion of a namespace package (PEP 420: all portions found on
the path merge, and a regular package or module anywhere on the path wins over them).
Relative imports resolve against the importing file's directory. As pyright does, an absolute
import that nothing else resolves is tried relative to the importing file's directory.

Open documents' unsaved text is read before the disk (`overlay`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..analysis.modules import ModuleRef, content_key
from ..analysis.parsing import decode_source

# directories that never hold the project's own code
SKIPPED_DIRS = frozenset(
    {"site-packages", "dist-packages", "node_modules", "__pycache__", ".git", ".venv", "venv"}
)
MAX_MODULE_BYTES = 2_000_000
_STDLIB = frozenset(sys.stdlib_module_names)


class ProjectModules:
    """The `ModuleLoader` of one checked file: its directory, then the project roots."""

    def __init__(
        self,
        entry: str | Path,
        roots: list[Path],
        overlay: Mapping[str, str] | None = None,
        root: Path | None = None,
    ) -> None:
        self.root = str(root) if root is not None else None  # the project root (for jedi)
        entry_dir = Path(os.path.abspath(entry)).parent
        self.path_dirs: list[str] = []
        for folder in (entry_dir, *roots):
            text = os.path.abspath(folder)
            if text not in self.path_dirs:
                self.path_dirs.append(text)
        self.overlay = {os.path.abspath(k): v for k, v in (overlay or {}).items()}
        self._listing: dict[str, frozenset[str]] = {}
        self._found: dict[tuple[tuple[str, ...], str], ModuleRef | None] = {}

    # ---------------------------------------------------------------- ModuleLoader

    def find(self, importer: str, name: str, level: int) -> ModuleRef | None:
        parts = [p for p in name.split(".") if p] if name else []
        if level > 0:
            base = Path(os.path.abspath(importer)).parent
            for _ in range(level - 1):
                base = base.parent
            package = self._package_at(str(base))
            return self._descend(package, parts) if parts else package
        if not parts:
            return None
        if parts[0] in _STDLIB:
            # Python finds the standard library before everything but the script's own
            # directory (`import typing` in `timm/layers/typing.py` is the stdlib's)
            ref = self._lookup(tuple(self.path_dirs[:1]), parts[0], parts[0])
            return self._descend(ref, parts[1:]) if ref is not None else None
        ref = self._lookup(tuple(self.path_dirs), parts[0], parts[0])
        if ref is None and importer and os.path.isabs(importer):
            own = os.path.dirname(os.path.abspath(importer))
            if own not in self.path_dirs:
                ref = self._lookup((own,), parts[0], parts[0])
        return self._descend(ref, parts[1:]) if ref is not None else None

    def locate(self, importer: str, path: str) -> ModuleRef | None:
        if not path.endswith(".py"):
            return None
        bases = [self.root] if self.root else []
        if importer and os.path.isabs(importer):
            bases.append(os.path.dirname(importer))
        bases.extend(self.path_dirs)
        candidates = [path] if os.path.isabs(path) else [os.path.join(b, path) for b in bases]
        for candidate in candidates:
            full = os.path.normpath(os.path.abspath(candidate))
            if full in self.overlay or os.path.isfile(full):
                name = os.path.splitext(os.path.basename(full))[0]
                return ModuleRef(f"<file {name}>", full)
        return None

    def submodule(self, package: ModuleRef, name: str) -> ModuleRef | None:
        if not package.dirs:
            return None
        return self._lookup(package.dirs, name, f"{package.name}.{name}")

    def stamp(self, path: str) -> str | None:
        path = os.path.abspath(path)
        if path in self.overlay:
            return "text:" + content_key(self.overlay[path])
        try:
            info = os.stat(path)
        except OSError:
            return None
        return f"disk:{info.st_mtime_ns}:{info.st_size}"

    def read(self, path: str) -> str | None:
        path = os.path.abspath(path)
        if path in self.overlay:
            return self.overlay[path]
        try:
            if os.path.getsize(path) > MAX_MODULE_BYTES:
                return None
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return decode_source(data)[0]

    # ---------------------------------------------------------------- search

    def _descend(self, ref: ModuleRef | None, parts: list[str]) -> ModuleRef | None:
        for part in parts:
            if ref is None:
                return None
            ref = self.submodule(ref, part)
        return ref

    def _package_at(self, folder: str) -> ModuleRef:
        """The package a relative import's dots lead to (a namespace if no `__init__.py`)."""
        name = os.path.basename(folder)
        init = os.path.join(folder, "__init__.py")
        if "__init__.py" in self._names(folder):
            return ModuleRef(name, init, (folder,))
        return ModuleRef(name, None, (folder,))

    def _lookup(self, dirs: tuple[str, ...], name: str, dotted: str) -> ModuleRef | None:
        key = (dirs, name)
        if key in self._found:
            return self._found[key]
        portions: list[str] = []
        found: ModuleRef | None = None
        for folder in dirs:
            names = self._names(folder)
            if name in names and name not in SKIPPED_DIRS:
                package = os.path.join(folder, name)
                if "__init__.py" in self._names(package):
                    found = ModuleRef(dotted, os.path.join(package, "__init__.py"), (package,))
                    break
            if f"{name}.py" in names:
                found = ModuleRef(dotted, os.path.join(folder, f"{name}.py"))
                break
            if name in names and name not in SKIPPED_DIRS:
                package = os.path.join(folder, name)
                if os.path.isdir(package) and self._has_python(package):
                    portions.append(package)
        if found is None and portions:
            found = ModuleRef(dotted, None, tuple(portions))
        self._found[key] = found
        return found

    def _names(self, folder: str) -> frozenset[str]:
        """A directory's entries (listed once per loader), with unsaved new files."""
        names = self._listing.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(folder))
            except OSError:
                names = frozenset()
            extra = {os.path.basename(p) for p in self.overlay if os.path.dirname(p) == folder}
            names = names | extra
            self._listing[folder] = names
        return names

    def _has_python(self, folder: str) -> bool:
        """A namespace portion holds Python code (not a data or docs directory)."""
        return any(
            n.endswith(".py") or os.path.isdir(os.path.join(folder, n)) for n in self._names(folder)
        )
