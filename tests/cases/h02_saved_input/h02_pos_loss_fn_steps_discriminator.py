# case: a loss function computes the generator's term through the discriminator, then trains the discriminator (backward, step) and returns the term; the caller's backward through it needs D's old weights
import torch
import torch.nn as nn


def tc_loss(D, opt_d, z, z_perm):
    d_z = D(z)  # saver
    term = (d_z[:, 0] - d_z[:, 1]).mean()
    d_loss = -(d_z.log_softmax(1)[:, 0].mean() + D(z_perm.detach()).log_softmax(1)[:, 1].mean())
    opt_d.zero_grad()
    d_loss.backward(retain_graph=True)
    opt_d.step()  # expect: GG002
    return term, d_loss


torch.manual_seed(0)
enc = nn.Linear(6, 4)
D = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
z = enc(torch.randn(5, 6))
term, d_loss = tc_loss(D, opt_d, z, z.flip(0))
loss = z.pow(2).mean() + term
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
