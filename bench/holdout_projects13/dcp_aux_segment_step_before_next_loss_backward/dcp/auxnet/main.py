# case: DCP auxnet: the trainer backpropagates each segment's auxiliary loss and steps that segment's optimizer (which holds all earlier segments too) before the next loss goes back through the same shared forward
# source: https://github.com/SCUT-AILab/DCP/issues/20
# pythonpath: .
import argparse
import os

import torch
import torch.utils.data
from option import Option

from dcp.aux_trainer import AuxTrainer
from dcp.dataloader import get_cifar_dataloader
from dcp.model_builder import get_model
from dcp.utils import cal_pivot
from dcp.utils.logger import get_logger


class Experiment(object):
    """
    Run experiments with pre-defined pipeline
    """

    def __init__(self, options=None, conf_path=None):
        self.settings = options or Option(conf_path)
        self.train_loader = None
        self.val_loader = None
        self.model = None
        self.trainer = None

        self.settings.set_save_path()
        self.logger = get_logger(self.settings.save_path, "auxnet")
        self.logger.info("|===>Result will be saved at {}".format(self.settings.save_path))

        self.epoch = 0
        self.prepare()

    def prepare(self):
        self._set_gpu()
        self._set_dataloader()
        self._set_model()
        self._cal_pivot()
        self._set_trainier()

    def _set_gpu(self):
        torch.manual_seed(self.settings.seed)

    def _set_dataloader(self):
        if "cifar" in self.settings.dataset:
            self.train_loader, self.val_loader = get_cifar_dataloader(
                self.settings.dataset,
                self.settings.batch_size,
                self.settings.n_threads,
                self.settings.data_path,
                self.logger,
            )

    def _set_model(self):
        self.model, _ = get_model(
            self.settings.dataset, self.settings.net_type, self.settings.depth, self.settings.n_classes
        )

    def _set_trainier(self):
        self.trainer = AuxTrainer(
            model=self.model,
            train_loader=self.train_loader,
            val_loader=self.val_loader,
            settings=self.settings,
            logger=self.logger,
        )

    def _cal_pivot(self):
        self.num_segments, self.settings.pivot_set = cal_pivot(
            self.settings.n_losses, self.settings.net_type, self.settings.depth, self.logger
        )

    def run(self):
        best_top1 = 100
        self.trainer.val(0)
        for epoch in range(self.settings.n_epochs):
            train_error, train_loss, train5_error = self.trainer.train(epoch)
            val_error, val_loss, val5_error = self.trainer.val(epoch)
            if best_top1 >= val_error[-1]:
                best_top1 = val_error[-1]
            self.logger.info("|===>Best Result is: Top1 Error: {:f}\n".format(best_top1))


def main():
    parser = argparse.ArgumentParser(description="AuxNet")
    parser.add_argument(
        "conf_path",
        type=str,
        nargs="?",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cifar10_preresnet.hocon"),
        metavar="conf_path",
        help="the path of config file for training",
    )
    parser.add_argument("id", type=int, nargs="?", default=0, metavar="experiment_id", help="Experiment ID")
    args = parser.parse_args()

    option = Option(args.conf_path)
    option.manualSeed = args.id + 1
    option.experiment_id = option.experiment_id + "{:0>2d}".format(args.id + 1)

    experiment = Experiment(option)
    experiment.run()


if __name__ == "__main__":
    main()
