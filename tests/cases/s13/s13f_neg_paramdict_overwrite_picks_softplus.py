# case: hyper-parameters live in a user dict subclass with a method (`ParamDict(defaults).overwrite(config)`); the config overrides the default Tanh with Softplus, which saves its input rather than its output, so doubling the net's output in place breaks no backward
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


hp = default_hparams().overwrite(AttrDict(activation=nn.Softplus))
net = nn.Sequential(nn.Linear(4, hp.hidden), hp.activation())
out = net(torch.randn(3, 4))
out.mul_(2)
out.sum().backward()
