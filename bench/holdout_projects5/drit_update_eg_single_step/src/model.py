import torch
import torch.nn as nn

import networks


class DRIT(nn.Module):
    def __init__(self, opts):
        super().__init__()
        lr = 0.0001
        self.nz = 8
        self.concat = opts.concat
        self.no_ms = opts.no_ms
        self.disA = networks.Dis(opts.input_dim_a)
        self.disB = networks.Dis(opts.input_dim_b)
        self.disA2 = networks.Dis(opts.input_dim_a)
        self.disB2 = networks.Dis(opts.input_dim_b)
        self.disContent = networks.Dis_content()
        self.enc_c = networks.E_content(opts.input_dim_a, opts.input_dim_b)
        self.enc_a = networks.E_attr(opts.input_dim_a, opts.input_dim_b, self.nz)
        self.gen = networks.G(opts.input_dim_a, opts.input_dim_b, nz=self.nz)
        adam = dict(lr=lr, betas=(0.5, 0.999), weight_decay=0.0001)
        self.disA_opt = torch.optim.Adam(self.disA.parameters(), **adam)
        self.disB_opt = torch.optim.Adam(self.disB.parameters(), **adam)
        self.enc_c_opt = torch.optim.Adam(self.enc_c.parameters(), **adam)
        self.enc_a_opt = torch.optim.Adam(self.enc_a.parameters(), **adam)
        self.gen_opt = torch.optim.Adam(self.gen.parameters(), **adam)
        self.criterionL1 = torch.nn.L1Loss()

    def initialize(self):
        for net in (self.disA, self.disB, self.disA2, self.disB2, self.disContent, self.gen, self.enc_c, self.enc_a):
            net.apply(networks.gaussian_weights_init)

    def get_z_random(self, batchSize, nz):
        return torch.randn(batchSize, nz)

    def forward(self):
        half_size = self.input_A.size(0) // 2
        self.real_A_encoded = self.input_A[0:half_size]
        self.real_B_encoded = self.input_B[0:half_size]
        self.z_content_a, self.z_content_b = self.enc_c.forward(self.real_A_encoded, self.real_B_encoded)
        self.z_attr_a, self.z_attr_b = self.enc_a.forward(self.real_A_encoded, self.real_B_encoded)
        self.z_random = self.get_z_random(self.real_A_encoded.size(0), self.nz)
        input_content_forA = torch.cat((self.z_content_b, self.z_content_a, self.z_content_b), 0)
        input_content_forB = torch.cat((self.z_content_a, self.z_content_b, self.z_content_a), 0)
        input_attr_forA = torch.cat((self.z_attr_a, self.z_attr_a, self.z_random), 0)
        input_attr_forB = torch.cat((self.z_attr_b, self.z_attr_b, self.z_random), 0)
        output_fakeA = self.gen.forward_a(input_content_forA, input_attr_forA)
        output_fakeB = self.gen.forward_b(input_content_forB, input_attr_forB)
        self.fake_A_encoded, self.fake_AA_encoded, self.fake_A_random = torch.split(output_fakeA, self.z_content_a.size(0), dim=0)
        self.fake_B_encoded, self.fake_BB_encoded, self.fake_B_random = torch.split(output_fakeB, self.z_content_a.size(0), dim=0)
        self.z_content_recon_b, self.z_content_recon_a = self.enc_c.forward(self.fake_A_encoded, self.fake_B_encoded)
        self.z_attr_recon_a, self.z_attr_recon_b = self.enc_a.forward(self.fake_A_encoded, self.fake_B_encoded)
        self.fake_A_recon = self.gen.forward_a(self.z_content_recon_a, self.z_attr_recon_a)
        self.fake_B_recon = self.gen.forward_b(self.z_content_recon_b, self.z_attr_recon_b)
        self.z_attr_random_a, self.z_attr_random_b = self.enc_a.forward(self.fake_A_random, self.fake_B_random)

    def update_D(self, image_a, image_b):
        self.input_A = image_a
        self.input_B = image_b
        self.forward()
        for dis, opt, real, fake in (
            (self.disA, self.disA_opt, self.real_A_encoded, self.fake_A_encoded),
            (self.disB, self.disB_opt, self.real_B_encoded, self.fake_B_encoded),
        ):
            opt.zero_grad()
            self.backward_D(dis, real, fake).backward()
            opt.step()

    def backward_D(self, netD, real, fake):
        pred_fake = netD.forward(fake.detach())
        pred_real = netD.forward(real)
        loss_D = 0
        for out_a, out_b in zip(pred_fake, pred_real):
            out_fake = torch.sigmoid(out_a)
            out_real = torch.sigmoid(out_b)
            ad_fake_loss = nn.functional.binary_cross_entropy(out_fake, torch.zeros_like(out_fake))
            ad_true_loss = nn.functional.binary_cross_entropy(out_real, torch.ones_like(out_real))
            loss_D += ad_true_loss + ad_fake_loss
        return loss_D

    def update_EG(self):
        # update G, Ec, Ea
        self.enc_c_opt.zero_grad()
        self.enc_a_opt.zero_grad()
        self.gen_opt.zero_grad()
        # do backward()
        self.backward_EG()
        # update G, Ec
        self.backward_G_alone()
        # do optimisation
        self.enc_c_opt.step()
        self.enc_a_opt.step()
        self.gen_opt.step()

    def backward_EG(self):
        loss_G_GAN_Acontent = self.backward_G_GAN_content(self.z_content_a)
        loss_G_GAN_Bcontent = self.backward_G_GAN_content(self.z_content_b)
        loss_G_GAN_A = self.backward_G_GAN(self.fake_A_encoded, self.disA)
        loss_G_GAN_B = self.backward_G_GAN(self.fake_B_encoded, self.disB)
        loss_kl_za_a = self._l2_regularize(self.z_attr_a) * 0.01
        loss_kl_za_b = self._l2_regularize(self.z_attr_b) * 0.01
        loss_kl_zc_a = self._l2_regularize(self.z_content_a) * 0.01
        loss_kl_zc_b = self._l2_regularize(self.z_content_b) * 0.01
        loss_G_L1_A = self.criterionL1(self.fake_A_recon, self.real_A_encoded) * 10
        loss_G_L1_B = self.criterionL1(self.fake_B_recon, self.real_B_encoded) * 10
        loss_G_L1_AA = self.criterionL1(self.fake_AA_encoded, self.real_A_encoded) * 10
        loss_G_L1_BB = self.criterionL1(self.fake_BB_encoded, self.real_B_encoded) * 10
        loss_G = (
            loss_G_GAN_A + loss_G_GAN_B + loss_G_GAN_Acontent + loss_G_GAN_Bcontent
            + loss_G_L1_AA + loss_G_L1_BB + loss_G_L1_A + loss_G_L1_B
            + loss_kl_zc_a + loss_kl_zc_b + loss_kl_za_a + loss_kl_za_b
        )
        loss_G.backward(retain_graph=True)
        self.G_loss = loss_G.item()

    def backward_G_GAN_content(self, data):
        outs = self.disContent.forward(data)
        for out in outs:
            outputs_fake = torch.sigmoid(out)
            all_half = 0.5 * torch.ones((outputs_fake.size(0)))
            ad_loss = nn.functional.binary_cross_entropy(outputs_fake, all_half)
        return ad_loss

    def backward_G_GAN(self, fake, netD=None):
        outs_fake = netD.forward(fake)
        loss_G = 0
        for out_a in outs_fake:
            outputs_fake = torch.sigmoid(out_a)
            all_ones = torch.ones_like(outputs_fake)
            loss_G += nn.functional.binary_cross_entropy(outputs_fake, all_ones)
        return loss_G

    def backward_G_alone(self):
        loss_G_GAN2_A = self.backward_G_GAN(self.fake_A_random, self.disA2)
        loss_G_GAN2_B = self.backward_G_GAN(self.fake_B_random, self.disB2)
        loss_z_L1_a = torch.mean(torch.abs(self.z_attr_random_a - self.z_random)) * 10
        loss_z_L1_b = torch.mean(torch.abs(self.z_attr_random_b - self.z_random)) * 10
        loss_z_L1 = loss_z_L1_a + loss_z_L1_b + loss_G_GAN2_A + loss_G_GAN2_B
        loss_z_L1.backward()
        self.l1_recon_z_loss_a = loss_z_L1_a.item()

    def _l2_regularize(self, mu):
        mu_2 = torch.pow(mu, 2)
        return torch.mean(mu_2)
