# case: fine-tuning OWL-ViT: the class head L2-normalizes its embeddings with `/=` after torch.linalg.norm read them, breaking the backward pass
# source: https://github.com/huggingface/transformers/pull/24529
import torch
import torch.nn.functional as F

from owlvit import OwlViTConfig, OwlViTForObjectDetection

torch.manual_seed(0)


def main():
    config = OwlViTConfig()
    model = OwlViTForObjectDetection(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    patches = torch.randn(2, 9, config.patch_dim)
    input_ids = torch.randint(1, config.vocab_size, (2, 3, 4))
    targets = (torch.rand(2, 9, 3) > 0.7).float()
    logits = model(input_ids, patches)
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    optimizer.step()
    print(loss.item())


if __name__ == "__main__":
    main()
