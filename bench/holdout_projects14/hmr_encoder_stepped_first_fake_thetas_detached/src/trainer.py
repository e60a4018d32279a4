# case: HMR trainer in the repository's order: e_opt.step() before d_loss.backward() is harmless because the discriminator sees total_predict_thetas.detach()
# source: https://github.com/MandyMo/pytorch_HMR/issues/15
from collections import OrderedDict

import torch
from torch.utils.data import DataLoader

from config import args
from dataloader.hum36m_dataloader import hum36m_dataloader
from dataloader.lsp_dataloader import LspLoader
from dataloader.mosh_dataloader import mosh_dataloader
from Discriminator import Discriminator
from model import HMRNetBase


class HMRTrainer(object):
    def __init__(self):
        self.pix_format = "NCHW"
        self.normalize = True
        self._build_model()
        self._create_data_loader()

    def _create_data_loader(self):
        self.loader_2d = DataLoader(
            LspLoader(args.crop_size, args.joint_count), batch_size=args.batch_2d_size, shuffle=True, drop_last=True
        )
        self.loader_3d = DataLoader(
            hum36m_dataloader(args.crop_size, args.joint_count, args.total_theta_count),
            batch_size=args.batch_3d_size,
            shuffle=True,
            drop_last=True,
        )
        self.loader_mosh = DataLoader(
            mosh_dataloader(args.total_theta_count), batch_size=args.adv_batch_size, shuffle=True, drop_last=True
        )

    def _build_model(self):
        print("start building modle.")
        self.generator = HMRNetBase()
        self.discriminator = Discriminator()

        self.e_opt = torch.optim.Adam(self.generator.parameters(), lr=args.e_lr, weight_decay=args.e_wd)
        self.d_opt = torch.optim.Adam(self.discriminator.parameters(), lr=args.d_lr, weight_decay=args.d_wd)
        self.e_sche = torch.optim.lr_scheduler.StepLR(self.e_opt, step_size=500, gamma=0.9)
        self.d_sche = torch.optim.lr_scheduler.StepLR(self.d_opt, step_size=500, gamma=0.9)
        print("finished build model.")

    def train(self):
        loader_2d, loader_3d, loader_mosh = iter(self.loader_2d), iter(self.loader_3d), iter(self.loader_mosh)
        e_opt, d_opt = self.e_opt, self.d_opt

        self.generator.train()
        self.discriminator.train()

        for iter_index in range(args.iter_count):
            try:
                data_2d = next(loader_2d)
            except StopIteration:
                loader_2d = iter(self.loader_2d)
                data_2d = next(loader_2d)

            try:
                data_3d = next(loader_3d)
            except StopIteration:
                loader_3d = iter(self.loader_3d)
                data_3d = next(loader_3d)

            try:
                data_mosh = next(loader_mosh)
            except StopIteration:
                loader_mosh = iter(self.loader_mosh)
                data_mosh = next(loader_mosh)

            image_from_2d, image_from_3d = data_2d["image"], data_3d["image"]
            images = torch.cat((image_from_2d, image_from_3d), dim=0)

            generator_outputs = self.generator(images)

            (
                loss_kp_2d,
                loss_kp_3d,
                loss_shape,
                loss_pose,
                e_disc_loss,
                d_disc_loss,
                d_disc_real,
                d_disc_predict,
            ) = self._calc_loss(generator_outputs, data_2d, data_3d, data_mosh)

            e_loss = loss_kp_2d + loss_kp_3d + loss_shape + loss_pose + e_disc_loss
            d_loss = d_disc_loss

            e_opt.zero_grad()
            e_loss.backward()
            e_opt.step()

            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()

            iter_msg = OrderedDict(
                [
                    ("iter", iter_index),
                    ("e_loss", float(e_loss)),
                    ("2d_loss", float(loss_kp_2d)),
                    ("3d_loss", float(loss_kp_3d)),
                    ("shape_loss", float(loss_shape)),
                    ("pose_loss", float(loss_pose)),
                    ("e_disc_loss", float(e_disc_loss)),
                    ("d_disc_loss", float(d_disc_loss)),
                    ("d_disc_real", float(d_disc_real)),
                    ("d_disc_predict", float(d_disc_predict)),
                ]
            )
            print(iter_msg)

        self.e_sche.step()
        self.d_sche.step()

    def _calc_loss(self, generator_outputs, data_2d, data_3d, data_mosh):
        def _accumulate_thetas(generator_outputs):
            thetas = []
            for theta, verts, j2d, j3d, Rs in generator_outputs:
                thetas.append(theta)
            return torch.cat(thetas, 0)

        sample_2d_count = data_2d["kp_2d"].shape[0]
        data_3d_theta = data_3d["theta"]
        w_3d, w_smpl = data_3d["w_3d"].float(), data_3d["w_smpl"].float()

        total_predict_thetas = _accumulate_thetas(generator_outputs)
        (predict_theta, predict_verts, predict_j2d, predict_j3d, predict_Rs) = generator_outputs[-1]

        real_2d, real_3d = torch.cat((data_2d["kp_2d"], data_3d["kp_2d"]), 0), data_3d["kp_3d"].float()
        predict_j3d, predict_theta = predict_j3d[sample_2d_count:, :], predict_theta[sample_2d_count:, :]

        loss_kp_2d = self.batch_kp_2d_l1_loss(real_2d, predict_j2d) * args.e_loss_weight
        loss_kp_3d = (
            self.batch_kp_3d_l2_loss(real_3d, predict_j3d, w_3d) * args.e_3d_loss_weight * args.e_3d_kp_ratio
        )

        pose_end = 3 + 3 * args.joint_count
        real_shape, predict_shape = data_3d_theta[:, pose_end:], predict_theta[:, pose_end:]
        loss_shape = (
            self.batch_shape_l2_loss(real_shape, predict_shape, w_smpl) * args.e_3d_loss_weight * args.e_shape_ratio
        )

        real_pose, predict_pose = data_3d_theta[:, 3:pose_end], predict_theta[:, 3:pose_end]
        loss_pose = (
            self.batch_pose_l2_loss(real_pose.contiguous(), predict_pose.contiguous(), w_smpl)
            * args.e_3d_loss_weight
            * args.e_pose_ratio
        )

        e_disc_loss = (
            self.batch_encoder_disc_l2_loss(self.discriminator(total_predict_thetas))
            * args.d_loss_weight
            * args.d_disc_ratio
        )

        mosh_real_thetas = data_mosh["theta"]
        fake_thetas = total_predict_thetas.detach()
        fake_disc_value, real_disc_value = self.discriminator(fake_thetas), self.discriminator(mosh_real_thetas)
        d_disc_real, d_disc_fake, d_disc_loss = self.batch_adv_disc_l2_loss(real_disc_value, fake_disc_value)
        scale = args.d_loss_weight * args.d_disc_ratio
        d_disc_real, d_disc_fake, d_disc_loss = d_disc_real * scale, d_disc_fake * scale, d_disc_loss * scale

        return loss_kp_2d, loss_kp_3d, loss_shape, loss_pose, e_disc_loss, d_disc_loss, d_disc_real, d_disc_fake

    def batch_kp_2d_l1_loss(self, real_2d_kp, predict_2d_kp):
        """real: N x K x 3 (x, y, visibility); predict: N x K x 2"""
        kp_gt = real_2d_kp.view(-1, 3)
        kp_pred = predict_2d_kp.contiguous().view(-1, 2)
        vis = kp_gt[:, 2]
        k = torch.sum(vis) * 2.0 + 1e-8
        dif_abs = torch.abs(kp_gt[:, :2] - kp_pred).sum(1)
        return torch.matmul(dif_abs, vis) * 1.0 / k

    def batch_kp_3d_l2_loss(self, real_3d_kp, fake_3d_kp, w_3d):
        shape = real_3d_kp.shape
        k = torch.sum(w_3d) * shape[1] * 3.0 * 2.0 + 1e-8
        real_3d_kp = real_3d_kp - real_3d_kp[:, :1, :]
        fake_3d_kp = fake_3d_kp - fake_3d_kp[:, :1, :]
        kp_dif = ((real_3d_kp - fake_3d_kp) ** 2).sum(2).sum(1)
        return torch.matmul(kp_dif, w_3d) * 1.0 / k

    def batch_shape_l2_loss(self, real_shape, fake_shape, w_shape):
        k = torch.sum(w_shape) * 2.0 + 1e-8
        shape_dif = ((real_shape - fake_shape) ** 2).sum(1)
        return torch.matmul(shape_dif, w_shape) * 1.0 / k

    def batch_pose_l2_loss(self, real_pose, fake_pose, w_pose):
        import util

        k = torch.sum(w_pose) * args.joint_count * 9.0 * 2.0 + 1e-8
        real_rs = util.batch_rodrigues(real_pose.view(-1, 3)).view(-1, args.joint_count * 9)
        fake_rs = util.batch_rodrigues(fake_pose.view(-1, 3)).view(-1, args.joint_count * 9)
        dif_rs = ((real_rs - fake_rs) ** 2).view(-1, args.joint_count * 9).sum(1)
        return torch.matmul(dif_rs, w_pose) * 1.0 / k

    def batch_encoder_disc_l2_loss(self, disc_value):
        k = disc_value.shape[0]
        return torch.sum((disc_value - 1.0) ** 2) * 1.0 / k

    def batch_adv_disc_l2_loss(self, real_disc_value, fake_disc_value):
        ka = real_disc_value.shape[0]
        kb = fake_disc_value.shape[0]
        lb, la = torch.sum(fake_disc_value**2) / kb, torch.sum((real_disc_value - 1) ** 2) / ka
        return la, lb, la + lb


if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = HMRTrainer()
    trainer.train()
