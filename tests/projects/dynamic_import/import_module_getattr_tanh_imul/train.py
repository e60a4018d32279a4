# case: the model class is picked by name at run time (`importlib.import_module("zoo.bounded")`, then `getattr(module, "BoundedRegressor")`) and built through a `super().__init__(**kwargs)` chain across files; its tanh output is rescaled in place
import importlib

import torch

MODEL_MODULE = "zoo.bounded"
MODEL_CLASS = "BoundedRegressor"


def build(module_name, class_name, **kwargs):
    module = importlib.import_module(module_name)
    return getattr(module, class_name)(**kwargs)


torch.manual_seed(0)
model = build(MODEL_MODULE, MODEL_CLASS, in_features=3, hidden=8, bound=2.0)
pred = model(torch.randn(4, 3))
pred *= model.bound  # expect: GG002
loss = (pred - torch.randn(4, 1)).pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
