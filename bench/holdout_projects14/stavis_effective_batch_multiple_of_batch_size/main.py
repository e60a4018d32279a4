# case: STAViS gradient accumulation with an effective batch (8) that is a multiple of the batch size (4): no batch straddles two effective batches, so no backward follows the saliency step
# source: https://github.com/atsiami/STAViS/issues/9
import torch
from torch import optim
from torch.optim import lr_scheduler

from dataset import get_training_set, get_validation_set
from model import generate_model
from opts import parse_opts
from train import train_epoch
from utils import Logger
from validation import val_epoch

if __name__ == "__main__":
    opt = parse_opts()
    opt.arch = "{}-{}".format(opt.model, opt.model_depth)

    torch.manual_seed(opt.manual_seed)

    if opt.audiovisual:
        opt.learning_rate_global = opt.learning_rate / 100
        opt.learning_rate_sal = opt.learning_rate / 100
    else:
        opt.learning_rate_global = opt.learning_rate / 10
        opt.learning_rate_sal = opt.learning_rate / 100

    model, parameters = generate_model(opt)

    if not opt.no_train:
        training_data = get_training_set(opt)

        opt.batch_sizes = {"global": opt.effective_batch_size, "sal": opt.effective_batch_size}

        train_loader = torch.utils.data.DataLoader(training_data, batch_size=opt.batch_size, shuffle=True, drop_last=True)
        train_logger = Logger(["epoch", "loss", "cc", "nss"])
        train_batch_logger = Logger(["epoch", "batch", "iter", "loss", "cc", "nss", "lr"])

        if opt.nesterov:
            dampening = 0
        else:
            dampening = opt.dampening

        optimizer = {"global": [], "sal": []}
        optimizer["global"] = optim.SGD(
            parameters["global"],
            lr=opt.learning_rate_global,
            momentum=opt.momentum,
            dampening=dampening,
            weight_decay=opt.weight_decay,
            nesterov=opt.nesterov,
        )

        optimizer["sal"] = optim.SGD(
            parameters["sal"],
            lr=opt.learning_rate_sal,
            momentum=opt.momentum,
            dampening=dampening,
            weight_decay=opt.weight_decay,
            nesterov=opt.nesterov,
        )

        scheduler = {"global": [], "sal": []}
        scheduler["global"] = lr_scheduler.MultiStepLR(
            optimizer["global"], [int(0.5 * opt.n_epochs) - 1, int(0.75 * opt.n_epochs) - 1]
        )
        scheduler["sal"] = lr_scheduler.MultiStepLR(
            optimizer["sal"], [int(0.5 * opt.n_epochs) - 1, int(0.75 * opt.n_epochs) - 1]
        )

    if not opt.no_val:
        validation_data = get_validation_set(opt)
        val_loader = torch.utils.data.DataLoader(
            validation_data, batch_size=opt.batch_size, shuffle=False, drop_last=True
        )
        val_logger = Logger(["epoch", "cc"])

    print("running...")
    opt.aveGrad = {"global": 0, "sal": 0}
    for i in range(opt.begin_epoch, opt.n_epochs + 1):
        if not opt.no_train:
            opt = train_epoch(i, opt.n_epochs, train_loader, model, optimizer, opt, train_logger, train_batch_logger)
        if not opt.no_val:
            validation_loss = val_epoch(i, opt.n_epochs, val_loader, model, opt, val_logger)
        if not opt.no_train:
            scheduler["global"].step()
            scheduler["sal"].step()
    print("done")
