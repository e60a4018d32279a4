from torch import nn


def reset_padding(emb: nn.Embedding, pad_idx: int) -> None:
    emb.weight[pad_idx] = 0.0  # expect: GG001 # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
