"""The gradguard language server: editor integration over LSP (pygls 2).

It holds no analysis logic: documents are turned into source text and handed to
`gradguard.analysis.check_source` in worker processes; findings come back as diagnostics, code
actions and hovers. Importing this package does not import pygls, so the analysis workers stay
light.
"""
