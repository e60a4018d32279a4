import torch

from torch_utils import persistence


def named_params_and_buffers(module):
    assert isinstance(module, torch.nn.Module)
    return list(module.named_parameters()) + list(module.named_buffers())


def copy_params_and_buffers(src_module, dst_module, require_all=False):
    assert isinstance(src_module, torch.nn.Module)
    assert isinstance(dst_module, torch.nn.Module)
    src_tensors = {name: tensor for name, tensor in named_params_and_buffers(src_module)}
    for name, tensor in named_params_and_buffers(dst_module):
        assert (name in src_tensors) or (not require_all)
        if name in src_tensors:
            tensor.copy_(src_tensors[name].detach()).requires_grad_(tensor.requires_grad)


def params_and_buffers_equal(a, b):
    tb = dict(named_params_and_buffers(b))
    return all(torch.equal(t, tb[n]) for n, t in named_params_and_buffers(a))


def is_persistent_module(module):
    return isinstance(module, torch.nn.Module) and persistence.is_persistent(module)
