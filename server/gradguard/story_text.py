"""The autograd story as a compact text timeline: markdown for hovers, plain text for the
terminal and for clients without markdown. One numbered line per event, the failing read
marked, then what PyTorch raises (or what is silently wrong)."""

from __future__ import annotations

from .analysis.story import Locate, Story, StoryTensor


def _tensor_line(t: StoryTensor, markdown: bool) -> str:
    facts = [t.note] if t.note else []
    if t.dtype:
        facts.append(t.dtype.replace("torch.", ""))
    if t.shape is not None:
        facts.append("[" + ", ".join(str(n) for n in t.shape) + "]")
    name = f"`{t.name}`" if markdown else t.name
    return name + (f" ({', '.join(facts)})" if facts else "")


def story_text(story: Story, locate: Locate, markdown: bool = True) -> str:
    """The timeline; `locate` names each event's place ("line 5", "cell 2, line 3")."""
    tick = (lambda s: f"`{s}`") if markdown else (lambda s: s)
    heading = "Autograd story" if story.facts == "static" else "Autograd story (from the run)"
    lanes = "; ".join(_tensor_line(t, markdown) for t in story.tensors)
    head = f"**{heading}**: {lanes}" if markdown else f"{heading}: {lanes}"
    out = [head, ""] if markdown else [head]
    for number, event in enumerate(story.events, 1):
        place = locate(event).where
        code = f" {tick(event.code)}" if event.code else ""
        line = f"{place}{code}: {event.label}"
        if event.fails:
            line = f"**{line}** (fails)" if markdown else f"{line}  <-- fails"
        elif event.focus:
            line += " (this line)"
        out.append(f"{number}. {line}")
    run = story.run
    failure = story.failure if markdown else story.failure.replace("`", "'")
    tail = [failure]
    if run is not None:
        label = f" {run.label}" if run.label else ""
        tail.insert(0, f"Run{label}: {run.verdict.replace('_', ' ')}")
    for text in tail:
        out.extend(["", text] if markdown else [text])
    return "\n".join(out)
