# case: fix of the VaGAN-GMM training step (ours; the thread only reports that downgrading torch helps): the discriminator loss uses its own response to the detached fake, dis(fake_images.detach()), so after gen_enc_gmm_ops.step() the discriminator backward no longer reaches the generator and encoder
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
        return self.model(x).view(x.size(0), *self.x_shape)


class Encoder(nn.Module):
    def __init__(self, input_channels, output_channels, cshape):
        super().__init__()
        iels = int(np.prod(cshape))
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
        self.mu = nn.Linear(32, output_channels)
        self.con = nn.Linear(32, output_channels)
        init_weights(self)

    def forward(self, x):
        z = self.model(x)
        mu = self.mu(z)
        log_sigma = self.con(z)
        sigma = torch.exp(log_sigma * 0.5)
        z = mu + sigma * torch.randn_like(mu)
        return z, mu, log_sigma


class GMM(nn.Module):
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


def gmm_Loss(z_mu, z_sigma2_log, gmm):
    det = 1e-10
    z = torch.randn_like(z_mu) * torch.exp(z_sigma2_log / 2) + z_mu
    pi, mu_c, log_sigma2_c = gmm.pi_, gmm.mu_c, gmm.log_sigma2_c
    yita_c = torch.exp(torch.log(pi.unsqueeze(0)) + gmm.gaussian_pdfs_log(z, mu_c, log_sigma2_c)) + det
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


def get_dataloader(batch_size, data_size, picture_size):
    images = torch.rand(data_size, *picture_size).round()
    targets = torch.randint(0, 10, (data_size,))
    dataset = torch.utils.data.TensorDataset(images, targets)
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)


def main(dataset_name="mnist", n_epochs=1):
    n_cluster, b1, b2, decay, lr = 10, 0.5, 0.99, 2.5e-5, 1e-4
    w_distance = True
    n_skip_iter = 1 if w_distance else 4
    (pretrain_batch_size, train_batch_size, latent_dim, picture_size, cshape, data_size, pre_epoch, pre_lr, train_lr) = DATA_PARAMS[dataset_name]

    gen = Generator(latent_dim=latent_dim, x_shape=picture_size, cshape=cshape)
    dis = Discriminator(input_channels=picture_size[0], cshape=cshape, w_distance=w_distance)
    gmm = GMM(n_cluster=n_cluster, n_features=latent_dim)
    encoder = Encoder(input_channels=picture_size[0], output_channels=latent_dim, cshape=cshape)
    xe_loss = nn.BCELoss(reduction="sum")

    gen_enc_ops = torch.optim.Adam(chain(gen.parameters(), encoder.parameters()), lr=pre_lr, betas=(b1, b2), weight_decay=decay)
    gen_enc_gmm_ops = torch.optim.Adam(chain(gen.parameters(), encoder.parameters(), gmm.parameters()), lr=train_lr, betas=(b1, b2))
    dis_ops = torch.optim.Adam(dis.parameters(), lr=lr, betas=(b1, b2))

    # pretraining (reconstruction only), then the GMM is initialised from the encoded means
    dataloader = get_dataloader(pretrain_batch_size, data_size, picture_size)
    for _ in range(pre_epoch):
        for x, _y in dataloader:
            _, z, _ = encoder(x)
            loss = xe_loss(gen(z), x) / pretrain_batch_size
            gen_enc_ops.zero_grad()
            loss.backward()
            gen_enc_ops.step()
    encoder.con.load_state_dict(encoder.mu.state_dict())
    with torch.no_grad():
        Z = torch.cat([encoder(x)[1] for x, _y in dataloader], 0)
    gmm.mu_c.data = Z[torch.randperm(Z.size(0))[:n_cluster]].clone()
    gmm.log_sigma2_c.data = torch.log(Z.var(0, keepdim=True).repeat(n_cluster, 1) + 1e-3)

    dataloader = get_dataloader(train_batch_size, data_size, picture_size)
    for epoch in range(n_epochs):
        g_t_loss, d_t_loss = 0, 0
        for index, (real_images, target) in enumerate(dataloader):
            gen.train()
            gmm.train()
            encoder.train()
            encoder.zero_grad()
            gen.zero_grad()
            gmm.zero_grad()
            dis.zero_grad()
            gen_enc_gmm_ops.zero_grad()

            z, z_mu, z_sigma2_log = encoder(real_images)
            fake_images = gen(z)
            rec_loss = xe_loss(fake_images, real_images) * real_images.size(1) / train_batch_size
            D_real = dis(real_images)
            D_fake = dis(fake_images)

            if index % n_skip_iter == n_skip_iter - 1:
                # train generator, encoder and gmm
                if w_distance:
                    g_loss = torch.mean(D_fake) + gmm_Loss(z_mu, z_sigma2_log, gmm) + rec_loss
                else:
                    g_loss = torch.mean(-torch.log(D_fake)) + gmm_Loss(z_mu, z_sigma2_log, gmm) + rec_loss
                g_loss.backward(retain_graph=True)
                gen_enc_gmm_ops.step()
                g_t_loss += g_loss.item()

            # train discriminator
            dis_ops.zero_grad()
            if w_distance:
                grad_penalty = calc_gradient_penalty(dis, real_images, fake_images)
                d_loss = torch.mean(D_real) - torch.mean(dis(fake_images.detach())) + grad_penalty
            else:
                d_loss = torch.mean(-torch.log(D_real) - torch.log(1 - dis(fake_images.detach()))) / 2
            d_loss.backward()
            dis_ops.step()
            d_t_loss += d_loss.item()
        print(f"[VaGAN]: epoch: {epoch}, g_loss: {g_t_loss / len(dataloader)}, d_loss: {d_t_loss / len(dataloader)}")


main()
