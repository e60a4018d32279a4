"""Trains the dual encoder: forward -> weighted loss -> backward -> step."""
import torch
from torch.utils.data import DataLoader

from datasets import ImageCaptionDataset, collate
from models import dual_encoder

from .trainer_utils import AverageMeter


class Trainer:
    @staticmethod
    def add_args(parser):
        parser.add_argument("--batch_size", type=int, default=4)
        parser.add_argument("--lr", type=float, default=1e-3)
        parser.add_argument("--n_epochs", type=int, default=1)
        parser.add_argument("--cls_loss", action="store_true")
        parser.add_argument("--feat_loss", action="store_true")
        parser.add_argument("--cls_coarse_matching_weight", type=float, default=1.0)
        parser.add_argument("--feat_coarse_matching_weight", type=float, default=1.0)

    def __init__(self, args):
        self.args = args
        self.dual_encoder = dual_encoder.DualEncoder(args)
        self.optimizer = torch.optim.AdamW(self.dual_encoder.parameters(), lr=args.lr)
        self.train_loader = DataLoader(ImageCaptionDataset(), batch_size=args.batch_size,
                                       shuffle=False, collate_fn=collate)
        self.meters = {k: AverageMeter() for k in ("weighted_loss", "cls_matching_loss", "feat_matching_loss")}
        self.criterion = dual_encoder.Margin_InfoNCE_loss

    def forward(self, batch):
        audio_feats, audio_cls, _, visual_feats, visual_cls = self.dual_encoder(
            audio_feats=batch["audio"], attention_mask=batch["audio_attention_mask"], images=batch["images"]
        )
        losses = {}
        if self.args.cls_loss:
            S = audio_cls @ visual_cls.t()
            losses["cls_matching_loss"] = self.criterion(S, margin=self.args.margin, img_id=batch["img_id"])
        if self.args.feat_loss:
            S = audio_feats.mean(1) @ visual_feats.mean(1).t()
            losses["feat_matching_loss"] = self.criterion(S, margin=self.args.margin, img_id=batch["img_id"])
        return losses

    def weight_loss(self, losses):
        weighted_loss = 0.0
        if "cls_matching_loss" in losses:
            weighted_loss = weighted_loss + losses["cls_matching_loss"] * self.args.cls_coarse_matching_weight
        if "feat_matching_loss" in losses:
            weighted_loss = weighted_loss + losses["feat_matching_loss"] * self.args.feat_coarse_matching_weight
        return weighted_loss

    def train(self):
        step = 0
        for epoch in range(self.args.n_epochs):
            self.dual_encoder.train()
            for cur_batch in self.train_loader:
                losses = self.forward(cur_batch)
                for key in losses:
                    self.meters[key].update(losses[key].item(), cur_batch["images"].shape[0])
                weighted_loss = self.weight_loss(losses)
                self.meters["weighted_loss"].update(weighted_loss.item(), cur_batch["images"].shape[0])
                self.optimizer.zero_grad()
                weighted_loss.backward()  # raises: RuntimeError: modified by an inplace operation
                torch.nn.utils.clip_grad_norm_(self.dual_encoder.parameters(), 1.0)
                self.optimizer.step()
                step += 1
            print(f"epoch {epoch} step {step} loss {self.meters['weighted_loss'].avg:.4f}")
