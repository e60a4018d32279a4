from .spokencoco_dataset import ImageCaptionDataset, collate

__all__ = ["ImageCaptionDataset", "collate"]
