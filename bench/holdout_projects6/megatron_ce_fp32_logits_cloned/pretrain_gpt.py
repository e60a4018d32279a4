# case: the PR's calculate_logits_max: fp32 logits are cloned (`vocab_parallel_logits.clone()`) instead of passed through the no-op `.float()`, so the in-place subtraction, `exp(out=)` and `div_` of the cross-entropy forward work on a private copy and the z-loss's saved logits are untouched
# source: https://github.com/NVIDIA/Megatron-LM/pull/1594
import torch

from megatron.core.models.gpt import GPTModel
from megatron.training.training import pretrain

torch.manual_seed(0)


def model_provider():
    return GPTModel()


def get_batch(data_iterator):
    tokens = next(data_iterator)
    return tokens[:, :-1], tokens[:, 1:]


def forward_step(data_iterator, model):
    input_ids, labels = get_batch(data_iterator)
    lm_loss, z_loss = model(input_ids, labels)
    return lm_loss.mean() + z_loss


def batches():
    g = torch.Generator().manual_seed(0)
    while True:
        yield torch.randint(0, 16, (2, 6), generator=g)


if __name__ == "__main__":
    pretrain(forward_step, model_provider, train_iters=2, data_iterator=batches())
