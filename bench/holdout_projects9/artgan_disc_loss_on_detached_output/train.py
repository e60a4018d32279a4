# case: adaptive-style-transfer's `ArtGAN.update` with the discriminator loss taken on a detached generator output (`self.discriminator(batch_output.detach())`, as the TensorFlow original restricts that loss to the discriminator): `gen_update` still runs `self.gen_opt.step()` before `dis_update`, but the discriminator's backward no longer reaches the encoder/decoder weights the step rewrote, so training runs
# source: https://github.com/zhai-xiao/adaptive-style-transfer-pytorch/issues/4
import argparse
import os
from collections import namedtuple

import torch

import img_augm
import prepare_dataset
from model import ArtGAN
from utils import get_config, normalize_arr_of_imgs

FIELDS = ("batch_size image_size display_size max_iter save_freq lr lr_policy step_size gamma init "
          "dim gf_dim df_dim content_data_path art_data_path discr_loss_weight "
          "transformer_loss_weight feature_loss_weight discr_success_rate")
CONFIG_KEYS = {"gf_dim": "ngf", "df_dim": "ndf"}


def load_options(path):
    config = get_config(path)
    OPTIONS = namedtuple("OPTIONS", FIELDS)
    return OPTIONS._make(config[CONFIG_KEYS.get(name, name)] for name in OPTIONS._fields)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--config", type=str, default=os.path.join(here, "configs", "vangogh.yaml"))
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args([])
    torch.manual_seed(options.seed)
    opts = load_options(options.config)

    trainer = ArtGAN(opts)
    augmentor = img_augm.Augmentor(crop_size=[opts.image_size, opts.image_size], vertical_flip_prb=0.0)
    content_dataset = prepare_dataset.PlacesDataset(opts.content_data_path)
    art_dataset = prepare_dataset.ArtDataset(opts.art_data_path)

    win_rate = opts.discr_success_rate
    discr_success = opts.discr_success_rate
    alpha = 0.05
    for step in range(opts.max_iter):
        batch_art = normalize_arr_of_imgs(
            torch.tensor(art_dataset.get_batch(augmentor, opts.batch_size)["image"])
        ).permute(0, 3, 1, 2).requires_grad_()
        batch_content = normalize_arr_of_imgs(
            torch.tensor(content_dataset.get_batch(augmentor, opts.batch_size)["image"])
        ).permute(0, 3, 1, 2).requires_grad_()
        trainer.update_learning_rate()
        discr_success = trainer.update(batch_art, batch_content, opts, discr_success, alpha,
                                       discr_success >= win_rate)
        print("Iteration: %d, dloss = %.5f, gloss = %.5f, discr_success = %.3f"
              % (step, trainer.discr_loss.item(), trainer.gener_loss.item(), discr_success))
    _, sample = trainer.sample(batch_content.detach()[:1])
    print("sample", tuple(sample.shape))
