# case: SPARNet trained with --Gnorm none: NormLayer('none') is the identity lambda, so a down-sampling ResidualBlock's preact LeakyReLU(inplace=True) writes the block input that the shortcut ConvLayer's ReflectionPad2d saved
# source: https://github.com/chaofengc/Face-SPARNet/issues/12
import time

import torch

from data import create_dataset
from models import create_model
from options.train_options import TrainOptions

ARGS = [
    "--Gnorm", "none",
    "--res_depth", "1",
    "--load_size", "16",
    "--min_feat_size", "4",
    "--bottleneck_size", "16",
    "--batch_size", "4",
    "--total_epochs", "1",
]  # fmt: skip

if __name__ == "__main__":
    opt = TrainOptions().parse(ARGS)
    torch.manual_seed(opt.seed)
    dataset = create_dataset(opt)
    dataset_size = len(dataset.dataset)
    print(f"The number of training images = {dataset_size}")

    model = create_model(opt)
    model.setup(opt)

    total_iters = 0
    for epoch in range(opt.total_epochs):
        epoch_start_time = time.time()
        for i, data in enumerate(dataset):
            total_iters += 1
            model.set_input(data, total_iters)
            model.forward()
            model.optimize_parameters()
            if total_iters % opt.print_freq == 0:
                losses = model.get_current_losses()
                print(f"epoch {epoch} iter {i} " + " ".join(f"{k}={v:.4f}" for k, v in losses.items()))
