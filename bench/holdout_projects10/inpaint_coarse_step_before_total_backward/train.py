# case: High-Resolution-Image-Inpainting-GAN training (`train.py` -> `trainer.WGAN_trainer`): after the discriminator step, the coarse network is trained alone (`first_MaskL1Loss.backward(retain_graph=True)`, `optimizer_g1.step()` over `generator.coarse.parameters()`), and then the total generator loss, which still contains `first_MaskL1Loss` and the refined output computed from the coarse output, is backpropagated through the coarse convolutions whose weights the step rewrote, so `loss.backward()` fails (the "[1, 32, 3, 3] is at version 2; expected version 1" error of the issue)
# source: https://github.com/wangyx240/High-Resolution-Image-Inpainting-GAN/issues/7
import argparse

import torch

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    # general parameters
    parser.add_argument("--save_path", type=str, default="./models", help="saving path that is a folder")
    parser.add_argument("--sample_path", type=str, default="./samples", help="training samples path")
    parser.add_argument("--gan_type", type=str, default="WGAN", help="the type of GAN for training")
    parser.add_argument("--checkpoint_interval", type=int, default=1)
    parser.add_argument("--load_name_g", type=str, default="", help="load model name")
    parser.add_argument("--load_name_d", type=str, default="", help="load model name")
    # training parameters
    parser.add_argument("--epochs", type=int, default=1, help="number of epochs of training")
    parser.add_argument("--batch_size", type=int, default=2, help="size of the batches")
    parser.add_argument("--lr_g", type=float, default=1e-4, help="Adam: learning rate")
    parser.add_argument("--lr_d", type=float, default=4e-4, help="Adam: learning rate")
    parser.add_argument("--lr_decrease_epoch", type=int, default=10)
    parser.add_argument("--lr_decrease_factor", type=float, default=0.5)
    parser.add_argument("--lambda_l1", type=float, default=256, help="the parameter of L1Loss")
    parser.add_argument("--lambda_perceptual", type=float, default=100, help="the parameter of FML1Loss")
    parser.add_argument("--num_workers", type=int, default=0)
    # network parameters
    parser.add_argument("--latent_channels", type=int, default=4, help="latent channels")
    parser.add_argument("--pad_type", type=str, default="replicate", help="the padding type")
    parser.add_argument("--activation", type=str, default="elu", help="the activation type")
    parser.add_argument("--norm", type=str, default="none", help="normalization type")
    parser.add_argument("--init_type", type=str, default="kaiming", help="the initialization type")
    parser.add_argument("--init_gain", type=float, default=0.2, help="the initialization gain")
    # dataset parameters
    parser.add_argument("--mask_type", type=str, default="free_form", help="mask type")
    parser.add_argument("--imgsize", type=int, default=32, help="size of image")
    parser.add_argument("--patch_num", type=int, default=2, help="patches per side for the attention")
    parser.add_argument("--num_images", type=int, default=4)
    opt = parser.parse_args([])
    print(opt)

    torch.manual_seed(0)
    import trainer

    if opt.gan_type == "WGAN":
        trainer.WGAN_trainer(opt)
