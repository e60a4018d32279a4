# case: correct GAN order: D trained on fake.detach(), G loss recomputed after D's step
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3))
D = nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(D.parameters(), lr=1e-3)
bce = nn.BCEWithLogitsLoss()

fake = G(torch.randn(8, 2))
loss_d = bce(D(fake.detach()), torch.zeros(8, 1))
opt_d.zero_grad()
loss_d.backward()
opt_d.step()
loss_g = bce(D(fake), torch.ones(8, 1))
opt_g.zero_grad()
loss_g.backward()
opt_g.step()
print(loss_g.item())
