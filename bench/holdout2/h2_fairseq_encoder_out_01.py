# case: fconv-style seq2seq: at decode time the user rewrites a slice of the encoder output, `encoder_out[0][:, :, j] = do_something(encoder_out[0][:, :, j])`, after earlier decoder steps already used encoder_out in the attention bmm
# source: https://github.com/facebookresearch/fairseq/issues/251
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class FConvEncoder(nn.Module):
    def __init__(self, num_embeddings=12, embed_dim=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(num_embeddings, embed_dim)
        self.conv = nn.Conv1d(embed_dim, 2 * embed_dim, 3, padding=1)

    def forward(self, src_tokens):
        x = self.embed_tokens(src_tokens)
        input_embedding = x
        x = F.glu(self.conv(x.transpose(1, 2)), dim=1).transpose(1, 2)
        y = (x + input_embedding) * math.sqrt(0.5)
        # B x T x C -> B x C x T for the attention bmm
        return x.transpose(1, 2), y


class AttentionLayer(nn.Module):
    def __init__(self, embed_dim):
        super().__init__()
        self.in_projection = nn.Linear(embed_dim, embed_dim)

    def forward(self, x, encoder_out):
        x = self.in_projection(x)
        x = torch.bmm(x, encoder_out[0])  # saver
        attn_scores = F.softmax(x, dim=-1)
        return torch.bmm(attn_scores, encoder_out[1])


def do_something(t):
    return t * 0.5


torch.manual_seed(0)
encoder = FConvEncoder()
attention = AttentionLayer(8)
embed_out = nn.Embedding(12, 8)
fc_out = nn.Linear(8, 12)

src_tokens = torch.randint(0, 12, (2, 5))
prev_output_tokens = torch.randint(0, 12, (2, 4))
target = torch.randint(0, 12, (2, 4))

encoder_out = encoder(src_tokens)
logits = []
for j in range(prev_output_tokens.size(1)):
    q = embed_out(prev_output_tokens[:, j:j + 1])
    ctx = attention(q, encoder_out)
    logits.append(fc_out(ctx + q))
    encoder_out[0][:, :, j] = do_something(encoder_out[0][:, :, j])  # expect: GG002
loss = F.cross_entropy(torch.cat(logits, 1).reshape(-1, 12), target.reshape(-1))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
