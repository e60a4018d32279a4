# case: a @torch.no_grad() helper renormalises a softmax output in place between forward and backward
import torch


@torch.no_grad()
def renormalize_(p):
    p.div_(p.sum(dim=-1, keepdim=True))  # expect: GG002


logits = torch.randn(2, 5, requires_grad=True)
probs = torch.softmax(logits, dim=-1)  # saver
renormalize_(probs)
loss = -(probs[:, 0]).log().mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
