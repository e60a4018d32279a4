# case: .contiguous() of a transposed tensor is a copy: in-place on it leaves the saved output alone
import torch

x = torch.randn(2, 3, requires_grad=True)
y = torch.sigmoid(x)
yt = y.t().contiguous()
yt.add_(1)
(y.sum() + yt.sum()).backward()
print(x.grad)
