"""The rule catalogue: one entry per finding code, with the PyTorch error each one predicts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    torch_error: str


_RULES = (
    Rule(
        "GG001",
        "leaf-inplace",
        "in-place operation on a leaf tensor that requires grad",
        "a leaf Variable that requires grad is being used in an in-place operation.",
    ),
    Rule(
        "GG002",
        "saved-tensor-modified",
        "in-place modification of a tensor that autograd saved for backward",
        "one of the variables needed for gradient computation has been modified by an "
        "inplace operation",
    ),
    Rule(
        "GG003",
        "multi-output-view-inplace",
        "in-place modification of an output of a multi-output view op (unbind/split/chunk)",
        "is a view and is being modified inplace. This view is the output of a function "
        "that returns multiple views.",
    ),
    Rule(
        "GG004",
        "no-grad-view-inplace",
        "in-place modification, with grad mode on, of a view created under no_grad "
        "(or inside a custom autograd.Function)",
        "A view was created in no_grad mode and is being modified inplace with grad mode enabled.",
    ),
    Rule(
        "GG005",
        "inference-tensor-inplace",
        "in-place update of an inference tensor outside inference_mode",
        "Inplace update to inference tensor outside InferenceMode is not allowed.",
    ),
    Rule(
        "GG006",
        "inference-tensor-saved",
        "inference tensor saved for backward",
        "Inference tensors cannot be saved for backward.",
    ),
    Rule(
        "GG007",
        "out-requires-grad",
        "`out=` call where an argument requires grad",
        "functions with out=... arguments don't support automatic differentiation, but one "
        "of the arguments requires grad.",
    ),
    Rule(
        "GG008",
        "data-alias-write",
        "write through `.data`/`.numpy()` to a tensor autograd saved: silently wrong gradients",
        "(no error: gradients are silently wrong)",
    ),
    Rule(
        "GG009",
        "parameter-rebound",
        "out-of-place parameter update turns a leaf into a non-leaf",
        "(no error: the next backward leaves `.grad` of the new tensor empty)",
    ),
    Rule(
        "GG010",
        "allow-mutation-backward-outside",
        "backward outside the allow_mutation_on_saved_tensors() context that recorded it",
        "Trying to backward outside of the 'allow_mutation_on_saved_tensors' context",
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}

DOCS_BASE_URL = "https://github.com/gradguard/gradguard/blob/main/docs/rules/"


def rule_doc_url(code: str) -> str:
    return f"{DOCS_BASE_URL}{code}.md"
