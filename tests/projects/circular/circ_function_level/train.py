# case: trainer.py imports losses at top, losses imports trainer inside a function; losses clamps a tanh output in place
import torch

from trainer import Trainer

torch.manual_seed(0)
t = Trainer()
print(t.step(torch.randn(5, 3), torch.randn(5, 2)))
