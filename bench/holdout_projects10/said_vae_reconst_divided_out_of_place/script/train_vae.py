# case: SAiD's VAE training (`script/train_vae.py` -> `train_epoch` -> `elbo_loss` in script/losses.py) with the default `--coeffs_std_path`, written as the answer suggests: the batch and the reconstruction (the transposed output of the decoder's final `nn.Tanh()`) are divided by the coefficient std out of place, so neither the encoder's saved input nor the Tanh output changes; two epochs train with the EMA copy and a validation pass under `no_grad`
# source: https://github.com/yunik1004/SAiD/issues/8
# pythonpath: .
"""Train the VAE for the blendshape coefficients"""

import argparse
import os
import pathlib
from dataclasses import dataclass
from typing import Optional

import torch
from dataset.dataset_voca import BlendVOCAVAEDataset
from losses import elbo_loss
from torch.utils.data import DataLoader, RandomSampler

from said.model.vae import BCVAE
from said.util.accelerator import Accelerator, EMAModel, get_scheduler
from said.util.blendshape import load_blendshape_coeffs
from said.util.scheduler import frange_cycle_linear


@dataclass
class LossEpochOutput:
    total: float
    reconst: float
    regularize: float
    velocity: float
    lr: Optional[float] = None


def train_epoch(
    said_vae,
    train_dataloader,
    optimizer,
    lr_scheduler,
    accelerator,
    beta,
    std,
    weight_vel,
    ema_vae=None,
) -> LossEpochOutput:
    device = accelerator.device
    if std is not None:
        std = std.to(device)
    said_vae.train()

    total_reconst = total_reg = total_vel = total = 0.0
    total_num = 0
    for data in train_dataloader:
        coeffs = data.blendshape_coeffs
        curr_batch_size = coeffs.shape[0]

        with accelerator.accumulate(said_vae):
            losses = elbo_loss(said_vae, coeffs, std, device)
            reconst_loss = losses.reconst
            reg_loss = losses.regularize
            velocity_loss = losses.velocity
            loss = reconst_loss + beta * reg_loss + weight_vel * velocity_loss

            accelerator.backward(loss)
            if accelerator.sync_gradients:
                accelerator.clip_grad_norm_(said_vae.parameters(), 1.0)
            optimizer.step()
            if ema_vae:
                ema_vae.step(said_vae.parameters())
            lr_scheduler.step()
            optimizer.zero_grad()

        total_num += curr_batch_size
        total_reconst += reconst_loss.item() * curr_batch_size
        total_reg += reg_loss.item() * curr_batch_size
        total_vel += velocity_loss.item() * curr_batch_size
        total += loss.item() * curr_batch_size

    return LossEpochOutput(
        total=total / total_num,
        reconst=total_reconst / total_num,
        regularize=total_reg / total_num,
        velocity=total_vel / total_num,
        lr=lr_scheduler.get_last_lr()[0],
    )


def validate_epoch(said_vae, val_dataloader, accelerator, beta, std, weight_vel, num_repeat=1):
    device = accelerator.device
    if std is not None:
        std = std.to(device)
    said_vae.eval()

    total = 0.0
    total_num = 0
    with torch.no_grad():
        for _ in range(num_repeat):
            for data in val_dataloader:
                coeffs = data.blendshape_coeffs
                losses = elbo_loss(said_vae, coeffs, std, device)
                loss = losses.reconst + beta * losses.regularize + weight_vel * losses.velocity
                total_num += coeffs.shape[0]
                total += loss.item() * coeffs.shape[0]
    return LossEpochOutput(total=total / total_num, reconst=0.0, regularize=0.0, velocity=0.0)


def main():
    default_data_dir = pathlib.Path(__file__).resolve().parent.parent / "data"

    parser = argparse.ArgumentParser(description="Train the SAiD VAE using BlendVOCA dataset")
    parser.add_argument("--coeffs_dir", type=str, default="../BlendVOCA/blendshape_coeffs")
    parser.add_argument("--coeffs_std_path", type=str, default=default_data_dir / "coeffs_std.csv")
    parser.add_argument("--output_dir", type=str, default="../output")
    parser.add_argument("--batch_size", type=int, default=8, help="Batch size at training")
    parser.add_argument("--epochs", type=int, default=2, help="The number of epochs")
    parser.add_argument("--learning_rate", type=float, default=1e-4, help="Learning rate")
    parser.add_argument("--beta", type=float, default=1, help="Beta for beta-VAE")
    parser.add_argument("--beta_cycle", type=int, default=1)
    parser.add_argument("--weight_vel", type=float, default=1.0)
    parser.add_argument("--ema", type=bool, default=True)
    parser.add_argument("--ema_decay", type=float, default=0.99)
    parser.add_argument("--val_period", type=int, default=2)
    parser.add_argument("--val_repeat", type=int, default=2)
    args = parser.parse_args([])

    coeffs_std = None if args.coeffs_std_path == "" else load_blendshape_coeffs(args.coeffs_std_path)

    torch.manual_seed(0)
    accelerator = Accelerator(log_with="tensorboard", project_dir=args.output_dir)
    if accelerator.is_main_process:
        accelerator.init_trackers("SAiD-VAE")

    said_vae = BCVAE(channels=4, seq_len=12, z_dim=8)

    train_dataset = BlendVOCAVAEDataset(blendshape_coeffs_dir=args.coeffs_dir, dataset_type="train")
    val_dataset = BlendVOCAVAEDataset(blendshape_coeffs_dir=args.coeffs_dir, dataset_type="val")
    train_sampler = RandomSampler(train_dataset, replacement=True, num_samples=len(train_dataset))
    train_dataloader = DataLoader(
        train_dataset,
        batch_size=args.batch_size,
        sampler=train_sampler,
        collate_fn=BlendVOCAVAEDataset.collate_fn,
    )
    val_dataloader = DataLoader(
        val_dataset, batch_size=1, shuffle=False, collate_fn=BlendVOCAVAEDataset.collate_fn
    )

    optimizer = torch.optim.AdamW(params=said_vae.parameters(), lr=args.learning_rate)
    num_training_steps = len(train_dataloader) * args.epochs
    lr_scheduler = get_scheduler(
        name="constant_with_warmup",
        optimizer=optimizer,
        num_warmup_steps=0.1 * num_training_steps,
        num_training_steps=num_training_steps,
    )
    beta_schedules = frange_cycle_linear(n_iter=args.epochs, stop=args.beta, n_cycle=args.beta_cycle)

    said_vae, optimizer, lr_scheduler, train_dataloader, val_dataloader = accelerator.prepare(
        said_vae, optimizer, lr_scheduler, train_dataloader, val_dataloader
    )
    ema_vae = EMAModel(said_vae.parameters(), decay=args.ema_decay) if args.ema else None

    for epoch in range(1, args.epochs + 1):
        beta_epoch = beta_schedules[epoch - 1]
        train_losses = train_epoch(
            said_vae=said_vae,
            train_dataloader=train_dataloader,
            optimizer=optimizer,
            lr_scheduler=lr_scheduler,
            accelerator=accelerator,
            beta=beta_epoch,
            std=coeffs_std,
            weight_vel=args.weight_vel,
            ema_vae=ema_vae,
        )
        logs = {"Train/Total": train_losses.total, "Train/Beta": beta_epoch, "Train/Learning Rate": train_losses.lr}

        if epoch % args.val_period == 0:
            if args.ema:
                ema_vae.store(said_vae.parameters())
                ema_vae.copy_to(said_vae.parameters())
            val_losses = validate_epoch(
                said_vae=said_vae,
                val_dataloader=val_dataloader,
                accelerator=accelerator,
                beta=beta_epoch,
                std=coeffs_std,
                weight_vel=args.weight_vel,
                num_repeat=args.val_repeat,
            )
            logs["Val/Total"] = val_losses.total
            if args.ema:
                ema_vae.restore(said_vae.parameters())

        accelerator.log(logs, step=epoch)
        print(f"epoch {epoch}: " + ", ".join(f"{k}={v:.4f}" for k, v in logs.items()))

    print("saved state would go to", os.path.join(args.output_dir, f"{args.epochs}.pth"))
    accelerator.end_training()


if __name__ == "__main__":
    main()
