# case: GAN step order bug: D is stepped before the generator backward that reuses D's graph
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3))
D = nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(D.parameters(), lr=1e-3)
bce = nn.BCEWithLogitsLoss()

z = torch.randn(8, 2)
fake = G(z)
d_fake = D(fake)  # saver
loss_d = bce(d_fake, torch.zeros(8, 1))
opt_d.zero_grad()
loss_d.backward(retain_graph=True)
opt_d.step()  # expect: GG002
loss_g = bce(d_fake, torch.ones(8, 1))
opt_g.zero_grad()
loss_g.backward()  # raises: RuntimeError: modified by an inplace operation
opt_g.step()
