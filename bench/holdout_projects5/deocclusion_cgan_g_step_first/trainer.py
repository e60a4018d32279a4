import torch

import models


class Trainer(object):
    def __init__(self, args):
        self.args = args
        self.model = models.__dict__[args["model"]["algo"]](args["model"])

    def train(self, n_iters=2):
        torch.manual_seed(0)
        for it in range(n_iters):
            rgb_gt = torch.rand(2, 3, 16, 16)
            visible_mask = (torch.rand(2, 1, 16, 16) > 0.3).float()
            rgb = rgb_gt * visible_mask
            self.model.set_input(rgb, visible_mask, None, rgb_gt)
            loss_dict = self.model.step()
        return loss_dict
