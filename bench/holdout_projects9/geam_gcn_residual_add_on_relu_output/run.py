# case: GEAM's SAC agent (`run.py` -> `model.sac.SAC.run` -> `update` -> `compute_loss_q` -> `GCNEmbed` in model/ac.py): every GCN layer after the first is residual and adds its input to the ReLU's output in place (`h = self.activation(h)` then `h += h_in`); ReLU saved that output, so the critic's `loss_q.backward()` fails (the "output 0 of ReluBackward0" error of the issue)
# source: https://github.com/SeulLee05/GEAM/issues/1
import argparse

import torch

from model.sac import SAC
from utils_sac.env import MoleculeEnv
from utils_sac.utils import get_vocab, set_seed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-s", "--seed", type=int, default=0)
    parser.add_argument("-v", "--vocab_path", type=str, default="vocab.txt")
    parser.add_argument("--batch_size", type=int, default=4)
    parser.add_argument("--total_steps", type=int, default=12)
    parser.add_argument("--start_steps", type=int, default=6)
    parser.add_argument("--update_after", type=int, default=4)
    parser.add_argument("--update_every", type=int, default=4)
    parser.add_argument("--emb_size", type=int, default=4)
    parser.add_argument("--num_layer", type=int, default=3)
    parser.add_argument("--tau", type=float, default=1e-1)
    parser.add_argument("--target_entropy", type=float, default=1.0)
    parser.add_argument("--init_alpha", type=float, default=1.0)
    parser.add_argument("--init_pi_lr", type=float, default=1e-4)
    parser.add_argument("--init_q_lr", type=float, default=1e-4)
    parser.add_argument("--init_alpha_lr", type=float, default=5e-4)
    parser.add_argument("--alpha_max", type=float, default=20.0)
    parser.add_argument("--alpha_min", type=float, default=0.05)
    args = parser.parse_args([])
    torch.set_num_threads(1)
    set_seed(args.seed)
    vocab = get_vocab(args.vocab_path)
    model = SAC(args, vocab, env_fn=lambda: MoleculeEnv(vocab, seed=args.seed))
    model.run()


if __name__ == "__main__":
    main()
