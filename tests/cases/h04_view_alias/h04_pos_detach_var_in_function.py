# case: a helper "clips" a detached alias in place, corrupting the saved softmax output
import torch


def clip_(t):
    t.clamp_(0.05, 0.95)  # expect: GG002


logits = torch.randn(2, 4, requires_grad=True)
p = torch.softmax(logits, dim=1)  # saver
clip_(p.detach())
p[:, 0].sum().backward()  # raises: RuntimeError: modified by an inplace operation
