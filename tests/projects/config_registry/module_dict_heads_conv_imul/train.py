# case: clean twin: task heads built from a {task: config} dict by a dict comprehension into an nn.ModuleDict (keys from the config, each head from a dict registry by its "type"); the outputs come back as a dict by task, and the depth head's plain conv output (nothing saved it yet) is rescaled in place
import torch

from multitask import MultiTaskNet

HEADS_CFG = {
    "depth": dict(type="conv", out_channels=1),
    "seg": dict(type="sigmoid", out_channels=2),
}

torch.manual_seed(0)
net = MultiTaskNet(3, 4, HEADS_CFG)
outs = net(torch.randn(2, 3, 8, 8))
outs["depth"] *= 2.0
loss = outs["seg"].mean() + outs["depth"].abs().mean()
loss.backward()
