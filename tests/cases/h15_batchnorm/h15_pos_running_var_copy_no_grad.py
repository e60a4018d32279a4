# case: training loop syncs BN running_var from a teacher model under no_grad between forward and backward
import torch
import torch.nn as nn

torch.manual_seed(0)
student = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
teacher = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
opt = torch.optim.SGD(student.parameters(), lr=0.1)
x = torch.randn(16, 4)

opt.zero_grad()
loss = student(x).pow(2).mean()  # saver
with torch.no_grad():
    student[1].running_var.copy_(teacher[1].running_var)  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
