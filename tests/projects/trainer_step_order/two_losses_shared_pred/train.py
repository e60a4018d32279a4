# case: Trainer backprops the main loss, steps, then backprops an auxiliary loss through the same prediction
import torch

from trainer import Trainer

torch.manual_seed(0)
t = Trainer(in_dim=5)
print(t.fit_batch(torch.randn(10, 5), torch.randn(10, 1)))
