import torch
import torch.nn as nn
import torch.nn.functional as F

from networks import decoder, discriminator, encoder
from utils import get_scheduler, weights_init


class ArtGAN(nn.Module):
    def __init__(self, options):
        super(ArtGAN, self).__init__()
        self.encoder = encoder(options)
        self.decoder = decoder(options)
        self.discriminator = discriminator(options)
        self.discriminator_weight = {"pred_1": 1.0, "pred_2": 1.0, "pred_4": 1.0}
        self.loss = nn.BCEWithLogitsLoss(reduction="mean")
        self.mse = nn.MSELoss(reduction="mean")
        self.abs = nn.L1Loss(reduction="mean")

        dis_params = list(self.discriminator.parameters())
        gen_params = list(self.encoder.parameters()) + list(self.decoder.parameters())
        self.dis_opt = torch.optim.Adam([p for p in dis_params if p.requires_grad], lr=options.lr,
                                        betas=(0.5, 0.999), weight_decay=0.0001, amsgrad=True)
        self.gen_opt = torch.optim.Adam([p for p in gen_params if p.requires_grad], lr=options.lr,
                                        betas=(0.5, 0.999), weight_decay=0.0001, amsgrad=True)
        self.dis_scheduler = get_scheduler(self.dis_opt, options)
        self.gen_scheduler = get_scheduler(self.gen_opt, options)

        self.apply(weights_init(options.init))
        self.discriminator.apply(weights_init("gaussian"))
        self.gener_loss = torch.tensor(0.0)
        self.discr_loss = torch.tensor(0.0)

    def forward(self):
        return

    def gen_update(self, batch_content, batch_output, batch_output_preds, options):
        gener_loss = sum([self.loss(pred, torch.ones_like(pred)) * self.discriminator_weight[key]
                          for key, pred in batch_output_preds.items()])
        img_loss = self.mse(F.avg_pool2d(batch_output, kernel_size=4, stride=1),
                            F.avg_pool2d(batch_content, kernel_size=4, stride=1))
        feature_loss = self.abs(self.encoder(batch_output), self.encoder(batch_content))
        self.gener_loss = (options.discr_loss_weight * gener_loss
                           + options.transformer_loss_weight * img_loss
                           + options.feature_loss_weight * feature_loss)
        self.gener_loss.backward(retain_graph=True)
        self.gen_opt.step()
        del gener_loss, img_loss, feature_loss

        with torch.no_grad():
            acc = sum([(pred > torch.zeros_like(pred)).type_as(pred).mean() * self.discriminator_weight[key]
                       for key, pred in batch_output_preds.items()]).item()
        return acc / float(len(self.discriminator_weight))

    def dis_update(self, batch_art_preds, batch_content_preds, batch_output_preds, options):
        art_loss = sum([self.loss(pred, torch.ones_like(pred)) * self.discriminator_weight[key]
                        for key, pred in batch_art_preds.items()])
        content_loss = sum([self.loss(pred, torch.zeros_like(pred)) * self.discriminator_weight[key]
                            for key, pred in batch_content_preds.items()])
        output_loss = sum([self.loss(pred, torch.zeros_like(pred)) * self.discriminator_weight[key]
                           for key, pred in batch_output_preds.items()])
        self.discr_loss = options.discr_loss_weight * (art_loss + content_loss + output_loss)
        self.discr_loss.backward()
        self.dis_opt.step()
        del art_loss, content_loss, output_loss

        with torch.no_grad():
            art_acc = sum([(pred > 0).type_as(pred).mean() * self.discriminator_weight[key]
                           for key, pred in batch_art_preds.items()]).item()
            content_acc = sum([(pred < 0).type_as(pred).mean() * self.discriminator_weight[key]
                               for key, pred in batch_content_preds.items()]).item()
            output_acc = sum([(pred < 0).type_as(pred).mean() * self.discriminator_weight[key]
                              for key, pred in batch_output_preds.items()]).item()
        return (art_acc + content_acc + output_acc) / float(len(self.discriminator_weight) * 3)

    def update(self, batch_art, batch_content, options, discr_success, alpha, update_generator):
        self.dis_opt.zero_grad()
        self.gen_opt.zero_grad()
        batch_output = self.decoder(self.encoder(batch_content))
        batch_output_preds = self.discriminator(batch_output)
        batch_art_preds = self.discriminator(batch_art)
        batch_content_preds = self.discriminator(batch_content)

        if update_generator:
            g_acc = self.gen_update(batch_content, batch_output, batch_output_preds, options)
            discr_success = discr_success * (1.0 - alpha) + alpha * (1.0 - g_acc)
        d_output_preds = self.discriminator(batch_output.detach())
        d_acc = self.dis_update(batch_art_preds, batch_content_preds, d_output_preds, options)
        discr_success = discr_success * (1.0 - alpha) + alpha * d_acc
        del batch_output, batch_art_preds, batch_content_preds, batch_output_preds
        return discr_success

    def sample(self, test):
        self.eval()
        with torch.no_grad():
            y = self.decoder(self.encoder(test))
        self.train()
        return test, y

    def update_learning_rate(self):
        if self.dis_scheduler is not None:
            self.dis_scheduler.step()
        if self.gen_scheduler is not None:
            self.gen_scheduler.step()
