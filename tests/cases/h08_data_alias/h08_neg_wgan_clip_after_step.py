# case: WGAN weight clipping through p.data.clamp_ after opt.step(), before the next forward: the usual, safe order
import torch
import torch.nn as nn

torch.manual_seed(0)
critic = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.RMSprop(critic.parameters(), lr=1e-3)
real, fake = torch.randn(16, 2), torch.randn(16, 2) + 1.0

for step in range(3):
    opt.zero_grad()
    loss = critic(fake).mean() - critic(real).mean()
    loss.backward()
    opt.step()
    for p in critic.parameters():
        p.data.clamp_(-0.01, 0.01)
print("ok", loss.item())
