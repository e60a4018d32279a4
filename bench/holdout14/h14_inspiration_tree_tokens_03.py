# case: look-alike: Inspiration Tree's textual_inversion_decomposed.py training: the placeholder rows are initialised through token_embeds = get_input_embeddings().weight.data, only the token embedding is optimised, and after every optimizer.step() the rows of all other tokens are restored from a clone inside torch.no_grad(); none of these writes is recorded or touches a saved tensor, so training runs
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


class UNetStandIn(nn.Module):  # frozen UNet2DConditionModel stand-in: predicts the noise from latents and text states
    def __init__(self, channels, dim):
        super().__init__()
        self.conv_in = nn.Conv2d(channels, channels, 3, padding=1)
        self.cond = nn.Linear(dim, channels)

    def forward(self, noisy_latents, timesteps, encoder_hidden_states):
        return SimpleNamespace(sample=self.conv_in(noisy_latents) + self.cond(encoder_hidden_states.mean(1))[:, :, None, None])


def add_noise(latents, noise, timesteps, num_train_timesteps=10):
    alphas = torch.linspace(0.99, 0.5, num_train_timesteps)[timesteps][:, None, None, None]
    return alphas.sqrt() * latents + (1 - alphas).sqrt() * noise


def main(args):
    tokenizer = CLIPTokenizer(["<pad>", "a", "photo", "of", "sculpture", "cat"])
    text_encoder = CLIPTextModel(len(tokenizer), 8)
    unet = UNetStandIn(4, 8)
    added_placeholders = args.placeholder_token.split(" ")
    num_added_tokens = tokenizer.add_tokens(added_placeholders)
    if num_added_tokens == 0:
        raise ValueError(f"The tokenizer already contains the token {args.placeholder_token}.")
    initializer_token_ids = tokenizer.convert_tokens_to_ids(args.initializer_token.split(" "))
    placeholder_token_ids = tokenizer.convert_tokens_to_ids(args.placeholder_token.split(" "))
    text_encoder.resize_token_embeddings(len(tokenizer))
    token_embeds = text_encoder.get_input_embeddings().weight.data
    for initializer_token_id_, placeholder_token_id_ in zip(initializer_token_ids, placeholder_token_ids):
        token_embeds[placeholder_token_id_] = token_embeds[initializer_token_id_]
    token_ids_opt = placeholder_token_ids
    index_no_updates = torch.tensor([x not in token_ids_opt for x in range(len(tokenizer))])
    unet.requires_grad_(False)
    text_encoder.text_model.encoder.requires_grad_(False)
    text_encoder.text_model.final_layer_norm.requires_grad_(False)
    text_encoder.text_model.embeddings.position_embedding.requires_grad_(False)
    optimizer = torch.optim.AdamW(text_encoder.get_input_embeddings().parameters(), lr=args.learning_rate, weight_decay=1e-2)
    orig_embeds_params = text_encoder.get_input_embeddings().weight.data.clone()
    text_encoder.train()
    for step in range(args.max_train_steps):
        latents = torch.randn(2, 4, 4, 4) * 0.18215  # vae.encode(pixel_values).latent_dist.sample() stand-in
        noise = torch.randn_like(latents)
        timesteps = torch.randint(0, 10, (2,)).long()
        noisy_latents = add_noise(latents, noise, timesteps)
        input_ids = tokenizer(["a photo of " + args.placeholder_token] * 2)
        encoder_hidden_states = text_encoder(input_ids)[0]
        model_pred = unet(noisy_latents, timesteps, encoder_hidden_states).sample
        loss = torch.nn.functional.mse_loss(model_pred.float(), noise.float(), reduction="mean")
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        # Let's make sure we don't update any embedding weights besides the newly added token
        with torch.no_grad():
            text_encoder.get_input_embeddings().weight[index_no_updates] = orig_embeds_params[index_no_updates]
        with torch.no_grad():
            norm_list = [torch.norm(text_encoder.get_input_embeddings().weight[i].unsqueeze(0)) for i in placeholder_token_ids]
    return text_encoder.get_input_embeddings().weight[placeholder_token_ids]


args = SimpleNamespace(placeholder_token="<v1> <v2>", initializer_token="sculpture sculpture", learning_rate=5e-3, max_train_steps=2)
learned_embeds = main(args)
