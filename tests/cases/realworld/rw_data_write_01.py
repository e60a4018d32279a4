# case: the .data half of the .data-vs-.detach() comparison: c = out.data; c.zero_() silently overwrites sigmoid's saved output, a.grad comes out wrong (all zeros)
# source: https://github.com/pytorch/pytorch/issues/6990
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()
c = out.data
c.zero_()  # expect: GG008
out.sum().backward()
print(a.grad)  # The result is very, very wrong because `out` changed!
