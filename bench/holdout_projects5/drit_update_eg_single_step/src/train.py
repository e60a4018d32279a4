# case: the reordering posted in the issue: update_EG runs backward_EG (retain_graph=True) and backward_G_alone first and steps the content encoder, attribute encoder and generator optimizers once at the end
# source: https://github.com/HsinYingLee/DRIT/issues/48
import torch

from model import DRIT
from options import TrainOptions


def main():
    torch.manual_seed(0)
    opts = TrainOptions().parse()
    model = DRIT(opts)
    model.initialize()
    for ep in range(opts.n_ep):
        for it in range(2):
            images_a = torch.rand(opts.batch_size, opts.input_dim_a, opts.crop_size, opts.crop_size) * 2 - 1
            images_b = torch.rand(opts.batch_size, opts.input_dim_b, opts.crop_size, opts.crop_size) * 2 - 1
            model.update_D(images_a, images_b)
            model.update_EG()


if __name__ == "__main__":
    main()
