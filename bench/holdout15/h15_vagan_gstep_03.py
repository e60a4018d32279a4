# case: VaGAN with a Student-t mixture prior (train_smm_v2.py: the encoder also predicts degrees of freedom and samples through a Gamma reparameterisation, SMM.kl_Loss replaces gmm_Loss): the same order, g_loss.backward(retain_graph=True) and gen_enc_smm_ops.step() before the WGAN-GP discriminator loss, which backpropagates through D_fake and the generator/encoder weights that step modified
# source: https://github.com/fwt-team/VaGAN-pytorch/issues/1
from itertools import chain

import numpy as np
import torch
import torch.nn as nn
from torch.autograd import grad as torch_grad

torch.manual_seed(0)
np.random.seed(0)

DEVICE = torch.device("cpu")
# pretrain_batch_size, train_batch_size, latent_dim, picture_size, cshape, data_size, pre_epoch, pre_lr, train_lr
DATA_PARAMS = {"mnist": (8, 8, 6, (1, 12, 12), (16, 3, 3), 32, 1, 1e-3, 2e-4)}


class Reshape(nn.Module):
    def __init__(self, shape=()):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.size(0), *self.shape)


def init_weights(net):
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            m.weight.data.normal_(0, 0.02)
            m.bias.data.zero_()


class Generator(nn.Module):
    def __init__(self, latent_dim, x_shape, cshape):
        super().__init__()
        self.x_shape = x_shape
        iels = int(np.prod(cshape))
        self.model = nn.Sequential(
            nn.Linear(latent_dim, 32),
            nn.ReLU(True),
            nn.Linear(32, iels),
            nn.BatchNorm1d(iels),
            nn.ReLU(True),
            Reshape(cshape),
            nn.ConvTranspose2d(cshape[0], 8, 4, stride=2, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(True),
            nn.ConvTranspose2d(8, x_shape[0], 4, stride=2, padding=1),
            nn.Sigmoid(),
        )
        init_weights(self)

    def forward(self, x):
        return self.model(x).view(x.size(0), *self.x_shape)  # saver


class Encoder(nn.Module):
    def __init__(self, input_channels, output_channels, cshape, r=9):
        super().__init__()
        iels = int(np.prod(cshape))
        self.r = r
        self.model = nn.Sequential(
            nn.Conv2d(input_channels, 8, 4, stride=2, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(True),
            nn.Conv2d(8, cshape[0], 4, stride=2, padding=1),
            nn.BatchNorm2d(cshape[0]),
            nn.ReLU(True),
            Reshape((iels,)),
            nn.Linear(iels, 32),
            nn.BatchNorm1d(32),
            nn.ReLU(True),
        )
        self._mu = nn.Linear(32, output_channels)
        self._con = nn.Linear(32, output_channels)
        self._v = nn.Linear(32, 1)
        init_weights(self)
        self._v.weight.data.uniform_(0.01, 0.03)

    def forward(self, x):
        z = self.model(x)
        mu = self._mu(z)
        log_sigma = self._con(z)
        v = torch.exp(self._v(z)) + self.r
        sigma = torch.exp(log_sigma * 0.5)
        std_z = torch.from_numpy(np.random.normal(0, 1, size=sigma.size())).float()
        e = torch.tensor(np.random.uniform(-1, 1, sigma.size()), dtype=torch.float)
        z1 = (v / 2 - 1 / 3) * torch.pow(1 + e / torch.sqrt(9 * v / 2 - 3), 3)  # Gamma sample (Marsaglia-Tsang)
        z2 = torch.sqrt(v / (2 * z1))
        z = mu + sigma * z2 * std_z
        return z, mu, log_sigma - torch.log(z1)


class SMM(nn.Module):
    def __init__(self, n_cluster, n_features):
        super().__init__()
        self.n_cluster = n_cluster
        self.pi_ = nn.Parameter(torch.full((n_cluster,), 1.0 / n_cluster))
        self.mu_c = nn.Parameter(torch.zeros(n_cluster, n_features))
        self.log_sigma2_c = nn.Parameter(torch.zeros(n_cluster, n_features))

    def gaussian_pdfs_log(self, x, mus, log_sigma2s):
        return torch.cat(
            [self.gaussian_pdf_log(x, mus[c : c + 1, :], log_sigma2s[c : c + 1, :]).view(-1, 1) for c in range(self.n_cluster)], 1
        )

    @staticmethod
    def gaussian_pdf_log(x, mu, log_sigma2):
        return -0.5 * torch.sum(np.log(np.pi * 2) + log_sigma2 + (x - mu).pow(2) / torch.exp(log_sigma2), 1)

    def kl_Loss(self, z, z_mu, z_sigma2_log):
        det = 1e-10
        pi, mu_c, log_sigma2_c = self.pi_, self.mu_c, self.log_sigma2_c
        yita_c = torch.exp(torch.log(pi.unsqueeze(0)) + self.gaussian_pdfs_log(z, mu_c, log_sigma2_c)) + det
        yita_c = yita_c / yita_c.sum(1).view(-1, 1)
        loss = 0.5 * torch.mean(
            torch.sum(
                yita_c
                * torch.sum(
                    log_sigma2_c.unsqueeze(0)
                    + torch.exp(z_sigma2_log.unsqueeze(1) - log_sigma2_c.unsqueeze(0))
                    + (z_mu.unsqueeze(1) - mu_c.unsqueeze(0)).pow(2) / torch.exp(log_sigma2_c.unsqueeze(0)),
                    2,
                ),
                1,
            )
        )
        loss -= torch.mean(torch.sum(yita_c * torch.log(pi.unsqueeze(0) / yita_c), 1)) + 0.5 * torch.mean(
            torch.sum(1 + z_sigma2_log, 1)
        )
        return loss


class Discriminator(nn.Module):
    def __init__(self, input_channels, cshape, w_distance=True):
        super().__init__()
        iels = int(np.prod(cshape))
        self.model = nn.Sequential(
            nn.Conv2d(input_channels, 8, 4, stride=2, padding=1),
            nn.LeakyReLU(0.02, inplace=True),
            nn.Conv2d(8, cshape[0], 4, stride=2, padding=1),
            nn.LeakyReLU(0.02, inplace=True),
            Reshape((iels,)),
            nn.Linear(iels, 32),
            nn.LeakyReLU(0.02, inplace=True),
            nn.Linear(32, 1),
        )
        if w_distance is False:
            self.model = nn.Sequential(self.model, nn.Sigmoid())
        init_weights(self)

    def forward(self, img):
        return self.model(img)


def calc_gradient_penalty(netD, real_data, generated_data):
    b_size = real_data.size(0)
    alpha = torch.rand(b_size, 1, 1, 1).expand_as(real_data)
    interpolated = (alpha * real_data.data + (1 - alpha) * generated_data.data).requires_grad_(True)
    prob_interpolated = netD(interpolated)
    gradients = torch_grad(
        outputs=prob_interpolated,
        inputs=interpolated,
        grad_outputs=torch.ones(prob_interpolated.size()),
        create_graph=True,
        retain_graph=True,
    )[0]
    gradients = gradients.view(b_size, -1)
    gradients_norm = torch.sqrt(torch.sum(gradients**2, dim=1) + 1e-12)
    return 10 * ((gradients_norm - 1) ** 2).mean()


def get_dataloader(batch_size, data_size, picture_size):
    images = torch.rand(data_size, *picture_size).round()
    targets = torch.randint(0, 10, (data_size,))
    dataset = torch.utils.data.TensorDataset(images, targets)
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)


def main(dataset_name="mnist", n_epochs=1):
    n_cluster, b1, b2, decay, lr = 10, 0.5, 0.99, 2.5e-5, 1e-4
    w_distance = True
    n_skip_iter = 1
    (pretrain_batch_size, train_batch_size, latent_dim, picture_size, cshape, data_size, pre_epoch, pre_lr, train_lr) = DATA_PARAMS[dataset_name]

    gen = Generator(latent_dim=latent_dim, x_shape=picture_size, cshape=cshape)
    dis = Discriminator(input_channels=picture_size[0], cshape=cshape, w_distance=w_distance)
    smm = SMM(n_cluster=n_cluster, n_features=latent_dim)
    encoder = Encoder(input_channels=picture_size[0], output_channels=latent_dim, cshape=cshape)
    xe_loss = nn.BCELoss(reduction="sum")

    gen_enc_ops = torch.optim.Adam(chain(gen.parameters(), encoder.parameters()), lr=pre_lr, betas=(b1, b2), weight_decay=decay)
    gen_enc_smm_ops = torch.optim.Adam(chain(gen.parameters(), encoder.parameters(), smm.parameters()), lr=train_lr, betas=(b1, b2))
    dis_ops = torch.optim.Adam(dis.parameters(), lr=lr, betas=(b1, b2))

    # pretraining (reconstruction only), then the SMM is initialised from the encoded means
    dataloader = get_dataloader(pretrain_batch_size, data_size, picture_size)
    for _ in range(pre_epoch):
        for x, _y in dataloader:
            _, z, _ = encoder(x)
            loss = xe_loss(gen(z), x) / pretrain_batch_size
            gen_enc_ops.zero_grad()
            loss.backward()
            gen_enc_ops.step()
    encoder._con.load_state_dict(encoder._mu.state_dict())
    with torch.no_grad():
        Z = torch.cat([encoder(x)[1] for x, _y in dataloader], 0)
    smm.mu_c.data = Z[torch.randperm(Z.size(0))[:n_cluster]].clone()
    smm.log_sigma2_c.data = torch.log(Z.var(0, keepdim=True).repeat(n_cluster, 1) + 1e-3)

    dataloader = get_dataloader(train_batch_size, data_size, picture_size)
    for epoch in range(n_epochs):
        g_t_loss, d_t_loss = 0, 0
        for index, (real_images, target) in enumerate(dataloader):
            gen.train()
            smm.train()
            encoder.train()
            encoder.zero_grad()
            gen.zero_grad()
            smm.zero_grad()
            dis.zero_grad()
            gen_enc_smm_ops.zero_grad()

            z, z_mu, z_sigma_log = encoder(real_images)
            fake_images = gen(z)
            rec_loss = xe_loss(fake_images, real_images) * real_images.size(1) / train_batch_size
            D_real = dis(real_images)
            D_fake = dis(fake_images)

            if index % n_skip_iter == n_skip_iter - 1:
                # train generator, encoder and smm
                g_loss = torch.mean(D_fake) + smm.kl_Loss(z, z_mu, z_sigma_log) + rec_loss
                g_loss.backward(retain_graph=True)
                gen_enc_smm_ops.step()  # expect: GG002
                g_t_loss += g_loss.item()

            # train discriminator
            dis_ops.zero_grad()
            grad_penalty = calc_gradient_penalty(dis, real_images, fake_images)
            d_loss = torch.mean(D_real) - torch.mean(D_fake) + grad_penalty
            d_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            dis_ops.step()
            d_t_loss += d_loss.item()
        print(f"[VaGAN-SMM]: epoch: {epoch}, g_loss: {g_t_loss / len(dataloader)}, d_loss: {d_t_loss / len(dataloader)}")


main()
