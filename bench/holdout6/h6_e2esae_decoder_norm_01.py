# source: https://github.com/ApolloResearch/e2e_sae/pull/46
# case: SAE before the PR: forward first rebinds the decoder weight's data to its column-normalised copy (`self.decoder.weight.data = F.normalize(...)`), then uses the decoder; nothing has saved the weight yet when its data is replaced
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class SAE(nn.Module):
    def __init__(self, input_size, n_dict_components):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_size, n_dict_components, bias=True), nn.ReLU())
        self.decoder = nn.Linear(n_dict_components, input_size, bias=True)

    def forward(self, x):
        c = self.encoder(x)
        self.decoder.weight.data = F.normalize(self.decoder.weight.data, dim=0)
        x_hat = self.decoder(c)
        return x_hat, c


def train_step(sae, optimizer, acts, sparsity_coeff=1e-2):
    x_hat, c = sae(acts)
    loss = F.mse_loss(x_hat, acts) + sparsity_coeff * c.abs().sum(-1).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


sae = SAE(input_size=6, n_dict_components=12)
optimizer = torch.optim.Adam(sae.parameters(), lr=1e-3)
for _ in range(3):
    train_step(sae, optimizer, torch.randn(5, 6))
