# case: .data used only for reading (norms, logging, a copy that is then modified): no write reaches the graph
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = torch.sigmoid(x)
print("norm", y.data.norm().item(), "max", y.data.max().item())
snapshot = y.data.clone()
snapshot.mul_(2)
values = y.detach().numpy().copy()
values[0] = 0.0
y.sum().backward()
print("grad", x.grad)
