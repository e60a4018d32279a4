"""File paths <-> editor URIs on every OS (`gradguard.uris`): Windows drive letters and UNC
shares as VS Code sends them, POSIX paths, notebook cell URIs; both directions, exactly."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest
from gradguard.uris import cell_uri, path_to_uri, split_cell_uri, uri_to_path

# (the path, the URI VS Code writes for it: vscode-uri's URI.file(path).toString())
WINDOWS = [
    (r"c:\Users\me\proj\train.py", "file:///c%3A/Users/me/proj/train.py"),
    (r"d:\My Projects\gan (v2)\step#1.py", "file:///d%3A/My%20Projects/gan%20%28v2%29/step%231.py"),
    (r"c:\Users\Zoë\模型\net.py", "file:///c%3A/Users/Zo%C3%AB/%E6%A8%A1%E5%9E%8B/net.py"),
    (r"\\server\share\proj\train.py", "file://server/share/proj/train.py"),
    (r"\\fs01\Team Share\x.py", "file://fs01/Team%20Share/x.py"),
]
POSIX = [
    ("/home/me/proj/train.py", "file:///home/me/proj/train.py"),
    ("/home/me/a b/c%d.py", "file:///home/me/a%20b/c%25d.py"),
    ("/tmp/back\\slash.py", "file:///tmp/back%5Cslash.py"),  # a valid POSIX file name
    ("/home/me/ünï/x.py", "file:///home/me/%C3%BCn%C3%AF/x.py"),
]


@pytest.mark.parametrize(("path", "uri"), WINDOWS)
def test_windows_paths_and_uris_round_trip(path: str, uri: str) -> None:
    assert path_to_uri(path, windows=True) == uri
    assert uri_to_path(uri, windows=True) == path
    assert path_to_uri(uri_to_path(uri, windows=True) or "", windows=True) == uri


@pytest.mark.parametrize(
    "path",
    [r"C:\Users\Me\Train.py", r"\\SERVER\Share\dir\f.py", "C:/mixed/slashes\\f.py", "E:\\"],
)
def test_windows_path_round_trip_is_the_same_file(path: str) -> None:
    """Windows compares drive letters and server names without case, as PureWindowsPath does;
    VS Code writes them lower-case."""
    back = uri_to_path(path_to_uri(path, windows=True), windows=True)
    assert back is not None and PureWindowsPath(back) == PureWindowsPath(path)


def test_windows_uris_in_other_spellings() -> None:
    """What other clients send: an upper-case drive, an unencoded colon."""
    for uri in (
        "file:///C:/Users/me/x.py",
        "file:///c:/Users/me/x.py",
        "file:///C%3A/Users/me/x.py",
    ):
        assert uri_to_path(uri, windows=True) == r"c:\Users\me\x.py"
        assert path_to_uri(r"c:\Users\me\x.py", windows=True) == "file:///c%3A/Users/me/x.py"


@pytest.mark.parametrize(("path", "uri"), POSIX)
def test_posix_paths_and_uris_round_trip(path: str, uri: str) -> None:
    assert path_to_uri(path, windows=False) == uri
    assert uri_to_path(uri, windows=False) == path
    assert PurePosixPath(path).as_uri() == uri  # what pathlib writes too


@pytest.mark.parametrize(
    ("cell", "notebook", "windows"),
    [
        (
            "vscode-notebook-cell:/c%3A/Users/me/nb%20one.ipynb#W0sZmlsZQ%3D%3D",
            r"c:\Users\me\nb one.ipynb",
            True,
        ),
        (
            "vscode-notebook-cell://server/share/nb.ipynb#W1sZmlsZQ%3D%3D",
            r"\\server\share\nb.ipynb",
            True,
        ),
        ("vscode-notebook-cell:/home/me/nb.ipynb#W2sZmlsZQ%3D%3D", "/home/me/nb.ipynb", False),
    ],
)
def test_notebook_cell_uris_round_trip(cell: str, notebook: str, windows: bool) -> None:
    split = split_cell_uri(cell, windows=windows)
    assert split is not None
    path, fragment = split
    assert path == notebook and uri_to_path(cell, windows=windows) == notebook
    assert cell_uri(path, fragment, windows=windows) == cell


def test_what_is_not_a_file() -> None:
    for uri in ("untitled:Untitled-1", "https://example.com/x.py", "file:", "not a uri", ""):
        assert uri_to_path(uri, windows=True) is None
        assert uri_to_path(uri, windows=False) is None
    assert split_cell_uri("file:///home/me/x.py") is None


def test_the_language_server_uses_them() -> None:
    """The server maps a cell's URI to its notebook, and names other files as VS Code does."""
    from gradguard.lsp.documents import fs_path_of
    from gradguard.lsp.foreign import ForeignFiles

    cell = "vscode-notebook-cell:/home/me/a%20b/nb.ipynb#W0sZmlsZQ%3D%3D"
    assert str(fs_path_of(cell)) == "/home/me/a b/nb.ipynb"
    assert fs_path_of("untitled:Untitled-1") is None
    assert ForeignFiles().uri("/home/me/a b/x.py") == path_to_uri("/home/me/a b/x.py")
