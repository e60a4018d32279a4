# case: Trainer sums the main and auxiliary losses and steps once after a single backward
import torch

from trainer import Trainer

torch.manual_seed(0)
t = Trainer(in_dim=5)
print(t.fit_batch(torch.randn(10, 5), torch.randn(10, 1)))
