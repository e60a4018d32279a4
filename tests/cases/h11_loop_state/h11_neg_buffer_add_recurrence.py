# case: buffer recurrence out[t] = out[t-1] + x[t] (cumulative sum): add saves nothing, so the buffer writes are safe
import torch

torch.manual_seed(0)
x = torch.randn(4, 3, requires_grad=True)
out = torch.zeros(4, 3)
out[0] = x[0]
for t in range(1, 4):
    out[t] = out[t - 1] + x[t]
out.sum().backward()
print("ok", x.grad[:, 0])
