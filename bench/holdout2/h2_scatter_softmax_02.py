# case: the fixed torch_scatter scatter_softmax (current master): out-of-place exp() and division, `(sum_per_index + epsilon).gather(...)`; backward runs cleanly
# source: https://github.com/rusty1s/pytorch_scatter/issues/119
import torch


def scatter_max(src, index, dim=-1, dim_size=None):
    dim_size = int(index.max()) + 1 if dim_size is None else dim_size
    out = torch.zeros(dim_size, dtype=src.dtype)
    out = out.scatter_reduce(dim, index, src, reduce='amax', include_self=False)
    return out, None


def scatter_sum(src, index, dim=-1, dim_size=None):
    dim_size = int(index.max()) + 1 if dim_size is None else dim_size
    out = torch.zeros(dim_size, dtype=src.dtype)
    return out.scatter_add_(dim, index, src)


def scatter_softmax(src, index, dim=-1, eps=1e-12):
    if not torch.is_floating_point(src):
        raise ValueError('`scatter_softmax` can only be computed over tensors '
                         'with floating point data types.')

    max_value_per_index, _ = scatter_max(src, index, dim=dim)
    max_per_src_element = max_value_per_index.gather(dim, index)

    recentered_scores = src - max_per_src_element
    exped_recentered_scores = recentered_scores.exp()

    sum_per_index = scatter_sum(exped_recentered_scores, index, dim=dim)
    normalizing_constant = (sum_per_index + eps).gather(dim, index)
    return exped_recentered_scores / normalizing_constant


# Set seed for reproducible behavior
torch.manual_seed(0)

# Generate src and index tensors
src = torch.randn(6, requires_grad=True)
index = torch.tensor([0, 1, 0, 1, 2, 1])

# Get softmax
softmax_out = scatter_softmax(src, index)

# Sum to allow backward call
out = torch.sum(softmax_out)

# Call backward
out.backward()
print(src.grad)
