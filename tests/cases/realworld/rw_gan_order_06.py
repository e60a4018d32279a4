# case: adversarial loss with D trained first: optimizer_netD.step() changes D before loss_netG (computed through netD(fake)) is backpropagated
# source: https://github.com/psh01087/Vid-ODE/issues/6
import torch
import torch.nn as nn

netG = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6))
netD = nn.Sequential(nn.Linear(6, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
optimizer_netG = torch.optim.Adam(netG.parameters(), lr=1e-3)
optimizer_netD = torch.optim.Adam(netD.parameters(), lr=1e-3)
bce = nn.BCEWithLogitsLoss()

for it in range(2):
    real = torch.randn(5, 6)
    fake = netG(torch.randn(5, 4))

    pred_fake = netD(fake)  # saver
    loss_netG = bce(pred_fake, torch.ones_like(pred_fake))
    loss_netD = bce(netD(real), torch.ones(5, 1)) + bce(netD(fake.detach()), torch.zeros(5, 1))

    # Train D
    optimizer_netD.zero_grad()
    loss_netD.backward()
    optimizer_netD.step()  # expect: GG002

    # Train G
    optimizer_netG.zero_grad()
    loss_netG.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer_netG.step()
