import torch
import torch.nn.functional as F


def expand_dims(input, axis=0):
    shape = list(input.size())
    if axis < 0:
        axis = len(shape) + axis + 1
    shape.insert(axis, 1)
    return input.view(*shape)


def reduce_sum(inputs, dim=None, keep_dim=False):
    if dim is None:
        return torch.sum(inputs)
    output = torch.sum(inputs, dim)
    return expand_dims(output, dim) if keep_dim else output


def pairwise_add(u, v=None, is_batch=False):
    if v is None:
        v = u
    m = u.size(1) if is_batch else u.size(0)
    n = v.size(1) if is_batch else v.size(0)
    u = expand_dims(u, axis=-1)
    u_shape = list(u.size())
    u_shape[-1] = n
    v = expand_dims(v, axis=-2)
    v_shape = list(v.size())
    v_shape[-2] = m
    return u.expand(*u_shape) + v.expand(*v_shape)


def to_device(src, ref):
    return src.cuda(ref.get_device()) if ref.is_cuda else src


def cumprod(inputs, dim=1, exclusive=True):
    # the product of the slots before each slot (tf.cumprod(exclusive=True)), slot by slot
    n_slot = inputs.size(dim)
    results = []
    for ind in range(n_slot):
        this_slice = inputs.select(dim, ind)
        if exclusive:
            if ind > 0:
                results.append(results[ind - 1] * inputs.select(dim, ind - 1))
            else:
                results.append(torch.div(this_slice, this_slice + 1e-8))
        elif ind > 0:
            results.append(results[ind - 1] * this_slice)
        else:
            results.append(this_slice)
    return torch.stack(results, dim)


def cosine_distance(memory_matrix, cos_keys):
    memory_norm = torch.norm(memory_matrix, 2, 2, keepdim=True)
    keys_norm = torch.norm(cos_keys, 2, 1, keepdim=True)
    normalized_mem = torch.div(memory_matrix, memory_norm.expand_as(memory_matrix) + 1e-8)
    normalized_keys = torch.div(cos_keys, keys_norm.expand_as(cos_keys) + 1e-8)
    return torch.bmm(normalized_mem, normalized_keys)


def softmax(input, axis=1):
    trans_input = input.transpose(axis, input.dim() - 1)
    trans_size = trans_input.size()
    soft_max_2d = F.softmax(trans_input.contiguous().view(-1, trans_size[-1]), dim=1)
    return soft_max_2d.view(*trans_size).transpose(axis, input.dim() - 1)
