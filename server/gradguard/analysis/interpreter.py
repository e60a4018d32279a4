"""The abstract interpreter: walks one module's code in execution order, tracking tensors,
their version counters, what autograd saved, and grad mode; hazards are raised through
`hazards.Detector` (the one place each hazard is recognised).

Scopes: the module body runs first (functions are inlined at their call sites, up to a depth,
with the caller's values); then every function and method is also analysed on its own with
unknown arguments, so code that is never called from this file still gets findings. With an
`AnalysisCache`, those per-function analyses are grouped by top-level statement and replayed
when nothing they depend on changed (incremental.py).

The interpreter is assembled from its parts in `interp/`: where statements run (statements.py; a
loop that surely runs twice: loop_peeling.py; `continue` and `break` paths: loop_exits.py),
expressions are evaluated (expressions.py; comprehensions over known elements:
comprehensions.py; dicts as configs and registries: config_dicts.py, registries.py; dicts read
by attribute: attr_dicts.py; tuple keys of dicts: dict_keys.py; dicts of unknown keys:
keyed_maps.py; class-level attributes: class_attrs.py; an enum member's `.value`:
enum_members.py; `max`/`min` of known values: builtin_folds.py; modules named by constant
strings: dynamic_imports.py), calls are inlined (calls.py; generator functions, run where they
are consumed: generators.py; calls of a `functools.partial`: partials.py; user
`torch.optim.Optimizer` subclasses: optimizer_bases.py; what `*args`, `**kwargs` and defaults
hold: call_arguments.py), torch ops save and write tensors (torch_ops.py; overloads that keep
other tensors than their op's row: op_overloads.py; tensors moved under inference mode:
inference_moves.py), torch.nn modules are built and called (nn_modules.py; user classes deriving
from a layer: layer_bases.py), and the module body, per-function analyses and imported modules
run (units.py). Limits are in interp/limits.py. A part named after a semicolon extends the one
before it: it comes earlier in the class's bases and hands on what it does not handle.
"""

from __future__ import annotations

from .interp.arg_parsers import ArgParsing
from .interp.attr_dicts import AttrDicts
from .interp.base import InterpreterBase
from .interp.builtin_folds import BuiltinFolds
from .interp.call_arguments import CallArguments
from .interp.calls import Calls
from .interp.class_attrs import ClassAttributes
from .interp.comprehensions import Comprehensions
from .interp.config_dicts import ConfigDicts
from .interp.dict_keys import DictKeys
from .interp.dynamic_imports import DynamicImports
from .interp.enum_members import EnumMembers
from .interp.expressions import Expressions
from .interp.generators import Generators
from .interp.inference_moves import InferenceMoves
from .interp.keyed_maps import KeyedMaps
from .interp.layer_bases import LayerBases
from .interp.limits import (
    FOREIGN_STANDALONE_DEPTH,
    MAX_CALL_DEPTH,
    MAX_LOOP_ROUNDS,
    MODULE_FLOW_DEPTH,
    MODULE_STATEMENT_BUDGET,
    STATEMENT_BUDGET,
    BudgetExceeded,
)
from .interp.loop_peeling import LoopPeeling
from .interp.nn_modules import NnModules
from .interp.op_overloads import OpOverloads
from .interp.optimizer_bases import OptimizerBases
from .interp.partials import Partials
from .interp.registries import Registries
from .interp.statements import Statements
from .interp.torch_ops import TorchOps
from .interp.units import Units

__all__ = [
    "FOREIGN_STANDALONE_DEPTH",
    "MAX_CALL_DEPTH",
    "MAX_LOOP_ROUNDS",
    "MODULE_FLOW_DEPTH",
    "MODULE_STATEMENT_BUDGET",
    "STATEMENT_BUDGET",
    "BudgetExceeded",
    "Interpreter",
]


class Interpreter(
    Generators,
    ArgParsing,
    AttrDicts,
    Units,
    LoopPeeling,
    ConfigDicts,
    Registries,
    ClassAttributes,
    DynamicImports,
    Statements,
    EnumMembers,
    BuiltinFolds,
    DictKeys,
    KeyedMaps,
    Comprehensions,
    Expressions,
    LayerBases,
    CallArguments,
    Partials,
    OptimizerBases,
    Calls,
    OpOverloads,
    InferenceMoves,
    TorchOps,
    NnModules,
    InterpreterBase,
):
    """Walks one module's code in execution order (see the module docstring)."""
