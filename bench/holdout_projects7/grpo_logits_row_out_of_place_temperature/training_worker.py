import numpy as np
import torch

from data_types import Episode
from models import TinyCausalLM
from utils import get_batch_log_probs, group_advantages, grpo_loss


class TrainingWorker:
    def __init__(self, config):
        self.num_answers_per_question = config["num_answers_per_question"]
        self.temperature = config["temperature"]
        self.pad_token_id = 0
        self.new_policy_model = TinyCausalLM()
        self.new_policy_model.train()
        self.optimizer = torch.optim.AdamW(self.new_policy_model.parameters(), lr=config["lr"])

    def train_step(self, episodes):
        prefix_len = len(episodes[0].whole_token_ids) - len(episodes[0].generated_token_ids)
        batch_token_ids = torch.tensor([e.whole_token_ids for e in episodes], dtype=torch.long)
        attention_mask = (batch_token_ids != self.pad_token_id).long()
        new_policy_log_probs = get_batch_log_probs(
            model=self.new_policy_model, batch_token_ids=batch_token_ids, attention_mask=attention_mask,
            enable_grad=True, temperature=self.temperature,
        )
        rewards = torch.tensor([e.reward for e in episodes], dtype=torch.float32)
        advantages = group_advantages(rewards=rewards, num_answers_per_question=self.num_answers_per_question)
        ref_policy_log_probs = torch.tensor(np.array([e.ref_policy_log_probs for e in episodes]), dtype=torch.float32)
        old_policy_log_probs = torch.tensor(np.array([e.old_policy_log_probs for e in episodes]), dtype=torch.float32)
        loss = grpo_loss(ref_policy_log_probs, old_policy_log_probs, new_policy_log_probs, attention_mask, advantages, prefix_len)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss
