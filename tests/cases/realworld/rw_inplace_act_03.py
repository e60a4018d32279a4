# case: GAN built with nn.ReLU(inplace=True) right after nn.Linear inside nn.Sequential: Linear does not need its output, so this trains fine
# source: https://discuss.pytorch.org/t/whats-the-difference-between-nn-relu-and-nn-relu-inplace-true/948
import torch
import torch.nn as nn

G = nn.Sequential(
    nn.Linear(8, 16),
    nn.ReLU(inplace=True),
    nn.Linear(16, 4),
)
D = nn.Sequential(
    nn.Linear(4, 16),
    nn.ReLU(inplace=True),
    nn.Linear(16, 1),
    nn.Sigmoid(),
)
criterion = nn.BCELoss()
optD = torch.optim.Adam(D.parameters(), lr=2e-4)
optG = torch.optim.Adam(G.parameters(), lr=2e-4)

for step in range(2):
    real = torch.randn(5, 4)
    fake = G(torch.randn(5, 8))

    optD.zero_grad()
    errD = criterion(D(real), torch.ones(5, 1)) + criterion(D(fake.detach()), torch.zeros(5, 1))
    errD.backward()
    optD.step()

    optG.zero_grad()
    errG = criterion(D(fake), torch.ones(5, 1))
    errG.backward()
    optG.step()
