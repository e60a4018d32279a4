# case: Sequential(Sigmoid, ReLU(inplace=True)) trained entirely inside allow_mutation_on_saved_tensors(): legal
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.ReLU(inplace=True), nn.Linear(4, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(2):
    with torch.autograd.graph.allow_mutation_on_saved_tensors():
        opt.zero_grad()
        loss = net(torch.randn(5, 3)).pow(2).mean()
        loss.backward()
    opt.step()
print("ok", loss.item())
