# case: custom autograd.Function in ops.py saves its output; the model returns it and train.py shifts it with sub_
import torch

from model import RateHead

torch.manual_seed(0)
head = RateHead(3)
out = head(torch.randn(4, 3))
out.sub_(1.0)  # expect: GG002
out.mean().backward()
