import torch


class GANTrainer:
    """LSGAN-style losses; D's output on the (non-detached) fake is cached and reused for G's loss."""

    def __init__(self, net_d):
        self.net_d = net_d

    def loss_d(self, pred, gt):
        self.pred_fake = self.net_d(pred)
        pred_real = self.net_d(gt)
        return (torch.mean((pred_real - 1) ** 2) + torch.mean(self.pred_fake ** 2)) / 2

    def loss_g(self, pred, gt):
        return torch.mean((self.pred_fake - 1) ** 2) / 2
