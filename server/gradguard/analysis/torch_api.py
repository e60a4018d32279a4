"""Facts about the torch API that the op table does not hold: factories, grad-mode switches,
nn layers and the functional op each one runs, optimizers, aliasing methods.

Facts only (which call does what, verified against torch 2.13); what each op *saves* comes
from the generated op table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

_V = TypeVar("_V")

FACTORIES = frozenset(
    f"torch.{n}"
    for n in (
        "randn rand zeros ones empty full tensor arange linspace logspace eye randint "
        "randperm normal from_numpy as_tensor randn_like rand_like zeros_like ones_like "
        "empty_like full_like randint_like empty_strided Tensor FloatTensor LongTensor "
        "DoubleTensor ByteTensor BoolTensor IntTensor HalfTensor bernoulli multinomial "
        "load tril_indices triu_indices"
    ).split()
)

# Calls that open a grad-mode or autograd context: qualified name -> CtxVal kind.
GRAD_CONTEXTS = {
    "torch.no_grad": "no_grad",
    "torch.enable_grad": "enable_grad",
    "torch.set_grad_enabled": "set_grad",
    "torch.inference_mode": "inference",
    "torch.autograd.graph.allow_mutation_on_saved_tensors": "allow_mutation",
    "torch.autograd.graph.saved_tensors_hooks": "hooks",
    "torch.autograd.graph.save_on_cpu": "hooks",
    "torch.autograd.graph.disable_saved_tensors_hooks": "enable_checks",
    "torch.autograd.set_detect_anomaly": "neutral",
    "torch.autograd.detect_anomaly": "neutral",
    "torch.autograd.profiler.profile": "neutral",
    "torch.autocast": "neutral",
    "torch.cuda.amp.autocast": "neutral",
    "torch.amp.autocast": "neutral",
}

AUTOGRAD_FUNCTION_BASES = frozenset({"torch.autograd.Function", "torch.autograd.function.Function"})

BACKWARD_FUNCTIONS = frozenset({"torch.autograd.backward", "torch.autograd.grad"})

PARAMETER_CLASSES = frozenset(
    {"torch.nn.Parameter", "torch.nn.parameter.Parameter", "torch.autograd.Variable"}
)
# Variable(t) is a deprecated no-op wrapper: requires_grad only when asked for
VARIABLE = "torch.autograd.Variable"

# In-place methods that write no data (autograd flags, sharing, detaching).
NON_DATA_INPLACE = frozenset(
    {"requires_grad_", "share_memory_", "detach_", "retain_grad", "pin_memory", "record_stream"}
)

# Methods that may hand back the very same tensor (no copy when nothing changes).
MAYBE_SELF = frozenset(
    "to float cuda cpu contiguous type type_as reshape reshape_as flatten view_as".split()
)

# Conversions that copy a float32 CPU tensor (the default); `.float()`/`.contiguous()` of one
# hand back the same tensor (verified: in-place through them reaches the saved original).
COPYING_CONVERSIONS = frozenset({"double", "half", "bfloat16", "long", "int", "bool", "byte"})
CONTIGUITY_DEPENDENT = frozenset({"contiguous", "reshape", "reshape_as", "flatten", "view_as"})
UNSURE_SELF = frozenset({"to", "type", "type_as", "cuda", "cpu"})
# dtypes named in `x.to(dtype)` / `x.type(dtype)`: the default float32 hands back the very
# tensor (as `.float()` does), any other one is a copy (as `.double()` is); verified under
# torch 2.13 (`x.to(torch.float32) is x` for a float32 x)
SAME_DTYPES = frozenset({"torch.float32", "torch.float"})
OTHER_DTYPES = frozenset(
    "torch.float16 torch.half torch.bfloat16 torch.float64 torch.double torch.int8 torch.uint8 "
    "torch.int16 torch.short torch.int32 torch.int torch.int64 torch.long torch.bool "
    "torch.complex64 torch.cfloat torch.complex128 torch.cdouble".split()
)
TRANSPOSING_VIEWS = frozenset(
    {
        "t",
        "T",
        "mT",
        "H",
        "mH",
        "transpose",
        "permute",
        "swapaxes",
        "swapdims",
        "movedim",
        "moveaxis",
        "expand",
        "expand_as",
    }
)
# The op table measures dropout with training=False (identity); in training it makes a new tensor.
# The layers (`nn.Dropout(0.1)(x)`, named by their class) alike.
NOT_VIEWS = frozenset(
    {
        "Dropout",
        "Dropout1d",
        "Dropout2d",
        "Dropout3d",
        "AlphaDropout",
        "FeatureAlphaDropout",
        "dropout",
        "nn.functional.dropout",
        "nn.functional.dropout1d",
        "nn.functional.dropout2d",
        "nn.functional.dropout3d",
        "nn.functional.alpha_dropout",
        "nn.functional.feature_alpha_dropout",
    }
)

# Ops returning (values, indices); those in DIM_TUPLE_OPS only when given a dim, and then
# they save the indices, not the values (the op table merges both outputs).
TUPLE_RESULT_OPS = frozenset(
    {
        "sort",
        "topk",
        "kthvalue",
        "mode",
        "max",
        "min",
        "median",
        "nanmedian",
        "cummax",
        "cummin",
        "aminmax",
        "frexp",
    }
)
DIM_TUPLE_OPS = frozenset({"max", "min", "median", "nanmedian"})

# Ops returning several tensors that are not (values, indices), each output marked "s" when
# their backward keeps it, "-" when it does not, "i" for an integer output (measured on
# torch 2.13 CPU: each output written in place after the op, then a backward through all).
# The op table merges the outputs into one "output".
MULTI_OUTPUT_OPS: dict[str, str] = {
    "linalg.eigh": "ss",
    "linalg.svd": "sss",
    "svd": "sss",
    "linalg.qr": "ss",
    "qr": "ss",
    "linalg.lu": "sss",
    "linalg.slogdet": "s-",
    "std_mean": "s-",
    "var_mean": "--",
    "frexp": "-i",
    "linalg.lu_factor": "si",
    "linalg.cholesky_ex": "si",
    "linalg.inv_ex": "si",
    "linalg.solve_ex": "si",
}

# View ops that return a tuple of ordinary (not multi-output) views.
SEQUENCE_VIEW_OPS = frozenset({"tensor_split", "hsplit", "vsplit", "dsplit"})

# Views not described by the op table (or named as attributes).
VIEW_METHODS = frozenset(
    "view view_as t transpose permute squeeze unsqueeze expand expand_as narrow select unfold "
    "diagonal movedim moveaxis swapaxes swapdims as_strided unflatten real imag alias "
    "view_as_real view_as_complex".split()
)
VIEW_ATTRIBUTES = frozenset({"T", "mT", "H", "mH", "real", "imag"})
MULTI_VIEW_METHODS = {
    "unbind": "Unbind",
    "split": "Split",
    "chunk": "Split",
    "split_with_sizes": "SplitWithSizes",
}

NON_TENSOR_METHODS = frozenset(
    "item tolist size dim numel stride data_ptr is_contiguous element_size nelement "
    "ndimension get_device is_floating_point is_complex storage untyped_storage "
    "__len__ __bool__ __int__ __float__ __index__ register_hook".split()
)
NON_TENSOR_ATTRIBUTES = frozenset(
    "shape dtype device ndim is_leaf requires_grad grad_fn is_cuda layout names _version".split()
)
NONDIFF_METHODS = frozenset(
    "argmax argmin argsort eq ne lt gt le ge isnan isinf isfinite nonzero sign logical_not "
    "logical_and logical_or bool long int byte any all __eq__ __ne__ __lt__ __gt__ __le__ "
    "__ge__ __invert__ __and__ __or__ __xor__ bincount unique floor_divide".split()
)

BINOP_METHODS = {
    "Add": "add",
    "Sub": "sub",
    "Mult": "mul",
    "Div": "div",
    "MatMult": "matmul",
    "Pow": "pow",
    "FloorDiv": "floor_divide",
    "Mod": "remainder",
    "BitAnd": "bitwise_and",
    "BitOr": "bitwise_or",
    "BitXor": "bitwise_xor",
    "LShift": "bitwise_left_shift",
    "RShift": "bitwise_right_shift",
}
BINOP_SYMBOLS = {
    "Add": "+",
    "Sub": "-",
    "Mult": "*",
    "Div": "/",
    "MatMult": "@",
    "Pow": "**",
    "FloorDiv": "//",
    "Mod": "%",
    "BitAnd": "&",
    "BitOr": "|",
    "BitXor": "^",
    "LShift": "<<",
    "RShift": ">>",
}


@dataclass(frozen=True)
class LayerSpec:
    """An nn layer: the functional op its forward runs and where its tensors go in that call.

    `args` names the op's tensor argument ids: the layer input is "0"; parameters/buffers map
    their attribute name to the argument id(s) the op table uses for them.
    """

    op: str | None
    params: tuple[str, ...] = ()
    buffers: tuple[str, ...] = ()
    args: tuple[tuple[str, tuple[str, ...]], ...] = ()
    inplace_arg: int | None = None  # positional index of `inplace` in the constructor
    output_tuple: bool = False
    saves_output: bool = False  # (opaque layers) its backward needs its output
    saves_params: bool = False  # (opaque layers) its backward needs its parameters
    saved_params: tuple[str, ...] | None = None  # ... only these of them (None: all)
    saves_state: bool = False  # (opaque layers) ... and the initial state passed in (hx)
    # (GRU, RNN) the recurrent weight if the sequence has several steps or h0 requires grad,
    # the input weight if the input requires grad
    recurrent_saves: bool = False
    # (RNNCell, GRUCell, LSTMCell) one step: the recurrent weight only if h requires grad; of
    # the state, only h is known to be kept; weights are named without the `_l0` suffix
    cell: bool = False
    input_arg: str = "0"  # the op-table argument id the layer's input takes
    # (LSTM) its output is kept only on CPU's one-direction, unprojected float32 path (the
    # oneDNN kernel, `MkldnnRnnLayer`): not with bidirectional=True or proj_size > 0
    output_one_way: bool = False
    # the constructor's parameters by position, where a fact above reads one of them
    init_args: tuple[str, ...] = ()


_ACT_INPLACE = {
    "ReLU": ("nn.functional.relu", 0),
    "ReLU6": ("nn.functional.relu6", 0),
    "LeakyReLU": ("nn.functional.leaky_relu", 1),
    "ELU": ("nn.functional.elu", 1),
    "CELU": ("nn.functional.celu", 1),
    "SELU": ("nn.functional.selu", 0),
    "SiLU": ("nn.functional.silu", 0),
    "Hardswish": ("nn.functional.hardswish", 0),
    "Hardsigmoid": ("nn.functional.hardsigmoid", 0),
    "Mish": ("nn.functional.mish", 0),
    "Hardtanh": ("nn.functional.hardtanh", 2),
    "Threshold": ("nn.functional.threshold", 2),
    "RReLU": ("nn.functional.rrelu", 2),
    "Dropout": ("nn.functional.dropout", 1),
    "Dropout1d": ("nn.functional.dropout1d", 1),
    "Dropout2d": ("nn.functional.dropout2d", 1),
    "Dropout3d": ("nn.functional.dropout3d", 1),
    "AlphaDropout": ("nn.functional.alpha_dropout", 1),
    "FeatureAlphaDropout": ("nn.functional.feature_alpha_dropout", 1),
}
# where the functional forms take `inplace` positionally (`F.relu(x, True)`,
# `F.leaky_relu(x, 0.2, True)`), read from their signatures in torch 2.13
FUNCTIONAL_INPLACE_ARG: dict[str, int] = {
    **dict.fromkeys(("relu", "relu6", "selu", "silu", "hardswish", "hardsigmoid", "mish"), 1),
    **dict.fromkeys(("elu", "celu", "leaky_relu"), 2),
    **dict.fromkeys(
        (
            "hardtanh",
            "threshold",
            "dropout",
            "dropout1d",
            "dropout2d",
            "dropout3d",
            "alpha_dropout",
            "feature_alpha_dropout",
        ),
        3,
    ),
    "rrelu": 4,
}
# Dropouts that, with p=0 (in training too), return their input itself untouched (verified
# under torch 2.13: same object, version unchanged, also with inplace=True); AlphaDropout is not
# among them
_DROPOUTS = frozenset({"Dropout", "Dropout1d", "Dropout2d", "Dropout3d"})
DROPOUT_FUNCTIONS = frozenset(
    {
        "nn.functional.dropout",
        "nn.functional.dropout1d",
        "nn.functional.dropout2d",
        "nn.functional.dropout3d",
    }
)


# the names of a torch layer's forward parameters, in order, where a call may pass its tensors
# by keyword (`attn(query=q, key=k, value=v)`); any other layer's first one is `input`
FORWARD_PARAMS: dict[str, tuple[str, ...]] = {
    "torch.nn.MultiheadAttention": ("query", "key", "value"),
    "torch.nn.TransformerEncoderLayer": ("src",),
    "torch.nn.TransformerEncoder": ("src",),
    "torch.nn.TransformerDecoderLayer": ("tgt", "memory"),
    "torch.nn.TransformerDecoder": ("tgt", "memory"),
    "torch.nn.Transformer": ("src", "tgt"),
    "torch.nn.Bilinear": ("input1", "input2"),
    "torch.nn.LSTM": ("input", "hx"),
    "torch.nn.GRU": ("input", "hx"),
    "torch.nn.RNN": ("input", "hx"),
    "torch.nn.LSTMCell": ("input", "hx"),
    "torch.nn.GRUCell": ("input", "hx"),
    "torch.nn.RNNCell": ("input", "hx"),
}


def positional_inputs(kind: str, args: list[_V], kwargs: dict[str, _V]) -> list[_V]:
    """A torch layer's inputs in forward order: those passed by keyword after the
    positional ones, as far as they follow each other."""
    out = list(args)
    for name in FORWARD_PARAMS.get(kind, ("input",))[len(args) :]:
        if name not in kwargs:
            break
        out.append(kwargs[name])
    return out


def drops_nothing(kind: str, p: object) -> bool:
    """A dropout layer (`torch.nn.Dropout`) or function whose probability `p` is known to be 0:
    it returns its input, never writing to it."""
    short = kind.removeprefix("torch.").removeprefix("nn.")
    if short not in _DROPOUTS and kind.removeprefix("torch.") not in DROPOUT_FUNCTIONS:
        return False
    value = getattr(p, "value", None)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0


_ACT_PLAIN = {
    "Sigmoid": "sigmoid",
    "Tanh": "tanh",
    "Softmax": "softmax",
    "LogSoftmax": "log_softmax",
    "GELU": "nn.functional.gelu",
    "Softplus": "nn.functional.softplus",
    "Softsign": "nn.functional.softsign",
    "Tanhshrink": "nn.functional.tanhshrink",
    "LogSigmoid": "nn.functional.logsigmoid",
    "Softmin": "nn.functional.softmin",
    "PReLU": "nn.functional.prelu",
    "Identity": None,
    "Flatten": None,
    "Unflatten": None,
}

LAYERS: dict[str, LayerSpec] = {}
for _name, (_op, _pos) in _ACT_INPLACE.items():
    LAYERS[f"torch.nn.{_name}"] = LayerSpec(
        _op, inplace_arg=_pos, init_args=("p",) if _name in _DROPOUTS else ()
    )
for _name, _op2 in _ACT_PLAIN.items():
    LAYERS[f"torch.nn.{_name}"] = LayerSpec(_op2)
LAYERS["torch.nn.PReLU"] = LayerSpec(
    "nn.functional.prelu", params=("weight",), args=(("weight", ("1", "weight")),)
)
LAYERS["torch.nn.Linear"] = LayerSpec(
    "nn.functional.linear",
    params=("weight", "bias"),
    args=(("weight", ("1", "weight")), ("bias", ("2", "bias"))),
)
LAYERS["torch.nn.Bilinear"] = LayerSpec(None, params=("weight", "bias"))
for _d in ("1d", "2d", "3d"):
    LAYERS[f"torch.nn.Conv{_d}"] = LayerSpec(
        f"nn.functional.conv{_d}",
        params=("weight", "bias"),
        args=(("weight", ("1", "weight")), ("bias", ("2", "bias"))),
    )
    LAYERS[f"torch.nn.ConvTranspose{_d}"] = LayerSpec(
        f"nn.functional.conv_transpose{_d}",
        params=("weight", "bias"),
        args=(("weight", ("1", "weight")), ("bias", ("2", "bias"))),
    )
    _bn = LayerSpec(
        "nn.functional.batch_norm",
        params=("weight", "bias"),
        buffers=("running_mean", "running_var"),
        args=(
            ("running_mean", ("1", "running_mean")),
            ("running_var", ("2", "running_var")),
            ("weight", ("3", "weight")),
            ("bias", ("4", "bias")),
        ),
    )
    LAYERS[f"torch.nn.BatchNorm{_d}"] = _bn
    LAYERS[f"torch.nn.InstanceNorm{_d}"] = LayerSpec("nn.functional.instance_norm")
    for _pool in ("MaxPool", "AvgPool", "AdaptiveAvgPool", "AdaptiveMaxPool", "LPPool"):
        LAYERS[f"torch.nn.{_pool}{_d}"] = LayerSpec(
            f"nn.functional.{_pool.lower().replace('adaptive', 'adaptive_')}{_d}".replace(
                "maxpool", "max_pool"
            )
            .replace("avgpool", "avg_pool")
            .replace("lppool", "lp_pool")
        )
    # the padding layers: reflection and replication keep their input for backward, the
    # others keep nothing (measured on torch 2.13)
    for _pad in ("ReflectionPad", "ReplicationPad"):
        LAYERS[f"torch.nn.{_pad}{_d}"] = LayerSpec("nn.functional.pad")
    for _pad in ("ZeroPad", "ConstantPad", "CircularPad"):
        LAYERS[f"torch.nn.{_pad}{_d}"] = LayerSpec("constant_pad_nd")
LAYERS["torch.nn.LayerNorm"] = LayerSpec(
    "nn.functional.layer_norm",
    params=("weight", "bias"),
    args=(("weight", ("2", "weight")), ("bias", ("3", "bias"))),
)
LAYERS["torch.nn.GroupNorm"] = LayerSpec(
    "nn.functional.group_norm",
    params=("weight", "bias"),
    args=(("weight", ("2", "weight")), ("bias", ("3", "bias"))),
)
# op_db runs embedding as op(weight, indices): in the table "0" is the weight, "1" the indices
LAYERS["torch.nn.Embedding"] = LayerSpec(
    "nn.functional.embedding", params=("weight",), args=(("weight", ("0",)),), input_arg="1"
)
# Ops whose op_db sample calls them with arguments in another order than users do:
# user position -> op table position.
ARG_ORDER = {
    "nn.functional.embedding": {"0": "1", "1": "0"},
    # OpInfo calls where(self, condition, other); users torch.where(condition, self, other)
    "where": {"0": "1", "1": "0"},
}
# torch.min(a, b) / torch.max(a, b) with two tensors are the elementwise ops, which keep their
# inputs, not their result (the op table merges them with the reductions, which keep it)
BINARY_FORMS = {"min": "minimum", "max": "maximum"}
# F.interpolate keeps its input only in "area" mode (an adaptive average pool); the other
# modes keep sizes only (measured on torch 2.13 for nearest, nearest-exact, linear,
# bilinear, bicubic, trilinear, antialiased bilinear)
INTERPOLATE_KEEPS_INPUT = frozenset({"area"})
# F.pad keeps its input only in "reflect" and "replicate" modes; "constant" (the default) and
# "circular" keep nothing (measured on torch 2.13, 1d/2d/3d, functional and layer forms)
PAD_KEEPS_INPUT = frozenset({"reflect", "replicate"})
# the recurrent layers' constructor parameters by position (verified on torch 2.13: RNN takes
# its nonlinearity fourth), and their defaults
_RNN_COMMON = ("input_size", "hidden_size", "num_layers")
_RNN_REST = ("bias", "batch_first", "dropout", "bidirectional")
RNN_INIT_ARGS = {
    "LSTM": (*_RNN_COMMON, *_RNN_REST, "proj_size"),
    "GRU": (*_RNN_COMMON, *_RNN_REST),
    "RNN": (*_RNN_COMMON, "nonlinearity", *_RNN_REST),
}
RNN_DEFAULTS: dict[str, object] = {
    "num_layers": 1,
    "nonlinearity": "tanh",
    "bias": True,
    "batch_first": False,
    "dropout": 0.0,
    "bidirectional": False,
    "proj_size": 0,
}
for _rnn in ("LSTM", "GRU", "RNN"):
    # verified on torch 2.13 CPU: LSTM's backward needs its weights and biases and the
    # (h0, c0) it was given (modifying any of them after the forward breaks the backward), and
    # its output only where one direction runs without a projection on a tensor (not a
    # PackedSequence): uni-directional with 1 or 2 layers, batch_first or not, the input
    # requiring grad or not; a bidirectional LSTM, one with proj_size, or a packed input runs
    # another kernel that does not keep it. No full layer keeps its final states h_n, c_n.
    # GRU's and RNN's (tanh and relu) always need the h0 they were given, never their biases
    # or output; the recurrent weight `weight_hh_l0` only when the sequence is longer than one
    # step or h0 requires grad, the input weight `weight_ih_l0` only when the input requires
    # grad (`recurrent_saves`)
    lstm = _rnn == "LSTM"
    LAYERS[f"torch.nn.{_rnn}"] = LayerSpec(
        None,
        params=("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
        output_tuple=True,
        output_one_way=lstm,
        saves_params=lstm,
        saves_state=True,
        recurrent_saves=not lstm,
        init_args=RNN_INIT_ARGS[_rnn],
    )
for _rnn in ("LSTMCell", "GRUCell", "RNNCell"):
    # verified on torch 2.13 CPU: every cell keeps the hidden state h it was given; the
    # recurrent weight `weight_hh` only when h requires grad, the input weight `weight_ih` only
    # when the input does; RNNCell also keeps its output (tanh or relu); no biases; neither
    # GRUCell's h' nor LSTMCell's (h', c') is kept
    LAYERS[f"torch.nn.{_rnn}"] = LayerSpec(
        None,
        params=("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        output_tuple=_rnn == "LSTMCell",
        saves_output=_rnn == "RNNCell",
        saves_state=True,
        recurrent_saves=True,
        cell=True,
    )
LAYERS["torch.nn.MultiheadAttention"] = LayerSpec(None, output_tuple=True)

# nn.Module methods callable on user modules (their own methods are inlined instead).
MODULE_METHODS = frozenset(
    "parameters named_parameters buffers named_buffers children modules named_modules to cuda "
    "cpu train eval float double half requires_grad_ apply type register_buffer "
    "register_parameter add_module register_module zero_grad state_dict load_state_dict "
    "forward register_forward_hook register_forward_pre_hook reset_running_stats "
    "reset_parameters __getattr__ get_submodule get_parameter".split()
)
# Layers whose forward ignores `inplace` (verified: AlphaDropout never passes it on).
INPLACE_IGNORED = frozenset({"torch.nn.AlphaDropout", "torch.nn.FeatureAlphaDropout"})

# a DataLoader over a tensor hands out batches that are tensors (see TorchOps._data_loader)
# loss modules and the functional op their forward calls (input, target, in that order); a
# `weight`/`pos_weight` tensor given to the constructor is passed on too
LOSS_FUNCTIONALS = {
    "torch.nn.CrossEntropyLoss": "nn.functional.cross_entropy",
    "torch.nn.NLLLoss": "nn.functional.nll_loss",
    "torch.nn.MSELoss": "nn.functional.mse_loss",
    "torch.nn.L1Loss": "nn.functional.l1_loss",
    "torch.nn.SmoothL1Loss": "nn.functional.smooth_l1_loss",
    "torch.nn.HuberLoss": "nn.functional.huber_loss",
    "torch.nn.BCELoss": "nn.functional.binary_cross_entropy",
    "torch.nn.BCEWithLogitsLoss": "nn.functional.binary_cross_entropy_with_logits",
    "torch.nn.KLDivLoss": "nn.functional.kl_div",
}
LOSS_TENSOR_OPTIONS = ("weight", "pos_weight")
# the losses whose first constructor parameter is `weight` (the others start with
# size_average)
LOSS_WEIGHT_FIRST = frozenset(
    {
        "torch.nn.CrossEntropyLoss",
        "torch.nn.NLLLoss",
        "torch.nn.BCELoss",
        "torch.nn.BCEWithLogitsLoss",
    }
)

DATA_LOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
# a dataset of the rows of the tensors it is given (items: a tuple of one row of each)
TENSOR_DATASETS = frozenset(
    {"torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset"}
)

CONTAINERS = frozenset({"torch.nn.Sequential", "torch.nn.ModuleList", "torch.nn.ModuleDict"})
MODULE_BASES = frozenset({"torch.nn.Module", *CONTAINERS})
# torch base classes whose `__call__` runs a method subclasses define: calling an instance of
# a user subclass runs that method (torch.distributions: `Transform.__call__` -> `_call`)
CALL_PROTOCOLS = {
    "torch.distributions.Transform": "_call",
    "torch.distributions.transforms.Transform": "_call",
}
LOSS_SUFFIX = "Loss"


def is_optimizer(qualname: str) -> bool:
    parts = qualname.split(".")
    return (
        len(parts) >= 3
        and parts[0] == "torch"
        and parts[1] == "optim"
        and parts[-1][:1].isupper()
        and "lr_scheduler" not in parts
        and "swa_utils" not in parts
    )


# torch.distributions: what carries the parameters' graph and what does not.
DIST_TENSOR_ATTRIBUTES = frozenset(
    {
        "mean",
        "stddev",
        "variance",
        "mode",
        "probs",
        "logits",
        "loc",
        "scale",
        "concentration",
        "rate",
    }
)
DIST_NONDIFF_METHODS = frozenset({"sample", "sample_n", "enumerate_support"})


def is_distribution(qualname: str) -> bool:
    parts = qualname.split(".")
    return len(parts) >= 3 and parts[:2] == ["torch", "distributions"] and parts[-1][:1].isupper()


def is_nn_init_inplace(qualname: str) -> bool:
    return qualname.startswith("torch.nn.init.") and qualname.endswith("_")
