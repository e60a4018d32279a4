"""File paths <-> the URIs editors send, the same on every OS, as VS Code writes them.

VS Code (vscode-uri) writes a Windows path `C:\\Users\\me\\a b.py` as `file:///c%3A/Users/me/a%20b.py`
(drive letter lower-cased, its colon encoded), a UNC path `\\\\server\\share\\x.py` as
`file://server/share/x.py`, and a notebook cell as `vscode-notebook-cell:` + the notebook's
path + `#` + the cell's fragment. Diagnostics must go back under the URI the editor knows, so
both directions follow its rules exactly; `windows` says which path syntax (it defaults to the
running OS, and tests pass it explicitly).
"""

from __future__ import annotations

import re
import sys
from urllib.parse import quote, unquote, urlsplit

ON_WINDOWS = sys.platform == "win32"
NOTEBOOK_CELL_SCHEME = "vscode-notebook-cell"
_DRIVE_PATH = re.compile(r"^/[A-Za-z]:")  # /c: at the start of a URI's path


def uri_to_path(uri: str, windows: bool = ON_WINDOWS) -> str | None:
    """The file a `file:` URI names (for a notebook cell's URI: its notebook's), or None."""
    split = split_cell_uri(uri, windows)
    if split is not None:
        return split[0]
    try:
        parts = urlsplit(uri)
    except ValueError:
        return None
    if parts.scheme != "file":
        return None
    return _to_path(unquote(parts.netloc), unquote(parts.path), windows)


def path_to_uri(path: str, windows: bool = ON_WINDOWS) -> str:
    """The `file:` URI VS Code uses for `path` (an absolute path)."""
    return "file:" + _encode(path, windows, always_slashes=True)


def split_cell_uri(uri: str, windows: bool = ON_WINDOWS) -> tuple[str, str] | None:
    """A notebook cell's URI as (the notebook's path, the cell's fragment as sent), or None."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return None
    if parts.scheme != NOTEBOOK_CELL_SCHEME:
        return None
    path = _to_path(unquote(parts.netloc), unquote(parts.path), windows)
    return (path, parts.fragment) if path is not None else None


def cell_uri(notebook_path: str, fragment: str, windows: bool = ON_WINDOWS) -> str:
    """The URI of the cell `fragment` (as `split_cell_uri` returns it) of a notebook."""
    encoded = _encode(notebook_path, windows, always_slashes=False)
    return f"{NOTEBOOK_CELL_SCHEME}:{encoded}#{fragment}"


def _to_path(authority: str, path: str, windows: bool) -> str | None:
    if not path:
        return None
    if authority and len(path) > 1:
        value = f"//{authority}{path}"  # UNC: \\server\share\...
    elif _DRIVE_PATH.match(path):
        value = path[1].lower() + path[2:]
    else:
        value = path
    return value.replace("/", "\\") if windows else value


def _encode(path: str, windows: bool, always_slashes: bool) -> str:
    """`//authority/path`, percent-encoded as vscode-uri does (`//` before an empty
    authority only for `file:`)."""
    if windows:
        path = path.replace("\\", "/")
    authority = ""
    if path.startswith("//"):
        end = path.find("/", 2)
        authority, path = (path[2:], "/") if end == -1 else (path[2:end], path[end:])
    if not path.startswith("/"):
        path = "/" + path
    if _DRIVE_PATH.match(path):
        path = path[0] + path[1].lower() + path[2:]
    encoded = quote(path, safe="/")
    if authority or always_slashes:
        return f"//{quote(authority.lower(), safe='[]:')}{encoded}"
    return encoded
