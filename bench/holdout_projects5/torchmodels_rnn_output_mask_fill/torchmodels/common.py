import logging

import torch.nn as nn


class Module(nn.Module):
    """Base class of managed modules: a class with a `name` is registered by the manager."""

    name = None

    def __init__(self, *args, **kwargs):
        super().__init__()
        if args or kwargs:
            logging.warning(f"module '{self.__class__}' received unexpected arguments: {(args, kwargs)}")
        self.loss = None
