# case: EMANet's Session.train_batch updates the bases buffer in place under no_grad (`self.net.emau.mu *= momentum`, with the fix `emau`) before `loss.backward()`; in this EMAU the bases are taken as `self.mu.expand(b, -1, -1)`, a view sharing the buffer's version counter, and with STAGE_NUM = 0 the final E-step's bmm saves that view, so the moving-average update breaks the backward
# source: https://github.com/XiaLiPKU/EMANet/issues/8
import torch
import torch.nn as nn
from torch.nn.modules.batchnorm import _BatchNorm
from torch.optim import SGD
from torch.utils.data import DataLoader

import settings
from dataset import TrainDataset
from models import EMANet

logger = settings.logger


def get_params(model, key):
    for m in model.modules():
        if key == "1x" and isinstance(m, nn.Conv2d):
            yield m.weight
        elif key == "1y" and isinstance(m, _BatchNorm) and m.weight is not None:
            yield m.weight
        elif key == "2x" and isinstance(m, (nn.Conv2d, _BatchNorm)) and m.bias is not None:
            yield m.bias


class Session:
    def __init__(self):
        torch.manual_seed(66)
        self.step = 1
        self.dataloader = DataLoader(TrainDataset(), batch_size=settings.BATCH_SIZE, shuffle=False, drop_last=True)
        self.net = EMANet(settings.N_CLASSES, settings.N_LAYERS)
        self.opt = SGD(
            params=[
                {"params": get_params(self.net, key="1x"), "lr": settings.LR, "weight_decay": settings.WEIGHT_DECAY},
                {"params": get_params(self.net, key="1y"), "lr": settings.LR, "weight_decay": 0},
                {"params": get_params(self.net, key="2x"), "lr": 2 * settings.LR, "weight_decay": 0.0},
            ],
            momentum=settings.LR_MOM,
        )

    def train_batch(self, image, label):
        loss, mu = self.net(image, label)

        with torch.no_grad():
            mu = mu.mean(dim=0, keepdim=True)
            momentum = settings.EM_MOM
            self.net.emau.mu *= momentum  # expect: GG002
            self.net.emau.mu += mu * (1 - momentum)

        loss = loss.mean()
        self.opt.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.opt.step()
        return loss.item()


def main():
    sess = Session()
    dt_iter = iter(sess.dataloader)
    sess.net.train()
    while sess.step <= settings.ITER_MAX:
        try:
            image, label = next(dt_iter)
        except StopIteration:
            dt_iter = iter(sess.dataloader)
            image, label = next(dt_iter)
        loss = sess.train_batch(image, label)
        logger.info("step %d loss %.4f", sess.step, loss)
        sess.step += 1


if __name__ == "__main__":
    main()
