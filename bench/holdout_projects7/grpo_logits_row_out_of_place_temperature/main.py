# case: clean twin: each logits row is divided by the temperature out of place (`logits_row = logits_row / temperature`), a new tensor, so nothing modifies the unbind views and the GRPO step trains
# source: https://github.com/TeenLucifer/grpo_reproduce/issues/11
import torch

from data_types import Episode
from training_worker import TrainingWorker

torch.manual_seed(0)


def sample_episodes(num_questions=2, num_answers=2, prefix_len=3, gen_len=4, vocab=12):
    episodes = []
    for q in range(num_questions):
        prefix = torch.randint(1, vocab, (prefix_len,)).tolist()
        for _ in range(num_answers):
            gen = torch.randint(1, vocab, (gen_len,)).tolist()
            whole = prefix + gen
            episodes.append(Episode(prefix, gen, whole, reward=float(torch.rand(())), old_policy_log_probs=[-2.0] * (len(whole) - 1), ref_policy_log_probs=[-2.0] * (len(whole) - 1)))
    return episodes


def main():
    worker = TrainingWorker({"num_answers_per_question": 2, "temperature": 0.7, "lr": 1e-3})
    for step in range(2):
        loss = worker.train_step(sample_episodes())
        print(step, loss.item())


if __name__ == "__main__":
    main()
