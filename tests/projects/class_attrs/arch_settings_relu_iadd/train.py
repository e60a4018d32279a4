# case: a ResNet whose block class and stage sizes come from a class-level `arch_settings` table (and each stage's width from the block class's `expansion`), blocks defined in another module; in training the last block's ReLU output gets feature noise added in place
import torch
import torch.nn as nn

from nets.backbones import ResNet

torch.manual_seed(0)
backbone = ResNet(depth=10)
head = nn.Linear(backbone.out_channels, 2)
x = torch.randn(2, 3, 8, 8)
feats = backbone(x).mean(dim=(2, 3))
loss = nn.functional.cross_entropy(head(feats), torch.tensor([0, 1]))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
