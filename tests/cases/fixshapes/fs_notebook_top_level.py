# case: notebook-style top-level code: a training step with the generator's loss computed before the discriminator's step
import torch
import torch.nn as nn

G = nn.Linear(3, 3)
D = nn.Linear(3, 1)
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
fake = G(torch.randn(5, 3))
d_loss = D(fake.detach()).mean() - D(torch.randn(5, 3)).mean()
g_loss = -D(fake).mean()  # saver
opt_d.zero_grad(); d_loss.backward(); opt_d.step()  # expect: GG002
opt_g.zero_grad(); g_loss.backward(); opt_g.step()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
