from .mmdet_train import custom_train_detector

__all__ = ["custom_train_detector"]
