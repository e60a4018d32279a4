# case: the dall-e-baby trainer with the test block ending in `model.train()`: training forwards stay on the gumbel_softmax branch, the eval branch's `softmax.scatter_` only runs under torch.no_grad(), and training runs cleanly
# source: https://github.com/yashbonde/dall-e-baby/issues/1
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import einsum


class ResidualLayer(nn.Module):
    def __init__(self, in_channels, out_channels):
        super(ResidualLayer, self).__init__()
        self.resblock = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.LeakyReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, kernel_size=1, bias=False),
            nn.BatchNorm2d(out_channels),
        )

    def forward(self, input):
        return input + self.resblock(input)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class VQVAE_v3(nn.Module):
    def __init__(self, in_channels, embedding_dim, num_embeddings, hidden_dims=[8, 16]):
        super().__init__()
        enc, c = [], in_channels
        for h_dim in hidden_dims:
            enc += [nn.Sequential(nn.Conv2d(c, h_dim, 4, 2, 1), nn.BatchNorm2d(h_dim), QuickGELU()),
                    ResidualLayer(h_dim, h_dim), QuickGELU()]
            c = h_dim
        enc.append(nn.Conv2d(c, num_embeddings, kernel_size=1, stride=1))
        self.encoder = nn.Sequential(*enc)
        self.codebook = nn.Embedding(num_embeddings, embedding_dim)
        dec = [nn.Sequential(nn.ConvTranspose2d(embedding_dim, hidden_dims[-1], 3, 1, 1),
                             nn.BatchNorm2d(hidden_dims[-1]), QuickGELU()),
               nn.ConvTranspose2d(hidden_dims[-1], hidden_dims[0], 4, 2, 1), QuickGELU(),
               nn.ConvTranspose2d(hidden_dims[0], in_channels, 4, 2, 1), nn.Tanh()]
        self.decoder = nn.Sequential(*dec)

    def forward(self, input):
        encoding = self.encoder(input)
        if self.training:
            softmax = F.gumbel_softmax(encoding, tau=1., hard=True, dim=1)
        else:
            # during testing we can ignore this added noise and go for standard softmax
            softmax = F.softmax(encoding, dim=1)
            softmax = softmax.scatter_(1, torch.argmax(softmax, dim=1).unsqueeze(1), 1)
        encoding_ids = torch.argmax(softmax, dim=1).view(encoding.size(0), -1)
        quantized_inputs = einsum("bdhw,dn->bnhw", softmax, self.codebook.weight)
        recons = self.decoder(quantized_inputs)
        loss = F.mse_loss(recons, input)
        return encoding_ids, loss, recons


class DiscreteVAETrainer:
    def __init__(self, model, train, test=None):
        self.model = model
        self.train_dataset = train
        self.test_dataset = test

    def train(self, bs, n_epochs, lr, test_every=2):
        model = self.model
        optim = torch.optim.Adam(model.parameters(), lr=lr)
        gs = 0
        train_losses = [-1]
        model.train()
        for epoch in range(n_epochs):
            for d in self.train_dataset:
                _, loss, _ = model(d)
                loss = loss.mean()
                optim.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.5)
                optim.step()
                gs += 1
                train_losses.append(loss.item())

                # ----- test condition
                if self.test_dataset is not None and gs and gs % test_every == 0:
                    model = model.eval()  # convert model to testing mode
                    test_loss = []
                    for d in self.test_dataset:
                        with torch.no_grad():
                            _, loss, output_img = model(d)
                        test_loss.append(loss.mean().item())
                    print(":::: Loss:", np.mean(test_loss))
                    model.train()


model = VQVAE_v3(in_channels=3, embedding_dim=4, num_embeddings=6)
train = [torch.rand(2, 3, 8, 8) * 2 - 1 for _ in range(4)]
test = [torch.rand(2, 3, 8, 8) * 2 - 1 for _ in range(1)]
DiscreteVAETrainer(model, train, test).train(bs=2, n_epochs=1, lr=1e-3)
