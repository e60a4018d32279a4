import time

import torch

from models.sal_losses import cc_score, cross_entropy_loss, nss_score
from utils import AverageMeter


def train_epoch(epoch, nEpochs, data_loader, model, optimizer, opt, epoch_logger, batch_logger):
    print("train at epoch {}".format(epoch))

    model.train()

    batch_time = AverageMeter()
    losses = AverageMeter()
    cc = AverageMeter()
    nss = AverageMeter()

    end_time = time.time()
    for i, (data, targets, valid) in enumerate(data_loader):
        inputs = data["rgb"]
        targets["salmap"] = targets["salmap"].float()
        targets["binmap"] = targets["binmap"].float()
        valid["sal"] = valid["sal"].float()

        curr_batch_size = inputs.size(0)

        while inputs.size(0) < opt.batch_size:
            inputs = torch.cat((inputs, inputs[0:1, :]), 0)

        outputs = model(inputs, data["audio"])

        for ii in range(0, len(outputs["sal"])):
            outputs["sal"][ii] = outputs["sal"][ii][0:curr_batch_size, :]

        loss = {"sal": []}

        sal_losses_BCE = [0] * len(outputs["sal"])
        sal_losses_CC = [0] * len(outputs["sal"])
        sal_losses_NSS = [0] * len(outputs["sal"])
        for ii in range(0, len(outputs["sal"])):
            sal_losses_BCE[ii] = cross_entropy_loss(outputs["sal"][ii], targets["salmap"], valid["sal"], reduce=False)
            sal_losses_CC[ii] = cc_score(outputs["sal"][ii], targets["salmap"], valid["sal"], reduce=False)
            sal_losses_NSS[ii] = nss_score(outputs["sal"][ii], targets["binmap"], valid["sal"], reduce=False)
        loss["sal"].append((1 - epoch / nEpochs) * sum(sal_losses_BCE[:-1]) + sal_losses_BCE[-1])
        loss["sal"].append((1 - epoch / nEpochs) * sum(sal_losses_CC[:-1]) + sal_losses_CC[-1])
        loss["sal"].append((1 - epoch / nEpochs) * sum(sal_losses_NSS[:-1]) + sal_losses_NSS[-1])

        loss["sal_total"] = (
            opt.sal_weights[0] * loss["sal"][0] + opt.sal_weights[1] * loss["sal"][1] + opt.sal_weights[2] * loss["sal"][2]
        )

        # the samples that complete the current effective batch, and the ones that start the next one
        samples_need = {"sal": []}
        samples_need["sal"] = torch.nonzero(valid["sal"])[0 : (opt.batch_sizes["sal"] - opt.aveGrad["sal"]), 0]

        samples_rest = {"sal": []}
        samples_rest["sal"] = torch.nonzero(valid["sal"])[(opt.batch_sizes["sal"] - opt.aveGrad["sal"]) :, 0]

        loss_all = torch.sum(loss["sal_total"][samples_need["sal"]]) / opt.batch_sizes["sal"]

        if (samples_rest["sal"].size(0)) > 0:
            loss_all_rest = torch.sum(loss["sal_total"][samples_rest["sal"]]) / opt.batch_sizes["sal"]
        else:
            loss_all_rest = []

        n_valid = torch.nonzero(valid["sal"])[:, 0].size(0)
        if sum(valid["sal"]) > 0:
            cc.update(float(torch.sum(sal_losses_CC[-1])) / n_valid, n_valid)
            nss.update(float(torch.sum(sal_losses_NSS[-1])) / n_valid, n_valid)

        if (samples_rest["sal"].size(0)) > 0:
            losses.update(float(loss_all.data + loss_all_rest.data), inputs.size(0))
            loss_all.backward(retain_graph=True)
        else:
            losses.update(float(loss_all.data), inputs.size(0))
            loss_all.backward()

        opt.aveGrad["global"] += samples_need["sal"].size(0)
        opt.aveGrad["sal"] += samples_need["sal"].size(0)

        if opt.aveGrad["sal"] >= opt.batch_sizes["sal"]:
            optimizer["sal"].step()
            optimizer["sal"].zero_grad()
            opt.aveGrad["sal"] = samples_rest["sal"].size(0)

        if (samples_rest["sal"].size(0)) > 0:
            loss_all_rest.backward()

        if opt.aveGrad["global"] >= opt.batch_sizes["global"]:
            optimizer["global"].step()
            optimizer["global"].zero_grad()
            opt.aveGrad["global"] = 0

        batch_time.update(time.time() - end_time)
        end_time = time.time()

        batch_logger.log(
            {
                "epoch": epoch,
                "batch": i + 1,
                "iter": (epoch - 1) * len(data_loader) + (i + 1),
                "loss": losses.val,
                "cc": cc.val,
                "nss": nss.val,
                "lr": optimizer["global"].param_groups[0]["lr"],
            }
        )

    epoch_logger.log({"epoch": epoch, "loss": losses.avg, "cc": cc.avg, "nss": nss.avg})
    return opt
