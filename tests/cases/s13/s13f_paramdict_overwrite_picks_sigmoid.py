# case: hyper-parameters live in a user dict subclass with a method (`ParamDict(defaults).overwrite(config)`, as SPiRL's agents build `self._hp`); the config overrides the activation with Sigmoid, whose output the net returns, and that output is then doubled in place while sigmoid's saved copy is still needed
import torch
import torch.nn as nn

torch.manual_seed(0)


class AttrDict(dict):
    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


class ParamDict(AttrDict):
    def overwrite(self, new_params):
        for param in new_params:
            self[param] = new_params[param]
        return self


def default_hparams():
    return ParamDict({"activation": nn.Tanh, "hidden": 8})


hp = default_hparams().overwrite(AttrDict(activation=nn.Sigmoid))
net = nn.Sequential(nn.Linear(4, hp.hidden), hp.activation())  # saver
out = net(torch.randn(3, 4))
out.mul_(2)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
