# case: the discriminator's step inside an `if` block, the generator's backward (through D's old weights) after it
import torch
import torch.nn as nn

G = nn.Linear(3, 3)
D = nn.Linear(3, 1)
opt_g = torch.optim.SGD(G.parameters(), lr=0.1)
opt_d = torch.optim.SGD(D.parameters(), lr=0.1)
train_d = True
fake = G(torch.randn(5, 3))
out = D(fake)  # saver
if train_d:
    opt_d.zero_grad()
    out.mean().backward(retain_graph=True)
    opt_d.step()  # expect: GG002
opt_g.zero_grad()
(-out.mean()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt_g.step()
