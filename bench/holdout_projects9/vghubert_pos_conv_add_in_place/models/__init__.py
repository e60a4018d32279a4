from . import audio_encoder, dual_encoder
from .audio_encoder import AudioEncoder
from .dual_encoder import DualEncoder, Margin_InfoNCE_loss

__all__ = ["audio_encoder", "dual_encoder", "AudioEncoder", "DualEncoder", "Margin_InfoNCE_loss"]
