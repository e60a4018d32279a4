"""`continue` and `break`: the path that takes one skips the rest of the loop body. A
`continue` path rejoins the loop at its head (with the body's end), a `break` path the code
after the loop. Without this, `if i == 0: build(a); continue` followed by `build(b)` would
also build `b` on the first path (both into the same container)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..state import State, join_states


@dataclass
class LoopExits:
    """The states that left the innermost running loop body early."""

    continues: list[State] = field(default_factory=list)
    breaks: list[State] = field(default_factory=list)


def leave_early(stack: list[LoopExits], state: State, is_break: bool) -> None:
    """`continue`/`break`: keep where this path stands, and end it here."""
    if stack and state.alive:
        (stack[-1].breaks if is_break else stack[-1].continues).append(state.copy())
    state.alive = False


def restore_modes(
    stack: list[LoopExits], since: tuple[int, int], modes: tuple[object, ...]
) -> None:
    """Leaving a `with` block resets its grad modes on the paths that left the loop from
    inside it too (`with torch.no_grad(): ... continue`)."""
    if not stack:
        return
    exits = stack[-1]
    for left in (*exits.continues[since[0] :], *exits.breaks[since[1] :]):
        (left.grad, left.inference_mode, left.allow_mutation, left.hooks) = modes  # type: ignore[assignment]


def marks(stack: list[LoopExits]) -> tuple[int, int]:
    """How many paths have left the innermost loop so far."""
    return (len(stack[-1].continues), len(stack[-1].breaks)) if stack else (0, 0)


def rejoin(out: State, left: list[State]) -> State:
    """The body's end joined with the paths that left it (`continue`s, or `break`s after
    the loop); `out` itself when none did."""
    for state in left:
        out = join_states(out, state)
    return out
