"""Files that are not open but import an open document: analysed in the background so that
the hazards their calls cause in the open document are shown there (opening `utils.py`
shows what `train.py`'s call does to it). Which files those are comes from each workspace
folder's import index (a cheap import-only scan, built once in the background and updated
when files change)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..analysis.parsing import decode_source
from ..project.index import WorkspaceIndex
from ..uris import path_to_uri
from .positions import split_lines
from .snapshot import Segment, Snapshot

logger = logging.getLogger(__name__)

PREFIX = "gradguard-importer:"  # the analysis unit of a file that is not open
MAX_IMPORTERS = 8  # per open document, nearest first


def is_importer_unit(key: str) -> bool:
    return key.startswith(PREFIX)


class ImporterUnits:
    def __init__(self) -> None:
        self.indexes: dict[str, WorkspaceIndex] = {}  # by workspace folder
        self._for: dict[str, set[str]] = {}  # open unit -> the importer units run for it

    def build(self, roots: list[str], max_files: int = 5000) -> list[str]:
        """Index each workspace folder (blocking: run it off the event loop); returns what
        to log (folders too large to index completely)."""
        notes = []
        for root in roots:
            index = WorkspaceIndex(Path(root), max_files=max_files).build()
            self.indexes[root] = index
            if index.truncated:
                notes.append(
                    f"gradguard: workspace folder {root} has more than {max_files} Python "
                    f"files; the import index covers the first {index.files}: hazards caused "
                    f"by files past them show once those files are opened"
                )
        return notes

    def file_changed(self, path: str) -> None:
        for root, index in self.indexes.items():
            if os.path.abspath(path).startswith(root.rstrip(os.sep) + os.sep):
                index.update(os.path.abspath(path))

    def units_for(self, key: str, path: Path | None, open_paths: set[str]) -> list[str]:
        """The importer units to analyse for an open unit (files importing it, not open)."""
        if path is None:
            return []
        found: list[str] = []
        for index in self.indexes.values():
            for importer in index.importers_of(str(path)):
                if importer not in open_paths and importer not in found:
                    found.append(importer)
        units = [PREFIX + p for p in found[:MAX_IMPORTERS]]
        self._for[key] = set(units)
        return units

    def release(self, key: str) -> list[str]:
        """The open unit closed: its importer units that no other open unit needs."""
        mine = self._for.pop(key, set())
        still = set().union(*self._for.values()) if self._for else set()
        return sorted(mine - still)

    @staticmethod
    def snapshot(key: str) -> Snapshot | None:
        """What an importer unit is analysed on: the file's text on disk."""
        path = key[len(PREFIX) :]
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        text, _ = decode_source(data)
        segment = Segment(path_to_uri(path), None, 0, len(split_lines(text)))
        return Snapshot(key, path, Path(path), text, (segment,), ("disk", hash(text)))
