"""How far the interpreter follows code: call depths, loop rounds, statement budgets."""

from __future__ import annotations

MAX_CALL_DEPTH = 3
# code run from the module body (a script's own training flow) is followed one call deeper:
# that is where a whole model is called; the per-function analyses of library code, the bulk
# of the time on large code bases, keep the shallower limit
MODULE_FLOW_DEPTH = 4
# calls into another module from a function analysed on its own (see _invoke)
FOREIGN_STANDALONE_DEPTH = 1
MAX_LOOP_ROUNDS = 4
# a loop over a tuple of known elements (a model's layer config: `for v in cfg:` over SSD's 17
# VGG entries, `enumerate(block_cfg)` over YOLO's 20-30) is run once per element up to this many
MAX_UNROLLED_ITEMS = 32
# the values a generator yields that are kept one by one, in order (past them: joined)
MAX_GENERATOR_ITEMS = 64
STATEMENT_BUDGET = 60_000
# statements of other modules' functions one analysis runs (their top levels aside): past it,
# calls into them are left opaque. The most any labelled project needs is ~4,300 (a
# differentiable-memory task whose controller, memory and utilities are three modules)
FOREIGN_STATEMENT_BUDGET = 10_000
MODULE_STATEMENT_BUDGET = 400_000  # the imported modules' top levels, together
# a dict grown past this is no longer tracked key by key (a registry of a whole model zoo)
MAX_DICT_ITEMS = 256
# a registering decorator stops running after this many functions: each registration adds an
# entry, and a registry that large is no longer tracked key by key anyway (a model zoo's
# `@register_model` on 1,400 functions)
MAX_DECORATOR_RUNS = MAX_DICT_ITEMS


class BudgetExceeded(Exception):
    """The file is too big to interpret fully; findings so far are kept."""


# `model.eval()` / `model.train()` set the flag on this many submodules at most
MODE_SUBMODULES = 2048
