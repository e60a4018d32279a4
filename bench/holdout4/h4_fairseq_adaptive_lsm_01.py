# case: fairseq AdaptiveSoftmax.get_log_prob (May 2019) used to train on full log-probabilities: each tail cluster does `log_probs[idxs, start:end] = self.lsm(tail_out).add_(tail_priors[idxs, i, None])`, adding the cluster prior in place into the LogSoftmax output that its backward saved
# source: https://github.com/facebookresearch/fairseq/issues/760
import torch
import torch.nn.functional as F
from torch import nn


class AdaptiveSoftmax(nn.Module):
    def __init__(self, vocab_size, input_dim, cutoff, dropout):
        super().__init__()
        if vocab_size > cutoff[-1]:
            cutoff = cutoff + [vocab_size]
        output_dim = cutoff[0] + len(cutoff) - 1
        self.vocab_size = vocab_size
        self.cutoff = cutoff
        self.dropout = dropout
        self.lsm = nn.LogSoftmax(dim=1)
        self.head = nn.Linear(input_dim, output_dim, bias=False)
        self.tail = nn.ModuleList()
        for i in range(len(cutoff) - 1):
            self.tail.append(nn.Sequential(
                nn.Linear(input_dim, input_dim // 2 ** i, bias=False),
                nn.Dropout(dropout),
                nn.Linear(input_dim // 2 ** i, cutoff[i + 1] - cutoff[i], bias=False),
            ))

    def adapt_target(self, target):
        target = target.view(-1)
        new_target = [target.clone()]
        target_idxs = []
        for i in range(len(self.cutoff) - 1):
            mask = target.ge(self.cutoff[i]).mul(target.lt(self.cutoff[i + 1]))
            new_target[0][mask] = self.cutoff[0] + i
            if mask.any():
                target_idxs.append(mask.nonzero().squeeze(1))
                new_target.append(target[mask].add(-self.cutoff[i]))
            else:
                target_idxs.append(None)
                new_target.append(None)
        return new_target, target_idxs

    def get_log_prob(self, input, target):
        bsz, length, dim = input.size()
        input = input.contiguous().view(-1, dim)
        if target is not None:
            _, target_idxs = self.adapt_target(target)
        else:
            target_idxs = None
        head_y = self.head(input)
        log_probs = head_y.new_zeros(input.size(0), self.vocab_size)
        head_sz = self.cutoff[0] + len(self.tail)
        log_probs[:, :head_sz] = self.lsm(head_y)
        tail_priors = log_probs[:, self.cutoff[0]: head_sz].clone()
        for i in range(len(self.tail)):
            start = self.cutoff[i]
            end = self.cutoff[i + 1]
            if target_idxs is None:
                tail_out = log_probs[:, start:end]
                tail_out.copy_(self.tail[i](input))
                log_probs[:, start:end] = self.lsm(tail_out).add_(tail_priors[:, i, None])
            elif target_idxs[i] is not None:
                idxs = target_idxs[i]
                tail_out = log_probs[idxs, start:end]
                tail_out.copy_(self.tail[i](input[idxs]))
                log_probs[idxs, start:end] = self.lsm(tail_out).add_(tail_priors[idxs, i, None])  # expect: GG002
        log_probs = log_probs.view(bsz, length, -1)
        return log_probs


class LSTMLanguageModel(nn.Module):
    def __init__(self, vocab_size=20, dim=8, cutoff=[6, 12]):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True)
        self.adaptive_softmax = AdaptiveSoftmax(vocab_size, dim, cutoff, dropout=0.1)

    def forward(self, src_tokens):
        x, _ = self.lstm(self.embed_tokens(src_tokens))
        return x


model = LSTMLanguageModel()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
tokens = torch.randint(0, 20, (2, 7))
src, target = tokens[:, :-1], tokens[:, 1:].contiguous()
for step in range(2):
    optimizer.zero_grad()
    hidden = model(src)
    lprobs = model.adaptive_softmax.get_log_prob(hidden, target)
    loss = F.nll_loss(lprobs.view(-1, lprobs.size(-1)), target.reshape(-1), reduction="sum")
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
