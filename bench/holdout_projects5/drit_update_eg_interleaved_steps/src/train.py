# case: DRIT's update_EG (model.py): backward_EG backpropagates the first generator/encoder loss with retain_graph=True and the content encoder, attribute encoder and generator optimizers step at once; backward_G_alone then backpropagates the latent-regression loss through the same forward graph, whose encoder and generator weights those steps changed
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
