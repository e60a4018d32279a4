# case: GAN update order bug: the generator loss goes through D, then opt_d.step() updates D's weights in place before g_loss.backward()
import torch
import torch.nn as nn

torch.manual_seed(0)
G = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
D = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(D.parameters(), lr=1e-3)
bce = nn.BCEWithLogitsLoss()
real = torch.randn(16, 2)

fake = G(torch.randn(16, 2))
d_loss = bce(D(real), torch.ones(16, 1)) + bce(D(fake.detach()), torch.zeros(16, 1))
g_loss = bce(D(fake), torch.ones(16, 1))  # saver

opt_d.zero_grad()
d_loss.backward()
opt_d.step()  # expect: GG002

opt_g.zero_grad()
g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt_g.step()
