# case: Megatron-style GPT pretraining in fp32: the model adds a z-loss over its logits (logsumexp saves them) and then calls tensor_parallel.vocab_parallel_cross_entropy, whose forward subtracts the row max from the logits in place (`vocab_parallel_logits -= logits_max...`); for fp32 inputs `.float()` returns the same tensor, so the caller's saved logits are overwritten and backward fails
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
