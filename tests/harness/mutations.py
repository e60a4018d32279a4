"""Damaged Python programs for fuzzing: seeded mutations of the test cases.

Each mutation is what an editor sees while someone types, pastes or deletes: lines dropped,
duplicated, swapped or cut mid-token, brackets left open, odd characters (astral emoji, NUL,
lone surrogates, U+2028, CR line breaks), deep nesting, long lines, and splices of two cases.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence

JUNK = ["(", ")", "[", "]", "{", ":", "\\", "'''", '"', "#", "@", "lambda", "yield", "\t", " "]
ODD = ["😀", "é", "\x00", "\ud800", "\u2028", "\x0c", "\r", "\r\n", "\ufeff", "\U0001d4b3", "\x1b"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def drop_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "\n".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def insert_junk(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(JUNK + ODD) + text[at:]


def delete_span(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at + rng.randrange(1, 40) :]


def reindent(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] = rng.choice(["", "  ", "    ", "        ", "\t"]) + lines[i].lstrip()
    return "\n".join(lines)


def deep_nesting(rng: random.Random, text: str) -> str:
    depth = rng.choice([50, 150, 400])
    return text + "\nz = " + "(" * depth + "y" + ")" * depth + "\n"


def long_line(rng: random.Random, text: str) -> str:
    return text + "\nq = " + " + ".join(["y"] * rng.choice([100, 1000, 5000])) + "\n"


def rename(rng: random.Random, text: str) -> str:
    a, b = rng.sample(["x", "y", "w", "h", "out", "torch", "self", "_"], 2)
    return text.replace(f"{a}.", f"{b}.")


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    drop_line,
    duplicate_line,
    swap_lines,
    truncate,
    insert_junk,
    delete_span,
    reindent,
    deep_nesting,
    long_line,
    rename,
]


def mutants(sources: Sequence[str], count: int, seed: int) -> Iterator[str]:
    """`count` programs, each one to four mutations of a case (or of two cases spliced)."""
    rng = random.Random(seed)
    for _ in range(count):
        text = rng.choice(sources)
        if rng.random() < 0.1:
            other = rng.choice(sources)
            text = text[: rng.randrange(len(text) + 1)] + other[rng.randrange(len(other) + 1) :]
        for _ in range(rng.randint(1, 4)):
            text = rng.choice(MUTATIONS)(rng, text or "\n")
        yield text
