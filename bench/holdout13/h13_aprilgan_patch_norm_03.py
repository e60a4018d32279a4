# case: look-alike as in the repository's test.py: the trained linear layers map the patch tokens under torch.no_grad(), and both the image embedding and each mapped token map are normalised in place (image_features /= ..., patch_tokens[layer] /= ...) before the zero-shot anomaly maps and image scores are computed; nothing is recorded, so the in-place divisions are harmless
# source: https://github.com/ByChelsea/VAND-APRIL-GAN/issues/9
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class FrozenCLIPStandIn(nn.Module):
    """Tiny stand-in for the open_clip ViT: returns the image embedding and the tokens of chosen blocks."""

    def __init__(self, width=16, embed_dim=8, layers=4, patch=4):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, width, patch, patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        self.blocks = nn.ModuleList([nn.TransformerEncoderLayer(width, 2, 32, dropout=0.0, batch_first=True) for _ in range(layers)])
        self.proj = nn.Linear(width, embed_dim, bias=False)
        self.token_embed = nn.Embedding(50, embed_dim)

    def encode_image(self, image, features_list):
        x = self.patch_embed(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1)
        patch_tokens = []
        for i, block in enumerate(self.blocks):
            x = block(x)
            if i + 1 in features_list:
                patch_tokens.append(x)
        return self.proj(x[:, 0]), patch_tokens

    def encode_text(self, tokens):
        return self.token_embed(tokens).mean(1)


def encode_text_with_prompt_ensemble(model, objs, device):
    prompt_state = [[1, 2, 3], [4, 5, 6]]  # normal / anomalous templates
    text_prompts = {}
    for obj in objs:
        text_features = []
        for i in range(len(prompt_state)):
            tokens = torch.tensor([[t + len(obj) for t in prompt_state[i]]])
            class_embeddings = model.encode_text(tokens)
            class_embeddings /= class_embeddings.norm(dim=-1, keepdim=True)
            class_embedding = class_embeddings.mean(dim=0)
            class_embedding /= class_embedding.norm()
            text_features.append(class_embedding)
        text_prompts[obj] = torch.stack(text_features, dim=1).to(device)
    return text_prompts


class LinearLayer(nn.Module):
    def __init__(self, dim_in, dim_out, k):
        super().__init__()
        self.fc = nn.ModuleList([nn.Linear(dim_in, dim_out) for _ in range(k)])

    def forward(self, tokens):
        for i in range(len(tokens)):
            tokens[i] = self.fc[i](tokens[i][:, 1:, :])
        return tokens


class BinaryDiceLoss(nn.Module):
    def forward(self, input, targets):
        N = targets.size()[0]
        input_flat, targets_flat = input.view(N, -1), targets.view(N, -1)
        intersection = input_flat * targets_flat
        N_dice_eff = (2 * intersection.sum(1) + 1) / (input_flat.sum(1) + targets_flat.sum(1) + 1)
        return 1 - N_dice_eff.sum() / N


def focal_loss(logit, target, gamma=2, smooth=1e-5):
    num_class = logit.shape[1]
    logit = logit.view(logit.size(0), num_class, -1).permute(0, 2, 1).reshape(-1, num_class)
    idx = target.reshape(-1, 1).long()
    one_hot_key = torch.zeros(idx.size(0), num_class).scatter_(1, idx, 1)
    one_hot_key = torch.clamp(one_hot_key, smooth / (num_class - 1), 1.0 - smooth)
    pt = (one_hot_key * logit).sum(1) + smooth
    return (-1 * torch.pow((1 - pt), gamma) * pt.log()).mean()


device, image_size, features_list = "cpu", 16, [2, 4]
model = FrozenCLIPStandIn()
model.requires_grad_(False)
trainable_layer = LinearLayer(16, 8, len(features_list))
optimizer = torch.optim.Adam(list(trainable_layer.parameters()), lr=1e-3, betas=(0.5, 0.999))
loss_dice = BinaryDiceLoss()

train_dataloader = [{"img": torch.rand(2, 3, image_size, image_size), "cls_name": ["bottle", "cable"], "img_mask": (torch.rand(2, 1, image_size, image_size) > 0.8).float()} for _ in range(2)]
with torch.no_grad():
    text_prompts = encode_text_with_prompt_ensemble(model, ["bottle", "cable"], device)

results = {"pr_sp": [], "anomaly_maps": []}
trainable_layer.eval()
for items in train_dataloader:
    image = items["img"].to(device)
    cls_name = items["cls_name"]
    with torch.no_grad():
        image_features, patch_tokens = model.encode_image(image, features_list)
        image_features /= image_features.norm(dim=-1, keepdim=True)
        text_features = torch.stack([text_prompts[cls] for cls in cls_name], dim=0)
        text_probs = (100.0 * image_features @ text_features[0]).softmax(dim=-1)
        results["pr_sp"].append(text_probs[0][1].item())

        patch_tokens = trainable_layer(patch_tokens)
        anomaly_maps = []
        for layer in range(len(patch_tokens)):
            patch_tokens[layer] /= patch_tokens[layer].norm(dim=-1, keepdim=True)
            anomaly_map = 100.0 * patch_tokens[layer] @ text_features
            B, L, C = anomaly_map.shape
            H = int(np.sqrt(L))
            anomaly_map = F.interpolate(anomaly_map.permute(0, 2, 1).view(B, 2, H, H), size=image_size, mode="bilinear", align_corners=True)
            anomaly_maps.append(torch.softmax(anomaly_map, dim=1)[:, 1, :, :].numpy())
        results["anomaly_maps"].append(np.sum(anomaly_maps, axis=0))
print(len(results["anomaly_maps"]), results["pr_sp"])
