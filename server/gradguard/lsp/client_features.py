"""The few client capabilities the server acts on, read once at initialize.

Optional LSP fields (related information, rule links, `data`, versions) are only sent to clients
that said they understand them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types


@dataclass(frozen=True)
class ClientFeatures:
    related_information: bool = True
    code_description: bool = True
    diagnostic_data: bool = True
    versioned_diagnostics: bool = True
    document_changes: bool = True
    markdown_hover: bool = True
    pull_configuration: bool = False
    work_done_progress: bool = False
    watched_files_registration: bool = False  # workspace/didChangeWatchedFiles, dynamically

    @classmethod
    def from_capabilities(cls, capabilities: types.ClientCapabilities) -> ClientFeatures:
        text = capabilities.text_document
        publish = text.publish_diagnostics if text else None
        hover = text.hover if text else None
        workspace = capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        return cls(
            related_information=bool(publish and publish.related_information),
            code_description=bool(publish and publish.code_description_support),
            diagnostic_data=bool(publish and publish.data_support),
            versioned_diagnostics=bool(publish and publish.version_support),
            document_changes=bool(edit and edit.document_changes),
            markdown_hover=bool(
                hover and hover.content_format and types.MarkupKind.Markdown in hover.content_format
            ),
            pull_configuration=bool(workspace and workspace.configuration),
            work_done_progress=bool(capabilities.window and capabilities.window.work_done_progress),
            watched_files_registration=bool(
                workspace
                and workspace.did_change_watched_files
                and workspace.did_change_watched_files.dynamic_registration
            ),
        )
