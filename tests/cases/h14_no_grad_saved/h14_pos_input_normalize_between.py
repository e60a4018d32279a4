# case: the input batch (saved by mm for W's gradient) is normalised in place under no_grad after the forward
import torch

torch.manual_seed(0)
W = torch.randn(3, 2, requires_grad=True)
x = torch.randn(4, 3)
loss = (x @ W).pow(2).mean()  # saver
with torch.no_grad():
    x.sub_(x.mean(0))  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
