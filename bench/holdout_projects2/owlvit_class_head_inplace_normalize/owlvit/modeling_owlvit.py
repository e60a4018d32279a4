from typing import Optional

import torch
from torch import nn

from .configuration_owlvit import OwlViTConfig


class OwlViTClassPredictionHead(nn.Module):
    def __init__(self, config: OwlViTConfig):
        super().__init__()
        out_dim = config.text_hidden_size
        self.query_dim = config.vision_hidden_size
        self.dense0 = nn.Linear(self.query_dim, out_dim)
        self.logit_shift = nn.Linear(self.query_dim, 1)
        self.logit_scale = nn.Linear(self.query_dim, 1)
        self.elu = nn.ELU()

    def forward(self, image_embeds, query_embeds: Optional[torch.Tensor], query_mask: Optional[torch.Tensor]):
        image_class_embeds = self.dense0(image_embeds)
        if query_embeds is None:
            batch_size, num_patches = image_class_embeds.shape[:2]
            pred_logits = torch.zeros((batch_size, num_patches, self.query_dim))
            return (pred_logits, image_class_embeds)

        # Normalize image and text features
        image_class_embeds /= torch.linalg.norm(image_class_embeds, dim=-1, keepdim=True) + 1e-6  # expect: GG002
        query_embeds /= torch.linalg.norm(query_embeds, dim=-1, keepdim=True) + 1e-6  # expect: GG002  # saver

        # Get class predictions
        pred_logits = torch.einsum("...pd,...qd->...pq", image_class_embeds, query_embeds)

        # Apply a learnable shift and scale to logits
        logit_shift = self.logit_shift(image_embeds)
        logit_scale = self.logit_scale(image_embeds)
        logit_scale = self.elu(logit_scale) + 1
        pred_logits = (pred_logits + logit_shift) * logit_scale

        if query_mask is not None:
            if query_mask.ndim > 1:
                query_mask = torch.unsqueeze(query_mask, dim=-2)
            pred_logits = torch.where(query_mask == 0, -1e6, pred_logits)
        return (pred_logits, image_class_embeds)


class OwlViTForObjectDetection(nn.Module):
    def __init__(self, config: OwlViTConfig):
        super().__init__()
        self.vision_proj = nn.Linear(config.patch_dim, config.vision_hidden_size)
        self.layer_norm = nn.LayerNorm(config.vision_hidden_size)
        self.token_embedding = nn.Embedding(config.vocab_size, config.text_hidden_size)
        self.text_projection = nn.Linear(config.text_hidden_size, config.text_hidden_size, bias=False)
        self.class_head = OwlViTClassPredictionHead(config)

    def class_predictor(self, image_feats, query_embeds=None, query_mask=None):
        pred_logits, image_class_embeds = self.class_head(image_feats, query_embeds, query_mask)
        return (pred_logits, image_class_embeds)

    def forward(self, input_ids, patches, attention_mask=None):
        image_feats = self.layer_norm(self.vision_proj(patches))
        text_embeds = self.text_projection(self.token_embedding(input_ids).mean(dim=-2))
        batch_size = patches.shape[0]
        query_embeds = text_embeds.reshape(batch_size, -1, text_embeds.shape[-1])
        query_mask = input_ids[..., 0] > 0
        pred_logits, _ = self.class_predictor(image_feats, query_embeds, query_mask)
        return pred_logits
