# case: a NORMAL tensor updated (and viewed) inside inference_mode stays normal: usable outside
import torch

running = torch.zeros(3)
with torch.inference_mode():
    running.add_(1)
    head = running[:2]
head.mul_(2)
x = torch.randn(3, requires_grad=True)
(x * running).sum().backward()
print(x.grad, running.is_inference())
