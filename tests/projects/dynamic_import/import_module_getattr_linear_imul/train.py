# case: clean twin: the model class is picked by name at run time (`importlib.import_module("zoo.bounded")`, then `getattr(module, "LinearRegressor")`) and built through a `super().__init__(**kwargs)` chain across files; its plain linear output (nothing saves it) is rescaled in place
import importlib

import torch

MODEL_MODULE = "zoo.bounded"
MODEL_CLASS = "LinearRegressor"


def build(module_name, class_name, **kwargs):
    module = importlib.import_module(module_name)
    return getattr(module, class_name)(**kwargs)


torch.manual_seed(0)
model = build(MODEL_MODULE, MODEL_CLASS, in_features=3, hidden=8)
pred = model(torch.randn(4, 3))
pred *= 2.0
loss = (pred - torch.randn(4, 1)).pow(2).mean()
loss.backward()
