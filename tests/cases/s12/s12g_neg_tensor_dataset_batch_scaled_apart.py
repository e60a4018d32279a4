# case: the same loader; the batch is normalised out of place for logging, so the batch the first Linear saved is unchanged and training runs
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


def data_loader(x, y, batch_size, shuffle=True):
    data = TensorDataset(torch.FloatTensor(x), torch.FloatTensor(y))
    return DataLoader(data, batch_size=batch_size, shuffle=shuffle, drop_last=True)


model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loader = data_loader(torch.randn(8, 3).numpy(), torch.randn(8, 1).numpy(), batch_size=4)
for xb, yb in loader:
    pred = model(xb)
    loss = ((pred - yb) ** 2).mean()
    shown = xb / xb.norm()
    opt.zero_grad()
    loss.backward()
    opt.step()
