# case: clean: VQ-VAE-2 ResBlock starts its branch with ReLU(inplace=True) and then does `out += input`; the skip silently carries the post-ReLU input, but nothing saved is modified
# source: https://github.com/rosinality/vq-vae-2-pytorch/issues/60
import torch
from torch import nn, optim

from vqvae import VQVAE

torch.manual_seed(0)


def main():
    model = VQVAE()
    criterion = nn.MSELoss()
    optimizer = optim.Adam(model.parameters(), lr=3e-4)
    for _ in range(2):
        img = torch.rand(2, 3, 16, 16)
        out = model(img)
        recon_loss = criterion(out, img)
        model.zero_grad()
        recon_loss.backward()
        optimizer.step()
    print(recon_loss.item())


if __name__ == "__main__":
    main()
