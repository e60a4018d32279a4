# case: the page's "failure example" y = x * 2; y.sigmoid_(): sigmoid_ saves its own result and nothing writes it afterwards, so this runs
# source: https://runebook.dev/zh/docs/pytorch/generated/torch.tensor.sigmoid_
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.sigmoid_()
z = y.sum()
z.backward()
print("grad:", x.grad)
