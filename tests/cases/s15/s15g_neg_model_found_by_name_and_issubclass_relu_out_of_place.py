# case: the same registry scan by name and `issubclass(cls, BaseModel)`; the model found gates its features with an out-of-place ReLU, so the sigmoid output it saved is left as it was
import torch
import torch.nn as nn


class BaseModel:
    def __init__(self, opt):
        self.opt = opt


class GateNet(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.act = nn.ReLU()

    def forward(self, x):
        gate = torch.sigmoid(self.proj(x))
        return x * self.act(gate)


class GateModel(BaseModel):
    def __init__(self, opt):
        BaseModel.__init__(self, opt)
        self.net = GateNet(opt["dim"])
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def optimize(self, x):
        self.optimizer.zero_grad()
        loss = self.net(x).pow(2).mean()
        loss.backward()
        self.optimizer.step()


class GateNetConfig:
    dim = 4


CLASSES = {"GateNet": GateNet, "GateModel": GateModel, "GateNetConfig": GateNetConfig}


def find_model_using_name(model_name):
    target = model_name.replace("_", "") + "model"
    model = None
    for name, cls in CLASSES.items():
        if name.lower() == target.lower() and issubclass(cls, BaseModel):
            model = cls
    if model is None:
        raise SystemExit(f"no model named {target}")
    return model


model = find_model_using_name("gate")({"dim": 4})
model.optimize(torch.randn(3, 4))
