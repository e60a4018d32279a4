# case: batches of a DataLoader over a TensorDataset are new tensors stacked from the rows; the first Linear saves its input batch for the weight's gradient, and normalising the batch in place afterwards (for logging) modifies what it saved
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
    pred = model(xb)  # saver
    loss = ((pred - yb) ** 2).mean()
    xb.div_(xb.norm())  # expect: GG002
    opt.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()
