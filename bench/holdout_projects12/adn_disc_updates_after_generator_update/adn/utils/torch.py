"""Helper functions for torch
"""

__all__ = [
    "get_device", "is_cuda", "to_npy", "print_model", "backprop_on", "backprop_off", "add_post",
    "FunctionModel"]

import torch.nn as nn


def get_device(model):
    return next(model.parameters()).device


def is_cuda(model):
    return next(model.parameters()).is_cuda


class FunctionModel(nn.Module):
    def __init__(self, fcn):
        super(FunctionModel, self).__init__()
        self.fcn = fcn

    def forward(self, *inputs):
        return self.fcn(*inputs)


def to_npy(*tensors, squeeze=False):
    if len(tensors) == 1:
        if squeeze: return tensors[0].detach().cpu().numpy().squeeze()
        else: return tensors[0].detach().cpu().numpy()
    else:
        if squeeze: return [t.detach().cpu().numpy().squeeze() for t in tensors]
        else: return [t.detach().cpu().numpy() for t in tensors]


def set_requires_grad(*nets, requires_grad=False):
    for net in nets:
        if net is not None:
            for param in net.parameters():
                param.requires_grad = requires_grad


def backprop_on(*nets): set_requires_grad(*nets, requires_grad=True)


def backprop_off(*nets): set_requires_grad(*nets, requires_grad=False)


def print_model(model):
    n = sum(p.numel() for p in model.parameters())
    print("{}: {} parameters".format(model.__class__.__name__, n))


def add_post(loader, post_fcn):
    class LoaderWrapper(object):
        def __init__(self, loader, post_fcn):
            self.loader = loader
            self.post_fcn = post_fcn

        def __getattribute__(self, name):
            if not name.startswith("__") and name not in object.__getattribute__(self, "__dict__"):
                return getattr(object.__getattribute__(self, "loader"), name)
            return object.__getattribute__(self, name)

        def __len__(self): return len(self.loader)

        def __iter__(self):
            for data in self.loader:
                yield self.post_fcn(data)

    return LoaderWrapper(loader, post_fcn)
