# case: the reading of the thread's answer (G's backward goes through the graph kept by retain_graph): the trainer caches D's output on the fake in `loss_d` and reuses it in `loss_g` after `optimizer_D.step()`
# source: https://github.com/VITA-Group/DeblurGANv2/issues/19
import torch
import torch.nn.functional as F

from models.adversarial_trainer import GANTrainer
from models.networks import get_discriminator, get_generator


class Trainer:
    def __init__(self):
        self.netG = get_generator()
        self.adv_trainer = GANTrainer(get_discriminator())
        self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=1e-4)
        self.optimizer_D = torch.optim.Adam(self.adv_trainer.net_d.parameters(), lr=1e-4)
        self.adv_lambda = 0.001

    def _update_d(self, outputs, targets):
        self.optimizer_D.zero_grad()
        loss_D = self.adv_lambda * self.adv_trainer.loss_d(outputs, targets)
        loss_D.backward(retain_graph=True)
        self.optimizer_D.step()  # expect: GG002
        return loss_D.item()

    def _run_epoch(self, batches):
        for inputs, targets in batches:
            outputs = self.netG(inputs)
            loss_D = self._update_d(outputs, targets)
            self.optimizer_G.zero_grad()
            loss_content = F.mse_loss(outputs, targets)
            loss_adv = self.adv_trainer.loss_g(outputs, targets)
            loss_G = loss_content + self.adv_lambda * loss_adv
            loss_G.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            self.optimizer_G.step()


torch.manual_seed(0)
Trainer()._run_epoch([(torch.randn(2, 3, 8, 8), torch.randn(2, 3, 8, 8)) for _ in range(2)])
