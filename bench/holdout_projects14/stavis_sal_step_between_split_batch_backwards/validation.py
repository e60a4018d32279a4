import torch

from models.sal_losses import cc_score
from utils import AverageMeter


def val_epoch(epoch, nEpochs, data_loader, model, opt, logger):
    print("validation at epoch {}".format(epoch))
    model.eval()
    cc = AverageMeter()
    with torch.no_grad():
        for i, (data, targets, valid) in enumerate(data_loader):
            outputs = model(data["rgb"], data["audio"])
            cc_tmp = cc_score(outputs["sal"][-1], targets["salmap"].float(), valid["sal"].float(), reduce=False)
            cc.update(float(-cc_tmp.mean()), data["rgb"].size(0))
    logger.log({"epoch": epoch, "cc": cc.avg})
    return cc.avg
