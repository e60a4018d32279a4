# case: clean twin: detectron2-style registries (`@BACKBONE_REGISTRY.register()` on a builder function and on a class, `SEM_SEG_HEADS_REGISTRY.register(cls)` as a plain call; `get` through the object map) chosen by names in a nested config edited after `get_cfg()`; the head adds the upsampled res3 features to the stem features out of place
import torch

from d2lite.config import get_cfg
from d2lite.modeling import build_model

cfg = get_cfg()
cfg["MODEL"]["META_ARCHITECTURE"] = "SemanticSegmentor"
cfg["MODEL"]["BACKBONE"]["NAME"] = "build_tiny_resnet_backbone"

torch.manual_seed(0)
model = build_model(cfg)
images = torch.randn(2, 3, 8, 8)
targets = torch.randint(0, 3, (2, 8, 8))
loss = model(images, targets)
loss.backward()
