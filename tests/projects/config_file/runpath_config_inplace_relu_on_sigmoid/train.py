# case: the model is built from a Python config file read by `runpy.run_path` into attribute dicts (a recursive conversion), its package imported by a name computed with os.path; each head is registered with `self.__setattr__(name, layers)` and run through `self.__getattr__(name)`, and the score head's config asks for an in-place ReLU right after a sigmoid, whose saved output it overwrites
import importlib
import os

import torch

from core import MODELS, Config, build_from_cfg

cfg = Config.fromfile("configs/net.py")
if cfg.get("plugin", False):
    importlib.import_module(".".join(os.path.dirname(cfg.plugin_dir).split("/")))
model = build_from_cfg(cfg.model, MODELS)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(2):
    outs = model(torch.randn(3, 4))
    outs[0]["total"] = outs[0]["score"].sum() + outs[0]["box"].sum()
    loss = outs[0]["total"]
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
