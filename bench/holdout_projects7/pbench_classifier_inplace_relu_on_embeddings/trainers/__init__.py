from .train_with_classifier import TrainWithClassifier

__all__ = ["TrainWithClassifier"]
