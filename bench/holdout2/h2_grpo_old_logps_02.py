# case: the same GRPO flow with generation and old log-probs computed under torch.no_grad() (the workaround the error message suggests): the ids are ordinary tensors and the num_iterations loop trains; runs cleanly
# source: https://github.com/huggingface/trl/issues/2983
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyCausalLM(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.mlp = nn.Linear(dim, dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids, logits_to_keep=0):
        h = self.embed_tokens(input_ids)
        h = torch.tanh(self.mlp(h))
        return self.lm_head(h[:, -logits_to_keep:, :])

    def generate(self, prompt_ids, max_new_tokens=3):
        ids = prompt_ids
        for _ in range(max_new_tokens):
            next_tok = self(ids, logits_to_keep=1)[:, -1].softmax(-1).multinomial(1)
            ids = torch.cat([ids, next_tok], dim=1)
        return ids


class GRPOTrainer:
    def __init__(self, model, num_iterations=3, epsilon=0.2):
        self.model = model
        self.num_iterations = num_iterations
        self.epsilon = epsilon
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)

    def _get_per_token_logps(self, model, input_ids, logits_to_keep):
        logits = model(input_ids=input_ids, logits_to_keep=logits_to_keep + 1)
        logits = logits[:, :-1, :]
        input_ids = input_ids[:, -logits_to_keep:]
        return torch.gather(logits.log_softmax(-1), 2, input_ids.unsqueeze(-1)).squeeze(-1)

    def _generate_and_score_completions(self, prompt_ids):
        with torch.no_grad():
            prompt_completion_ids = self.model.generate(prompt_ids)
            logits_to_keep = prompt_completion_ids.size(1) - prompt_ids.size(1)
            if self.num_iterations > 1:
                old_per_token_logps = self._get_per_token_logps(self.model, prompt_completion_ids, logits_to_keep)
            else:
                old_per_token_logps = None
        rewards = torch.randn(prompt_ids.size(0))
        advantages = (rewards - rewards.mean()) / (rewards.std() + 1e-4)
        return {"prompt_completion_ids": prompt_completion_ids, "logits_to_keep": logits_to_keep,
                "old_per_token_logps": old_per_token_logps, "advantages": advantages}

    def compute_loss(self, inputs):
        input_ids, logits_to_keep = inputs["prompt_completion_ids"], inputs["logits_to_keep"]
        per_token_logps = self._get_per_token_logps(self.model, input_ids, logits_to_keep)
        old_per_token_logps = inputs["old_per_token_logps"] if self.num_iterations > 1 else per_token_logps.detach()
        coef_1 = torch.exp(per_token_logps - old_per_token_logps)
        coef_2 = torch.clamp(coef_1, 1 - self.epsilon, 1 + self.epsilon)
        adv = inputs["advantages"].unsqueeze(1)
        per_token_loss = -torch.min(coef_1 * adv, coef_2 * adv)
        return per_token_loss.mean()

    def train_step(self, prompt_ids):
        inputs = self._generate_and_score_completions(prompt_ids)
        for _ in range(self.num_iterations):
            loss = self.compute_loss(inputs)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()


torch.manual_seed(0)
trainer = GRPOTrainer(TinyCausalLM(), num_iterations=3)
trainer.train_step(torch.randint(0, 16, (2, 4)))
