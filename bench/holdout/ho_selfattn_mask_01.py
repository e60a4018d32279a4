# case: Encoder runs two SelfAttention modules on the same seqs; each starts with `seqs *= ~timeline_mask`, so the second one overwrites the input the first one's LayerNorm/attention saved
# source: https://github.com/orion-orion/FedDCSR/issues/3
import torch
import torch.nn as nn

hidden_size, num_heads, num_blocks, dropout_rate = 8, 2, 1, 0.0


class PointWiseFeedForward(nn.Module):
    def __init__(self, hidden_units, dropout_rate):
        super().__init__()
        self.conv1 = nn.Conv1d(hidden_units, hidden_units, kernel_size=1)
        self.dropout1 = nn.Dropout(p=dropout_rate)
        self.conv2 = nn.Conv1d(hidden_units, hidden_units, kernel_size=1)
        self.dropout2 = nn.Dropout(p=dropout_rate)

    def forward(self, inputs):
        outputs = torch.relu(self.dropout1(self.conv1(inputs.transpose(-1, -2))))
        outputs = self.dropout2(self.conv2(outputs))
        outputs = outputs.transpose(-1, -2)
        outputs += inputs
        return outputs


class SelfAttention(nn.Module):
    def __init__(self, num_items):
        super().__init__()
        self.num_items = num_items
        self.attention_layernorms = nn.ModuleList()
        self.attention_layers = nn.ModuleList()
        self.forward_layernorms = nn.ModuleList()
        self.forward_layers = nn.ModuleList()
        self.last_layernorm = nn.LayerNorm(hidden_size, eps=1e-8)
        for _ in range(num_blocks):
            self.attention_layernorms.append(nn.LayerNorm(hidden_size, eps=1e-8))
            self.attention_layers.append(nn.MultiheadAttention(hidden_size, num_heads, dropout_rate))
            self.forward_layernorms.append(nn.LayerNorm(hidden_size, eps=1e-8))
            self.forward_layers.append(PointWiseFeedForward(hidden_size, dropout_rate))

    def forward(self, seqs, seqs_data):
        timeline_mask = torch.BoolTensor(seqs_data.cpu() == self.num_items)
        seqs *= ~timeline_mask.unsqueeze(-1)  # expect: GG002

        tl = seqs.shape[1]
        attention_mask = ~torch.tril(torch.ones((tl, tl), dtype=torch.bool))

        for i in range(len(self.attention_layers)):
            seqs = torch.transpose(seqs, 0, 1)
            Q = self.attention_layernorms[i](seqs)  # saver
            mha_outputs, _ = self.attention_layers[i](Q, seqs, seqs, attn_mask=attention_mask)
            seqs = Q + mha_outputs
            seqs = torch.transpose(seqs, 0, 1)

            seqs = self.forward_layernorms[i](seqs)
            seqs = self.forward_layers[i](seqs)
            seqs *= ~timeline_mask.unsqueeze(-1)

        log_feats = self.last_layernorm(seqs)
        return log_feats


class Encoder(nn.Module):
    def __init__(self, num_items):
        super().__init__()
        self.encoder_mu = SelfAttention(num_items)
        self.encoder_logvar = SelfAttention(num_items)

    def forward(self, seqs, seqs_data):
        mu = self.encoder_mu(seqs, seqs_data)
        logvar = self.encoder_logvar(seqs, seqs_data)
        return mu, logvar


num_items = 20
item_emb = nn.Embedding(num_items + 1, hidden_size, padding_idx=num_items)
layer_norm = nn.LayerNorm(hidden_size, eps=1e-12)
encoder = Encoder(num_items)

seqs_data = torch.randint(0, num_items + 1, (4, 5))
seqs_emb = item_emb(seqs_data) * hidden_size ** 0.5
seqs_emb = layer_norm(seqs_emb)
mu, logvar = encoder(seqs_emb, seqs_data)
z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
loss = z.pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
