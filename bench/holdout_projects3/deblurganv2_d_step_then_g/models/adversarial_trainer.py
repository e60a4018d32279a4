import torch


class GANTrainer:
    """LSGAN-style losses; D is always evaluated on a detached fake, G's loss calls D again."""

    def __init__(self, net_d):
        self.net_d = net_d

    def loss_d(self, pred, gt):
        pred_fake = self.net_d(pred.detach())
        pred_real = self.net_d(gt)
        return (torch.mean((pred_real - 1) ** 2) + torch.mean(pred_fake ** 2)) / 2

    def loss_g(self, pred, gt):
        pred_fake = self.net_d(pred)
        return torch.mean((pred_fake - 1) ** 2) / 2
