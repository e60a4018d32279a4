# source: https://github.com/keras-team/keras-core/pull/405
# case: the PR's `slice_update`: the input is copied first (`outputs = torch.clone(inputs)`) and the update written into the copy, so calling it on the layer's trainable variable builds a graph through the clone and both Parameters receive gradients
import torch
import torch.nn as nn

torch.manual_seed(0)


def convert_to_tensor(x, dtype=None):
    if isinstance(x, torch.Tensor):
        return x if dtype is None else x.to(dtype)
    return torch.as_tensor(x, dtype=dtype)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    start_indices = convert_to_tensor(start_indices).to(torch.int64)
    updates = convert_to_tensor(updates)
    update_shape = updates.shape
    slices = [slice(int(start_index), int(start_index) + update_length) for start_index, update_length in zip(start_indices, update_shape)]
    outputs = torch.clone(inputs)
    outputs[tuple(slices)] = updates
    return outputs


class PatchedEmbedding(nn.Module):
    """Embedding table whose first rows are overwritten with a learned prefix on every call."""

    def __init__(self, num_rows, dim, prefix_rows):
        super().__init__()
        self.table = nn.Parameter(torch.randn(num_rows, dim))
        self.prefix = nn.Parameter(torch.zeros(prefix_rows, dim))

    def forward(self, ids):
        table = slice_update(self.table, [0, 0], self.prefix)
        return table[ids]


layer = PatchedEmbedding(num_rows=6, dim=4, prefix_rows=2)
ids = torch.tensor([[0, 3, 5], [1, 2, 2]])
out = layer(ids)
out.pow(2).mean().backward()
assert layer.prefix.grad is not None and layer.table.grad is not None
