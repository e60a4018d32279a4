"""The autograd story drawn as an SVG timeline: one lane per tensor, one column per event in
program order, a mark per event (its kind's shape) with its place and version, and the failing
read highlighted (an arrow from the reader back to what it reads).

Standard library only, no network. Colours are CSS custom properties with fallbacks
(`var(--vscode-editor-foreground, #1f2328)`): inside a VS Code webview the editor's theme
applies, and `theme` picks the fallback palette for a file opened on its own.

Structure clients rely on (README "Autograd story"): the root is `<svg class="gg-story">`;
each event is `<g class="gg-event" data-uri=... data-line=... data-kind=... data-index=...>`
holding a `<title>` and its text; the failing event's group and the failing edge also have
the class `gg-fail`; the finding's own event has `gg-focus`.
"""

from __future__ import annotations

from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from .analysis.story import Locate, Story, StoryEvent

Theme = Literal["light", "dark"]

# (CSS custom property, light fallback, dark fallback)
_PALETTE: dict[str, tuple[str, str, str]] = {
    "fg": ("--vscode-editor-foreground", "#1f2328", "#d4d4d4"),
    "bg": ("--vscode-editor-background", "#ffffff", "#1e1e1e"),
    "muted": ("--vscode-descriptionForeground", "#59636e", "#a0a0a0"),
    "lane": ("--vscode-editorLineNumber-foreground", "#c8ccd1", "#5a5a5a"),
    "fail": ("--vscode-errorForeground", "#cf222e", "#f48771"),
    "create": ("--vscode-charts-green", "#1a7f37", "#89d185"),
    "save": ("--vscode-charts-blue", "#0969da", "#75beff"),
    "write": ("--vscode-charts-orange", "#bc4c00", "#f0a35e"),
    "view": ("--vscode-charts-purple", "#8250df", "#d2a8ff"),
    "focus": ("--vscode-editor-findMatchHighlightBackground", "#fff8c5", "#515c6a"),
}

_KIND_COLOUR = {
    "create": "create",
    "save": "save",
    "write": "write",
    "silent_write": "write",
    "view": "view",
    "use": "view",
    "call": "muted",
    "backward": "fg",
    "return": "fg",
    "rebind": "write",
}

# the word under each mark (the whole label is the event's <title>)
_SHORT = {
    "create": "created",
    "view": "viewed",
    "save": "saved for backward",
    "write": "written in place",
    "silent_write": "written, unseen",
    "call": "call",
    "use": "used",
    "backward": "backward reads",
    "return": "returned",
    "rebind": "rebound",
}

LANE_LABEL_W = 190
COL_W = 170
TOP = 120
LANE_H = 96
MARK_R = 9


def _colour(name: str, theme: Theme) -> str:
    prop, light, dark = _PALETTE[name]
    return f"var({prop}, {light if theme == 'light' else dark})"


def _style(theme: Theme) -> str:
    c = {name: _colour(name, theme) for name in _PALETTE}
    kinds = "\n".join(
        f"  .gg-kind-{kind} .gg-mark {{ fill: {c[colour]}; stroke: {c[colour]}; }}"
        for kind, colour in _KIND_COLOUR.items()
    )
    return f"""
  .gg-story {{ font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas,
    monospace); font-size: 12px; }}
  .gg-bg {{ fill: {c["bg"]}; }}
  .gg-text {{ fill: {c["fg"]}; }}
  .gg-muted {{ fill: {c["muted"]}; }}
  .gg-title {{ fill: {c["fg"]}; font-size: 14px; font-weight: 600; }}
  .gg-lane {{ stroke: {c["lane"]}; stroke-width: 2; }}
  .gg-version {{ fill: {c["fg"]}; font-weight: 600; }}
  .gg-event {{ cursor: pointer; }}
  .gg-event .gg-hit {{ fill: transparent; }}
  .gg-event.gg-focus .gg-hit {{ fill: {c["focus"]}; }}
{kinds}
  .gg-kind-create .gg-mark, .gg-kind-view .gg-mark {{ fill: {c["bg"]}; stroke-width: 2.5; }}
  .gg-kind-silent_write .gg-mark {{ fill: {c["bg"]}; stroke-dasharray: 3 2; stroke-width: 2; }}
  .gg-event.gg-fail .gg-mark {{ fill: {c["fail"]}; stroke: {c["fail"]}; }}
  .gg-event.gg-fail .gg-label {{ fill: {c["fail"]}; font-weight: 600; }}
  path.gg-edge {{ fill: none; stroke: {c["muted"]}; stroke-width: 1.5; }}
  path.gg-edge.gg-fail {{ stroke: {c["fail"]}; stroke-width: 2; stroke-dasharray: 6 4; }}
  .gg-arrow {{ fill: {c["fail"]}; }}
  .gg-failure {{ fill: {c["fail"]}; }}
  .gg-silent .gg-failure {{ fill: {c["write"]}; }}
"""


def _mark(kind: str, x: float, y: float) -> str:
    """A shape per kind: save a square, writes a diamond, backward a triangle, rebind a cross,
    others a circle."""
    r = MARK_R
    if kind == "save":
        return f'<rect class="gg-mark" x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}"/>'
    if kind in ("write", "silent_write"):
        points = f"{x},{y - r - 2} {x + r + 2},{y} {x},{y + r + 2} {x - r - 2},{y}"
        return f'<polygon class="gg-mark" points="{points}"/>'
    if kind in ("backward", "return"):
        points = f"{x - r},{y - r} {x + r + 2},{y} {x - r},{y + r}"
        return f'<polygon class="gg-mark" points="{points}"/>'
    if kind == "rebind":
        d = f"M{x - r},{y - r} L{x + r},{y + r} M{x + r},{y - r} L{x - r},{y + r}"
        return f'<path class="gg-mark" d="{d}" stroke-width="3"/>'
    radius = r - 3 if kind in ("call", "use") else r
    return f'<circle class="gg-mark" cx="{x}" cy="{y}" r="{radius}"/>'


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _text(x: float, y: float, text: str, cls: str, anchor: str = "middle") -> str:
    return f'<text class="{cls}" x="{x}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'


def _version(event: StoryEvent) -> str:
    if event.version is None:
        return ""
    if event.found is not None and event.found != event.version:
        return f"needs v{event.version}, finds v{event.found}"
    if event.kind in ("write",):
        return f"-> v{event.version}"
    if event.kind == "silent_write":
        return f"v{event.version} (unchanged)"
    return f"v{event.version}"


def story_svg(story: Story, locate: Locate, theme: Theme = "light") -> str:
    """The picture of `story`; `locate` gives each event's document and 0-based line."""
    lanes = {t.id: i for i, t in enumerate(story.tensors)}
    columns = max(len(story.events), 1)
    width = max(LANE_LABEL_W + columns * COL_W + 20, 40 + 9 * len(story.title))
    lanes_h = max(len(story.tensors), 1) * LANE_H
    failure = _wrap(story.failure, max(60, (width - 40) // 7))
    height = TOP + lanes_h + 30 + 16 * len(failure) + 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gg-story gg-{story.outcome}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label={quoteattr(story.title)} data-code="{story.code}" '
        f'data-facts="{story.facts}">',
        f"<style>{_style(theme)}</style>",
        '<defs><marker id="gg-arrowhead" markerWidth="10" markerHeight="8" refX="9" refY="4" '
        'orient="auto"><path class="gg-arrow" d="M0,0 L10,4 L0,8 z"/></marker></defs>',
        f'<rect class="gg-bg" x="0" y="0" width="{width}" height="{height}"/>',
        _text(16, 24, story.title, "gg-title", "start"),
    ]
    subtitle = (
        "from the analysis" if story.facts == "static" else "versions and shapes from the run"
    )
    if story.run is not None:
        label = f" ({story.run.label})" if story.run.label else ""
        subtitle += f"; run{label}: {story.run.verdict.replace('_', ' ')}"
    out.append(_text(16, 44, subtitle, "gg-muted", "start"))

    def lane_y(tensor: str) -> float:
        return TOP + LANE_H * lanes.get(tensor, 0) + LANE_H / 2

    def event_x(index: int) -> float:
        return LANE_LABEL_W + index * COL_W + COL_W / 2

    for t in story.tensors:
        y = lane_y(t.id)
        out.append(
            f'<g class="gg-tensor" data-tensor="{t.id}" data-role={quoteattr(t.role)}>'
            f'<line class="gg-lane" x1="{LANE_LABEL_W - 10}" y1="{y}" x2="{width - 20}" y2="{y}"/>'
        )
        out.append(_text(16, y - 4, t.name, "gg-text", "start"))
        facts = [t.note] if t.note else []
        if t.dtype or t.shape is not None:
            shape = "[" + ", ".join(str(n) for n in t.shape) + "]" if t.shape is not None else ""
            facts.append(f"{(t.dtype or '').replace('torch.', '')} {shape}".strip())
        for k, fact in enumerate(facts[:2]):
            out.append(_text(16, y + 12 + 13 * k, fact[:28], "gg-muted", "start"))
        out.append("</g>")

    if story.edge is not None:
        reader, read = story.edge
        if 0 <= reader < len(story.events) and 0 <= read < len(story.events):
            a, b = story.events[reader], story.events[read]
            x1, y1 = event_x(reader), lane_y(a.tensor) - 38
            x2, y2 = event_x(read), lane_y(b.tensor) - 38
            lift = 26 + 4 * abs(reader - read)
            top = min(y1, y2) - lift
            cls = "gg-edge gg-fail" if a.fails or b.fails else "gg-edge"
            label = "reads" if not _version(a) else _version(a)
            out.append(
                f'<g class="{cls}" data-from="{reader}" data-to="{read}">'
                f"<title>{escape(a.label)}</title>"
                f'<path class="{cls}" d="M{x1},{y1} C{x1},{top} {x2},{top} '
                f'{x2},{y2}" marker-end="url(#gg-arrowhead)"/>'
                + _text((x1 + x2) / 2, min(y1, y2) - 0.75 * lift - 6, label, "gg-failure")
                + "</g>"
            )

    for index, event in enumerate(story.events):
        place = locate(event)
        x, y = event_x(index), lane_y(event.tensor)
        classes = ["gg-event", f"gg-kind-{event.kind}"]
        if event.fails:
            classes.append("gg-fail")
        if event.focus:
            classes.append("gg-focus")
        tip = f"{place.where}: {event.code}\n{event.label}" if event.code else event.label
        parts = [
            f'<g class="{" ".join(classes)}" data-uri={quoteattr(place.uri)} '
            f'data-line="{place.line}" data-kind="{event.kind}" data-index="{index}" '
            f'tabindex="0" role="button">',
            f"<title>{escape(tip)}</title>",
            f'<rect class="gg-hit" x="{x - COL_W / 2 + 4}" y="{y - LANE_H / 2 + 4}" '
            f'width="{COL_W - 8}" height="{LANE_H - 8}" rx="6"/>',
            _text(x, y - MARK_R - 22, place.where, "gg-muted"),
            _text(x, y - MARK_R - 8, event.op or event.kind.replace("_", " "), "gg-text"),
            _mark(event.kind, x, y),
        ]
        version = _version(event)
        if version:
            parts.append(_text(x, y + MARK_R + 16, version, "gg-version"))
        short = "fails" if event.fails else _SHORT.get(event.kind, event.kind)
        parts.append(_text(x, y + MARK_R + 30, short, "gg-label gg-muted"))
        parts.append("</g>")
        out.append("".join(parts))

    y = TOP + lanes_h + 30
    out.append('<g class="gg-outcome">')
    for k, line in enumerate(failure):
        out.append(_text(16, y + 16 * k, line, "gg-failure", "start"))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
