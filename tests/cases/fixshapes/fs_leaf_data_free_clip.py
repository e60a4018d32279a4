# case: a weight clipped in place (`p.clamp_(-0.01, 0.01)`) in a loop over the critic's parameters after its step (WGAN), grad mode on
import torch
import torch.nn as nn

critic = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 1))
opt = torch.optim.RMSprop(critic.parameters(), lr=0.01)
loss = critic(torch.randn(5, 3)).mean()
loss.backward()
opt.step()
for p in critic.parameters():
    p.clamp_(-0.01, 0.01)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
print("clipped")
