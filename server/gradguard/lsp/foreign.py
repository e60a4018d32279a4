"""Other files of the project, as seen when one document's analysis names places in them
(the op that saved a tensor in `models/net.py`, a finding in `utils.py`, a fix's edit there):
their URI (an open document's own, else the file's), version (open documents only) and line
text (the open document's unsaved text, else the disk's), for positions in the client's
encoding."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.parsing import decode_source
from ..uris import path_to_uri
from .positions import split_lines


@dataclass(frozen=True)
class OpenFile:
    uri: str
    version: int | None
    text: str


@dataclass
class ForeignFiles:
    open_files: dict[str, OpenFile] = field(default_factory=dict)  # by absolute path
    _lines: dict[str, list[str] | None] = field(default_factory=dict, repr=False)

    def uri(self, path: str) -> str:
        found = self.open_files.get(os.path.abspath(path))
        return found.uri if found is not None else path_to_uri(os.path.abspath(path))

    def version(self, path: str) -> int | None:
        found = self.open_files.get(os.path.abspath(path))
        return found.version if found is not None else None

    def is_open(self, path: str) -> bool:
        return os.path.abspath(path) in self.open_files

    def lines(self, path: str) -> list[str] | None:
        path = os.path.abspath(path)
        if path not in self._lines:
            found = self.open_files.get(path)
            if found is not None:
                self._lines[path] = split_lines(found.text)
            else:
                try:
                    self._lines[path] = split_lines(decode_source(Path(path).read_bytes())[0])
                except OSError:
                    self._lines[path] = None
        return self._lines[path]
