# case: WGAN weight clipping with p.data.clamp_() after the critic's optimizer step: no graph is alive, a legitimate use of .data
# source: https://github.com/znxlwm/pytorch-generative-model-collections/issues/31
import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6))
D = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 1))
G_optimizer = torch.optim.RMSprop(G.parameters(), lr=5e-5)
D_optimizer = torch.optim.RMSprop(D.parameters(), lr=5e-5)
c = 0.01
n_critic = 2

for iter in range(4):
    x_ = torch.randn(5, 6)
    z_ = torch.randn(5, 4)

    # update D network
    D_optimizer.zero_grad()
    D_real_loss = -torch.mean(D(x_))
    G_ = G(z_)
    D_fake_loss = torch.mean(D(G_))
    D_loss = D_real_loss + D_fake_loss
    D_loss.backward()
    D_optimizer.step()

    # clipping D
    for p in D.parameters():
        p.data.clamp_(-c, c)

    if ((iter + 1) % n_critic) == 0:
        # update G network
        G_optimizer.zero_grad()
        G_ = G(z_)
        G_loss = -torch.mean(D(G_))
        G_loss.backward()
        G_optimizer.step()
