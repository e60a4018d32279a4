# case: the PR's fix: add_new_tokens drops the @torch.inference_mode decorator and only the row initialisation runs under torch.no_grad(); the resized Parameters are normal tensors and full fine-tuning runs cleanly
# source: https://github.com/unslothai/unsloth-zoo/pull/137
import torch
import torch.nn as nn


class TinyCausalLM(nn.Module):
    def __init__(self, vocab_size=12, hidden=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, hidden)
        self.layer = nn.Linear(hidden, hidden)
        self.lm_head = nn.Linear(hidden, vocab_size, bias=False)

    def get_input_embeddings(self):
        return self.embed_tokens

    def get_output_embeddings(self):
        return self.lm_head

    def resize_token_embeddings(self, new_num_tokens):
        old_embeddings = self.embed_tokens
        new_embeddings = nn.Embedding(new_num_tokens, old_embeddings.embedding_dim)
        n = min(old_embeddings.num_embeddings, new_num_tokens)
        new_embeddings.weight.data[:n, :] = old_embeddings.weight.data[:n, :]
        self.embed_tokens = new_embeddings
        old_lm_head = self.lm_head
        new_lm_head = nn.Linear(old_lm_head.in_features, new_num_tokens, bias=False)
        new_lm_head.weight.data[:n, :] = old_lm_head.weight.data[:n, :]
        self.lm_head = new_lm_head

    def forward(self, input_ids):
        h = torch.tanh(self.layer(self.embed_tokens(input_ids)))
        return self.lm_head(h)


class Tokenizer:
    def __init__(self, n):
        self.vocab = [f"tok{i}" for i in range(n)]

    def add_tokens(self, tokens):
        self.vocab += tokens

    def __len__(self):
        return len(self.vocab)


def add_new_tokens(model, tokenizer, new_tokens=[], method="mean"):
    with torch.no_grad():
        embedding_matrix = model.get_input_embeddings().weight.clone()
        lm_head_matrix = model.get_output_embeddings().weight.clone()
        mean_embedding = embedding_matrix.mean(dim=0)
        mean_lm_head = lm_head_matrix.mean(dim=0)

    old_length = len(tokenizer)
    tokenizer.add_tokens(new_tokens)
    model.resize_token_embeddings(len(tokenizer))

    with torch.no_grad():
        embedding_matrix = model.get_input_embeddings().weight
        lm_head_matrix = model.get_output_embeddings().weight
        embedding_matrix[old_length:] = mean_embedding
        lm_head_matrix[old_length:] = mean_lm_head


model = TinyCausalLM()
tokenizer = Tokenizer(12)
new_tokens = [f"<NEW_TOKEN_{i}>" for i in range(4)]
add_new_tokens(model, tokenizer, new_tokens=new_tokens)

# Training the modified model (full fine-tuning)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
input_ids = torch.randint(0, len(tokenizer), (2, 6))
logits = model(input_ids[:, :-1])
loss = nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), input_ids[:, 1:].reshape(-1))
loss.backward()
optimizer.step()
