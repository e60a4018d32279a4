# case: view made under no_grad of a tensor that does not require grad: in-place later is fine
import torch

buf = torch.zeros(4)
with torch.no_grad():
    head = buf[:2]
head.fill_(1)
head += 1
print(buf)
