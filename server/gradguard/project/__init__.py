"""The user's project on disk: where its root is, which directories hold its top-level
modules, and how an import statement finds a module file (`ProjectModules`, the file-system
`ModuleLoader` of the analysis)."""

from .loader import loader_for
from .resolver import ProjectModules
from .roots import find_project_root, source_roots

__all__ = ["ProjectModules", "find_project_root", "loader_for", "source_roots"]
