import torch
import torch.nn as nn
import torch.optim as optim

import model
from dataloader import make_loader
from options import get_args


class Trainer:
    def __init__(self):
        self.opt = get_args()
        self.models = {}
        self.weight = {"static": self.opt.static_weight}
        self.device = "cpu"
        self.criterion_d = nn.BCEWithLogitsLoss()
        self.parameters_to_train = []
        self.parameters_to_train_D = []

        self.models["encoder"] = model.Encoder()
        self.models["decoder"] = model.Decoder(self.models["encoder"].num_ch_enc)
        self.models["discriminator"] = model.Discriminator()

        for key in self.models.keys():
            self.models[key].to(self.device)
            if "discr" in key:
                self.parameters_to_train_D += list(self.models[key].parameters())
            else:
                self.parameters_to_train += list(self.models[key].parameters())

        self.model_optimizer = optim.Adam(self.parameters_to_train, self.opt.lr)
        self.model_optimizer_D = optim.Adam(self.parameters_to_train_D, self.opt.lr_D)
        self.train_loader = make_loader(self.opt.batch_size)

    def train(self):
        for self.epoch in range(self.opt.num_epochs):
            loss = self.run_epoch()
            print("Epoch: %d | Loss: %.4f | Discriminator Loss: %.4f" % (self.epoch, loss["loss"], loss["loss_discr"]))

    def run_epoch(self):
        loss = {"loss": 0.0, "loss_discr": 0.0}
        for batch_idx, inputs in enumerate(self.train_loader):
            outputs, losses = self.process_batch(inputs)
            self.model_optimizer.zero_grad()

            fake_pred = self.models["discriminator"](outputs["topview"])
            fake_pred_D = self.models["discriminator"](outputs["topview"].detach())
            real_pred = self.models["discriminator"](inputs["discr"])
            valid = torch.ones_like(fake_pred)
            fake = torch.zeros_like(fake_pred)
            loss_GAN = self.criterion_d(fake_pred, valid)
            loss_D = self.criterion_d(fake_pred_D, fake) + self.criterion_d(real_pred, valid)
            loss_G = self.opt.lambda_D * loss_GAN + losses["loss"]

            if self.epoch >= self.opt.discr_train_epoch:
                loss_G.backward(retain_graph=True)
                self.model_optimizer.step()
                self.model_optimizer_D.zero_grad()
                loss_D.backward()
                self.model_optimizer_D.step()
            else:
                losses["loss"].backward()
                self.model_optimizer.step()

            loss["loss"] += losses["loss"].item()
            loss["loss_discr"] += loss_D.item()
        loss["loss"] /= len(self.train_loader)
        loss["loss_discr"] /= len(self.train_loader)
        return loss

    def process_batch(self, inputs):
        outputs = {}
        for key, inpt in inputs.items():
            inputs[key] = inpt.to(self.device)
        features = self.models["encoder"](inputs["color"])
        outputs["topview"] = self.models["decoder"](features)
        losses = self.compute_losses(inputs, outputs)
        return outputs, losses

    def compute_losses(self, inputs, outputs):
        losses = {}
        losses["loss"] = self.compute_topview_loss(outputs["topview"], inputs[self.opt.type], self.weight[self.opt.type])
        return losses

    def compute_topview_loss(self, outputs, true_top_view, weight):
        true_top_view = torch.squeeze(true_top_view.long())
        loss = nn.CrossEntropyLoss(weight=torch.Tensor([1.0, weight]))
        return loss(outputs, true_top_view).mean()
