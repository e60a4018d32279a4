# case: an encoder-decoder generator trained adversarially with one Adam over `list(enc.parameters()) + list(dec.parameters())`; the generator step runs after a retain_graph backward and before the discriminator loss on the non-detached fake is backpropagated, so that backward reaches the decoder weights the step rewrote
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
enc = nn.Sequential(nn.Linear(6, 4), nn.ReLU())
dec = nn.Sequential(nn.Linear(4, 6), nn.Tanh())  # saver
disc = nn.Sequential(nn.Linear(6, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
gen_params = list(enc.parameters()) + list(dec.parameters())
gen_opt = torch.optim.Adam(gen_params, lr=2e-4, betas=(0.5, 0.999))
disc_opt = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999))

real = torch.randn(8, 6)
noisy = real + 0.1 * torch.randn(8, 6)
fake = dec(enc(noisy))
ones, zeros = torch.ones(8, 1), torch.zeros(8, 1)

g_loss = F.binary_cross_entropy_with_logits(disc(fake), ones) + F.l1_loss(fake, real)
gen_opt.zero_grad()
g_loss.backward(retain_graph=True)
gen_opt.step()  # expect: GG002

d_real = F.binary_cross_entropy_with_logits(disc(real), ones)
d_fake = F.binary_cross_entropy_with_logits(disc(fake), zeros)
d_loss = 0.5 * (d_real + d_fake)
disc_opt.zero_grad()
d_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
disc_opt.step()
print(round(g_loss.item(), 4), round(d_loss.item(), 4))
