"""Pure static analysis: source text -> findings with fixes. No LSP and no torch imports."""

from .checker import check_bytes, check_source
from .findings import Finding, Fix, Related, Report, Severity, Span, TextEdit

__all__ = [
    "Finding",
    "Fix",
    "Related",
    "Report",
    "Severity",
    "Span",
    "TextEdit",
    "check_bytes",
    "check_source",
]
