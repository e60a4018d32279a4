# case: one += helper called twice: on a linear output (fine) and on an exp output (saved) -> error
import torch

from model import RateModel

torch.manual_seed(0)
model = RateModel(3)
rate = model(torch.randn(7, 3))
loss = (rate - torch.ones_like(rate) * rate.log()).mean()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
