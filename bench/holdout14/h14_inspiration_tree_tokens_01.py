# case: Inspiration Tree playground: load_tokens() adds the learned concept tokens (<v1>, <v2>) to the Stable Diffusion pipeline's tokenizer, resizes the CLIP text encoder's token embedding and writes each learned vector into its row with pipe.text_encoder.text_model.embeddings.token_embedding.weight[ref_indx] = embd_cur; the row is a view of the embedding weight, a leaf that requires grad, so the in-place write fails
# source: https://github.com/google/inspiration_tree/issues/25
from types import SimpleNamespace

import torch
import torch.nn as nn

torch.manual_seed(0)


class CLIPTokenizer:  # stand-in for transformers.CLIPTokenizer
    def __init__(self, words):
        self.encoder = {w: i for i, w in enumerate(words)}

    def __len__(self):
        return len(self.encoder)

    def add_tokens(self, new_tokens):
        added = [t for t in new_tokens if t not in self.encoder]
        for t in added:
            self.encoder[t] = len(self.encoder)
        return len(added)

    def tokenize(self, text):
        return text.split(" ")

    def convert_tokens_to_ids(self, tokens):
        return [self.encoder[t] for t in tokens]

    def __call__(self, prompts, max_length=6):
        ids = [self.convert_tokens_to_ids(self.tokenize(p))[:max_length] for p in prompts]
        return torch.tensor([i + [0] * (max_length - len(i)) for i in ids])


class CLIPTextEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim, max_positions=6):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, dim)
        self.position_embedding = nn.Embedding(max_positions, dim)

    def forward(self, input_ids):
        return self.token_embedding(input_ids) + self.position_embedding(torch.arange(input_ids.shape[1]))


class CLIPTextTransformer(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.embeddings = CLIPTextEmbeddings(vocab_size, dim)
        self.encoder = nn.TransformerEncoderLayer(dim, nhead=2, dim_feedforward=2 * dim, dropout=0.0, batch_first=True)
        self.final_layer_norm = nn.LayerNorm(dim)

    def forward(self, input_ids):
        return self.final_layer_norm(self.encoder(self.embeddings(input_ids)))


class CLIPTextModel(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.text_model = CLIPTextTransformer(vocab_size, dim)

    def get_input_embeddings(self):
        return self.text_model.embeddings.token_embedding

    def resize_token_embeddings(self, new_num_tokens):
        old = self.get_input_embeddings()
        new = nn.Embedding(new_num_tokens, old.embedding_dim)
        n = min(old.num_embeddings, new_num_tokens)
        new.weight.data[:n, :] = old.weight.data[:n, :]
        self.text_model.embeddings.token_embedding = new
        return new

    def forward(self, input_ids):
        return (self.text_model(input_ids),)


def load_tokens(pipe, data, device):
    """
    Adds the new learned tokens into the predefined dictionary of pipe.
    """
    added_tokens = []
    for t_ in data.keys():
        added_tokens.append(t_)
    num_added_tokens = pipe.tokenizer.add_tokens(added_tokens)
    pipe.text_encoder.resize_token_embeddings(len(pipe.tokenizer))
    for token_ in data.keys():
        ref_token = pipe.tokenizer.tokenize(token_)
        ref_indx = pipe.tokenizer.convert_tokens_to_ids(ref_token)[0]
        embd_cur = data[token_].to(device).to(dtype=torch.float32)
        pipe.text_encoder.text_model.embeddings.token_embedding.weight[ref_indx] = embd_cur  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
    return num_added_tokens


device = "cpu"
pipe = SimpleNamespace(tokenizer=CLIPTokenizer(["<pad>", "a", "photo", "of", "sculpture", "cat"]), text_encoder=CLIPTextModel(6, 8))
prompt_to_vec = {"<v1>": torch.randn(8), "<v2>": torch.randn(8)}  # stand-in for torch.load("learned_tokens/paper_tokens.bin")
load_tokens(pipe, prompt_to_vec, device)
prompts = ["<v1>", "<v2>", "<v1> <v2>"]
with torch.no_grad():
    for prompt in prompts:
        encoder_hidden_states = pipe.text_encoder(pipe.tokenizer(["a photo of " + prompt]))[0]
