# case: ADN (train.py -> adn.models.ADNTrain.optimize in adn/models/adn.py) with the two discriminator updates (`self.model_dl._update()`, `self.model_dh._update()`, the backward-then-step closure of adn/models/base.py) moved after `self.model_g._update()`: the generator losses are backpropagated through the discriminators (adn/networks/losses.py) before any of their weights is stepped
# source: https://github.com/liaohaofu/adn/issues/21
import argparse
import os.path as path

import numpy as np
import torch
from torch.utils.data import DataLoader

from adn.datasets import get_dataset
from adn.models import ADNTrain
from adn.utils import \
    get_config, update_config, \
    add_post, Logger

if __name__ == "__main__":
    torch.manual_seed(0)
    np.random.seed(0)

    # Parse command line options
    parser = argparse.ArgumentParser(description="Train an artifact disentanglement network")
    parser.add_argument("run_name", nargs="?", default="spineweb", help="name of the run")
    parser.add_argument("--default_config", default="config/adn.yaml", help="default configs")
    parser.add_argument("--run_config", default="runs/adn.yaml", help="run configs")
    args = parser.parse_args()

    # Get ADN options
    opts = get_config(args.default_config)
    run_opts = get_config(args.run_config)
    if args.run_name in run_opts and "train" in run_opts[args.run_name]:
        run_opts = run_opts[args.run_name]["train"]
        update_config(opts, run_opts)
    run_dir = path.join(opts["checkpoints_dir"], args.run_name)

    # Get dataset
    def get_image(data):
        dataset_type = dataset_opts['dataset_type']
        if dataset_type == "spineweb":
            return data['a'], data['b']
        else:
            raise ValueError("Invalid dataset type!")

    dataset_opts = opts['dataset']
    train_dataset = get_dataset(**dataset_opts)
    train_loader = DataLoader(train_dataset,
        batch_size=opts["batch_size"], num_workers=opts['num_workers'], shuffle=True)
    train_loader = add_post(train_loader, get_image)

    start_epoch = 0

    # Get model
    model = ADNTrain(opts['learn'], opts['loss'], **opts['model'])

    # Get logger
    logger = Logger(run_dir, start_epoch, args.run_name)
    logger.add_loss_log(model.get_loss, opts["print_step"], opts['window_size'])

    # Train the model
    for epoch in range(start_epoch, opts['num_epochs']):
        for data in logger(train_loader):
            model.optimize(*data)
        model.update_lr()
