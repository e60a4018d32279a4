# case: the same config-file-built model whose score head's config asks for an out-of-place ReLU after the sigmoid: the saved output is untouched and the backward runs
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
    loss.backward()
    optimizer.step()
