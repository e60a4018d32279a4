# case: the rewrite proposed in the thread, `m[range, g] = m[range, g] - 1.0`, is still an in-place index assignment on a view of an iteration (unbind) output; torch 2.13 raises the same multi-view error
# source: https://github.com/coli-saar/am-parser/issues/100
import numpy as np
import torch


def chu_liu_edmonds(m):
    # stand-in for dependency_decoding.chu_liu_edmonds: greedy head per token
    return list(m.argmax(axis=1)), None


def cle_loss(scores: torch.Tensor, lengths: torch.Tensor, gold_heads: torch.Tensor, normalize_wrt_seq_len: bool):
    losses: torch.Tensor = 0
    scores = scores.cpu()
    gold_heads = gold_heads.cpu().numpy()
    lengths = lengths.cpu().numpy()

    for m, g, l in zip(scores, gold_heads, lengths):
        range = np.arange(l)
        # remove padding at the end:
        m = m[:l, :l]
        g = g[:l]  # -> shape (l,)

        # make gold solution look worse by cost augmentation (in the original, make non-gold look better)/introduce margin:
        m[range, g] = m[range, g] - 1.0  # cost augmentation  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views

        r, _ = chu_liu_edmonds(m.detach().double().numpy())
        r[0] = 0
        r = np.array(r)

        scores_of_solution = m[range, r]
        scores_of_gold = m[range, g]
        r = torch.from_numpy(r)
        g = torch.from_numpy(g)
        zero = torch.zeros(1, dtype=torch.float32)
        loss_term = torch.sum(torch.where(torch.eq(r, g), zero, scores_of_solution - scores_of_gold))
        if normalize_wrt_seq_len:
            loss_term /= l
        losses += loss_term
    return losses


arc_scorer = torch.nn.Bilinear(6, 6, 1)
encoded = torch.randn(2, 5, 6)
scores = arc_scorer(encoded.unsqueeze(2).expand(2, 5, 5, 6).contiguous(),
                    encoded.unsqueeze(1).expand(2, 5, 5, 6).contiguous()).squeeze(-1)
lengths = torch.tensor([5, 4])
gold_heads = torch.tensor([[0, 0, 1, 1, 2], [0, 2, 0, 2, 0]])
loss = cle_loss(scores, lengths, gold_heads, normalize_wrt_seq_len=True)
loss.backward()
