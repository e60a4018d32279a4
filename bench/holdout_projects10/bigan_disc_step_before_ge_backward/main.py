# case: PyTorch-BiGAN (`main.py` -> `TrainerBiGAN.train` in train.py): the discriminator loss is backpropagated with `retain_graph=True` and `optimizer_d.step()` updates the discriminator before `loss_ge.backward()` goes through the same discriminator forward (`TrainerBiGAN.losses` computed both losses from one pass over (x, E(x)) and (G(z), z)), whose convolutions saved the weights the step rewrote, so the generator/encoder backward fails (the "code can not run")
# source: https://github.com/mperezcarrasco/PyTorch-BiGAN/issues/1
import argparse

import torch

from preprocess import get_cifar10
from train import TrainerBiGAN

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--num_epochs", type=int, default=1, help="number of epochs")
    parser.add_argument("--lr_adam", type=float, default=1e-4, help="learning rate")
    parser.add_argument("--lr_rmsprop", type=float, default=1e-4, help="learning rate RMSprop if WGAN is True.")
    parser.add_argument("--batch_size", type=int, default=4, help="Batch size")
    parser.add_argument("--latent_dim", type=int, default=8, help="Dimension of the latent variable z")
    parser.add_argument("--wasserstein", type=bool, default=False, help="If WGAN.")
    parser.add_argument("--clamp", type=float, default=1e-2, help="Clipping gradients for WGAN.")
    parser.add_argument("--num_images", type=int, default=8)
    args = parser.parse_args([])

    torch.manual_seed(0)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    data = get_cifar10(args)

    bigan = TrainerBiGAN(args, data, device)
    bigan.train()
