# case: variant written for the set: the decoder step reuses the discriminator outputs of the discriminator step (gen_img_loss = -dis_img_loss) instead of running D again as the notebook does; opt_dis.step() has already overwritten D's weights, so err_dec.backward() fails inside the discriminator
# source: https://github.com/hui-po-wang/Pytorch-VAE-GAN/issues/5
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self, input_channels, output_channels, representation_size=4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(input_channels, representation_size, 5, stride=2, padding=2),
            nn.BatchNorm2d(representation_size),
            nn.ReLU(),
            nn.Conv2d(representation_size, representation_size * 2, 5, stride=2, padding=2),
            nn.BatchNorm2d(representation_size * 2),
            nn.ReLU(),
        )
        self.mean = nn.Sequential(nn.Linear(representation_size * 2 * 2 * 2, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, output_channels))
        self.logvar = nn.Sequential(nn.Linear(representation_size * 2 * 2 * 2, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, output_channels))

    def forward(self, x):
        hidden = self.features(x).view(x.size(0), -1)
        return self.mean(hidden), self.logvar(hidden)


class Decoder(nn.Module):
    def __init__(self, input_size, representation_size=(8, 2, 2)):
        super().__init__()
        self.representation_size = representation_size
        dim = representation_size[0] * representation_size[1] * representation_size[2]
        self.preprocess = nn.Sequential(nn.Linear(input_size, dim), nn.BatchNorm1d(dim), nn.ReLU())
        self.deconv1 = nn.ConvTranspose2d(representation_size[0], 4, 5, stride=2, padding=2)
        self.act1 = nn.Sequential(nn.BatchNorm2d(4), nn.ReLU())
        self.deconv2 = nn.ConvTranspose2d(4, 3, 5, stride=2, padding=2)
        self.activation = nn.Tanh()

    def forward(self, code):
        bs = code.size(0)
        x = self.preprocess(code).view(-1, *self.representation_size)
        x = self.act1(self.deconv1(x, output_size=(bs, 4, 4, 4)))
        return self.activation(self.deconv2(x, output_size=(bs, 3, 8, 8)))


class VAE_GAN_Generator(nn.Module):
    def __init__(self, input_channels, hidden_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.encoder = Encoder(input_channels, hidden_size)
        self.decoder = Decoder(hidden_size)

    def forward(self, x):
        mean, logvar = self.encoder(x)
        std = logvar.mul(0.5).exp_()
        reparametrized_noise = mean + std * torch.randn((x.size(0), self.hidden_size))
        return mean, logvar, self.decoder(reparametrized_noise)


class Discriminator(nn.Module):
    def __init__(self, input_channels):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(input_channels, 4, 5, stride=1, padding=2),
            nn.BatchNorm2d(4),
            nn.LeakyReLU(0.2),
            nn.Conv2d(4, 8, 5, stride=2, padding=2),
            nn.BatchNorm2d(8),
            nn.LeakyReLU(0.2),
        )
        self.lth_features = nn.Sequential(nn.Linear(8 * 4 * 4, 16), nn.LeakyReLU(0.2))
        self.sigmoid_output = nn.Sequential(nn.Linear(16, 1), nn.Sigmoid())

    def forward(self, x):
        return self.sigmoid_output(self.similarity(x))  # saver

    def similarity(self, x):
        return self.lth_features(self.main(x).view(x.size(0), -1))


input_channels, hidden_size, lr = 3, 6, 3e-4
beta, alpha, gamma = 5, 0.1, 15
G = VAE_GAN_Generator(input_channels, hidden_size)
D = Discriminator(input_channels)
criterion = nn.BCELoss()
opt_enc = optim.RMSprop(G.encoder.parameters(), lr=lr)
opt_dec = optim.RMSprop(G.decoder.parameters(), lr=lr)
opt_dis = optim.RMSprop(D.parameters(), lr=lr * alpha)

train_loader = [(torch.rand(4, 3, 8, 8) * 2 - 1, 0) for _ in range(2)]
for epoch in range(1):
    for data, _ in train_loader:
        batch_size = data.size(0)
        ones_label = torch.ones(batch_size, 1)
        zeros_label = torch.zeros(batch_size, 1)
        mean, logvar, rec_enc = G(data)
        rec_noise = G.decoder(torch.randn(batch_size, hidden_size))

        # train discriminator
        errD_real = criterion(D(data), ones_label)
        errD_rec_enc = criterion(D(rec_enc), zeros_label)
        errD_rec_noise = criterion(D(rec_noise), zeros_label)
        dis_img_loss = errD_real + errD_rec_enc + errD_rec_noise
        opt_dis.zero_grad()
        dis_img_loss.backward(retain_graph=True)
        opt_dis.step()  # expect: GG002

        # train decoder
        similarity_rec_enc = D.similarity(rec_enc)
        similarity_data = D.similarity(data)
        gen_img_loss = -dis_img_loss
        rec_loss = ((similarity_rec_enc - similarity_data) ** 2).mean()
        err_dec = gamma * rec_loss + gen_img_loss
        opt_dec.zero_grad()
        err_dec.backward(retain_graph=True, inputs=list(G.decoder.parameters()))  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

        # train encoder
        prior_loss = 1 + logvar - mean.pow(2) - logvar.exp()
        prior_loss = (-0.5 * torch.sum(prior_loss)) / torch.numel(mean.data)
        err_enc = prior_loss + beta * rec_loss
        opt_enc.zero_grad()
        err_enc.backward(inputs=list(G.encoder.parameters()))
        opt_dec.step()
        opt_enc.step()
