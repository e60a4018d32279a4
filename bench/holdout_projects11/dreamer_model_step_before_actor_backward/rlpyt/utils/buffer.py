# stand-in for the rlpyt helpers the Dreamer code imports (rlpyt.utils.buffer / collections / tensor)
from collections import namedtuple

import torch


def namedarraytuple(typename, field_names):
    """a namedtuple whose fields are arrays; indexing a non-field index indexes every field"""
    base = namedtuple(typename, field_names)

    def __getitem__(self, loc):
        return type(self)(*(None if s is None else s[loc] for s in self))

    return type(typename, (base,), {"__getitem__": __getitem__, "__slots__": ()})


def buffer_to(buffer_, device=None):
    if buffer_ is None:
        return None
    if isinstance(buffer_, torch.Tensor):
        return buffer_.to(device)
    contents = tuple(buffer_to(b, device) for b in buffer_)
    return type(buffer_)(*contents) if hasattr(buffer_, "_fields") else contents


def buffer_method(buffer_, method_name, *args, **kwargs):
    if buffer_ is None:
        return None
    if isinstance(buffer_, torch.Tensor):
        return getattr(buffer_, method_name)(*args, **kwargs)
    contents = tuple(buffer_method(b, method_name, *args, **kwargs) for b in buffer_)
    return type(buffer_)(*contents) if hasattr(buffer_, "_fields") else contents


def infer_leading_dims(tensor, dim):
    """Looks for up to two leading dimensions in ``tensor``, before
    the data dimensions, of which there are assumed to be ``dim`` number."""
    lead_dim = tensor.dim() - dim
    assert lead_dim in (0, 1, 2)
    if lead_dim == 2:
        T, B = tensor.shape[:2]
    else:
        T = 1
        B = 1 if lead_dim == 0 else tensor.shape[0]
    shape = tensor.shape[lead_dim:]
    return lead_dim, T, B, shape
